using Logis.Application.Mixite;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Mixite;

/// <summary>
/// The page model of an export of the social-mix pages (dashboard, occupancy): a table to CSV or XLSX (<see cref="ExportsMixite"/>), or the
/// page « Export impossible » with a 400 and its French reason (unknown table or format, bad year).
/// </summary>
public abstract class PageExport : PageModel
{
    public string? Erreur { get; private set; }

    /// <summary>The file of <paramref name="t"/> in <paramref name="format"/>, named <paramref name="prefixe"/>-table; a refusal naming the tables when it is null.</summary>
    protected IActionResult Exporter(TableauExport? t, string? format, string prefixe, IEnumerable<string> tables)
    {
        if (t is null) return Refus($"Tableau inconnu : choisissez parmi {string.Join(", ", tables)}.");
        var nom = $"{prefixe}-{t.Nom}";
        return format switch
        {
            "csv" => File(ExportsMixite.Csv(t), "text/csv; charset=utf-8", nom + ".csv"),
            "xlsx" => File(ExportsMixite.Xlsx(t), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", nom + ".xlsx"),
            _ => Refus("Format inconnu : csv ou xlsx."),
        };
    }

    protected PageResult Refus(string message)
    {
        Erreur = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
