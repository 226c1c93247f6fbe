using System.CommandLine;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Reference;
using Logis.Persistence.Seed;
using Spectre.Console;

namespace Logis.Cli;

public static class CommandesTerritoire
{
    public static Command Migrate()
    {
        var cmd = new Command("migrate", "Crée ou met à jour le schéma de la base (migrations EF pour PostgreSQL)");
        cmd.SetAction(async (p, ct) =>
        {
            await using var db = BaseCli.Ouvrir(p);
            await LogisDatabase.PreparerAsync(db, appliquerMigrations: true, ct);
            AnsiConsole.MarkupLine("[green]Schéma à jour.[/]");
            return 0;
        });
        return cmd;
    }

    public static Command SeedDemo()
    {
        var epci = new Option<string>("--epci") { Description = "SIREN de l'EPCI à construire", DefaultValueFactory = _ => TerritoireSeeder.SirenTpm };
        var graine = new Option<int>("--graine") { Description = "Graine du générateur (même graine, même territoire)", DefaultValueFactory = _ => 2026 };
        var sansComptes = new Option<bool>("--sans-comptes-demo") { Description = "Ne pas créer les comptes et clés d'API de démonstration" };
        var cmd = new Command("seed-demo", "Crée un territoire : référentiel, bailleurs, réservataires, parc synthétique calibré sur le RPLS")
        {
            epci, graine, sansComptes,
        };
        cmd.SetAction(async (p, ct) =>
        {
            if (!Siren.TryCreate(p.GetValue(epci), out var siren))
            {
                await Console.Error.WriteLineAsync($"--epci doit être un SIREN de 9 chiffres (reçu « {p.GetValue(epci)} »).");
                return 2;
            }
            await using var db = BaseCli.Ouvrir(p);
            await LogisDatabase.PreparerAsync(db, appliquerMigrations: false, ct);
            var seeder = new TerritoireSeeder(db, ReferenceData.Trouver(), BaseCli.Horloge);
            ResultatSemis? resultat = null;
            try
            {
                await AnsiConsole.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                    .StartAsync(async ctx =>
                    {
                        var tache = ctx.AddTask("Référentiel et parc", maxValue: 1);
                        var progression = new Progress<Avancement>(a =>
                        {
                            tache.MaxValue = Math.Max(1, a.Total);
                            tache.Value = a.Fait;
                        });
                        resultat = await seeder.SemerAsync(siren, p.GetValue(graine), !p.GetValue(sansComptes), progression, ct);
                        tache.Value = tache.MaxValue;
                    });
            }
            catch (ArgumentException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 2;
            }
            var r = resultat!;
            AnsiConsole.MarkupLine(r.DejaPresent
                ? $"[yellow]Le territoire {r.Epci} existe déjà : rien n'a été modifié.[/]"
                : $"[green]Territoire {r.Epci} créé :[/] {r.Communes} communes, {r.Qpv} QPV, {r.Bailleurs} bailleurs, {r.Reservataires} réservataires, {r.Residences} résidences, {r.Logements} logements.");
            return 0;
        });
        return cmd;
    }
}
