using Logis.Domain.Commun;
using System.CommandLine;
using System.Globalization;
using Logis.Domain.Relances;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Relances;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Logis.Application.Relances;
using Logis.Application.Demandes;

namespace Logis.Cli;

/// <summary>
/// <c>logis demandes relancer [--date AAAA-MM-JJ] [--essai] [--epci SIREN]</c>: the daily lifecycle run (reminders,
/// warnings, radiations and their messages), the same as the web app's scheduled run; then the sending of the queue to
/// the folder <c>Logis__Relances__Dossier</c> (default var/courriers).
/// </summary>
public static class CommandesRelances
{
    public static Command Demandes()
    {
        var date = new Option<string?>("--date") { Description = "Jour du traitement, AAAA-MM-JJ (par défaut : aujourd'hui, heure de Paris)" };
        var essai = new Option<bool>("--essai") { Description = "Liste ce qui serait fait, sans rien écrire ni envoyer" };
        var epci = new Option<string?>("--epci") { Description = "SIREN de l'intercommunalité (par défaut : tous les territoires hébergés)" };
        var relancer = new Command("relancer", "Rappels de renouvellement, avertissements et radiations du jour (R441-2-7, R441-2-8), avec leurs messages") { date, essai, epci };
        relancer.SetAction(async (p, ct) =>
        {
            await using var db = BaseCli.Ouvrir(p);
            await LogisDatabase.PreparerAsync(db, appliquerMigrations: false, ct);
            var dossier = Environment.GetEnvironmentVariable("Logis__Relances__Dossier") is { Length: > 0 } d ? d : new OptionsRelances().Dossier;
            return await RelancerAsync(db, p.GetValue(date), p.GetValue(essai), p.GetValue(epci), BaseCli.Horloge,
                new ExpediteurDossier(dossier, new OptionsRelances().AdresseExpediteur), AnsiConsole.Console, Console.Error, ct);
        });
        var mois = new Option<int>("--mois") { Description = "Conservation après radiation, en mois (1 à 12)", DefaultValueFactory = _ => PurgeDemandes.DureeMaximumMois };
        var datePurge = new Option<string?>("--date") { Description = "Jour de la purge, AAAA-MM-JJ (par défaut : aujourd'hui, heure de Paris)" };
        var essaiPurge = new Option<bool>("--essai") { Description = "Compte ce qui serait supprimé, sans rien supprimer" };
        var purger = new Command("purger", "Supprime les demandes radiées depuis plus de --mois mois, avec tout ce qui s'y rattache (conservation d'un an au plus après radiation, décret 2017-917)")
            { mois, datePurge, essaiPurge };
        purger.SetAction(async (p, ct) =>
        {
            await using var db = BaseCli.Ouvrir(p);
            await LogisDatabase.PreparerAsync(db, appliquerMigrations: false, ct);
            return await PurgerAsync(db, p.GetValue(mois), p.GetValue(datePurge), p.GetValue(essaiPurge), BaseCli.Horloge, Console.Out, Console.Error, ct);
        });
        var demandes = new Command("demandes", "Traitements du fichier des demandes") { relancer, purger };
        foreach (var c in CommandesAvis.Commandes()) demandes.Subcommands.Add(c);
        return demandes;
    }

