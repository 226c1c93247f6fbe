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

/// <summary>Proof status of a priority situation: declared by the household, then validated by an authorised agent.</summary>
public enum StatutJustification
{
    Declaree = 1,
    ValideeParAgentHabilite = 2,
}

/// <summary>
/// A priority situation of the demand with its proof status and who validated it, when. Criteria that
/// need proof (e.g. violence) count only once validated (cotation, docs/regles/03-cotation.md §3 "Vérification" [S]).
/// </summary>
public sealed class SituationPrioritaire
{
    private SituationPrioritaire() { }

    internal SituationPrioritaire(CriterePrioritaire critere, DateTimeOffset declareeLe, AuteurId declareePar)
    {
        Critere = critere;
        DeclareeLe = declareeLe;
        DeclareePar = declareePar;
        Statut = StatutJustification.Declaree;
    }

    public CriterePrioritaire Critere { get; private set; }
    public StatutJustification Statut { get; private set; }
    public DateTimeOffset DeclareeLe { get; private set; }
    public AuteurId DeclareePar { get; private set; }
    public DateTimeOffset? ValideeLe { get; private set; }
    public AuteurId? ValideePar { get; private set; }

    internal SituationPrioritaire Copier() => (SituationPrioritaire)MemberwiseClone();

    internal void Valider(DateTimeOffset quand, AuteurId par)
    {
        Statut = StatutJustification.ValideeParAgentHabilite;
        ValideeLe = quand;
        ValideePar = par;
    }
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
}
