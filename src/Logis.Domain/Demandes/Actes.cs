using Logis.Domain.Commun;
namespace Logis.Domain.Demandes;

public enum StatutDemande
{
    /// <summary>Registered, with a number; valid until <see cref="Demande.DateFinValidite"/>.</summary>
    Active = 1,
    /// <summary>Radiated for one of the six R441-2-8 reasons; no act is possible any more.</summary>
    Radiee = 2,
}

/// <summary>The six radiation reasons of CCH R441-2-8 [V]; the reason stays recorded.</summary>
public enum MotifRadiation
{
    /// <summary>a) Attribution followed by a signed lease; the bailleur radiates at signature.</summary>
    AttributionBailSigne = 1,
    /// <summary>b) Written renunciation; immediate.</summary>
    Renonciation = 2,
    /// <summary>c) No reply to a letter sent to the last address; one month after a warning.</summary>
    AbsenceDeReponse = 3,
    /// <summary>d) Inadmissibility pronounced by a CALEOL; one month after a warning.</summary>
    Irrecevabilite = 4,
    /// <summary>e) Not renewed in time.</summary>
    NonRenouvellement = 5,
    /// <summary>Merged into another demand of the same household (duplicates; seniority kept): a team choice, recorded apart from R441-2-8 f), which merges numbers into the national one.</summary>
    Fusion = 6,
}

/// <summary>CALEOL decision for a candidate, CCH R441-3 a)–e) [V].</summary>
public enum DecisionCaleol
{
    Attribution = 1,
    AttributionAvecRang = 2,
    AttributionSousConditionSuspensive = 3,
    NonAttribution = 4,
    Irrecevabilite = 5,
}

/// <summary>
/// The structured reasons of a CALEOL decision (L441-2-2: every rejection is notified in writing with its reasons; R441-2-17: the
/// applicant may know the reasons of a non-attribution or of an attribution under suspensive condition, and the rank). Fixed French
/// wording, written as such in the timeline and the letter; the commission's own short text stays in the dossier only.
/// </summary>
public enum MotifDecisionCaleol
{
    /// <summary>Non-attribution: the dwelling goes to a candidate ranked before.</summary>
    CandidatMieuxClasse = 1,
    /// <summary>Non-attribution: size or number of rooms unsuited to the household.</summary>
    InadapteComposition = 2,
    /// <summary>Non-attribution: effort rate too high for the household's resources (R441-3-1).</summary>
    TauxEffort = 3,
    /// <summary>Non-attribution: the dwelling does not meet the household's needs (accessibility, location of work or care).</summary>
    InadapteBesoins = 4,
    /// <summary>Non-attribution: a member owns a dwelling suited to the household's needs or yielding enough income (L441-2-2, not when protected by an ordonnance de protection).</summary>
    ProprietaireLogementAdapte = 5,
    /// <summary>Non-attribution: another reason, told in the commission's short text.</summary>
    Autre = 9,
    /// <summary>Irrecevabilité: resources above the ceilings of the dwelling's financing (R441-1).</summary>
    RessourcesAuDessusPlafonds = 10,
    /// <summary>Irrecevabilité: the conditions of regular and permanent stay in France are not met (R441-1).</summary>
    SejourIrregulier = 11,
    /// <summary>Irrecevabilité: another legal condition of access is not met, told in the commission's short text.</summary>
    AutreConditionLegale = 12,
}

/// <summary>
/// The reasons that go with a CALEOL decision: the structured motives and, for an attribution under suspensive condition, the missing
/// piece of the limitative list (R441-2-4-1) and the last day to bring it.
/// </summary>
public sealed record MotivationCaleol(IReadOnlyList<MotifDecisionCaleol> Motifs, TypePiece? PieceManquante = null, DateOnly? PieceAttendueAvant = null)
{
    public static readonly MotivationCaleol Aucune = new([]);

