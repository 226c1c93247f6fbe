using Logis.Persistence;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Logis.Tests.Infrastructure;

/// <summary>
/// Fresh databases for tests, on both providers. PostgreSQL comes from the cluster that ./test.sh
/// starts (LOGIS_TEST_POSTGRES); when it is absent the PostgreSQL tests fail — they never skip silently.
/// </summary>
public static class BasesDeTest
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgresql";
    public const string VariablePostgres = "LOGIS_TEST_POSTGRES";

    /// <summary>Both providers, in the order of the cases of <see cref="DeuxBasesAttribute"/>.</summary>
    public static IReadOnlyList<string> Toutes { get; } = [Sqlite, Postgres];

    /// <summary>Creates an empty database with the schema (migrations on PostgreSQL) and returns its options.</summary>
    public static async Task<OptionsBase> CreerAsync(string fournisseur, string nom)
    {
        OptionsBase options;
        if (fournisseur == Sqlite)
        {
            var dossier = Path.Combine(Path.GetTempPath(), "logis-tests");
            Directory.CreateDirectory(dossier);
            var fichier = Path.Combine(dossier, $"{nom}-{Guid.NewGuid():N}.db");
            options = new OptionsBase { Fournisseur = FournisseurBase.Sqlite, ConnectionString = $"Data Source={fichier};Pooling=False" };
        }
        else
        {
            options = await CreerPostgresVideAsync(nom);
        }
        await using var db = Ouvrir(options);
        await LogisDatabase.PreparerAsync(db, appliquerMigrations: true);
        return options;
    }

    /// <summary>Creates an empty PostgreSQL database, without schema (the migration tests apply migrations up to a point themselves).</summary>
    public static async Task<OptionsBase> CreerPostgresVideAsync(string nom)
    {
        var serveur = Environment.GetEnvironmentVariable(VariablePostgres)
                      ?? throw new InvalidOperationException($"{VariablePostgres} n'est pas défini : lancez les tests par ./test.sh, qui démarre PostgreSQL.");
        var baseNom = $"logis_{nom.ToLowerInvariant()}_{Guid.NewGuid():N}"[..40];
        await using (var connexion = new NpgsqlConnection(serveur))
        {
            await connexion.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{baseNom}\"", connexion);
            await cmd.ExecuteNonQueryAsync();
        }
        return new OptionsBase
        {
            Fournisseur = FournisseurBase.PostgreSql,
            ConnectionString = new NpgsqlConnectionStringBuilder(serveur) { Database = baseNom }.ConnectionString,
        };
    }

    public static LogisDbContext Ouvrir(OptionsBase options)
    {
        var b = new DbContextOptionsBuilder<LogisDbContext>();
        LogisDatabase.Configurer(b, options);
        return new LogisDbContext(b.Options);
    }
}
