using System.ComponentModel.DataAnnotations;
using Logis.Application.Cotation;
using Logis.Application.Espace;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Espace;

/// <summary>Sign-up to the applicant space: the same answer whether the address already has an account or not.</summary>
[AllowAnonymous]
public sealed class CreerCompteModel(ComptesDemandeurs comptes, GrillesCotation grilles, OptionsEspace options) : PageModel
{
    [BindProperty]
    [Display(Name = "Adresse électronique")]
    public string? Courriel { get; set; }

    [BindProperty]
    [DataType(DataType.Password)]
    public string? MotDePasse { get; set; }

    [BindProperty]
    [DataType(DataType.Password)]
    public string? Confirmation { get; set; }

    public bool Envoye { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var r = await comptes.CreerAsync(grilles.Territoire, Courriel, MotDePasse, Confirmation, EspaceAuth.AdresseSite(HttpContext, options), ct);
        if (!r.EstReussi)
        {
            EspaceAuth.Reporter(ModelState, r.Probleme!, c => c switch { "courriel" => nameof(Courriel), "motDePasse" => nameof(MotDePasse), "confirmation" => nameof(Confirmation), _ => "" });
            MotDePasse = Confirmation = null;
            return Page();
        }
        Envoye = true;
        return Page();
    }
}
