using Logis.Application.Acces;
using Logis.Application.Attributions;
using Logis.Application.Mixite;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Vacances;

/// <summary>
/// /vacances/appariement: the matching suggested for the open vacancies without candidates of the agent's perimeter (<see cref="AppariementService"/>),
/// pair by pair with why, the objectives before and after, the gap with the greedy matching; a button per pair to the existing act « proposer »
/// when the agent may propose; CSV export (<c>?handler=Csv</c>).
/// </summary>
public sealed class AppariementModel(AppariementService service) : PageModel
{
    public AppariementVue? Vue { get; private set; }
    public string? Erreur { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await CalculerAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct) =>
        await CalculerAsync(ct) ? File(ExportsMixite.Csv(Tableau(Vue!)), "text/csv; charset=utf-8", "appariement-vacances.csv") : Page();

    /// <summary>The matching for the signed-in agent into <see cref="Vue"/>; false with <see cref="Erreur"/> and its status when refused.</summary>
    private async Task<bool> CalculerAsync(CancellationToken ct)
    {
        var r = await service.CalculerAsync(Agent.Requis(User), ct);
        if (r.EstReussi)
        {
            Vue = r.Valeur;
            return true;
        }
        Erreur = r.Motif;
        Response.StatusCode = Infrastructure.Problemes.Statut(r.Probleme.Nature);
        return false;
    }

    /// <summary>The pairs as a table (the same as the page shows): no name, no sensitive detail.</summary>
    public static TableauExport Tableau(AppariementVue v)
    {
        ArgumentNullException.ThrowIfNull(v);
        return new TableauExport("appariement", $"Appariement suggéré des vacances ouvertes sans candidat ({v.Annee})",
            ["Logement", "Commune", "QPV", "Contingent", "Demande", "Cotation", "Rang dans la présélection", "Quartile", "Prioritaire", "Pourquoi"],
            [.. v.Paires.Select(p => (IReadOnlyList<object?>)[p.NumeroRpls, p.Commune, p.EnQpv ? "oui" : "non", p.Contingent ?? "", p.Numero, p.Cotation, p.Rang,
                p.Quartile, p.Prioritaire ? "oui" : "non", string.Join(" ", p.Raisons)])]);
    }
}
