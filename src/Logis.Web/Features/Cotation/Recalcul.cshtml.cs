using Logis.Domain.Acces;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Logis.Application.Cotation;
using Logis.Application.Acces;

namespace Logis.Web.Features.Cotation;

/// <summary>
/// /cotation/recalcul: an EPCI agent (the administrator only reads: issue 13, item 5) starts the rescoring of every active demand of their EPCI
/// with the grid in force; the page then shows its progress, refreshing itself every two seconds while it runs (no JS).
/// </summary>
public sealed class RecalculModel(RecalculsCotation recalculs, GrillesCotation grilles) : PageModel
{
    public Recalcul? Recalcul { get; private set; }
    public bool Autorise { get; private set; }

    public static bool PeutLancer(Role role) => role is Role.AgentEpci;

    public IActionResult OnGet(Guid? id)
    {
        var agent = Agent.Requis(User);
        Autorise = PeutLancer(agent.Role);
        Recalcul = id is { } x ? recalculs.Trouver(x) : recalculs.Dernier(agent.Perimetre.EpciSiren);
        if (Recalcul is not null && Recalcul.Epci != agent.Perimetre.EpciSiren) return NotFound();
        if (id is not null && Recalcul is null) return NotFound();
        return Page();
    }

    public IActionResult OnPost()
    {
        var agent = Agent.Requis(User);
        if (!PeutLancer(agent.Role))
        {
            // The page itself says who may start a rescoring; the refusal is a 403, not a detour to another page.
            Recalcul = recalculs.Dernier(agent.Perimetre.EpciSiren);
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        var r = recalculs.Demander(agent.Perimetre.EpciSiren, agent.Nom, grilles.Maintenant);
        return Redirect($"/cotation/recalcul?id={r.Id}");
    }
}
