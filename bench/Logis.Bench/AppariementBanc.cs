using System.Diagnostics;
using System.Globalization;
using Logis.Domain.Attributions;
using Logis.Domain.Mixite;

namespace Logis.Bench;

/// <summary>
/// The matching of a batch of vacancies (<see cref="Appariement"/>) on synthetic batches shaped like the demo's: vacancies spread over
/// communes (a third in QPV) and five contingents, each with the head of its pre-selection (10 candidates drawn among the demands of its
/// commune, so that vacancies compete for the same households), scores 0 to 400, a quarter of the candidates in the first quartile, a tenth of
/// unknown quartile, a fifth priority; the minima asked of the batch are those of a year behind its objectives. For each size and seed: the
/// time of the optimal matching and of the greedy one, the nodes of the search, whether optimality is proved, and both results.
/// Usage: appariement [tailles, défaut 50,200] [graines, défaut 5]
/// </summary>
public static class AppariementBanc
{
    public static int Executer(string[] args)
    {
        var tailles = args.Length > 0 ? args[0].Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture)).ToArray() : [50, 200];
        var graines = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        Console.WriteLine($"charge : {File.ReadAllText("/proc/loadavg").Trim()}");
        // Warm-up (JIT) on a small batch.
        var (v0, c0, p0, o0) = Tirer(20, 0);
        _ = Appariement.Optimal(v0, c0, p0, o0);
        foreach (var n in tailles)
        {
            var temps = new List<double>();
            foreach (var graine in Enumerable.Range(1, graines))
            {
                var (vacances, candidats, paires, objectifs) = Tirer(n, graine);
                var chrono = Stopwatch.StartNew();
                var optimal = Appariement.Optimal(vacances, candidats, paires, objectifs);
                var tOptimal = chrono.Elapsed.TotalMilliseconds;
                chrono.Restart();
                var glouton = Appariement.Glouton(vacances, candidats, paires, objectifs);
                var tGlouton = chrono.Elapsed.TotalMilliseconds;
                temps.Add(tOptimal);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{n} vacances, graine {graine} : {candidats.Count} candidats, {paires.Count} paires, minima {string.Join("/", objectifs.Select(o => o.Minimum))} ; "
                    + $"optimal {tOptimal:0.0} ms ({optimal.Noeuds} nœuds, prouvé : {(optimal.OptimalProuve ? "oui" : "non")}, écart de cotation au plus {optimal.EcartCotationMax?.ToString(CultureInfo.InvariantCulture) ?? "inconnu"}) manque {optimal.Manque}, pourvues {optimal.Pourvues}, cotation {optimal.Cotation} ; "
                    + $"glouton {tGlouton:0.00} ms manque {glouton.Manque}, pourvues {glouton.Pourvues}, cotation {glouton.Cotation}"));
            }
            temps.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"=> {n} vacances : médiane {temps[temps.Count / 2]:0.0} ms, max {temps[^1]:0.0} ms"));
        }
        Console.WriteLine($"charge : {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }

    private static (List<VacanceLot>, List<CandidatLot>, List<PaireAdmissible>, List<ObjectifLot>) Tirer(int n, int graine)
    {
        var h = new Random(graine);
        var communes = Math.Max(3, n / 8);
        string[] contingents = ["prefet", "action-logement", "epci", "commune", "bailleur"];
        var vacances = Enumerable.Range(0, n).Select(i => new VacanceLot($"V{i}", $"R{i:00000}", h.Next(3) == 0, contingents[h.Next(contingents.Length)],
            "b1", $"c{h.Next(communes)}")).ToList();
        // Three demands per vacancy in each commune's pool.
        var candidats = new List<CandidatLot>();
        var parCommune = new Dictionary<string, List<CandidatLot>>();
        foreach (var g in vacances.GroupBy(v => v.Commune!))
        {
            var pool = Enumerable.Range(0, 3 * g.Count() + 5).Select(i => new CandidatLot($"{g.Key}-D{i}", h.Next(0, 401),
                h.Next(10) switch { 0 => null, < 3 => true, _ => false }, h.Next(5) == 0)).ToList();
            candidats.AddRange(pool);
            parCommune[g.Key] = pool;
        }
        var paires = new List<PaireAdmissible>();
        foreach (var v in vacances)
        {
            var tete = parCommune[v.Commune!].Where(_ => h.Next(3) == 0).OrderByDescending(c => c.Cotation).ThenBy(c => c.Id, StringComparer.Ordinal).Take(10).ToList();
            paires.AddRange(tete.Select((c, i) => new PaireAdmissible(v.Id, c.Id, i + 1)));
        }
        // A year behind its objectives: 100 leases, 20 of 70 outside QPV to the first quartile, 12 of 30 in QPV to the others, 20 priority.
        var objectifs = new List<ObjectifLot>();
        void Ajouter(ObjectifLot forme, decimal taux, int baux, int atteint)
        {
            var k = vacances.Count(forme.Couvre);
            if (k > 0) objectifs.Add(forme with { Minimum = ObjectifLot.MinimumSurLot(taux, baux, atteint, k) });
        }
        Ajouter(new ObjectifLot(NatureObjectif.PremierQuartileHorsQpv, null, 0), 25m, 70, 12);
        Ajouter(new ObjectifLot(NatureObjectif.AutresQuartilesEnQpv, null, 0), 50m, 30, 12);
        Ajouter(new ObjectifLot(NatureObjectif.PrioritairesEtDalo, null, 0), 25m, 100, 20);
        foreach (var c in contingents) Ajouter(new ObjectifLot(NatureObjectif.PrioritairesEtDalo, c, 0), 25m, 20, 4);
        return (vacances, candidats, paires, objectifs);
    }
}
