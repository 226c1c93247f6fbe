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

        api.MapGet("/relances/a-examiner", async (HttpContext http, RelancesService s, CancellationToken ct, string? motif, int? page) =>
        {
            var agent = Agent.Requis(http.User);
            if (!RelancesService.PeutVoir(agent.Role))
                return Problemes.Interdit("La liste des demandes à examiner est suivie par les agents de l'intercommunalité et les administrateurs.");
            if (motif is not null && !RelancesService.CodesExamen.Contains(motif))
                return Problemes.Invalide("Le motif est inconnu.", new Dictionary<string, string[]> { ["motif"] = [$"Le motif vaut {string.Join(", ", RelancesService.CodesExamen)}."] });
            return Results.Ok(await s.AExaminerAsync(agent.Perimetre.EpciSiren, motif, page ?? 1, ct));
        }).WithName("DemandesAExaminer")
          .WithSummary("Demandes actives à examiner : expirées pas encore radiables, avis revenus non distribués, avertissements sans preuve de remise ; comptes par motif")
          .Produces<ListeExamen>()
          .ProducesProblem(StatusCodes.Status400BadRequest)
          .ProducesProblem(StatusCodes.Status403Forbidden);

        var d = api.MapGroup("/demandes/{numero}");
        d.MapPost("/avertissements", async (string numero, AvertissementSaisie? saisie, HttpContext http, AvisService s, CancellationToken ct) =>
            Problemes.Reponse(await s.AvertirAsync(Agent.Requis(http.User), numero, saisie ?? new AvertissementSaisie(null, null), ct), _ => Results.NoContent()))
            .WithName("AvertirDemandeur")
            .WithSummary("Enregistre l'envoi d'un avertissement avant radiation c) ou d), par lettre recommandée avec avis de réception ou un moyen prouvant la remise (R441-2-8)");
        d.MapPost("/avis/remise", async (string numero, RemiseSaisie? saisie, HttpContext http, AvisService s, CancellationToken ct) =>
            Problemes.Reponse(await s.NoterRemiseAsync(Agent.Requis(http.User), numero, saisie ?? new RemiseSaisie(null, null, null), ct), _ => Results.NoContent()))
            .WithName("NoterRemiseAvertissement")
            .WithSummary("Enregistre la remise d'un avertissement c) ou d) et sa preuve : le mois avant la radiation court de cette date (R441-2-8)");
        d.MapPost("/avis/non-distribution", async (string numero, RetourSaisie? saisie, HttpContext http, AvisService s, CancellationToken ct) =>
            Problemes.Reponse(await s.NoterRetourAsync(Agent.Requis(http.User), numero, saisie ?? new RetourSaisie(null, null), ct), _ => Results.NoContent()))
            .WithName("NoterAvisNonDistribue")
            .WithSummary("Enregistre le retour d'un avis de renouvellement ou d'un avertissement non distribué");
        d.MapPost("/avis/preference", async (string numero, PreferenceAvisSaisie? saisie, HttpContext http, AvisService s, CancellationToken ct) =>
            Problemes.Reponse(await s.NoterPreferenceAsync(Agent.Requis(http.User), numero, saisie ?? new PreferenceAvisSaisie(null), ct), _ => Results.NoContent()))
            .WithName("PreferenceAvis")
            .WithSummary("Le demandeur qui a utilisé le service en ligne demande (ou non) l'avis de renouvellement aussi par courrier (R441-2-7 3°)");
    }
}
