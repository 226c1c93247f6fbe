using Logis.Application.Cotation;
using System.CommandLine;
using System.Globalization;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Cotation;
using Logis.Persistence.Seed;
using Spectre.Console;

namespace Logis.Cli.Cotation;

/// <summary><c>logis cotation recalculer [--epci SIREN] [--grilles dossier]</c>: rescoring of every active demand.</summary>
public static class CommandesRecalcul
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    public static Command Recalculer()
    {
        var epci = new Option<string?>("--epci") { Description = "SIREN de l'EPCI (par défaut : toutes les demandes actives de la base)" };
        var grilles = new Option<string?>("--grilles") { Description = "Dossier des grilles adoptées (par défaut : data/grilles)" };
        var cmd = new Command("recalculer", "Recalcule et enregistre la cotation de chaque demande active avec la grille en vigueur") { epci, grilles };
        cmd.SetAction(async (p, ct) =>
        {
            await using var db = BaseCli.Ouvrir(p);
            return await RecalculerAsync(db, p.GetValue(epci), p.GetValue(grilles), BaseCli.Horloge, AnsiConsole.Console, Console.Error, ct);
        });
        return cmd;
    }

    /// <summary>Exit codes: 0 done, 2 bad input (SIREN, grids).</summary>
    public static async Task<int> RecalculerAsync(LogisDbContext db, string? epci, string? dossierGrilles, TimeProvider horloge,
        IAnsiConsole console, TextWriter erreurs, CancellationToken ct)
    {
        Siren? siren = null;
        if (epci is not null)
        {
            if (!Siren.TryCreate(epci, out var s))
            {
                await erreurs.WriteLineAsync($"--epci doit être un SIREN de 9 chiffres (reçu « {epci} »).");
                return 2;
            }
            siren = s;
        }
        if (!await BaseCli.TerritoirePresentAsync(db, siren, erreurs, ct)) return 2;
        if (!GrillesCotation.TryCharger(dossierGrilles ?? GrillesCotation.TrouverDossier(), siren ?? Siren.Create(TerritoireSeeder.SirenTpm), horloge,
                out var grilles, out var erreurGrilles))
        {
            await erreurs.WriteLineAsync(erreurGrilles);
            return 2;
        }
        ResultatRecalcul? resultat = null;
        await console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var tache = ctx.AddTask("Cotation des demandes actives", maxValue: 1);
                var progression = new ProgressionDirecte(a =>
                {
                    tache.MaxValue = Math.Max(1, a.Total);
                    tache.Value = a.Fait;
                });
                resultat = await new RecalculerCotations(db, grilles!).ExecuterAsync(siren, progression, ct);
                tache.Value = tache.MaxValue;
            });
        var r = resultat!;
        console.MarkupLine($"[green]{r.Cotees.ToString("N0", Fr)} demandes cotées[/] sur {r.Demandes.ToString("N0", Fr)} demandes actives "
            + $"en {r.Duree.TotalSeconds.ToString("N1", Fr)} s ({(r.Cotees / Math.Max(0.001, r.Duree.TotalSeconds)).ToString("N0", Fr)} demandes/s).");
        if (r.SansGrille > 0) console.MarkupLine($"[yellow]{r.SansGrille.ToString("N0", Fr)} demandes sans grille en vigueur sur leur territoire : non cotées.[/]");
        return 0;
    }
}
