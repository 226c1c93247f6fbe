using Logis.Application.Acces;
using Logis.Application.Attributions;
using Logis.Domain.Attributions;
using Logis.Domain.Commun;
using Logis.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Vacances;

/// <summary>
/// /vacances/{id}: one vacancy — the dwelling, the flux, the status and its history; for its landlord, whose turn it is and why, the
/// orientation form (the suggestion preselected) and the withdrawal.
/// </summary>
public sealed class VacanceModel(VacancesService service) : PageModel
{
    public VacanceDetail? Vue { get; private set; }
    public Dictionary<string, string[]> Erreurs { get; private set; } = [];
    public string? Formulaire { get; private set; }
    public string? Erreur { get; private set; }
    [TempData] public string? Confirmation { get; set; }

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => AfficherAsync(id, ct);

    public async Task<IActionResult> OnPostOrienterAsync(Guid id, Guid? reservataire, string? motif, CancellationToken ct)
    {
        var issue = await service.OrienterAsync(Agent.Requis(User), id.ToString(), new OrientationVacance(reservataire, motif), ct);
        return await ApresAsync(id, issue, "La vacance a été orientée : le réservataire la voit dans sa liste, avec l'échéance de proposition.", "orientation", ct);
    }

    public async Task<IActionResult> OnPostRetirerAsync(Guid id, string? motif, CancellationToken ct)
    {
        var issue = await service.RetirerAsync(Agent.Requis(User), id.ToString(), new RetraitVacance(motif), ct);
        return await ApresAsync(id, issue, "La vacance a été retirée : elle ne compte plus dans le flux.", "retrait", ct);
    }

    private async Task<IActionResult> ApresAsync(Guid id, Resultat<Vacance> issue, string message, string formulaire, CancellationToken ct)
    {
        if (issue.EstReussi)
        {
            Confirmation = message;
            return Redirect($"/vacances/{id}");
        }
        if (issue.Probleme!.Nature == NatureEchec.NonTrouve) return NotFound();
        Erreurs = issue.Probleme.Champs.ToDictionary(c => c.Key, c => c.Value);
        if (Erreurs.Count == 0) Erreur = issue.Motif;
        Formulaire = formulaire;
        var page = await AfficherAsync(id, ct);
        Response.StatusCode = Problemes.Statut(issue.Probleme.Nature);
        return page;
    }

    private async Task<IActionResult> AfficherAsync(Guid id, CancellationToken ct)
    {
        var lue = await service.LireAsync(Agent.Requis(User), id.ToString(), ct);
        if (!lue.EstReussi) return NotFound();
        Vue = lue.Valeur;
        return Page();
    }
}
