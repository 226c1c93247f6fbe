using System.Net;
using Logis.Domain.Commun;

namespace Logis.Web.Infrastructure;

/// <summary>
/// The one mapping of the closed set of failures (<see cref="NatureEchec"/>) to HTTP: RFC 9457 ProblemDetails with the French
/// reason, and for invalid input the messages by field (<c>errors</c>). Use cases carry no HTTP status.
/// </summary>
public static class Problemes
{
    public static int Statut(NatureEchec nature) => nature switch
    {
        NatureEchec.Invalide => StatusCodes.Status400BadRequest,
        NatureEchec.NonTrouve => StatusCodes.Status404NotFound,
        NatureEchec.Interdit => StatusCodes.Status403Forbidden,
        NatureEchec.Conflit => StatusCodes.Status409Conflict,
        NatureEchec.Indisponible => StatusCodes.Status503ServiceUnavailable,
        _ => throw new ArgumentOutOfRangeException(nameof(nature), nature, null),
    };

    private static string Titre(NatureEchec nature) => nature switch
    {
        NatureEchec.Invalide => "Requête invalide",
        NatureEchec.NonTrouve => "Ressource introuvable",
        NatureEchec.Interdit => "Accès refusé",
        NatureEchec.Conflit => "Acte impossible",
        _ => "Service momentanément indisponible",
    };

    /// <summary>For the pages: an unknown demand or piece, or a malformed number, is a plain 404 page (nothing said of the others).</summary>
    public static bool Introuvable(Echec echec)
    {
        ArgumentNullException.ThrowIfNull(echec);
        return echec.Nature == NatureEchec.NonTrouve || (echec.Nature == NatureEchec.Invalide && echec.Champs.ContainsKey("numero"));
    }

    /// <summary>The ProblemDetails of a failure.</summary>
    public static IResult Depuis(Echec echec)
    {
        ArgumentNullException.ThrowIfNull(echec);
        // Messages filed under no field (key "") are the detail's, not a field's.
        if (echec.Champs.Keys.Any(k => k.Length > 0) && echec.Nature is NatureEchec.Invalide or NatureEchec.Conflit)
            return Results.ValidationProblem(echec.Champs.ToDictionary(c => c.Key, c => c.Value), detail: echec.Motif, title: Titre(echec.Nature),
                statusCode: Statut(echec.Nature));
        return Results.Problem(title: Titre(echec.Nature), detail: echec.Motif, statusCode: Statut(echec.Nature));
    }

    /// <summary>The value on success, the ProblemDetails of the failure otherwise.</summary>
    public static IResult Reponse<T>(Resultat<T> resultat, Func<T, IResult> succes)
    {
        ArgumentNullException.ThrowIfNull(resultat);
        ArgumentNullException.ThrowIfNull(succes);
        return resultat.EstReussi ? succes(resultat.Valeur) : Depuis(resultat.Probleme);
    }

    public static IResult NonTrouve(string detail) => Depuis(Echec.NonTrouve(detail));

    public static IResult Invalide(string detail, IReadOnlyDictionary<string, string[]>? erreurs = null) => Depuis(Echec.Invalide(detail, erreurs));

    public static IResult Interdit(string detail) => Depuis(Echec.Interdit(detail));

    public static string MessageTropDeRequetes(int secondes) =>
        $"Trop de requêtes en peu de temps depuis votre poste ou pour ce compte. Réessayez dans {Duree(secondes)}.";

    /// <summary>A rate limit reached (429, with <c>Retry-After</c> set by the caller): not an act's failure, so outside <see cref="NatureEchec"/>.</summary>
    public static IResult TropDeRequetes(int secondes) =>
        Results.Problem(title: "Trop de requêtes", detail: MessageTropDeRequetes(secondes), statusCode: StatusCodes.Status429TooManyRequests);

    /// <summary>
    /// A plain French page for people when no page of the site can answer (a limit reached, a write lost to another agent, a busy
    /// base): the status code is the caller's; the page says what happened and how to go on.
    /// </summary>
    public static async Task EcrirePageAsync(HttpContext ctx, string titre, string message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ctx.Response.ContentType = "text/html; charset=utf-8";
        await ctx.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="fr">
            <head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1" /><title>{WebUtility.HtmlEncode(titre)} — Logis</title></head>
            <body>
            <main>
            <h1>{WebUtility.HtmlEncode(titre)}</h1>
            <p>{WebUtility.HtmlEncode(message)}</p>
            <p><a href="/">Revenir à l'accueil</a></p>
            </main>
            </body>
            </html>
            """, ct);
    }

    /// <summary>« 45 secondes », « 1 minute », « 15 minutes » (rounded up to the minute beyond a minute).</summary>
    public static string Duree(int secondes) => secondes switch
    {
        <= 1 => "1 seconde",
        < 60 => $"{secondes} secondes",
        _ when (secondes + 59) / 60 == 1 => "1 minute",
        _ => $"{(secondes + 59) / 60} minutes",
    };
}
