using Logis.Application.Acces;
using Logis.Application.Mixite;
using Logis.Domain.Commun;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Mixite;

/// <summary>/mixite?annee=: the social-mix dashboard of a year in the agent's perimeter (objectives, alerts, charts and their tables).</summary>
public sealed class IndexModel(SuiviMixiteService service) : PageModel
{
    public IndicateursVue? Vue { get; private set; }
    public string? Erreur { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? annee, CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        var r = await service.IndicateursAsync(agent, annee, ct);
        if (!r.EstReussi && r.Probleme.Nature == NatureEchec.Invalide)
        {
            Erreur = string.Join(" ", r.Erreurs);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            r = await service.IndicateursAsync(agent, null, ct);
        }
        if (!r.EstReussi) return NotFound();
        Vue = r.Valeur;
        return Page();
    }
}

/// <summary>How the social-mix pages write masked and missing figures.</summary>
public static class TexteMixite
{
    public static string Compte(int? n) => n is { } x ? Shared.Formats.Nombre(x) : Domain.Statistiques.SecretStatistique.Libelle;

    public static string Taux(decimal? t) => t is { } x ? Shared.Formats.Pourcent(x) : "non diffusé";

    public static string Cible(decimal t) => t.ToString("0.#", Shared.Formats.Fr) + " %";

    public static string Attente(decimal? m) => m is { } x ? x.ToString("0.#", Shared.Formats.Fr) + " mois" : "non diffusée";

    public static string Mois(int m) => System.Globalization.CultureInfo.GetCultureInfo("fr-FR").DateTimeFormat.GetMonthName(m);
}
