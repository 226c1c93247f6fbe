using System.Net;
using Logis.Application.Acces;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Logis.Web.Infrastructure;
using Logis.Web.Tests.Infrastructure;

namespace Logis.Web.Tests;

[Collection(CollectionApplications.Nom)]
public class SecuriteTests(ApplicationsFixture fx)
{
    [Fact]
    public async Task Les_en_tetes_de_securite_sont_sur_chaque_reponse()
    {
        var client = await fx.App(BasesDeTest.Sqlite).ConnecterAsync("epci");
        foreach (var url in new[] { "/", "/territoire", "/api/v1/communes", "/connexion" })
        {
            var r = await client.GetAsync(url);
            Assert.Equal(EnTetesSecurite.Csp, r.Headers.GetValues("Content-Security-Policy").Single());
            Assert.DoesNotContain("unsafe-inline", EnTetesSecurite.Csp, StringComparison.Ordinal);
            Assert.Equal("nosniff", r.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", r.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-store", r.Headers.CacheControl?.ToString());
        }
    }

    [Fact]
    public async Task Une_connexion_sans_jeton_antiforgery_est_refusee()
    {
        var client = fx.App(BasesDeTest.Sqlite).Client();
        var r = await client.PostAsync("/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Identifiant"] = "epci@tpm.demo", ["MotDePasse"] = TerritoireSeeder.MotDePasseDemo,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
    }

    [Fact]
    public async Task Un_mauvais_mot_de_passe_donne_un_message_generique_puis_verrouille_le_compte_sans_le_dire()
    {
        var identifiant = await ComptesTests.CreerCompteAsync(fx, BasesDeTest.Postgres);
        var client = fx.App(BasesDeTest.Postgres).Client();
        for (var i = 0; i < 5; i++)
        {
            var r = await LogisFactory.Connexion(client, identifiant, "mauvais-mot-de-passe");
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var doc = await LogisFactory.DocumentAsync(r);
            Assert.Contains("Identifiant ou mot de passe incorrect", doc.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        }
        // Locked: even the right password is refused, with the very answer an unknown identifier gets.
        var bloque = await LogisFactory.Connexion(client, identifiant, TerritoireSeeder.MotDePasseDemo);
        Assert.Equal(HttpStatusCode.OK, bloque.StatusCode);
        Assert.Equal(ComptesAgents.MessageRefus, (await LogisFactory.DocumentAsync(bloque)).QuerySelector("[role=alert]")!.TextContent.Trim());
    }

    /// <summary>A method a page does not handle is a 405 with Allow, with or without the antiforgery token, never a 500.</summary>
    [Fact]
    public async Task Une_methode_que_la_page_ne_traite_pas_donne_405()
    {
        var client = await fx.App(BasesDeTest.Sqlite).ConnecterAsync("epci");
        foreach (var page in new[] { "/", "/journal", "/territoire", "/relances/a-examiner", "/cotation", "/accessibilite" })
        {
            var jeton = await LogisFactory.JetonAsync(client, "/demandes");
            var avecJeton = await client.PostAsync(page, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = jeton }));
            Assert.True(avecJeton.StatusCode == HttpStatusCode.MethodNotAllowed, $"{page} : {avecJeton.StatusCode}");
            Assert.Contains("GET", avecJeton.Content.Headers.Allow);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.PostAsync(page, new StringContent(""))).StatusCode);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.PutAsync(page, new StringContent(""))).StatusCode);
            Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.DeleteAsync(page)).StatusCode);
        }
        // A page with POST handlers: an unknown handler is a 405 too; its GET still works.
        var numero = await DemandesApiTests.CreerAsync(fx.App(BasesDeTest.Sqlite).ClientApi("epci"), DemandesApiTests.Saisie("Methodes"));
        var jetonDemande = await LogisFactory.JetonAsync(client, $"/demandes/{numero}");
        var inconnu = await client.PostAsync($"/demandes/{numero}?handler=Inexistant",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = jetonDemande }));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, inconnu.StatusCode);
        Assert.Contains("POST", inconnu.Content.Headers.Allow);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, (await client.PutAsync($"/demandes/{numero}", new StringContent(""))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/demandes/{numero}")).StatusCode);
    }

    [Fact]
    public async Task Le_mot_de_passe_est_hache_en_base()
    {
        await using var db = fx.Base(BasesDeTest.Sqlite);
        var u = db.Utilisateurs.First();
        Assert.StartsWith("pbkdf2-sha256$", u.MotDePasseHache, StringComparison.Ordinal);
        Assert.DoesNotContain(TerritoireSeeder.MotDePasseDemo, u.MotDePasseHache, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Une_erreur_ne_montre_jamais_de_trace()
    {
        var r = await fx.App(BasesDeTest.Sqlite).Client().GetAsync("/territoire/bailleurs/pas-un-guid");
        var corps = await r.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", corps, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", corps, StringComparison.Ordinal);
    }

    [Fact]
    public async Task La_feuille_de_style_est_servie_sans_connexion()
    {
        var client = fx.App(BasesDeTest.Sqlite).Client();
        var doc = await LogisFactory.DocumentAsync(await client.GetAsync("/"));
        var href = doc.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        var css = await client.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
    }
}
