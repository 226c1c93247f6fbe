using Logis.Application.Acces;
using Logis.Application.Attributions;
using Logis.Domain.Attributions;
using Logis.Web.Infrastructure;

namespace Logis.Web.Features.Vacances;

/// <summary>The offer as the API answers it.</summary>
public sealed record OffreCreee(Guid Id, string Statut, DateOnly Echeance);

/// <summary>The attribution as the API answers a lease.</summary>
public sealed record AttributionCreee(Guid Id, DateOnly DateSignature, string StatutVacance);

/// <summary>API of offers and leases: /api/v1/vacances/{id}/offres, /api/v1/offres, /api/v1/attributions.</summary>
public static class OffresEndpoints
{
    public static void MapOffresApi(this RouteGroupBuilder api)
    {
        api.MapGet("/vacances/{id}/offres", async (string id, HttpContext http, OffresService s, CancellationToken ct) =>
            Problemes.Reponse(await s.OffresVacanceAsync(Agent.Requis(http.User), id, ct), v => Results.Ok(v)))
            .WithName("OffresVacance")
            .WithSummary("Les offres d'une vacance et l'ordre de la CALEOL : candidats, prochain candidat à qui offrir le logement, délai par défaut");

        api.MapPost("/vacances/{id}/offres", async (string id, SaisieOffre? saisie, HttpContext http, OffresService s, CancellationToken ct) =>
            Problemes.Reponse(await s.FaireAsync(Agent.Requis(http.User), id, saisie, ct),
                o => Results.Created($"/api/v1/offres/{o.Id}", new OffreCreee(o.Id.Value, o.Statut.Code(), o.Echeance))))
            .WithName("FaireOffre")
            .WithSummary("Offre écrite du logement au candidat placé par la CALEOL (demande : numéro ; adaptee : logement adapté aux besoins et capacités du ménage, R441-2-17 ; echeance : dernier jour pour répondre, au moins 10 jours, R441-10)");

        var g = api.MapGroup("/offres");

        g.MapGet("/", async (HttpContext http, OffresService s, CancellationToken ct, string? statut, string? page, string? taillePage) =>
            Problemes.Reponse(await s.ListerAsync(Agent.Requis(http.User), statut, page, taillePage, ct), v => Results.Ok(v)))
            .WithName("ListerOffres")
            .WithSummary("Offres du bailleur (tout le territoire pour l'intercommunalité), les offres en attente d'abord par échéance ; filtre statut (en-attente, acceptee, refusee, sans-reponse, bail-signe)");

        g.MapGet("/{id}", async (string id, HttpContext http, OffresService s, CancellationToken ct) =>
            Problemes.Reponse(await s.LireAsync(Agent.Requis(http.User), id, ct), v => Results.Ok(v)))
            .WithName("LireOffre")
            .WithSummary("Une offre : logement, demande, décision de la CALEOL, échéance, statut");

        g.MapPost("/{id}/reponse", async (string id, SaisieReponseOffre? saisie, HttpContext http, OffresService s, CancellationToken ct) =>
            Problemes.Reponse(await s.RepondreAsync(Agent.Requis(http.User), id, saisie, ct), v => Results.Ok(v)))
            .WithName("RepondreOffre")
            .WithSummary("Réponse du demandeur dans le délai : acceptee true, ou false avec le motif du refus ; après un refus, le prochain candidat de la CALEOL");

        g.MapPost("/{id}/bail", async (string id, SaisieBailSigne? saisie, HttpContext http, OffresService s, CancellationToken ct) =>
            Problemes.Reponse(await s.SignerBailAsync(Agent.Requis(http.User), id, saisie, ct),
                a => Results.Created($"/api/v1/attributions/{a.Id}", new AttributionCreee(a.Id.Value, a.DateSignature, StatutVacance.Attribuee.Code()))))
            .WithName("SignerBail")
            .WithSummary("Bail signé d'une offre acceptée (dateSignature, dateEffet) : la demande est radiée (R441-2-8 a), le logement attribué, l'attribution enregistrée");

        api.MapGet("/attributions", async (HttpContext http, OffresService s, CancellationToken ct, string? annee, string? page, string? taillePage) =>
            Problemes.Reponse(await s.AttributionsAsync(Agent.Requis(http.User), annee, page, taillePage, ct), v => Results.Ok(v)))
            .WithName("ListerAttributions")
            .WithSummary("Attributions d'une année (baux signés) : date, bailleur, réservataire, commune, QPV, ménage prioritaire, mutation ; paginées");
    }
}
