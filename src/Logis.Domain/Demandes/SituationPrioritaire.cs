using Logis.Domain.Commun;

namespace Logis.Domain.Demandes;

/// <summary>
/// Priority situations: a DALO decision (L441-2-3, ranks first) and the L441-1 criteria a) to l)
/// (docs/regles/01-mixite-sociale.md §1.5 [M]: list to re-read on Légifrance; it occupies paragraphs 3 to 18 of L441-1 [V R441-2-17]).
/// </summary>
public enum CriterePrioritaire
{
    /// <summary>Recognised priority and urgent by the COMED (DALO, L441-2-3).</summary>
    ReconnuDalo = 1,
    /// <summary>a) Disabled person or household with a disabled dependant.</summary>
    Handicap = 2,
    /// <summary>a bis) Leaving a therapeutic coordination flat.</summary>
    SortieAppartementCoordinationTherapeutique = 3,
    /// <summary>b) Badly housed or disadvantaged, financial or insertion difficulties.</summary>
    MalLogeOuDefavorise = 4,
    /// <summary>c) In emergency accommodation or housed temporarily.</summary>
    HebergeOuLogeTemporairement = 5,
    /// <summary>d) Taking up work after long-term unemployment.</summary>
    RepriseActiviteApresChomageLongue = 6,
    /// <summary>e) Exposed to unfit housing (habitat indigne).</summary>
    HabitatIndigne = 7,
    /// <summary>f) Victim of domestic or couple violence, rape or sexual assault at or near home.</summary>
    ViolencesConjugalesOuSexuelles = 8,
    /// <summary>g) On an exit path from prostitution.</summary>
    SortieProstitution = 9,
    /// <summary>h) Victim of human trafficking or pimping.</summary>
    TraiteOuProxenetisme = 10,
    /// <summary>i) With a minor child in clearly overcrowded or non-decent housing.</summary>
    EnfantMineurLogementSurOccupeOuIndecent = 11,
    /// <summary>j) Without housing, including hosted by third parties.</summary>
    DepourvuDeLogement = 12,
    /// <summary>k) Threatened with eviction without rehousing.</summary>
    MenaceExpulsionSansRelogement = 13,
    /// <summary>l) Emancipated minor or adult under 21 formerly in child-welfare care (ASE).</summary>
    JeuneSortantAse = 14,
}

/// <summary>
/// Proof status of a priority situation (docs/regles/03-cotation.md §3 « Vérification »): entered by an agent (declared), then
/// validated against a piece by a competent agent, or refused; a validated situation whose proof has an end date expires the
/// day after it. Only a validated situation counts as proven for the grid.
/// </summary>
public enum StatutJustification
{
    Declaree = 1,
    ValideeParAgentHabilite = 2,
    Refusee = 3,
    Expiree = 4,
}

/// <summary>The decision of the mediation commission (COMED) that recognised the household priority and urgent (L441-2-3): reference, date, commission.</summary>
public sealed record DecisionDalo
{
    public const int LongueurMax = 100;

    private DecisionDalo(string reference, DateOnly date, string commission)
    {
        Reference = reference;
        Date = date;
        Commission = commission;
    }

    /// <summary>The number of the decision as the commission wrote it.</summary>
    public string Reference { get; }
    public DateOnly Date { get; }
    /// <summary>The commission, e.g. « Commission de médiation du Var ».</summary>
    public string Commission { get; }

