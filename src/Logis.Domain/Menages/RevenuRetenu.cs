using Logis.Domain.Commun;

namespace Logis.Domain.Menages;

/// <summary>Which rule the income retained for the ceilings comes from.</summary>
public enum MotifRevenu
{
    /// <summary>General rule: the household's revenu fiscal de référence of year N-2 (CCH R441-1).</summary>
    RevenuFiscalReferenceN2 = 1,

    /// <summary>Income fallen by at least a threshold (10 % by default): income of N-1 or of the last 12 months.</summary>
    BaisseDeRessources = 2,

    /// <summary>Separating applicant: only the applicant's own income counts (CCH L441-1).</summary>
    SeparationDuDemandeur = 3,
}

/// <summary>The period of the recent income declared after a fall in income.</summary>
public enum PeriodeRevenus
{
    AnneeN1 = 1,
    DouzeDerniersMois = 2,
}

/// <summary>The situations of CCH L441-1 in which only the applicant's own income counts.</summary>
public enum MotifSeparation
{
    InstanceDeDivorce = 1,
    RupturePacs = 2,
    ViolencesAuSeinDuCouple = 3,
}

/// <summary>
/// The income the household asks to be assessed on, as an explicit choice with its reason: the
/// general rule (revenu fiscal de référence N-2 of every member), or one of the documented
/// exceptions. Amounts are annual, in euros. Whether a fall in income is large enough to use the
/// recent income is decided by the eligibility rules, with their configured threshold.
/// </summary>
public sealed class RevenuRetenu
{
    private RevenuRetenu(MotifRevenu motif, decimal revenuFiscalReferenceN2, decimal? revenuRecent, PeriodeRevenus? periode, MotifSeparation? separation)
    {
        Motif = motif;
        RevenuFiscalReferenceN2 = revenuFiscalReferenceN2;
        RevenuRecent = revenuRecent;
        Periode = periode;
        Separation = separation;
    }

    public MotifRevenu Motif { get; }

    /// <summary>
    /// The revenu fiscal de référence of year N-2: of the whole household, or of the applicant alone
    /// under <see cref="MotifRevenu.SeparationDuDemandeur"/>.
    /// </summary>
    public decimal RevenuFiscalReferenceN2 { get; }

    /// <summary>Income of N-1 or of the last 12 months, under <see cref="MotifRevenu.BaisseDeRessources"/>.</summary>
    public decimal? RevenuRecent { get; }

    public PeriodeRevenus? Periode { get; }

    public MotifSeparation? Separation { get; }

    public static RevenuRetenu RevenuFiscalDeReference(decimal revenuFiscalReferenceN2) =>
        new(MotifRevenu.RevenuFiscalReferenceN2, revenuFiscalReferenceN2, null, null, null);

    public static RevenuRetenu BaisseDeRessources(decimal revenuFiscalReferenceN2, decimal revenuRecent, PeriodeRevenus periode) =>
        new(MotifRevenu.BaisseDeRessources, revenuFiscalReferenceN2, revenuRecent, periode, null);

    public static RevenuRetenu RevenusPropresDuDemandeur(decimal revenuFiscalReferenceN2DuDemandeur, MotifSeparation separation) =>
        new(MotifRevenu.SeparationDuDemandeur, revenuFiscalReferenceN2DuDemandeur, null, null, separation);

    internal IEnumerable<string> Problemes()
    {
        if (RevenuFiscalReferenceN2 < 0)
            yield return $"Le revenu fiscal de référence ne peut pas être négatif ({TexteFr.Euros(RevenuFiscalReferenceN2)}).";
        if (RevenuRecent < 0)
            yield return $"Les revenus récents ne peuvent pas être négatifs ({TexteFr.Euros(RevenuRecent.Value)}).";
    }
}
