using System.Text.Json;
using Logis.Domain.Cotation;
using Logis.Web.Infrastructure;
using Logis.Application.Cotation;
using Logis.Application.Acces;

namespace Logis.Web.Features.Cotation;

/// <summary>API /api/v1/cotation: simulate the explained score of a set of facts under a grid.</summary>
public static class CotationEndpoints
{
    public static void MapCotationApi(this RouteGroupBuilder api)
    {
        api.MapGet("/demandes/{numero}/cotation", async (string numero, HttpContext http, CotationDemandeService s, CancellationToken ct) =>
        {
            return Problemes.Reponse(await s.LireAsync(Agent.Requis(http.User), numero, ct), v => Results.Ok(v));
        }).WithName("CotationDemande")
          .WithSummary("Cotation expliquée d'une demande, grille en vigueur, positionnement parmi les demandes analogues et attente observée (R441-2-17)")
          .Produces<CotationDemandeDto>()
          .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/cotation/simuler", async (HttpContext http, GrillesCotation grilles, CancellationToken ct) =>
        {
            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(http.Request.Body, default, ct);
            }
            catch (JsonException e)
            {
                return Problemes.Invalide("Le corps de la requête n'est pas un JSON valide.",
                    new Dictionary<string, string[]> { ["corps"] = [$"ligne {(e.LineNumber ?? 0) + 1} : JSON mal formé."] });
            }
            using (document)
            {
                var (simulation, erreurs) = Simulation.Lire(document.RootElement);
                if (simulation is null) return Problemes.Invalide("La simulation ne peut pas être calculée.", erreurs);

                GrilleCompilee? grille = null;
                if (simulation.Grille is { } json)
                {
                    var chargement = ChargeurGrille.Charger(json);
                    if (!chargement.Reussi)
                        return Problemes.Invalide("La grille fournie est invalide.",
                            new Dictionary<string, string[]> { ["grille"] = [.. chargement.Erreurs.Select(e => e.ToString())] });
                    grille = chargement.Grille;
                }
                var faits = simulation.Faits;
                if (grille is null)
                {
                    var agent = Agent.Requis(http.User);
                    var jeu = grilles.JeuEnVigueur(agent.Perimetre.EpciSiren);
                    if (jeu is null) return Problemes.NonTrouve("Aucune grille de cotation n'est en vigueur sur votre territoire.");
                    grille = jeu.Pour(in faits);
                }
                return Results.Ok(CotationDto.Depuis(grille.Expliquer(in faits)));
            }
        }).WithName("SimulerCotation")
          .WithSummary("Cotation expliquée d'un ensemble de faits, avec la grille en vigueur ou une grille fournie")
          .Accepts<JsonElement>("application/json")
          .Produces<CotationDto>()
          .ProducesValidationProblem();
    }


    /// <summary>The body: optional <c>grille</c> (a grid document, as an object or a string) and <c>faits</c> by catalogue name.</summary>
    internal sealed record Simulation(string? Grille, FaitsCotation Faits)
    {
        public static (Simulation?, Dictionary<string, string[]>) Lire(JsonElement racine)
        {
            var erreurs = new Dictionary<string, string[]>();
            if (racine.ValueKind != JsonValueKind.Object)
            {
                erreurs["corps"] = ["Le corps doit être un objet JSON { \"grille\": …, \"faits\": { … } }."];
                return (null, erreurs);
            }
            string? grille = null;
            // Nothing given until the body says so: a criterion never fires on a fact that was not given.
            var faits = FaitsCotation.Vides;
            foreach (var p in racine.EnumerateObject())
            {
                switch (p.Name)
                {
                    case "grille":
                        grille = p.Value.ValueKind switch
                        {
                            JsonValueKind.Null => null,
                            JsonValueKind.String => p.Value.GetString(),
                            _ => p.Value.GetRawText(),
                        };
                        break;
                    case "faits" when p.Value.ValueKind == JsonValueKind.Object:
                        foreach (var f in p.Value.EnumerateObject())
                        {
                            if (!CatalogueFaits.TryTrouver(f.Name, out var definition))
                                erreurs[$"faits.{f.Name}"] = [$"Fait inconnu « {f.Name} » : les noms sont ceux du catalogue des faits (ex. anciennete_mois)."];
                            else if (Valeur(definition, f.Value) is { } v) faits = definition.Avec(faits, v);
                            else erreurs[$"faits.{f.Name}"] = [Attendu(definition)];
                        }
                        break;
                    case "faits":
                        erreurs["faits"] = ["« faits » doit être un objet { \"nom_du_fait\": valeur }."];
                        break;
                    default:
                        erreurs[p.Name] = [$"Propriété inconnue « {p.Name} » : seules « grille » et « faits » sont attendues."];
                        break;
                }
            }
            return erreurs.Count == 0 ? (new Simulation(grille, faits), erreurs) : (null, erreurs);
        }

        /// <summary>Bound of a whole-number fact typed in a simulation (months, euros, persons): beyond it, a typing error.</summary>
        private const int Borne = 1_000_000;

        private static double? Valeur(DefinitionFait d, JsonElement v) => d.Type switch
        {
            TypeFait.Entier when v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var i) && i <= Borne && i >= (d.PeutEtreNegatif ? -Borne : 0) => i,
            TypeFait.Nombre when v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var n) && double.IsFinite(n) && (n >= 0 || d.PeutEtreNegatif) => n,
            TypeFait.Booleen when v.ValueKind is JsonValueKind.True or JsonValueKind.False => v.GetBoolean() ? 1 : 0,
            TypeFait.Situation when v.ValueKind == JsonValueKind.String && CatalogueFaits.TryLireSituation(v.GetString()!, out var s) => (int)s,
            TypeFait.Justifiable when v.ValueKind == JsonValueKind.String => v.GetString() switch
            {
                "aucun" => (int)StatutPreuve.Aucun,
                "declare" => (int)StatutPreuve.Declare,
                "valide" => (int)StatutPreuve.Valide,
                _ => null,
            },
            _ => null,
        };

        private static string Attendu(DefinitionFait d) => d.Type switch
        {
            TypeFait.Entier when d.PeutEtreNegatif => $"« {d.Nom} » attend un nombre entier entre −1 000 000 et 1 000 000 (il peut être négatif).",
            TypeFait.Entier => $"« {d.Nom} » attend un nombre entier positif ou nul, au plus 1 000 000.",
            TypeFait.Nombre => $"« {d.Nom} » attend un nombre positif ou nul.",
            TypeFait.Booleen => $"« {d.Nom} » attend true ou false.",
            TypeFait.Situation => $"« {d.Nom} » attend l'un des codes : {string.Join(", ", CatalogueFaits.CodesSituation)}.",
            _ => $"« {d.Nom} » attend « aucun », « declare » ou « valide ».",
        };
    }
}
