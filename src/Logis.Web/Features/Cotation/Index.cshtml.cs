using Logis.Domain.Cotation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Logis.Application.Cotation;

namespace Logis.Web.Features.Cotation;

/// <summary>The public page of the grids in force: criteria, weighting and rules (L441-2-8, R441-2-17, CRPA L311-3-1).</summary>
[AllowAnonymous]
public sealed class IndexModel(GrillesCotation grilles) : PageModel
{
    public DateOnly Date { get; private set; }
    public JeuGrilles? Jeu { get; private set; }

    public void OnGet()
    {
        Date = grilles.Aujourdhui;
        Jeu = grilles.JeuEnVigueur(grilles.Territoire);
    }
}
