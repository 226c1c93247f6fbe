using System.Security.Cryptography;
using System.Text;
using Logis.Application.Cotation;
using Logis.Application.Demandes;
using Logis.Domain.Acces;
using Logis.Domain.Attributions;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Espace;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Demandes;
using Logis.Persistence.Espace;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Logis.Application.Espace;

/// <summary>Audit actions of the applicant space (labels in <see cref="Journal.JournalService.Libelles"/>).</summary>
public static class ActionsAuditEspace
{
    public const string Liaison = "espace.liaison";
    public const string LiaisonRefusee = "espace.liaison-refusee";
    public const string Lecture = "espace.lecture";
    public const string Renouvellement = "espace.renouvellement";
    public const string Coordonnees = "espace.coordonnees";
    public const string Declaration = "espace.declaration";
    public const string TraitementDeclaration = "espace.declaration-traitee";

    /// <summary>The author named in the journal for an applicant's act (their account id is the author id).</summary>
    public const string Auteur = "Le demandeur (espace en ligne)";
    public const string Organisation = "Espace demandeur";
}

public sealed record DemandeLiee(string Numero, string NumeroLisible, string Statut, DateOnly DateFinValidite);

/// <summary>One step of the timeline in plain French: no agent's name, the organisation that acted or « vous ».</summary>
public sealed record EtapeDemandeur(DateTimeOffset Quand, string Quoi, string Par, string Detail);

public sealed record SituationDemandeur(string Critere, string Statut);

public sealed record DecisionDemandeur(DateOnly Seance, string Logement, string Decision, int? Rang, IReadOnlyList<string> Motifs, string? Precision);

public sealed record OffreDemandeur(DateOnly Faite, string Logement, string Bailleur, DateOnly Echeance, string Statut, bool EnAttente, bool Adaptee, string? MotifRefus);

/// <summary>What the home of the applicant space shows for one linked demand (docs/espace-demandeur.md §3).</summary>
public sealed record AccueilDemandeur(
    string Numero, string NumeroLisible, bool Active, string Statut, string? Radiation, DateOnly DateDepot, DateOnly DateFinValidite,
    DateOnly OuvertureRenouvellement, DateOnly DateLimiteRenouvellement, bool RenouvelableAujourdhui, DateOnly Aujourdhui,
    IReadOnlyList<EtapeDemandeur> Chronologie, CotationDemandeDto? Cotation, string? CotationAbsente, IReadOnlyList<SituationDemandeur> Priorites,
    IReadOnlyList<DecisionDemandeur> Decisions, IReadOnlyList<OffreDemandeur> Offres, string ConsequencesRefus);

