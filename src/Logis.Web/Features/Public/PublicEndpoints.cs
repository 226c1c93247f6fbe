using Logis.Application.Acces;
using Logis.Application.Cotation;
using Logis.Application.Statistiques;
using Logis.Domain.Territoire;
using Logis.Web.Infrastructure;

namespace Logis.Web.Features.Public;

/// <summary>
/// The public API of the information due to everyone (L441-2-6), no sign-in: <c>GET /api/v1/statistiques?commune=&amp;typologie=</c> and
/// <c>GET /api/v1/lieux-accueil?commune=</c>. A bad <c>commune</c> (not a commune of the territory) or <c>typologie</c> (not T1 to T6) is a
/// French ProblemDetails (400, errors by field). Counted by the per-address rate limit like every anonymous route.
/// </summary>
public static class PublicEndpoints
{
    public static void MapPublicApi(this RouteGroupBuilder api)
    {
        api.MapGet("/statistiques", async (HttpContext http, StatistiquesPubliquesService s, GrillesCotation grilles, CancellationToken ct) =>
        {
            if (UneFois(http, "commune", "typologie") is { } probleme) return probleme;
            var r = await s.LireAsync(Territoire(http, grilles), http.Request.Query["commune"], http.Request.Query["typologie"], ct);
            return Problemes.Reponse(r, v => Results.Ok(v));
        })
        .AllowAnonymous()
        .WithSummary("Statistiques publiques de la demande et des attributions, par commune et typologie (secret statistique : aucun groupe de moins de 5 ménages)")
        .Produces<StatistiquesPubliquesDto>();

        api.MapGet("/lieux-accueil", async (HttpContext http, LieuxAccueilService s, GrillesCotation grilles, CancellationToken ct) =>
        {
            if (UneFois(http, "commune") is { } probleme) return probleme;
            var r = await s.ListerAsync(Territoire(http, grilles), http.Request.Query["commune"], ct);
            return Problemes.Reponse(r, v => Results.Ok(v));
        })
        .AllowAnonymous()
        .WithSummary("Lieux d'accueil et guichets enregistreurs du territoire, ceux qui servent la commune indiquée")
        .Produces<IReadOnlyList<LieuAccueilVue>>();
    }

    /// <summary>The territory shown: a signed-in agent's EPCI, otherwise the territory this instance hosts.</summary>
    internal static Siren Territoire(HttpContext http, GrillesCotation grilles) => Agent.Depuis(http.User)?.Perimetre.EpciSiren ?? grilles.Territoire;

    private static IResult? UneFois(HttpContext http, params string[] parametres)
    {
        var repetes = parametres.Where(p => http.Request.Query[p].Count > 1).ToList();
        return repetes.Count == 0 ? null : Problemes.Invalide("Un paramètre est donné plusieurs fois.",
            repetes.ToDictionary(p => p, p => new[] { $"Donnez « {p} » une seule fois." }));
    }
}
