using Logis.Application.Espace;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Espace;

[Authorize(Policy = EspaceAuth.Politique)]
public sealed class DeconnexionModel(ComptesDemandeurs comptes, Logis.Web.Infrastructure.OptionsFranceConnect franceConnect) : PageModel
{
    public IActionResult OnGet() => Redirect("/espace");

    /// <summary>Ends every session of the account (its stamp changes), not only this browser's cookie.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var jeton = User.HasClaim(Logis.Web.Infrastructure.OptionsProConnect.ClaimFournisseur, Logis.Web.Infrastructure.OptionsFranceConnect.Schema)
            && franceConnect.Actif ? await HttpContext.GetTokenAsync(EspaceAuth.Schema, "id_token") : null;
        await comptes.DeconnecterAsync(EspaceAuth.Requis(User).Compte, ct);
        await HttpContext.SignOutAsync(EspaceAuth.Schema);
        if (jeton is null) return Redirect("/espace/connexion");
        // Opened through FranceConnect: closed there too (end_session with id_token_hint), FranceConnect coming back to the sign-in page.
        var proprietes = new AuthenticationProperties { RedirectUri = "/espace/connexion" };
        proprietes.StoreTokens([new AuthenticationToken { Name = "id_token", Value = jeton }]);
        return SignOut(proprietes, Logis.Web.Infrastructure.OptionsFranceConnect.Schema);
    }
}
