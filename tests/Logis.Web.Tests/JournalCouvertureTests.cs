using System.Net;
using System.Net.Http.Json;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Logis.Persistence.Demandes;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Logis.Web.Tests;

/// <summary>
/// docs/protection-des-donnees.md §2 item 18: every page and endpoint that shows a demand's sensitive or nominative detail writes an
/// audit row, and so does every act. The guard enumerates the application's routes: a new GET route on one demand
/// must be added here (covered) or to the exemptions, with the reason.
/// </summary>
[Collection(CollectionApplications.Nom)]
public class JournalCouvertureTests(ApplicationsFixture fx)
{
    /// <summary>Route → audit action written when an EPCI agent opens it.</summary>
    private static readonly Dictionary<string, string> LecturesJournalisees = new()
    {
        ["/demandes/{numero}"] = ActionsAudit.LectureDonneesSensibles,
        ["/api/v1/demandes/{numero}"] = ActionsAudit.LectureDonneesSensibles,
        ["/demandes/{numero}/modifier"] = ActionsAudit.LectureDonneesSensibles,
        ["/demandes/{numero}/attestation"] = ActionsAudit.LectureAttestation,
        ["/demandes/{numero}/cotation"] = ActionsAudit.LectureCotation,
        ["/api/v1/demandes/{numero}/cotation"] = ActionsAudit.LectureCotation,
        ["/api/v1/demandes/{numero}/eligibilite"] = ActionsAudit.LectureEligibilite,
        ["/demandes/doublons/{numero}/{doublon}"] = ActionsAudit.LectureDonneesSensibles,
        ["/api/v1/demandes/{numero}/evenements"] = ActionsAudit.LectureChronologie,
        ["/demandes/{numero}/pieces"] = Logis.Persistence.Pieces.ActionsAuditPieces.Liste,
        ["/api/v1/demandes/{numero}/pieces"] = Logis.Persistence.Pieces.ActionsAuditPieces.Liste,
        ["/demandes/{numero}/situations-prioritaires"] = ActionsAudit.LectureDonneesSensibles,
        ["/api/v1/demandes/{numero}/situations-prioritaires"] = ActionsAudit.LectureDonneesSensibles,
        ["/api/v1/mixite/demandes/{numero}/quartile"] = ActionsAudit.LectureDonneesSensibles,
    };

    private static readonly Dictionary<string, string> Exemptions = new()
    {
        ["/demandes/{numero}/avis"] = "avis et preuves : dates, canaux et référence de la preuve de remise, sans donnée à accès restreint (la même section de /demandes/{numero} est journalisée)",
        ["/api/v1/demandes/{numero}/completude"] = "complétude de l'enregistrement : éléments manquants à libellé fixe (pièce d'identité ou de séjour, nationalité) et échéance, sans donnée à accès restreint",
        ["/demandes/{numero}/pieces/{id:guid}"] = "téléchargement d'une pièce : piece.telechargement ou piece.lecture-sensible, vérifié par PiecesTests",
        ["/api/v1/demandes/{numero}/pieces/{id:guid}"] = "téléchargement d'une pièce : piece.telechargement ou piece.lecture-sensible, vérifié par PiecesTests",
        ["/espace/demandes/{numero}"] = "espace demandeur, fermé aux agents : espace.lecture à chaque lecture, vérifié par EspaceDemandeurTests",
        ["/espace/demandes/{numero}/coordonnees"] = "espace demandeur, fermé aux agents : espace.lecture à chaque lecture, vérifié par EspaceDemandeurTests",
        ["/espace/demandes/{numero}/changement"] = "espace demandeur, fermé aux agents : espace.lecture à chaque lecture, vérifié par EspaceDemandeurTests",
        ["/espace/demandes/{numero}/pieces"] = "espace demandeur, fermé aux agents : espace.lecture (détail « pièces ») à chaque lecture, vérifié par EspaceDemandeurTests",
    };

