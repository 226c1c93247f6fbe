using Logis.Domain.Commun;

namespace Logis.Domain.Demandes;

/// <summary>Every step in the life of a demand, as recorded in its timeline.</summary>
public enum TypeEvenementDemande
{
    Enregistrement = 1,
    MiseAJour = 2,
    Renouvellement = 3,
    RappelRenouvellement = 4,
    Avertissement = 5,
    AvertissementLeve = 6,
    SituationPrioritaireDeclaree = 7,
    SituationPrioritaireValidee = 8,
    PieceRecue = 9,
    Proposition = 10,
    DecisionCaleol = 11,
    Offre = 12,
    Refus = 13,
    BailSigne = 14,
    Fusion = 15,
    Radiation = 16,
    PieceRetiree = 17,
    /// <summary>The contents of the pieces were deleted when the demand was radiated (docs/protection-des-donnees.md §2 item 14).</summary>
    PiecesPurgees = 18,
    /// <summary>A competent agent refused the proof of a declared priority situation.</summary>
    SituationPrioritaireRefusee = 19,
    /// <summary>The proof of a validated priority situation ended: it no longer counts.</summary>
    SituationPrioritaireExpiree = 20,
    /// <summary>The delivery of a warning (R441-2-8 c, d) was recorded with its proof.</summary>
    RemiseAvertissement = 21,
    /// <summary>A notice or a warning came back undelivered.</summary>
    AvisNonDistribue = 22,
    /// <summary>The applicant who used the online service asked for the renewal notice by post as well (R441-2-7 3°).</summary>
    PreferenceAvis = 23,
    /// <summary>The applicant accepted an offer of a dwelling.</summary>
    Acceptation = 24,
    /// <summary>The applicant corrected their contact details from the applicant space (applied at once).</summary>
    CoordonneesCorrigees = 25,
    /// <summary>The applicant declared a change of situation from the applicant space: an agent validates or rejects it.</summary>
    ChangementDeclare = 26,
    /// <summary>An agent validated (and entered) or rejected a declared change of situation.</summary>
    ChangementTraite = 27,
}

/// <summary>
/// One event of the timeline: what, when, who, for which organisation, and a French summary. The summary
/// is written by the aggregate from fixed wording: it never holds a NIR, a health or violence detail, nor
/// free text (docs/protection-des-donnees.md §2, items 4–5); the type carries the meaning.
/// </summary>
public sealed class EvenementDemande
{
    private EvenementDemande() { Resume = ""; Organisation = ""; }

    internal EvenementDemande(int rang, TypeEvenementDemande type, DateTimeOffset quand, Acteur par, string resume, LogementId? logement)
    {
        Rang = rang;
        Type = type;
        Quand = quand;
        AuteurId = par.Id;
        Organisation = par.Organisation;
        Resume = resume;
        LogementId = logement;
    }

    /// <summary>Position in the timeline, from 1.</summary>
    public int Rang { get; private set; }
    public TypeEvenementDemande Type { get; private set; }
    public DateTimeOffset Quand { get; private set; }
    public AuteurId AuteurId { get; private set; }
    public string Organisation { get; private set; }
    public string Resume { get; private set; }
    /// <summary>The dwelling concerned, for proposals, CALEOL decisions, offers, refusals and leases.</summary>
    public LogementId? LogementId { get; private set; }

    /// <summary>
    /// For an offer: whether the agent who made it qualified it as adapted to the household's needs and capacities (CCH
    /// R441-2-17: only the refusal of such an offer may lower the score). The qualifying agent and instant are the offer's
    /// <see cref="AuteurId"/> and <see cref="Quand"/>. Null for other events, and for offers recorded before the qualification
    /// existed (never taken as adapted).
    /// </summary>
    public bool? OffreAdaptee { get; private set; }

    internal void QualifierOffre(bool adaptee) => OffreAdaptee = adaptee;

    /// <summary>For a CALEOL decision: the decision taken (R441-3 a–e); null for other events and for decisions recorded before it was kept.</summary>
    public DecisionCaleol? DecisionCaleol { get; private set; }

    /// <summary>For an attribution by order of priority: the candidate's rank (R441-2-17: the applicant may know it).</summary>
    public int? RangCaleol { get; private set; }

    internal void QualifierDecision(DecisionCaleol decision, int? rang)
    {
        DecisionCaleol = decision;
        RangCaleol = rang;
    }

    public override string ToString() => $"{Quand:yyyy-MM-dd HH:mm} {Type} — {Resume}";
}
