using System.Diagnostics;
using System.Text;
using Logis.Domain.Acces;
using Logis.Domain.Demandes;
using Logis.Domain.Demandes.Synthese;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Demandes.Fichier;
using Logis.Persistence.Reference;
using Logis.Persistence.Seed;
using Logis.Web.Features.Demandes;
using Logis.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Logis.Bench;

/// <summary>
/// Load scenario (not BenchmarkDotNet: it needs a database): import throughput of the demand file on
/// PostgreSQL (binary COPY and, for comparison, EF Core), then search latency of DemandesService.RechercherAsync
/// over the loaded demands. Usage: <c>fichier-demandes &lt;connexion PostgreSQL&gt; [total=1000000] [lot=100000]</c>.
/// </summary>
public static class FichierDemandesBanc
{
    private static readonly Siren Tpm = Siren.Create(TerritoireSeeder.SirenTpm);

    public static async Task<int> ExecuterAsync(string[] args)
    {
        var options = new OptionsBase { Fournisseur = FournisseurBase.PostgreSql, ConnectionString = args[0] };
        var total = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
        var taille = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        LogisDbContext Ouvrir()
        {
            var b = new DbContextOptionsBuilder<LogisDbContext>();
            LogisDatabase.Configurer(b, options);
            return new LogisDbContext(b.Options);
        }
        await using (var db = Ouvrir())
        {
            await LogisDatabase.PreparerAsync(db, appliquerMigrations: true);
            await new TerritoireSeeder(db, ReferenceData.Trouver(), TimeProvider.System).SemerAsync(Tpm, 2026, comptesDemo: true);
        }
        List<Commune> communes;
        await using (var db = Ouvrir())
            communes = await db.Communes.AsNoTracking().Where(c => c.EpciSiren == Tpm).OrderBy(c => c.CodeInsee).ToListAsync();
        var acteur = new Acteur(new AuteurId(Guid.NewGuid()), "banc");

        // EF Core path, for comparison (one file of 20 000 lines).
        {
            var csv = Fichier(communes, 20_000, 1);
            await using var db = Ouvrir();
            var chrono = Stopwatch.StartNew();
            var r = await new ImportDemandes(db, TimeProvider.System) { SansCopy = true }.ImporterAsync(new StringReader(csv), Tpm, acteur, "banc", false);
            Console.WriteLine($"EF Core  : {r.Importees} demandes en {chrono.Elapsed.TotalSeconds:0.00} s, {r.Importees / chrono.Elapsed.TotalSeconds:0} demandes/s (analyse comprise)");
        }
        var charge = 20_000;
        var graine = 100;
        while (charge < total)
        {
            var n = Math.Min(taille, total - charge);
            var csv = Fichier(communes, n, graine++);
            await using var db = Ouvrir();
            var import = new ImportDemandes(db, TimeProvider.System);
            var contexte = await import.ContexteAsync(Tpm, default);
            var chrono = Stopwatch.StartNew();
            var analyse = AnalyseurFichierDemandes.Analyser(new StringReader(csv), contexte);
            var tAnalyse = chrono.Elapsed.TotalSeconds;
            chrono.Restart();
            var r = await import.ImporterAsync(new StringReader(csv), Tpm, acteur, "banc", false);
            var tTotal = chrono.Elapsed.TotalSeconds;
            if (!r.EstValide || analyse.Valides.Count != n) throw new InvalidOperationException(string.Join("\n", r.Rapport.Erreurs.Take(5)));
            charge += r.Importees;
            Console.WriteLine($"COPY     : {r.Importees} demandes en {tTotal:0.00} s, {r.Importees / tTotal:0} demandes/s (analyse seule {tAnalyse:0.00} s, {n / tAnalyse:0} lignes/s) ; base : {charge}");
        }
        await using (var db = Ouvrir()) await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE demande");

        await using (var db = Ouvrir())
        {
            var bailleur = await db.Bailleurs.AsNoTracking().OrderBy(b => b.Nom).Select(b => b.Id).FirstAsync();
            var agentEpci = new Agent(Guid.NewGuid(), "banc", Role.AgentEpci, new Perimetre(Tpm, null, null, null));
            var agentBailleur = new Agent(Guid.NewGuid(), "banc", Role.AgentBailleur, new Perimetre(Tpm, bailleur, null, null));
            var commune = communes.MaxBy(c => c.Population)!.CodeInsee;
            var s = new DemandesService(db, TimeProvider.System);
            var requetes = new (string Nom, Agent Agent, FiltreDemandes Filtre)[]
            {
                ("EPCI, sans filtre (page 1)", agentEpci, new(null, null, null, null, null, null)),
                ("EPCI, nom « MAR »", agentEpci, new(null, "Mar", null, null, null, null)),
                ("EPCI, commune + T3 + actives", agentEpci, new(null, null, commune, Typologie.T3, StatutDemande.Active, null)),
                ("EPCI, prioritaires", agentEpci, new(null, null, null, null, null, true)),
                ("Bailleur, sans filtre", agentBailleur, new(null, null, null, null, null, null)),
                ("Bailleur, nom « B » + T2", agentBailleur, new(null, "B", null, Typologie.T2, null, null)),
            };
            Console.WriteLine();
            Console.WriteLine("| Recherche | total | p50 | p95 | max |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            foreach (var (nom, agent, filtre) in requetes)
            {
                for (var i = 0; i < 3; i++) await s.RechercherAsync(agent, filtre, 1, DemandesService.TaillePageParDefaut, default);
                var mesures = new List<double>();
                var trouves = 0;
                for (var i = 0; i < 30; i++)
                {
                    var chrono = Stopwatch.StartNew();
                    var page = await s.RechercherAsync(agent, filtre, 1 + (i % 5), DemandesService.TaillePageParDefaut, default);
                    mesures.Add(chrono.Elapsed.TotalMilliseconds);
                    trouves = page.Total;
                    db.ChangeTracker.Clear();
                }
                mesures.Sort();
                Console.WriteLine($"| {nom} | {trouves} | {mesures[mesures.Count / 2]:0} ms | {mesures[(int)Math.Ceiling(mesures.Count * 0.95) - 1]:0} ms | {mesures[^1]:0} ms |");
            }
        }
        return 0;
    }

    /// <summary>A clean file of generated demands, without numbers (the import numbers them).</summary>
    private static string Fichier(List<Commune> communes, int nombre, int graine)
    {
        var generation = communes.Select(c => new CommuneDeGeneration(c.CodeInsee, c.Nom, $"{c.Departement}000", c.Population, 0.2)).ToList();
        var demandes = GenerateurDemandes.Generer(new ParametresGeneration(graine, nombre, "83", DateOnly.FromDateTime(DateTime.Today).AddDays(-1),
            generation, FenetreRenouvellement.Creer(3).Valeur, ProfilDemandes.Defaut)).Valeur;
        var sb = new StringBuilder(nombre * 600);
        using var w = new StringWriter(sb);
        FormatFichierDemandes.EcrireLigne(w, FormatFichierDemandes.EnteteExport());
        foreach (var d in demandes)
        {
            var champs = FormatFichierDemandes.Champs(d.Numero, d.DateDepot, d.Canal, d.Contenu).ToList();
            champs[0] = "";
            FormatFichierDemandes.EcrireLigne(w, champs);
        }
        return sb.ToString();
    }
}
