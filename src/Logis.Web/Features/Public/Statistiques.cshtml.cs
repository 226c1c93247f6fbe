using Logis.Application.Cotation;
using Logis.Application.Statistiques;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Public;

/// <summary>
/// « Statistiques de la demande et des attributions » (/statistiques?commune=&amp;typologie=): the figures of <see cref="StatistiquesPubliquesService"/>
/// for the commune and typology chosen, with bar charts and their tables. Works without JavaScript (a GET form).
/// </summary>
[AllowAnonymous]
public sealed class StatistiquesModel(StatistiquesPubliquesService statistiques, LieuxAccueilService lieux, GrillesCotation grilles) : PageModel
{
    public IReadOnlyList<CommuneVue> Communes { get; private set; } = [];
    public StatistiquesPubliquesDto? Resultat { get; private set; }
    public IReadOnlyDictionary<string, string[]> Erreurs { get; private set; } = new Dictionary<string, string[]>();
    public string? Commune { get; private set; }
    public string? Typologie { get; private set; }

    public async Task OnGetAsync(string? commune, string? typologie, CancellationToken ct)
    {
        var epci = PublicEndpoints.Territoire(HttpContext, grilles);
        Communes = await lieux.CommunesAsync(epci, ct);
        (Commune, Typologie) = (commune, typologie);
        var r = await statistiques.LireAsync(epci, commune, typologie, ct);
        if (r.EstReussi)
        {
            Resultat = r.Valeur;
            return;
        }
        Erreurs = r.Probleme!.Champs;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        // The territory's figures stay shown under the error.
        Resultat = (await statistiques.LireAsync(epci, null, null, ct)).Valeur;
        (Commune, Typologie) = (null, null);
    }
}
