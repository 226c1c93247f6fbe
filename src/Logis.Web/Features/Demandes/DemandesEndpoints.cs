using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Web.Infrastructure;
using Logis.Application.Demandes;
using Logis.Application.Acces;

namespace Logis.Web.Features.Demandes;

public sealed record RadiationSaisie(string? Motif, string? Commentaire);

/// <summary>Optional body of a renewal: where the applicant renewed (guichet, en_ligne, partenaire), R441-2-7.</summary>
public sealed record RenouvellementSaisie(string? Canal);

public sealed record DemandeCreee(string Numero);

/// <summary>Counts of an import: a dry run (essai) writes nothing.</summary>
public sealed record ImportDemandesReponse(bool Essai, int Lignes, int Valides, int Importees);

/// <summary>
/// GET /api/v1/demandes/{numero}/eligibilite: the household category and consumption units computed from the demand's
/// content, and one decision per financing (PLAI, PLUS, PLS) for each ceiling zone of the wished communes.
/// </summary>
public sealed record EligibiliteDemandeJson(
    int Annee, DateOnly DateReference, int? Categorie, int? PersonnesSupplementaires, string? CategorieLibelle, string? RegleCategorie,
    string? Explication, decimal? UnitesConsommation, decimal? RevenuFiscalReference, IReadOnlyList<Eligibilite.ReponseEligibiliteJson> Decisions, string? Probleme);

/// <summary>API /api/v1/demandes: the shared demand file, scoped to the caller's perimeter.</summary>
public static class DemandesEndpoints
{
    public static void MapDemandesApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/demandes");

        g.MapPost("/", async (DemandeSaisie? saisie, HttpContext http, DemandesService s, CancellationToken ct) =>
        {
            if (saisie is null) return Problemes.Invalide("Le corps de la requête est vide.");
            var issue = await s.EnregistrerAsync(Agent.Requis(http.User), saisie, ct);
            return Problemes.Reponse(issue, n => Results.Created($"/api/v1/demandes/{n.Valeur}", new DemandeCreee(n.Valeur)));
        }).WithName("EnregistrerDemande").WithSummary("Enregistre une demande et lui attribue son numéro unique");

        g.MapGet("/", async (HttpContext http, DemandesService s, CancellationToken ct,
            string? numero, string? nom, string? commune, string? typologie, string? statut, string? prioritaire, string? page, string? taillePage, string? tri) =>
        {
            var (filtre, n, taille, erreurs) = DemandesService.LireFiltre(numero, nom, commune, typologie, statut, prioritaire, page, taillePage, tri);
            if (filtre is null) return Problemes.Invalide("Un ou plusieurs paramètres sont invalides.", erreurs);
            return Results.Ok(await s.RechercherAsync(Agent.Requis(http.User), filtre, n, taille, ct));
        }).WithName("RechercherDemandes").WithSummary("Recherche paginée des demandes du périmètre, avec le total ; tri=depot (ancienneté, par défaut) ou tri=score (cotation, la plus haute d'abord)");

