using Logis.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Logis.Application.Cotation;
using Logis.Application.Acces;

namespace Logis.Web.Features.Demandes;

/// <summary>/demandes/{numero}/cotation: the explained score of a demand for the agent, with its positioning (R441-2-17).</summary>
public sealed class CotationModel(CotationDemandeService service) : PageModel
{
    public CotationDemandeDto Cotation { get; private set; } = null!;

    public Graphique Graphique { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string numero, CancellationToken ct)
    {
        var issue = await service.LireAsync(Agent.Requis(User), numero, ct);
        if (!issue.EstReussi) return NotFound();
        Cotation = issue.Valeur!;
        Graphique = new Graphique("distribution", "Répartition des cotations des demandes analogues",
            [.. Cotation.Positionnement.Distribution.Select(c => new Barre(Classe(c), c.Demandes))]);
        return Page();
    }

    public static string Classe(ClasseDto c) => $"{c.Min} à {c.MaxExclu - 1} points{(c.ContientLaDemande ? " (cette demande)" : "")}";

    public static string Mois(double? m) => m is { } x ? $"{x.ToString("0.#", Formats.Fr)} mois" : "—";
}
