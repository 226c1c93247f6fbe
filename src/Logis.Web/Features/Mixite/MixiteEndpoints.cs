using System.Globalization;
using Logis.Application.Acces;
using Logis.Application.Mixite;
using Logis.Web.Infrastructure;

namespace Logis.Web.Features.Mixite;

/// <summary>An objective of the CIA as the API receives it.</summary>
public sealed record SaisieObjectifApi(int? Annee, string? Nature, decimal? Taux, Guid? Bailleur, string? Commune, Guid? Reservataire, string? Source)
{
    public SaisieObjectif Saisie() => new(Annee?.ToString(CultureInfo.InvariantCulture), Nature, Taux?.ToString(CultureInfo.InvariantCulture),
        Bailleur?.ToString(), Commune, Reservataire?.ToString(), Source);
}

/// <summary>The official first-quartile threshold of a year as the API receives it.</summary>
public sealed record SaisieSeuilApi(int? Annee, decimal? Montant, string? Source);

/// <summary>API of social mix: /api/v1/mixite/indicateurs, /api/v1/mixite/seuils, /api/v1/mixite/objectifs (docs/mixite.md).</summary>
public static class MixiteEndpoints
{
    public static void MapMixiteApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/mixite");

        g.MapGet("/indicateurs", async (HttpContext http, SuiviMixiteService s, CancellationToken ct, string? annee) =>
            Problemes.Reponse(await s.IndicateursAsync(Agent.Requis(http.User), annee, ct), v => Results.Ok(v)))
            .WithName("IndicateursMixite")
            .WithSummary("Indicateurs de mixité d'une année (baux signés) : pour chaque objectif, la cible, le taux atteint, le nombre atteint et le nombre de baux manquants, avec et sans mutations ; répartitions, quartiles, préférence communale ; groupes de moins de 5 ménages masqués");

        g.MapGet("/demandes/{numero}/quartile", async (string numero, HttpContext http, SuiviMixiteService s, Application.Demandes.DemandesService demandes,
                CancellationToken ct) =>
            {
                var agent = Agent.Requis(http.User);
                // The read of the demand is recorded (LireAsync), as every route that shows a demand's detail.
                var vue = await demandes.LireAsync(agent, numero, ct);
                if (!vue.EstReussi) return Problemes.Depuis(vue.Probleme);
                var lue = await demandes.ChargerPourAttestationAsync(agent, numero, ct);
                return lue.EstReussi ? Results.Ok(await s.QuartileAsync(agent.Perimetre.EpciSiren, lue.Valeur, ct)) : Problemes.Depuis(lue.Probleme);
            })
            .WithName("QuartileDemande")
            .WithSummary("Quartile de revenu d'une demande à sa date (aujourd'hui, ou le jour de sa radiation) : revenu annuel par UC, seuil officiel de l'année et sa source, quartile q1 ou q2-q4 ; non déterminé sans seuil de l'année");

        g.MapGet("/occupation", async (HttpContext http, OccupationService s, CancellationToken ct) =>
                Results.Ok(await s.ProfilsAsync(Agent.Requis(http.User), ct)))
            .WithName("OccupationParc")
            .WithSummary("Profils d'occupation du parc (par résidence, QPV et commune) comparés à la moyenne de l'intercommunalité, et résidences à enjeu prioritaire de mixité sociale suggérées ; groupes de moins de 5 ménages masqués");

