namespace Logis.Domain.Territoire;

/// <summary>
/// Zone of the income ceilings (arrêté du 29 juillet 1987 modifié, annexes I and II) [V].
/// Always derived from the commune by <see cref="ZonePlafondResolver"/>, never typed by hand.
/// </summary>
public enum ZonePlafond
{
    ParisCommunesLimitrophes = 1,
    IleDeFranceHorsParis = 2,
    AutresRegions = 3,
    /// <summary>Guadeloupe, Martinique, Guyane, La Réunion, Mayotte (and Saint-Martin): their own ceilings (CCH R372-7, arrêté du 14 mars 2011).</summary>
    OutreMer = 4,
}

public static class ZonePlafondNoms
{
    public static string Libelle(this ZonePlafond zone) => zone switch
    {
        ZonePlafond.ParisCommunesLimitrophes => "Paris et communes limitrophes",
        ZonePlafond.IleDeFranceHorsParis => "Île-de-France hors Paris et communes limitrophes",
        ZonePlafond.AutresRegions => "Autres régions",
        ZonePlafond.OutreMer => "Outre-mer (Guadeloupe, Martinique, Guyane, La Réunion, Mayotte)",
        _ => throw new ArgumentOutOfRangeException(nameof(zone)),
    };

    /// <summary>The code used by the reference data file and the API.</summary>
    public static string Code(this ZonePlafond zone) => zone switch
    {
        ZonePlafond.ParisCommunesLimitrophes => "paris_communes_limitrophes",
        ZonePlafond.IleDeFranceHorsParis => "ile_de_france",
        ZonePlafond.AutresRegions => "autres_regions",
        ZonePlafond.OutreMer => "outre_mer",
        _ => throw new ArgumentOutOfRangeException(nameof(zone)),
    };

    public static bool TryParse(string? code, out ZonePlafond zone)
    {
        foreach (var z in Enum.GetValues<ZonePlafond>())
        {
            if (string.Equals(z.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                zone = z;
                return true;
            }
        }
        zone = default;
        return false;
    }
}

/// <summary>
/// Derives the ceiling zone of a commune: Paris (its arrondissements included) and the 29 adjoining
/// communes form the first zone; the rest of Île-de-France (région 11) the second; the overseas
/// departments and regions (régions 01 to 06, communes 97xxx) their own zone; all others the third.
/// The list of adjoining communes is reference data (data/reference/paris_communes_limitrophes.csv).
/// </summary>
public sealed class ZonePlafondResolver
{
    public const string RegionIleDeFrance = "11";

    /// <summary>INSEE codes of the overseas regions: Guadeloupe, Martinique, Guyane, La Réunion, Mayotte.</summary>
    public static readonly IReadOnlySet<string> RegionsOutreMer = new HashSet<string>(StringComparer.Ordinal) { "01", "02", "03", "04", "06" };

    private readonly HashSet<string> _parisEtLimitrophes;

    public ZonePlafondResolver(IEnumerable<CodeInsee> parisEtCommunesLimitrophes)
    {
        _parisEtLimitrophes = parisEtCommunesLimitrophes.Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
    }

    public ZonePlafond Resoudre(CodeInsee commune, string codeRegion)
    {
        if (_parisEtLimitrophes.Contains(commune.Value) || commune.Value.StartsWith("751", StringComparison.Ordinal))
            return ZonePlafond.ParisCommunesLimitrophes;
        if (codeRegion == RegionIleDeFrance) return ZonePlafond.IleDeFranceHorsParis;
        // Overseas communes are numbered 97xxx (971 Guadeloupe … 976 Mayotte, 978 Saint-Martin), whatever the region column says.
        return RegionsOutreMer.Contains(codeRegion) || commune.Value.StartsWith("97", StringComparison.Ordinal)
            ? ZonePlafond.OutreMer
            : ZonePlafond.AutresRegions;
    }
}