    /// <summary>The motives a decision admits (none for an attribution, the non-attribution list, the irrecevabilité list).</summary>
    public static IReadOnlyList<MotifDecisionCaleol> Admis(DecisionCaleol decision) => decision switch
    {
        DecisionCaleol.NonAttribution => [MotifDecisionCaleol.CandidatMieuxClasse, MotifDecisionCaleol.InadapteComposition, MotifDecisionCaleol.TauxEffort,
            MotifDecisionCaleol.InadapteBesoins, MotifDecisionCaleol.ProprietaireLogementAdapte, MotifDecisionCaleol.Autre],
        DecisionCaleol.Irrecevabilite => [MotifDecisionCaleol.RessourcesAuDessusPlafonds, MotifDecisionCaleol.SejourIrregulier, MotifDecisionCaleol.AutreConditionLegale],
        _ => [],
    };

    /// <summary>The pieces of the limitative list that may be missing for an attribution under suspensive condition (R441-2-4-1).</summary>
    public static IReadOnlyList<TypePiece> PiecesAdmises { get; } = [TypePiece.IdentiteOuTitreSejour, TypePiece.AvisImposition, TypePiece.JustificatifRessources,
        TypePiece.JustificatifSituationFamiliale, TypePiece.JustificatifLogementActuel, TypePiece.PieceSensible];

    /// <summary>Why this motivation does not fit the decision taken on <paramref name="jour"/>; null when it fits.</summary>
    public string? Erreur(DecisionCaleol decision, DateOnly jour)
    {
        var admis = Admis(decision);
        if (Motifs.Any(m => !admis.Contains(m)))
            return admis.Count == 0 ? $"Une décision d'{decision.Libelle()} ne porte pas de motif de refus."
                : $"Motif non admis pour une décision de {decision.Libelle()} : choisissez parmi " + string.Join(", ", admis.Select(m => m.Libelle())) + ".";
        if (Motifs.Distinct().Count() != Motifs.Count) return "Un même motif est indiqué deux fois.";
        if (decision is DecisionCaleol.NonAttribution or DecisionCaleol.Irrecevabilite && Motifs.Count == 0)
            return $"Une décision de {decision.Libelle()} est motivée (article L441-2-2 du CCH) : indiquez au moins un motif.";
        if (decision == DecisionCaleol.AttributionSousConditionSuspensive)
        {
            if (PieceManquante is not { } piece || !PiecesAdmises.Contains(piece))
                return "Une attribution sous condition suspensive indique la pièce manquante, de la liste limitative des pièces (article R441-2-4-1 du CCH).";
            if (PieceAttendueAvant is not { } avant || avant <= jour)
                return "Une attribution sous condition suspensive fixe le délai pour fournir la pièce : une date postérieure à la décision.";
        }
        else if (PieceManquante is not null || PieceAttendueAvant is not null)
            return "Seule une attribution sous condition suspensive indique une pièce manquante et son délai.";
        return null;
    }
}

/// <summary>Reason given by the applicant for refusing an offer (R441-10: no answer counts as a refusal [M]).</summary>
public enum MotifRefus
{
    TypologieOuSurface = 1,
    Localisation = 2,
    LoyerOuCharges = 3,
    EtageOuAccessibilite = 4,
    EtatDuLogement = 5,
    Environnement = 6,
    SituationChangee = 7,
    AbsenceDeReponse = 8,
    Autre = 9,
}

/// <summary>Kind of supporting document received. Sensitive pieces (medical certificate, judgment, violence evidence, NIR-bearing scans) form one class whose kind is never written in the timeline (docs/protection-des-donnees.md §2, item 8).</summary>
public enum TypePiece
{
    IdentiteOuTitreSejour = 1,
    AvisImposition = 2,
    JustificatifRessources = 3,
    JustificatifSituationFamiliale = 4,
    JustificatifLogementActuel = 5,
    PieceSensible = 6,
    Autre = 7,
}

/// <summary>
/// How a warning before radiation c) or d) is sent: R441-2-8 asks for a registered letter with acknowledgement of receipt
/// or any means that proves its delivery [V].
/// </summary>
public enum MoyenAvertissement
{
    LettreRecommandeeAvecAccuseReception = 1,
    /// <summary>Any other means proving delivery: hand delivery against a receipt, registered electronic letter…</summary>
    AutreMoyenAvecPreuve = 2,
}

/// <summary>
/// A warning sent before a radiation under R441-2-8 c) or d): the radiation is possible one month after its
/// <b>delivery</b>, recorded with its proof by an agent or a partner system. A warning returned undelivered proves
/// nothing: a new one must be sent.
/// </summary>
public sealed class Avertissement
{
    private Avertissement() { }

