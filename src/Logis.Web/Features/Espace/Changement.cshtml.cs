using Logis.Application.Espace;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Espace;

/// <summary>The applicant declares a change of situation, which an agent then validates or rejects (docs/espace-demandeur.md §4).</summary>
[Authorize(Policy = EspaceAuth.Politique)]
public sealed class ChangementModel(EspaceDemandeurService espace) : PageModel
{
    public string Numero { get; private set; } = "";

    [BindProperty] public string? Texte { get; set; }
    [BindProperty] public string? Personnes { get; set; }
    [BindProperty] public string? Ressources { get; set; }
    [BindProperty] public string? Adresse { get; set; }

    public bool Declare { get; private set; }

    public async Task<IActionResult> OnGetAsync(string numero, CancellationToken ct)
    {
        if (!(await espace.CoordonneesAsync(EspaceAuth.Requis(User), numero, ct)).EstReussi) return NotFound();
        Numero = numero;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string numero, CancellationToken ct)
    {
        ModelState.Clear();
        Numero = numero;
        var r = await espace.DeclarerChangementAsync(EspaceAuth.Requis(User), numero, Texte, Personnes, Ressources, Adresse, ct);
        if (!r.EstReussi && r.Probleme!.Nature == Logis.Domain.Commun.NatureEchec.NonTrouve) return NotFound();
        if (!r.EstReussi)
        {
            EspaceAuth.Reporter(ModelState, r.Probleme!, c => c switch
            {
                "texte" => nameof(Texte), "personnes" => nameof(Personnes), "ressources" => nameof(Ressources), "adresse" => nameof(Adresse), _ => "",
            });
            return Page();
        }
        Declare = true;
        return Page();
    }
}