    [Fact]
    public void Toute_route_de_lecture_d_une_demande_est_journalisee_ou_exemptee()
    {
        var sources = fx.App(BasesDeTest.Sqlite).Services.GetRequiredService<EndpointDataSource>();
        var routes = sources.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not { } m || m.HttpMethods.Contains("GET"))
            .Select(e => "/" + (e.RoutePattern.RawText ?? "").Trim('/'))
            .Where(r => r.Contains("{numero}", StringComparison.Ordinal))
            .Distinct().ToList();
        Assert.NotEmpty(routes);
        var oubliees = routes.Where(r => !LecturesJournalisees.ContainsKey(r) && !Exemptions.ContainsKey(r)).ToList();
        Assert.True(oubliees.Count == 0, "Routes de lecture d'une demande ni journalisées ni exemptées : " + string.Join(", ", oubliees));
    }

    [Theory, DeuxBases]
    public async Task Chaque_lecture_sensible_et_chaque_acte_ecrit_une_entree(string f)
    {
        var app = fx.App(f);
        var api = app.ClientApi("epci");
        var page = await app.ConnecterAsync("epci");
        var nom = "Couverture" + Guid.NewGuid().ToString("N")[..6].Replace('0', 'a');
        var numero = await DemandesApiTests.CreerAsync(api, DoublonsTests.Saisie(nom, "Lou", "1979-03-04"));
        var autre = await DemandesApiTests.CreerAsync(api, DoublonsTests.Saisie(nom, "Lou", "1979-03-04", adresse: "9 rue Autre"));
        await using var db = fx.Base(f);
        async Task<DemandeId> Id(string n)
        {
            Assert.True(NumeroUnique.TryParse(n, out var x));
            return (await db.Demandes.AsNoTracking().SingleAsync(d => d.Numero == x)).Id;
        }
        var id = await Id(numero);
        var idAutre = await Id(autre);
        Task<int> Compte(DemandeId d, string action) => db.Audit.AsNoTracking().CountAsync(a => a.DemandeId == d && a.Action == action);

        var ecarts = new List<string>();
        foreach (var (route, action) in LecturesJournalisees)
        {
            var url = route.Replace("{numero}", numero, StringComparison.Ordinal).Replace("{doublon}", autre, StringComparison.Ordinal);
            var client = url.StartsWith("/api", StringComparison.Ordinal) ? api : page;
            var avant = await Compte(id, action);
            var r = await client.GetAsync(url);
            if (r.StatusCode != HttpStatusCode.OK) { ecarts.Add($"{url} : {(int)r.StatusCode}"); continue; }
            if (await Compte(id, action) != avant + 1) ecarts.Add($"{url} : pas d'entrée {action}");
        }
        Assert.True(ecarts.Count == 0, string.Join(" ; ", ecarts));

        // Acts: update, radiation, merge (on both demands), bulk export; each row in the journal of the EPCI.
        var maj = await api.PutAsJsonAsync($"/api/v1/demandes/{autre}", DoublonsTests.Saisie(nom, "Lou", "1979-03-04", adresse: "10 rue Autre"));
        Assert.Equal(HttpStatusCode.NoContent, maj.StatusCode);
        Assert.Equal(1, await Compte(idAutre, ActionsAudit.MiseAJour));
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/api/v1/demandes/{numero}/fusion", new { doublon = autre })).StatusCode);
        Assert.Equal(1, await Compte(id, ActionsAudit.Fusion));
        Assert.Equal(1, await Compte(idAutre, ActionsAudit.Fusion));
        var tiers = await DemandesApiTests.CreerAsync(api, DoublonsTests.Saisie(nom + "x", "Sam", "1990-01-01"));
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsJsonAsync($"/api/v1/demandes/{tiers}/radiation", new { motif = "b" })).StatusCode);
        Assert.Equal(1, await Compte(await Id(tiers), ActionsAudit.Radiation));
        Assert.Equal(1, await Compte(await Id(tiers), ActionsAudit.Enregistrement));

        var tpm = Siren.Create(TerritoireSeeder.SirenTpm);
        var exportsAvant = await db.Audit.AsNoTracking().CountAsync(a => a.Action == ActionsAudit.ExportMasse && a.EpciSiren == tpm);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/demandes/export")).StatusCode);
        Assert.Equal(exportsAvant + 1, await db.Audit.AsNoTracking().CountAsync(a => a.Action == ActionsAudit.ExportMasse && a.EpciSiren == tpm));

        // Every row written for these demands is in the journal of TPM, and none holds a NIR or a name.
        var lignes = await db.Audit.AsNoTracking().Where(a => a.DemandeId == id || a.DemandeId == idAutre).ToListAsync();
        Assert.All(lignes, a => Assert.Equal(tpm, a.EpciSiren));
        Assert.All(lignes, a => Assert.DoesNotContain(nom, (a.Detail ?? "") + a.Action, StringComparison.Ordinal));
    }

    /// <summary>Every read of nominative data is recorded whoever reads: a commune, a réservataire, a bailleur, an administrator.</summary>
    [Theory]
    [InlineData("commune")]
    [InlineData("reservataire")]
    [InlineData("bailleur")]
    [InlineData("admin")]
    public async Task Chaque_lecture_est_journalisee_quel_que_soit_le_lecteur(string compte)
    {
        var app = fx.App(BasesDeTest.Sqlite);
        var numero = await DemandesApiTests.CreerAsync(app.ClientApi("epci"), DoublonsTests.Saisie("Lecteur" + Guid.NewGuid().ToString("N")[..6].Replace('0', 'a'), "Lou", "1979-03-04"));
        var client = await app.ConnecterAsync(compte);
        await using var db = fx.Base(BasesDeTest.Sqlite);
        Assert.True(NumeroUnique.TryParse(numero, out var n));
        var id = (await db.Demandes.AsNoTracking().SingleAsync(d => d.Numero == n)).Id;
        var auteur = await db.Utilisateurs.AsNoTracking().Where(u => u.Identifiant == $"{compte}@tpm.demo").Select(u => u.Id).SingleAsync();
        Task<int> Compte() => db.Audit.AsNoTracking().CountAsync(a => a.DemandeId == id && a.AuteurId == auteur);

        var ecarts = new List<string>();
        var lues = 0;
        foreach (var route in LecturesJournalisees.Keys.Where(r => !r.Contains("{doublon}", StringComparison.Ordinal)))
        {
            var url = route.Replace("{numero}", numero, StringComparison.Ordinal);
            var avant = await Compte();
            var r = await client.GetAsync(url);
            // A route the role may not open (403) or a demand outside its perimeter (404) shows nothing.
            if (r.StatusCode != HttpStatusCode.OK) continue;
            lues++;
            // At least one row (the page of a demand also lists its pieces: a second recorded read).
            if (await Compte() < avant + 1) ecarts.Add($"{url} : pas d'entrée au journal pour {compte}");
        }
        Assert.True(ecarts.Count == 0, string.Join(" ; ", ecarts));
        Assert.True(lues >= 4, $"{compte} n'a pu ouvrir que {lues} lecture(s)");

        // The lists of demands (names) are recorded too, with their count and without any name.
        var avantListe = await db.Audit.AsNoTracking().CountAsync(a => a.AuteurId == auteur && a.Action == ActionsAudit.LectureListe);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/v1/demandes?nom=Lecteur")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/demandes/doublons")).StatusCode);
        Assert.Equal(avantListe + 2, await db.Audit.AsNoTracking().CountAsync(a => a.AuteurId == auteur && a.Action == ActionsAudit.LectureListe));
    }
}
