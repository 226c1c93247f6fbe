namespace Logis.Domain.Statistiques;

/// <summary>
/// The observed waiting time (« délai d'attente constaté », CCH R441-2-17) of a kind of dwelling: for each household housed over the
/// period (one signed lease, <see cref="Attributions.Attribution"/>), the whole months between the deposit of its demand (the date that
/// counts for seniority, kept across renewals) and the signature of the lease; then the first quartile, the median and the third quartile
/// of those waits (<see cref="Quantiles"/>, rounded to one decimal). The one rule for the public statistics and for the applicant's
/// positioning (docs/information-publique.md).
/// <para>
/// Statistical secret (docs/regles/11-statistiques.md §11.1): on a group of 1 to 4 households nothing is computed and the count itself
/// is masked (<see cref="MenagesDiffuses"/> is null).
/// </para>
/// </summary>
/// <param name="Menages">The number of households housed the figure is computed on (not for display: see <see cref="MenagesDiffuses"/>).</param>
public sealed record DelaiAttente(int Menages, decimal? Q1Mois, decimal? MedianeMois, decimal? Q3Mois)
{
    /// <summary>The number of households housed as it may be shown: null for a group of 1 to 4.</summary>
    public int? MenagesDiffuses => SecretStatistique.Compte(Menages);

    /// <summary>True when quartiles could be computed (at least <see cref="SecretStatistique.Seuil"/> households).</summary>
    public bool Publie => MedianeMois is not null;

    /// <summary>The wait of one household: the whole months from the deposit of its demand to the signature of its lease.</summary>
    public static int Mois(DateOnly depot, DateOnly signature) => Cotation.FaitsDepuisDemande.MoisEntiers(depot, signature);

    /// <summary>The observed waiting time of the households housed by these leases (deposit date and signature date of each).</summary>
    public static DelaiAttente DesMenagesLoges(IEnumerable<(DateOnly Depot, DateOnly Signature)> baux)
    {
        ArgumentNullException.ThrowIfNull(baux);
        return DepuisMois(baux.Select(b => Mois(b.Depot, b.Signature)));
    }

    /// <summary>The quartiles of waits already counted in whole months, under the statistical secret.</summary>
    public static DelaiAttente DepuisMois(IEnumerable<int> mois)
    {
        ArgumentNullException.ThrowIfNull(mois);
        var tri = mois.Order().Select(m => (decimal)m).ToArray();
        decimal? Q(decimal p) => SecretStatistique.Valeur(tri.Length, () => decimal.Round(Quantiles.DeSerieTriee(tri, p)!.Value, 1, MidpointRounding.AwayFromZero));
        return new DelaiAttente(tri.Length, Q(0.25m), Q(0.5m), Q(0.75m));
    }
}
