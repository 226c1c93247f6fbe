using Logis.Application.Acces;
using Logis.Application.Demandes;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Demandes;

/// <summary>
/// The priority situations of a demand (<c>/demandes/{numero}/situations-prioritaires</c>): the list the agent may see, the form to
/// enter a situation or a DALO decision, and for the competent agent the validation against a piece or the refusal of each declared one.
/// </summary>
public sealed class SituationsPrioritairesModel(SituationsPrioritairesService service) : PageModel
{
    public string Numero { get; private set; } = "";
    public SituationsPrioritairesVue? Vue { get; private set; }
    public Dictionary<string, string[]> Erreurs { get; private set; } = [];
    /// <summary>The situation whose validation failed, so that its messages show by its form.</summary>
    public string? CritereEnErreur { get; private set; }
    public string? Erreur { get; private set; }
    [TempData] public string? Confirmation { get; set; }
    [BindProperty] public SaisieFormulaire Saisie { get; set; } = new();

    public sealed class SaisieFormulaire
    {
        public string? Critere { get; set; }
        public string? DaloReference { get; set; }
        public string? DaloDate { get; set; }
        public string? DaloCommission { get; set; }
    }

    public Task<IActionResult> OnGetAsync(string numero, CancellationToken ct) => AfficherAsync(numero, ct);

    public async Task<IActionResult> OnPostDeclarerAsync(string numero, CancellationToken ct)
    {
        var saisie = new SituationSaisie(Saisie.Critere, new DecisionDaloSaisie(Saisie.DaloReference, Saisie.DaloDate, Saisie.DaloCommission));
        var issue = await service.DeclarerAsync(Agent.Requis(User), numero, saisie, ct);
        return await ApresAsync(numero, issue, "La situation prioritaire a été saisie : elle est à justifier.", null, ct);
    }

    public async Task<IActionResult> OnPostValiderAsync(string numero, string? critere, string? piece, string? valableJusquau, CancellationToken ct)
    {
        var issue = await service.ValiderAsync(Agent.Requis(User), numero, critere, new ValidationSaisie(piece, valableJusquau), ct);
        return await ApresAsync(numero, issue, "La situation prioritaire a été validée sur pièce ; la cotation de la demande est à jour.", critere, ct);
    }

    public async Task<IActionResult> OnPostRefuserAsync(string numero, string? critere, CancellationToken ct)
    {
        var issue = await service.RefuserAsync(Agent.Requis(User), numero, critere, ct);
        return await ApresAsync(numero, issue, "La situation prioritaire a été refusée ; la cotation de la demande est à jour.", critere, ct);
    }

    /// <summary>The id of a field of the forms, from the key of its message (<c>decisionDalo.date</c> → <c>situation-decisionDalo-date</c>).</summary>
    public static string Id(string cle, string? critere = null) =>
        (critere is null ? "situation-" : $"validation-{critere}-") + (cle.Length == 0 ? "formulaire" : cle.Replace('.', '-'));

    private async Task<IActionResult> ApresAsync(string numero, Resultat<Demande> issue, string message, string? critere, CancellationToken ct)
    {
        if (issue.EstReussi)
        {
            Confirmation = message;
            return Redirect($"/demandes/{Uri.EscapeDataString(numero)}/situations-prioritaires");
        }
        if (Problemes.Introuvable(issue.Probleme!)) return NotFound();
        Erreurs = issue.Probleme!.Champs.ToDictionary(c => c.Key, c => c.Value);
        if (Erreurs.Count == 0) Erreur = issue.Motif;
        CritereEnErreur = critere;
        var page = await AfficherAsync(numero, ct);
        // A role that may not do the act gets the reason on the page with a 403, as on the pieces page.
        if (issue.Probleme.Nature == NatureEchec.Interdit) Response.StatusCode = StatusCodes.Status403Forbidden;
        return page;
    }

    private async Task<IActionResult> AfficherAsync(string numero, CancellationToken ct)
    {
        Numero = numero;
        var liste = await service.ListerAsync(Agent.Requis(User), numero, ct);
        if (!liste.EstReussi) return NotFound();
        Vue = liste.Valeur;
        return Page();
    }
}
