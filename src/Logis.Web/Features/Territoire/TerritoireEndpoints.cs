using Logis.Domain.Acces;
using Logis.Domain.Territoire;
using Logis.Web.Infrastructure;
using Logis.Application.Territoire;
using Logis.Application.Acces;

namespace Logis.Web.Features.Territoire;

public sealed record CommuneDto(string CodeInsee, string Nom, int Population, string Zone, int LogementsSociaux, int NombreQpv, int LogementsEnQpv);

public sealed record CommuneDetailDto(string CodeInsee, string Nom, string Departement, int Population, string Zone, string ZoneLibelle,
    int LogementsSociaux, IReadOnlyList<LigneQpv> Qpv, IReadOnlyList<Repartition> ParTypologie, IReadOnlyList<Repartition> ParBailleur);

public sealed record QpvDto(string Code, string Nom, IReadOnlyList<string> Communes);

/// <summary>API /api/v1 of the territory, scoped to the EPCI of the calling organisation.</summary>
public static class TerritoireEndpoints
{
    public static void MapTerritoireApi(this RouteGroupBuilder api)
    {
        api.MapGet("/communes", async (HttpContext http, TerritoireQueries q, CancellationToken ct) =>
        {
            var agent = Agent.Requis(http.User);
            var apercu = await q.ApercuAsync(agent.Perimetre.EpciSiren, ct);
            var communes = await q.CommunesAsync(agent.Perimetre.EpciSiren, ct);
            return Results.Ok(apercu!.Communes.Select(c => new CommuneDto(c.CodeInsee, c.Nom, c.Population,
                communes[c.CodeInsee].Zone.Code(), c.LogementsSociaux, c.NombreQpv, c.LogementsEnQpv)));
        }).WithName("ListerCommunes").WithSummary("Communes de l'intercommunalité avec leur parc social");

        api.MapGet("/communes/{codeInsee}", async (string codeInsee, HttpContext http, TerritoireQueries q, CancellationToken ct) =>
        {
            if (!CodeInsee.TryCreate(codeInsee, out var code))
                return Problemes.Invalide($"« {codeInsee} » n'est pas un code INSEE (5 caractères, ex. 83137).");
            var agent = Agent.Requis(http.User);
            var fiche = await q.CommuneAsync(agent.Perimetre.EpciSiren, code, ct);
            if (fiche is null) return Problemes.NonTrouve($"Aucune commune de code {code} dans le territoire de l'intercommunalité.");
            var c = fiche.Commune;
            return Results.Ok(new CommuneDetailDto(c.CodeInsee.Value, c.Nom, c.Departement, c.Population, c.Zone.Code(), c.Zone.Libelle(),
                fiche.Total, fiche.Qpvs, fiche.ParTypologie, fiche.ParBailleur.Select(b => new Repartition(b.Bailleur.Nom, b.Logements)).ToList()));
        }).WithName("LireCommune").WithSummary("Une commune : QPV, parc par typologie et par bailleur");

        api.MapGet("/qpv", async (HttpContext http, TerritoireQueries q, CancellationToken ct) =>
        {
            var agent = Agent.Requis(http.User);
            var qpvs = await q.QpvsAsync(agent.Perimetre.EpciSiren, ct);
            return Results.Ok(qpvs.Select(x => new QpvDto(x.Code, x.Nom, x.Communes.Select(c => c.Value).ToList())));
        }).WithName("ListerQpv").WithSummary("Quartiers prioritaires (géographie 2024) de l'intercommunalité");

        api.MapGet("/logements", async (HttpContext http, TerritoireQueries q, CancellationToken ct,
            string? commune, string? typologie, string? qpv, string? financement, string? page, string? taillePage) =>
        {
            var agent = Agent.Requis(http.User);
            var (filtre, numero, taille, erreurs) = ParametresLogements.Lire(commune, typologie, qpv, financement, null, page, taillePage);
            if (filtre is null) return Problemes.Invalide("Un ou plusieurs paramètres sont invalides.", erreurs);
            // A bailleur agent sees the detail of its own stock only.
            if (agent.Role == Role.AgentBailleur) filtre = filtre with { Bailleur = agent.Perimetre.BailleurId };
            return Results.Ok(await q.LogementsAsync(agent.Perimetre.EpciSiren, filtre, numero, taille, ct));
        }).WithName("ListerLogements").WithSummary("Logements du parc social, filtrés et paginés");
    }
}
