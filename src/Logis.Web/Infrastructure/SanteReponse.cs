using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Logis.Web.Infrastructure;

public static class SanteReponse
{
    public static Task EcrireAsync(HttpContext ctx, HealthReport rapport)
    {
        ctx.Response.ContentType = "application/json; charset=utf-8";
        return ctx.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            statut = rapport.Status.ToString(),
            verifications = rapport.Entries.Select(e => new { nom = e.Key, statut = e.Value.Status.ToString(), description = e.Value.Description }),
        }));
    }
}
