using System.Diagnostics;
using System.Globalization;
using Logis.Domain.Territoire;
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
    private static (Process Processus, Task<string> Sortie) Logis(OptionsBase options, params string[] args)
    {
        var dll = Path.Combine(RacineDepot, "src", "Logis.Cli", "bin", "Release", "net10.0", "logis.dll");
        Assert.True(File.Exists(dll), $"CLI non construite : {dll}");
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = RacineDepot, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { dll }.Concat(args).Concat(["--base", "postgresql", "--connexion", options.ConnectionString!])) info.ArgumentList.Add(a);
        info.Environment["Logis__Horloge__Depart"] = Horloges.Reference.ToString("o", CultureInfo.InvariantCulture);
        var p = Process.Start(info)!;
        // Drained so that a full pipe never blocks the process; kept for the failure messages.
        var sortie = p.StandardOutput.ReadToEndAsync();
        var erreurs = p.StandardError.ReadToEndAsync();
        return (p, Task.WhenAll(sortie, erreurs).ContinueWith(t => string.Join("\n", t.Result), TaskScheduler.Default));
    }

    /// <summary>Waits until a session of the base runs a statement starting with <paramref name="debut"/> (or the process ends first: false).</summary>
    private static async Task<bool> AttendreRequeteAsync(OptionsBase o, string debut, Process p)
    {
        var cs = new NpgsqlConnectionStringBuilder(o.ConnectionString);
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(cs.ConnectionString) { Database = "postgres" }.ConnectionString);
        await c.OpenAsync();
        var limite = Stopwatch.StartNew();
        while (!p.HasExited && limite.Elapsed < TimeSpan.FromMinutes(5))
        {
            await using var cmd = new NpgsqlCommand("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = @b AND state = 'active' AND query ILIKE @q", c);
            cmd.Parameters.AddWithValue("b", cs.Database!);
            cmd.Parameters.AddWithValue("q", debut + "%");
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
            if (!await AttendreRequeteAsync(options, "COPY", import))
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
}
