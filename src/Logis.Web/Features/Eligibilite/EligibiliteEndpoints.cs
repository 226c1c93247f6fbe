using System.Text.Json;
using Logis.Domain.Eligibilite;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Logis.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Logis.Application.Eligibilite;

namespace Logis.Web.Features.Eligibilite;

/// <summary>A person of the household: <c>lien</c> is demandeur, conjoint, enfant, ascendant or autre; dates as AAAA-MM-JJ.</summary>
public sealed record PersonneJson(string? DateNaissance, string? Lien, bool Handicap = false, bool ACharge = false, bool GardeAlternee = false);

/// <summary>The household: its persons and its revenu fiscal de référence of year N-2 (annual, euros).</summary>
public sealed record MenageJson(IReadOnlyList<PersonneJson>? Personnes, decimal? RevenuFiscalReference);

/// <summary>
/// Body of POST /api/v1/eligibilite. Give either <c>communeInsee</c> (the zone is derived from it) or
/// <c>zone</c> (paris_communes_limitrophes, ile_de_france, autres_regions). <c>financement</c>: PLAI, PLUS or PLS.
/// <c>annee</c> defaults to the year of <c>dateReference</c>, which defaults to today.
/// </summary>
public sealed record DemandeEligibiliteJson(
    string? Financement, MenageJson? Menage, int? Annee = null, string? CommuneInsee = null, string? Zone = null, string? DateReference = null);

public sealed record CommuneJson(string CodeInsee, string Nom);

public sealed record MotifJson(string Code, string Texte, string Source);

/// <summary>
/// The decision: <c>statut</c> is eligible, non_eligible or non_determinee (a missing datum, never a
/// refusal; <c>eligible</c> is then null). Amounts in euros; <c>motifs</c> in the order of the reasoning.
/// </summary>
public sealed record ReponseEligibiliteJson(
    int Annee,
    DateOnly DateReference,
    CommuneJson? Commune,
    string Zone,
    string ZoneLibelle,
    string Financement,
    string Statut,
    bool? Eligible,
    int Categorie,
    int PersonnesSupplementaires,
    string CategorieLibelle,
    string RegleCategorie,
    decimal? Plafond,
    decimal? RevenuRetenu,
    decimal? Depassement,
    IReadOnlyList<MotifJson> Motifs,
    string SourceLegale);

