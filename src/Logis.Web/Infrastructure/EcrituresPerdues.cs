using System.Globalization;
using Logis.Domain.Commun;
using Logis.Persistence;

namespace Logis.Web.Infrastructure;

/// <summary>
/// The loser of two concurrent writes gets 409 with the reason, and a write that waited too long for a lock 503 with
/// <c>Retry-After</c> — never a 500 (issue 13, items 4 and 5). Nothing was stored: the database refused the whole transaction.
/// What the provider's error means is read in one place, <see cref="ErreursEcriture"/>.
/// </summary>
public static class EcrituresPerdues
{
    public const int AttenteSecondes = 5;

    public static IApplicationBuilder UseEcrituresPerdues(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        try
        {
            await next(http);
        }
        catch (Exception e) when (!http.Response.HasStarted && ErreursEcriture.EnEchec(e) is { } echec)
        {
            http.Response.Clear();
            http.Response.StatusCode = Problemes.Statut(echec.Nature);
            if (echec.Nature == NatureEchec.Indisponible) http.Response.Headers.RetryAfter = AttenteSecondes.ToString(CultureInfo.InvariantCulture);
            if (http.Request.Path.StartsWithSegments("/api")) await Problemes.Depuis(echec).ExecuteAsync(http);
            else await Problemes.EcrirePageAsync(http, echec.Nature == NatureEchec.Conflit ? "Modification simultanée" : "Service momentanément occupé",
                echec.Motif, http.RequestAborted);
        }
    });
}
