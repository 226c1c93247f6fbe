using Logis.Application.Acces;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Connexion;

[AllowAnonymous]
public sealed class DeconnexionModel(ComptesAgents comptes) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Accueil/Index");

    /// <summary>Ends every session of the account (its security stamp changes), not only this browser's cookie.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (User.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme && Agent.Depuis(User) is { } agent)
            await comptes.DeconnecterAsync(agent.Id, ct);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/");
    }
}
