using System.CommandLine;
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
