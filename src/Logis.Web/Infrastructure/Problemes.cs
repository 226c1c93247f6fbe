namespace Logis.Web.Infrastructure;

/// <summary>The few typed operation failures, mapped to RFC 9457 ProblemDetails in one place.</summary>
public static class Problemes
{
    public static IResult NonTrouve(string detail) =>
        Results.Problem(title: "Ressource introuvable", detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static IResult Invalide(string detail, IDictionary<string, string[]>? erreurs = null) =>
        erreurs is null
            ? Results.Problem(title: "Requête invalide", detail: detail, statusCode: StatusCodes.Status400BadRequest)
            : Results.ValidationProblem(erreurs, detail: detail, title: "Requête invalide");

    public static IResult Conflit(string detail) =>
        Results.Problem(title: "Acte impossible", detail: detail, statusCode: StatusCodes.Status409Conflict);

    public static IResult Interdit(string detail) =>
        Results.Problem(title: "Accès refusé", detail: detail, statusCode: StatusCodes.Status403Forbidden);
}