/// <summary>Public API of the income condition: no sign-in, nothing stored.</summary>
public static class EligibiliteEndpoints
{
    public static void MapEligibiliteApi(this RouteGroupBuilder api)
    {
        // The body is read here rather than bound by the framework, so that malformed JSON or a value
        // of the wrong type gets the same French ProblemDetails (400, errors by field) as any other mistake.
        api.MapPost("/eligibilite", async (HttpRequest requete, VerificationEligibilite verification, IOptions<JsonOptions> json, CancellationToken ct) =>
        {
            if (!requete.HasJsonContentType())
                return Results.Problem(title: "Format non pris en charge", statusCode: StatusCodes.Status415UnsupportedMediaType,
                    detail: "Envoyez la demande en JSON (en-tête Content-Type: application/json).");

            DemandeEligibiliteJson? corps;
            try
            {
                corps = await JsonSerializer.DeserializeAsync<DemandeEligibiliteJson>(requete.Body, json.Value.SerializerOptions, ct);
            }
            catch (JsonException e)
            {
                var champ = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "corps" : e.Path.TrimStart('$', '.');
                var position = e.LineNumber is { } ligne ? $" (ligne {ligne + 1}, position {e.BytePositionInLine + 1})" : "";
                return Problemes.Invalide("Le corps de la requête n'est pas un JSON valide ou contient une valeur du mauvais type.",
                    new Dictionary<string, string[]>
                    {
                        [champ] = [$"Valeur illisible{position} : vérifiez la syntaxe JSON et le type attendu (nombre, texte entre guillemets, true ou false)."],
                    });
            }
            if (corps is null)
                return Problemes.Invalide("Le corps de la requête est vide.", new Dictionary<string, string[]> { ["corps"] = ["Envoyez la demande : annee, communeInsee ou zone, financement, menage."] });

            var financements = new List<Financement>();
            var erreursFinancement = new Dictionary<string, string[]>();
            if (string.IsNullOrWhiteSpace(corps.Financement))
                erreursFinancement[VerificationEligibilite.Champs.Financement] = ["Indiquez le financement du logement : PLAI, PLUS ou PLS."];
            else if (Financements.TryParse(corps.Financement, out var financement))
                financements.Add(financement);
            else
                erreursFinancement[VerificationEligibilite.Champs.Financement] = [$"Financement inconnu « {corps.Financement} » : PLAI, PLUS ou PLS."];

            var demande = new DemandeVerification(corps.Annee, corps.CommuneInsee, corps.Zone, financements,
                corps.Menage?.Personnes?.Select(p => p is null ? new PersonneEligibilite(null, null) : new PersonneEligibilite(p.DateNaissance, p.Lien, p.Handicap, p.ACharge, p.GardeAlternee)).ToList(),
                corps.Menage?.RevenuFiscalReference, corps.DateReference);
            var issue = await verification.VerifierAsync(demande, ct);

            var erreurs = (issue.Probleme?.Champs ?? new Dictionary<string, string[]>()).Where(e => financements.Count > 0 || e.Key != VerificationEligibilite.Champs.Financement)
                .Concat(erreursFinancement)
                .ToDictionary(e => e.Key, e => e.Value);
            if (corps.Menage is null)
                erreurs = new Dictionary<string, string[]>(erreurs.Where(e => !e.Key.StartsWith(VerificationEligibilite.Champs.Menage, StringComparison.Ordinal)))
                {
                    [VerificationEligibilite.Champs.Menage] = ["Décrivez le ménage : menage.personnes et menage.revenuFiscalReference."],
                };
            if (erreurs.Count > 0 || issue.ValeurOuNull is not { } r)
                return Problemes.Invalide(Resume(erreurs), erreurs);

            return Results.Ok(Reponse(r, r.Decisions.Single()));
        })
        .AllowAnonymous()
        // Documents the body without IAcceptsMetadata: that metadata would make routing answer a wrong
        // content type itself, before this anonymous endpoint is reached (hence 401 instead of 415).
        .AddOpenApiOperationTransformer(async (operation, context, ct) => operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "La question : lieu (communeInsee ou zone), année, financement et ménage.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(DemandeEligibiliteJson), null, ct) },
            },
        })
        .Produces<ReponseEligibiliteJson>()
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
        .WithName("VerifierEligibilite")
        .WithSummary("Suis-je éligible ? Condition de ressources d'un ménage pour un logement PLAI, PLUS ou PLS")
        .WithDescription("Sans connexion. Donne la catégorie du ménage (1 à 6 et personnes supplémentaires), la zone, le plafond de ressources " +
                         "de l'année et la décision motivée (arrêté du 29 juillet 1987 modifié ; CCH R441-1). Aucune donnée n'est enregistrée.");
    }

    private static string Resume(IReadOnlyDictionary<string, string[]> erreurs)
    {
        var n = erreurs.Values.Sum(v => v.Length);
        return n == 1 ? erreurs.Values.Single().Single() : $"La demande comporte {n} erreurs : {string.Join(" ", erreurs.Values.SelectMany(v => v))}";
    }

    private static ReponseEligibiliteJson Reponse(ResultatVerification r, DecisionEligibilite d) =>
        Reponse(r.DateReference, r.Commune is { } c ? new CommuneJson(c.CodeInsee.Value, c.Nom) : null, d);

    /// <summary>One decision in the API's form (also used for a registered demand, GET /api/v1/demandes/{numero}/eligibilite).</summary>
    internal static ReponseEligibiliteJson Reponse(DateOnly dateReference, CommuneJson? commune, DecisionEligibilite d) => new(
        d.Annee,
        dateReference,
        commune,
        d.Zone.Code(),
        d.Zone.Libelle(),
        d.Financement.Libelle(),
        d.Statut switch
        {
            StatutEligibilite.Eligible => "eligible",
            StatutEligibilite.NonEligible => "non_eligible",
            _ => "non_determinee",
        },
        d.Statut == StatutEligibilite.NonDeterminee ? null : d.EstEligible,
        d.Categorie.Numero,
        d.Categorie.PersonnesSupplementaires,
        d.Categorie.Libelle,
        d.Categorie.CodeRegle,
        d.Plafond?.Montant,
        d.RevenuRetenu,
        d.Depassement,
        d.Motifs.Select(m => new MotifJson(m.Code, m.Texte, m.Source)).ToList(),
        d.SourceLegale);
}
