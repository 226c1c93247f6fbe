using Logis.Application.Acces;
using Logis.Application.Attributions;
using Logis.Domain.Commun;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Vacances;

/// <summary>/vacances/conventions/{id}/bilan?annee=: the yearly bilan of one convention, for both parties, the EPCI and the administrators.</summary>
public sealed class BilanModel(FluxService service) : PageModel
{
    public BilanConvention? Bilan { get; private set; }
    public string? Erreur { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, string? annee, CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        var r = await service.BilanAsync(agent, id.ToString(), annee, ct);
        if (!r.EstReussi && r.Probleme.Nature == NatureEchec.Invalide)
        {
            Erreur = string.Join(" ", r.Erreurs);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            r = await service.BilanAsync(agent, id.ToString(), null, ct);
        }
        if (!r.EstReussi) return NotFound();
        Bilan = r.Valeur;
        return Page();
    }
}
