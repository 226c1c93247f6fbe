using BenchmarkDotNet.Attributes;
using Logis.Domain.Cotation;

namespace Logis.Bench;

/// <summary>
/// Scoring 1,000,000 demands held in memory with the demo grid (data/grilles/tpm-demo-2026.json):
/// the grid compiled from its JSON file against the same grid written by hand in C#. Goal and results:
/// BENCHMARKS.md, « Cotation en mémoire ».
/// </summary>
[MemoryDiagnoser]
public class CotationEnMemoire
{
    private const int Demandes = 1_000_000;
    private const int Explications = 10_000;

    private FaitsCotation[] _demandes = [];
    private GrilleCompilee _grille = null!;

    [GlobalSetup]
    public void Preparer()
    {
        _demandes = DemandesSynthetiques.Generer(Demandes, graine: 2026);
        var resultat = ChargeurGrille.Charger(File.ReadAllText(CheminGrille()));
        if (!resultat.Reussi) throw new InvalidOperationException(string.Join(Environment.NewLine, resultat.Erreurs));
        _grille = resultat.Grille;
        // Both versions must agree on every demand, or the comparison means nothing.
        foreach (var f in _demandes)
        {
            if (_grille.Calculer(f) != GrilleDemoManuelle.Calculer(f))
                throw new InvalidOperationException($"La grille écrite à la main diverge : {f}");
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Demandes, Description = "grille écrite en C#")]
    public long Manuelle()
    {
        long somme = 0;
        foreach (ref readonly var f in _demandes.AsSpan()) somme += GrilleDemoManuelle.Calculer(in f);
        return somme;
    }

    [Benchmark(OperationsPerInvoke = Demandes, Description = "grille JSON compilée")]
    public long Compilee()
    {
        var calcul = _grille.Calcul;
        long somme = 0;
        foreach (ref readonly var f in _demandes.AsSpan()) somme += calcul(in f);
        return somme;
    }

    [Benchmark(OperationsPerInvoke = Explications, Description = "explication (chemin lent)")]
    public int Expliquer()
    {
        var lignes = 0;
        foreach (ref readonly var f in _demandes.AsSpan(0, Explications)) lignes += _grille.Expliquer(in f).Lignes.Count;
        return lignes;
    }

    private static string CheminGrille()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var chemin = Path.Combine(d.FullName, "data", "grilles", "tpm-demo-2026.json");
            if (File.Exists(chemin)) return chemin;
        }
        throw new FileNotFoundException("data/grilles/tpm-demo-2026.json introuvable");
    }
}