    /// <summary>Checks each part; the errors are keyed by field (<c>decisionDalo.reference</c>…), as the API and the form show them.</summary>
    public static Resultat<DecisionDalo> Creer(string? reference, DateOnly? date, string? commission, DateOnly aujourdhui)
    {
        var erreurs = new Dictionary<string, string[]>();
        reference = reference?.Trim() ?? "";
        commission = commission?.Trim() ?? "";
        if (reference.Length == 0) erreurs["decisionDalo.reference"] = ["Indiquez la référence de la décision de la commission de médiation."];
        else if (reference.Length > LongueurMax || reference.Any(char.IsControl)) erreurs["decisionDalo.reference"] = [$"La référence compte au plus {LongueurMax} caractères, sur une ligne."];
        if (date is null) erreurs["decisionDalo.date"] = ["Indiquez la date de la décision (jj/mm/aaaa)."];
        else if (date > aujourdhui) erreurs["decisionDalo.date"] = [$"La date de la décision ({Demande.F(date.Value)}) ne peut pas être postérieure à aujourd'hui."];
        if (commission.Length == 0) erreurs["decisionDalo.commission"] = ["Indiquez la commission de médiation qui a rendu la décision."];
        else if (commission.Length > LongueurMax || commission.Any(char.IsControl)) erreurs["decisionDalo.commission"] = [$"Le nom de la commission compte au plus {LongueurMax} caractères, sur une ligne."];
        return erreurs.Count > 0
            ? Resultat.Invalide<DecisionDalo>("La décision de la commission de médiation est incomplète.", erreurs)
            : Resultat.Ok(new DecisionDalo(reference, date!.Value, commission));
    }

    /// <summary>Rebuilds a stored decision (persistence only).</summary>
    public static DecisionDalo Relire(string reference, DateOnly date, string commission) => new(reference, date, commission);
}

/// <summary>
/// A priority situation of the demand with its proof status: who entered it, when; who validated or refused it, when, against
/// which piece; until when the proof holds. Criteria that need proof (e.g. violence) count only once validated (cotation,
/// docs/regles/03-cotation.md §3 "Vérification" [S]).
/// </summary>
public sealed class SituationPrioritaire
{
    private SituationPrioritaire() { }

    internal SituationPrioritaire(CriterePrioritaire critere, DecisionDalo? decision, DateTimeOffset declareeLe, AuteurId declareePar)
    {
        Critere = critere;
        Declarer(decision, declareeLe, declareePar);
    }

    public CriterePrioritaire Critere { get; private set; }
    public StatutJustification Statut { get; private set; }
    public DateTimeOffset DeclareeLe { get; private set; }
    public AuteurId DeclareePar { get; private set; }
    /// <summary>For <see cref="CriterePrioritaire.ReconnuDalo"/> only: the COMED's decision.</summary>
    public DecisionDalo? DecisionDalo { get; private set; }
    /// <summary>When a competent agent validated or refused it.</summary>
    public DateTimeOffset? ValideeLe { get; private set; }
    public AuteurId? ValideePar { get; private set; }
    /// <summary>The piece of the demand the validation was checked against.</summary>
    public Guid? PieceId { get; private set; }
    /// <summary>Last day the validated proof holds (e.g. the end of a protection order), if it has one; the situation expires the day after.</summary>
    public DateOnly? ValableJusquau { get; private set; }
    public DateTimeOffset? RefuseeLe { get; private set; }
    public AuteurId? RefuseePar { get; private set; }

    /// <summary>True while the situation is declared or validated (a refused or expired one may be declared again).</summary>
    public bool EstEnCours => Statut is StatutJustification.Declaree or StatutJustification.ValideeParAgentHabilite;

    internal SituationPrioritaire Copier() => (SituationPrioritaire)MemberwiseClone();

    internal void Declarer(DecisionDalo? decision, DateTimeOffset quand, AuteurId par)
    {
        Statut = StatutJustification.Declaree;
        DeclareeLe = quand;
        DeclareePar = par;
        DecisionDalo = decision;
        ValideeLe = null;
        ValideePar = null;
        PieceId = null;
        ValableJusquau = null;
        RefuseeLe = null;
        RefuseePar = null;
    }

    internal void Valider(Guid piece, DateOnly? valableJusquau, DateTimeOffset quand, AuteurId par)
    {
        Statut = StatutJustification.ValideeParAgentHabilite;
        ValideeLe = quand;
        ValideePar = par;
        PieceId = piece;
        ValableJusquau = valableJusquau;
    }

