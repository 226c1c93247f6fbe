using Logis.Application.Acces;
using Logis.Application.Attributions;
using Logis.Domain.Commun;
using Logis.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Vacances;

/// <summary>
/// /vacances/{id}: one vacancy — the dwelling, the flux, the status and its history; for its landlord, whose turn it is and why, the
/// orientation form (the suggestion preselected) and the withdrawal.
/// </summary>
public sealed class VacanceModel(VacancesService service, PreselectionService preselection, PropositionService propositions) : PageModel
{
    public VacanceDetail? Vue { get; private set; }

    /// <summary>The pre-selection, for those who read it while candidates may be proposed (oriented or handed back).</summary>
    public PreselectionVue? Preselection { get; private set; }

    public IReadOnlyList<CandidatPropose> Proposes { get; private set; } = [];

    /// <summary>The numbers ticked in a refused proposal, ticked again.</summary>
    public IReadOnlyList<string> Coches { get; private set; } = [];
    public Dictionary<string, string[]> Erreurs { get; private set; } = [];
    public string? Formulaire { get; private set; }
    public string? Erreur { get; private set; }
    [TempData] public string? Confirmation { get; set; }

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => AfficherAsync(id, ct);

    public async Task<IActionResult> OnPostOrienterAsync(Guid id, Guid? reservataire, string? motif, CancellationToken ct)
    {
        var issue = await service.OrienterAsync(Agent.Requis(User), id.ToString(), new OrientationVacance(reservataire, motif), ct);
        return await ApresAsync(id, issue.EstReussi ? null : issue.Probleme, "La vacance a été orientée : le réservataire la voit dans sa liste, avec l'échéance de proposition.", "orientation", ct);
    }

    public async Task<IActionResult> OnPostProposerAsync(Guid id, string[]? numeros, CancellationToken ct)
    {
        Coches = numeros ?? [];
        var issue = await propositions.ProposerAsync(Agent.Requis(User), id.ToString(), new PropositionCandidats(numeros), ct);
        var n = issue.EstReussi ? issue.Valeur.Count : 0;
        return await ApresAsync(id, issue.EstReussi ? null : issue.Probleme,
            n == 1 ? "1 candidat a été proposé : il figure dans la chronologie de sa demande." : $"{n} candidats ont été proposés : chacun figure dans la chronologie de sa demande.",
            "proposition", ct);
    }

    public async Task<IActionResult> OnPostRetirerAsync(Guid id, string? motif, CancellationToken ct)
    {
        var issue = await service.RetirerAsync(Agent.Requis(User), id.ToString(), new RetraitVacance(motif), ct);
        return await ApresAsync(id, issue.EstReussi ? null : issue.Probleme, "La vacance a été retirée : elle ne compte plus dans le flux.", "retrait", ct);
    }

    private async Task<IActionResult> ApresAsync(Guid id, Echec? probleme, string message, string formulaire, CancellationToken ct)
    {
        if (probleme is null)
        {
            Confirmation = message;
            return Redirect($"/vacances/{id}");
        }
        if (probleme.Nature == NatureEchec.NonTrouve) return NotFound();
        Erreurs = probleme.Champs.ToDictionary(c => c.Key, c => c.Value);
        if (Erreurs.Count == 0) Erreur = probleme.Motif;
        Formulaire = formulaire;
        var page = await AfficherAsync(id, ct);
        Response.StatusCode = Problemes.Statut(probleme.Nature);
        return page;
    }

    private async Task<IActionResult> AfficherAsync(Guid id, CancellationToken ct)
    {
        var lue = await service.LireAsync(Agent.Requis(User), id.ToString(), ct);
        if (!lue.EstReussi) return NotFound();
        Vue = lue.Valeur;
        var agent = Agent.Requis(User);
        if (Vue.Statut is "orientee" or "rendue" && Logis.Domain.Acces.AccesVacances.VoitPreselection(agent.Role))
        {
            var p = await preselection.CalculerAsync(agent, id.ToString(), null, ct);
            if (p.EstReussi) Preselection = p.Valeur;
        }
        var proposes = await propositions.ListerAsync(agent, id.ToString(), ct);
        if (proposes.EstReussi) Proposes = proposes.Valeur;
        return Page();
    }
}
