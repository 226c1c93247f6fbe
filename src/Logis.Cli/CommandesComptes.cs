using System.CommandLine;
using System.Globalization;
using Logis.Application.Acces;
using Logis.Domain.Acces;
using Logis.Domain.Commun;
using Logis.Domain.Territoire;
using Logis.Persistence;

namespace Logis.Cli;

/// <summary>
/// <c>logis comptes lister|reinitialiser-second-facteur</c>: the operator's view of the agent accounts and the reset of a lost
/// second factor (README « Sécurité »).
/// </summary>
public static class CommandesComptes
{
    public static Command Comptes()
    {
        var epci = new Option<string>("--epci") { Description = "SIREN de l'intercommunalité", Required = true };
        var lister = new Command("lister", "Liste les comptes des agents : rôle, second facteur, ProConnect, verrouillage (jamais de secret)") { epci };
        lister.SetAction(async (p, ct) =>
        {
            if (!Siren.TryCreate(p.GetValue(epci), out var siren)) return await ErreurAsync($"--epci doit être un SIREN de 9 chiffres (reçu « {p.GetValue(epci)} »).");
            await using var db = BaseCli.Ouvrir(p);
            await LogisDatabase.PreparerAsync(db, appliquerMigrations: false, ct);
            return await ListerAsync(db, siren, Console.Out, ct);
        });

        var identifiant = new Option<string>("--identifiant") { Description = "Identifiant (adresse électronique) du compte", Required = true };
        var reinitialiser = new Command("reinitialiser-second-facteur",
            "Efface le second facteur d'un agent qui a perdu son téléphone et ses codes de secours : il s'enrôle de nouveau à sa prochaine connexion ; ses sessions se ferment")
        { identifiant };
        reinitialiser.SetAction(async (p, ct) =>
        {
            await using var db = BaseCli.Ouvrir(p);
            await LogisDatabase.PreparerAsync(db, appliquerMigrations: false, ct);
            var r = await new GestionComptes(db).ReinitialiserSecondFacteurAsync(p.GetValue(identifiant)!, ct);
            if (!r.EstReussi) return await ErreurAsync(r.Motif);
            Console.WriteLine($"Second facteur de {p.GetValue(identifiant)!.Trim().ToLowerInvariant()} réinitialisé : enrôlement à la prochaine connexion, sessions fermées.");
            return 0;
        });
        return new Command("comptes", "Comptes des agents : liste, réinitialisation du second facteur") { lister, reinitialiser };
    }

    public static async Task<int> ListerAsync(LogisDbContext db, Siren epci, TextWriter sortie, CancellationToken ct)
    {
        foreach (var c in await new GestionComptes(db).ListerAsync(epci, ct))
            await sortie.WriteLineAsync(string.Join("  ", c.Identifiant, c.Nom, c.Role.Libelle(),
                c.SecondFacteurActif ? "second facteur actif" : c.SecondFacteurEnAttente ? "second facteur en attente d'enrôlement" : "sans second facteur",
                c.RelieProConnect ? "relié à ProConnect" : "non relié à ProConnect",
                c.VerrouilleJusqua is { } fin ? $"verrouillé jusqu'au {HeureFrance.EnFrance(fin).ToString("dd/MM/yyyy HH:mm", CultureInfo.GetCultureInfo("fr-FR"))}" : "").TrimEnd());
        return 0;
    }

    private static async Task<int> ErreurAsync(string message)
    {
        await Console.Error.WriteLineAsync(message);
        return 2;
    }
}
