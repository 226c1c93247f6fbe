using Logis.Domain.Commun;
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
using Microsoft.EntityFrameworkCore;
using Logis.Application.Demandes;
using Logis.Application.Acces;

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
        if (args is ["analyse", var lignes]) return Phases(int.Parse(lignes, System.Globalization.CultureInfo.InvariantCulture));
        if (args is ["empreinte", var nombre, var sortie]) return Empreinte(int.Parse(nombre, System.Globalization.CultureInfo.InvariantCulture), sortie);
        if (args is ["fichier", var lignesFichier, var graineFichier, var cible])
        {
            // A clean file for `logis import demandes` (bench/fichier-demandes.sh times the command itself, process start included).
            File.WriteAllText(cible, Fichier(CommunesTpm(), int.Parse(lignesFichier, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(graineFichier, System.Globalization.CultureInfo.InvariantCulture)));
            return 0;
        }
        var options = new OptionsBase { Fournisseur = FournisseurBase.PostgreSql, ConnectionString = args[0] };
        var total = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
        var taille = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 100_000;
        LogisDbContext Ouvrir(OptionsBase? autres = null)
        {
            var b = new DbContextOptionsBuilder<LogisDbContext>();
            LogisDatabase.Configurer(b, autres ?? options);
            return new LogisDbContext(b.Options);
        }
        await using (var db = Ouvrir())
        {
            await LogisDatabase.PreparerAsync(db, appliquerMigrations: true);
            await new TerritoireSeeder(db, ReferenceData.Trouver(), HorlogeBanc.Reelle).SemerAsync(Tpm, 2026, comptesDemo: true);
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
            var r = await new ImportDemandes(db, HorlogeBanc.Reelle) { SansCopy = true }.ImporterAsync(new StringReader(csv), Tpm, acteur, "banc", false);
            Console.WriteLine($"EF Core  : {r.Importees} demandes en {chrono.Elapsed.TotalSeconds:0.00} s, {r.Importees / chrono.Elapsed.TotalSeconds:0} demandes/s (analyse comprise)");
        }
        // ROLE_ORDINAIRE=1: the COPY imports run under a role that may not skip the foreign-key checks (ADR 0008), to measure both.
        var importParRole = options;
        if (Environment.GetEnvironmentVariable("ROLE_ORDINAIRE") == "1")
        {
            await using (var db = Ouvrir())
            {
                await db.Database.ExecuteSqlRawAsync("CREATE ROLE banc_import NOLOGIN; GRANT ALL ON ALL TABLES IN SCHEMA public TO banc_import; " +
                    "GRANT ALL ON ALL SEQUENCES IN SCHEMA public TO banc_import");
            }
            importParRole = new OptionsBase
            {
                Fournisseur = options.Fournisseur,
                ConnectionString = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString) { Options = "-c role=banc_import" }.ConnectionString,
            };
            Console.WriteLine("Imports COPY sous le rôle ordinaire banc_import : contrôles de clé étrangère exécutés.");
        }
        var charge = 20_000;
        var graine = 100;
        while (charge < total)
        {
            var n = Math.Min(taille, total - charge);
            var csv = Fichier(communes, n, graine++);
            await using var db = Ouvrir(importParRole);
            var import = new ImportDemandes(db, HorlogeBanc.Reelle);
            // The import's own server process (one open connection for the context): its CPU time is read from /proc.
            await db.Database.OpenConnectionAsync();
            var serveur = await db.Database.SqlQueryRaw<int>("SELECT pg_backend_pid() AS \"Value\"").SingleAsync();
            var processus = Process.GetCurrentProcess();
            var cpuClient0 = processus.TotalProcessorTime;
            var cpuServeur0 = CpuProcessus(serveur);
            var (gc0, gc1, gc2, pause0, alloue0) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes());
            // What `logis import` does: the analysis of the next lines overlaps the writing of the previous ones.
            var chrono = Stopwatch.StartNew();
            var r = await import.ImporterAsync(new StringReader(csv), Tpm, acteur, "banc", false);
            var tTotal = chrono.Elapsed.TotalSeconds;
            processus.Refresh();
            var cpuClient = (processus.TotalProcessorTime - cpuClient0).TotalSeconds;
            var cpuServeur = CpuProcessus(serveur) - cpuServeur0;
            if (!r.EstValide || r.Importees != n) throw new InvalidOperationException(string.Join("\n", r.Rapport.Erreurs.Take(5)));
            charge += r.Importees;
            Console.WriteLine($"COPY     : {r.Importees} demandes en {tTotal:0.00} s, {r.Importees / tTotal:0} demandes/s (analyse et écriture mêlées) ; base : {charge} ; charge {Charge()}");
            // CPU seconds do not depend on the other processes of the machine: what the import costs on dedicated cores.
            Console.WriteLine($"           CPU : client {cpuClient:0.00} s, serveur PostgreSQL {cpuServeur:0.00} s ; client : alloué {(GC.GetTotalAllocatedBytes() - alloue0) / 1e6:0} Mo, " +
                $"GC {GC.CollectionCount(0) - gc0}/{GC.CollectionCount(1) - gc1}/{GC.CollectionCount(2) - gc2}, pauses {(GC.GetTotalPauseDuration() - pause0).TotalSeconds:0.00} s");
        }
        await using (var db = Ouvrir()) await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE demande");

        await using (var db = Ouvrir())
        {
            var bailleur = await db.Bailleurs.AsNoTracking().OrderBy(b => b.Nom).Select(b => b.Id).FirstAsync();
            var agentEpci = new Agent(Guid.NewGuid(), "banc", Role.AgentEpci, new Perimetre(Tpm, null, null, null));
            var agentBailleur = new Agent(Guid.NewGuid(), "banc", Role.AgentBailleur, new Perimetre(Tpm, bailleur, null, null));
            var commune = communes.MaxBy(c => c.Population)!.CodeInsee;
            var s = new DemandesService(db, HorlogeBanc.Reelle, HorlogeBanc.Grilles(Tpm));
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
            Console.WriteLine($"Charge de la machine avant les recherches : {Charge()}");
            Console.WriteLine("| Recherche | total | p50 | p95 | max |");
            Console.WriteLine("|---|---:|---:|---:|---:|");
            foreach (var (nom, agent, filtre) in requetes)
            {
                for (var i = 0; i < 3; i++) await s.RechercherAsync(agent, filtre, 1, DemandesService.TaillePageParDefaut, default);
                var mesures = new List<double>();
                var trouves = "";
                for (var i = 0; i < 30; i++)
                {
                    var chrono = Stopwatch.StartNew();
                    var page = await s.RechercherAsync(agent, filtre, 1 + (i % 5), DemandesService.TaillePageParDefaut, default);
                    mesures.Add(chrono.Elapsed.TotalMilliseconds);
                    trouves = page.TotalPlafonne ? $"> {page.Total}" : $"{page.Total}";
                    db.ChangeTracker.Clear();
                }
                mesures.Sort();
                Console.WriteLine($"| {nom} | {trouves} | {mesures[mesures.Count / 2]:0} ms | {mesures[(int)Math.Ceiling(mesures.Count * 0.95) - 1]:0} ms | {mesures[^1]:0} ms |");
            }
        }
        Console.WriteLine($"Charge de la machine après les recherches : {Charge()}");
        return 0;
    }

    /// <summary>CPU seconds (user + system) of a local process, from /proc (0 when unreadable).</summary>
    private static double CpuProcessus(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var champs = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // Fields 14 and 15 of proc(5) (utime, stime), counted here from field 3, in clock ticks (100 per second).
            return (long.Parse(champs[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(champs[12], System.Globalization.CultureInfo.InvariantCulture)) / 100.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Load averages (1, 5, 15 min) of the machine: the measures are only comparable at similar load.</summary>
    private static string Charge() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    /// <summary>
    /// CPU phases of an import, without database (<c>fichier-demandes analyse 100000</c>): CSV reading alone, analysis on one
    /// core and on all cores, then what the writing adds per demand (registration, JSON content, search columns).
    /// </summary>
    private static int Phases(int lignes)
    {
        var communes = CommunesTpm();
        var csv = Fichier(communes, lignes, 100);
        var contexte = new ContexteAnalyse(Tpm, communes.Select(c => c.CodeInsee.Value).ToHashSet(StringComparer.Ordinal), HorlogeBanc.Aujourdhui);
        AnalyseurFichierDemandes.Analyser(new StringReader(csv), contexte); // warm-up
        void Mesurer(string nom, Action a)
        {
            var processus = Process.GetCurrentProcess();
            var cpu = processus.TotalProcessorTime;
            var (gc0, gc1, gc2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
            var pause = GC.GetTotalPauseDuration();
            var alloue = GC.GetTotalAllocatedBytes();
            var c = Stopwatch.StartNew();
            a();
            var duree = c.Elapsed.TotalSeconds;
            processus.Refresh();
            // CPU of the process and what the garbage collector took: allocations that survive cost more than the code itself.
            Console.WriteLine($"{nom,-44} {duree,6:0.00} s  {lignes / duree,9:0} lignes/s  CPU {(processus.TotalProcessorTime - cpu).TotalSeconds,5:0.00} s  " +
                $"alloué {(GC.GetTotalAllocatedBytes() - alloue) / 1e6,6:0} Mo  GC {GC.CollectionCount(0) - gc0}/{GC.CollectionCount(1) - gc1}/{GC.CollectionCount(2) - gc2} " +
                $"pauses {(GC.GetTotalPauseDuration() - pause).TotalSeconds:0.00} s");
        }
        Mesurer("lecture CSV seule", () => { var l = new CsvLecteur(new StringReader(csv)); while (l.Lire()) { } });
        Mesurer("analyse, un cœur", () => AnalyseurFichierDemandes.Analyser(new StringReader(csv), contexte, parallelisme: 1));
        RapportAnalyse rapport = null!;
        Mesurer($"analyse, {Environment.ProcessorCount} cœurs", () => rapport = AnalyseurFichierDemandes.Analyser(new StringReader(csv), contexte));
        var quand = HorlogeBanc.Reelle.MaintenantEnFrance();
        var acteur = new Acteur(new AuteurId(Guid.NewGuid()), "banc");
        var demandes = new List<Demande>();
        Mesurer("enregistrement (Demande.Enregistrer)", () =>
        {
            var n = 1;
            foreach (var l in rapport.Valides)
                demandes.Add(Demande.Enregistrer(new DemandeId(Guid.CreateVersion7()), NumeroUnique.Creer("083", l.DateDepot, 1 + (n++ % NumeroUnique.SequenceMaximum), "G0001").Valeur, l.Contenu, l.Canal, l.DateDepot, quand, acteur).Valeur);
        });
        Mesurer("contenu JSON (ContenuJson.Ecrire, UTF-8)", () =>
        {
            // As the import: one buffer, reused, no string per content.
            var tampon = new System.Buffers.ArrayBufferWriter<byte>(1 << 20);
            using var w = new System.Text.Json.Utf8JsonWriter(tampon);
            foreach (var d in demandes)
            {
                Persistence.Demandes.ContenuJson.Ecrire(w, d.Contenu);
                w.Flush();
                w.Reset();
                tampon.ResetWrittenCount();
            }
        });
        Mesurer("colonnes de recherche", () =>
        {
            foreach (var d in demandes)
            {
                Persistence.Demandes.ColonnesDemande.Normaliser(d.Contenu.Demandeur.Nom);
                Persistence.Demandes.ColonnesDemande.Liste(d.Contenu.Souhaits.Communes.Select(c => c.Value));
                Persistence.Demandes.ColonnesDemande.Liste(d.Contenu.Souhaits.Typologies.Select(t => t.ToString()));
            }
        });
        Console.WriteLine($"JSON moyen : {demandes.Take(1000).Average(d => Persistence.Demandes.ContenuJson.Ecrire(d.Contenu).Length):0} caractères");
        return 0;
    }

    /// <summary>
    /// Fingerprint of the analysis (<c>fichier-demandes empreinte 20000 sortie.txt</c>): a generated file whose fields are
    /// damaged at random (seeded) from a pool of awkward values, analysed, then every error and every valid demand (number,
    /// channel, date, JSON content) written out. Two builds giving the same file analyse alike: the check that a faster
    /// analysis keeps the same rules and messages.
    /// </summary>
    private static int Empreinte(int lignes, string sortie)
    {
        var communes = ReferenceData.Trouver().Communes().Where(c => c.EpciSiren == Tpm).OrderBy(c => c.CodeInsee.Value, StringComparer.Ordinal).ToList();
        var generation = communes.Select(c => new CommuneDeGeneration(c.CodeInsee, c.Nom, $"{c.Departement}000", c.Population, 0.2)).ToList();
        var demandes = GenerateurDemandes.Generer(new ParametresGeneration(7, lignes, "083", new DateOnly(2026, 11, 1),
            generation, FenetreRenouvellement.Creer(3).Valeur, ProfilDemandes.Defaut)).Valeur;
        var entete = FormatFichierDemandes.EnteteExport().ToList();
        entete.Add(FormatFichierDemandes.Colonne(1, FormatFichierDemandes.Nir));
        entete.Add(FormatFichierDemandes.Colonne(2, FormatFichierDemandes.Nir));
        string[] valeurs =
        [
            "", " ", "  x  ", "abc", "0", "1", "-1", "12,5", "1.5", "-0.01", "oui", "NON", "True", "1985-02-30", "2099-01-01", "1985-13-45",
            "2030-01-01", "Demandeur", "demandeur", "Conjoint", "Enfant", "Autre", "3", "T3", "t2;T7", "T1;T1", "83137", "13055", "83137;83137",
            "fauteuil;x", "autre", "Salaire=1450.50", "Salaire=abc", "Salaire=-5", "salaire=1;Salaire=2", "=3", "Guichet", "EnLigne", "Mutation",
            "185057800608491", "185057800608490", "832600000001X", "a@b", "pas-un-courriel", "Célibataire", "Locataire", ";;", "97", "8313",
            "\"quoted, comma\"",
        ];
        var aleas = new Random(42);
        var sb = new StringBuilder();
        using (var w = new StringWriter(sb))
        {
            FormatFichierDemandes.EcrireLigne(w, entete);
            string? precedent = null;
            for (var i = 0; i < demandes.Count; i++)
            {
                var d = demandes[i];
                var champs = FormatFichierDemandes.Champs(d.Numero, d.DateDepot, d.Canal, d.Contenu).ToList();
                champs.Add(i % 7 == 3 ? "185057800608491" : "");
                champs.Add("");
                if (i % 3 == 0) champs[0] = "";
                if (i % 97 == 5 && precedent is not null) champs[0] = precedent;
                precedent = d.Numero.Valeur;
                // Two lines in three are damaged, one to three fields each; the others stay valid.
                if (i % 3 != 2)
                    for (var k = aleas.Next(1, 4); k > 0; k--)
                        champs[aleas.Next(champs.Count)] = valeurs[aleas.Next(valeurs.Length)];
                if (i % 500 == 11) { w.Write("\r\n"); }
                FormatFichierDemandes.EcrireLigne(w, champs);
            }
        }
        var contexte = new ContexteAnalyse(Tpm, communes.Select(c => c.CodeInsee.Value).ToHashSet(StringComparer.Ordinal), new DateOnly(2026, 11, 28));
        var rapport = AnalyseurFichierDemandes.Analyser(new StringReader(sb.ToString()), contexte);
        using var f = new StreamWriter(sortie);
        f.WriteLine($"lignes {rapport.Lignes}, en erreur {rapport.LignesEnErreur}, valides {rapport.Valides.Count}");
        foreach (var e in rapport.Erreurs) f.WriteLine(e);
        foreach (var v in rapport.Valides)
            f.WriteLine($"{v.Ligne} {v.Numero?.Valeur} {v.Canal} {v.DateDepot:yyyy-MM-dd} {Persistence.Demandes.ContenuJson.Ecrire(v.Contenu)}");
        return 0;
    }

    private static List<Commune> CommunesTpm() =>
        ReferenceData.Trouver().Communes().Where(c => c.EpciSiren == Tpm).OrderBy(c => c.CodeInsee.Value, StringComparer.Ordinal).ToList();

    /// <summary>A clean file of generated demands, without numbers (the import numbers them).</summary>
    private static string Fichier(List<Commune> communes, int nombre, int graine)
    {
        var generation = communes.Select(c => new CommuneDeGeneration(c.CodeInsee, c.Nom, $"{c.Departement}000", c.Population, 0.2)).ToList();
        var demandes = GenerateurDemandes.Generer(new ParametresGeneration(graine, nombre, "083", HorlogeBanc.Aujourdhui.AddDays(-1),
            generation, FenetreRenouvellement.Creer(3).Valeur, ProfilDemandes.Defaut)).Valeur;
        var sb = new StringBuilder(nombre * 600);
        using var w = new StringWriter(sb);
        var entete = FormatFichierDemandes.EnteteExport();
        var motif = entete.ToList().IndexOf(FormatFichierDemandes.MotifDateDepot);
        FormatFichierDemandes.EcrireLigne(w, entete);
        foreach (var d in demandes)
        {
            var champs = FormatFichierDemandes.Champs(d.Numero, d.DateDepot, d.Canal, d.Contenu).ToList();
            champs[0] = "";
            // The generated file spans years of deposits: a deposit date more than a month back needs its reason (ReglesEnregistrement).
            champs[motif] = "Reprise du fichier de la demande existant";
            FormatFichierDemandes.EcrireLigne(w, champs);
        }
        return sb.ToString();
    }
}
