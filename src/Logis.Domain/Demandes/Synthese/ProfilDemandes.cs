namespace Logis.Domain.Demandes.Synthese;

/// <summary>
/// Calibration of the synthetic demands; every share is documented with its source in the README of
/// Demandes. The defaults describe a Mediterranean metropolitan area (Var, Bouches-du-Rhône).
/// </summary>
public sealed record ProfilDemandes
{
    public static readonly ProfilDemandes Defaut = new();

    /// <summary>Demands from sitting social tenants: 27 % in Gironde [S lemoniteur, docs/regles/07-attribution.md §7.5].</summary>
    public double PartMutations { get; init; } = 0.27;

    /// <summary>
    /// Persons alone and single parents: together 70 % of applicant households have one adult (USH, rapport au congrès 2021 [S],
    /// README of Demandes); the split is [M].
    /// </summary>
    public double PartPersonnesSeules { get; init; } = 0.46;

    public double PartFamillesMonoparentales { get; init; } = 0.25;

    public double PartCouplesSansEnfant { get; init; } = 0.09;

    public double PartCouplesAvecEnfants { get; init; } = 0.16;

    /// <summary>Other households (adult with an ascendant or another adult): the remainder.</summary>
    public double PartAutresMenages => 1 - PartPersonnesSeules - PartFamillesMonoparentales - PartCouplesSansEnfant - PartCouplesAvecEnfants;

    /// <summary>Mean seniority of active demands, in months (exponential: median ≈ 0.69 × mean).</summary>
    public double AncienneteMoyenneMois { get; init; } = 22;

    public int AncienneteMaximumMois { get; init; } = 120;

    /// <summary>Households with a DALO decision (validated).</summary>
    public double PartDalo { get; init; } = 0.01;

    /// <summary>Households declaring an L441-1 priority situation.</summary>
    public double PartSituationPrioritaire { get; init; } = 0.06;

    public double PartHandicap { get; init; } = 0.07;

    public double PartEnLigne { get; init; } = 0.60;

    public double PartPartenaire { get; init; } = 0.05;

    public double PartToutEpci { get; init; } = 0.10;

    internal string? Erreur()
    {
        double[] parts =
        [
            PartMutations, PartPersonnesSeules, PartFamillesMonoparentales, PartCouplesSansEnfant, PartCouplesAvecEnfants,
            PartDalo, PartSituationPrioritaire, PartHandicap, PartEnLigne, PartPartenaire, PartToutEpci,
        ];
        if (parts.Any(p => p is < 0 or > 1)) return "Chaque part du profil est comprise entre 0 et 1.";
        if (PartAutresMenages < -1e-9) return "Les parts des types de ménage dépassent 100 %.";
        if (PartEnLigne + PartPartenaire > 1) return "Les parts des canaux de dépôt dépassent 100 %.";
        if (AncienneteMoyenneMois <= 0 || AncienneteMaximumMois < 1) return "L'ancienneté moyenne et maximale doit être positive.";
        return null;
    }
}
