using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Persistence.Demandes;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Logis.Web.Tests;

[Collection(CollectionApplications.Nom)]
public class DemandesApiTests(ApplicationsFixture fx)
{
    // A valid NIR (key 97 - body mod 97) used to check it never comes back complete.
    public const string NirComplet = "185057800608491";

    public static object Saisie(string nom = "Testeur", string commune = "83137", bool handicap = true) => new
    {
        personnes = new[]
        {
            new { nom, prenoms = "Alice", dateNaissance = "1985-05-12", lien = "Demandeur", nir = NirComplet, situationProfessionnelle = "Cdi",
                ressources = new[] { new { type = "Salaire", montantMensuel = 1450m } } },
        },
        adresse = new { ligne1 = "12 rue des Tests", codePostal = "83000", commune = "Toulon" },
        telephone = "0639980000",
        accepteCourriel = false,
        situationFamiliale = "Celibataire",
        logementActuel = new { statut = "LocataireParcPrive", loyerMensuel = 650m, surface = 30m },
        motifs = new[] { "LogementTropCher" },
        motifPrincipal = "LogementTropCher",
        souhaits = new { typologies = new[] { "T2" }, communes = new[] { commune }, toutEpci = false, loyerMaximum = 500m },
        handicap = new { fauteuilRoulant = handicap, mobiliteReduite = false, autreAdaptation = false },
    };

    private static async Task<JsonElement> ProblemeAsync(HttpResponseMessage r, HttpStatusCode attendu)
    {
        Assert.Equal(attendu, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<string> CreerAsync(HttpClient client, object saisie)
    {
        var r = await client.PostAsJsonAsync("/api/v1/demandes", saisie);
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var numero = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("numero").GetString()!;
        Assert.Equal($"/api/v1/demandes/{numero}", r.Headers.Location?.OriginalString);
        return numero;
    }

    [Theory, DeuxBases]
    public async Task Creer_lire_rechercher_mettre_a_jour_et_radier(string f)
    {
        var client = fx.App(f).ClientApi("epci");
        var numero = await CreerAsync(client, Saisie("Apinom"));

        var texte = await client.GetStringAsync($"/api/v1/demandes/{numero}");
        Assert.DoesNotContain(NirComplet, texte, StringComparison.Ordinal);
        var demande = JsonDocument.Parse(texte).RootElement;
        Assert.Equal("Active", demande.GetProperty("statut").GetString());
        Assert.Equal("*************91", demande.GetProperty("personnes")[0].GetProperty("nir").GetString());
        var depot = demande.GetProperty("dateDepot").GetString();

        var recherche = await client.GetFromJsonAsync<JsonElement>("/api/v1/demandes?nom=apinom&commune=83137&typologie=T2&statut=active&page=1&taillePage=10");
        Assert.Contains(recherche.GetProperty("elements").EnumerateArray(), e => e.GetProperty("numero").GetString() == numero);

        var maj = await client.PutAsJsonAsync($"/api/v1/demandes/{numero}", Saisie("Apinom", "83126"));
        Assert.Equal(HttpStatusCode.NoContent, maj.StatusCode);
        var apres = await client.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}");
        Assert.Equal(depot, apres.GetProperty("dateDepot").GetString());

        // Renewal is refused so early in the validity (409 with the domain's reason).
        var renouvellement = await ProblemeAsync(await client.PostAsync($"/api/v1/demandes/{numero}/renouvellement", null), HttpStatusCode.Conflict);
        Assert.Contains("renouvellement", renouvellement.GetProperty("detail").GetString()!, StringComparison.OrdinalIgnoreCase);

        var radiation = await client.PostAsJsonAsync($"/api/v1/demandes/{numero}/radiation", new { motif = "b", commentaire = "Courrier du demandeur" });
        Assert.Equal(HttpStatusCode.NoContent, radiation.StatusCode);
        await ProblemeAsync(await client.PostAsJsonAsync($"/api/v1/demandes/{numero}/radiation", new { motif = "b" }), HttpStatusCode.Conflict);

        var evenements = await client.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}/evenements");
        Assert.Equal(["Enregistrement", "MiseAJour", "Radiation"], evenements.EnumerateArray().Select(e => e.GetProperty("type").GetString()!).ToArray());

        await using var db = fx.Base(f);
        Assert.True(Domain.Demandes.NumeroUnique.TryParse(numero, out var n));
        var id = (await db.Demandes.AsNoTracking().SingleAsync(d => d.Numero == n)).Id;
        var actions = await db.Audit.AsNoTracking().Where(a => a.DemandeId == id).Select(a => a.Action).ToListAsync();
        Assert.Contains(ActionsAudit.Enregistrement, actions);
        Assert.Contains(ActionsAudit.Radiation, actions);
        Assert.Contains(ActionsAudit.LectureDonneesSensibles, actions);
    }

    [Theory, DeuxBases]
    public async Task Erreurs_400_404_et_perimetre(string f)
    {
        var client = fx.App(f).ClientApi("epci");
        await ProblemeAsync(await client.GetAsync("/api/v1/demandes/abc"), HttpStatusCode.BadRequest);
        var valide = Domain.Demandes.NumeroUnique.Creer("083", new DateOnly(2026, 1, 1), 1, "G0001").Valeur.Valeur;
        // Month 13 does not exist: a malformed number, 400.
        var moisFaux = valide[..3] + "13" + valide[5..];
        await ProblemeAsync(await client.GetAsync($"/api/v1/demandes/{moisFaux}"), HttpStatusCode.BadRequest);
        var inconnu = Domain.Demandes.NumeroUnique.Creer("083", new DateOnly(2026, 1, 1), 999_999, "G0001").Valeur.Valeur;
        await ProblemeAsync(await client.GetAsync($"/api/v1/demandes/{inconnu}"), HttpStatusCode.NotFound);
        var json = await ProblemeAsync(await client.GetAsync("/api/v1/demandes?page=0"), HttpStatusCode.BadRequest);
        Assert.True(json.GetProperty("errors").TryGetProperty("page", out _));
        var invalide = await ProblemeAsync(await client.PostAsJsonAsync("/api/v1/demandes", new { personnes = Array.Empty<object>() }), HttpStatusCode.BadRequest);
        Assert.True(invalide.GetProperty("errors").TryGetProperty("situationFamiliale", out _));

        // A bailleur without stock in the wished commune does not see the demand: 404.
        var numero = await CreerAsync(client, Saisie("Perimetre", "83047"));
        await using var db = fx.Base(f);
        var bailleurA = await db.ClientsApi.AsNoTracking().Where(c => c.BailleurId != null).Select(c => c.BailleurId).FirstAsync();
        var communesA = await db.Logements.AsNoTracking().Where(l => l.BailleurId == bailleurA).Select(l => l.CommuneInsee.Value).Distinct().ToListAsync();
        var bailleur = fx.App(f).ClientApi("bailleur");
        var attendu = communesA.Contains("83047") ? HttpStatusCode.OK : HttpStatusCode.NotFound;
        Assert.Equal(attendu, (await bailleur.GetAsync($"/api/v1/demandes/{numero}")).StatusCode);
        var sansCle = fx.App(f).Client();
        await ProblemeAsync(await sansCle.GetAsync($"/api/v1/demandes/{numero}"), HttpStatusCode.Unauthorized);
        await ProblemeAsync(await sansCle.PostAsJsonAsync("/api/v1/demandes", Saisie()), HttpStatusCode.Unauthorized);
    }
}
