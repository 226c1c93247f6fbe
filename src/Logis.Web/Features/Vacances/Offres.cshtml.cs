using Logis.Application.Acces;
using Logis.Application.Attributions;
using Logis.Application.Territoire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Vacances;

/// <summary>/vacances/offres: the landlord's offers (every offer of the territory for the EPCI), those awaiting an answer first by nearest deadline.</summary>
public sealed class OffresModel(OffresService service) : PageModel
{
    public PageResultats<OffreVue>? Liste { get; private set; }
    public string? Statut { get; private set; }
    public string? Erreur { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? statut, [FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        Statut = string.IsNullOrWhiteSpace(statut) ? null : statut;
        var r = await service.ListerAsync(agent, Statut, page?.ToString(System.Globalization.CultureInfo.InvariantCulture), null, ct);
        if (!r.EstReussi)
        {
            Erreur = string.Join(" ", r.Erreurs);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Statut = null;
            r = await service.ListerAsync(agent, null, null, null, ct);
        }
        Liste = r.Valeur;
        return Page();
    }
}
