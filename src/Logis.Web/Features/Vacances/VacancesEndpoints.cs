using Logis.Application.Acces;
using Logis.Application.Attributions;
using Logis.Web.Infrastructure;

namespace Logis.Web.Features.Vacances;

/// <summary>The vacancy as the API answers a declaration.</summary>
public sealed record VacanceCreee(Guid Id, string Statut, bool CompteDansFlux);

/// <summary>API /api/v1/vacances and /api/v1/conventions: vacancies, their orientation in the gestion en flux, the reservation conventions and their bilan.</summary>
public static class VacancesEndpoints
{
    public static void MapVacancesApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/vacances");

        g.MapGet("/", async (HttpContext http, VacancesService s, CancellationToken ct, string? statut, string? page, string? taillePage) =>
            Problemes.Reponse(await s.ListerAsync(Agent.Requis(http.User), statut, page, taillePage, ct), v => Results.Ok(v)))
            .WithName("ListerVacances")
            .WithSummary("Vacances du périmètre (le parc du bailleur, les vacances orientées vers le réservataire, tout le territoire pour l'intercommunalité), paginées, filtre statut");

        g.MapPost("/", async (DeclarationVacance? saisie, HttpContext http, VacancesService s, CancellationToken ct) =>
            Problemes.Reponse(await s.DeclarerAsync(Agent.Requis(http.User), saisie, ct),
                v => Results.Created($"/api/v1/vacances/{v.Id}", new VacanceCreee(v.Id.Value, Domain.Attributions.LibellesVacance.Code(v.Statut), v.CompteDansFlux))))
            .WithName("DeclarerVacance")
            .WithSummary("Déclare la vacance d'un logement de son parc (logement : numéro RPLS ; dateDisponibilite ; loyer et charges, par défaut ceux du logement ; horsFlux : motif d'exclusion R441-5)");

        g.MapGet("/appariement", async (HttpContext http, AppariementService s, CancellationToken ct) =>
            Problemes.Reponse(await s.CalculerAsync(Agent.Requis(http.User), ct), v => Results.Ok(v)))
            .WithName("ApparierVacances")
            .WithSummary("Appariement suggéré des vacances ouvertes sans candidat du périmètre : un candidat de sa présélection par logement, un logement par candidat, "
                + "objectifs de mixité de l'année d'abord, puis logements pourvus, puis cotation ; chaque paire expliquée, comparée au traitement un par un. Une aide : aucun acte");

        g.MapGet("/{id}", async (string id, HttpContext http, VacancesService s, CancellationToken ct) =>
            Problemes.Reponse(await s.LireAsync(Agent.Requis(http.User), id, ct), v => Results.Ok(v)))
            .WithName("LireVacance")
            .WithSummary("Une vacance : le logement, le flux, le statut, l'historique ; pour le bailleur, la suggestion d'orientation expliquée");

        g.MapGet("/{id}/suggestion", async (string id, HttpContext http, VacancesService s, CancellationToken ct) =>
            Problemes.Reponse(await s.SuggererAsync(Agent.Requis(http.User), id, ct), v => Results.Ok(new
            {
                reservataire = v.Reservataire.Value, v.Nom, v.Explication,
                soldes = v.Soldes.Select(x => new { reservataire = x.Reservataire.Value, x.Nom, x.PartIci, du = decimal.Round(x.Du, 2), x.Recus, retard = decimal.Round(x.Retard, 2) }),
            })))
            .WithName("SuggererOrientation")
            .WithSummary("À qui le tour : le réservataire suggéré d'après le solde courant du flux de l'année, et pourquoi");

        g.MapPost("/{id}/orientation", async (string id, OrientationVacance? saisie, HttpContext http, VacancesService s, CancellationToken ct) =>
            Problemes.Reponse(await s.OrienterAsync(Agent.Requis(http.User), id, saisie, ct), _ => Results.NoContent()))
            .WithName("OrienterVacance")
            .WithSummary("Oriente une vacance déclarée vers un réservataire (reservataire : identifiant ; motif si l'on s'écarte de la suggestion)");

        g.MapGet("/{id}/candidats", async (string id, string? limite, HttpContext http, PreselectionService s, CancellationToken ct) =>
            Problemes.Reponse(await s.CalculerAsync(Agent.Requis(http.User), id, limite, ct), v => Results.Ok(v)))
            .WithName("PreselectionnerCandidats")
            .WithSummary("Présélection des candidats pour la vacance : demandes actives éligibles au financement, souhaits et taille compatibles, classées par cotation "
                + "(puis date de dépôt, puis numéro), chacune avec ses motifs ; les demandes écartées les plus proches avec leurs raisons (limite : 20 par défaut, 100 au plus)");

        g.MapGet("/{id}/candidats-proposes", async (string id, HttpContext http, PropositionService s, CancellationToken ct) =>
            Problemes.Reponse(await s.ListerAsync(Agent.Requis(http.User), id, ct), v => Results.Ok(v)))
            .WithName("ListerCandidatsProposes")
            .WithSummary("Les candidats proposés pour la vacance, par rang de proposition, avec les motifs de la présélection au moment de la proposition");

        g.MapPost("/{id}/candidats", async (string id, PropositionCandidats? saisie, HttpContext http, PropositionService s, CancellationToken ct) =>
            Problemes.Reponse(await s.ProposerAsync(Agent.Requis(http.User), id, saisie, ct),
                v => Results.Ok(v.Select(c => new { rang = c.RangProposition, numero = c.Numero, motifs = c.Motifs }))))
            .WithName("ProposerCandidats")
            .WithSummary("Propose des candidats pour la vacance (numeros : les numéros uniques des demandes, dans l'ordre proposé ; chacune active et retenue par la présélection) : "
                + "le réservataire jusqu'à son échéance, le bailleur après restitution ou pour son contingent");

        g.MapPost("/{id}/retrait", async (string id, RetraitVacance? saisie, HttpContext http, VacancesService s, CancellationToken ct) =>
            Problemes.Reponse(await s.RetirerAsync(Agent.Requis(http.User), id, saisie, ct), _ => Results.NoContent()))
            .WithName("RetirerVacance")
            .WithSummary("Retire une vacance (motif obligatoire) : elle ne compte plus dans le flux");

        var c = api.MapGroup("/conventions");

        c.MapGet("/", async (HttpContext http, FluxService s, CancellationToken ct) =>
            Results.Ok((await s.ListerAsync(Agent.Requis(http.User), ct)).Conventions))
            .WithName("ListerConventions")
            .WithSummary("Conventions de réservation en flux du périmètre (part du flux annuel, délai de proposition, cibles)");

        c.MapPost("/", async (SaisieConvention? saisie, HttpContext http, FluxService s, CancellationToken ct) =>
            Problemes.Reponse(await s.EnregistrerAsync(Agent.Requis(http.User), saisie, ct), v => Results.Ok(v)))
            .WithName("EnregistrerConvention")
            .WithSummary("Enregistre la convention d'un bailleur avec un réservataire (part en %, delaiPropositionJours, sousObjectifs « T3:40; hors-qpv:30 ») ; part du préfet ≤ 30 % dont ≥ 30 % hors QPV (R441-5-2)");

        c.MapGet("/{id}/bilan", async (string id, string? annee, HttpContext http, FluxService s, CancellationToken ct) =>
            Problemes.Reponse(await s.BilanAsync(Agent.Requis(http.User), id, annee, ct), v => Results.Ok(v)))
            .WithName("BilanConvention")
            .WithSummary("Bilan annuel d'une convention : logements orientés et dus, candidats proposés, rendus, attribués, par typologie et QPV");
    }
}
