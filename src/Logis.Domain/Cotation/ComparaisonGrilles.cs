using Logis.Domain.Territoire;

namespace Logis.Domain.Cotation;

/// <summary>A demand as the simulation sees it: its facts and the attributes results are grouped by.</summary>
public sealed record DemandeSimulee(string Id, FaitsCotation Faits, string TypeMenage, CodeInsee Commune);

/// <summary>Score of one demand under the grid in force and under the draft.</summary>
public sealed record EcartDemande(string Id, string TypeMenage, CodeInsee Commune, int Avant, int Apres)
{
    public int Ecart => Apres - Avant;
}

/// <summary>Gains and losses within one group of demands (a household type, a commune).</summary>
public sealed record AgregatEcarts(string Cle, int Demandes, int Gagnants, int Perdants, int EcartMin, int EcartMax, double EcartMoyen);

/// <summary>What a draft grid would change, demand by demand and in aggregate.</summary>
public sealed record RapportComparaison(
    int Demandes,
    int Gagnants,
    int Perdants,
    IReadOnlyList<EcartDemande> Changements,
    IReadOnlyList<AgregatEcarts> ParTypeMenage,
    IReadOnlyList<AgregatEcarts> ParCommune)
{
    public int Inchanges => Demandes - Gagnants - Perdants;
}

/// <summary>
/// Simulation of a draft grid against the grid in force (the CIL and the EPCI see who a change of
/// weighting favours before adopting it, L441-2-8). Pure and deterministic: results are sorted by
/// demand id and by key, whatever the order of the demands given.
/// </summary>
public static class ComparaisonGrilles
{
    public static RapportComparaison Comparer(GrilleCompilee enVigueur, GrilleCompilee brouillon, IEnumerable<DemandeSimulee> demandes)
    {
        var ecarts = demandes
            .Select(d => new EcartDemande(d.Id, d.TypeMenage, d.Commune, enVigueur.Calculer(d.Faits), brouillon.Calculer(d.Faits)))
            .OrderBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
        return new RapportComparaison(
            ecarts.Count,
            ecarts.Count(e => e.Ecart > 0),
            ecarts.Count(e => e.Ecart < 0),
            [.. ecarts.Where(e => e.Ecart != 0)],
            Agreger(ecarts, e => e.TypeMenage),
            Agreger(ecarts, e => e.Commune.Value));
    }

    private static IReadOnlyList<AgregatEcarts> Agreger(List<EcartDemande> ecarts, Func<EcartDemande, string> cle) =>
    [
        .. ecarts.GroupBy(cle)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AgregatEcarts(g.Key, g.Count(), g.Count(e => e.Ecart > 0), g.Count(e => e.Ecart < 0),
                g.Min(e => e.Ecart), g.Max(e => e.Ecart), Math.Round(g.Average(e => e.Ecart), 2))),
    ];
}
