using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Logis.Application.Relances;
using Logis.Application.Acces;

namespace Logis.Web.Features.Relances;

/// <summary>
/// /relances/messages/{id}: a message as the applicant receives it (same access as /relances); an EPCI agent puts a failed
/// message back in the sending queue from here.
/// </summary>
public sealed class MessageModel(RelancesService service) : PageModel
{
    public MessageDetail? Detail { get; private set; }
    public bool Refuse { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, bool repris, CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        if (!RelancesService.PeutVoir(agent.Role))
        {
            Refuse = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        Detail = await service.MessageAsync(agent.Perimetre.EpciSiren, id, ct);
        PeutReprendre = RelancesService.PeutLancer(agent.Role);
        Repris = repris;
        return Detail is null ? NotFound() : Page();
    }

    /// <summary>« Remettre en file d'envoi » (EPCI agents, failed messages only).</summary>
    public async Task<IActionResult> OnPostReprendreAsync(Guid id, CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        if (!RelancesService.PeutLancer(agent.Role))
        {
            Refuse = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        switch (await service.ReprendreAsync(agent, id, ct))
        {
            case null:
                return NotFound();
            case false:
                Detail = await service.MessageAsync(agent.Perimetre.EpciSiren, id, ct);
                PeutReprendre = true;
                Erreur = "Ce message n'est pas en échec : il n'y a rien à remettre en file d'envoi.";
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            default:
                return RedirectToPage(new { id, repris = true });
        }
    }

    public bool PeutReprendre { get; private set; }
    public bool Repris { get; private set; }
    public string? Erreur { get; private set; }
}
