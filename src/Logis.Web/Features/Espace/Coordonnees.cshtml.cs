using Logis.Application.Espace;
using Logis.Domain.Demandes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Espace;

/// <summary>The applicant corrects their contact details: applied at once, journalled, shown in the timeline (docs/espace-demandeur.md §4).</summary>
[Authorize(Policy = EspaceAuth.Politique)]
public sealed class CoordonneesModel(EspaceDemandeurService espace) : PageModel
{
    public string Numero { get; private set; } = "";

    [BindProperty] public string? Ligne1 { get; set; }
    [BindProperty] public string? Ligne2 { get; set; }
    [BindProperty] public string? CodePostal { get; set; }
    [BindProperty] public string? Commune { get; set; }
    [BindProperty] public string? Telephone { get; set; }
    [BindProperty] public string? Courriel { get; set; }
    [BindProperty] public bool AccepteCourriel { get; set; }

    public bool Corrigees { get; private set; }

    public async Task<IActionResult> OnGetAsync(string numero, CancellationToken ct)
    {
        var r = await espace.CoordonneesAsync(EspaceAuth.Requis(User), numero, ct);
        if (!r.EstReussi) return NotFound();
        Numero = numero;
        var c = r.Valeur!;
        (Ligne1, Ligne2, CodePostal, Commune, Telephone, Courriel, AccepteCourriel) =
            (c.Adresse.Ligne1, c.Adresse.Ligne2, c.Adresse.CodePostal, c.Adresse.Commune, c.Telephone, c.Courriel, c.AccepteCourriel);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string numero, CancellationToken ct)
    {
        ModelState.Clear();
        Numero = numero;
        var r = await espace.CorrigerCoordonneesAsync(EspaceAuth.Requis(User), numero, new AdresseSaisie(Ligne1, Ligne2, CodePostal, Commune), Telephone, Courriel,
            AccepteCourriel, ct);
        if (!r.EstReussi && r.Probleme!.Nature == Logis.Domain.Commun.NatureEchec.NonTrouve) return NotFound();
        if (!r.EstReussi)
        {
            EspaceAuth.Reporter(ModelState, r.Probleme!, c => c switch
            {
                "adresse.ligne1" => nameof(Ligne1), "adresse.ligne2" => nameof(Ligne2), "adresse.codePostal" => nameof(CodePostal), "adresse.commune" => nameof(Commune),
                "telephone" => nameof(Telephone), "courriel" => nameof(Courriel), _ => "",
            });
            return Page();
        }
        Corrigees = true;
        return Page();
    }
}
