using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Logis.Application.Territoire;
using Logis.Application.Demandes;
using Logis.Application.Acces;

namespace Logis.Web.Features.Demandes;

public sealed class IndexModel(DemandesService service) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Numero { get; set; }
    [BindProperty(SupportsGet = true)] public string? Nom { get; set; }
    [BindProperty(SupportsGet = true)] public string? Commune { get; set; }
    [BindProperty(SupportsGet = true)] public string? Typologie { get; set; }
    [BindProperty(SupportsGet = true)] public string? Statut { get; set; }
    [BindProperty(SupportsGet = true)] public string? Prioritaire { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tri { get; set; }

    public PageResultats<LigneDemande>? Resultats { get; private set; }
    public Dictionary<string, string[]> Erreurs { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Communes { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        Communes = await service.NomsCommunesAsync(agent, ct);
        var (filtre, page, taille, erreurs) = DemandesService.LireFiltre(Numero, Nom, Commune, Typologie, Statut, Prioritaire,
            Request.Query["page"].FirstOrDefault(), "25", Tri); // "page" is a reserved route value in Razor Pages: read from the query
        Erreurs = erreurs;
        if (filtre is not null) Resultats = await service.RechercherAsync(agent, filtre, page, taille, ct);
        return Page();
    }

    public string Lien(int page) =>
        $"/demandes?numero={Uri.EscapeDataString(Numero ?? "")}&nom={Uri.EscapeDataString(Nom ?? "")}&commune={Commune}&typologie={Typologie}&statut={Statut}&prioritaire={Prioritaire}&tri={Tri}&page={page}";
}