    internal Avertissement(MotifRadiation motif, MoyenAvertissement moyen, DateOnly envoyeLe)
    {
        Motif = motif;
        Moyen = moyen;
        EnvoyeLe = envoyeLe;
    }

    public MotifRadiation Motif { get; private set; }
    public MoyenAvertissement Moyen { get; private set; }
    public DateOnly EnvoyeLe { get; private set; }

    /// <summary>Date of delivery, from the proof (acknowledgement of receipt, receipt…); null until recorded.</summary>
    public DateOnly? RemisLe { get; private set; }

    /// <summary>The reference of the proof (acknowledgement number, receipt…), short text typed by an agent.</summary>
    public string? Preuve { get; private set; }

    /// <summary>Date the letter came back undelivered, if it did.</summary>
    public DateOnly? NonDistribueLe { get; private set; }

    /// <summary>First day of the radiation, set when the delivery is recorded (R441-2-8 c, d: one month after it).</summary>
    public DateOnly? RadiationPossibleLe { get; private set; }

    internal void NoterRemise(DateOnly remisLe, string preuve, DateOnly radiationPossibleLe)
    {
        RemisLe = remisLe;
        Preuve = preuve;
        RadiationPossibleLe = radiationPossibleLe;
    }

    internal void NoterNonDistribution(DateOnly le) => NonDistribueLe = le;
}

/// <summary>A notice to the applicant whose return or delivery an agent or a partner system records.</summary>
public enum AvisDemande
{
    /// <summary>The renewal notice (R441-2-7).</summary>
    Renouvellement = 1,
    /// <summary>The warning before radiation c) (R441-2-8 c).</summary>
    AvertissementAbsenceDeReponse = 2,
    /// <summary>The warning before radiation d) (R441-2-8 d).</summary>
    AvertissementIrrecevabilite = 3,
}

public static class LibellesAvertissement
{
    public static string Libelle(this MoyenAvertissement moyen) => moyen switch
    {
        MoyenAvertissement.LettreRecommandeeAvecAccuseReception => "lettre recommandée avec avis de réception",
        MoyenAvertissement.AutreMoyenAvecPreuve => "moyen prouvant la remise",
        _ => throw new ArgumentOutOfRangeException(nameof(moyen)),
    };

    public static string Libelle(this AvisDemande avis) => avis switch
    {
        AvisDemande.Renouvellement => "avis de renouvellement",
        AvisDemande.AvertissementAbsenceDeReponse => "avertissement avant radiation pour absence de réponse (R441-2-8 c)",
        AvisDemande.AvertissementIrrecevabilite => "avertissement avant radiation pour irrecevabilité (R441-2-8 d)",
        _ => throw new ArgumentOutOfRangeException(nameof(avis)),
    };

    /// <summary>The warning's radiation reason, or null for the renewal notice.</summary>
    public static MotifRadiation? Motif(this AvisDemande avis) => avis switch
    {
        AvisDemande.AvertissementAbsenceDeReponse => MotifRadiation.AbsenceDeReponse,
        AvisDemande.AvertissementIrrecevabilite => MotifRadiation.Irrecevabilite,
        _ => null,
    };

    /// <summary>The codes of the notices in the API and the command line: renouvellement, c, d.</summary>
    public static readonly IReadOnlyDictionary<string, AvisDemande> CodesAvis = new Dictionary<string, AvisDemande>
    {
        ["renouvellement"] = AvisDemande.Renouvellement,
        ["c"] = AvisDemande.AvertissementAbsenceDeReponse,
        ["d"] = AvisDemande.AvertissementIrrecevabilite,
    };

    /// <summary>The codes of the means in the API and the command line.</summary>
    public static readonly IReadOnlyDictionary<string, MoyenAvertissement> Codes = new Dictionary<string, MoyenAvertissement>
    {
        ["lettre_recommandee_ar"] = MoyenAvertissement.LettreRecommandeeAvecAccuseReception,
        ["autre_moyen_avec_preuve"] = MoyenAvertissement.AutreMoyenAvecPreuve,
    };
}

