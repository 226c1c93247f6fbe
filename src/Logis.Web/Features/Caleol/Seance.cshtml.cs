using Logis.Application.Acces;
using Logis.Application.Attributions;
using Logis.Domain.Commun;
using Logis.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Caleol;

/// <summary>
/// /caleol/{seance}: one session — its members, each dwelling examined with its candidates, the count of the votes and the decisions with their
/// reasons; for the landlord's agents, the forms putting a vacancy on the agenda, recording the votes and the decision on each candidate, closing
/// the session; links to the minutes and the letters (PDF).
/// </summary>
public sealed class SeanceModel(CaleolService service) : PageModel
{
    public SeanceDetail? Vue { get; private set; }
    public IReadOnlyList<(Guid Id, string Libelle)> VacancesAInscrire { get; private set; } = [];
    public Dictionary<string, string[]> Erreurs { get; private set; } = [];
    /// <summary>The form the errors belong to: « inscription », « vote-{dossier}-{candidat} », « decision-{dossier}-{candidat} », « cloture ».</summary>
    public string? Formulaire { get; private set; }
    public string? Erreur { get; private set; }
    [TempData] public string? Confirmation { get; set; }

    public Task<IActionResult> OnGetAsync(Guid seance, CancellationToken ct) => AfficherAsync(seance, ct);

    public async Task<IActionResult> OnPostInscrireAsync(Guid seance, Guid? vacance, string? candidats, string? exception, CancellationToken ct)
    {
        var numeros = (candidats ?? "").Split(['\n', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var issue = await service.InscrireAsync(Agent.Requis(User), seance.ToString(), new NouveauDossier(vacance, numeros, exception), ct);
        return await ApresAsync(seance, issue.EstReussi ? null : issue.Probleme, "Le logement et ses candidats sont inscrits à la séance.", "inscription", ct);
    }

    public async Task<IActionResult> OnPostVoterAsync(Guid seance, Guid dossier, int candidat, Dictionary<int, string?>? votes, CancellationToken ct)
    {
        var saisis = (votes ?? []).Where(v => !string.IsNullOrWhiteSpace(v.Value)).Select(v => new VoteSaisi(v.Key, v.Value)).ToList();
        var issue = await service.VoterAsync(Agent.Requis(User), dossier.ToString(), new SaisieVotes(candidat, saisis), ct);
        return await ApresAsync(seance, issue.EstReussi ? null : issue.Probleme, "Les votes sont enregistrés.", $"vote-{dossier}-{candidat}", ct);
    }

    public async Task<IActionResult> OnPostDeciderAsync(Guid seance, Guid dossier, int candidat, string? decision, int? rang, List<string>? motifs, string? precision,
        string? piece, string? pieceAvant, CancellationToken ct)
    {
        var issue = await service.DeciderAsync(Agent.Requis(User), dossier.ToString(), new SaisieDecision(candidat, decision, rang, motifs, precision, piece, pieceAvant), ct);
        return await ApresAsync(seance, issue.EstReussi ? null : issue.Probleme, "La décision est enregistrée et portée à la chronologie de la demande.", $"decision-{dossier}-{candidat}", ct);
    }

    public async Task<IActionResult> OnPostCloreAsync(Guid seance, CancellationToken ct)
    {
        var issue = await service.CloreAsync(Agent.Requis(User), seance.ToString(), ct);
        return await ApresAsync(seance, issue.EstReussi ? null : issue.Probleme, "La séance est close : le procès-verbal est définitif.", "cloture", ct);
    }

    private async Task<IActionResult> ApresAsync(Guid seance, Echec? probleme, string message, string formulaire, CancellationToken ct)
    {
        if (probleme is null)
        {
            Confirmation = message;
            return Redirect($"/caleol/{seance}");
        }
        if (probleme.Nature == NatureEchec.NonTrouve) return NotFound();
        Erreurs = probleme.Champs.ToDictionary(c => c.Key, c => c.Value);
        if (Erreurs.Count == 0) Erreur = probleme.Motif;
        Formulaire = formulaire;
        var page = await AfficherAsync(seance, ct);
        Response.StatusCode = Problemes.Statut(probleme.Nature);
        return page;
    }

    private async Task<IActionResult> AfficherAsync(Guid seance, CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        var lue = await service.LireAsync(agent, seance.ToString(), ct);
        if (!lue.EstReussi) return NotFound();
        Vue = lue.Valeur;
        if (Vue.PeutGerer && !Vue.Close) VacancesAInscrire = await service.VacancesAInscrireAsync(agent, ct);
        return Page();
    }
}
