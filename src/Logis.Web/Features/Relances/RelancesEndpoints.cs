using Logis.Web.Infrastructure;
using Logis.Application.Relances;
using Logis.Application.Acces;

namespace Logis.Web.Features.Relances;

/// <summary>API /api/v1/relances: the last daily runs, the messages by status and the forecast of the next run.</summary>
public static class RelancesEndpoints
{
    public static void MapRelancesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/relances", async (HttpContext http, RelancesService s, CancellationToken ct) =>
        {
            var agent = Agent.Requis(http.User);
            if (!RelancesService.PeutVoir(agent.Role))
                return Problemes.Interdit("Les relances des demandeurs sont suivies par les agents de l'intercommunalité et les administrateurs.");
            return Results.Ok(await s.EtatAsync(agent.Perimetre.EpciSiren, ct));
        }).WithName("Relances")
          .WithSummary("Traitement quotidien des demandes : prochain passage et prévision, derniers passages, messages par statut")
          .Produces<EtatRelances>()
          .ProducesProblem(StatusCodes.Status403Forbidden);
    }
}