/// <summary>
/// How long before the end of validity a demand may be renewed. The law sets the validity (one year,
/// R441-2-7) and the notice (at least one month before); the opening of renewal is a local setting [M].
/// </summary>
public sealed record FenetreRenouvellement
{
    private FenetreRenouvellement(int moisAvantExpiration) => MoisAvantExpiration = moisAvantExpiration;

    public int MoisAvantExpiration { get; }

    public static Resultat<FenetreRenouvellement> Creer(int moisAvantExpiration) =>
        moisAvantExpiration is >= 1 and <= 11
            ? Resultat.Ok(new FenetreRenouvellement(moisAvantExpiration))
            : Resultat.Echec<FenetreRenouvellement>("La fenêtre de renouvellement s'ouvre entre 1 et 11 mois avant la fin de validité.");
}

public static class LibellesDemande
{
    public static string Libelle(this MotifRadiation motif) => motif switch
    {
        MotifRadiation.AttributionBailSigne => "attribution suivie de la signature d'un bail",
        MotifRadiation.Renonciation => "renonciation écrite du demandeur",
        MotifRadiation.AbsenceDeReponse => "absence de réponse à un courrier",
        MotifRadiation.Irrecevabilite => "irrecevabilité prononcée par une CALEOL",
        MotifRadiation.NonRenouvellement => "non-renouvellement dans le délai",
        MotifRadiation.Fusion => "fusion avec une autre demande du même ménage",
        _ => throw new ArgumentOutOfRangeException(nameof(motif)),
    };

    public static string Reference(this MotifRadiation motif) => motif switch
    {
        MotifRadiation.AttributionBailSigne => "R441-2-8 a)",
        MotifRadiation.Renonciation => "R441-2-8 b)",
        MotifRadiation.AbsenceDeReponse => "R441-2-8 c)",
        MotifRadiation.Irrecevabilite => "R441-2-8 d)",
        MotifRadiation.NonRenouvellement => "R441-2-8 e)",
        MotifRadiation.Fusion => "doublon fusionné, choix de l'équipe",
        _ => throw new ArgumentOutOfRangeException(nameof(motif)),
    };

    public static string Libelle(this DecisionCaleol decision) => decision switch
    {
        DecisionCaleol.Attribution => "attribution",
        DecisionCaleol.AttributionAvecRang => "attribution par ordre de priorité",
        DecisionCaleol.AttributionSousConditionSuspensive => "attribution sous condition suspensive",
        DecisionCaleol.NonAttribution => "non-attribution",
        DecisionCaleol.Irrecevabilite => "irrecevabilité",
        _ => throw new ArgumentOutOfRangeException(nameof(decision)),
    };

    public static string Libelle(this MotifDecisionCaleol motif) => motif switch
    {
        MotifDecisionCaleol.CandidatMieuxClasse => "le logement est attribué à un candidat classé avant vous",
        MotifDecisionCaleol.InadapteComposition => "la taille du logement ne convient pas à la composition du ménage",
        MotifDecisionCaleol.TauxEffort => "le loyer et les charges sont trop élevés au regard des ressources du ménage (taux d'effort)",
        MotifDecisionCaleol.InadapteBesoins => "le logement ne répond pas aux besoins du ménage (accessibilité, éloignement)",
        MotifDecisionCaleol.ProprietaireLogementAdapte => "un membre du ménage est propriétaire d'un logement adapté à ses besoins ou qui lui procure des revenus suffisants (article L441-2-2 du CCH)",
        MotifDecisionCaleol.Autre => "autre motif précisé par la commission",
        MotifDecisionCaleol.RessourcesAuDessusPlafonds => "les ressources du ménage dépassent les plafonds de ressources du logement",
        MotifDecisionCaleol.SejourIrregulier => "la condition de séjour régulier et permanent en France n'est pas remplie",
        MotifDecisionCaleol.AutreConditionLegale => "une autre condition légale d'accès au logement social n'est pas remplie",
        _ => throw new ArgumentOutOfRangeException(nameof(motif)),
    };

