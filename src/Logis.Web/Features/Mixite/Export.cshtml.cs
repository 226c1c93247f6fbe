using Logis.Application.Acces;
using Logis.Application.Mixite;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Mixite;

/// <summary>/mixite/export?annee=&amp;table=&amp;format=csv|xlsx: one table of the dashboard, masked as on the page (ExportsMixite).</summary>
public sealed class ExportModel(SuiviMixiteService service) : PageModel
{
    public string? Erreur { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? annee, string? table, string? format, CancellationToken ct)
    {
        var r = await service.IndicateursAsync(Agent.Requis(User), annee, ct);
        if (!r.EstReussi) return Refus(string.Join(" ", r.Erreurs));
        var t = ExportsMixite.Tableau(r.Valeur, table);
        if (t is null) return Refus($"Tableau inconnu : choisissez parmi {string.Join(", ", ExportsMixite.Tables)}.");
        var nom = $"mixite-{r.Valeur.Annee}-{t.Nom}";
        return format switch
        {
            "csv" => File(ExportsMixite.Csv(t), "text/csv; charset=utf-8", nom + ".csv"),
            "xlsx" => File(ExportsMixite.Xlsx(t), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", nom + ".xlsx"),
            _ => Refus("Format inconnu : csv ou xlsx."),
        };
    }

    private PageResult Refus(string message)
    {
        Erreur = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
