using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;

namespace Logis.Domain.Attributions;

/// <summary>Identifier of a vacancy (one dwelling freed, or delivered, and to be let).</summary>
public readonly record struct VacanceId(Guid Value)
{
    public override string ToString() => Value.ToString();
}

/// <summary>
/// Where a vacancy stands in the allocation chain. The values are spaced so that the next steps (candidates, CALEOL, offer,
/// lease) insert their own statuses between <see cref="CandidatsProposes"/> and <see cref="Attribuee"/> without renumbering.
/// </summary>
public enum StatutVacance
{
    /// <summary>Declared by the landlord; not yet oriented to a réservataire.</summary>
    Declaree = 10,
    /// <summary>Oriented to a réservataire (or the landlord's own contingent), which must propose candidates within the convention's delay.</summary>
    Orientee = 20,
    /// <summary>The réservataire did not propose within the delay: the landlord proposes itself (the dwelling stays counted in the réservataire's flux).</summary>
    Rendue = 25,
    /// <summary>Candidates were proposed for the dwelling (by the réservataire, or by the landlord after a hand-back).</summary>
    CandidatsProposes = 30,
    /// <summary>Its dossier is on the agenda of a CALEOL session (R441-3): the candidates are being examined.</summary>
    EnCommission = 40,
    /// <summary>The CALEOL decided and at least one candidate got an attribution (a, b or c of R441-3): the offer comes next.</summary>
    Decidee = 45,
    /// <summary>A written offer was made to a candidate the CALEOL placed; the applicant's answer is awaited (R441-10).</summary>
    Offerte = 60,
    /// <summary>The last offer was refused (or left unanswered): the landlord offers the dwelling to the next ranked candidate.</summary>
    OffreRefusee = 65,
    /// <summary>The offer was accepted: the lease is to be signed.</summary>
    OffreAcceptee = 70,
    /// <summary>A lease was signed (set by the lease act).</summary>
    Attribuee = 90,
    /// <summary>Withdrawn by the landlord (works, sale, demolition, error): no longer to let, no longer counted in the flux.</summary>
    Retiree = 99,
}

/// <summary>
/// Why a vacancy is left out of the flux base of the year (CCH R441-5, as amended by décret 2020-145): the dwellings used for
/// these rehousings are not shared among the réservataires. No value: the vacancy counts in the flux.
/// </summary>
public enum MotifHorsFlux
{
    /// <summary>Internal transfer of a tenant within the landlord's stock (mutation interne).</summary>
    MutationInterne = 1,
    /// <summary>Rehousing for an urban-renewal operation (loi 2003-710, NPNRU).</summary>
    RenouvellementUrbain = 2,
    /// <summary>Rehousing for an operation of requalification of degraded co-ownerships (ORCOD, L741-1 and L741-2).</summary>
    Orcod = 3,
    /// <summary>Rehousing of occupants of unfit or dangerous housing (L521-3-1 to L521-3-3).</summary>
    HabitatIndigne = 4,
    /// <summary>Rehousing linked to the sale of social dwellings.</summary>
    VenteHlm = 5,
}

