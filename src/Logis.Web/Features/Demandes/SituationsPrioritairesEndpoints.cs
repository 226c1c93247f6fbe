using Logis.Application.Acces;
using Logis.Application.Demandes;
using Logis.Domain.Demandes;
using Logis.Web.Infrastructure;

namespace Logis.Web.Features.Demandes;

/// <summary>The situation entered, as the API answers it.</summary>
public sealed record SituationDeclaree(string Critere, string Reference, string Statut);

/// <summary>API /api/v1/demandes/{numero}/situations-prioritaires: priority situations (L441-1) and DALO decisions, their validation against a piece.</summary>
public static class SituationsPrioritairesEndpoints
{
    public static void MapSituationsPrioritairesApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/demandes/{numero}/situations-prioritaires");

        g.MapGet("/", async (string numero, HttpContext http, SituationsPrioritairesService s, CancellationToken ct) =>
            Problemes.Reponse(await s.ListerAsync(Agent.Requis(http.User), numero, ct), v => Results.Ok(v)))
            .WithName("ListerSituationsPrioritaires")
            .WithSummary("Les situations prioritaires de la demande (les situations sensibles seulement pour les rôles habilités, lecture journalisée)");

        g.MapPost("/", async (string numero, SituationSaisie? saisie, HttpContext http, SituationsPrioritairesService s, CancellationToken ct) =>
        {
            var issue = await s.DeclarerAsync(Agent.Requis(http.User), numero, saisie, ct);
            return Problemes.Reponse(issue, _ =>
            {
                var critere = CriteresPrioritaires.Lire(saisie!.Critere)!.Value;
                return Results.Created($"/api/v1/demandes/{numero}/situations-prioritaires",
                    new SituationDeclaree(critere.Code(), critere.Reference(), StatutJustification.Declaree.Libelle()));
            });
        }).WithName("DeclarerSituationPrioritaire")
          .WithSummary("Saisit une situation prioritaire (critere : dalo, a, a_bis, b … l) ; pour dalo, la décision de la commission de médiation (référence, date, commission)");

        g.MapPost("/{critere}/validation", async (string numero, string critere, ValidationSaisie? saisie, HttpContext http, SituationsPrioritairesService s, CancellationToken ct) =>
            Problemes.Reponse(await s.ValiderAsync(Agent.Requis(http.User), numero, critere, saisie, ct), _ => Results.NoContent()))
            .WithName("ValiderSituationPrioritaire")
            .WithSummary("Valide une situation déclarée au vu d'une pièce de la demande (piece : identifiant ; valableJusquau facultatif) ; la demande est recotée");

        g.MapPost("/{critere}/refus", async (string numero, string critere, HttpContext http, SituationsPrioritairesService s, CancellationToken ct) =>
            Problemes.Reponse(await s.RefuserAsync(Agent.Requis(http.User), numero, critere, ct), _ => Results.NoContent()))
            .WithName("RefuserSituationPrioritaire")
            .WithSummary("Refuse une situation déclarée dont le justificatif est insuffisant ; la demande est recotée");
    }
}
