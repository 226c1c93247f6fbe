using System.CommandLine;
using System.Text;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Demandes.Fichier;
using Logis.Persistence.Seed;
using Logis.Application.Acces;
using Logis.Application.Demandes;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Logis.Domain.Commun;

namespace Logis.Cli;

/// <summary><c>logis import demandes</c> and <c>logis export demandes</c>: the demand file (docs/import-demandes.md).</summary>
public static class CommandesFichierDemandes
{
    public static Command Import()
    {
        var fichier = new Option<FileInfo>("--fichier") { Description = "Fichier CSV des demandes (UTF-8, virgule, en-tête)", Required = true };
        var epci = new Option<string>("--epci") { Description = "SIREN de l'intercommunalité qui enregistre", Required = true };
        var essai = new Option<bool>("--essai") { Description = "Analyse seulement : liste les erreurs, n'écrit rien" };
        var demandes = new Command("demandes", "Importe un fichier de demandes, tout ou rien (une ligne cassée : rien n'est écrit)") { fichier, epci, essai };
        demandes.SetAction(async (p, ct) =>
        {
            if (!Siren.TryCreate(p.GetValue(epci), out var siren)) return await ErreurAsync($"--epci doit être un SIREN de 9 chiffres (reçu « {p.GetValue(epci)} »).");
            var f = p.GetValue(fichier)!;
            if (!f.Exists) return await ErreurAsync($"Fichier introuvable : {f.FullName}");
            await using var db = BaseCli.Ouvrir(p);
            await LogisDatabase.PreparerAsync(db, appliquerMigrations: false, ct);
            if (!await BaseCli.TerritoirePresentAsync(db, siren, Console.Error, ct) || !BaseCli.ChargerGrilles(siren, out var grilles)) return 2;
            var nomEpci = await db.Epcis.AsNoTracking().Where(e => e.Siren == siren).Select(e => e.Nom).SingleOrDefaultAsync(ct) ?? siren.Value;
            Resultat<ResultatImport>? issue = null;
            try
            {
                await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .StartAsync(async ctx =>
                    {
                        var tache = ctx.AddTask(p.GetValue(essai) ? "Analyse" : "Analyse et écriture", maxValue: 1);
                        var progression = new Progress<Avancement>(a => { tache.MaxValue = Math.Max(1, a.Total); tache.Value = a.Fait; });
                        // The act of the API, under the operator's identity; the file is read from the disk by a buffer.
                        issue = await new DemandesService(db, BaseCli.Horloge, grilles!).ImporterAsync(Agent.Exploitant(siren),
                            () => new StreamReader(f.FullName, Encoding.UTF8, true, 1 << 16), p.GetValue(essai), progression, ct);
                        tache.Value = tache.MaxValue;
                    });
            }
            catch (ArgumentException e)
            {
                return await ErreurAsync(e.Message);
            }
            if (!issue!.EstReussi) return await ErreurAsync(issue.Motif);
            var r = issue.Valeur;
            if (!r.EstValide)
            {
                foreach (var e in r.Rapport.Erreurs) Console.WriteLine($"Ligne {e.Ligne}, colonne {e.Colonne} : {e.Motif}");
                AnsiConsole.MarkupLine($"[red]{r.Rapport.LignesEnErreur} ligne(s) en erreur sur {r.Rapport.Lignes} : rien n'a été importé.[/]");
                return 2;
            }
            AnsiConsole.MarkupLine(r.Essai
                ? $"[green]Essai : les {r.Rapport.Lignes} lignes sont valides. Rien n'a été écrit (relancez sans --essai pour importer).[/]"
                : $"[green]{r.Importees} demandes importées dans {Markup.Escape(nomEpci)}.[/]");
            return 0;
        });
        return new Command("import", "Imports de fichiers") { demandes };
    }

    public static Command Export()
    {
        var fichier = new Option<FileInfo>("--fichier") { Description = "Fichier CSV à écrire", Required = true };
        var epci = new Option<string>("--epci") { Description = "SIREN de l'intercommunalité", Required = true };
        var demandes = new Command("demandes", "Exporte les demandes actives de l'intercommunalité (sans NIR)") { fichier, epci };
        demandes.SetAction(async (p, ct) =>
        {
            if (!Siren.TryCreate(p.GetValue(epci), out var siren)) return await ErreurAsync($"--epci doit être un SIREN de 9 chiffres (reçu « {p.GetValue(epci)} »).");
            await using var db = BaseCli.Ouvrir(p);
            await LogisDatabase.PreparerAsync(db, appliquerMigrations: false, ct);
            if (!await BaseCli.TerritoirePresentAsync(db, siren, Console.Error, ct) || !BaseCli.ChargerGrilles(siren, out var grilles)) return 2;
            var f = p.GetValue(fichier)!;
            // The act of the API (audited as a bulk export), under the operator's identity.
            var export = await new DemandesService(db, BaseCli.Horloge, grilles!).ExporterAsync(Agent.Exploitant(siren), ct);
            if (!export.EstReussi) return await ErreurAsync(export.Motif);
            int n;
            await using (var w = new StreamWriter(f.FullName, false, new UTF8Encoding(false)))
                n = await export.Valeur(w, ct);
            AnsiConsole.MarkupLine($"[green]{n} demandes exportées dans {Markup.Escape(f.FullName)} (sans NIR).[/]");
            return 0;
        });
        return new Command("export", "Exports de fichiers") { demandes };
    }

    private static async Task<int> ErreurAsync(string message)
    {
        await Console.Error.WriteLineAsync(message);
        return 2;
    }
}