public static class LibellesVacance
{
    public static string Libelle(this StatutVacance s) => s switch
    {
        StatutVacance.Declaree => "déclarée",
        StatutVacance.Orientee => "orientée",
        StatutVacance.Rendue => "rendue au bailleur",
        StatutVacance.CandidatsProposes => "candidats proposés",
        StatutVacance.EnCommission => "en commission d'attribution",
        StatutVacance.Decidee => "décidée par la commission",
        StatutVacance.Offerte => "offre en attente de réponse",
        StatutVacance.OffreRefusee => "offre refusée, candidat suivant",
        StatutVacance.OffreAcceptee => "offre acceptée, bail à signer",
        StatutVacance.Attribuee => "attribuée",
        StatutVacance.Retiree => "retirée",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    public static string Code(this StatutVacance s) => s switch
    {
        StatutVacance.Declaree => "declaree",
        StatutVacance.Orientee => "orientee",
        StatutVacance.Rendue => "rendue",
        StatutVacance.CandidatsProposes => "candidats-proposes",
        StatutVacance.EnCommission => "en-commission",
        StatutVacance.Decidee => "decidee",
        StatutVacance.Offerte => "offerte",
        StatutVacance.OffreRefusee => "offre-refusee",
        StatutVacance.OffreAcceptee => "offre-acceptee",
        StatutVacance.Attribuee => "attribuee",
        StatutVacance.Retiree => "retiree",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    public static StatutVacance? LireStatut(string? code) =>
        Enum.GetValues<StatutVacance>().Cast<StatutVacance?>().FirstOrDefault(s => string.Equals(s!.Value.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string Libelle(this MotifHorsFlux m) => m switch
    {
        MotifHorsFlux.MutationInterne => "mutation interne dans le parc du bailleur",
        MotifHorsFlux.RenouvellementUrbain => "relogement lié au renouvellement urbain (NPNRU)",
        MotifHorsFlux.Orcod => "relogement lié à une opération de requalification de copropriétés dégradées (ORCOD)",
        MotifHorsFlux.HabitatIndigne => "relogement d'occupants d'un habitat indigne ou dangereux (L521-3-1 à L521-3-3)",
        MotifHorsFlux.VenteHlm => "relogement lié à la vente de logements sociaux",
        _ => throw new ArgumentOutOfRangeException(nameof(m)),
    };

    public static string Code(this MotifHorsFlux m) => m switch
    {
        MotifHorsFlux.MutationInterne => "mutation-interne",
        MotifHorsFlux.RenouvellementUrbain => "renouvellement-urbain",
        MotifHorsFlux.Orcod => "orcod",
        MotifHorsFlux.HabitatIndigne => "habitat-indigne",
        MotifHorsFlux.VenteHlm => "vente-hlm",
        _ => throw new ArgumentOutOfRangeException(nameof(m)),
    };

    /// <summary>
    /// The household is rehoused by an urban-renewal operation or an ORCOD: L441-1 counts its lease outside QPV with the first-quartile ones
    /// (docs/regles/01-mixite-sociale.md §1.4).
    /// </summary>
    public static bool EstRelogementRenouvellement(this MotifHorsFlux? m) => m is MotifHorsFlux.RenouvellementUrbain or MotifHorsFlux.Orcod;

    public static MotifHorsFlux? LireMotif(string? code) =>
        Enum.GetValues<MotifHorsFlux>().Cast<MotifHorsFlux?>().FirstOrDefault(m => string.Equals(m!.Value.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>What happened to a vacancy.</summary>
public enum TypeEvenementVacance
{
    Declaration = 1,
    Orientation = 2,
    Restitution = 3,
    PropositionCandidats = 4,
    Retrait = 5,
    /// <summary>The dossier was put on the agenda of a CALEOL session.</summary>
    MiseEnCommission = 6,
    /// <summary>The CALEOL decided on every candidate of the dossier.</summary>
    DecisionCommission = 7,
    /// <summary>A written offer of the dwelling was made to a candidate.</summary>
    Offre = 8,
    /// <summary>The applicant's answer to the offer (or its absence at the deadline) was recorded.</summary>
    ReponseOffre = 9,
    /// <summary>The lease was signed: the vacancy is attributed.</summary>
    Bail = 10,
}

/// <summary>One step of a vacancy's history, with who did it and for which organisation.</summary>
public sealed class EvenementVacance
{
    private EvenementVacance() { Organisation = ""; Resume = ""; }

    internal EvenementVacance(int rang, TypeEvenementVacance type, DateTimeOffset quand, Acteur par, string resume)
    {
        Rang = rang;
        Type = type;
        Quand = quand;
        AuteurId = par.Id;
        Organisation = par.Organisation;
        Resume = resume;
    }

    public int Rang { get; private set; }
    public TypeEvenementVacance Type { get; private set; }
    public DateTimeOffset Quand { get; private set; }
    public AuteurId AuteurId { get; private set; }
    public string Organisation { get; private set; }
    public string Resume { get; private set; }

    internal void Remplacer(string ancien, string nouveau) => Resume = Resume.Replace(ancien, nouveau, StringComparison.Ordinal);
}

/// <summary>The rent and charges of a vacancy, and the date the dwelling is available, as the landlord declares them.</summary>
public sealed record SaisieVacance(DateOnly DateDisponibilite, decimal Loyer, decimal Charges, MotifHorsFlux? HorsFlux);

/// <summary>
/// A vacancy: one dwelling of a landlord, free (or about to be) and to be let. It copies from the dwelling what the allocation needs
/// (commune, QPV, financing, typology, accessibility) so that the flux, the bilan and the later steps read it without joins and keep
/// what the dwelling was when it was let. Built by <see cref="Declarer"/>; each act checks its status and writes its history.
/// </summary>
public sealed class Vacance
{
    public const decimal LoyerMaximum = 5_000m;
    public const decimal ChargesMaximum = 2_000m;
    public const int LongueurMotifMax = 300;

    private readonly List<EvenementVacance> _evenements = [];

    private Vacance() { NumeroRpls = ""; }

    public VacanceId Id { get; private set; }
    public Siren EpciSiren { get; private set; }
    public LogementId LogementId { get; private set; }
    public string NumeroRpls { get; private set; }
    public BailleurId BailleurId { get; private set; }
    public CodeInsee CommuneInsee { get; private set; }
    public string? QpvCode { get; private set; }
    public Financement Financement { get; private set; }
    public Typologie Typologie { get; private set; }
    public bool AccessiblePmr { get; private set; }
    public DateOnly DateDisponibilite { get; private set; }
    /// <summary>Monthly principal rent in euros.</summary>
    public decimal Loyer { get; private set; }
    /// <summary>Monthly recoverable charges in euros.</summary>
    public decimal Charges { get; private set; }
    /// <summary>Why it is outside the flux base (R441-5); null: it counts in the flux.</summary>
    public MotifHorsFlux? HorsFlux { get; private set; }
    public StatutVacance Statut { get; private set; }
    public DateTimeOffset DeclareeLe { get; private set; }
    /// <summary>The réservataire the vacancy was oriented to (the landlord's own contingent is a réservataire too); kept after a hand-back.</summary>
    public ReservataireId? ReservataireId { get; private set; }
    public DateTimeOffset? OrienteeLe { get; private set; }
    /// <summary>The year of the flux the orientation counts in (French civil year of the orientation).</summary>
    public int? AnneeFlux { get; private set; }
    /// <summary>Last French civil day on which the réservataire may propose candidates; null for the landlord's own contingent.</summary>
    public DateOnly? EcheanceProposition { get; private set; }
    /// <summary>Why the landlord chose this réservataire (the suggestion's explanation, or the landlord's own words).</summary>
    public string? MotifOrientation { get; private set; }
    public DateTimeOffset? RendueLe { get; private set; }
    public DateTimeOffset? CandidatsProposesLe { get; private set; }
    public DateTimeOffset? RetireeLe { get; private set; }
    public string? MotifRetrait { get; private set; }
    /// <summary>Optimistic concurrency: two agents acting at once on one vacancy cannot both succeed.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<EvenementVacance> Evenements => _evenements;

    /// <summary>
    /// Demands named in this history were deleted at the end of their retention (docs/protection-des-donnees.md §2 item 14): their national
    /// numbers are replaced by « supprimée » in the steps' summaries. True when a summary changed.
    /// </summary>
    public bool OublierDemandes(IEnumerable<string> numeros)
    {
        ArgumentNullException.ThrowIfNull(numeros);
        var change = false;
        foreach (var numero in numeros.Where(n => n.Length > 0))
            foreach (var e in _evenements.Where(e => e.Resume.Contains(numero, StringComparison.Ordinal)))
            {
                e.Remplacer(numero, Demandes.Demande.NumeroSupprime);
                change = true;
            }
        return change;
    }

    public bool EnQpv => QpvCode is not null;

    /// <summary>
    /// The landlord proposes the candidates (R441-5): its own contingent (no proposal deadline) or a vacancy a réservataire handed back.
    /// Otherwise the réservataire the vacancy is oriented to does, until its deadline.
    /// </summary>
    public bool CandidatsDuBailleur => EcheanceProposition is null || RendueLe is not null;
    public bool CompteDansFlux => HorsFlux is null;
    /// <summary>Still to let: neither attributed nor withdrawn.</summary>
    public bool EstOuverte => Statut is not (StatutVacance.Attribuee or StatutVacance.Retiree);

    /// <summary>The errors of a declaration, by field (camelCase), empty when it may be recorded.</summary>
    public static Dictionary<string, string[]> Verifier(SaisieVacance saisie, DateOnly aujourdhui)
    {
        ArgumentNullException.ThrowIfNull(saisie);
        var erreurs = new Dictionary<string, string[]>();
        if (saisie.DateDisponibilite < aujourdhui.AddYears(-1) || saisie.DateDisponibilite > aujourdhui.AddYears(1))
            erreurs["dateDisponibilite"] = ["La date de disponibilité doit être comprise entre un an avant et un an après aujourd'hui."];
        if (saisie.Loyer is <= 0 or > LoyerMaximum)
            erreurs["loyer"] = [$"Le loyer mensuel doit être supérieur à 0 € et d'au plus {LoyerMaximum:0} €."];
        if (saisie.Charges is < 0 or > ChargesMaximum)
            erreurs["charges"] = [$"Les charges mensuelles doivent être comprises entre 0 et {ChargesMaximum:0} €."];
        return erreurs;
    }

    public static Resultat<Vacance> Declarer(VacanceId id, Siren epci, Logement logement, SaisieVacance saisie, DateTimeOffset quand, Acteur par)
    {
        ArgumentNullException.ThrowIfNull(logement);
        ArgumentNullException.ThrowIfNull(saisie);
        var erreurs = Verifier(saisie, HeureFrance.Jour(quand));
        if (erreurs.Count > 0) return Resultat.Invalide<Vacance>("La déclaration de vacance comporte des erreurs.", erreurs);
        var v = new Vacance
        {
            Id = id, EpciSiren = epci, LogementId = logement.Id, NumeroRpls = logement.NumeroRpls, BailleurId = logement.BailleurId,
            CommuneInsee = logement.CommuneInsee, QpvCode = logement.QpvCode, Financement = logement.Financement, Typologie = logement.Typologie,
            AccessiblePmr = logement.AccessiblePmr, DateDisponibilite = saisie.DateDisponibilite, Loyer = saisie.Loyer, Charges = saisie.Charges,
            HorsFlux = saisie.HorsFlux, Statut = StatutVacance.Declaree, DeclareeLe = quand,
        };
        var flux = saisie.HorsFlux is { } m ? $"hors flux : {m.Libelle()}" : "compte dans le flux annuel";
        v.Noter(TypeEvenementVacance.Declaration, quand, par,
            $"Vacance déclarée : logement {logement.NumeroRpls} ({logement.Typologie.Libelle()}), disponible le {saisie.DateDisponibilite:dd/MM/yyyy}, {flux}.");
        return Resultat.Ok(v);
    }

    /// <summary>
    /// Orients the vacancy to a réservataire (or the landlord's own contingent) for the flux of the year of <paramref name="quand"/>. A
    /// vacancy outside the flux goes only to the landlord's own contingent (it is not shared). <paramref name="delaiJours"/> is the
    /// convention's proposal delay (null for the own contingent: the landlord proposes itself).
    /// </summary>
    public Resultat Orienter(ReservataireId reservataire, bool contingentDuBailleur, string nomReservataire, int? delaiJours, string? motif,
        DateTimeOffset quand, Acteur par)
    {
        if (Statut != StatutVacance.Declaree)
            return Resultat.Echec($"La vacance est {Statut.Libelle()} : seule une vacance déclarée, pas encore orientée, peut être orientée.");
        if (!CompteDansFlux && !contingentDuBailleur)
            return Resultat.Echec($"Cette vacance est hors flux ({HorsFlux!.Value.Libelle()}, R441-5) : elle reste au bailleur et ne s'oriente pas vers un réservataire.");
        if (delaiJours is < 1 or > 90) throw new ArgumentOutOfRangeException(nameof(delaiJours));
        if (motif is { Length: > 500 }) motif = motif[..500];
        var jour = HeureFrance.Jour(quand);
        ReservataireId = reservataire;
        OrienteeLe = quand;
        AnneeFlux = jour.Year;
        EcheanceProposition = delaiJours is { } d ? jour.AddDays(d) : null;
        MotifOrientation = string.IsNullOrWhiteSpace(motif) ? null : motif.Trim();
        Statut = StatutVacance.Orientee;
        Version++;
        var echeance = EcheanceProposition is { } e ? $" ; candidats à proposer au plus tard le {e:dd/MM/yyyy}" : " ; le bailleur propose lui-même les candidats";
        Noter(TypeEvenementVacance.Orientation, quand, par, $"Orientée vers {nomReservataire}{echeance}.");
        return Resultat.Ok();
    }

    /// <summary>
    /// The réservataire did not propose by the end of <see cref="EcheanceProposition"/>: the vacancy goes back to the landlord, who proposes
    /// candidates itself. It stays counted in the réservataire's flux (it was put at its disposal).
    /// </summary>
    public Resultat Rendre(DateOnly jour, DateTimeOffset quand, Acteur par)
    {
        if (Statut != StatutVacance.Orientee || EcheanceProposition is not { } echeance)
            return Resultat.Echec("Seule une vacance orientée vers un réservataire, en attente de ses candidats, peut lui être reprise.");
        if (jour <= echeance)
            return Resultat.Echec($"Le délai de proposition court jusqu'au {echeance:dd/MM/yyyy} inclus : la vacance ne peut pas encore être reprise.");
        Statut = StatutVacance.Rendue;
        RendueLe = quand;
        Version++;
        Noter(TypeEvenementVacance.Restitution, quand, par,
            $"Aucun candidat proposé au {echeance:dd/MM/yyyy} : la vacance revient au bailleur, qui propose lui-même ; elle reste décomptée du flux du réservataire.");
        return Resultat.Ok();
    }

    /// <summary>
    /// Candidates were proposed for the dwelling: by the réservataire while it holds the vacancy, or by the landlord once it is handed
    /// back (or for its own contingent). The candidates themselves are recorded by the pre-selection step.
    /// </summary>
    public Resultat NoterCandidatsProposes(int nombre, DateTimeOffset quand, Acteur par)
    {
        if (Statut is not (StatutVacance.Orientee or StatutVacance.Rendue))
            return Resultat.Echec($"La vacance est {Statut.Libelle()} : des candidats se proposent sur une vacance orientée (ou rendue au bailleur).");
        if (nombre < 1) return Resultat.Echec("Proposez au moins un candidat.");
        Statut = StatutVacance.CandidatsProposes;
        CandidatsProposesLe = quand;
        Version++;
        Noter(TypeEvenementVacance.PropositionCandidats, quand, par, nombre == 1 ? "1 candidat proposé." : $"{nombre} candidats proposés.");
        return Resultat.Ok();
    }

    /// <summary>
    /// The landlord puts the vacancy's dossier on the agenda of its CALEOL session of <paramref name="seance"/>: from an oriented or handed-back
    /// vacancy (the landlord adds its own candidates) or one with proposed candidates.
    /// </summary>
    public Resultat MettreEnCommission(DateOnly seance, int candidats, DateTimeOffset quand, Acteur par)
    {
        if (Statut is not (StatutVacance.Orientee or StatutVacance.Rendue or StatutVacance.CandidatsProposes))
            return Resultat.Echec($"La vacance est {Statut.Libelle()} : seule une vacance orientée, rendue au bailleur ou dont les candidats sont proposés passe en commission.");
        Statut = StatutVacance.EnCommission;
        Version++;
        Noter(TypeEvenementVacance.MiseEnCommission, quand, par,
            $"Dossier inscrit à la séance de la commission d'attribution du {seance:dd/MM/yyyy} ({(candidats == 1 ? "1 candidat" : $"{candidats} candidats")}).");
        return Resultat.Ok();
    }

    /// <summary>
    /// The CALEOL decided on every candidate: with at least one attribution the vacancy is decided (the offer follows); with none it goes back
    /// to the proposal step, for new candidates and another session.
    /// </summary>
    public Resultat NoterDecisionCommission(int attributions, DateTimeOffset quand, Acteur par)
    {
        if (Statut != StatutVacance.EnCommission)
            return Resultat.Echec($"La vacance est {Statut.Libelle()} : elle n'est pas en commission.");
        Statut = attributions > 0 ? StatutVacance.Decidee : StatutVacance.CandidatsProposes;
        Version++;
        Noter(TypeEvenementVacance.DecisionCommission, quand, par, attributions > 0
            ? $"La commission d'attribution a décidé : {(attributions == 1 ? "1 candidat retenu" : $"{attributions} candidats retenus")}."
            : "La commission d'attribution n'a retenu aucun candidat : de nouveaux candidats sont à présenter.");
        return Resultat.Ok();
    }

    /// <summary>The landlord withdraws the vacancy (works, sale, error…): it is no longer to let and no longer counts in the flux.</summary>
    public Resultat Retirer(string? motif, DateTimeOffset quand, Acteur par)
    {
        if (!EstOuverte) return Resultat.Echec($"La vacance est {Statut.Libelle()} : elle ne peut plus être retirée.");
        var texte = motif?.Trim();
        if (string.IsNullOrEmpty(texte))
            return Resultat.Echec(Echec.Invalide("Le motif du retrait est obligatoire.", new Dictionary<string, string[]> { ["motif"] = ["Indiquez pourquoi la vacance est retirée (travaux, vente, erreur de saisie…)."] }));
        if (texte.Length > LongueurMotifMax)
            return Resultat.Echec(Echec.Invalide("Le motif est trop long.", new Dictionary<string, string[]> { ["motif"] = [$"Le motif compte au plus {LongueurMotifMax} caractères."] }));
        Statut = StatutVacance.Retiree;
        RetireeLe = quand;
        MotifRetrait = texte;
        Version++;
        Noter(TypeEvenementVacance.Retrait, quand, par, "Vacance retirée : " + texte);
        return Resultat.Ok();
    }

    /// <summary>
    /// Whether a written offer may be made now: the CALEOL decided (at least one attribution, <see cref="NoterDecisionCommission"/>) and no offer
    /// is pending or accepted — the first offer, or the next one after a refusal. Which candidate receives it is the CALEOL's order (<see cref="OrdreOffres"/>).
    /// </summary>
    public bool PeutEtreOfferte => Statut is StatutVacance.Decidee or StatutVacance.OffreRefusee;

    /// <summary>A written offer of the dwelling was made to the demand <paramref name="numeroDemande"/> (the applicant's name is never written here).</summary>
    public Resultat NoterOffre(string numeroDemande, DateOnly echeance, DateTimeOffset quand, Acteur par)
    {
        if (!PeutEtreOfferte)
            return Resultat.Echec(Statut switch
            {
                StatutVacance.Offerte => "Une offre de ce logement attend déjà la réponse d'un candidat : un seul candidat à la fois reçoit l'offre.",
                StatutVacance.OffreAcceptee => "L'offre de ce logement a été acceptée : il reste à enregistrer le bail.",
                _ => $"La vacance est {Statut.Libelle()} : le logement s'offre après la décision de la commission d'attribution (CALEOL).",
            });
        Statut = StatutVacance.Offerte;
        Version++;
        Noter(TypeEvenementVacance.Offre, quand, par, $"Offre écrite faite à la demande {numeroDemande}, réponse attendue au plus tard le {echeance:dd/MM/yyyy}.");
        return Resultat.Ok();
    }

    /// <summary>The answer to the pending offer: accepted, or refused (said, or by silence at the deadline).</summary>
    public Resultat NoterReponseOffre(string numeroDemande, bool acceptee, string resume, DateTimeOffset quand, Acteur par)
    {
        if (Statut != StatutVacance.Offerte) return Resultat.Echec($"La vacance est {Statut.Libelle()} : aucune offre n'attend de réponse.");
        Statut = acceptee ? StatutVacance.OffreAcceptee : StatutVacance.OffreRefusee;
        Version++;
        Noter(TypeEvenementVacance.ReponseOffre, quand, par, $"Demande {numeroDemande} : {resume}");
        return Resultat.Ok();
    }

    /// <summary>The lease of the accepted offer is signed: the vacancy is attributed.</summary>
    public Resultat Attribuer(string numeroDemande, DateOnly signature, DateOnly effet, DateTimeOffset quand, Acteur par)
    {
        if (Statut != StatutVacance.OffreAcceptee)
            return Resultat.Echec(Statut == StatutVacance.Attribuee
                ? "Ce logement est déjà attribué : un bail y est déjà enregistré."
                : $"La vacance est {Statut.Libelle()} : le bail s'enregistre après l'acceptation d'une offre.");
        Statut = StatutVacance.Attribuee;
        Version++;
        Noter(TypeEvenementVacance.Bail, quand, par, $"Bail signé le {signature:dd/MM/yyyy} avec la demande {numeroDemande}, prise d'effet le {effet:dd/MM/yyyy} : logement attribué.");
        return Resultat.Ok();
    }

    /// <summary>Counts in the réservataire's received flux of its year: oriented, in the flux, not withdrawn.</summary>
    public bool CompteCommeRecue => CompteDansFlux && ReservataireId is not null && AnneeFlux is not null && Statut != StatutVacance.Retiree;

    private void Noter(TypeEvenementVacance type, DateTimeOffset quand, Acteur par, string resume) =>
        _evenements.Add(new EvenementVacance(_evenements.Count + 1, type, quand, par, resume.Length <= 500 ? resume : resume[..500]));
}
