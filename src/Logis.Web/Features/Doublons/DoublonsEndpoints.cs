using Logis.Web.Infrastructure;
using Logis.Application.Doublons;
using Logis.Application.Acces;

namespace Logis.Web.Features.Doublons;

/// <summary>API: potential duplicates of the perimeter and the merge of two demands (R441-2-8 f).</summary>
public static class DoublonsEndpoints
{
    public static void MapDoublonsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/demandes/doublons", async (HttpContext http, DoublonsService s, CancellationToken ct) =>
            Results.Ok(await s.ListerAsync(Agent.Requis(http.User), ct)))
            .WithName("ListerDoublons").WithSummary("Paires de demandes actives du périmètre qui semblent concerner le même ménage, avec le score et les raisons");

        api.MapPost("/demandes/{numero}/fusion", async (string numero, FusionSaisie? saisie, HttpContext http, DoublonsService s, CancellationToken ct) =>
        {
            var issue = await s.FusionnerAsync(Agent.Requis(http.User), numero, saisie?.Doublon, ct);
            return issue.Statut switch
            {
                200 => Results.Ok(issue.Valeur),
                404 => Problemes.NonTrouve(issue.Motif!),
                409 => Problemes.Conflit(issue.Motif!),
                403 => Problemes.Interdit(issue.Motif!),
                _ => Problemes.Invalide(issue.Motif!, issue.Erreurs),
            };
        }).WithName("FusionnerDemandes")
          .WithSummary("Fusionne la demande et son doublon : la plus ancienne garde son numéro et la date de dépôt la plus ancienne, l'autre est radiée (fusion, R441-2-8 f)");
    }
}
