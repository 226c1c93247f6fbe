using Logis.Application.Acces;
using Logis.Application.Relances;
using Logis.Domain.Commun;
using Logis.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Relances;

/// <summary>
/// <c>/demandes/{numero}/avis</c>: the « Avis et preuves » section alone, and the acts of its forms (warning, delivery with
/// its proof, return undelivered, wish for post). A success goes back to the demand page; a refusal shows the section again
/// with the reason next to its field.
/// </summary>
public sealed class AvisModel(AvisService service) : PageModel
{
    public SectionAvis? Section { get; private set; }

    public async Task<IActionResult> OnGetAsync(string numero, CancellationToken ct) => await AfficherAsync(numero, null, null, ct);

    public async Task<IActionResult> OnPostAvertirAsync(string numero, string? motif, string? moyen, CancellationToken ct) =>
        await ApresAsync(numero, "avertir", await service.AvertirAsync(Agent.Requis(User), numero, new AvertissementSaisie(motif, moyen), ct),
            "L'envoi de l'avertissement est enregistré : la radiation sera possible un mois après sa remise.", ct);

    public async Task<IActionResult> OnPostRemiseAsync(string numero, string? avis, string? remisLe, string? preuve, CancellationToken ct) =>
        await ApresAsync(numero, "remise", await service.NoterRemiseAsync(Agent.Requis(User), numero, new RemiseSaisie(avis, remisLe, preuve), ct),
            "La remise de l'avertissement et sa preuve sont enregistrées.", ct);

    public async Task<IActionResult> OnPostRetourAsync(string numero, string? avis, string? le, CancellationToken ct) =>
        await ApresAsync(numero, "retour", await service.NoterRetourAsync(Agent.Requis(User), numero, new RetourSaisie(avis, le), ct),
            "Le retour du pli non distribué est enregistré.", ct);

    public async Task<IActionResult> OnPostPreferenceAsync(string numero, bool parCourrier, CancellationToken ct) =>
        await ApresAsync(numero, "preference", await service.NoterPreferenceAsync(Agent.Requis(User), numero, new PreferenceAvisSaisie(parCourrier), ct),
            parCourrier ? "L'avis de renouvellement partira aussi par courrier." : "L'avis de renouvellement ne partira plus par courrier.", ct);

    private async Task<IActionResult> ApresAsync(string numero, string formulaire, Resultat<Logis.Domain.Demandes.Demande> issue, string message, CancellationToken ct)
    {
        if (issue.EstReussi)
        {
            TempData["Confirmation"] = message;
            return Redirect($"/demandes/{Uri.EscapeDataString(numero)}#avis");
        }
        if (issue.Probleme.Nature == NatureEchec.NonTrouve) return NotFound();
        var page = await AfficherAsync(numero, issue.Probleme, formulaire, ct);
        Response.StatusCode = Problemes.Statut(issue.Probleme.Nature);
        return page;
    }

    private async Task<IActionResult> AfficherAsync(string numero, Echec? echec, string? formulaire, CancellationToken ct)
    {
        var vue = await service.LireAsync(Agent.Requis(User), numero, ct);
        if (!vue.EstReussi) return NotFound();
        Section = new SectionAvis(vue.Valeur!, echec?.Champs ?? new Dictionary<string, string[]>(), echec?.Motif, formulaire);
        return Page();
    }
}
