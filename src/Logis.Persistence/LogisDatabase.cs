using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Logis.Persistence;

public enum FournisseurBase
{
    Sqlite,
    PostgreSql,
}

/// <summary>Database settings (section « Logis:Database »): SQLite file by default, PostgreSQL by configuration.</summary>
public sealed class OptionsBase
{
    public const string Section = "Logis:Database";
    public const string SqliteParDefaut = "Data Source=var/logis.db";

    public FournisseurBase Fournisseur { get; set; } = FournisseurBase.Sqlite;
    public string? ConnectionString { get; set; }

    /// <summary>
    /// The connection string in use. A relative SQLite file is placed under the Logis root (<see cref="Racine"/>), so the web app
    /// and the command line, whatever folder they are started from, share the one default database the README names.
    /// </summary>
    public string ChaineEffective
    {
        get
        {
            if (Fournisseur == FournisseurBase.PostgreSql)
                return string.IsNullOrWhiteSpace(ConnectionString)
                    ? throw new InvalidOperationException("Logis:Database:ConnectionString est obligatoire avec PostgreSQL.") : ConnectionString;
            var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(ConnectionString) ? SqliteParDefaut : ConnectionString);
            if (builder.DataSource != ":memory:" && !Path.IsPathRooted(builder.DataSource)) builder.DataSource = Path.Combine(Racine(), builder.DataSource);
            return builder.ConnectionString;
        }
    }

    /// <summary>
    /// The folder relative paths of Logis (the SQLite file, the cookie keys) start from: the repository holding <c>Logis.slnx</c>
    /// above the working directory or the program, else the working directory (an installed copy).
    /// </summary>
    public static string Racine()
    {
        foreach (var depart in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var d = new DirectoryInfo(depart); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, "Logis.slnx"))) return d.FullName;
        }
        return Directory.GetCurrentDirectory();
    }
}

public static class LogisDatabase
{
    public static void Configurer(DbContextOptionsBuilder b, OptionsBase options)
    {
        // A demand owns three small collections (timeline, priority situations, warnings): one query joining them is cheaper than
        // three round trips for the handful of rows each demand has. Stated here so that EF Core does not warn (20504) on every load;
        // a query that reads many large collections opts in with AsSplitQuery().
        switch (options.Fournisseur)
        {
            case FournisseurBase.Sqlite:
                var chaine = options.ChaineEffective;
                CreerDossierSqlite(chaine);
                b.UseSqlite(chaine, o => o.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));
                break;
            case FournisseurBase.PostgreSql:
                b.UseNpgsql(options.ChaineEffective, o => o.MigrationsHistoryTable("__ef_migrations").UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), $"Fournisseur de base inconnu : {options.Fournisseur}.");
        }
        b.AddInterceptors(Journal.ProtectionJournal.Instance, GenerationDonnees.Instance);
    }

    /// <summary>Registers the context; the connection string is resolved once here (<see cref="OptionsBase.ChaineEffective"/>), not per scope.</summary>
    public static IServiceCollection AddLogisPersistence(this IServiceCollection services, OptionsBase options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var resolues = new OptionsBase { Fournisseur = options.Fournisseur, ConnectionString = options.ChaineEffective };
        return services.AddDbContext<LogisDbContext>(b => Configurer(b, resolues));
    }

    /// <summary>
    /// Prepares the schema. PostgreSQL gets its EF migrations only through <c>logis migrate</c>
    /// (never silently); this method then only checks that none is pending. The embedded SQLite demo
    /// database is created from the model (docs/adr/0002).
    /// </summary>
    public static async Task PreparerAsync(LogisDbContext db, bool appliquerMigrations, CancellationToken ct = default)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.EnsureCreatedAsync(ct);
            return;
        }
        if (appliquerMigrations)
        {
            await db.Database.MigrateAsync(ct);
            // Data the migrations cannot compute in SQL: the scoring elements of the demands registered before them.
            await Cotation.ElementsStockes.CompleterAsync(db, ct);
            return;
        }
        var enAttente = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (enAttente.Count > 0)
            throw new InvalidOperationException($"La base PostgreSQL n'est pas à jour ({enAttente.Count} migration(s) en attente) : lancez « logis migrate ».");
    }

    private static void CreerDossierSqlite(string chaine)
    {
        var builder = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(chaine);
        var dossier = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(dossier) && builder.DataSource != ":memory:") Directory.CreateDirectory(dossier);
    }
}
