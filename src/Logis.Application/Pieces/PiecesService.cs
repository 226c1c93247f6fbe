using Logis.Domain.Commun;
using Logis.Domain.Acces;
using Logis.Domain.Demandes;
using Logis.Domain.Pieces;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Demandes;
using Logis.Persistence.Pieces;
using Logis.Application.Demandes;
using Microsoft.EntityFrameworkCore;
using Logis.Application.Acces;
using Microsoft.Extensions.Logging;

namespace Logis.Application.Pieces;

/// <summary>A stored piece; <see cref="HorsListe"/> when its type has since been withdrawn from the legal list (still readable).</summary>
public sealed record PieceVue(Guid Id, string Type, string Libelle, bool Sensible, bool ContientNir, string? NomFichier, string TypeMedia,
    long Taille, string Sha256, DateTimeOffset DeposeeLe, string DeposeePar, string Organisation, bool Purgee, bool HorsListe = false);

/// <summary>A type of the legal list, with the annex heading it comes from and when it may be asked for.</summary>
public sealed record TypePieceVue(string Code, string Libelle, bool Sensible, bool ContientNir, string Exigence, string Rubrique = "");

/// <summary>
/// The pieces of a demand as one agent may see them: every ordinary piece; sensitive ones only for the roles that see sensitive
/// data, the others get only their number (<see cref="PiecesRestreintes"/>), never their title.
/// </summary>
public sealed record PiecesDemandeVue(string Numero, IReadOnlyList<PieceVue> Pieces, int PiecesRestreintes, bool PeutDeposer, bool DemandeActive,
    IReadOnlyList<TypePieceVue> Types, string TailleMax);

public sealed record ContenuPieceTelecharge(byte[] Octets, string TypeMedia, string NomFichier);

/// <summary>A file received by a page or the API, read only when its announced size is within the limit.</summary>
public sealed record FichierRecu(string? Nom, long Taille, byte[]? Contenu);

/// <summary>
/// Who deposits a piece, once allowed to deposit on the demand: an agent (their organisation, their role's rule for replacing a sensitive
/// piece) or the applicant from their space (<see cref="ParDemandeur"/>). <see cref="ControleRemplacement"/> refuses replacing a given piece, or null.
/// </summary>
internal sealed record Deposant(Guid Id, string Nom, Acteur Acteur, Siren? Epci, bool ParDemandeur, Func<Sensibilite, Resultat<PieceVue>?> ControleRemplacement);

