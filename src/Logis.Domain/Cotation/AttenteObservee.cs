namespace Logis.Domain.Cotation;

/// <summary>
/// The waiting time observed for a kind of dwelling (R441-2-17: the applicant is told the average waiting time of
/// analogous demands). Without attributions yet, it is measured on the seniority of the analogous active demands, in
/// whole months: median and quartiles (<see cref="Statistiques.Quantiles"/>).
/// </summary>
public sealed record AttenteObservee(int Demandes, double? Q1Mois, double? MedianeMois, double? Q3Mois)
{
    public static AttenteObservee Calculer(IEnumerable<int> ancienneteMois)
    {
        ArgumentNullException.ThrowIfNull(ancienneteMois);
        var tri = ancienneteMois.Order().Select(m => (decimal)m).ToArray();
        if (tri.Length == 0) return new AttenteObservee(0, null, null, null);
        return new AttenteObservee(tri.Length, Mois(tri, 0.25m), Mois(tri, 0.5m), Mois(tri, 0.75m));
    }

    private static double Mois(decimal[] tri, decimal p) => (double)Math.Round(Statistiques.Quantiles.DeSerieTriee(tri, p)!.Value, 1);
}
