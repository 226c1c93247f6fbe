using System.Text.Json;

namespace Logis.Web.Infrastructure;

/// <summary>
/// A request the API cannot even read — a JSON body that does not parse, a number beyond Int32 or decimal, a string where a
/// list is expected — gets a French ProblemDetails naming the field (the JSON path, as the other errors), never a 500 nor an
/// English framework message. Minimal APIs throw <see cref="BadHttpRequestException"/> for these
/// (<see cref="RouteHandlerOptions.ThrowOnBadRequest"/>); this middleware answers them.
/// </summary>
public static class CorpsIllisible
{
    public static IServiceCollection AddCorpsIllisible(this IServiceCollection services) =>
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);

    public static IApplicationBuilder UseCorpsIllisible(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        try
        {
            await next(http);
        }
        catch (BadHttpRequestException e) when (!http.Response.HasStarted)
        {
            var (champ, message) = Erreur(e);
            var resultat = champ is null
                ? Results.Problem(title: "Requête invalide", detail: message, statusCode: e.StatusCode)
                : Results.ValidationProblem(new Dictionary<string, string[]> { [champ] = [message] }, detail: "Le corps de la requête n'est pas lisible.",
                    title: "Requête invalide", statusCode: e.StatusCode);
            await resultat.ExecuteAsync(http);
        }
    });

    /// <summary>The field (camelCase JSON path without <c>$.</c>, « corps » for the whole body) and the French message.</summary>
    public static (string? Champ, string Message) Erreur(BadHttpRequestException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.StatusCode == StatusCodes.Status413PayloadTooLarge) return (null, "Le corps de la requête est trop volumineux.");
        if (e.InnerException is not JsonException json)
            return (null, "La requête n'est pas lisible : vérifiez les paramètres et le corps (JSON attendu, en-tête Content-Type: application/json).");
        var chemin = json.Path is { Length: > 2 } p && p.StartsWith("$.", StringComparison.Ordinal) ? p[2..] : "corps";
        var message = json.InnerException is FormatException or OverflowException || json.Message.Contains("Int32", StringComparison.Ordinal)
            || json.Message.Contains("Decimal", StringComparison.Ordinal)
            ? "La valeur n'est pas un nombre admis (trop grand, ou pas un nombre) : vérifiez la saisie."
            : "La valeur n'a pas le type attendu, ou le JSON est mal formé à cet endroit.";
        return (chemin, message);
    }
}
