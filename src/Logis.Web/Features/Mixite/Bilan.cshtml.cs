using Logis.Application.Acces;
using Logis.Application.Mixite;
using Logis.Domain.Commun;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Mixite;

/// <summary>/mixite/bilan?annee=: the yearly bilan of the CIA for the CIL (figures, charts, definitions), printable; the PDF is /mixite/bilan.pdf.</summary>
public sealed class BilanModel(SuiviMixiteService service) : PageModel
{
    public IndicateursVue? Vue { get; private set; }
    public string? Erreur { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? annee, CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        var r = await service.IndicateursAsync(agent, annee, ct);
        if (!r.EstReussi && r.Probleme.Nature == NatureEchec.Invalide)
        {
            Erreur = string.Join(" ", r.Erreurs);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            r = await service.IndicateursAsync(agent, null, ct);
        }
        if (!r.EstReussi) return NotFound();
        Vue = r.Valeur;
        return Page();
    }
}

/// <summary>/mixite/bilan.pdf?annee=: the yearly bilan of the CIA as a PDF (BilanMixite).</summary>
public sealed class BilanPdfModel(SuiviMixiteService service, TimeProvider horloge) : PageModel
{
    public string? Erreur { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? annee, CancellationToken ct)
    {
        var r = await service.IndicateursAsync(Agent.Requis(User), annee, ct);
        if (!r.EstReussi)
        {
            Erreur = string.Join(" ", r.Erreurs);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        return File(BilanMixite.Pdf(r.Valeur, r.Valeur.Territoire, horloge.AujourdhuiEnFrance()), "application/pdf", $"bilan-cia-{r.Valeur.Annee}.pdf");
    }
}
