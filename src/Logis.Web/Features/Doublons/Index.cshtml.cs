using Microsoft.AspNetCore.Mvc.RazorPages;
using Logis.Application.Doublons;
using Logis.Application.Acces;

namespace Logis.Web.Features.Doublons;

/// <summary>/demandes/doublons: potential duplicate pairs among the active demands of the agent's perimeter.</summary>
public sealed class IndexModel(DoublonsService service) : PageModel
{
    public IReadOnlyList<PaireDoublonVue> Paires { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Paires = await service.ListerAsync(Agent.Requis(User), ct);
}