/// <summary>Use cases of the supporting documents, shared by the API and the pages: check the perimeter and the role, call the domain, save.</summary>
public sealed class PiecesService(LogisDbContext db, DemandesService demandes, CataloguePieces catalogue, ReglesDepot regles,
    DepotPieces depot, IStockagePieces stockage, TimeProvider horloge, ILogger<PiecesService> journal, IAntivirus antivirus)
{
    public const string AntivirusIndisponible =
        "L'analyse antivirus de la pièce n'a pas pu être faite : la pièce n'a pas été déposée. Réessayez plus tard.";

    public static string MotifInfecte(string? signature) =>
        $"Le fichier contient un virus ou un programme malveillant{(signature is null ? "" : $" ({signature})")} : il est refusé. " +
        "Ne l'ouvrez pas et demandez au demandeur un autre exemplaire du document.";

    /// <summary>The same refusal, told to the applicant who sent the file.</summary>
    public static string MotifInfecteDemandeur(string? signature) =>
        $"Le fichier contient un virus ou un programme malveillant{(signature is null ? "" : $" ({signature})")} : il est refusé. " +
        "Analysez votre ordinateur ou votre téléphone, puis envoyez un autre exemplaire du document.";

    public const string EchecEnregistrement =
        "La pièce n'a pas pu être enregistrée (erreur du stockage ou de la base) : rien n'a changé, la version précédente est conservée. Réessayez plus tard.";

    public ReglesDepot Regles => regles;

    public async Task<Resultat<PiecesDemandeVue>> ListerAsync(Agent agent, string numero, CancellationToken ct)
    {
        var lecture = await demandes.ChargerPourAttestationAsync(agent, numero, ct);
        if (!lecture.EstReussi) return lecture.Relayer<PiecesDemandeVue>();
        var demande = lecture.Valeur!;
        // SQLite cannot order by DateTimeOffset: a demand has a handful of pieces, sorted here.
        var pieces = (await db.Pieces.AsNoTracking().Where(p => p.DemandeId == demande.Id).ToListAsync(ct)).OrderBy(p => p.DeposeeLe).ToList();
        var visibles = pieces.Where(p => AccesPieces.Voit(agent.Role, p.Sensibilite)).ToList();
        // Every listing is a recorded read, whoever reads; the action says whether sensitive titles were shown.
        await AuditerAsync(agent, visibles.Any(p => p.Sensibilite == Sensibilite.Sensible) ? ActionsAuditPieces.ListeSensible : ActionsAuditPieces.Liste, demande.Id, ct);
        await db.SaveChangesAsync(ct);
        return Resultat.Ok(new PiecesDemandeVue(demande.Numero.Valeur, visibles.Select(Vue).ToList(), pieces.Count - visibles.Count,
            await demandes.PeutAgirAsync(agent, ct), demande.Statut == StatutDemande.Active, Types(), regles.TailleMaxLisible));
    }

    /// <summary>The types of the legal list in force, as the upload forms offer them.</summary>
    public IReadOnlyList<TypePieceVue> Types() =>
        [.. catalogue.Types.Select(t => new TypePieceVue(t.Code, t.Libelle, t.EstSensible, t.ContientNir, t.ExigenceLisible, t.Rubrique))];

    /// <summary>The label of a stored type, even one since withdrawn from the list.</summary>
    public string Libelle(string code) => catalogue.LibelleStocke(code);

    /// <summary>Whether the agent may deposit on this demand, checked before the body is read (404 out of perimeter, 403 read-only role).</summary>
    public async Task<Resultat<DemandeId?>> AccesDepotAsync(Agent agent, string numero, CancellationToken ct)
    {
        var lecture = await demandes.ChargerPourAttestationAsync(agent, numero, ct);
        if (!lecture.EstReussi) return lecture.Relayer<DemandeId?>();
        return !AccesPieces.PeutDeposer(agent.Role) ? Resultat.Interdit<DemandeId?>("Votre rôle permet de consulter les demandes, non d'y déposer des pièces.")
            : !await demandes.PeutAgirAsync(agent, ct) ? Resultat.Interdit<DemandeId?>(DemandesService.NonServiceEnregistreur)
            : Resultat.Ok<DemandeId?>(lecture.Valeur!.Id);
    }

    /// <summary>Deposits a piece, or replaces <paramref name="remplace"/>: the previous version stays until the new one is committed.</summary>
    public async Task<Resultat<PieceVue>> DeposerAsync(Agent agent, string numero, string? typeCode, FichierRecu? fichier, Guid? remplace, CancellationToken ct)
    {
        var lecture = await demandes.ChargerPourAttestationAsync(agent, numero, ct);
        if (!lecture.EstReussi) return lecture.Relayer<PieceVue>();
        var demandeId = lecture.Valeur!.Id;
        if (!AccesPieces.PeutDeposer(agent.Role)) return Resultat.Interdit<PieceVue>("Votre rôle permet de consulter les demandes, non d'y déposer des pièces.");
        if (!await demandes.PeutAgirAsync(agent, ct)) return Resultat.Interdit<PieceVue>(DemandesService.NonServiceEnregistreur);
        var auteur = new Deposant(agent.Id, agent.Nom, await demandes.ActeurAsync(agent, ct), null, ParDemandeur: false, sensibilite =>
            !AccesPieces.Voit(agent.Role, sensibilite) ? PieceInconnue<PieceVue>()
            : !AccesPieces.PeutRemplacerOuRetirer(agent.Role, sensibilite) ? Resultat.Interdit<PieceVue>("Votre rôle ne permet pas de remplacer cette pièce.")
            : null);
        return await DeposerSurAsync(demandeId, auteur, typeCode, fichier, remplace, ct);
    }

    /// <summary>
    /// The deposit itself, once the author may deposit on the demand (an agent of its perimeter whose role acts, or the applicant on a demand
    /// linked to their account): the limitative list of types, the file checks (<see cref="FichierPiece.Verifier"/>: format, active content,
    /// image bombs, size), the antivirus, the quota, the domain act in the timeline, the journal, then the store. Every rule lives here once.
    /// </summary>
    internal async Task<Resultat<PieceVue>> DeposerSurAsync(DemandeId demandeId, Deposant auteur, string? typeCode, FichierRecu? fichier, Guid? remplace,
        CancellationToken ct)
    {
        var erreurs = new Dictionary<string, string[]>();
        var verification = catalogue.Verifier(typeCode);
        var type = verification.ValeurOuNull;
        if (type is null) erreurs["type"] = [.. verification.Erreurs];
        if (fichier is null || (fichier.Contenu is null && fichier.Taille == 0)) erreurs["fichier"] = ["Joignez le fichier de la pièce (PDF, JPEG ou PNG)."];
        else if (FichierPiece.ErreurTaille(fichier.Taille, regles) is { } trop) return Resultat.Invalide<PieceVue>(trop, new Dictionary<string, string[]> { ["fichier"] = [trop] });
        FichierPiece? verifie = null;
        if (fichier?.Contenu is { } octets)
        {
            var v = FichierPiece.Verifier(fichier.Nom, octets, regles);
            if (v.EstReussi) verifie = v.Valeur;
            else erreurs["fichier"] = [.. v.Erreurs];
        }
        if (erreurs.Count > 0 || type is null || verifie is null) return Resultat.Invalide<PieceVue>("La pièce n'a pas été déposée.", erreurs);

        // The antivirus, once the format is known good (docs/protection-des-donnees.md §2 item 31): no answer, no piece.
        var analyse = await antivirus.AnalyserAsync(fichier!.Contenu!, ct);
        if (analyse.Verdict == VerdictAntivirus.Infecte)
        {
            journal.LogWarning("Pièce refusée par l'antivirus ({Signature}) pour la demande {DemandeId}", analyse.Signature, demandeId);
            var motif = auteur.ParDemandeur ? MotifInfecteDemandeur(analyse.Signature) : MotifInfecte(analyse.Signature);
            return Resultat.Invalide<PieceVue>(motif, new Dictionary<string, string[]> { ["fichier"] = [motif] });
        }
        if (analyse.Verdict != VerdictAntivirus.Sain)
        {
            journal.LogError("Analyse antivirus indisponible : pièce non déposée pour la demande {DemandeId}", demandeId);
            return Resultat.Indisponible<PieceVue>(AntivirusIndisponible);
        }

        PieceJustificative? ancienne = null;
        if (remplace is { } idAncienne)
        {
            ancienne = await db.Pieces.SingleOrDefaultAsync(p => p.Id == idAncienne && p.DemandeId == demandeId && p.Statut == StatutPiece.Disponible, ct);
            if (ancienne is null) return PieceInconnue<PieceVue>();
            if (auteur.ControleRemplacement(ancienne.Sensibilite) is { } refus) return refus;
        }

        // The quota of the demand (docs/protection-des-donnees.md §2 item 31): its available pieces, a replaced one leaving.
        var disponibles = db.Pieces.Where(p => p.DemandeId == demandeId && p.Statut == StatutPiece.Disponible);
        var nombre = await disponibles.CountAsync(ct);
        var volume = nombre == 0 ? 0 : await disponibles.SumAsync(p => p.Taille, ct);
        if (FichierPiece.ErreurQuota(nombre, volume, verifie.Taille, ancienne?.Taille, regles) is { } quota)
            return Resultat.Conflit<PieceVue>(quota, new Dictionary<string, string[]> { ["fichier"] = [quota] });

        var demande = await db.Demandes.SingleAsync(d => d.Id == demandeId, ct);
        var acteur = auteur.Acteur;
        var quand = demandes.Maintenant();
        var acte = auteur.ParDemandeur ? demande.NoterPieceDeposeeParDemandeur(type.CategorieChronologie, ancienne is not null, quand, acteur)
            : ancienne is null ? demande.NoterPieceRecue(type.CategorieChronologie, quand, acteur) : demande.NoterPieceRemplacee(type.CategorieChronologie, quand, acteur);
        if (!acte.EstReussi)
        {
            db.ChangeTracker.Clear();
            return Resultat.Conflit<PieceVue>(acte.Motif!);
        }
        var piece = PieceJustificative.Creer(demande.Id, type, verifie, horloge.GetUtcNow(), auteur.Id, auteur.Nom, acteur.Organisation);
        Auditer(auteur.Id, auteur.Nom, acteur.Organisation, ancienne is null ? ActionsAuditPieces.Depot : ActionsAuditPieces.Remplacement, demande.Id, auteur.Epci);
        try
        {
            await depot.EnregistrerAsync(piece, fichier!.Contenu!, ancienne, ct);
        }
        catch (Exception e) when (e is DbUpdateException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            journal.LogError(e, "Échec de l'enregistrement d'une pièce de la demande {DemandeId}", demande.Id);
            return Resultat.Indisponible<PieceVue>(EchecEnregistrement);
        }
        return Resultat.Ok<PieceVue>(Vue(piece));
    }

    /// <summary>The content of a piece; every download is audited, a sensitive one under its own action (docs/protection-des-donnees.md §2 item 18).</summary>
    public async Task<Resultat<ContenuPieceTelecharge>> TelechargerAsync(Agent agent, string numero, Guid id, CancellationToken ct)
    {
        var lecture = await demandes.ChargerPourAttestationAsync(agent, numero, ct);
        if (!lecture.EstReussi) return lecture.Relayer<ContenuPieceTelecharge>();
        var demandeId = lecture.Valeur!.Id;
        var piece = await db.Pieces.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id && p.DemandeId == demandeId, ct);
        if (piece is null) return PieceInconnue<ContenuPieceTelecharge>();
        if (!AccesPieces.Voit(agent.Role, piece.Sensibilite))
            return Resultat.Interdit<ContenuPieceTelecharge>("Cette pièce est à accès restreint : votre rôle ne permet pas de la consulter.");
        if (piece.Statut == StatutPiece.Purgee)
            return Resultat.NonTrouve<ContenuPieceTelecharge>("Le contenu de cette pièce a été supprimé à la radiation de la demande.");
        var octets = await stockage.LireAsync(db, piece.Id, ct);
        if (octets is null) return PieceInconnue<ContenuPieceTelecharge>();
        await AuditerAsync(agent, piece.Sensibilite == Sensibilite.Sensible ? ActionsAuditPieces.LectureSensible : ActionsAuditPieces.Telechargement, demandeId, ct);
        await db.SaveChangesAsync(ct);
        return Resultat.Ok(new ContenuPieceTelecharge(octets, piece.TypeMedia, piece.NomFichier));
    }

    public async Task<Resultat<PieceVue>> RetirerAsync(Agent agent, string numero, Guid id, CancellationToken ct)
    {
        var lecture = await demandes.ChargerPourAttestationAsync(agent, numero, ct);
        if (!lecture.EstReussi) return lecture.Relayer<PieceVue>();
        var demandeId = lecture.Valeur!.Id;
        if (!AccesPieces.PeutDeposer(agent.Role)) return Resultat.Interdit<PieceVue>("Votre rôle permet de consulter les demandes, non d'en retirer des pièces.");
        if (!await demandes.PeutAgirAsync(agent, ct)) return Resultat.Interdit<PieceVue>(DemandesService.NonServiceEnregistreur);
        var piece = await db.Pieces.SingleOrDefaultAsync(p => p.Id == id && p.DemandeId == demandeId, ct);
        if (piece is null) return PieceInconnue<PieceVue>();
        if (!AccesPieces.PeutRemplacerOuRetirer(agent.Role, piece.Sensibilite))
            return Resultat.Interdit<PieceVue>("Cette pièce est à accès restreint : votre rôle ne permet pas de la retirer.");
        var demande = await db.Demandes.SingleAsync(d => d.Id == demandeId, ct);
        var acteur = await demandes.ActeurAsync(agent, ct);
        var categorie = piece.Sensibilite == Sensibilite.Sensible ? TypePiece.PieceSensible : piece.Categorie;
        var acte = demande.NoterPieceRetiree(categorie, demandes.Maintenant(), acteur);
        if (!acte.EstReussi)
        {
            db.ChangeTracker.Clear();
            return Resultat.Conflit<PieceVue>(acte.Motif!);
        }
        Auditer(agent, acteur.Organisation, ActionsAuditPieces.Retrait, demande.Id);
        var vue = Vue(piece);
        try
        {
            await depot.RetirerAsync(piece, ct);
        }
        catch (Exception e) when (e is DbUpdateException or IOException or InvalidOperationException)
        {
            journal.LogError(e, "Échec du retrait d'une pièce de la demande {DemandeId}", demande.Id);
            return Resultat.Indisponible<PieceVue>("La pièce n'a pas pu être retirée : rien n'a changé. Réessayez plus tard.");
        }
        return Resultat.Ok(vue);
    }

    private PieceVue Vue(PieceJustificative p) => new(p.Id, p.TypeCode, catalogue.LibelleStocke(p.TypeCode), p.Sensibilite == Sensibilite.Sensible,
        p.ContientNir, p.Statut == StatutPiece.Purgee ? null : p.NomFichier, p.TypeMedia, p.Taille, p.Sha256, HeureFrance.EnFrance(p.DeposeeLe),
        p.DeposeePar, p.Organisation, p.Statut == StatutPiece.Purgee, catalogue.Trouver(p.TypeCode) is null);

    private async Task AuditerAsync(Agent agent, string action, DemandeId demande, CancellationToken ct) =>
        Auditer(agent, (await demandes.ActeurAsync(agent, ct)).Organisation, action, demande);

    private void Auditer(Agent agent, string organisation, string action, DemandeId demande) => Auditer(agent.Id, agent.Nom, organisation, action, demande, null);

    private void Auditer(Guid auteurId, string auteur, string organisation, string action, DemandeId demande, Siren? epci) =>
        db.Audit.Add(new EntreeAudit
        {
            Quand = horloge.GetUtcNow(), AuteurId = auteurId, Auteur = auteur, Organisation = organisation, Action = action, DemandeId = demande, EpciSiren = epci,
        });

    internal static Resultat<T> PieceInconnue<T>() => Resultat.NonTrouve<T>("Aucune pièce de ce numéro pour cette demande.");
}
