using Logis.Application.Cotation;
using Logis.Application.Statistiques;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Public;

/// <summary>« Les bailleurs du territoire » (/bailleurs): who the social landlords are and how many dwellings each has in each commune.</summary>
[AllowAnonymous]
public sealed class BailleursModel(BailleursTerritoireService bailleurs, GrillesCotation grilles) : PageModel
{
    public IReadOnlyList<BailleurPublicDto> Bailleurs { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Bailleurs = await bailleurs.ListerAsync(PublicEndpoints.Territoire(HttpContext, grilles), ct);
}
