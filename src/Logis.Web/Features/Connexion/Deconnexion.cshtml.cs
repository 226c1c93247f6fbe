using Logis.Application.Acces;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Logis.Web.Infrastructure;

namespace Logis.Web.Features.Connexion;

[AllowAnonymous]
public sealed class DeconnexionModel(ComptesAgents comptes, OptionsProConnect proConnect) : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Accueil/Index");

    /// <summary>Ends every session of the account (its security stamp changes), not only this browser's cookie.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var jeton = User.HasClaim(OptionsProConnect.ClaimFournisseur, OptionsProConnect.Schema) && proConnect.Actif
            ? await HttpContext.GetTokenAsync(CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectParameterNames.IdToken) : null;
        if (User.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme && Agent.Depuis(User) is { } agent)
            await comptes.DeconnecterAsync(agent.Id, ct);
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        if (jeton is null) return Redirect("/");
        // Opened through ProConnect: closed there too, ProConnect coming back to the home page.
        var proprietes = new AuthenticationProperties { RedirectUri = "/" };
        proprietes.StoreTokens([new AuthenticationToken { Name = OpenIdConnectParameterNames.IdToken, Value = jeton }]);
        return SignOut(proprietes, OptionsProConnect.Schema);
    }
}
