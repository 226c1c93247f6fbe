using Logis.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Relances;

/// <summary>/relances/messages/{id}: a message as the applicant receives it (same access as /relances).</summary>
public sealed class MessageModel(RelancesService service) : PageModel
{
    public MessageDetail? Detail { get; private set; }
    public bool Refuse { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        if (!RelancesService.PeutVoir(agent.Role))
        {
            Refuse = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        Detail = await service.MessageAsync(agent.Perimetre.EpciSiren, id, ct);
        return Detail is null ? NotFound() : Page();
    }
}
