using Logis.Application.Acces;
using Logis.Application.Mixite;
using Logis.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Mixite;

/// <summary>
/// /mixite/seuil?annee=: the first-quartile threshold of a year — the official value (entered by the EPCI's agent from the ministerial order,
/// with its source) and Logis's own estimate from the shared file, side by side; the thresholds entered so far.
/// </summary>
public sealed class SeuilModel(SuiviMixiteService service) : PageModel
{
    public SeuilsVue? Vue { get; private set; }
    public Dictionary<string, string[]> Erreurs { get; private set; } = [];
    [BindProperty] public SaisieFormulaire Saisie { get; set; } = new();
    [TempData] public string? Confirmation { get; set; }

    public sealed class SaisieFormulaire
    {
        public string? Annee { get; set; }
        public string? Montant { get; set; }
        public string? Source { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string? annee, CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        var r = await service.SeuilsAsync(agent, annee, ct);
        if (!r.EstReussi)
        {
            Erreurs = new() { ["annee"] = [.. r.Erreurs] };
            Response.StatusCode = StatusCodes.Status400BadRequest;
            r = await service.SeuilsAsync(agent, null, ct);
        }
        Vue = r.Valeur;
        Saisie.Annee ??= Vue!.Annee.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        var issue = await service.DefinirSeuilAsync(agent, Saisie.Annee, Saisie.Montant, Saisie.Source, ct);
        if (issue.EstReussi)
        {
            Confirmation = $"Le seuil du premier quartile {issue.Valeur.Annee} est enregistré.";
            return Redirect($"/mixite/seuil?annee={issue.Valeur.Annee}");
        }
        Erreurs = issue.Probleme.Champs.Count > 0 ? issue.Probleme.Champs.ToDictionary(c => c.Key, c => c.Value) : new() { [""] = [issue.Probleme.Motif] };
        Vue = (await service.SeuilsAsync(agent, null, ct)).Valeur;
        Response.StatusCode = Problemes.Statut(issue.Probleme.Nature);
        return Page();
    }

    public static string Id(string cle) => "seuil-" + (cle.Length == 0 ? "formulaire" : cle);
}
