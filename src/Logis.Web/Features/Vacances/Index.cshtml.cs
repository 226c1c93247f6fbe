using Logis.Application.Acces;
using Logis.Application.Attributions;
using Logis.Application.Territoire;
using Logis.Domain.Acces;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Vacances;

/// <summary>
/// /vacances: the landlord's vacancy board (its stock), the réservataire's inbox (vacancies oriented to its contingent, nearest deadline
/// first), every vacancy for the EPCI and the administrators; filter by status, paged.
/// </summary>
public sealed class IndexModel(VacancesService service) : PageModel
{
    public PageResultats<LigneVacance>? Liste { get; private set; }
    public string? Statut { get; private set; }
    public string? Erreur { get; private set; }
    public bool Bailleur { get; private set; }
    public bool BoiteReservataire { get; private set; }
    /// <summary>The link to the matching of the open vacancies (<see cref="AccesVacances.VoitPreselection"/>).</summary>
    public bool Appariement { get; private set; }
    [TempData] public string? Confirmation { get; set; }

    public async Task<IActionResult> OnGetAsync(string? statut, [FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        Bailleur = agent.Role == Role.AgentBailleur;
        BoiteReservataire = agent.Role is Role.AgentReservataire or Role.AgentCommune;
        Appariement = AccesVacances.VoitPreselection(agent.Role);
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
