using Logis.Application.Cotation;
using Logis.Application.Statistiques;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Public;

/// <summary>
/// « Où déposer ma demande ? » (/ou-deposer?commune=): the reception places that serve a commune — what each does (register, inform,
/// accompany), address, hours, accessibility — and the online portal. Works without JavaScript (a GET form).
/// </summary>
[AllowAnonymous]
public sealed class OuDeposerModel(LieuxAccueilService lieux, GrillesCotation grilles) : PageModel
{
    public IReadOnlyList<CommuneVue> Communes { get; private set; } = [];
    public CommuneVue? Commune { get; private set; }
    public string? Saisie { get; private set; }
    public string? Erreur { get; private set; }
    public IReadOnlyList<LieuAccueilVue> Lieux { get; private set; } = [];

    public async Task OnGetAsync(string? commune, CancellationToken ct)
    {
        var epci = PublicEndpoints.Territoire(HttpContext, grilles);
        Communes = await lieux.CommunesAsync(epci, ct);
        Saisie = commune;
        if (string.IsNullOrWhiteSpace(commune)) return;
        var r = await lieux.ListerAsync(epci, commune, ct);
        if (!r.EstReussi)
        {
            Erreur = r.Motif;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        Commune = Communes.First(c => c.CodeInsee == commune.Trim());
        Lieux = r.Valeur;
    }
}
