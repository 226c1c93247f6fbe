using Logis.Application.Acces;
using Logis.Application.Mixite;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Mixite;

/// <summary>/mixite/occupation/export?table=&amp;format=csv|xlsx: a table of the occupancy page, masked as on the page (ExportsOccupation).</summary>
public sealed class ExportOccupationModel(OccupationService service) : PageModel
{
    public string? Erreur { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? table, string? format, CancellationToken ct)
    {
        var v = await service.ProfilsAsync(Agent.Requis(User), ct);
        var t = ExportsOccupation.Tableau(v, table);
        if (t is null) return Refus($"Tableau inconnu : choisissez parmi {string.Join(", ", ExportsOccupation.Tables)}.");
        var nom = $"occupation-{t.Nom}";
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
