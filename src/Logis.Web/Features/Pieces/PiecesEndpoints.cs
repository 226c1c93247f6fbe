using Logis.Domain.Pieces;
using Logis.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Features;
using Logis.Application.Pieces;
using Logis.Application.Acces;

namespace Logis.Web.Features.Pieces;

/// <summary>API /api/v1/demandes/{numero}/pieces: the supporting documents of a demand of the caller's perimeter.</summary>
public static class PiecesEndpoints
{
    /// <summary>Room for the multipart boundaries and the other fields around the file.</summary>
    private const long MargeMultipart = 64 * 1024;

    public static void MapPiecesApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/demandes/{numero}/pieces");

        g.MapGet("/", async (string numero, HttpContext http, PiecesService s, CancellationToken ct) =>
            Problemes.Reponse(await s.ListerAsync(Agent.Requis(http.User), numero, ct), v => Results.Ok(v)))
            .WithName("ListerPieces").WithSummary("Les pièces justificatives de la demande (les pièces sensibles selon le rôle)");

        g.MapPost("/", async (string numero, HttpContext http, PiecesService s, CancellationToken ct) =>
        {
            // The body of an act is judged only once the caller may act on the demand.
            var acces = await s.AccesDepotAsync(Agent.Requis(http.User), numero, ct);
            if (!acces.EstReussi) return Problemes.Depuis(acces.Probleme);
            if (!http.Request.HasFormContentType)
                return Problemes.Invalide("Le corps doit être un formulaire multipart/form-data : champs « type », « fichier » et « remplace » (facultatif).");
            var max = s.Regles.TailleMaxOctets;
            if (http.Request.ContentLength > max + MargeMultipart) return TropGros(s.Regles, http.Request.ContentLength.Value);
            IFormCollection formulaire;
            try
            {
                formulaire = await http.Request.ReadFormAsync(new FormOptions { MultipartBodyLengthLimit = max + MargeMultipart }, ct);
            }
            catch (InvalidDataException)
            {
                return TropGros(s.Regles, null);
            }
            Guid? remplace = null;
            if (formulaire["remplace"] is { Count: > 0 } r && !string.IsNullOrWhiteSpace(r))
            {
                if (!Guid.TryParse(r, out var id))
                    return Problemes.Invalide("Le champ « remplace » doit être l'identifiant d'une pièce de la demande.", new Dictionary<string, string[]> { ["remplace"] = ["Identifiant de pièce mal formé."] });
                remplace = id;
            }
            var fichier = await LireAsync(formulaire.Files.GetFile("fichier"), max, ct);
            // A file over the limit is a payload too large (413), told before the act judges the rest of the form.
            if (fichier is { Contenu: null }) return TropGros(s.Regles, fichier.Taille + MargeMultipart);
            var issue = await s.DeposerAsync(Agent.Requis(http.User), numero, formulaire["type"].ToString(), fichier, remplace, ct);
            return Problemes.Reponse(issue, v => Results.Created($"/api/v1/demandes/{numero}/pieces/{v.Id}", v));
        }).WithName("DeposerPiece")
          .WithSummary("Dépose (ou remplace, champ « remplace ») une pièce : multipart/form-data, champs « type » (code de la liste) et « fichier » (PDF, JPEG ou PNG)");

        g.MapGet("/{id:guid}", async (string numero, Guid id, HttpContext http, PiecesService s, CancellationToken ct) =>
        {
            var issue = await s.TelechargerAsync(Agent.Requis(http.User), numero, id, ct);
            if (!issue.EstReussi) return Problemes.Depuis(issue.Probleme);
            http.Response.Headers.XContentTypeOptions = "nosniff";
            // Always an attachment: a piece is never rendered by the browser in Logis's origin.
            return Results.File(issue.Valeur.Octets, issue.Valeur.TypeMedia, issue.Valeur.NomFichier);
        }).WithName("TelechargerPiece").WithSummary("Le contenu d'une pièce, en pièce jointe (lecture journalisée)");

        g.MapDelete("/{id:guid}", async (string numero, Guid id, HttpContext http, PiecesService s, CancellationToken ct) =>
            Problemes.Reponse(await s.RetirerAsync(Agent.Requis(http.User), numero, id, ct), _ => Results.NoContent()))
            .WithName("RetirerPiece").WithSummary("Retire une pièce de la demande (la chronologie garde le fait)");
    }

    /// <summary>Reads a received file into memory only when its announced size is within the limit.</summary>
    public static async Task<FichierRecu?> LireAsync(IFormFile? fichier, long max, CancellationToken ct)
    {
        if (fichier is null) return null;
        if (fichier.Length > max) return new FichierRecu(fichier.FileName, fichier.Length, null);
        using var memoire = new MemoryStream((int)fichier.Length);
        await fichier.CopyToAsync(memoire, ct);
        return new FichierRecu(fichier.FileName, memoire.Length, memoire.ToArray());
    }

    private static IResult TropGros(ReglesDepot regles, long? taille) =>
        Results.Problem(title: "Fichier trop volumineux", statusCode: StatusCodes.Status413PayloadTooLarge,
            detail: taille is { } t ? FichierPiece.ErreurTaille(t - MargeMultipart, regles) ?? $"Une pièce ne doit pas dépasser {regles.TailleMaxLisible}."
                : $"Une pièce ne doit pas dépasser {regles.TailleMaxLisible}.");
}
