using Logis.Application.Acces;
using Logis.Application.Mixite;
using Microsoft.AspNetCore.Mvc;

namespace Logis.Web.Features.Mixite;

/// <summary>/mixite/occupation/export?table=&amp;format=csv|xlsx: a table of the occupancy page, masked as on the page (ExportsOccupation).</summary>
public sealed class ExportOccupationModel(OccupationService service) : PageExport
{
    public async Task<IActionResult> OnGetAsync(string? table, string? format, CancellationToken ct) =>
        Exporter(ExportsOccupation.Tableau(await service.ProfilsAsync(Agent.Requis(User), ct), table), format, "occupation", ExportsOccupation.Tables);
}
