using Logis.Application.Acces;
using Logis.Application.Relances;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Relances;

/// <summary>
/// /relances/a-examiner: the active demands the daily run leaves to an agent (expired and not yet radiable, notices returned
/// undelivered, warnings without proof of delivery), with counts by reason. EPCI agents and administrators; others get 403.
/// </summary>
public sealed class AExaminerModel(RelancesService service) : PageModel
{
    public ListeExamen? Liste { get; private set; }
    public string? Motif { get; private set; }
    public bool Refuse { get; private set; }
    public string? Erreur { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? motif, [FromQuery(Name = "page")] int? page, CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        if (!RelancesService.PeutVoir(agent.Role))
        {
            Refuse = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        if (string.IsNullOrEmpty(motif)) motif = null;
        if (motif is not null && !RelancesService.CodesExamen.Contains(motif))
        {
            Erreur = $"Le motif « {motif} » est inconnu : la liste montre tous les motifs.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            motif = null;
        }
        Motif = motif;
        Liste = await service.AExaminerAsync(agent.Perimetre.EpciSiren, motif, page ?? 1, ct);
        return Page();
    }
}
