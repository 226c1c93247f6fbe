using Logis.Application.Cotation;

namespace Logis.Web.Features.Cotation;

/// <summary>Runs the queued rescorings in the background (<see cref="RecalculerCotations"/>), in a scope of its own.</summary>
public sealed class ServiceRecalculCotation(RecalculsCotation recalculs, IServiceScopeFactory scopes, Infrastructure.EtatPreparation preparation,
    ILogger<ServiceRecalculCotation> journal) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not while the demo territory is being prepared in the background.
        await preparation.Terminee.WaitAsync(stoppingToken);
        await foreach (var r in recalculs.File.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<RecalculerCotations>().ExecuterAsync(r, stoppingToken);
                journal.LogInformation("Recalcul des cotations {Epci} : {Demandes} demandes en {Duree}", r.Epci, r.Resultat!.Cotees, r.Resultat.Duree);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                journal.LogError(e, "Recalcul des cotations {Epci} en échec", r.Epci);
            }
        }
    }
}
