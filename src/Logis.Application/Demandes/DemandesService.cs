using Logis.Persistence.Pieces;
using Logis.Persistence.Seed;
using Logis.Persistence.Cotation;
using Logis.Domain.Commun;
using System.Linq.Expressions;
using Logis.Domain.Acces;
using Logis.Domain.Demandes;
using Logis.Domain.Menages;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Demandes;
using Logis.Persistence.Demandes.Fichier;
using Logis.Application.Territoire;
using Microsoft.EntityFrameworkCore;
using Logis.Application.Acces;
using Logis.Application.Sne;

namespace Logis.Application.Demandes;

/// <summary>A person as shown to an agent; <paramref name="Situation"/> says co-applicant, dependant, custody (the disability card only to the roles seeing sensitive data).</summary>
public sealed record PersonneVue(string Nom, string Prenoms, DateOnly DateNaissance, string Lien, string? Nir, string? Situation = null);

public sealed record SituationVue(string Critere, string Reference, string Statut);

/// <summary>A legal entity applicant: name, SIREN, nature in plain French.</summary>
public sealed record PersonneMoraleVue(string RaisonSociale, string Siren, string Nature);

public sealed record EvenementVue(int Rang, string Type, DateTimeOffset Quand, Guid AuteurId, string Auteur, string Organisation, string Resume);

/// <summary>
/// What an agent sees of a demand. Sensitive fields (masked NIR, priority situations, disability needs) are
/// filled only for the roles <see cref="AccesDemandes.VoitDonneesSensibles"/> allows; the NIR is never complete.
/// </summary>
public sealed record DemandeVue(
    string Numero, string Statut, string Canal, DateOnly DateDepot, DateOnly? DateDernierRenouvellement, DateOnly DateFinValidite,
    string? MotifRadiation, DateOnly? DateRadiation, string Demandeur, IReadOnlyList<PersonneVue> Personnes, string Adresse,
    string? SituationFamiliale, decimal RessourcesMensuelles, bool Mutation, IReadOnlyList<string> Typologies, IReadOnlyList<string> Communes,
    bool ToutEpci, decimal? LoyerMaximum, bool Prioritaire, bool DonneesSensiblesVisibles, IReadOnlyList<SituationVue>? SituationsPrioritaires,
    string? Handicap)
{
    /// <summary>The national number in its four parts (<c>083 0326 000123 G0001</c>).</summary>
    public string NumeroLisible { get; init; } = Numero;

    /// <summary>The legal entity that applies to sublet (CCH L442-8-1), or null for a household; then <see cref="Demandeur"/> is its representative.</summary>
    public PersonneMoraleVue? PersonneMorale { get; init; }

    /// <summary>The registering service whose code ends the number: « name (code) », or the code alone when it is not one of the territory's.</summary>
    public string Guichet { get; init; } = "";

    /// <summary>The number Logis gave the demand before the national number, if any.</summary>
    public string? AncienneReference { get; init; }
}

/// <param name="Score">The stored score (cotation) under the grid in force, or null when the demand is not scored.</param>
public sealed record LigneDemande(string Numero, string Demandeur, DateOnly DateDepot, string Statut, IReadOnlyList<string> Typologies,
    IReadOnlyList<string> Communes, bool ToutEpci, bool Prioritaire, int? Score);

/// <summary>The order of a list of demands: seniority (deposit date, then number) or score (highest first).</summary>
public enum TriDemandes
{
    Depot = 1,
    Score = 2,
}

public sealed record FiltreDemandes(DemandesService.CleDemande? Numero, string? Nom, CodeInsee? Commune, Typologie? Typologie, StatutDemande? Statut, bool? Prioritaire,
    TriDemandes Tri = TriDemandes.Depot);

