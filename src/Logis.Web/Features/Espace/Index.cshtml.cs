using System.Globalization;
using Logis.Application.Espace;
using Logis.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Espace;

/// <summary>The applicant's home: the demands linked to the account, and linking one (number + access code of the attestation).</summary>
[Authorize(Policy = EspaceAuth.Politique)]
public sealed class IndexModel(EspaceDemandeurService espace, ComptesDemandeurs comptes, LimiteurLiaisons limiteur) : PageModel
{
    public IReadOnlyList<DemandeLiee> Demandes { get; private set; } = [];

    /// <summary>Whether the account has a password of its own (else « Définir un mot de passe » replaces « Changer mon mot de passe »).</summary>
    public bool AMotDePasse { get; private set; } = true;

    [BindProperty]
    public string? Numero { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    public string? Erreur { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var session = EspaceAuth.Requis(User);
        Demandes = await espace.DemandesAsync(session, ct);
        if (Demandes.Count == 1 && !Request.Query.ContainsKey("liste")) return Redirect($"/espace/demandes/{Demandes[0].Numero}");
        AMotDePasse = await comptes.AMotDePasseAsync(session.Compte, ct);
        return Page();
    }

    /// <summary>The page again after a refused link: the account's demands and whether it has a password of its own.</summary>
    private async Task<PageResult> AfficherAsync(SessionDemandeur session, CancellationToken ct)
    {
        Demandes = await espace.DemandesAsync(session, ct);
        AMotDePasse = await comptes.AMotDePasseAsync(session.Compte, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostLierAsync(CancellationToken ct)
    {
        var session = EspaceAuth.Requis(User);
        ModelState.Clear();
        if (limiteur.Attente(session.Compte, HttpContext.Connection.RemoteIpAddress?.ToString() ?? "inconnue") is { } secondes)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = secondes.ToString(CultureInfo.InvariantCulture);
            Erreur = Problemes.MessageTropDeRequetes(secondes);
            return await AfficherAsync(session, ct);
        }
        var r = await espace.LierAsync(session, Numero, Code, ct);
        if (!r.EstReussi)
        {
            if (r.Probleme.Champs.Count > 0)
                EspaceAuth.Reporter(ModelState, r.Probleme, c => c switch { "numero" => nameof(Numero), "code" => nameof(Code), _ => "" });
            else Erreur = r.Motif;
            Code = null;
            return await AfficherAsync(session, ct);
        }
        return Redirect($"/espace/demandes/{r.Valeur!.Numero}");
    }
}
