using System.CommandLine;
using Logis.Persistence;
using Logis.Application.Journal;

namespace Logis.Cli;

/// <summary><c>logis journal purger</c>: removes the audit rows older than the retention horizon (docs/protection-des-donnees.md §2 item 17).</summary>
public static class CommandesJournal
{
    public static Command Journal()
    {
        var mois = new Option<int?>("--mois")
        {
            Description = "Durée de conservation en mois (6 à 12) ; à défaut, la variable Logis__Journal__DureeConservationMois, sinon 12",
        };
        var purger = new Command("purger", "Supprime les entrées du journal d'audit plus anciennes que la durée de conservation (la purge est elle-même journalisée)") { mois };
        purger.SetAction(async (p, ct) =>
        {
            await using var db = BaseCli.Ouvrir(p);
            await LogisDatabase.PreparerAsync(db, appliquerMigrations: false, ct);
            return await PurgerAsync(db, p.GetValue(mois), BaseCli.Horloge, Console.Out, Console.Error, ct);
        });
        return new Command("journal", "Journal d'audit") { purger };
    }

    /// <summary>The purge with its horizon: the option, else the environment, else 12 months. Code 2 for a horizon outside 6–12 months.</summary>
    public static async Task<int> PurgerAsync(LogisDbContext db, int? mois, TimeProvider horloge, TextWriter sortie, TextWriter erreurs, CancellationToken ct)
    {
        var duree = mois ?? (int.TryParse(Environment.GetEnvironmentVariable("Logis__Journal__DureeConservationMois"), out var m) ? m : OptionsJournal.DureeMaximumMois);
        if (OptionsJournal.Erreur(duree) is { } erreur)
        {
            await erreurs.WriteLineAsync(erreur);
            return 2;
        }
        var resultat = await new PurgeJournal(db, horloge).PurgerAsync(duree, ct);
        await sortie.WriteLineAsync(
            $"{resultat.Supprimees} entrée(s) du journal antérieure(s) au {resultat.Limite.UtcDateTime.ToString("dd/MM/yyyy HH:mm", System.Globalization.CultureInfo.InvariantCulture)} UTC supprimée(s) (conservation {duree} mois). La purge est inscrite au journal.");
        return 0;
    }
}
