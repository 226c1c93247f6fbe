using Logis.Application.Acces;
using Logis.Application.Demandes;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Demandes;

/// <summary>
/// What every input page of a demand (the multi-step form of a household, the page of a legal entity) checks and loads first: whether the
/// agent may register or update demands, and the communes of its territory (code INSEE → name) for the wishes; and how it refuses.
/// </summary>
public abstract class PageSaisie(DemandesService service) : PageModel
{
    protected DemandesService Service => service;

    public IReadOnlyDictionary<string, string> Communes { get; private set; } = new Dictionary<string, string>();

    /// <summary>True when the agent may not act: the page says so (403).</summary>
    public bool Refuse { get; private set; }

    protected Agent AgentCourant => Agent.Requis(User);

    /// <summary>Loads the communes; false (and 403) when the agent may not register or update demands.</summary>
    protected async Task<bool> PreparerAsync(CancellationToken ct)
    {
        if (!await service.PeutAgirAsync(AgentCourant, ct))
        {
            Refus();
            return false;
        }
        Communes = await service.NomsCommunesAsync(AgentCourant, ct);
        return true;
    }

    protected PageResult Refus()
    {
        Refuse = true;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }
}