    /// <summary>The <c>--date</c> option: null when absent; when malformed, the French reason on <paramref name="erreurs"/> and not valid.</summary>
    private static async Task<(bool Valide, DateOnly? Jour)> LireDateAsync(string? date, TextWriter erreurs)
    {
        if (date is null) return (true, null);
        if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var jour)) return (true, jour);
        await erreurs.WriteLineAsync($"--date doit être une date AAAA-MM-JJ (reçu « {date} »).");
        return (false, null);
    }

    /// <summary>Exit codes: 0 done, 2 bad input.</summary>
    public static async Task<int> PurgerAsync(LogisDbContext db, int mois, string? date, bool essai, TimeProvider horloge, TextWriter sortie,
        TextWriter erreurs, CancellationToken ct)
    {
        if (PurgeDemandes.Erreur(mois) is { } erreur)
        {
            await erreurs.WriteLineAsync(erreur);
            return 2;
        }
        var (valide, jour) = await LireDateAsync(date, erreurs);
        if (!valide || !await BaseCli.TerritoirePresentAsync(db, null, erreurs, ct)) return 2;
        var r = await new PurgeDemandes(db).PurgerAsync(jour ?? horloge.AujourdhuiEnFrance(), mois, essai, horloge.GetUtcNow(), ct);
        foreach (var (epci, n) in r.ParEpci.OrderBy(e => e.Key.Value, StringComparer.Ordinal))
            await sortie.WriteLineAsync($"Intercommunalité {epci} : {n} demande(s) radiée(s) avant le {r.RadieesAvant:dd/MM/yyyy}.");
        await sortie.WriteLineAsync(essai
            ? $"Essai : {r.Total} demande(s) seraient supprimées. Rien n'a été supprimé (relancez sans --essai)."
            : $"{r.Total} demande(s) radiée(s) avant le {r.RadieesAvant:dd/MM/yyyy} supprimée(s), avec leur chronologie, leurs messages et leurs pièces.");
        return 0;
    }

    /// <summary>Exit codes: 0 done, 1 some demands in failure (left unchanged), 2 bad input.</summary>
    public static async Task<int> RelancerAsync(LogisDbContext db, string? date, bool essai, string? epci, TimeProvider horloge,
        IExpediteurMessages expediteur, IAnsiConsole console, TextWriter erreurs, CancellationToken ct)
    {
        var (valide, jour) = await LireDateAsync(date, erreurs);
        if (!valide) return 2;
        List<Siren> epcis;
        if (epci is not null)
        {
            if (!Siren.TryCreate(epci, out var s))
            {
                await erreurs.WriteLineAsync($"--epci doit être un SIREN de 9 chiffres (reçu « {epci} »).");
                return 2;
            }
            epcis = [s];
        }
        else
        {
            epcis = await db.TerritoiresHeberges.AsNoTracking().Select(t => t.EpciSiren).ToListAsync(ct);
        }
        if (!await BaseCli.TerritoirePresentAsync(db, epci is null ? null : epcis[0], erreurs, ct)) return 2;

        var echecs = 0;
        foreach (var siren in epcis)
        {
            var r = await new TraitementRelances(db, horloge, ParametresRelances.ParDefaut)
                .ExecuterAsync(siren, jour, essai, OrigineExecution.LigneDeCommande, "logis (ligne de commande)", ct);
            echecs += r.Echecs;
            var table = new Table().AddColumn("Numéro").AddColumn("Acte").AddColumn("Messages");
            foreach (var l in r.Lignes)
                table.AddRow(l.Numero, Markup.Escape(l.Type.Libelle()), Markup.Escape(l.Refus ?? string.Join(", ", l.Canaux)));
            if (r.Lignes.Count > 0) console.Write(table);
            console.MarkupLine($"{(essai ? "[yellow]Essai[/] — " : "")}Intercommunalité {siren}, jour du {r.Jour:dd/MM/yyyy} : {r.Examinees} demande(s) examinée(s).");
            foreach (var t in Logis.Domain.Relances.PlanRelances.DuTraitement())
            {
                if (r.Nombre(t) > 0) console.MarkupLine($"  {Markup.Escape(t.Libelle())} : {r.Nombre(t)}");
            }
            if (essai) console.MarkupLine("  Rien n'a été écrit ni envoyé (relancez sans --essai pour agir).");
            else console.MarkupLine($"  {r.MessagesCrees} message(s) mis en file{(r.Echecs > 0 ? $", [red]{r.Echecs} demande(s) en échec, inchangées[/]" : "")}.");
        }
        if (!essai)
        {
            var envoi = await new EnvoiMessages(db, expediteur, horloge, PolitiqueEnvoi.ParDefaut).EnvoyerAsync(null, ct);
            console.MarkupLine($"Messages : {envoi.Envoyes} envoyé(s), {envoi.AReessayer} à réessayer, {envoi.EnEchec} en échec.");
        }
        return echecs > 0 ? 1 : 0;
    }
}
