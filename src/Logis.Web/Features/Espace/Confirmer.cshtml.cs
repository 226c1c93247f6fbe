using Logis.Application.Espace;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Espace;

/// <summary>
/// The link of the confirmation message. Opening it shows a button: the token is spent by the POST only, so that a mail client or an
/// antivirus that opens links by itself does not spend it.
/// </summary>
[AllowAnonymous]
public sealed class ConfirmerModel(ComptesDemandeurs comptes) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Jeton { get; set; }

    public bool Confirme { get; private set; }

    public string? Erreur { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var r = await comptes.ConfirmerAsync(Jeton, ct);
        if (r.EstReussi) Confirme = true;
        else Erreur = r.Motif;
        return Page();
    }
}
