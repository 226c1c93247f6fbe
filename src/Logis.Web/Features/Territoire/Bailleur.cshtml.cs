using Logis.Domain.Commun;
using Logis.Domain.Organisations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Logis.Application.Territoire;
using Logis.Application.Acces;

namespace Logis.Web.Features.Territoire;

/// <summary>A bailleur's stock on the territory. Its dwelling list is shown to every role except the agents of another bailleur.</summary>
public sealed class BailleurModel(TerritoireQueries queries) : PageModel
{
    public Bailleur Bailleur { get; private set; } = null!;
    public IReadOnlyList<Repartition> ParTypologie { get; private set; } = [];
    public IReadOnlyDictionary<string, Logis.Domain.Territoire.Commune> Communes { get; private set; } = new Dictionary<string, Logis.Domain.Territoire.Commune>();
    public PageResultats<LogementVue>? Logements { get; private set; }
    public bool DetailVisible { get; private set; }
    public Dictionary<string, string[]> Erreurs { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public string? Commune { get; set; }
    [BindProperty(SupportsGet = true)] public string? Typologie { get; set; }
    [BindProperty(SupportsGet = true)] public string? Qpv { get; set; }
    [BindProperty(SupportsGet = true)] public string? Financement { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        var bailleurId = new BailleurId(id);
        var bailleur = await queries.BailleurAsync(agent.Perimetre.EpciSiren, bailleurId, ct);
        if (bailleur is null) return NotFound();
        Bailleur = bailleur;
        ParTypologie = await queries.ParTypologieAsync(agent.Perimetre.EpciSiren, bailleurId, ct);
        Communes = await queries.CommunesAsync(agent.Perimetre.EpciSiren, ct);
        DetailVisible = agent.Perimetre.PeutVoirDetailDuParcDe(agent.Role, bailleurId);
        if (!DetailVisible) return Page();

        var (filtre, page, taille, erreurs) = ParametresLogements.Lire(Commune, Typologie, Qpv, Financement, id.ToString(),
            // "page" is a reserved route value in Razor Pages: read it from the query string itself.
            Request.Query["page"].ToString(), null);
        Erreurs = erreurs;
        if (filtre is not null) Logements = await queries.LogementsAsync(agent.Perimetre.EpciSiren, filtre, page, taille, ct);
        return Page();
    }

    public string LienPage(int page) =>
        $"?commune={Uri.EscapeDataString(Commune ?? "")}&typologie={Uri.EscapeDataString(Typologie ?? "")}&qpv={Uri.EscapeDataString(Qpv ?? "")}&financement={Uri.EscapeDataString(Financement ?? "")}&page={page}";
}