/// <summary>The use cases on demands, shared by the API and the agent pages: load, check the perimeter, call the domain, save.</summary>
/// <param name="coteur">Scores every demand an act changes, before it is saved (the acts' explicit side effect, ADR 0010).</param>
/// <param name="stockage">The piece store whose files go when an act radiates a demand (none: only the database contents go).</param>
/// <param name="enregistrement">The registration settings (bound on the deposit date); <see cref="ReglesEnregistrement.Defaut"/> when not given.</param>
/// <param name="sne">The national registration system each act is sent to, in its transaction (docs/sne.md §2; none: nothing is sent).</param>
public sealed class DemandesService(LogisDbContext db, TimeProvider horloge, ICoteurDemandes coteur, IStockagePieces? stockage = null,
    ReglesEnregistrement? enregistrement = null, ISystemeNational? sne = null)
{
    /// <summary>The registration settings in force (bound on the deposit date, alert notice).</summary>
    public ReglesEnregistrement Enregistrement { get; } = enregistrement ?? ReglesEnregistrement.Defaut;

    /// <summary>The reason given when a number is unknown or outside the caller's perimeter (the same words for both: nothing is said of the others).</summary>
    public static string Introuvable(string numero) => $"Aucune demande de numéro {numero} dans votre périmètre.";

    public const int TaillePageParDefaut = 50;
    public const int TaillePageMax = 200;

    /// <summary>Local setting: renewal possible from three months before expiry [M].</summary>
    public static readonly FenetreRenouvellement Fenetre = FenetreRenouvellement.Creer(3).Valeur;

    /// <summary>French local time: the civil dates of the acts are the French calendar dates.</summary>
    public DateTimeOffset Maintenant() => horloge.MaintenantEnFrance();

    public async Task<Resultat<NumeroUnique>> EnregistrerAsync(Agent agent, DemandeSaisie saisie, CancellationToken ct)
    {
        var numerotation = await ServiceEnregistreurAsync(agent, ct);
        if (!numerotation.EstReussi) return Resultat.Echec<NumeroUnique>(numerotation.Probleme);
        var (contenu, erreurs) = saisie.Lire(await CommunesEpciAsync(agent, ct));
        var (canal, depot, motif) = saisie.LireDepot(erreurs);
        if (contenu is null || erreurs.Count > 0) return Resultat.Invalide<NumeroUnique>("La demande comporte des erreurs.", erreurs);

        var quand = Maintenant();
        var premierDepot = depot ?? HeureFrance.Jour(quand);
        if (Enregistrement.RefusDateDepot(premierDepot, HeureFrance.Jour(quand), motif) is { } refusDepot)
            return Resultat.Invalide<NumeroUnique>(refusDepot.Message, new Dictionary<string, string[]> { [refusDepot.Champ] = [refusDepot.Message] });
        if (Demande.RefusEnregistrement(contenu, premierDepot, quand) is { } refus)
            return Resultat.Invalide<NumeroUnique>(refus, new Dictionary<string, string[]> { ["dateDepot"] = [refus] });
        var n = numerotation.Valeur!;
        var acteur = await ActeurAsync(agent, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The national number: territory, month and year of the first deposit, sequence of that month, registering service.
        var sequence = await db.ProchaineSequenceAsync(n.Territoire, premierDepot, ct);
        var numero = NumeroUnique.Creer(n.Territoire, premierDepot, sequence, n.CodePour(canal));
        if (!numero.EstReussi) return Resultat.Invalide<NumeroUnique>(numero.Motif!, new Dictionary<string, string[]> { ["dateDepot"] = [numero.Motif!] });
        var demande = Demande.Enregistrer(new DemandeId(Guid.NewGuid()), numero.Valeur, contenu, canal, premierDepot, quand, acteur, motif);
        if (!demande.EstReussi) return Resultat.Invalide<NumeroUnique>(demande.Motif!, new Dictionary<string, string[]> { ["dateDepot"] = [demande.Motif!] });
        db.AjouterDemande(demande.Valeur, agent.Perimetre.EpciSiren);
        Auditer(agent, acteur, ActionsAudit.Enregistrement, demande.Valeur.Id);
        await SauverAsync(ct);
        // The national system learns of the demand in the same transaction: its refusal undoes the registration (and its number).
        if (sne is not null && await sne.EnregistrerAsync(demande.Valeur, ct) is { EstReussi: false } refusSne)
        {
            db.ChangeTracker.Clear();
            return Resultat.Echec<NumeroUnique>(refusSne.Probleme);
        }
        await tx.CommitAsync(ct);
        return Resultat.Ok<NumeroUnique>(numero.Valeur);
    }

    /// <summary>
    /// The numbering of the registering service the agent acts for (L441-2-1: only a registering service registers; the agent's
    /// organisation gives the service and its code), once the competence table lets the agent register.
    /// </summary>
    private async Task<Resultat<Numerotation>> ServiceEnregistreurAsync(Agent agent, CancellationToken ct) =>
        // The role first (an administrator reads only); then the registering service itself, which gives the numbering.
        Competences.Verifier(ActeDemande.Enregistrer, agent.Role, agent.Perimetre, new FaitsCompetence(ServiceEnregistreur: true)) is { EstReussi: false } incompetent
            ? Resultat.Echec<Numerotation>(incompetent.Probleme!)
            : await new GuichetsService(db).NumerotationAsync(agent, ct);

    /// <summary>Imports a demand file into the agent's EPCI, all or nothing (docs/import-demandes.md); the text is kept in memory.</summary>
    public Task<Resultat<ResultatImport>> ImporterAsync(Agent agent, string texte, bool essai, CancellationToken ct) =>
        ImporterAsync(agent, () => new StringReader(texte), essai, null, ct);

    /// <summary>
    /// Imports a demand file read twice from its source (numbers first, then analysis and writing), all or nothing; each imported
    /// demand is scored as it is written. The API and <c>logis import demandes</c> both come here.
    /// </summary>
    public async Task<Resultat<ResultatImport>> ImporterAsync(Agent agent, Func<TextReader> fichier, bool essai, IProgress<Avancement>? progression, CancellationToken ct)
    {
        var numerotation = await ServiceEnregistreurAsync(agent, ct);
        if (!numerotation.EstReussi) return Resultat.Echec<ResultatImport>(numerotation.Probleme);
        var n = numerotation.Valeur!;
        var acteur = await ActeurAsync(agent, ct);
        // A number outside the agent's perimeter is refused without confirming that it exists (docs/import-demandes.md).
        var resultat = await new ImportDemandes(db, horloge, coteur, Enregistrement)
        {
            Numerotation = new NumerotationImport(n.Territoire, n.Guichet.Code, n.PortailPublic?.Code),
            Visibles = await VisiblesAsync(agent, ct),
        }.ImporterAsync(fichier, agent.Perimetre.EpciSiren, acteur, agent.Nom, essai, progression, ct);
        // A file with broken lines is not a failure of the act: the report lists them (the API answers 400 with it).
        return Resultat.Ok(resultat);
    }

    /// <summary>
    /// Bulk export of the active demands the agent may see, without NIR; audited as a bulk export. Only the roles that
    /// see sensitive fields may export (the file holds the disability needs).
    /// </summary>
    public async Task<Resultat<Func<TextWriter, CancellationToken, Task<int>>>> ExporterAsync(Agent agent, CancellationToken ct)
    {
        if (!AccesDemandes.VoitDonneesSensibles(agent.Role))
            return Resultat.Interdit<Func<TextWriter, CancellationToken, Task<int>>>("Votre rôle ne permet pas d'exporter le fichier des demandes.");
        var q = await VisiblesAsync(agent, ct);
        db.Audit.Add(new EntreeAudit
        {
            Quand = horloge.GetUtcNow(), AuteurId = agent.Id, Auteur = agent.Nom, Organisation = (await ActeurAsync(agent, ct)).Organisation, Action = ActionsAudit.ExportMasse,
            EpciSiren = agent.Perimetre.EpciSiren,
        });
        await db.SaveChangesAsync(ct);
        return Resultat.Ok<Func<TextWriter, CancellationToken, Task<int>>>((w, c) => ExportDemandes.EcrireAsync(q, w, c));
    }

    public async Task<Resultat<Demande>> MettreAJourAsync(Agent agent, string numero, DemandeSaisie saisie, CancellationToken ct)
    {
        var (contenu, erreurs) = saisie.Lire(await CommunesEpciAsync(agent, ct));
        // Invalid content, a wished commune outside the EPCI included, is a 400 with the field named, as on registration.
        var invalide = contenu is null ? Resultat.Invalide<Demande>("La demande comporte des erreurs.", erreurs) : null;
        // An agent who does not see the restricted fields neither reads nor erases them: they are kept from the stored content.
        var restreint = !AccesDemandes.VoitDonneesSensibles(agent.Role);
        return await AgirAsync(agent, numero, ActeDemande.MettreAJour, ActionsAudit.MiseAJour,
            (d, quand, acteur) => d.MettreAJour(restreint ? contenu!.ConserverDonneesRestreintes(d.Contenu) : contenu!, quand, acteur), ct, invalide,
            sne is null ? null : sne.MettreAJourAsync);
    }

    public Task<Resultat<Demande>> RenouvelerAsync(Agent agent, string numero, CancellationToken ct) =>
        RenouvelerAsync(agent, numero, null, ct);

    /// <summary>
    /// Renews the demand; <paramref name="canal"/> (guichet by default, en_ligne, partenaire) says where the applicant renewed:
    /// online, the next renewal notices go by e-mail (R441-2-7 2°).
    /// </summary>
    public Task<Resultat<Demande>> RenouvelerAsync(Agent agent, string numero, string? canal, CancellationToken ct)
    {
        var lu = CanalDepot.Guichet;
        var invalide = canal is not null && !CanauxRenouvellement.TryGetValue(canal.Trim().ToLowerInvariant(), out lu)
            ? Resultat.Invalide<Demande>("La demande comporte des erreurs.", new Dictionary<string, string[]> { ["canal"] = ["Le canal vaut guichet, en_ligne ou partenaire."] })
            : null;
        return AgirAsync(agent, numero, ActeDemande.Renouveler, ActionsAudit.Renouvellement, (d, quand, acteur) => d.Renouveler(quand, acteur, Fenetre, lu), ct, invalide,
            sne is null ? null : sne.RenouvelerAsync);
    }

    private static readonly IReadOnlyDictionary<string, CanalDepot> CanauxRenouvellement = new Dictionary<string, CanalDepot>
    {
        ["guichet"] = CanalDepot.Guichet,
        ["en_ligne"] = CanalDepot.EnLigne,
        ["partenaire"] = CanalDepot.Partenaire,
    };

    public Task<Resultat<Demande>> RadierAsync(Agent agent, string numero, MotifRadiation motif, CancellationToken ct) =>
        AgirAsync(agent, numero, Competences.Radiation(motif), ActionsAudit.Radiation, (d, quand, acteur) => d.Radier(motif, quand, acteur), ct, null,
            sne is null ? null : sne.RadierAsync);

    /// <summary>Radiation asked by a partner system: the reason is given by its letter (b to e), checked once access is granted.</summary>
    public Task<Resultat<Demande>> RadierAsync(Agent agent, string numero, string? lettre, string? commentaire, CancellationToken ct)
    {
        Resultat<Demande>? invalide = null;
        var motif = MotifRadiation.Renonciation;
        if (lettre is null || !MotifsManuels.TryGetValue(lettre.Trim().ToLowerInvariant(), out var lu))
            invalide = Resultat.Invalide<Demande>("Le motif de radiation est invalide.", new Dictionary<string, string[]> { ["motif"] = ["Le motif vaut b, c, d ou e (R441-2-8)."] });
        else motif = lu;
        if (invalide is null && commentaire is { Length: > 500 })
            invalide = Resultat.Invalide<Demande>("Le commentaire est trop long.", new Dictionary<string, string[]> { ["commentaire"] = ["Le commentaire compte au plus 500 caractères."] });
        // An invalid letter is judged once access is granted; the competence checked then is that of renunciation (open to every service).
        return AgirAsync(agent, numero, Competences.Radiation(motif), ActionsAudit.Radiation, (d, quand, acteur) => d.Radier(motif, quand, acteur), ct, invalide,
            sne is null ? null : sne.RadierAsync);
    }

    /// <summary>Radiation reasons an agent may pronounce by hand (R441-2-8 b to e), by their letter.</summary>
    public static readonly IReadOnlyDictionary<string, MotifRadiation> MotifsManuels = new Dictionary<string, MotifRadiation>
    {
        ["b"] = MotifRadiation.Renonciation,
        ["c"] = MotifRadiation.AbsenceDeReponse,
        ["d"] = MotifRadiation.Irrecevabilite,
        ["e"] = MotifRadiation.NonRenouvellement,
    };

    /// <summary>
    /// One act on one demand: number, perimeter and role checked, the domain act called, audited and saved with its score —
    /// the path of every act, shared with the notices' use cases (<see cref="Logis.Application.Relances.AvisService"/>).
    /// </summary>
    /// <param name="transmettre">The exchange the act sends the national system, in the act's transaction (none: nothing is sent).</param>
    public async Task<Resultat<Demande>> AgirAsync(Agent agent, string numero, ActeDemande acteDemande, string action,
        Func<Demande, DateTimeOffset, Acteur, Resultat> acte, CancellationToken ct, Resultat<Demande>? invalide = null,
        Func<Demande, CancellationToken, Task<Resultat>>? transmettre = null)
    {
        if (!Lire(numero, out var n)) return NumeroMalForme<Demande>(numero);
        var demande = await ChargerAsync(agent, n, suivre: true, ct);
        if (demande is null) return Resultat.NonTrouve<Demande>(Introuvable(n.Texte));
        // The competence table (act × actor): the reason of a refusal names who may act.
        var faits = await FaitsCompetences.LireAsync(db, demande, agent, acteDemande, ct);
        if (Competences.Verifier(acteDemande, agent.Role, agent.Perimetre, faits) is { EstReussi: false } refus)
        {
            db.ChangeTracker.Clear();
            return Resultat.Echec<Demande>(refus.Probleme!);
        }
        // The request body is judged only once the caller may act on this demand: nothing is said to the others.
        if (invalide is not null) return invalide;
        var acteur = await ActeurAsync(agent, ct);
        return await AppliquerAsync(demande, acteur, acte, () => Auditer(agent, acteur, action, demande.Id), transmettre, ct);
    }

    /// <summary>
    /// The applicant renews their own demand from the applicant space (issue 16): the same act as at a counter, online (the next
    /// notices go by e-mail, R441-2-7 2°), with the applicant as author. <paramref name="demande"/> is tracked and its access was
    /// checked by the caller (Logis.Domain.Acces.AccesDemandeur); <paramref name="auditer"/> adds the caller's audit row.
    /// </summary>
    public Task<Resultat<Demande>> RenouvelerEnLigneAsync(Demande demande, Acteur demandeur, Action auditer, CancellationToken ct) =>
        AppliquerAsync(demande, demandeur, (d, quand, acteur) => d.Renouveler(quand, acteur, Fenetre, CanalDepot.EnLigne), auditer,
            sne is null ? null : sne.RenouvelerAsync, ct);

    /// <summary>The end of every act once access is granted: the domain act, the audit row, the save with the score and the exchange with the national system.</summary>
    private async Task<Resultat<Demande>> AppliquerAsync(Demande demande, Acteur acteur, Func<Demande, DateTimeOffset, Acteur, Resultat> acte, Action auditer,
        Func<Demande, CancellationToken, Task<Resultat>>? transmettre, CancellationToken ct)
    {
        var fait = acte(demande, Maintenant(), acteur);
        if (!fait.EstReussi)
        {
            db.ChangeTracker.Clear();
            return Resultat.Echec<Demande>(fait.Probleme);
        }
        auditer();
        if (transmettre is null)
        {
            await SauverAsync(ct);
            return Resultat.Ok(demande);
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await SauverAsync(ct);
        if (await transmettre(demande, ct) is { EstReussi: false } refusSne)
        {
            db.ChangeTracker.Clear();
            return Resultat.Echec<Demande>(refusSne.Probleme);
        }
        await tx.CommitAsync(ct);
        return Resultat.Ok(demande);
    }

    /// <summary>Reads a demand for display; every read is recorded, whoever reads (with sensitive fields or without).</summary>
    public async Task<Resultat<DemandeVue>> LireAsync(Agent agent, string numero, CancellationToken ct)
    {
        if (!Lire(numero, out var n)) return NumeroMalForme<DemandeVue>(numero);
        var demande = await ChargerAsync(agent, n, suivre: false, ct);
        if (demande is null) return Resultat.NonTrouve<DemandeVue>(Introuvable(n.Texte));
        var sensibles = AccesDemandes.VoitDonneesSensibles(agent.Role);
        Auditer(agent, await ActeurAsync(agent, ct), sensibles ? ActionsAudit.LectureDonneesSensibles : ActionsAudit.LectureDemande, demande.Id);
        await db.SaveChangesAsync(ct);
        var noms = await NomsCommunesAsync(agent, ct);
        var code = demande.Numero.Guichet;
        var guichet = await db.Guichets.AsNoTracking().Where(g => g.EpciSiren == agent.Perimetre.EpciSiren && g.Code == code).Select(g => g.Nom).SingleOrDefaultAsync(ct);
        return Resultat.Ok(Vue(demande, sensibles, noms) with
        {
            NumeroLisible = demande.Numero.Lisible, Guichet = guichet is null ? code : $"{guichet} ({code})", AncienneReference = demande.AncienneReference,
        });
    }

    public async Task<Resultat<Demande>> ChargerPourAttestationAsync(Agent agent, string numero, CancellationToken ct)
    {
        if (!Lire(numero, out var n)) return NumeroMalForme<Demande>(numero);
        var demande = await ChargerAsync(agent, n, suivre: false, ct);
        return demande is null ? Resultat.NonTrouve<Demande>(Introuvable(n.Texte)) : Resultat.Ok(demande);
    }

    /// <summary>The timeline of a demand; recorded as a read unless <paramref name="auditer"/> is false (a page whose read of the demand is already recorded).</summary>
    public async Task<Resultat<IReadOnlyList<EvenementVue>>> EvenementsAsync(Agent agent, string numero, CancellationToken ct, bool auditer = true)
    {
        if (!Lire(numero, out var n)) return NumeroMalForme<IReadOnlyList<EvenementVue>>(numero);
        var demande = await ChargerAsync(agent, n, suivre: false, ct);
        if (demande is null) return Resultat.NonTrouve<IReadOnlyList<EvenementVue>>(Introuvable(n.Texte));
        if (auditer)
        {
            Auditer(agent, await ActeurAsync(agent, ct), ActionsAudit.LectureChronologie, demande.Id);
            await db.SaveChangesAsync(ct);
        }
        return Resultat.Ok(await EvenementsAsync(demande, ct));
    }

    public async Task<IReadOnlyList<EvenementVue>> EvenementsAsync(Demande demande, CancellationToken ct)
    {
        var auteurs = demande.Evenements.Select(e => e.AuteurId.Value).Distinct().ToList();
        var noms = await db.Utilisateurs.AsNoTracking().Where(u => auteurs.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.NomComplet, ct);
        var clients = await db.ClientsApi.AsNoTracking().Where(u => auteurs.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Nom, ct);
        return demande.Evenements.OrderBy(e => e.Rang).Select(e => new EvenementVue(e.Rang, e.Type.ToString(), HeureFrance.EnFrance(e.Quand), e.AuteurId.Value,
            noms.GetValueOrDefault(e.AuteurId.Value) ?? clients.GetValueOrDefault(e.AuteurId.Value)
            ?? (e.AuteurId == Logis.Application.Relances.TraitementRelances.Systeme ? Logis.Application.Relances.TraitementRelances.NomSysteme : "Agent habilité"), e.Organisation, e.Resume)).ToList();
    }

    /// <summary>Paged search in the agent's perimeter (<see cref="RechercheDemandes"/>: capped count, list columns only).</summary>
    public async Task<PageResultats<LigneDemande>> RechercherAsync(Agent agent, FiltreDemandes f, int page, int taille, CancellationToken ct)
    {
        var resultats = await RechercheDemandes.ExecuterAsync(await VisiblesAsync(agent, ct), db.CotationsDemandes, f, page, taille, await NomsCommunesAsync(agent, ct), ct);
        // The list shows applicants' names: a recorded read, one row per page shown (its size in the detail, never the names).
        await AuditerListeAsync(agent, $"recherche : {resultats.Elements.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)} demande(s) affichée(s), page {page.ToString(System.Globalization.CultureInfo.InvariantCulture)}", ct);
        return resultats;
    }

    /// <summary>Records that a list of demands (names of applicants) was shown, with its count, never the names.</summary>
    public async Task AuditerListeAsync(Agent agent, string detail, CancellationToken ct)
    {
        db.Audit.Add(new EntreeAudit
        {
            Quand = horloge.GetUtcNow(), AuteurId = agent.Id, Auteur = agent.Nom, Organisation = (await ActeurAsync(agent, ct)).Organisation,
            Action = ActionsAudit.LectureListe, EpciSiren = agent.Perimetre.EpciSiren, Detail = detail,
        });
        await db.SaveChangesAsync(ct);
    }

    public static (FiltreDemandes? Filtre, int Page, int TaillePage, Dictionary<string, string[]> Erreurs) LireFiltre(
        string? numero, string? nom, string? commune, string? typologie, string? statut, string? prioritaire, string? page, string? taillePage,
        string? tri = null)
    {
        var erreurs = new Dictionary<string, string[]>();
        CleDemande? n = null;
        if (!string.IsNullOrWhiteSpace(numero))
        {
            if (Lire(numero, out var x)) n = x;
            else erreurs["numero"] = [FormatAttendu];
        }
        var (filtreLogements, numeroPage, taille, erreursPaging) = ParametresLogements.Lire(commune, typologie, null, null, null, page, taillePage);
        foreach (var (k, v) in erreursPaging) erreurs[k] = v;
        StatutDemande? s = null;
        if (!string.IsNullOrWhiteSpace(statut))
        {
            if (statut.Equals("active", StringComparison.OrdinalIgnoreCase)) s = StatutDemande.Active;
            else if (statut.Equals("radiee", StringComparison.OrdinalIgnoreCase)) s = StatutDemande.Radiee;
            else erreurs["statut"] = ["Le statut vaut active ou radiee."];
        }
        bool? p = null;
        if (!string.IsNullOrWhiteSpace(prioritaire))
        {
            if (bool.TryParse(prioritaire, out var b)) p = b;
            else if (prioritaire is "oui" or "non") p = prioritaire == "oui";
            else erreurs["prioritaire"] = ["Le filtre prioritaire vaut true ou false."];
        }
        var ordre = TriDemandes.Depot;
        if (!string.IsNullOrWhiteSpace(tri))
        {
            if (tri.Equals("score", StringComparison.OrdinalIgnoreCase)) ordre = TriDemandes.Score;
            else if (!tri.Equals("depot", StringComparison.OrdinalIgnoreCase)) erreurs["tri"] = ["Le tri vaut depot (ancienneté) ou score (cotation, la plus haute d'abord)."];
        }
        return (erreurs.Count == 0 ? new FiltreDemandes(n, nom, filtreLogements?.Commune, filtreLogements?.Typologie, s, p, ordre) : null, numeroPage, taille, erreurs);
    }

    public static string LibelleStatut(StatutDemande s) => s == StatutDemande.Active ? "Active" : "Radiée";

    public Task<IReadOnlyDictionary<string, string>> NomsCommunesAsync(Agent agent, CancellationToken ct) =>
        NomsCommunesAsync(agent.Perimetre.EpciSiren, ct);

    public async Task<IReadOnlyDictionary<string, string>> NomsCommunesAsync(Siren epci, CancellationToken ct) =>
        await db.Communes.AsNoTracking().Where(c => c.EpciSiren == epci).ToDictionaryAsync(c => c.CodeInsee.Value, c => c.Nom, ct);

    /// <summary>A number given to find a demand: its national number, or the former Logis reference it had before (docs/sne.md §1).</summary>
    public readonly record struct CleDemande(NumeroUnique? National, string? AncienneReference)
    {
        public string Texte => National?.Valeur ?? AncienneReference!;
    }

    /// <summary>Reads a number given to find a demand: the national number, or a former Logis reference.</summary>
    public static bool Lire(string? numero, out CleDemande cle)
    {
        if (NumeroUnique.TryParse(numero, out var n)) cle = new CleDemande(n, null);
        else if (NumeroUnique.EstAncienneReference(numero, out var ancienne)) cle = new CleDemande(null, ancienne);
        else cle = default;
        return cle.National is not null || cle.AncienneReference is not null;
    }

    /// <summary>The demands of <paramref name="q"/> that <paramref name="cle"/> designates (one at most).</summary>
    public static IQueryable<Demande> Designees(IQueryable<Demande> q, CleDemande cle) =>
        cle.National is { } n ? q.Where(d => d.Numero == n) : q.Where(d => d.AncienneReference == cle.AncienneReference);

    private async Task<Demande?> ChargerAsync(Agent agent, CleDemande numero, bool suivre, CancellationToken ct)
    {
        var q = await VisiblesAsync(agent, ct);
        if (!suivre) q = q.AsNoTracking();
        return await Designees(q, numero).SingleOrDefaultAsync(ct);
    }

    /// <summary>The refusal given to an agent whose organisation is not a registering service of the territory.</summary>
    public const string NonServiceEnregistreur =
        "Votre organisation n'est pas service enregistreur de la demande de logement social sur ce territoire (aucun guichet enregistreur actif) : "
        + "elle consulte les demandes de son contingent sans agir sur elles (articles L441-2-1 et R441-2-6 du code de la construction et de l'habitation).";

    /// <summary>Whether the agent may do the acts of a registering service: a role that acts, for an organisation that is one (R441-2-1).</summary>
    public async Task<bool> PeutAgirAsync(Agent agent, CancellationToken ct) =>
        AccesDemandes.PeutAgir(agent.Role) && await new GuichetsService(db).EstServiceEnregistreurAsync(agent, ct);

    /// <summary>The reach of the agent's nominative access (<see cref="AccesDemandes.Portee"/>) and the communes it opens.</summary>
    public async Task<(PorteeNominative Portee, IReadOnlyList<CodeInsee> Communes)> PorteeAsync(Agent agent, CancellationToken ct)
    {
        var portee = AccesDemandes.Portee(agent.Role, await new GuichetsService(db).EstServiceEnregistreurAsync(agent, ct));
        if (portee != PorteeNominative.Communes) return (portee, []);
        return (portee, agent.Role == Role.AgentBailleur ? await CommunesDuBailleurAsync(agent, ct) : await CommunesDuContingentAsync(agent, ct));
    }

    /// <summary>The demands the agent may see (<see cref="AccesDemandes.PeutVoir"/>), as a query.</summary>
    public async Task<IQueryable<Demande>> VisiblesAsync(Agent agent, CancellationToken ct)
    {
        var epci = agent.Perimetre.EpciSiren;
        var q = db.Demandes.Where(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == epci);
        var (portee, communes) = await PorteeAsync(agent, ct);
        if (portee == PorteeNominative.Territoire) return q;
        if (portee == PorteeNominative.Aucune) return q.Where(d => false);
        // ToutEpci OR the wished communes contain one of the communes opened to the agent.
        var d = Expression.Parameter(typeof(Demande), "d");
        Expression corps = Expression.Call(typeof(EF), nameof(EF.Property), [typeof(bool)], d, Expression.Constant(ColonnesDemande.ToutEpci));
        var colonne = Expression.Call(typeof(EF), nameof(EF.Property), [typeof(string)], d, Expression.Constant(ColonnesDemande.Communes));
        var contains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
        foreach (var c in communes)
            corps = Expression.OrElse(corps, Expression.Call(colonne, contains, Expression.Constant($"|{c.Value}|")));
        return q.Where(Expression.Lambda<Func<Demande, bool>>(corps, d));
    }

    private async Task<List<CodeInsee>> CommunesDuBailleurAsync(Agent agent, CancellationToken ct) =>
        agent.Perimetre.BailleurId is { } bailleur ? await CommunesDuParcAsync(agent.Perimetre.EpciSiren, [bailleur], ct) : [];

    /// <summary>The communes of <paramref name="epci"/> where one of <paramref name="bailleurs"/> holds stock.</summary>
    private async Task<List<CodeInsee>> CommunesDuParcAsync(Siren epci, IReadOnlyCollection<BailleurId> bailleurs, CancellationToken ct)
    {
        if (bailleurs.Count == 0) return [];
        var communesEpci = await db.Communes.AsNoTracking().Where(c => c.EpciSiren == epci).Select(c => c.CodeInsee).ToListAsync(ct);
        return await db.Logements.AsNoTracking().Where(l => bailleurs.Contains(l.BailleurId) && communesEpci.Contains(l.CommuneInsee))
            .Select(l => l.CommuneInsee).Distinct().ToListAsync(ct);
    }

    /// <summary>
    /// The communes of a réservataire's contingent on the territory: those its reservation conventions cover — a commune's convention its
    /// commune, the others every commune of the territory where the convention's bailleur holds stock.
    /// </summary>
    private async Task<List<CodeInsee>> CommunesDuContingentAsync(Agent agent, CancellationToken ct)
    {
        if (agent.Perimetre.ReservataireId is not { } reservataire) return [];
        var epci = agent.Perimetre.EpciSiren;
        var conventions = await db.Conventions.AsNoTracking().Where(c => c.EpciSiren == epci && c.ReservataireId == reservataire)
            .Select(c => new { c.BailleurId, c.CommuneCouverte }).ToListAsync(ct);
        var communes = conventions.Where(c => c.CommuneCouverte is not null).Select(c => c.CommuneCouverte!.Value).ToHashSet();
        communes.UnionWith(await CommunesDuParcAsync(epci, [.. conventions.Where(c => c.CommuneCouverte is null).Select(c => c.BailleurId).Distinct()], ct));
        return [.. communes.OrderBy(c => c.Value, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Saves an act on demands with its explicit side effects: the pieces of a radiated demand are purged, each changed demand
    /// is scored under the grid in force, then the demands, their timelines and the audit rows go in one SaveChanges; the
    /// purged files are deleted once it succeeded.
    /// </summary>
    public async Task SauverAsync(CancellationToken ct)
    {
        var fichiers = await PurgePiecesRadiation.PreparerAsync(db, ct);
        await db.CoterChangementsAsync(coteur, ct);
        await db.SaveChangesAsync(ct);
        PurgePiecesRadiation.EffacerFichiers(stockage, fichiers);
    }

    /// <summary>The INSEE codes of the agent's EPCI: a wished commune must be one of them (<see cref="DemandeSaisie.Lire"/>).</summary>
    public async Task<IReadOnlySet<string>> CommunesEpciAsync(Agent agent, CancellationToken ct) =>
        (await db.Communes.AsNoTracking().Where(c => c.EpciSiren == agent.Perimetre.EpciSiren).Select(c => c.CodeInsee).ToListAsync(ct))
            .Select(c => c.Value).ToHashSet(StringComparer.Ordinal);

    /// <summary>The author of an act: the agent and the organisation they act for.</summary>
    public Task<Acteur> ActeurAsync(Agent agent, CancellationToken ct) => Acteurs.DeAsync(db, agent, ct);

    private void Auditer(Agent agent, Acteur acteur, string action, DemandeId demande) =>
        db.Audit.Add(new EntreeAudit
        {
            Quand = horloge.GetUtcNow(), AuteurId = agent.Id, Auteur = agent.Nom, Organisation = acteur.Organisation, Action = action, DemandeId = demande,
            EpciSiren = agent.Perimetre.EpciSiren,
        });

    /// <summary>What a well-formed number looks like, for the error messages.</summary>
    public const string FormatAttendu =
        "Le numéro unique national compte 18 caractères : code du territoire (3), mois et année du premier dépôt (4), numéro d'ordre (6) et code du guichet enregistreur (5), par exemple 083 0326 000123 G0001.";

    private static Resultat<T> NumeroMalForme<T>(string numero) =>
        Resultat.Invalide<T>($"« {numero} » n'est pas un numéro unique national valide.",
            new Dictionary<string, string[]> { ["numero"] = [FormatAttendu] });

    private static string? Situation(PersonneALoger p, bool sensibles)
    {
        var elements = new[]
        {
            p.CoDemandeur ? "codemandeur" : null,
            p.ACharge ? "à charge" : null,
            p.Garde switch { GardeEnfant.Alternee => "garde alternée", GardeEnfant.DroitDeVisite => "droit de visite et d'hébergement", _ => null },
            sensibles && p.CarteInvalidite ? "carte d'invalidité" : null,
        }.OfType<string>().ToList();
        return elements.Count == 0 ? null : string.Join(", ", elements);
    }

    private static DemandeVue Vue(Demande d, bool sensibles, IReadOnlyDictionary<string, string> communes)
    {
        var c = d.Contenu;
        var a = c.Contact.Adresse;
        return new DemandeVue(
            d.Numero.Valeur, LibelleStatut(d.Statut), d.Canal.Libelle(), d.DateDepot, d.DateDernierRenouvellement, d.DateFinValidite,
            d.MotifRadiation is { } m ? $"{m.Libelle()} ({m.Reference()})" : null, d.DateRadiation,
            $"{c.Demandeur.Nom} {c.Demandeur.Prenoms}",
            c.Personnes.Select(p => new PersonneVue(p.Nom, p.Prenoms, p.DateNaissance, p.Lien.Libelle(), sensibles ? p.Nir?.Masque : null, Situation(p, sensibles))).ToList(),
            string.Join(", ", new[] { a.Ligne1, a.Ligne2, $"{a.CodePostal} {a.Commune}" }.Where(x => !string.IsNullOrWhiteSpace(x))),
            c.SituationFamiliale?.ToString(), c.RessourcesMensuelles, c.EstMutation,
            c.Souhaits.Typologies.Select(t => t.ToString()).ToList(),
            c.Souhaits.Communes.Select(x => communes.GetValueOrDefault(x.Value, x.Value)).ToList(), c.Souhaits.ToutEpci, c.Souhaits.LoyerMaximum,
            d.SituationsPrioritaires.Any(s => s.EstEnCours), sensibles,
            sensibles ? d.SituationsPrioritaires.Select(s => new SituationVue(s.Critere.ToString(), s.Critere.Reference(), s.Statut.Libelle())).ToList() : null,
            sensibles && c.Handicap is { } h
                ? string.Join(", ", new[] { h.FauteuilRoulant ? "fauteuil roulant" : null, h.MobiliteReduite ? "mobilité réduite" : null, h.AutreAdaptation ? "autre adaptation" : null }.OfType<string>())
                : null)
        {
            PersonneMorale = c.PersonneMorale is { } pm ? new PersonneMoraleVue(pm.RaisonSociale, pm.Siren.Value, PersonneMorale.Libelle(pm.Nature)) : null,
        };
    }
}
