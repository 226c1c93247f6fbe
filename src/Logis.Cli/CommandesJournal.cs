using System.CommandLine;
using System.Data.Common;
using Logis.Persistence;
using Logis.Persistence.Journal;
using Logis.Application.Journal;
using Microsoft.EntityFrameworkCore;

namespace Logis.Cli;

/// <summary>
/// <c>logis journal purger</c>: removes the audit rows older than the retention horizon (docs/protection-des-donnees.md §2 item 17),
/// under the purge role's connection when one is given; <c>logis journal droits</c>: the PostgreSQL privileges that make the
/// journal append-only for the application's role (ADR 0011).
/// </summary>
public static class CommandesJournal
{
    public const string VariableConnexionPurge = "Logis__Journal__ConnexionPurge";

    public static Command Journal()
    {
        var mois = new Option<int?>("--mois")
        {
            Description = "Durée de conservation en mois (6 à 12) ; à défaut, la variable Logis__Journal__DureeConservationMois, sinon 12",
        };
        var connexionPurge = new Option<string?>("--connexion-purge")
        {
            Description = $"PostgreSQL : chaîne de connexion du rôle de purge, seul à pouvoir supprimer des entrées ; à défaut, la variable {VariableConnexionPurge}, sinon --connexion",
        };
        var purger = new Command("purger", "Supprime les entrées du journal d'audit plus anciennes que la durée de conservation (la purge est elle-même journalisée)")
        {
            mois, connexionPurge,
        };
        purger.SetAction(async (p, ct) =>
        {
            var options = BaseCli.Options(p);
            var chainePurge = p.GetValue(connexionPurge) ?? Environment.GetEnvironmentVariable(VariableConnexionPurge);
            if (options.Fournisseur == FournisseurBase.PostgreSql && !string.IsNullOrWhiteSpace(chainePurge)) options.ConnectionString = chainePurge;
            var b = new DbContextOptionsBuilder<LogisDbContext>();
            LogisDatabase.Configurer(b, options);
            await using var db = new LogisDbContext(b.Options);
            await LogisDatabase.PreparerAsync(db, appliquerMigrations: false, ct);
            return await PurgerAsync(db, p.GetValue(mois), BaseCli.Horloge, Console.Out, Console.Error, ct);
        });

        var roleApplication = new Option<string>("--role-application") { Description = "Rôle PostgreSQL sous lequel tournent le site et les commandes", Required = true };
        var rolePurge = new Option<string>("--role-purge") { Description = "Rôle PostgreSQL de la purge du journal (journal purger --connexion-purge)", Required = true };
        var droits = new Command("droits",
            "PostgreSQL : donne au rôle de l'application la lecture et l'écriture de toutes les tables sauf la modification et la suppression du journal, " +
            "réservées au rôle de purge ; à lancer par le propriétaire du schéma après chaque « logis migrate »")
        {
            roleApplication, rolePurge,
        };
        droits.SetAction(async (p, ct) =>
        {
            await using var db = BaseCli.Ouvrir(p);
            return await DroitsAsync(db, p.GetValue(roleApplication)!, p.GetValue(rolePurge)!, Console.Out, Console.Error, ct);
        });
        return new Command("journal", "Journal d'audit") { purger, droits };
    }

    /// <summary>The purge with its horizon: the option, else the environment, else 12 months. Code 2 for a horizon outside 6–12 months, 3 for a role that may not purge.</summary>
    public static async Task<int> PurgerAsync(LogisDbContext db, int? mois, TimeProvider horloge, TextWriter sortie, TextWriter erreurs, CancellationToken ct)
    {
        var duree = mois ?? (int.TryParse(Environment.GetEnvironmentVariable("Logis__Journal__DureeConservationMois"), out var m) ? m : OptionsJournal.DureeMaximumMois);
        if (OptionsJournal.Erreur(duree) is { } erreur)
        {
            await erreurs.WriteLineAsync(erreur);
            return 2;
        }
        ResultatPurgeJournal resultat;
        try
        {
            resultat = await new PurgeJournal(db, horloge).PurgerAsync(duree, ct);
        }
        catch (DbException e) when (e.SqlState == "42501")
        {
            await erreurs.WriteLineAsync(
                "Ce rôle PostgreSQL ne peut pas supprimer d'entrées du journal (il est en ajout seul pour l'application) : lancez la purge " +
                $"sous le rôle de purge (--connexion-purge ou {VariableConnexionPurge}). Rien n'a été supprimé.");
            return 3;
        }
        await sortie.WriteLineAsync(
            $"{resultat.Supprimees} entrée(s) du journal antérieure(s) au {resultat.Limite.UtcDateTime.ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC supprimée(s) (conservation {duree} mois). La purge est inscrite au journal.");
        return 0;
    }

    /// <summary>Applies the privileges and reports what each role may do on the journal; code 2 with the reason when they cannot be applied.</summary>
    public static async Task<int> DroitsAsync(LogisDbContext db, string roleApplication, string rolePurge, TextWriter sortie, TextWriter erreurs, CancellationToken ct)
    {
        if (await DroitsBase.ErreurAsync(db, roleApplication, rolePurge, ct) is { } erreur)
        {
            await erreurs.WriteLineAsync(erreur);
            return 2;
        }
        await DroitsBase.AppliquerAsync(db, roleApplication, rolePurge, ct);
        foreach (var role in new[] { roleApplication, rolePurge })
        {
            var permis = new List<string>();
            foreach (var op in new[] { "SELECT", "INSERT", "UPDATE", "DELETE", "TRUNCATE" })
                if (await DroitsBase.PeutAsync(db, role, op, ct)) permis.Add(op);
            await sortie.WriteLineAsync($"Journal (table audit), rôle {role} : {string.Join(", ", permis)}.");
        }
        return 0;
    }
}
