using System.Diagnostics;
using System.Globalization;
using Logis.Application.Relances;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Relances;
using Logis.Domain.Territoire;
using Logis.Persistence.Demandes;
using Logis.Persistence.Demandes.Fichier;
using Logis.Persistence.Journal;
using Logis.Persistence.Relances;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Logis.Persistence.Tests;

/// <summary>
/// Fault drill (issue 13, point 8; README « Sécurité »): the operator's command is killed with SIGKILL (<c>kill -9</c>) in the middle of
/// writing a file of demands to PostgreSQL — while its COPY runs — and nothing of it is left (no demand, no timeline, no sequence moved, no
/// journal line); the same command run again completes. The CLI runs as a real process (its own build output), on a base of its own.
/// </summary>
[Collection(CollectionTerritoire.Nom)]
public class ExercicesPanneTests(TerritoireSemeFixture fixture)
{
    private static readonly Siren Tpm = Siren.Create(TerritoireSeeder.SirenTpm);

    private static string RacineDepot
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "Logis.slnx"))) return d.FullName;
            throw new InvalidOperationException("Racine du dépôt introuvable.");
        }
    }

    /// <summary>The CLI as an operator starts it: its own build, the repository as working directory, the tests' instant as its clock.</summary>
    private static (Process Processus, Task<string> Sortie) Logis(OptionsBase options, params string[] args) =>
        Logis(options, Horloges.Reference, null, args);

    /// <summary>The CLI with its clock started at <paramref name="depart"/> and extra environment variables.</summary>
    private static (Process Processus, Task<string> Sortie) Logis(OptionsBase options, DateTimeOffset depart, IReadOnlyDictionary<string, string>? environnement,
        params string[] args)
    {
        var dll = Path.Combine(RacineDepot, "src", "Logis.Cli", "bin", "Release", "net10.0", "logis.dll");
        Assert.True(File.Exists(dll), $"CLI non construite : {dll}");
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = RacineDepot, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { dll }.Concat(args).Concat(["--base", "postgresql", "--connexion", options.ConnectionString!])) info.ArgumentList.Add(a);
        info.Environment["Logis__Horloge__Depart"] = depart.ToString("o", CultureInfo.InvariantCulture);
        foreach (var (cle, valeur) in environnement ?? new Dictionary<string, string>()) info.Environment[cle] = valeur;
        var p = Process.Start(info)!;
        // Drained so that a full pipe never blocks the process; kept for the failure messages.
        var sortie = p.StandardOutput.ReadToEndAsync();
        var erreurs = p.StandardError.ReadToEndAsync();
        return (p, Task.WhenAll(sortie, erreurs).ContinueWith(t => string.Join("\n", t.Result), TaskScheduler.Default));
    }

    /// <summary>Waits until a session of the base runs a statement starting with one of <paramref name="debuts"/> (or the process ends first: false).</summary>
    private static async Task<bool> AttendreRequeteAsync(OptionsBase o, Process p, params string[] debuts)
    {
        var cs = new NpgsqlConnectionStringBuilder(o.ConnectionString);
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs.ConnectionString) { Database = "postgres" }.ConnectionString);
        await c.OpenAsync();
        var limite = Stopwatch.StartNew();
        while (!p.HasExited && limite.Elapsed < TimeSpan.FromMinutes(5))
        {
            await using var cmd = new NpgsqlCommand("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = @b AND state = 'active' AND query ILIKE ANY(@q)", c);
            cmd.Parameters.AddWithValue("b", cs.Database!);
            cmd.Parameters.AddWithValue("q", debuts.Select(d => d + "%").ToArray());
            if ((long)(await cmd.ExecuteScalarAsync())! > 0) return true;
            await Task.Delay(20);
        }
        return false;
    }

    [Fact]
    public async Task Un_import_tue_pendant_son_ecriture_ne_laisse_rien_et_se_relance()
    {
        if (Environment.GetEnvironmentVariable(BasesDeTest.VariablePostgres) is null) Assert.Fail("Exercice sur PostgreSQL : lancez les tests par ./test.sh.");
        var (options, communes) = await FichierDemandesTests.BaseViergeAsync(fixture, BasesDeTest.Postgres);
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            // The CLI acts only on a territory the base hosts.
            db.TerritoiresHeberges.Add(new TerritoireHeberge { EpciSiren = Tpm, CreeLe = Horloges.Reference.ToUniversalTime(), Graine = 1 });
            await db.SaveChangesAsync();
        }
        var (csv, _) = FichierDeTest.Generer(communes, 60_000, 17, casser: false);
        var fichier = Path.Combine(Path.GetTempPath(), $"logis-panne-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(fichier, csv);
        try
        {
            var avant = await FichierDemandesTests.ComptesAsync(options);
            var (import, sortieImport) = Logis(options, "import", "demandes", "--fichier", fichier, "--epci", Tpm.Value);
            // Killed while it copies the demands into the base: the writing has begun, nothing is committed yet.
            if (!await AttendreRequeteAsync(options, import, "COPY"))
                Assert.Fail($"L'import n'a pas atteint l'écriture (COPY) avant de finir : {await sortieImport}");
            import.Kill(entireProcessTree: true);
            await import.WaitForExitAsync();
            Assert.NotEqual(0, import.ExitCode);
            // The server rolls the transaction back when the connection drops: nothing is left, the base is as before.
            NpgsqlConnection.ClearAllPools();
            Assert.Equal(avant, await FichierDemandesTests.ComptesAsync(options));

            var (relance, sortieRelance) = Logis(options, "import", "demandes", "--fichier", fichier, "--epci", Tpm.Value);
            await relance.WaitForExitAsync();
            Assert.True(relance.ExitCode == 0, await sortieRelance);
            var apres = await FichierDemandesTests.ComptesAsync(options);
            Assert.Equal(avant.Demandes + 60_000, apres.Demandes);
            Assert.True(apres.Evenements >= 60_000 && apres.Audit > avant.Audit);
        }
        finally
        {
            File.Delete(fichier);
        }
    }

    private static void ExigerPostgres()
    {
        if (Environment.GetEnvironmentVariable(BasesDeTest.VariablePostgres) is null) Assert.Fail("Exercice sur PostgreSQL : lancez les tests par ./test.sh.");
    }

    /// <summary>The CLI acts only on a territory the base hosts.</summary>
    private static async Task HebergerAsync(OptionsBase options)
    {
        await using var db = BasesDeTest.Ouvrir(options);
        db.TerritoiresHeberges.Add(new TerritoireHeberge { EpciSiren = Tpm, CreeLe = Horloges.Reference.ToUniversalTime(), Graine = 1 });
        await db.SaveChangesAsync();
    }

    /// <summary>A copy of the base (PostgreSQL <c>CREATE DATABASE … TEMPLATE</c>): the reference run acts on the same rows.</summary>
    private static async Task<OptionsBase> CopierAsync(OptionsBase source, string nom)
    {
        // The template must have no session: the pools of this process let theirs go.
        NpgsqlConnection.ClearAllPools();
        var cs = new NpgsqlConnectionStringBuilder(source.ConnectionString);
        var copie = $"logis_{nom}_{Guid.NewGuid():N}"[..40];
        await using (var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs.ConnectionString) { Database = "postgres" }.ConnectionString))
        {
            await c.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{copie}\" TEMPLATE \"{cs.Database}\"", c);
            await cmd.ExecuteNonQueryAsync();
        }
        return new OptionsBase { Fournisseur = FournisseurBase.PostgreSql, ConnectionString = new NpgsqlConnectionStringBuilder(cs.ConnectionString) { Database = copie }.ConnectionString };
    }

    /// <summary>The rows of a query of one text column, sorted: a table's state, compared whole.</summary>
    private static async Task<List<string>> LignesAsync(OptionsBase o, string sql)
    {
        await using var c = new NpgsqlConnection(o.ConnectionString);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await using var lecteur = await cmd.ExecuteReaderAsync();
        var lignes = new List<string>();
        while (await lecteur.ReadAsync()) lignes.Add(lecteur.GetString(0));
        lignes.Sort(StringComparer.Ordinal);
        return lignes;
    }

    private static async Task<int> TerminerAsync((Process Processus, Task<string> Sortie) commande)
    {
        await commande.Processus.WaitForExitAsync();
        Assert.True(commande.Processus.ExitCode == 0, await commande.Sortie);
        return commande.Processus.ExitCode;
    }

    private const string Cotations = """
        SELECT "DemandeId"::text || '|' || coalesce("Total"::text, '-') || '|' || coalesce("GrilleId", '-') || '|' || coalesce("Version", '-') FROM cotation_demande
        """;

    private const string CotationsDatees = """
        SELECT "DemandeId"::text || '|' || coalesce("Total"::text, '-') || '|' || coalesce("GrilleId", '-') || '|' || coalesce("Version", '-')
               || '|' || coalesce("CalculeeLe"::text, '-') FROM cotation_demande
        """;

    private const string Preselection = """SELECT "DemandeId"::text || '|' || coalesce("Total"::text, '-') FROM preselection_demande""";

    [Fact]
    public async Task Un_recalcul_tue_pendant_son_ecriture_ne_change_aucune_cotation_et_se_relance()
    {
        ExigerPostgres();
        var (options, communes) = await FichierDemandesTests.BaseViergeAsync(fixture, BasesDeTest.Postgres);
        await HebergerAsync(options);
        var (csv, _) = FichierDeTest.Generer(communes, 60_000, 29, casser: false);
        var fichier = Path.Combine(Path.GetTempPath(), $"logis-panne-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(fichier, csv);
        try
        {
            await TerminerAsync(Logis(options, "import", "demandes", "--fichier", fichier, "--epci", Tpm.Value));
        }
        finally
        {
            File.Delete(fichier);
        }
        // A year and a half later: the seniority of every demand has grown, the rescoring moves the scores.
        var plusTard = Horloges.Reference.AddDays(550);
        var avant = await LignesAsync(options, CotationsDatees);
        var preselectionAvant = await LignesAsync(options, Preselection);
        Assert.True(avant.Count >= 60_000, $"{avant.Count} cotations");

        // The reference: the same rescoring, uninterrupted, on a copy of the base.
        var reference = await CopierAsync(options, "recalcul_ref");
        await TerminerAsync(Logis(reference, plusTard, null, "cotation", "recalculer", "--epci", Tpm.Value));
        var attendu = await LignesAsync(reference, Cotations);
        var preselectionAttendue = await LignesAsync(reference, Preselection);
        Assert.NotEqual(await LignesAsync(options, Cotations), attendu);

        // Killed while it writes: its COPY of the new scores or the update that moves them into place.
        var (recalcul, sortie) = Logis(options, plusTard, null, "cotation", "recalculer", "--epci", Tpm.Value);
        if (!await AttendreRequeteAsync(options, recalcul, "COPY cotation_lot", "UPDATE cotation_demande", "UPDATE preselection_demande"))
            Assert.Fail($"Le recalcul n'a pas atteint l'écriture avant de finir : {await sortie}");
        recalcul.Kill(entireProcessTree: true);
        await recalcul.WaitForExitAsync();
        Assert.NotEqual(0, recalcul.ExitCode);
        NpgsqlConnection.ClearAllPools();
        // Not one score moved, not even its date: no demand is ranked under two computations.
        Assert.Equal(avant, await LignesAsync(options, CotationsDatees));
        Assert.Equal(preselectionAvant, await LignesAsync(options, Preselection));

        // Run again, it completes and ends where the uninterrupted run ended, every score written by this one run.
        await TerminerAsync(Logis(options, plusTard, null, "cotation", "recalculer", "--epci", Tpm.Value));
        Assert.Equal(attendu, await LignesAsync(options, Cotations));
        Assert.Equal(preselectionAttendue, await LignesAsync(options, Preselection));
        Assert.Single(await LignesAsync(options, """SELECT DISTINCT "CalculeeLe"::text FROM cotation_demande"""));
    }

    /// <summary>A month after the reference day: the renewal notices of the demands whose validity ends within two months (and the late ones).</summary>
    private static readonly DateOnly Jour1 = Horloges.Aujourdhui.AddDays(30);

    /// <summary>Two and a half months later: the demands not renewed are radiated, the next notices go out.</summary>
    private static readonly DateOnly Jour2 = Jour1.AddDays(75);

    /// <summary>A base of <paramref name="nombre"/> imported demands (import journal lines) after the daily run of <see cref="Jour1"/>.</summary>
    private async Task<OptionsBase> BaseAvecAvisAsync(int nombre, int graine)
    {
        var (options, communes) = await FichierDemandesTests.BaseViergeAsync(fixture, BasesDeTest.Postgres);
        await HebergerAsync(options);
        var (csv, _) = FichierDeTest.Generer(communes, nombre, graine, casser: false);
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            var import = await new ImportDemandes(db, Horloges.Fixe())
                .ImporterAsync(new StringReader(csv), Tpm, new Acteur(new AuteurId(Guid.NewGuid()), "Métropole TPM"), "test", false, null);
            Assert.True(import.EstValide);
        }
        var r = await RelancerAsync(options, Jour1);
        Assert.True(r.Nombre(TypeRelance.RappelRenouvellement) > nombre / 30, $"{r.Nombre(TypeRelance.RappelRenouvellement)} avis");
        return options;
    }

    /// <summary>The daily run of a day, in this process, at 10:00 that day.</summary>
    private static async Task<ResultatRelances> RelancerAsync(OptionsBase options, DateOnly jour)
    {
        await using var db = BasesDeTest.Ouvrir(options);
        var horloge = Horloges.Fixe();
        horloge.Le(jour, 10);
        return await new TraitementRelances(db, horloge, ParametresRelances.ParDefaut).ExecuterAsync(Tpm, null, false, OrigineExecution.LigneDeCommande, "test");
    }

    private static readonly TypeRelance[] Radiations =
        [TypeRelance.RadiationNonRenouvellement, TypeRelance.RadiationAbsenceDeReponse, TypeRelance.RadiationIrrecevabilite];

    /// <summary>
    /// Every demand is whole: each act of the daily run is in its timeline, its audit and its messages together or not at
    /// all, and no radiation came without its prior notice (reminder, or warning).
    /// </summary>
    private static async Task<List<string>> IncoherencesAsync(OptionsBase o)
    {
        await using var db = BasesDeTest.Ouvrir(o);
        var demandes = await db.Demandes.AsNoTracking().AsSplitQuery().ToListAsync();
        var audit = (await db.Audit.AsNoTracking().Where(a => a.AuteurId == TraitementRelances.Systeme.Value && a.DemandeId != null)
                .Select(a => new { a.DemandeId, a.Action }).ToListAsync())
            .ToLookup(a => (a.DemandeId!.Value, a.Action));
        var messages = (await db.Messages.AsNoTracking().Where(m => m.DemandeId != null).Select(m => new { m.DemandeId, m.Type }).ToListAsync())
            .ToLookup(m => (m.DemandeId!.Value, m.Type));
        var erreurs = new List<string>();
        foreach (var d in demandes)
        {
            var parSysteme = d.Evenements.Where(e => e.AuteurId == TraitementRelances.Systeme).OrderBy(e => e.Rang).ToList();
            var rappels = parSysteme.Count(e => e.Type == TypeEvenementDemande.RappelRenouvellement);
            if (rappels != audit[(d.Id, ActionsAuditRelances.Rappel)].Count() || (rappels > 0) != messages[(d.Id, TypeRelance.RappelRenouvellement)].Any())
                erreurs.Add($"{d.Numero.Valeur} : avis de renouvellement sans sa trace ou ses messages");
            var radiation = parSysteme.SingleOrDefault(e => e.Type == TypeEvenementDemande.Radiation);
            var messagesRadiation = Radiations.Count(t => messages[(d.Id, t)].Any());
            if ((radiation is null ? 0 : 1) != audit[(d.Id, ActionsAudit.Radiation)].Count() || (radiation is null ? 0 : 1) != messagesRadiation
                || (radiation is not null && d.Statut == StatutDemande.Active))
                erreurs.Add($"{d.Numero.Valeur} : radiation sans sa trace, ses messages ou son statut");
            if (radiation is not null)
            {
                var prealable = d.MotifRadiation == MotifRadiation.NonRenouvellement ? TypeEvenementDemande.RappelRenouvellement : TypeEvenementDemande.Avertissement;
                if (!d.Evenements.Any(e => e.Type == prealable && e.Rang < radiation.Rang))
                    erreurs.Add($"{d.Numero.Valeur} : radiation ({d.MotifRadiation}) sans avis ni avertissement préalable");
            }
        }
        return erreurs;
    }

    /// <summary>What the daily runs did, per demand number: status, timeline kinds in order, messages (kind, channel), audit actions.</summary>
    private static async Task<List<string>> EtatRelancesAsync(OptionsBase o)
    {
        await using var db = BasesDeTest.Ouvrir(o);
        var demandes = await db.Demandes.AsNoTracking().AsSplitQuery().ToListAsync();
        var etat = demandes.Select(d => $"{d.Numero.Valeur}|{d.Statut}|{d.MotifRadiation}|{string.Join(",", d.Evenements.OrderBy(e => e.Rang).Select(e => e.Type))}").ToList();
        etat.AddRange((await db.Messages.AsNoTracking().Select(m => new { m.Numero, m.Type, m.Canal }).ToListAsync()).Select(m => $"message|{m.Numero}|{m.Type}|{m.Canal}"));
        etat.AddRange((await db.Audit.AsNoTracking().Where(a => a.AuteurId == TraitementRelances.Systeme.Value).Select(a => new { a.DemandeId, a.Action }).ToListAsync())
            .Select(a => $"audit|{a.DemandeId}|{a.Action}"));
        etat.Sort(StringComparer.Ordinal);
        return etat;
    }

    [Fact]
    public async Task Un_traitement_quotidien_tue_en_cours_laisse_chaque_demande_entiere_et_se_relance()
    {
        ExigerPostgres();
        var options = await BaseAvecAvisAsync(3_000, 31);
        // Two and a half months later: the demands not renewed are radiated, the next notices go out; each with its messages.
        var depart = HeureFrance.A(Jour2, new TimeOnly(10, 0));
        string Dossier() => Path.Combine(Path.GetTempPath(), $"logis-panne-courriers-{Guid.NewGuid():N}");
        var dossierReference = Dossier();
        var dossier = Dossier();
        string[] Relancer() => ["demandes", "relancer", "--epci", Tpm.Value];
        try
        {
            var reference = await CopierAsync(options, "relances_ref");
            await TerminerAsync(Logis(reference, depart, new Dictionary<string, string> { ["Logis__Relances__Dossier"] = dossierReference }, Relancer()));
            Assert.Empty(await IncoherencesAsync(reference));
            ExecutionRelances executionReference;
            await using (var db = BasesDeTest.Ouvrir(reference))
                executionReference = await db.ExecutionsRelances.AsNoTracking().OrderByDescending(e => e.DebutLe).FirstAsync();
            Assert.True(executionReference.Radiations > 50 && executionReference.Rappels > 50, $"{executionReference.Radiations} radiations, {executionReference.Rappels} avis");

            // Killed once it has committed some radiations.
            var environnement = new Dictionary<string, string> { ["Logis__Relances__Dossier"] = dossier };
            var (traitement, sortie) = Logis(options, depart, environnement, Relancer());
            var limite = Stopwatch.StartNew();
            while (true)
            {
                await using (var db = BasesDeTest.Ouvrir(options))
                    if (await db.Audit.CountAsync(a => a.Action == ActionsAudit.Radiation) >= 20) break;
                if (traitement.HasExited || limite.Elapsed > TimeSpan.FromMinutes(5))
                    Assert.Fail($"Le traitement n'a pas radié 20 demandes avant de finir : {await sortie}");
                await Task.Delay(20);
            }
            traitement.Kill(entireProcessTree: true);
            await traitement.WaitForExitAsync();
            Assert.NotEqual(0, traitement.ExitCode);
            NpgsqlConnection.ClearAllPools();

            Assert.Empty(await IncoherencesAsync(options));
            // Nothing was sent: the kill came before the sending.
            Assert.False(Directory.Exists(dossier) && Directory.EnumerateFiles(dossier).Any());
            await using (var db = BasesDeTest.Ouvrir(options))
            {
                // The run's journal says it was interrupted (no end) and exactly what it had committed.
                var interrompue = Assert.Single(await db.ExecutionsRelances.AsNoTracking().Where(e => e.FinLe == null).ToListAsync());
                var siens = await db.Messages.AsNoTracking().Where(m => m.ExecutionId == interrompue.Id).Select(m => new { m.DemandeId, m.Type }).ToListAsync();
                Assert.Equal(siens.Count, interrompue.MessagesCrees);
                Assert.Equal(siens.Where(m => m.Type == TypeRelance.RappelRenouvellement).Select(m => m.DemandeId).Distinct().Count(), interrompue.Rappels);
                Assert.Equal(siens.Where(m => Radiations.Contains(m.Type)).Select(m => m.DemandeId).Distinct().Count(), interrompue.Radiations);
                Assert.InRange(interrompue.Radiations, 20, executionReference.Radiations - 1);
            }

            // Run again: it completes, and the base ends as the uninterrupted run left its copy; each message sent once.
            await TerminerAsync(Logis(options, depart, environnement, Relancer()));
            Assert.Empty(await IncoherencesAsync(options));
            Assert.Equal(await EtatRelancesAsync(reference), await EtatRelancesAsync(options));
            await using (var db = BasesDeTest.Ouvrir(options))
            {
                var executions = await db.ExecutionsRelances.AsNoTracking().Where(e => e.Jour == Jour2).ToListAsync();
                Assert.Equal(2, executions.Count);
                Assert.Equal(executionReference.Radiations, executions.Sum(e => e.Radiations));
                Assert.Equal(executionReference.Rappels, executions.Sum(e => e.Rappels));
                var envoyes = await db.Messages.CountAsync(m => m.Statut == StatutMessage.Envoye);
                Assert.True(envoyes > 0);
                Assert.Equal(envoyes, Directory.EnumerateFiles(dossier).Count());
                Assert.Equal(Directory.EnumerateFiles(dossierReference).Count(), envoyes);
            }
        }
        finally
        {
            foreach (var d in new[] { dossier, dossierReference })
                if (Directory.Exists(d)) Directory.Delete(d, recursive: true);
        }
    }

    private static async Task ExecuterAsync(string connexion, string sql)
    {
        await using var c = new NpgsqlConnection(connexion);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    /// <summary>The same base under another PostgreSQL role (trust authentication on the throwaway server).</summary>
    private static OptionsBase Sous(OptionsBase options, string role) => new()
    {
        Fournisseur = FournisseurBase.PostgreSql,
        ConnectionString = new NpgsqlConnectionStringBuilder(options.ConnectionString) { Username = role, Password = null, Pooling = false }.ConnectionString,
    };

    /// <summary>Row count of every table of the schema, « table|count », sorted.</summary>
    private static async Task<List<string>> ComptesTablesAsync(OptionsBase o)
    {
        var tables = await LignesAsync(o, "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public'");
        var comptes = new List<string>();
        foreach (var t in tables)
            comptes.Add($"{t}|{(await LignesAsync(o, $"SELECT count(*)::text FROM \"{t}\"")).Single()}");
        return comptes;
    }

    /// <summary>Runs pg_dump or pg_restore (the server's version: PATH, else the newest under /usr/lib/postgresql) on a base.</summary>
    private static async Task OutilAsync(string outil, OptionsBase o, params string[] args)
    {
        var chemin = Environment.GetEnvironmentVariable("PATH")!.Split(':').Select(d => Path.Combine(d, outil)).FirstOrDefault(File.Exists)
                     ?? Directory.GetDirectories("/usr/lib/postgresql").Order().Select(d => Path.Combine(d, "bin", outil)).LastOrDefault(File.Exists)
                     ?? throw new InvalidOperationException($"{outil} introuvable.");
        var cs = new NpgsqlConnectionStringBuilder(o.ConnectionString);
        var info = new ProcessStartInfo(chemin) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) info.ArgumentList.Add(a);
        info.ArgumentList.Add("--dbname");
        info.ArgumentList.Add($"host={cs.Host} port={cs.Port} user={cs.Username} dbname={cs.Database}");
        if (cs.Password is { } mdp) info.Environment["PGPASSWORD"] = mdp;
        using var p = Process.Start(info)!;
        var sortie = p.StandardOutput.ReadToEndAsync();
        var erreurs = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        Assert.True(p.ExitCode == 0, $"{outil} : {await sortie}\n{await erreurs}");
    }

    /// <summary>
    /// Backup and restore drill (README « Sécurité », docs/exploitation-sauvegarde.md): a base with demands, journal and radiated
    /// demands is saved by <c>pg_dump -Fc</c>; the base lives on (the retention purge removes the radiated demands); the backup
    /// restored by <c>pg_restore</c> into a fresh base has every row it had, keeps the journal append-only for the application's
    /// role, and the purge run again there, at the same clock, removes again what had gone after the backup — ending where the
    /// original base ended.
    /// </summary>
    [Fact]
    public async Task Une_sauvegarde_restauree_garde_ses_lignes_et_son_journal_en_ajout_seul_et_la_purge_relancee_retire_a_nouveau()
    {
        ExigerPostgres();
        var options = await BaseAvecAvisAsync(1_500, 37);
        var r = await RelancerAsync(options, Jour2);
        var radiees = Radiations.Sum(r.Nombre);
        Assert.True(radiees > 10, $"{radiees} radiations");

        var suffixe = Guid.NewGuid().ToString("N")[..8];
        string app = $"logis_app_{suffixe}", purge = $"logis_purge_{suffixe}";
        await ExecuterAsync(options.ConnectionString!, $"CREATE ROLE {app} LOGIN; CREATE ROLE {purge} LOGIN;");
        var sauvegarde = Path.Combine(Path.GetTempPath(), $"logis-sauvegarde-{suffixe}.dump");
        OptionsBase? restauree = null;
        try
        {
            await using (var db = BasesDeTest.Ouvrir(options))
                await DroitsBase.AppliquerAsync(db, app, purge, CancellationToken.None);
            var avant = await ComptesTablesAsync(options);
            Assert.Contains(avant, l => l.StartsWith("audit|", StringComparison.Ordinal) && l != "audit|0");
            await OutilAsync("pg_dump", options, "--format=custom", "--file", sauvegarde);

            // After the backup, the base lives on: a year and a month after the radiations, the retention purge (decree 2017-917)
            // run by the application's role, dated by the clock of the run, removes the radiated demands.
            var depart = HeureFrance.A(Jour2.AddMonths(13), new TimeOnly(3, 0));
            await TerminerAsync(Logis(Sous(options, app), depart, null, "demandes", "purger"));
            var apres = await ComptesTablesAsync(options);
            int Demandes(List<string> comptes) => int.Parse(comptes.Single(l => l.StartsWith("demande|", StringComparison.Ordinal))["demande|".Length..], CultureInfo.InvariantCulture);
            Assert.True(Demandes(avant) - Demandes(apres) >= radiees, $"{Demandes(avant)} → {Demandes(apres)}");

            // Restored into a fresh base: every row of the backup is back, the purged demands with them.
            var cs = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            var nom = $"logis_restauree_{suffixe}";
            await ExecuterAsync(new NpgsqlConnectionStringBuilder(cs.ConnectionString) { Database = "postgres" }.ConnectionString, $"CREATE DATABASE \"{nom}\"");
            restauree = new OptionsBase { Fournisseur = FournisseurBase.PostgreSql, ConnectionString = new NpgsqlConnectionStringBuilder(cs.ConnectionString) { Database = nom }.ConnectionString };
            await OutilAsync("pg_restore", restauree, "--exit-on-error", sauvegarde);
            Assert.Equal(avant, await ComptesTablesAsync(restauree));

            // The journal is still append-only for the application's role: its privileges came back with the tables.
            var sousApp = Sous(restauree, app);
            foreach (var sql in new[] { "UPDATE audit SET \"Detail\" = 'réécrit'", "DELETE FROM audit", "TRUNCATE audit" })
            {
                var refus = await Assert.ThrowsAsync<PostgresException>(() => ExecuterAsync(sousApp.ConnectionString!, sql));
                Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refus.SqlState);
            }
            await using (var db = BasesDeTest.Ouvrir(sousApp))
            {
                Assert.False(await DroitsBase.PeutAsync(db, app, "UPDATE", CancellationToken.None));
                Assert.False(await DroitsBase.PeutAsync(db, app, "DELETE", CancellationToken.None));
                Assert.True(await DroitsBase.PeutAsync(db, app, "INSERT", CancellationToken.None));
                Assert.True(await DroitsBase.PeutAsync(db, purge, "DELETE", CancellationToken.None));
            }

            // The purge run again on the restored base at the same clock removes again what it had removed: the restored base
            // ends as the original did (its own purge line in the journal included).
            await TerminerAsync(Logis(sousApp, depart, null, "demandes", "purger"));
            Assert.Equal(apres, await ComptesTablesAsync(restauree));
            // And a second run removes nothing more.
            await TerminerAsync(Logis(sousApp, depart, null, "demandes", "purger"));
            Assert.Equal(Demandes(apres), Demandes(await ComptesTablesAsync(restauree)));
        }
        finally
        {
            File.Delete(sauvegarde);
            NpgsqlConnection.ClearAllPools();
            foreach (var o in new[] { options, restauree }.OfType<OptionsBase>())
                await ExecuterAsync(o.ConnectionString!, $"DROP OWNED BY {app}, {purge}");
            await ExecuterAsync(options.ConnectionString!, $"DROP ROLE {app}; DROP ROLE {purge};");
        }
    }
}
