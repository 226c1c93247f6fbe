using Logis.Application.Acces;
using Logis.Application.Mixite;
using Microsoft.AspNetCore.Mvc;

namespace Logis.Web.Features.Mixite;

/// <summary>/mixite/export?annee=&amp;table=&amp;format=csv|xlsx: one table of the dashboard, masked as on the page (ExportsMixite).</summary>
public sealed class ExportModel(SuiviMixiteService service) : PageExport
{
    public async Task<IActionResult> OnGetAsync(string? annee, string? table, string? format, CancellationToken ct)
    {
        var r = await service.IndicateursAsync(Agent.Requis(User), annee, ct);
        if (!r.EstReussi) return Refus(string.Join(" ", r.Erreurs));
        return Exporter(ExportsMixite.Tableau(r.Valeur, table), format, $"mixite-{r.Valeur.Annee}", ExportsMixite.Tables);
    }
}
