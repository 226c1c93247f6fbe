using Logis.Application.Espace;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Espace;

/// <summary>The applicant changes their password; every other session of the account ends.</summary>
[Authorize(Policy = EspaceAuth.Politique)]
public sealed class MotDePasseModel(ComptesDemandeurs comptes) : PageModel
{
    [BindProperty]
    public string? MotDePasseActuel { get; set; }

    [BindProperty]
    public string? NouveauMotDePasse { get; set; }

    [BindProperty]
    public string? Confirmation { get; set; }

    public bool Change { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var r = await comptes.ChangerMotDePasseAsync(EspaceAuth.Requis(User).Compte, MotDePasseActuel, NouveauMotDePasse, Confirmation, ct);
        MotDePasseActuel = NouveauMotDePasse = Confirmation = null;
        if (!r.EstReussi)
        {
            EspaceAuth.Reporter(ModelState, r.Probleme!, c => c switch
            {
                "motDePasseActuel" => nameof(MotDePasseActuel), "nouveauMotDePasse" => nameof(NouveauMotDePasse), "confirmation" => nameof(Confirmation), _ => "",
            });
            return Page();
        }
        await EspaceAuth.OuvrirAsync(HttpContext, r.Valeur!);
        Change = true;
        return Page();
    }
}