        g.MapPost("/import", async (HttpContext http, DemandesService s, CancellationToken ct, string? essai) =>
        {
            if (http.Request.ContentType is { } type && !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
                return Results.Problem(title: "Type de contenu refusé", detail: "Le corps doit être un fichier CSV (text/csv, UTF-8).", statusCode: StatusCodes.Status415UnsupportedMediaType);
            var estEssai = essai is null || !essai.Equals("false", StringComparison.OrdinalIgnoreCase);
            // Kestrel forbids synchronous reads: the body (30 Mo at most by default) is read once, then analysed.
            string texte;
            using (var lecteur = new StreamReader(http.Request.Body, System.Text.Encoding.UTF8))
                texte = await lecteur.ReadToEndAsync(ct);
            var issue = await s.ImporterAsync(Agent.Requis(http.User), texte, estEssai, ct);
            if (!issue.EstReussi) return Problemes.Depuis(issue.Probleme);
            var r = issue.Valeur;
            if (!r.EstValide)
            {
                var erreurs = r.Rapport.Erreurs.GroupBy(e => $"ligne {e.Ligne}")
                    .ToDictionary(g => g.Key, g => g.Select(e => $"{e.Colonne} : {e.Motif}").ToArray());
                return Problemes.Invalide($"{r.Rapport.LignesEnErreur} ligne(s) en erreur sur {r.Rapport.Lignes} : rien n'a été importé.", erreurs);
            }
            return Results.Json(new ImportDemandesReponse(r.Essai, r.Rapport.Lignes, r.Rapport.NombreValides, r.Importees), statusCode: r.Essai ? StatusCodes.Status200OK : StatusCodes.Status201Created);
        }).Accepts<string>("text/csv").WithName("ImporterDemandes")
          .WithSummary("Importe un fichier CSV de demandes, tout ou rien (essai=true par défaut : analyse sans écrire)");

        g.MapGet("/export", async (HttpContext http, DemandesService s, TimeProvider horloge, CancellationToken ct) =>
        {
            var agent = Agent.Requis(http.User);
            var issue = await s.ExporterAsync(agent, ct);
            if (!issue.EstReussi) return Problemes.Depuis(issue.Probleme);
            var nom = $"demandes-{agent.Perimetre.EpciSiren.Value}-{horloge.AujourdhuiEnFrance():yyyyMMdd}.csv";
            return Results.Stream(async flux =>
            {
                await using var w = new StreamWriter(flux, new System.Text.UTF8Encoding(false));
                await issue.Valeur(w, ct);
            }, "text/csv; charset=utf-8", nom);
        }).WithName("ExporterDemandes").WithSummary("Exporte les demandes actives du périmètre au format du fichier des demandes (sans NIR)");

        g.MapGet("/enregistrements-a-completer", async (HttpContext http, EnregistrementService s, CancellationToken ct) =>
            Problemes.Reponse(await s.AlertesAsync(Agent.Requis(http.User), ct), v => Results.Ok(v)))
            .WithName("EnregistrementsACompleter")
            .WithSummary("Demandes actives dont l'enregistrement est incomplet (R441-2-3), l'échéance d'un mois (L441-2-1) la plus proche d'abord");

        g.MapGet("/{numero}/completude", async (string numero, HttpContext http, EnregistrementService s, CancellationToken ct) =>
            Problemes.Reponse(await s.CompletudeAsync(Agent.Requis(http.User), numero, ct), v => Results.Ok(v)))
            .WithName("CompletudeEnregistrement").WithSummary("Complétude de l'enregistrement de la demande : éléments manquants et échéance d'un mois");

        g.MapGet("/{numero}", async (string numero, HttpContext http, DemandesService s, CancellationToken ct) =>
            Problemes.Reponse(await s.LireAsync(Agent.Requis(http.User), numero, ct), v => Results.Ok(v)))
            .WithName("LireDemande").WithSummary("Une demande (données sensibles selon le rôle, NIR masqué)");

        g.MapPut("/{numero}", async (string numero, DemandeSaisie? saisie, HttpContext http, DemandesService s, CancellationToken ct) =>
        {
            if (saisie is null) return Problemes.Invalide("Le corps de la requête est vide.");
            return Problemes.Reponse(await s.MettreAJourAsync(Agent.Requis(http.User), numero, saisie, ct), _ => Results.NoContent());
        }).WithName("MettreAJourDemande").WithSummary("Met à jour la demande ; numéro et date de dépôt conservés");

        g.MapGet("/{numero}/eligibilite", async (string numero, HttpContext http, Logis.Application.Eligibilite.EligibiliteDemande s, CancellationToken ct) =>
            Problemes.Reponse(await s.CalculerAsync(Agent.Requis(http.User), numero, ct, journaliser: true), v => Results.Ok(new EligibiliteDemandeJson(
                v.Annee, v.DateReference, v.Categorie?.Numero, v.Categorie?.PersonnesSupplementaires, v.Categorie?.Libelle, v.Categorie?.CodeRegle,
                v.Categorie?.Explication, v.Probleme is null ? v.UnitesConsommation : null, v.RevenuFiscalReference,
                [.. v.Zones.SelectMany(z => z.Decisions.Select(d => Eligibilite.EligibiliteEndpoints.Reponse(v.DateReference, null, d)))], v.Probleme))))
            .WithName("EligibiliteDemande").WithSummary("Catégorie de ménage, unités de consommation et éligibilité PLAI, PLUS, PLS d'une demande, calculées de son contenu");

        g.MapGet("/{numero}/evenements", async (string numero, HttpContext http, DemandesService s, CancellationToken ct) =>
            Problemes.Reponse(await s.EvenementsAsync(Agent.Requis(http.User), numero, ct), v => Results.Ok(v)))
            .WithName("ChronologieDemande").WithSummary("La chronologie de la demande");

        g.MapPost("/{numero}/renouvellement", async (string numero, HttpContext http, DemandesService s, CancellationToken ct) =>
        {
            // The body is optional (a renewal at a counter has none): read only when JSON is sent.
            RenouvellementSaisie? saisie = null;
            if (http.Request.HasJsonContentType())
            {
                try { saisie = await http.Request.ReadFromJsonAsync<RenouvellementSaisie>(ct); }
                catch (System.Text.Json.JsonException) { return Problemes.Invalide("Le corps de la requête n'est pas un JSON valide."); }
            }
            return Problemes.Reponse(await s.RenouvelerAsync(Agent.Requis(http.User), numero, saisie?.Canal, ct), _ => Results.NoContent());
        }).Accepts<RenouvellementSaisie>(true, "application/json")
            .WithName("RenouvelerDemande").WithSummary("Renouvelle la demande pour un an (R441-2-7)");

        g.MapPost("/{numero}/radiation", async (string numero, RadiationSaisie? saisie, HttpContext http, DemandesService s, CancellationToken ct) =>
            Problemes.Reponse(await s.RadierAsync(Agent.Requis(http.User), numero, saisie?.Motif, saisie?.Commentaire, ct), _ => Results.NoContent()))
            .WithName("RadierDemande").WithSummary("Radie la demande pour un motif b) à e) de R441-2-8");
    }
}
