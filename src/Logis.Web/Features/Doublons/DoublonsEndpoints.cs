using Logis.Web.Infrastructure;
using Logis.Application.Doublons;
using Logis.Application.Acces;

namespace Logis.Web.Features.Doublons;

/// <summary>API: potential duplicates of the perimeter and the merge of two demands of one household (a team choice, not R441-2-8 f).</summary>
public static class DoublonsEndpoints
{
    public static void MapDoublonsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/demandes/doublons", async (HttpContext http, DoublonsService s, CancellationToken ct) =>
            Results.Ok(await s.ListerAsync(Agent.Requis(http.User), ct)))
            .WithName("ListerDoublons").WithSummary("Paires de demandes actives du périmètre qui semblent concerner le même ménage, avec le score et les raisons");

        api.MapPost("/demandes/{numero}/fusion", async (string numero, FusionSaisie? saisie, HttpContext http, DoublonsService s, CancellationToken ct) =>
        {
            return Problemes.Reponse(await s.FusionnerAsync(Agent.Requis(http.User), numero, saisie?.Doublon, ct), v => Results.Ok(v));
        }).WithName("FusionnerDemandes")
          .WithSummary("Fusionne la demande et son doublon : la plus ancienne garde son numéro et la date de dépôt la plus ancienne, l'autre est radiée (fusion, R441-2-8 f)");
    }
}
