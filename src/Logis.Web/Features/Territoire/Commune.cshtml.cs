using Logis.Domain.Territoire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Logis.Application.Territoire;
using Logis.Application.Acces;

namespace Logis.Web.Features.Territoire;

public sealed class CommuneModel(TerritoireQueries queries) : PageModel
{
    public FicheCommune Fiche { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken ct)
    {
        if (!CodeInsee.TryCreate(code, out var insee)) return NotFound();
        var fiche = await queries.CommuneAsync(Agent.Requis(User).Perimetre.EpciSiren, insee, ct);
        if (fiche is null) return NotFound();
        Fiche = fiche;
        return Page();
    }
}
