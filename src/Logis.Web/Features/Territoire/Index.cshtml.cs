using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Logis.Application.Territoire;
using Logis.Application.Acces;

namespace Logis.Web.Features.Territoire;

public sealed class IndexModel(TerritoireQueries queries) : PageModel
{
    public ApercuTerritoire Apercu { get; private set; } = null!;
    public IReadOnlyList<Logis.Domain.Organisations.Bailleur> Bailleurs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        var apercu = await queries.ApercuAsync(agent.Perimetre.EpciSiren, ct);
        if (apercu is null) return NotFound();
        Apercu = apercu;
        Bailleurs = await queries.BailleursAsync(agent.Perimetre.EpciSiren, ct);
        return Page();
    }
}
