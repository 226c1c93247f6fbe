using Logis.Application.Acces;
using Logis.Application.Attributions;
using Logis.Domain.Acces;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Caleol;

/// <summary>
/// /caleol: the sessions of the commission the agent sees (its landlord's, those examining its candidates, the territory's), and for a landlord's
/// agent the form creating a session with its members (L441-2).
/// </summary>
public sealed class IndexModel(CaleolService service) : PageModel
{
    public const int LignesMembres = 10;

    public IReadOnlyList<LigneSeance> Seances { get; private set; } = [];
    public bool Bailleur { get; private set; }
    public IReadOnlyList<(string Code, string Nom)> Communes { get; private set; } = [];
    public Dictionary<string, string[]> Erreurs { get; private set; } = [];
    [BindProperty] public SaisieFormulaire Saisie { get; set; } = new();

    public sealed class SaisieFormulaire
    {
        public string? Date { get; set; }
        public string? Modalite { get; set; } = "presentielle";
        public string? ClotureVotes { get; set; }
        public int? President { get; set; }
        public List<MembreFormulaire> Membres { get; set; } = [];
    }

    public sealed class MembreFormulaire
    {
        public string? Nom { get; set; }
        public string? Qualite { get; set; }
        public string? Commune { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await ChargerAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        var membres = Saisie.Membres.Select((m, i) => (m, i)).Where(x => !string.IsNullOrWhiteSpace(x.m.Nom) || !string.IsNullOrWhiteSpace(x.m.Qualite))
            .Select(x => new MembreSaisi(x.m.Nom, x.m.Qualite, Saisie.President == x.i, x.m.Commune)).ToList();
        var issue = await service.CreerAsync(agent, new NouvelleSeance(Saisie.Date, Saisie.Modalite, Saisie.ClotureVotes, membres), ct);
        if (issue.EstReussi) return Redirect($"/caleol/{issue.Valeur.Id}");
        Erreurs = issue.Probleme!.Champs.Count > 0 ? issue.Probleme.Champs.ToDictionary(c => c.Key, c => c.Value) : new() { [""] = [issue.Probleme.Motif] };
        Response.StatusCode = Infrastructure.Problemes.Statut(issue.Probleme.Nature);
        await ChargerAsync(ct);
        return Page();
    }

    /// <summary>The id of the form field an error key names (<c>membres[2].nom</c> → <c>membre-2-nom</c>).</summary>
    public static string Id(string cle) => cle.Length == 0 ? "seance-formulaire"
        : "seance-" + cle.Replace("[", "-", StringComparison.Ordinal).Replace("].", "-", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);

    private async Task ChargerAsync(CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        Bailleur = agent.Role == Role.AgentBailleur;
        Seances = await service.ListerAsync(agent, ct);
        Communes = await service.CommunesAsync(agent, ct);
        while (Saisie.Membres.Count < LignesMembres) Saisie.Membres.Add(new MembreFormulaire());
    }
}
