using Logis.Domain.Commun;
using Logis.Web.Infrastructure;
using Logis.Application.Journal;
using Logis.Application.Acces;

namespace Logis.Web.Features.Journal;

/// <summary>API /api/v1/journal: the audit journal of the caller's EPCI (agents of the EPCI only).</summary>
public static class JournalEndpoints
{
    public static void MapJournalApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/journal");

        g.MapGet("/", async (HttpContext http, JournalService s, CancellationToken ct,
            string? du, string? au, string? auteur, string? organisation, string? action, string? numero, string? page, string? taillePage) =>
        {
            var (filtre, n, taille, erreurs) = JournalService.LireFiltre(du, au, auteur, organisation, action, numero, page, taillePage);
            if (filtre is null) return Problemes.Invalide("Un ou plusieurs paramètres sont invalides.", erreurs);
            var issue = await s.RechercherAsync(Agent.Requis(http.User), filtre, n, taille, ct);
            return Problemes.Reponse(issue, v => Results.Ok(v));
        }).WithName("ConsulterJournal").WithSummary("Journal d'audit de l'intercommunalité, filtré et paginé (agents de l'EPCI)");

        g.MapGet("/export", async (HttpContext http, JournalService s, TimeProvider horloge, CancellationToken ct,
            string? du, string? au, string? auteur, string? organisation, string? action, string? numero) =>
        {
            var (filtre, _, _, erreurs) = JournalService.LireFiltre(du, au, auteur, organisation, action, numero, null, null);
            if (filtre is null) return Problemes.Invalide("Un ou plusieurs paramètres sont invalides.", erreurs);
            var agent = Agent.Requis(http.User);
            var issue = await s.ExporterAsync(agent, filtre, ct);
            if (!issue.EstReussi) return Problemes.Depuis(issue.Probleme);
            var nom = $"journal-{agent.Perimetre.EpciSiren.Value}-{horloge.MaintenantEnFrance():yyyyMMdd-HHmm}.csv";
            return Results.Stream(async flux =>
            {
                await using var w = new StreamWriter(flux, new System.Text.UTF8Encoding(false));
                await issue.Valeur!(w, ct);
            }, "text/csv; charset=utf-8", nom);
        }).WithName("ExporterJournal").WithSummary("Export CSV du journal filtré (l'export est lui-même journalisé)");
    }
}
