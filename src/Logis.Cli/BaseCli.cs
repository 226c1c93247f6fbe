using System.CommandLine;
using Logis.Application.Cotation;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Logis.Cli;

/// <summary>Database options shared by every command; default: the embedded SQLite file, as the web app.</summary>
public static class BaseCli
{
    /// <summary>The clock of every command: the real one, set by the composition root (Program.cs); a test sets a fake one.</summary>
    public static TimeProvider Horloge { get; set; } = new HorlogeNonReglee();

    public static readonly Option<string?> OptionFournisseur = new("--base")
    {
        Description = "sqlite (par défaut) ou postgresql ; à défaut, la variable Logis__Database__Fournisseur",
        Recursive = true,
    };

    public static readonly Option<string?> OptionConnexion = new("--connexion")
    {
        Description = "Chaîne de connexion ; à défaut, la variable Logis__Database__ConnectionString",
        Recursive = true,
    };

    public static OptionsBase Options(ParseResult p)
    {
        var fournisseur = p.GetValue(OptionFournisseur) ?? Environment.GetEnvironmentVariable("Logis__Database__Fournisseur") ?? "sqlite";
        var connexion = p.GetValue(OptionConnexion) ?? Environment.GetEnvironmentVariable("Logis__Database__ConnectionString");
        return new OptionsBase
        {
            Fournisseur = fournisseur.ToLowerInvariant() switch
            {
                "sqlite" => FournisseurBase.Sqlite,
                "postgresql" or "postgres" or "npgsql" => FournisseurBase.PostgreSql,
                _ => throw new ArgumentException($"Base inconnue « {fournisseur} » : sqlite ou postgresql."),
            },
            ConnectionString = connexion,
        };
    }

    /// <summary>The adopted grids (data/grilles, the web app's), read by the one loader; false and the reasons on stderr when they are broken.</summary>
    public static bool ChargerGrilles(Siren epci, out GrillesCotation? grilles, string? dossier = null)
    {
        if (GrillesCotation.TryCharger(dossier ?? GrillesCotation.TrouverDossier(), epci, Horloge, out grilles, out var erreur)) return true;
        Console.Error.WriteLine(erreur);
        return false;
    }

    /// <summary>
    /// False, with the French reason on <paramref name="erreurs"/>, when the database holds no territory (or not that EPCI's):
    /// a command pointed at an empty base says so and exits non-zero instead of acting on nothing.
    /// </summary>
    public static async Task<bool> TerritoirePresentAsync(LogisDbContext db, Siren? epci, TextWriter erreurs, CancellationToken ct)
    {
        if (await db.TerritoiresHeberges.AnyAsync(t => epci == null || t.EpciSiren == epci, ct)) return true;
        var quelle = db.Database.IsSqlite() ? $"La base {db.Database.GetDbConnection().DataSource}" : "La base";
        await erreurs.WriteLineAsync(epci is null
            ? $"{quelle} ne contient aucun territoire : lancez d'abord Logis (dotnet run --project src/Logis.Web), qui sème le territoire de démonstration, ou « logis seed-demo »."
            : $"{quelle} ne contient pas le territoire {epci} : lancez d'abord Logis (dotnet run --project src/Logis.Web) ou « logis seed-demo --epci {epci} ».");
        return false;
    }

    public static LogisDbContext Ouvrir(ParseResult p)
    {
        var b = new DbContextOptionsBuilder<LogisDbContext>();
        LogisDatabase.Configurer(b, Options(p));
        return new LogisDbContext(b.Options);
    }
}

/// <summary>Fails loudly when a command runs before the composition root has set the clock.</summary>
internal sealed class HorlogeNonReglee : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => throw new InvalidOperationException("L'horloge de la CLI n'est pas réglée (BaseCli.Horloge).");
}
