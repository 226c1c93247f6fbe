using Logis.Application.Espace;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Espace;

[Authorize(Policy = EspaceAuth.Politique)]
public sealed class DeconnexionModel(ComptesDemandeurs comptes) : PageModel
{
    public IActionResult OnGet() => Redirect("/espace");

    /// <summary>Ends every session of the account (its stamp changes), not only this browser's cookie.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await comptes.DeconnecterAsync(EspaceAuth.Requis(User).Compte, ct);
        await HttpContext.SignOutAsync(EspaceAuth.Schema);
        return Redirect("/espace/connexion");
    }
}
