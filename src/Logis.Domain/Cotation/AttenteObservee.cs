namespace Logis.Domain.Cotation;

/// <summary>
/// The waiting time observed for a kind of dwelling (R441-2-17: the applicant is told the average waiting time of
/// analogous demands). Without attributions yet, it is measured on the seniority of the analogous active demands, in
/// whole months: median and quartiles (linear interpolation between order statistics, as spreadsheets' QUARTILE.INC).
/// </summary>
public sealed record AttenteObservee(int Demandes, double? Q1Mois, double? MedianeMois, double? Q3Mois)
{
    public static AttenteObservee Calculer(IEnumerable<int> ancienneteMois)
    {
        ArgumentNullException.ThrowIfNull(ancienneteMois);
        var tri = ancienneteMois.Order().ToArray();
        if (tri.Length == 0) return new AttenteObservee(0, null, null, null);
        return new AttenteObservee(tri.Length, Quantile(tri, 0.25), Quantile(tri, 0.5), Quantile(tri, 0.75));
    }

    private static double Quantile(int[] tri, double p)
    {
        var h = (tri.Length - 1) * p;
        var bas = (int)Math.Floor(h);
        var haut = Math.Min(bas + 1, tri.Length - 1);
        return Math.Round(tri[bas] + (h - bas) * (tri[haut] - tri[bas]), 1);
    }
}