    internal void Refuser(DateTimeOffset quand, AuteurId par)
    {
        Statut = StatutJustification.Refusee;
        RefuseeLe = quand;
        RefuseePar = par;
    }

    internal void Expirer() => Statut = StatutJustification.Expiree;
}

public static class CriteresPrioritaires
{
    /// <summary>The paragraph letter of L441-1, or "DALO".</summary>
    public static string Reference(this CriterePrioritaire critere) => critere switch
    {
        CriterePrioritaire.ReconnuDalo => "DALO (L441-2-3)",
        CriterePrioritaire.Handicap => "L441-1 a)",
        CriterePrioritaire.SortieAppartementCoordinationTherapeutique => "L441-1 a bis)",
        CriterePrioritaire.MalLogeOuDefavorise => "L441-1 b)",
        CriterePrioritaire.HebergeOuLogeTemporairement => "L441-1 c)",
        CriterePrioritaire.RepriseActiviteApresChomageLongue => "L441-1 d)",
        CriterePrioritaire.HabitatIndigne => "L441-1 e)",
        CriterePrioritaire.ViolencesConjugalesOuSexuelles => "L441-1 f)",
        CriterePrioritaire.SortieProstitution => "L441-1 g)",
        CriterePrioritaire.TraiteOuProxenetisme => "L441-1 h)",
        CriterePrioritaire.EnfantMineurLogementSurOccupeOuIndecent => "L441-1 i)",
        CriterePrioritaire.DepourvuDeLogement => "L441-1 j)",
        CriterePrioritaire.MenaceExpulsionSansRelogement => "L441-1 k)",
        CriterePrioritaire.JeuneSortantAse => "L441-1 l)",
        _ => throw new ArgumentOutOfRangeException(nameof(critere)),
    };

    /// <summary>The code of a criterion in the API, the form and the command line: <c>dalo</c>, or the letter of L441-1 (<c>a</c>, <c>a_bis</c>, … <c>l</c>).</summary>
    public static string Code(this CriterePrioritaire critere) => critere switch
    {
        CriterePrioritaire.ReconnuDalo => "dalo",
        CriterePrioritaire.Handicap => "a",
        CriterePrioritaire.SortieAppartementCoordinationTherapeutique => "a_bis",
        CriterePrioritaire.MalLogeOuDefavorise => "b",
        CriterePrioritaire.HebergeOuLogeTemporairement => "c",
        CriterePrioritaire.RepriseActiviteApresChomageLongue => "d",
        CriterePrioritaire.HabitatIndigne => "e",
        CriterePrioritaire.ViolencesConjugalesOuSexuelles => "f",
        CriterePrioritaire.SortieProstitution => "g",
        CriterePrioritaire.TraiteOuProxenetisme => "h",
        CriterePrioritaire.EnfantMineurLogementSurOccupeOuIndecent => "i",
        CriterePrioritaire.DepourvuDeLogement => "j",
        CriterePrioritaire.MenaceExpulsionSansRelogement => "k",
        CriterePrioritaire.JeuneSortantAse => "l",
        _ => throw new ArgumentOutOfRangeException(nameof(critere)),
    };

    /// <summary>Every criterion, in the order of the law (DALO first).</summary>
    public static IReadOnlyList<CriterePrioritaire> Tous { get; } = Enum.GetValues<CriterePrioritaire>();

    /// <summary>The criterion of a code (<see cref="Code"/>), case and surrounding spaces ignored; null when unknown.</summary>
    public static CriterePrioritaire? Lire(string? code)
    {
        var c = code?.Trim().ToLowerInvariant().Replace(' ', '_');
        foreach (var critere in Tous)
        {
            if (critere.Code() == c) return critere;
        }
        return null;
    }

