using Logis.Domain.Commun;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Cotation;
using Logis.Persistence.Demandes;
using Logis.Persistence.Relances;
using Logis.Web.Features.Cotation;
using Microsoft.EntityFrameworkCore;

namespace Logis.Web.Features.Relances;

/// <summary>When the scheduled tasks are due, in French local time (pure, tested).</summary>
public static class Planification
{
    /// <summary>
    /// The daily run is due once the hour has passed and no scheduled run finished today: a server stopped at the
    /// hour catches up when it starts again (the run is idempotent).
    /// </summary>
    public static bool RelancesDues(DateTimeOffset maintenantLocal, TimeOnly heure, DateOnly? dernierJourFait) =>
        TimeOnly.FromDateTime(maintenantLocal.DateTime) >= heure && dernierJourFait != DateOnly.FromDateTime(maintenantLocal.DateTime);
}

/// <summary>
/// The scheduler of the web app (section « Logis:Relances »), one tick a minute on the injected clock: the daily run of
/// every hosted EPCI at <see cref="OptionsRelances.Heure"/> followed by the retention purge of radiated demands
/// (<see cref="PurgeDemandes"/>), the nightly rescoring of stored scores (scores age with
/// seniority) at <see cref="OptionsRelances.HeureRecalculCotation"/> through <see cref="RecalculCotation"/>, and the
/// sending of the outbox every <see cref="OptionsRelances.IntervalleEnvoiMinutes"/> minutes. Disabled (nothing runs)
/// when <see cref="OptionsRelances.Actif"/> is false.
/// </summary>
public sealed class ServiceRelancesPlanifiees(IServiceScopeFactory scopes, OptionsRelances options, TimeProvider horloge, VerrouRelances verrou,
    GrillesCotation grilles, ILogger<ServiceRelancesPlanifiees> journal) : BackgroundService
{
    private DateOnly? _relancesFaites;
    private DateOnly? _recalculFait;
    private DateTimeOffset _dernierEnvoi = DateTimeOffset.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Actif)
        {
            journal.LogInformation("Relances planifiées désactivées (Logis:Relances:Actif = false)");
            return;
        }
        // The nightly rescoring has no catch-up at startup: a restart in the day does not rescore the whole file again.
        var debut = Local();
        if (options.HeureRecalcul is { } h && TimeOnly.FromDateTime(debut.DateTime) >= h) _recalculFait = DateOnly.FromDateTime(debut.DateTime);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await TourAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                journal.LogError(e, "Tâches planifiées des relances en échec ; nouvel essai à la prochaine minute");
            }
            await Task.Delay(TimeSpan.FromMinutes(1), horloge, stoppingToken);
        }
    }

    private DateTimeOffset Local() => horloge.MaintenantEnFrance();

    private async Task TourAsync(CancellationToken ct)
    {
        var local = Local();
        var jour = DateOnly.FromDateTime(local.DateTime);
        if (options.HeureRecalcul is { } heureRecalcul && Planification.RelancesDues(local, heureRecalcul, _recalculFait))
        {
            await RecalculerAsync(jour, ct);
            _recalculFait = jour;
        }
        if (Planification.RelancesDues(local, options.HeureRelances, _relancesFaites))
        {
            await RelancerAsync(jour, ct);
            _relancesFaites = jour;
        }
        if (horloge.GetUtcNow() - _dernierEnvoi >= TimeSpan.FromMinutes(options.IntervalleEnvoiMinutes))
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LogisDbContext>();
            var envoi = await new EnvoiMessages(db, options.CreerExpediteur(journal), horloge, options.Politique).EnvoyerAsync(null, ct);
            if (envoi.Envoyes + envoi.EnEchec + envoi.AReessayer > 0)
                journal.LogInformation("Messages aux demandeurs : {Envoyes} envoyés, {Reessais} à réessayer, {Echecs} en échec", envoi.Envoyes, envoi.AReessayer, envoi.EnEchec);
            _dernierEnvoi = horloge.GetUtcNow();
        }
    }

    private async Task RelancerAsync(DateOnly jour, CancellationToken ct)
    {
        await verrou.Semaphore.WaitAsync(ct);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LogisDbContext>();
            foreach (var epci in await EpcisAsync(db, ct))
            {
                // A scheduled run already finished today (another instance, or before a restart): nothing to do.
                if (await db.ExecutionsRelances.AnyAsync(x => x.EpciSiren == epci && x.Jour == jour && x.Origine == OrigineExecution.Planifiee && x.FinLe != null, ct))
                    continue;
                var r = await new TraitementRelances(db, horloge, options.Parametres).ExecuterAsync(epci, jour, essai: false, OrigineExecution.Planifiee, "planification", ct);
                journal.LogInformation("Relances {Epci} du {Jour} : {Examinees} demandes examinées, {Messages} messages, {Echecs} échecs", epci, jour, r.Examinees, r.MessagesCrees, r.Echecs);
            }
            // Then the retention of radiated demands (docs/protection-des-donnees.md §2 item 14): those radiated beyond the horizon go.
            var purge = await new PurgeDemandes(db).PurgerAsync(jour, options.ConservationDemandesMois, essai: false, horloge.GetUtcNow(), ct);
            if (purge.Total > 0) journal.LogInformation("Conservation : {Nombre} demandes radiées avant le {Limite} supprimées", purge.Total, purge.RadieesAvant);
        }
        finally
        {
            verrou.Semaphore.Release();
        }
    }

    private async Task RecalculerAsync(DateOnly jour, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LogisDbContext>();
        foreach (var epci in await EpcisAsync(db, ct))
        {
            var r = await RecalculCotation.RecalculerAsync(db, e => grilles.Registre.JeuEnVigueur(e, jour), jour, horloge.GetUtcNow(), epci, null, ct: ct);
            journal.LogInformation("Recalcul nocturne des cotations {Epci} : {Cotees} demandes en {Duree}", epci, r.Cotees, r.Duree);
        }
    }

    private static async Task<List<Siren>> EpcisAsync(LogisDbContext db, CancellationToken ct) =>
        await db.TerritoiresHeberges.AsNoTracking().Select(t => t.EpciSiren).ToListAsync(ct);
}