        g.MapPost("/occupation/import", async (HttpContext http, OccupationService s, CancellationToken ct, string? essai) =>
        {
            if (http.Request.ContentType is { } type && !type.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase))
                return Results.Problem(title: "Type de contenu refusé", detail: "Le corps doit être un fichier CSV (text/csv, UTF-8).", statusCode: StatusCodes.Status415UnsupportedMediaType);
            var estEssai = essai is null || !essai.Equals("false", StringComparison.OrdinalIgnoreCase);
            string texte;
            using (var lecteur = new StreamReader(http.Request.Body, System.Text.Encoding.UTF8))
                texte = await lecteur.ReadToEndAsync(ct);
            var issue = await s.ImporterAsync(Agent.Requis(http.User), texte, estEssai, ct);
            if (!issue.EstReussi) return Problemes.Depuis(issue.Probleme);
            var r = issue.Valeur;
            if (!r.EstValide)
                return Problemes.Invalide($"{r.LignesEnErreur} ligne(s) en erreur sur {r.Lignes} : rien n'a été importé.",
                    r.Erreurs.GroupBy(e => $"ligne {e.Ligne}").ToDictionary(x => x.Key, x => x.Select(e => $"{e.Colonne} : {e.Motif}").ToArray()));
            return Results.Json(new { r.Essai, r.Lignes, r.Valides, r.Importees }, statusCode: r.Essai ? StatusCodes.Status200OK : StatusCodes.Status201Created);
        }).Accepts<string>("text/csv").WithName("ImporterOccupation")
          .WithSummary("Importe les données d'occupation d'un bailleur (CSV de type OPS, docs/occupation.md), tout ou rien (essai=true par défaut : analyse sans écrire) ; un bailleur n'importe que son parc");

        g.MapGet("/seuils", async (HttpContext http, SuiviMixiteService s, CancellationToken ct, string? annee) =>
            Problemes.Reponse(await s.SeuilsAsync(Agent.Requis(http.User), annee, ct), v => Results.Ok(v)))
            .WithName("SeuilsPremierQuartile")
            .WithSummary("Seuils du premier quartile enregistrés, valeur officielle de l'année et estimation de Logis (demandes actives au 31 décembre précédent)");

        g.MapPost("/seuils", async (SaisieSeuilApi? saisie, HttpContext http, SuiviMixiteService s, CancellationToken ct) =>
            Problemes.Reponse(await s.DefinirSeuilAsync(Agent.Requis(http.User), saisie?.Annee?.ToString(CultureInfo.InvariantCulture),
                saisie?.Montant?.ToString(CultureInfo.InvariantCulture), saisie?.Source, ct), v => Results.Ok(v)))
            .WithName("DefinirSeuilPremierQuartile")
            .WithSummary("Valeur officielle du seuil du premier quartile d'une année (annee, montant en € par UC et par an, source : l'arrêté et son annexe) ; agent de l'intercommunalité");

        g.MapGet("/objectifs", async (HttpContext http, SuiviMixiteService s, CancellationToken ct, string? annee) =>
            Problemes.Reponse(await s.ObjectifsAsync(Agent.Requis(http.User), annee, ct), v => Results.Ok(v.Objectifs)))
            .WithName("ObjectifsMixite")
            .WithSummary("Objectifs de la convention intercommunale d'attribution d'une année, dans le périmètre de l'agent");

        g.MapPost("/objectifs", async (SaisieObjectifApi? saisie, HttpContext http, SuiviMixiteService s, CancellationToken ct) =>
            Problemes.Reponse(await s.DefinirObjectifAsync(Agent.Requis(http.User), saisie?.Saisie(), ct), v => Results.Created($"/api/v1/mixite/objectifs/{v.Id}", v)))
            .WithName("DefinirObjectifMixite")
            .WithSummary("Objectif de la CIA (annee, nature q1-hors-qpv | hors-q1-en-qpv | prioritaires, taux en %, bailleur, commune et réservataire facultatifs, source) ; le même périmètre remplace le taux ; agent de l'intercommunalité");

        g.MapDelete("/objectifs/{id}", async (string id, HttpContext http, SuiviMixiteService s, CancellationToken ct) =>
            await s.SupprimerObjectifAsync(Agent.Requis(http.User), id, ct) is { EstReussi: false } r ? Problemes.Depuis(r.Probleme) : Results.NoContent())
            .WithName("SupprimerObjectifMixite")
            .WithSummary("Retire un objectif de la CIA (le taux légal s'applique de nouveau s'il ne reste aucun objectif de cette nature)");
    }
}