    /// <summary>The French wording shown to agents.</summary>
    public static string Libelle(this CriterePrioritaire critere) => critere switch
    {
        CriterePrioritaire.ReconnuDalo => "Reconnu prioritaire et urgent par la commission de médiation (DALO)",
        CriterePrioritaire.Handicap => "Personne en situation de handicap ou ménage ayant à charge une personne handicapée",
        CriterePrioritaire.SortieAppartementCoordinationTherapeutique => "Sortie d'un appartement de coordination thérapeutique",
        CriterePrioritaire.MalLogeOuDefavorise => "Mal logé ou défavorisé, difficultés financières ou d'insertion",
        CriterePrioritaire.HebergeOuLogeTemporairement => "Hébergé ou logé temporairement dans un établissement ou un logement de transition",
        CriterePrioritaire.RepriseActiviteApresChomageLongue => "Reprise d'activité après une période de chômage de longue durée",
        CriterePrioritaire.HabitatIndigne => "Exposé à des situations d'habitat indigne",
        CriterePrioritaire.ViolencesConjugalesOuSexuelles => "Victime de violences au sein du couple ou de viol ou d'agression sexuelle",
        CriterePrioritaire.SortieProstitution => "Engagé dans un parcours de sortie de la prostitution",
        CriterePrioritaire.TraiteOuProxenetisme => "Victime de la traite des êtres humains ou de proxénétisme",
        CriterePrioritaire.EnfantMineurLogementSurOccupeOuIndecent => "Avec un enfant mineur, logé dans un logement sur-occupé ou non décent",
        CriterePrioritaire.DepourvuDeLogement => "Dépourvu de logement, y compris hébergé par des tiers",
        CriterePrioritaire.MenaceExpulsionSansRelogement => "Menacé d'expulsion sans relogement",
        CriterePrioritaire.JeuneSortantAse => "Mineur émancipé ou majeur de moins de 21 ans pris en charge par l'aide sociale à l'enfance",
        _ => throw new ArgumentOutOfRangeException(nameof(critere)),
    };

    /// <summary>
    /// Criteria whose mere existence reveals health, disability, violence or exploitation (docs/protection-des-donnees.md §2 item 5):
    /// a), a bis), f), g), h). They are shown only to the roles that see sensitive data, and the shared timeline never names them.
    /// </summary>
    public static bool EstSensible(this CriterePrioritaire critere) => critere is CriterePrioritaire.Handicap
        or CriterePrioritaire.SortieAppartementCoordinationTherapeutique or CriterePrioritaire.ViolencesConjugalesOuSexuelles
        or CriterePrioritaire.SortieProstitution or CriterePrioritaire.TraiteOuProxenetisme;

    /// <summary>How the timeline names the situation: its reference, or « à accès restreint » for a sensitive one.</summary>
    public static string NomChronologie(this CriterePrioritaire critere) =>
        critere.EstSensible() ? "à accès restreint" : critere.Reference();

    /// <summary>
    /// The category of piece that usually proves the criterion (the COMED's notification, a housing document, a sensitive certificate…):
    /// a hint to choose a piece type of the catalogue, never a restriction — the competent agent judges the piece.
    /// </summary>
    public static TypePiece CategoriePreuve(this CriterePrioritaire critere) => critere switch
    {
        _ when critere.EstSensible() => TypePiece.PieceSensible,
        CriterePrioritaire.HebergeOuLogeTemporairement or CriterePrioritaire.HabitatIndigne or CriterePrioritaire.EnfantMineurLogementSurOccupeOuIndecent
            or CriterePrioritaire.DepourvuDeLogement or CriterePrioritaire.MenaceExpulsionSansRelogement => TypePiece.JustificatifLogementActuel,
        CriterePrioritaire.MalLogeOuDefavorise or CriterePrioritaire.RepriseActiviteApresChomageLongue => TypePiece.JustificatifRessources,
        _ => TypePiece.Autre,
    };

    public static string Libelle(this StatutJustification statut) => statut switch
    {
        StatutJustification.Declaree => "Déclarée, à justifier",
        StatutJustification.ValideeParAgentHabilite => "Validée par un agent habilité",
        StatutJustification.Refusee => "Refusée",
        StatutJustification.Expiree => "Expirée",
        _ => throw new ArgumentOutOfRangeException(nameof(statut)),
    };
}
