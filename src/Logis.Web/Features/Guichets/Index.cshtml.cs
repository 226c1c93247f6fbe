using Logis.Application.Acces;
using Logis.Application.Cotation;
using Logis.Application.Demandes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Guichets;

/// <summary>
/// Public page « Guichets enregistreurs » (/guichets): where an applicant can deposit, update or renew a demand on the
/// territory (CCH L441-2-1), with each service's code, address and hours. A signed-in agent sees their EPCI's services; a
/// visitor the territory this instance hosts. The letters to applicants send them here.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(GuichetsService guichets, GrillesCotation grilles) : PageModel
{
    public IReadOnlyList<GuichetVue> Guichets { get; private set; } = [];

    public string CodeTerritoire { get; private set; } = "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var epci = Agent.Depuis(User)?.Perimetre.EpciSiren ?? grilles.Territoire;
        Guichets = await guichets.ListerAsync(epci, inactifs: false, ct);
        CodeTerritoire = await guichets.CodeTerritoireAsync(epci, ct);
    }
}
