namespace Logis.Domain.Statistiques;

/// <summary>
/// Quantiles of a series, the one method every figure of Logis uses (waiting times, first-quartile estimate, occupancy profiles): linear
/// interpolation between order statistics, h = (n − 1)·p, as spreadsheets' QUARTILE.INC / PERCENTILE.INC (Hyndman–Fan type 7), so an agent
/// can redo any figure in a spreadsheet from the exported data. Team choice, docs/regles/11-statistiques.md.
/// </summary>
public static class Quantiles
{
    /// <summary>The p-quantile (0 ≤ p ≤ 1) of an ascending series; null when it is empty.</summary>
    public static decimal? DeSerieTriee(IReadOnlyList<decimal> tri, decimal p)
    {
        ArgumentNullException.ThrowIfNull(tri);
        ArgumentOutOfRangeException.ThrowIfLessThan(p, 0m);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(p, 1m);
        if (tri.Count == 0) return null;
        var h = (tri.Count - 1) * p;
        var bas = (int)decimal.Floor(h);
        var haut = Math.Min(bas + 1, tri.Count - 1);
        return tri[bas] + (h - bas) * (tri[haut] - tri[bas]);
    }

    /// <summary>The p-quantile of a series in any order; null when it is empty.</summary>
    public static decimal? De(IEnumerable<decimal> serie, decimal p)
    {
        ArgumentNullException.ThrowIfNull(serie);
        return DeSerieTriee(serie.Order().ToArray(), p);
    }

    /// <summary>First quartile, median and third quartile of a series in any order (all null when it is empty).</summary>
    public static (decimal? Q1, decimal? Mediane, decimal? Q3) Quartiles(IEnumerable<decimal> serie)
    {
        ArgumentNullException.ThrowIfNull(serie);
        var tri = serie.Order().ToArray();
        return (DeSerieTriee(tri, 0.25m), DeSerieTriee(tri, 0.5m), DeSerieTriee(tri, 0.75m));
    }
}
