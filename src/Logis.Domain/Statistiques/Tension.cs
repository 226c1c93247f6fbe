namespace Logis.Domain.Statistiques;

/// <summary>
/// The tension of a segment of the social housing market (a commune, a typology, or both): the number of active demands for one
/// attribution over a year (« nombre de demandes pour une attribution »), the indicator the State's services and the PPGD publish
/// [S]. Both counts are read on the same perimeter; the year of attributions is <see cref="PeriodeObservation"/>.
/// <para>
/// Statistical secret (docs/regles/11-statistiques.md §11.1): the ratio is not given when either count is a group of 1 to 4
/// households — the ratio and the other count would give it back —, nor when there was no attribution (no ratio can be computed;
/// the page says « aucune attribution »).
/// </para>
/// </summary>
public static class Tension
{
    /// <summary>Active demands per attribution, rounded to one decimal (half away from zero); null when it cannot or may not be shown.</summary>
    public static decimal? Calculer(int demandesActives, int attributions)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(demandesActives);
        ArgumentOutOfRangeException.ThrowIfNegative(attributions);
        if (attributions == 0 || !SecretStatistique.Diffusable(demandesActives) || !SecretStatistique.Diffusable(attributions)) return null;
        return decimal.Round((decimal)demandesActives / attributions, 1, MidpointRounding.AwayFromZero);
    }
}
