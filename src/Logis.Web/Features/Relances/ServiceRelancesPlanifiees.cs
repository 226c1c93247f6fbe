using Logis.Domain.Commun;
using Logis.Application.Relances;

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
/// The scheduler of the web app (section « Logis:Relances »), one tick a minute on the injected clock: it only says when the
/// daily acts of <see cref="TachesQuotidiennes"/> are due — the reminders at <see cref="OptionsRelances.Heure"/>, the nightly
/// rescoring at <see cref="OptionsRelances.HeureRecalculCotation"/>, the outbox every
/// <see cref="OptionsRelances.IntervalleEnvoiMinutes"/> minutes. Disabled (nothing runs) when <see cref="OptionsRelances.Actif"/> is false.
/// </summary>
public sealed class ServiceRelancesPlanifiees(IServiceScopeFactory scopes, OptionsRelances options, TimeProvider horloge,
    Infrastructure.EtatPreparation preparation, ILogger<ServiceRelancesPlanifiees> journal) : BackgroundService
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
        // Nothing runs while the demo territory is being prepared in the background (its history plays these acts itself).
        await preparation.Terminee.WaitAsync(stoppingToken);
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
        var jour = HeureFrance.Jour(local);
        if (options.HeureRecalcul is { } heureRecalcul && Planification.RelancesDues(local, heureRecalcul, _recalculFait))
        {
            await DansUnePorteeAsync(t => t.RecalculerAsync(ct));
            _recalculFait = jour;
        }
        if (Planification.RelancesDues(local, options.HeureRelances, _relancesFaites))
        {
            await DansUnePorteeAsync(t => t.RelancerAsync(jour, ct));
            _relancesFaites = jour;
        }
        if (horloge.GetUtcNow() - _dernierEnvoi >= TimeSpan.FromMinutes(options.IntervalleEnvoiMinutes))
        {
            await DansUnePorteeAsync(t => t.EnvoyerAsync(ct));
            _dernierEnvoi = horloge.GetUtcNow();
        }
    }

    /// <summary>Each task in a scope of its own (its own DbContext).</summary>
    private async Task DansUnePorteeAsync(Func<TachesQuotidiennes, Task> tache)
    {
        await using var scope = scopes.CreateAsyncScope();
        await tache(scope.ServiceProvider.GetRequiredService<TachesQuotidiennes>());
    }
}