/// <summary>
/// The applicant space's acts on demands (docs/espace-demandeur.md): linking a demand by its number and the access code of its
/// latest attestation, reading a linked demand (status, timeline, score, positioning, waiting time, priority, decisions, offers),
/// renewing it. Every access goes through <see cref="AccesDemandeur"/> (the account's links); a demand the account may not see
/// is « not found », like an unknown number. Every read and act is written to the audit journal with the account as author.
/// </summary>
public sealed class EspaceDemandeurService(LogisDbContext db, TimeProvider horloge, DemandesService demandes, CotationDemandeService cotation,
    GrillesCotation grilles, CacheAccueils accueils, ILogger<EspaceDemandeurService> logger)
{
    public const string MessageLiaisonRefusee =
        "Ce numéro et ce code ne correspondent à aucune demande que vous pouvez suivre. Vérifiez-les sur votre dernière attestation "
        + "d'enregistrement : seul le code de la dernière attestation remise est valable.";

    public const string Introuvable = "Cette demande n'est pas liée à votre compte.";

    /// <summary>
    /// A new access code for a demand (each edition of the attestation): the previous one stops working. Returns the code to print;
    /// only its fingerprint is stored. Saved with the caller's unit of work.
    /// </summary>
    public static async Task<string> EmettreCodeAsync(LogisDbContext db, DemandeId demande, DateTimeOffset maintenant, CancellationToken ct)
    {
        var code = RandomNumberGenerator.GetString(CodeAcces.Alphabet, CodeAcces.Longueur);
        var ligne = await db.CodesAcces.SingleOrDefaultAsync(c => c.DemandeId == demande, ct);
        if (ligne is null) db.CodesAcces.Add(new CodeAccesDemande { DemandeId = demande, Empreinte = Empreinte(code), EmisLe = maintenant });
        else
        {
            ligne.Empreinte = Empreinte(code);
            ligne.EmisLe = maintenant;
        }
        return code;
    }

    private static string Empreinte(string code) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("logis-code-acces:" + code)));

    /// <summary>
    /// Links a demand to the account. One answer for an unknown number, a demand of another territory and a wrong code; every attempt is
    /// journalled (never the code). The rate of attempts is limited by the caller (per account and per address).
    /// </summary>
    public async Task<Resultat<DemandeLiee>> LierAsync(SessionDemandeur session, string? numero, string? code, CancellationToken ct)
    {
        var erreurs = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(numero)) erreurs["numero"] = ["Indiquez le numéro unique de votre demande (il figure sur votre attestation)."];
        if (string.IsNullOrWhiteSpace(code)) erreurs["code"] = ["Indiquez le code d'accès imprimé sur votre attestation."];
        if (erreurs.Count > 0) return Resultat.Invalide<DemandeLiee>("Le formulaire comporte des erreurs.", erreurs);
        var confirme = await db.ComptesDemandeurs.AsNoTracking().AnyAsync(c => c.Id == session.Compte && c.CourrielConfirmeLe != null, ct);
        Demande? demande = null;
        if (DemandesService.Lire(numero, out var cle))
            demande = await DemandesService.Designees(db.Demandes.AsNoTracking(), cle).SingleOrDefaultAsync(ct);
        var memeTerritoire = demande is not null && await db.Demandes.AsNoTracking()
            .AnyAsync(d => d.Id == demande.Id && EF.Property<Siren>(d, ColonnesDemande.Epci) == session.Epci, ct);
        var saisi = CodeAcces.Normaliser(code);
        var empreinte = saisi is null ? null : Empreinte(saisi);
        var stockee = demande is null ? null : await db.CodesAcces.AsNoTracking().Where(c => c.DemandeId == demande.Id).Select(c => c.Empreinte).SingleOrDefaultAsync(ct);
        var exact = stockee is not null && empreinte is not null
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(stockee), Encoding.ASCII.GetBytes(empreinte));
        if (!AccesDemandeur.PeutLier(confirme, memeTerritoire, exact))
        {
            Auditer(session, ActionsAuditEspace.LiaisonRefusee, memeTerritoire ? demande!.Id : null, null);
            await db.SaveChangesAsync(ct);
            logger.LogWarning("Liaison d'une demande refusée pour le compte {Compte}", session.Compte);
            return Resultat.NonTrouve<DemandeLiee>(MessageLiaisonRefusee);
        }
        if (!await db.LiensDemandeurs.AnyAsync(l => l.CompteId == session.Compte && l.DemandeId == demande!.Id, ct))
            db.LiensDemandeurs.Add(new LienDemandeur { CompteId = session.Compte, DemandeId = demande!.Id, LieLe = horloge.GetUtcNow() });
        Auditer(session, ActionsAuditEspace.Liaison, demande!.Id, null);
        await db.SaveChangesAsync(ct);
        return Resultat.Ok(Liee(demande));
    }

    /// <summary>The demands linked to the account.</summary>
    public async Task<IReadOnlyList<DemandeLiee>> DemandesAsync(SessionDemandeur session, CancellationToken ct)
    {
        var ids = await db.LiensDemandeurs.AsNoTracking().Where(l => l.CompteId == session.Compte).Select(l => l.DemandeId).ToListAsync(ct);
        var liste = await db.Demandes.AsNoTracking().Where(d => ids.Contains(d.Id)).ToListAsync(ct);
        return [.. liste.OrderBy(d => d.DateDepot).Select(Liee)];
    }

    private static DemandeLiee Liee(Demande d) => new(d.Numero.Valeur, d.Numero.Lisible, DemandesService.LibelleStatut(d.Statut), d.DateFinValidite);

    /// <summary>A linked demand, or null (not linked: the same as unknown).</summary>
    private async Task<Demande?> ChargerAsync(SessionDemandeur session, string? numero, bool suivre, CancellationToken ct)
    {
        if (!DemandesService.Lire(numero, out var cle)) return null;
        var liees = await db.LiensDemandeurs.AsNoTracking().Where(l => l.CompteId == session.Compte).Select(l => l.DemandeId).ToListAsync(ct);
        var q = DemandesService.Designees(suivre ? db.Demandes : db.Demandes.AsNoTracking(), cle)
            .Where(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == session.Epci);
        var demande = await q.SingleOrDefaultAsync(ct);
        return demande is not null && AccesDemandeur.PeutVoir(liees, demande.Id) ? demande : null;
    }

    /// <summary>A linked demand (not followed), or null: for the space's other acts (<see cref="PiecesDemandeurService"/>).</summary>
    internal Task<Demande?> LieeAsync(SessionDemandeur session, string? numero, CancellationToken ct) => ChargerAsync(session, numero, suivre: false, ct);

    /// <summary>
    /// The home of one linked demand; the read is journalled. The access rule is applied at every view (the account's links and the demand
    /// designated by the number, in the account's territory); what the home shows is computed again only when something was written since
    /// (<see cref="CacheAccueils"/>).
    /// </summary>
    public async Task<Resultat<AccueilDemandeur>> LireAsync(SessionDemandeur session, string? numero, CancellationToken ct)
    {
        if (!DemandesService.Lire(numero, out var cle)) return Resultat.NonTrouve<AccueilDemandeur>(Introuvable);
        // Read before the rows: a write committed meanwhile moves it, and what is read now is computed again at the next view.
        var generation = GenerationDonnees.Valeur(db);
        var maintenant = horloge.GetUtcNow();
        var jour = horloge.AujourdhuiEnFrance();
        var liees = await db.LiensDemandeurs.AsNoTracking().Where(l => l.CompteId == session.Compte).Select(l => l.DemandeId).ToListAsync(ct);
        var ids = await DemandesService.Designees(db.Demandes.AsNoTracking(), cle).Where(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == session.Epci)
            .Select(d => d.Id).Take(2).ToListAsync(ct);
        if (ids.Count != 1 || !AccesDemandeur.PeutVoir(liees, ids[0])) return Resultat.NonTrouve<AccueilDemandeur>(Introuvable);
        var demandeId = ids[0];
        if (accueils.Accueils.TryGetValue((session.Compte, demandeId), out var garde) && garde.Jour == jour && garde.Generation == generation
            && maintenant - garde.CalculeLe < CacheAnalogues.DureeMaximale && maintenant >= garde.CalculeLe)
        {
            Auditer(session, ActionsAuditEspace.Lecture, demandeId, null);
            await db.SaveChangesAsync(ct);
            return Resultat.Ok(garde.Accueil);
        }
        var demande = await ChargerAsync(session, numero, suivre: false, ct);
        if (demande is null) return Resultat.NonTrouve<AccueilDemandeur>(Introuvable);
        var accueil = await CalculerAccueilAsync(session, demande, jour, ct);
        accueils.Garder((session.Compte, demande.Id), new AccueilCalcule(jour, generation, maintenant, accueil));
        Auditer(session, ActionsAuditEspace.Lecture, demande.Id, null);
        await db.SaveChangesAsync(ct);
        return Resultat.Ok(accueil);
    }

    private async Task<AccueilDemandeur> CalculerAccueilAsync(SessionDemandeur session, Demande demande, DateOnly jour, CancellationToken ct)
    {
        var ouverture = demande.DateFinValidite.AddMonths(-DemandesService.Fenetre.MoisAvantExpiration);
        var renouvelable = demande.Statut == StatutDemande.Active && jour >= ouverture
            && !(demande.RappelEnvoyeLe is not null && jour > demande.DateLimiteRenouvellement);

        var chronologie = demande.Evenements.OrderByDescending(e => e.Rang).Select(e => e.AuteurId.Value == session.Compte
            ? Sienne(e) : new EtapeDemandeur(HeureFrance.EnFrance(e.Quand), LibelleEvenement(e.Type), e.Organisation, e.Resume)).ToList();

        var noms = await demandes.NomsCommunesAsync(session.Epci, ct);
        CotationDemandeDto? cote = null;
        string? absente = null;
        if (demande.Statut == StatutDemande.Active)
        {
            // The applicant's own data: every line is shown, sensitive ones included.
            var calcul = await cotation.CalculerAsync(demande, session.Epci, sensibles: true, ct, noms);
            if (calcul.EstReussi) cote = calcul.Valeur;
            else absente = calcul.Motif;
        }
        else absente = "Votre demande est radiée : elle n'a plus de cotation.";

        var priorites = demande.SituationsPrioritaires.Select(s => new SituationDemandeur(s.Critere.Libelle(), s.Statut.Libelle())).ToList();

        var dossiers = await db.DossiersCaleol.AsNoTracking().Where(d => d.EpciSiren == session.Epci && d.Candidats.Any(c => c.DemandeId == demande.Id))
            .ToListAsync(ct);
        // The queries below run only when there is something to look up (most demands have no decision and no offer).
        var seances = dossiers.Select(d => d.SeanceId).Distinct().ToList();
        var datesSeances = seances.Count == 0 ? new()
            : (await db.SeancesCaleol.AsNoTracking().Where(s => seances.Contains(s.Id)).Select(s => new { s.Id, s.Date }).ToListAsync(ct))
                .ToDictionary(s => s.Id, s => s.Date);
        string Logement(Typologie t, CodeInsee c) => $"{t} à {noms.GetValueOrDefault(c.Value, c.Value)}";
        var decisions = dossiers.SelectMany(d => d.Candidats.Where(c => c.DemandeId == demande.Id && c.Decision is not null).Select(c =>
                new DecisionDemandeur(datesSeances.GetValueOrDefault(d.SeanceId), Logement(d.Typologie, d.CommuneInsee), c.Decision!.Value.Libelle(),
                    c.RangAttribution, [.. c.Motifs.Select(m => m.Libelle())], c.Precision)))
            .OrderByDescending(d => d.Seance).ToList();

        var offres = await db.Offres.AsNoTracking().Where(o => o.DemandeId == demande.Id && o.EpciSiren == session.Epci).ToListAsync(ct);
        var logements = offres.Select(o => o.LogementId).Distinct().ToList();
        var parLogement = logements.Count == 0 ? new()
            : await db.Logements.AsNoTracking().Where(l => logements.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => (l.Typologie, l.CommuneInsee), ct);
        var idsBailleurs = offres.Select(o => o.BailleurId).Distinct().ToList();
        var bailleurs = idsBailleurs.Count == 0 ? new()
            : await db.Bailleurs.AsNoTracking().Where(b => idsBailleurs.Contains(b.Id)).ToDictionaryAsync(b => b.Id, b => b.Nom, ct);
        var vuesOffres = offres.OrderByDescending(o => o.FaiteLe).Select(o => new OffreDemandeur(HeureFrance.Jour(o.FaiteLe),
            parLogement.TryGetValue(o.LogementId, out var l) ? Logement(l.Typologie, l.CommuneInsee) : "logement", bailleurs.GetValueOrDefault(o.BailleurId, "bailleur"),
            o.Echeance, o.Statut.Libelle(), o.EstEnAttente, o.Adaptee, o.MotifRefus?.Libelle())).ToList();

        return new AccueilDemandeur(demande.Numero.Valeur, demande.Numero.Lisible, demande.Statut == StatutDemande.Active,
            DemandesService.LibelleStatut(demande.Statut), demande.MotifRadiation is { } m ? $"{m.Libelle()} ({m.Reference()})" : null,
            demande.DateDepot, demande.DateFinValidite, ouverture, demande.DateLimiteRenouvellement, renouvelable, jour, chronologie, cote, absente,
            priorites, decisions, vuesOffres, ConsequencesRefus(session.Epci));
    }

    /// <summary>The applicant renews their demand: the same act as at a counter, online, with them as author (R441-2-7).</summary>
    public async Task<Resultat> RenouvelerAsync(SessionDemandeur session, string? numero, CancellationToken ct)
    {
        var demande = await ChargerAsync(session, numero, suivre: true, ct);
        if (demande is null) return Resultat.Echec(Echec.NonTrouve(Introuvable));
        var acteur = new Acteur(new AuteurId(session.Compte), ActionsAuditEspace.Organisation);
        var fait = await demandes.RenouvelerEnLigneAsync(demande, acteur, () => Auditer(session, ActionsAuditEspace.Renouvellement, demande.Id, null), ct);
        return fait.EstReussi ? Resultat.Ok() : Resultat.Echec(fait.Probleme);
    }

    public const int LongueurChampMax = 200;

    /// <summary>The contact details of a linked demand, to prefill the correction form.</summary>
    public async Task<Resultat<Coordonnees>> CoordonneesAsync(SessionDemandeur session, string? numero, CancellationToken ct)
    {
        var demande = await ChargerAsync(session, numero, suivre: false, ct);
        if (demande is null) return Resultat.NonTrouve<Coordonnees>(Introuvable);
        Auditer(session, ActionsAuditEspace.Lecture, demande.Id, "coordonnées");
        await db.SaveChangesAsync(ct);
        return Resultat.Ok(demande.Contenu.Contact);
    }

    /// <summary>
    /// The applicant corrects their contact details: read by the demand's own rule (<see cref="DemandeSaisie.LireCoordonnees"/>), applied at
    /// once by the domain act, journalled, the demand's timeline says it (never the details).
    /// </summary>
    public async Task<Resultat> CorrigerCoordonneesAsync(SessionDemandeur session, string? numero, AdresseSaisie adresse, string? telephone, string? courriel,
        bool accepteCourriel, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(adresse);
        var demande = await ChargerAsync(session, numero, suivre: true, ct);
        if (demande is null) return Resultat.Echec(Echec.NonTrouve(Introuvable));
        var erreurs = new Dictionary<string, string[]>();
        foreach (var (champ, valeur) in new[] { ("adresse.ligne1", adresse.Ligne1), ("adresse.ligne2", adresse.Ligne2), ("adresse.commune", adresse.Commune), ("telephone", telephone) })
            if (valeur is { Length: > LongueurChampMax }) erreurs[champ] = [$"Ce champ compte au plus {LongueurChampMax} caractères."];
        var contact = DemandeSaisie.LireCoordonnees(adresse, telephone, courriel, accepteCourriel, erreurs);
        if (erreurs.Count > 0 || contact is null)
        {
            db.ChangeTracker.Clear();
            return Resultat.Echec(Echec.Invalide("Le formulaire comporte des erreurs.", erreurs));
        }
        var acteur = new Acteur(new AuteurId(session.Compte), ActionsAuditEspace.Organisation);
        var fait = demande.CorrigerCoordonnees(contact, HeureFrance.EnFrance(horloge.GetUtcNow()), acteur);
        if (!fait.EstReussi)
        {
            db.ChangeTracker.Clear();
            return fait;
        }
        Auditer(session, ActionsAuditEspace.Coordonnees, demande.Id, null);
        await demandes.SauverAsync(ct);
        return Resultat.Ok();
    }

    /// <summary>
    /// The applicant declares a change of situation (free text and typed fields): kept pending apart from the demand, for an agent to validate
    /// or reject on the demand's page (<see cref="DeclarationsService"/>); the timeline says a change was declared.
    /// </summary>
    public async Task<Resultat> DeclarerChangementAsync(SessionDemandeur session, string? numero, string? texte, string? personnes, string? ressources,
        string? adresse, CancellationToken ct)
    {
        var demande = await ChargerAsync(session, numero, suivre: true, ct);
        if (demande is null) return Resultat.Echec(Echec.NonTrouve(Introuvable));
        var erreurs = new Dictionary<string, string[]>();
        var libre = (texte ?? "").Trim();
        if (libre.Length == 0) erreurs["texte"] = ["Décrivez le changement de votre situation."];
        else if (libre.Length > DeclarationChangement.LongueurTexteMax) erreurs["texte"] = [$"La description compte au plus {DeclarationChangement.LongueurTexteMax} caractères."];
        var nombre = string.IsNullOrWhiteSpace(personnes) ? null : TexteSaisi.Entier(personnes, "personnes", erreurs);
        if (nombre is < 1 or > 20) erreurs["personnes"] = ["Le nombre de personnes au foyer va de 1 à 20."];
        var montant = string.IsNullOrWhiteSpace(ressources) ? null : TexteSaisi.Nombre(ressources, "ressources", erreurs);
        if (montant is < 0 or > 100_000) erreurs["ressources"] = ["Les ressources mensuelles vont de 0 à 100 000 €."];
        var nouvelle = string.IsNullOrWhiteSpace(adresse) ? null : adresse.Trim();
        if (nouvelle is { Length: > 300 }) erreurs["adresse"] = ["L'adresse compte au plus 300 caractères."];
        if (erreurs.Count > 0)
        {
            db.ChangeTracker.Clear();
            return Resultat.Echec(Echec.Invalide("Le formulaire comporte des erreurs.", erreurs));
        }
        var quand = HeureFrance.EnFrance(horloge.GetUtcNow());
        var fait = demande.NoterChangementDeclare(quand, new Acteur(new AuteurId(session.Compte), ActionsAuditEspace.Organisation));
        if (!fait.EstReussi)
        {
            db.ChangeTracker.Clear();
            return fait;
        }
        db.DeclarationsChangement.Add(new DeclarationChangement
        {
            DemandeId = demande.Id, CompteId = session.Compte, DeclareeLe = horloge.GetUtcNow(), Texte = libre, PersonnesAuFoyer = nombre,
            RessourcesMensuelles = montant, NouvelleAdresse = nouvelle,
        });
        Auditer(session, ActionsAuditEspace.Declaration, demande.Id, null);
        await demandes.SauverAsync(ct);
        return Resultat.Ok();
    }

    /// <summary>
    /// What refusing an offer does, in plain French: the rule of the cotation grid in force (R441-2-17: only the refusal of an offer the
    /// agent qualified as adapted counts), the no-answer rule (R441-10) and that a refusal alone does not radiate the demand (R441-2-8).
    /// </summary>
    public string ConsequencesRefus(Siren epci)
    {
        var regle = grilles.JeuEnVigueur(epci)?.PrimoDemandeurs.Grille.Refus;
        var cotationTexte = regle is null
            ? "Dans la grille de cotation de votre territoire, refuser une offre ne change pas votre cotation."
            : $"Dans la grille de cotation de votre territoire, refuser une offre signalée comme adaptée à vos besoins et à vos capacités change votre cotation : {regle.Explication}";
        return "Vous pouvez accepter ou refuser une offre. Sans réponse à la date limite, l'offre est considérée comme refusée (article R441-10 du code de la construction et de l'habitation). "
            + cotationTexte + " Refuser une offre ne radie pas votre demande : elle reste active et vous pouvez recevoir d'autres offres.";
    }

    /// <summary>A step the applicant made: a piece they sent reads « Vous avez déposé… » with its kind (the agents read « Pièce déposée par le demandeur »).</summary>
    private static EtapeDemandeur Sienne(EvenementDemande e)
    {
        var quand = HeureFrance.EnFrance(e.Quand);
        foreach (var (prefixe, quoi) in new[] { (Demande.PieceDeposeeParDemandeur, "Vous avez déposé une pièce justificative"),
                     (Demande.PieceRemplaceeParDemandeur, "Vous avez remplacé une pièce justificative") })
            if (e.Type == TypeEvenementDemande.PieceRecue && e.Resume.StartsWith(prefixe + " : ", StringComparison.Ordinal))
                return new EtapeDemandeur(quand, quoi, "vous", e.Resume[(prefixe.Length + 3)..]);
        return new EtapeDemandeur(quand, LibelleEvenement(e.Type), "vous", e.Resume);
    }

    internal void Auditer(SessionDemandeur session, string action, DemandeId? demande, string? detail) =>
        db.Audit.Add(new EntreeAudit
        {
            Quand = horloge.GetUtcNow(), AuteurId = session.Compte, Auteur = ActionsAuditEspace.Auteur, Organisation = ActionsAuditEspace.Organisation,
            Action = action, DemandeId = demande, EpciSiren = session.Epci, Detail = detail,
        });

    /// <summary>The kind of a timeline step, in plain French for the applicant.</summary>
    public static string LibelleEvenement(TypeEvenementDemande type) => type switch
    {
        TypeEvenementDemande.Enregistrement => "Votre demande a été enregistrée",
        TypeEvenementDemande.MiseAJour => "Votre demande a été mise à jour",
        TypeEvenementDemande.Renouvellement => "Votre demande a été renouvelée",
        TypeEvenementDemande.RappelRenouvellement => "Un avis de renouvellement vous a été envoyé",
        TypeEvenementDemande.Avertissement => "Un avertissement vous a été envoyé",
        TypeEvenementDemande.AvertissementLeve => "L'avertissement a été levé",
        TypeEvenementDemande.SituationPrioritaireDeclaree => "Une situation prioritaire a été déclarée",
        TypeEvenementDemande.SituationPrioritaireValidee => "Une situation prioritaire a été reconnue",
        TypeEvenementDemande.SituationPrioritaireRefusee => "Une situation prioritaire n'a pas été reconnue",
        TypeEvenementDemande.SituationPrioritaireExpiree => "Une situation prioritaire a pris fin",
        TypeEvenementDemande.PieceRecue => "Une pièce justificative a été reçue",
        TypeEvenementDemande.PieceRetiree => "Une pièce justificative a été retirée",
        TypeEvenementDemande.PiecesPurgees => "Les pièces justificatives ont été effacées",
        TypeEvenementDemande.Proposition => "Votre demande a été proposée pour un logement",
        TypeEvenementDemande.DecisionCaleol => "La commission d'attribution a décidé",
        TypeEvenementDemande.Offre => "Un logement vous a été offert",
        TypeEvenementDemande.Refus => "Une offre a été refusée",
        TypeEvenementDemande.Acceptation => "Vous avez accepté une offre",
        TypeEvenementDemande.BailSigne => "Le bail a été signé",
        TypeEvenementDemande.Fusion => "Deux demandes ont été réunies",
        TypeEvenementDemande.Radiation => "Votre demande a été radiée",
        TypeEvenementDemande.RemiseAvertissement => "La remise d'un avertissement a été enregistrée",
        TypeEvenementDemande.AvisNonDistribue => "Un courrier ne vous est pas parvenu",
        TypeEvenementDemande.PreferenceAvis => "Vous avez demandé les avis par courrier",
        TypeEvenementDemande.CoordonneesCorrigees => "Vos coordonnées ont été corrigées",
        TypeEvenementDemande.ChangementDeclare => "Un changement de situation a été déclaré",
        TypeEvenementDemande.ChangementTraite => "Le changement de situation déclaré a été examiné",
        _ => "Événement",
    };
}
