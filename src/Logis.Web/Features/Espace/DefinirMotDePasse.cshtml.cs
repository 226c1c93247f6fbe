using Logis.Application.Espace;
using Logis.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Logis.Web.Features.Espace;

/// <summary>
/// The holder of an account opened through FranceConnect sets a password of their own (<see cref="ComptesDemandeurs.DefinirMotDePasseAsync"/>):
/// from a session opened through FranceConnect only, while the account has none; every other session of the account ends.
/// </summary>
[Authorize(Policy = EspaceAuth.Politique)]
public sealed class DefinirMotDePasseModel(ComptesDemandeurs comptes) : PageModel
{
    [BindProperty]
    public string? MotDePasse { get; set; }

    [BindProperty]
    public string? Confirmation { get; set; }

    /// <summary>Whether the form is shown: a session opened through FranceConnect, on an account with no password of its own.</summary>
    public bool Possible { get; private set; }

    /// <summary>Why the form is not shown (or why it was refused).</summary>
    public string? Refus { get; private set; }

    public bool Defini { get; private set; }

    private bool ParFranceConnect => User.HasClaim(OptionsProConnect.ClaimFournisseur, OptionsFranceConnect.Schema);

    public async Task OnGetAsync(CancellationToken ct) => await EtatAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        ModelState.Clear();
        var r = await comptes.DefinirMotDePasseAsync(EspaceAuth.Requis(User).Compte, ParFranceConnect, MotDePasse, Confirmation, ct);
        MotDePasse = Confirmation = null;
        if (!r.EstReussi)
        {
            if (r.Probleme.Nature == Logis.Domain.Commun.NatureEchec.Invalide)
            {
                Possible = true;
                EspaceAuth.Reporter(ModelState, r.Probleme, c => c switch
                {
                    "motDePasse" => nameof(MotDePasse), "confirmation" => nameof(Confirmation), _ => "",
                });
            }
            else Refus = r.Motif;
            return Page();
        }
        // The session goes on with the new stamp, still marked as opened through FranceConnect (its sign-out goes there).
        await EspaceAuth.OuvrirAsync(HttpContext, r.Valeur!, await HttpContext.GetTokenAsync(EspaceAuth.Schema, OpenIdConnectParameterNames.IdToken));
        Defini = true;
        return Page();
    }

    private async Task EtatAsync(CancellationToken ct)
    {
        if (await comptes.AMotDePasseAsync(EspaceAuth.Requis(User).Compte, ct)) Refus = ComptesDemandeurs.MessageMotDePasseDejaDefini;
        else if (!ParFranceConnect) Refus = ComptesDemandeurs.MessageDefinirParFranceConnect;
        else Possible = true;
    }
}