    public static string Code(this MotifDecisionCaleol motif) => motif switch
    {
        MotifDecisionCaleol.CandidatMieuxClasse => "candidat-mieux-classe",
        MotifDecisionCaleol.InadapteComposition => "inadapte-composition",
        MotifDecisionCaleol.TauxEffort => "taux-effort",
        MotifDecisionCaleol.InadapteBesoins => "inadapte-besoins",
        MotifDecisionCaleol.ProprietaireLogementAdapte => "proprietaire-logement-adapte",
        MotifDecisionCaleol.Autre => "autre",
        MotifDecisionCaleol.RessourcesAuDessusPlafonds => "ressources-au-dessus-plafonds",
        MotifDecisionCaleol.SejourIrregulier => "sejour-irregulier",
        MotifDecisionCaleol.AutreConditionLegale => "autre-condition-legale",
        _ => throw new ArgumentOutOfRangeException(nameof(motif)),
    };

    public static MotifDecisionCaleol? LireMotifDecision(string? code) =>
        Enum.GetValues<MotifDecisionCaleol>().Cast<MotifDecisionCaleol?>().FirstOrDefault(m => string.Equals(m!.Value.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string Code(this DecisionCaleol decision) => decision switch
    {
        DecisionCaleol.Attribution => "attribution",
        DecisionCaleol.AttributionAvecRang => "attribution-rang",
        DecisionCaleol.AttributionSousConditionSuspensive => "condition-suspensive",
        DecisionCaleol.NonAttribution => "non-attribution",
        DecisionCaleol.Irrecevabilite => "irrecevabilite",
        _ => throw new ArgumentOutOfRangeException(nameof(decision)),
    };

    public static DecisionCaleol? LireDecision(string? code) =>
        Enum.GetValues<DecisionCaleol>().Cast<DecisionCaleol?>().FirstOrDefault(d => string.Equals(d!.Value.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>Attribution, by rank or under suspensive condition: the dwelling may go to the candidate (R441-3 a–c).</summary>
    public static bool EstPositive(this DecisionCaleol decision) =>
        decision is DecisionCaleol.Attribution or DecisionCaleol.AttributionAvecRang or DecisionCaleol.AttributionSousConditionSuspensive;

    public static string Code(this TypePiece piece) => piece switch
    {
        TypePiece.IdentiteOuTitreSejour => "identite",
        TypePiece.AvisImposition => "avis-imposition",
        TypePiece.JustificatifRessources => "ressources",
        TypePiece.JustificatifSituationFamiliale => "situation-familiale",
        TypePiece.JustificatifLogementActuel => "logement-actuel",
        TypePiece.PieceSensible => "piece-restreinte",
        TypePiece.Autre => "autre",
        _ => throw new ArgumentOutOfRangeException(nameof(piece)),
    };

    public static TypePiece? LirePiece(string? code) =>
        Enum.GetValues<TypePiece>().Cast<TypePiece?>().FirstOrDefault(d => string.Equals(d!.Value.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string Libelle(this MotifRefus motif) => motif switch
    {
        MotifRefus.TypologieOuSurface => "typologie ou surface",
        MotifRefus.Localisation => "localisation",
        MotifRefus.LoyerOuCharges => "loyer ou charges",
        MotifRefus.EtageOuAccessibilite => "étage ou accessibilité",
        MotifRefus.EtatDuLogement => "état du logement",
        MotifRefus.Environnement => "environnement",
        MotifRefus.SituationChangee => "situation du ménage changée",
        MotifRefus.AbsenceDeReponse => "absence de réponse dans le délai",
        MotifRefus.Autre => "autre motif",
        _ => throw new ArgumentOutOfRangeException(nameof(motif)),
    };

    public static string Libelle(this TypePiece piece) => piece switch
    {
        TypePiece.IdentiteOuTitreSejour => "pièce d'identité ou titre de séjour",
        TypePiece.AvisImposition => "avis d'imposition",
        TypePiece.JustificatifRessources => "justificatif de ressources",
        TypePiece.JustificatifSituationFamiliale => "justificatif de situation familiale",
        TypePiece.JustificatifLogementActuel => "justificatif du logement actuel",
        TypePiece.PieceSensible => "pièce à accès restreint",
        TypePiece.Autre => "autre pièce",
        _ => throw new ArgumentOutOfRangeException(nameof(piece)),
    };

    public static string Libelle(this CanalDepot canal) => canal switch
    {
        CanalDepot.EnLigne => "en ligne",
        CanalDepot.Guichet => "au guichet",
        CanalDepot.Partenaire => "par un partenaire",
        _ => throw new ArgumentOutOfRangeException(nameof(canal)),
    };
}
