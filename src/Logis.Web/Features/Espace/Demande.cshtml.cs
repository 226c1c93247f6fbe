using Logis.Application.Espace;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Espace;

/// <summary>One linked demand as the applicant sees it, and its renewal (docs/espace-demandeur.md §3).</summary>
[Authorize(Policy = EspaceAuth.Politique)]
public sealed class DemandeModel(EspaceDemandeurService espace) : PageModel
{
    public AccueilDemandeur? Accueil { get; private set; }

    public string? Erreur { get; private set; }

    public bool Renouvelee { get; private set; }

    public async Task<IActionResult> OnGetAsync(string numero, CancellationToken ct)
    {
        var r = await espace.LireAsync(EspaceAuth.Requis(User), numero, ct);
        if (!r.EstReussi) return NotFound();
        Accueil = r.Valeur;
        Renouvelee = Request.Query.ContainsKey("renouvelee");
        return Page();
    }

    public async Task<IActionResult> OnPostRenouvelerAsync(string numero, CancellationToken ct)
    {
        var session = EspaceAuth.Requis(User);
        var r = await espace.RenouvelerAsync(session, numero, ct);
        if (!r.EstReussi && r.Probleme!.Nature == Logis.Domain.Commun.NatureEchec.NonTrouve) return NotFound();
        if (r.EstReussi) return Redirect($"/espace/demandes/{numero}?renouvelee=1");
        Erreur = r.Motif;
        var lu = await espace.LireAsync(session, numero, ct);
        if (!lu.EstReussi) return NotFound();
        Accueil = lu.Valeur;
        return Page();
    }
}
