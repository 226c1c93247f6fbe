using Logis.Application.Acces;
using Logis.Application.Attributions;
using Logis.Web.Infrastructure;

namespace Logis.Web.Features.Caleol;

/// <summary>The session as the API answers its creation.</summary>
public sealed record SeanceCreee(Guid Id, DateOnly Date, string Modalite);

/// <summary>The dossier as the API answers its inscription.</summary>
public sealed record DossierInscrit(Guid Id, Guid Seance, int Candidats, string? Exception);

/// <summary>API /api/v1/caleol: sessions of a landlord's CALEOL, their dossiers, the votes, the decisions, the minutes and the letters (L441-2, R441-3).</summary>
public static class CaleolEndpoints
{
    public static void MapCaleolApi(this RouteGroupBuilder api)
    {
        var g = api.MapGroup("/caleol");

        g.MapGet("/seances", async (HttpContext http, CaleolService s, CancellationToken ct) =>
            Results.Ok(await s.ListerAsync(Agent.Requis(http.User), ct)))
            .WithName("ListerSeancesCaleol")
            .WithSummary("Séances de commission d'attribution du périmètre (celles du bailleur, celles qui examinent les candidats du réservataire, tout le territoire pour l'intercommunalité)");

        g.MapPost("/seances", async (NouvelleSeance? saisie, HttpContext http, CaleolService s, CancellationToken ct) =>
            Problemes.Reponse(await s.CreerAsync(Agent.Requis(http.User), saisie, ct),
                v => Results.Created($"/api/v1/caleol/seances/{v.Id}", new SeanceCreee(v.Id.Value, v.Date, Domain.Attributions.LibellesCaleol.Code(v.Modalite)))))
            .WithName("CreerSeanceCaleol")
            .WithSummary("Crée une séance de la commission du bailleur (date ; modalite : presentielle ou dematerialisee ; clotureVotes pour une séance dématérialisée ; membres : nom, qualite, president, commune du maire)");

        g.MapGet("/seances/{seance}", async (string seance, HttpContext http, CaleolService s, CancellationToken ct) =>
            Problemes.Reponse(await s.LireAsync(Agent.Requis(http.User), seance, ct), v => Results.Ok(v)))
            .WithName("LireSeanceCaleol")
            .WithSummary("Une séance : ses membres, ses dossiers, leurs candidats, le décompte des votes et les décisions motivées");

        g.MapPost("/seances/{seance}/dossiers", async (string seance, NouveauDossier? saisie, HttpContext http, CaleolService s, CancellationToken ct) =>
            Problemes.Reponse(await s.InscrireAsync(Agent.Requis(http.User), seance, saisie, ct),
                v => Results.Created($"/api/v1/caleol/seances/{seance}", new DossierInscrit(v.Id.Value, v.SeanceId.Value, v.Candidats.Count, v.Exception is { } e ? Domain.Attributions.LibellesCaleol.Code(e) : null))))
            .WithName("InscrireDossierCaleol")
            .WithSummary("Inscrit une vacance à la séance avec ses candidats (vacance ; candidats : numéros de demande ; exception R441-3 s'il y en a moins de trois)");

        g.MapPost("/seances/{seance}/cloture", async (string seance, HttpContext http, CaleolService s, CancellationToken ct) =>
            Problemes.Reponse(await s.CloreAsync(Agent.Requis(http.User), seance, ct), _ => Results.NoContent()))
            .WithName("CloreSeanceCaleol")
            .WithSummary("Clôt une séance dont tous les candidats ont leur décision : le procès-verbal devient définitif");

        g.MapGet("/seances/{seance}/proces-verbal", async (string seance, HttpContext http, DocumentsCaleol s, CancellationToken ct) =>
            Problemes.Reponse(await s.ProcesVerbalAsync(Agent.Requis(http.User), seance, ct), v => Results.File(v.Contenu, "application/pdf", v.NomFichier)))
            .WithName("ProcesVerbalCaleol")
            .WithSummary("Le procès-verbal de la séance (PDF)");

        g.MapPost("/dossiers/{dossier}/votes", async (string dossier, SaisieVotes? saisie, HttpContext http, CaleolService s, CancellationToken ct) =>
            Problemes.Reponse(await s.VoterAsync(Agent.Requis(http.User), dossier, saisie, ct), _ => Results.NoContent()))
            .WithName("VoterCaleol")
            .WithSummary("Enregistre les votes des membres à voix délibérative sur un candidat (candidat ; votes : membre et decision) ; séance dématérialisée : jusqu'à la clôture des votes");

        g.MapPost("/dossiers/{dossier}/decisions", async (string dossier, SaisieDecision? saisie, HttpContext http, CaleolService s, CancellationToken ct) =>
            Problemes.Reponse(await s.DeciderAsync(Agent.Requis(http.User), dossier, saisie, ct), _ => Results.NoContent()))
            .WithName("DeciderCaleol")
            .WithSummary("Enregistre la décision votée sur un candidat (candidat ; decision ; rang ; motifs ; precision ; piece et pieceAvant pour une condition suspensive)");

        g.MapGet("/dossiers/{dossier}/courriers/{candidat:int}", async (string dossier, int candidat, HttpContext http, DocumentsCaleol s, CancellationToken ct) =>
            Problemes.Reponse(await s.CourrierAsync(Agent.Requis(http.User), dossier, candidat, ct), v => Results.File(v.Contenu, "application/pdf", v.NomFichier)))
            .WithName("CourrierCaleol")
            .WithSummary("Le courrier de notification de la décision à un candidat : décision, motifs, rang, recours (PDF)");
    }
}
