using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Logis.Application.Territoire;
using Logis.Application.Journal;
using Logis.Application.Acces;

namespace Logis.Web.Features.Journal;

/// <summary>/journal: the audit journal of the EPCI, for its agents (403 for the other roles).</summary>
public sealed class IndexModel(JournalService service) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Du { get; set; }
    [BindProperty(SupportsGet = true)] public string? Au { get; set; }
    [BindProperty(SupportsGet = true)] public string? Auteur { get; set; }
    [BindProperty(SupportsGet = true)] public string? Organisation { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? Numero { get; set; }

    public PageResultats<LigneJournal>? Resultats { get; private set; }
    public Dictionary<string, string[]> Erreurs { get; private set; } = [];
    public string? Refus { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        if (!Logis.Domain.Acces.AccesJournal.PeutConsulter(agent.Role))
        {
            Refus = "Le journal d'audit est réservé aux agents de l'intercommunalité, responsable du traitement.";
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }
        // "page" is a reserved route value in Razor Pages: read from the query.
        var (filtre, page, taille, erreurs) = JournalService.LireFiltre(Du, Au, Auteur, Organisation, Action, Numero, Request.Query["page"].FirstOrDefault(), "50");
        Erreurs = erreurs;
        if (filtre is null) return Page();
        var issue = await service.RechercherAsync(agent, filtre, page, taille, ct);
        Resultats = issue.Valeur;
        return Page();
    }

    public string Requete() =>
        $"du={Uri.EscapeDataString(Du ?? "")}&au={Uri.EscapeDataString(Au ?? "")}&auteur={Uri.EscapeDataString(Auteur ?? "")}"
        + $"&organisation={Uri.EscapeDataString(Organisation ?? "")}&action={Uri.EscapeDataString(Action ?? "")}&numero={Uri.EscapeDataString(Numero ?? "")}";

    public string Lien(int page) => $"/journal?{Requete()}&page={page}";

    public string LienExport => $"/api/v1/journal/export?{Requete()}";

    /// <summary>Field id → label, for the error summary links.</summary>
    public static readonly IReadOnlyDictionary<string, string> Champs = new Dictionary<string, string>
    {
        ["du"] = "Du", ["au"] = "Au", ["auteur"] = "Auteur", ["organisation"] = "Organisation", ["action"] = "Type d'action",
        ["numero"] = "Numéro de demande", ["page"] = "Page", ["taillePage"] = "Taille de page",
    };

    public string? ErreurDe(string champ) => Erreurs.TryGetValue(champ, out var m) ? string.Join(" ", m) : null;
}
