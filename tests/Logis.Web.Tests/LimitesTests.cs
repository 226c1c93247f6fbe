using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Domain.Territoire;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Logis.Web.Tests;

/// <summary>
/// Rate limits (issue 13, « Accounts »): per address, per sign-in identifier and per API key, 429 with Retry-After — ProblemDetails
/// on the API, a French page for people. Low limits and hour-long windows: the tests count requests, never time.
/// </summary>
[Collection(CollectionApplications.Nom)]
public class LimitesTests(ApplicationsFixture fx)
{
    private WebApplicationFactory<Program> Avec(params (string Limite, int Permis)[] limites) =>
        fx.App(BasesDeTest.Sqlite).WithWebHostBuilder(b =>
        {
            foreach (var (limite, permis) in limites)
            {
                b.UseSetting($"Logis:Limites:{limite}:Permis", permis.ToString(System.Globalization.CultureInfo.InvariantCulture));
                b.UseSetting($"Logis:Limites:{limite}:FenetreSecondes", "3600");
            }
        });

    [Fact]
    public async Task Les_essais_de_connexion_sont_limites_par_identifiant_puis_par_adresse()
    {
        await using var app = Avec(("ConnexionParIdentifiant", 3), ("ConnexionParIp", 5));
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var identifiant = $"inconnu-{Guid.NewGuid():N}@tpm.demo";
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await LogisFactory.Connexion(client, identifiant, "faux")).StatusCode);

        // The fourth attempt for the identifier: refused before any password check, on the sign-in page, in French.
        var refus = await LogisFactory.Connexion(client, identifiant.ToUpperInvariant(), "faux");
        Assert.Equal(HttpStatusCode.TooManyRequests, refus.StatusCode);
        Assert.True(int.Parse(refus.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        var doc = await LogisFactory.DocumentAsync(refus);
        Assert.Contains("Trop de requêtes en peu de temps", doc.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);

        // Another identifier is still heard… until the address has spent its five attempts.
        Assert.Equal(HttpStatusCode.OK, (await LogisFactory.Connexion(client, "autre-" + identifiant, "faux")).StatusCode);
        var parAdresse = await LogisFactory.Connexion(client, "encore-" + identifiant, "faux");
        Assert.Equal(HttpStatusCode.TooManyRequests, parAdresse.StatusCode);
        Assert.True(parAdresse.Headers.Contains("Retry-After"));
        var page = await LogisFactory.DocumentAsync(parAdresse);
        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Trop de requêtes", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("Réessayez dans", page.Body!.TextContent, StringComparison.Ordinal);
        // Reading the sign-in page is not an attempt.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/connexion")).StatusCode);
    }

    [Fact]
    public async Task Les_appels_d_api_sont_limites_par_cle_avec_un_probleme_en_francais()
    {
        await using var app = Avec(("ParCleApi", 3));
        var epci = ClientCle(app, ComptesDemo.CleApi("epci", Siren.Create(TerritoireSeeder.SirenTpm)));
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await epci.GetAsync("/api/v1/communes")).StatusCode);
        var refus = await epci.GetAsync("/api/v1/communes");
        Assert.Equal(HttpStatusCode.TooManyRequests, refus.StatusCode);
        Assert.True(refus.Headers.Contains("Retry-After"));
        Assert.Equal("application/problem+json", refus.Content.Headers.ContentType?.MediaType);
        var probleme = await refus.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(429, probleme.GetProperty("status").GetInt32());
        Assert.Equal("Trop de requêtes", probleme.GetProperty("title").GetString());
        Assert.Contains("Réessayez dans", probleme.GetProperty("detail").GetString(), StringComparison.Ordinal);

        // The other organisation's key has its own budget; a wrong key is counted as well.
        var bailleur = ClientCle(app, ComptesDemo.CleApi("bailleur", Siren.Create(TerritoireSeeder.SirenTpm)));
        Assert.Equal(HttpStatusCode.OK, (await bailleur.GetAsync("/api/v1/communes")).StatusCode);
        var faux = ClientCle(app, "cle-inventee");
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await faux.GetAsync("/api/v1/communes")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await faux.GetAsync("/api/v1/communes")).StatusCode);
    }

    [Fact]
    public async Task Toutes_les_requetes_sont_limitees_par_adresse()
    {
        await using var app = Avec(("ParIp", 4));
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        // Random keys, each new: the address limit stops them.
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await ClientCle(app, Guid.NewGuid().ToString()).GetAsync("/api/v1/communes")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await ClientCle(app, Guid.NewGuid().ToString()).GetAsync("/api/v1/communes")).StatusCode);
        var page = await client.GetAsync("/eligibilite");
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void Une_limite_nulle_arrete_le_demarrage_avec_le_reglage_en_cause()
    {
        using var app = fx.App(BasesDeTest.Sqlite).WithWebHostBuilder(b => b.UseSetting("Logis:Limites:ParCleApi:Permis", "0"));
        var e = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Logis:Limites:ParCleApi", (e.InnerException ?? e).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, "1 seconde")]
    [InlineData(45, "45 secondes")]
    [InlineData(60, "1 minute")]
    [InlineData(61, "2 minutes")]
    [InlineData(900, "15 minutes")]
    public void La_duree_d_attente_se_dit_en_francais(int secondes, string attendu) =>
        Assert.Equal(attendu, Logis.Web.Infrastructure.Problemes.Duree(secondes));

    private static HttpClient ClientCle(WebApplicationFactory<Program> app, string cle)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", cle);
        return client;
    }
}
