using System.Net;
using Logis.Application.Acces;
using Logis.Domain.Acces;
using Logis.Tests.Infrastructure;
using Logis.Web.Features.Connexion;
using Logis.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Logis.Web.Tests;

/// <summary>
/// ProConnect (OpenID Connect) for agents, against a local test provider on the loopback (<see cref="FournisseurIdentiteDeTest"/>):
/// the account found by address then held by subject, state, nonce, signature, issuer, audience and lifetime checked, the second
/// factor still asked unless ProConnect attests one, and the sign-out carried to ProConnect with the identity token.
/// </summary>
[Collection(CollectionApplications.Nom)]
public class ProConnectTests(ApplicationsFixture fx)
{
    [Theory, DeuxBases]
    public async Task Un_agent_entre_par_proconnect_son_compte_est_ensuite_tenu_par_le_sujet(string f)
    {
        var (horloge, idp) = await FournisseurAsync();
        await using var _ = idp;
        await using var app = Avec(fx.App(f), idp, horloge);
        var identifiant = await ComptesTests.CreerCompteAsync(fx, f);
        idp.Personne = new PersonneProConnect($"sujet-{Guid.NewGuid():N}", identifiant.ToUpperInvariant());

        var client = Client(app);
        var ouvert = await ParProConnectAsync(client, idp, "/demandes");
        Assert.Equal(HttpStatusCode.Redirect, ouvert.StatusCode);
        Assert.True("/demandes" == ouvert.Headers.Location!.OriginalString, string.Join("\n", idp.Journal.Messages));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/territoire")).StatusCode);

        // What Logis asked: the code with PKCE (S256), a state and a nonce of at least 32 characters, the address and the
        // organisation, the authentication methods — and no other parameter (docs/protection-des-donnees.md §2 point 26).
        var demande = idp.Autorisations.Last();
        Assert.Equal(["claims", "client_id", "code_challenge", "code_challenge_method", "nonce", "redirect_uri", "response_type", "scope", "state"],
            demande.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("code", demande["response_type"]);
        Assert.Equal("S256", demande["code_challenge_method"]);
        Assert.True(demande["state"].ToString().Length >= 32);
        Assert.True(demande["nonce"].ToString().Length >= 32);
        Assert.Subset(demande["scope"].ToString().Split(' ').ToHashSet(), new HashSet<string> { "openid", "email", "siret" });
        Assert.Contains("\"amr\"", demande["claims"].ToString(), StringComparison.Ordinal);
        await using (var db = fx.Base(f))
            Assert.Equal(idp.Personne.Sujet, await db.Utilisateurs.Where(u => u.Identifiant == identifiant).Select(u => u.SujetProConnect).SingleAsync());

        // The subject now holds the account: a changed address at ProConnect still opens it...
        idp.Personne = idp.Personne with { Courriel = "nouvelle.adresse@exemple.gouv.fr" };
        Assert.Equal(HttpStatusCode.Redirect, (await ParProConnectAsync(Client(app), idp)).StatusCode);
        // ...and another identity carrying the account's address does not.
        idp.Personne = new PersonneProConnect("un-autre-sujet", identifiant);
        var autre = Client(app);
        var refuse = await LogisFactory.DocumentAsync(await ParProConnectAsync(autre, idp));
        Assert.Equal(ComptesAgents.MessageProConnectAutreIdentite, refuse.QuerySelector("[role=alert]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await autre.GetAsync("/territoire")).StatusCode);
    }

    [Theory, DeuxBases]
    public async Task Proconnect_n_ouvre_pas_de_compte(string f)
    {
        var (horloge, idp) = await FournisseurAsync();
        await using var _ = idp;
        await using var app = Avec(fx.App(f), idp, horloge);
        idp.Personne = new PersonneProConnect($"sujet-{Guid.NewGuid():N}", $"inconnu-{Guid.NewGuid():N}@exemple.gouv.fr");
        var client = Client(app);
        var page = await LogisFactory.DocumentAsync(await ParProConnectAsync(client, idp));
        Assert.Equal(ComptesAgents.MessageProConnectSansCompte, page.QuerySelector("[role=alert]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/territoire")).StatusCode);
        await using var db = fx.Base(f);
        Assert.False(await db.Utilisateurs.AnyAsync(u => u.SujetProConnect == idp.Personne.Sujet));
    }

    [Theory]
    [InlineData(AlterationJeton.AutreNonce)]
    [InlineData(AlterationJeton.AutreCle)]
    [InlineData(AlterationJeton.AutreEmetteur)]
    [InlineData(AlterationJeton.AutreAudience)]
    [InlineData(AlterationJeton.Expire)]
    [InlineData(AlterationJeton.UserinfoAutreCle)]
    [InlineData(AlterationJeton.UserinfoAutreSujet)]
    public async Task Un_jeton_d_identite_faux_n_ouvre_rien(AlterationJeton alteration)
    {
        const string f = "sqlite";
        var (horloge, idp) = await FournisseurAsync();
        await using var _ = idp;
        await using var app = Avec(fx.App(f), idp, horloge);
        var identifiant = await ComptesTests.CreerCompteAsync(fx, f);
        idp.Personne = new PersonneProConnect($"sujet-{Guid.NewGuid():N}", identifiant);
        idp.Alteration = alteration;

        var client = Client(app);
        var echec = await ParProConnectAsync(client, idp);
        Assert.Equal(HttpStatusCode.Redirect, echec.StatusCode);
        Assert.Equal("/connexion?proconnect=echec", echec.Headers.Location!.OriginalString);
        var page = await LogisFactory.DocumentAsync(await client.GetAsync(echec.Headers.Location));
        Assert.Equal(ConnexionModel.MessageEchecProConnect, page.QuerySelector("[role=alert]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/territoire")).StatusCode);
        Assert.Contains(idp.Journal.Messages, m => m.StartsWith("Connexion ProConnect refusée", StringComparison.Ordinal));
        await using var db = fx.Base(f);
        Assert.Null(await db.Utilisateurs.Where(u => u.Identifiant == identifiant).Select(u => u.SujetProConnect).SingleAsync());
    }

    [Fact]
    public async Task Un_retour_dont_l_etat_est_altere_ou_rejoue_n_ouvre_rien()
    {
        const string f = "sqlite";
        var (horloge, idp) = await FournisseurAsync();
        await using var _ = idp;
        await using var app = Avec(fx.App(f), idp, horloge);
        idp.Personne = new PersonneProConnect($"sujet-{Guid.NewGuid():N}", await ComptesTests.CreerCompteAsync(fx, f));

        var client = Client(app);
        var retour = await RetourAsync(client, idp);
        var altere = await client.GetAsync(retour.Replace("state=", "state=x", StringComparison.Ordinal));
        Assert.Equal("/connexion?proconnect=echec", altere.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/territoire")).StatusCode);

        // A return seen by another browser (no correlation cookie) is refused too.
        var autre = await Client(app).GetAsync(await RetourAsync(Client(app), idp));
        Assert.Equal("/connexion?proconnect=echec", autre.Headers.Location!.OriginalString);
    }

    [Theory, DeuxBases]
    public async Task L_organisme_nomme_par_proconnect_doit_etre_connu(string f)
    {
        var (horloge, idp) = await FournisseurAsync();
        await using var _ = idp;
        await using var app = Avec(fx.App(f), idp, horloge);
        var identifiant = await ComptesTests.CreerCompteAsync(fx, f, Role.AgentReservataire);
        var sujet = $"sujet-{Guid.NewGuid():N}";
        foreach (var siret in new[] { "12345678900012", "2483005430001", null })
        {
            idp.Personne = new PersonneProConnect(sujet, identifiant) { Siret = siret };
            var client = Client(app);
            var page = await LogisFactory.DocumentAsync(await ParProConnectAsync(client, idp));
            Assert.Equal(ComptesAgents.MessageProConnectOrganisme, page.QuerySelector("[role=alert]")!.TextContent.Trim());
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/territoire")).StatusCode);
        }
        // The same organisation declared by the configuration (a préfecture, a commune…) is accepted.
        await using var declare = Avec(fx.App(f), idp, horloge, ("Logis:ProConnect:SirenOrganismes:0", "123456789"));
        idp.Personne = new PersonneProConnect(sujet, identifiant) { Siret = "12345678900012" };
        Assert.Equal(HttpStatusCode.Redirect, (await ParProConnectAsync(Client(declare), idp)).StatusCode);
    }

    [Theory, DeuxBases]
    public async Task Le_second_facteur_reste_demande_sauf_si_proconnect_l_atteste(string f)
    {
        var (horloge, idp) = await FournisseurAsync();
        await using var _ = idp;
        await using var app = Avec(fx.App(f), idp, horloge);
        var identifiant = await ComptesTests.CreerCompteAsync(fx, f, Role.AgentEpci);
        var sujet = $"sujet-{Guid.NewGuid():N}";

        idp.Personne = new PersonneProConnect(sujet, identifiant, "pwd");
        var client = Client(app);
        var etape = await LogisFactory.DocumentAsync(await ParProConnectAsync(client, idp));
        Assert.Equal("Second facteur", etape.QuerySelector("h1")!.TextContent);
        Assert.NotNull(etape.QuerySelector("#secret-totp"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/territoire")).StatusCode);

        idp.Personne = new PersonneProConnect(sujet, identifiant, "pwd", "totp", "mfa");
        var fort = Client(app);
        Assert.Equal(HttpStatusCode.Redirect, (await ParProConnectAsync(fort, idp)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fort.GetAsync("/territoire")).StatusCode);
    }

    [Theory, DeuxBases]
    public async Task La_deconnexion_passe_par_proconnect_et_ferme_la_session(string f)
    {
        var (horloge, idp) = await FournisseurAsync();
        await using var _ = idp;
        await using var app = Avec(fx.App(f), idp, horloge);
        idp.Personne = new PersonneProConnect($"sujet-{Guid.NewGuid():N}", await ComptesTests.CreerCompteAsync(fx, f));
        var client = Client(app);
        var ouvert = await ParProConnectAsync(client, idp);
        var session = ouvert.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("logis.session=", StringComparison.Ordinal));
        var copie = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        copie.DefaultRequestHeaders.Add("Cookie", session[..session.IndexOf(';', StringComparison.Ordinal)]);
        Assert.Equal(HttpStatusCode.OK, (await copie.GetAsync("/territoire")).StatusCode);

        var jeton = await LogisFactory.JetonAsync(client, "/territoire");
        var sortie = await client.PostAsync("/deconnexion", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = jeton }));
        Assert.Equal(HttpStatusCode.Redirect, sortie.StatusCode);
        Assert.StartsWith(idp.Adresse + "/session/end?", sortie.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);

        using var navigateur = Navigateur();
        var retour = await navigateur.GetAsync(sortie.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, retour.StatusCode);
        var fin = Assert.Single(idp.FinsDeSession);
        Assert.Equal("http://localhost/deconnexion/proconnect/retour", fin["post_logout_redirect_uri"]);
        var accueil = await client.GetAsync(retour.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, accueil.StatusCode);
        Assert.Equal("/", accueil.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await copie.GetAsync("/territoire")).StatusCode);
    }

    [Theory, DeuxBases]
    public async Task Sans_reglage_proconnect_n_apparait_pas(string f)
    {
        var client = fx.App(f).Client();
        var page = await LogisFactory.DocumentAsync(await client.GetAsync("/connexion"));
        Assert.Null(page.QuerySelector(".bouton-proconnect"));
        var jeton = await LogisFactory.JetonAsync(client, "/connexion");
        var r = await client.PostAsync("/connexion?handler=ProConnect", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = jeton }));
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
    }

    private static async Task<(FakeTimeProvider, FournisseurIdentiteDeTest)> FournisseurAsync()
    {
        var horloge = Horloges.Fixe();
        return (horloge, await FournisseurIdentiteDeTest.DemarrerAsync(horloge.GetUtcNow));
    }

    private static WebApplicationFactory<Program> Avec(LogisFactory app, FournisseurIdentiteDeTest idp, FakeTimeProvider horloge,
        params (string Cle, string Valeur)[] reglages) =>
        app.WithWebHostBuilder(b =>
        {
            foreach (var (cle, valeur) in reglages) b.UseSetting(cle, valeur);
            b.UseSetting("Logis:ProConnect:Autorite", idp.Adresse);
            b.UseSetting("Logis:ProConnect:ClientId", FournisseurIdentiteDeTest.ClientId);
            b.UseSetting("Logis:ProConnect:ClientSecret", FournisseurIdentiteDeTest.ClientSecret);
            b.UseSetting("Logis:ProConnect:ExigerHttps", "false");
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(horloge));
            b.ConfigureLogging(l => l.AddProvider(idp.Journal));
        });

    /// <summary>A browser-like client that does not follow redirects (the test walks each hop between Logis and the provider).</summary>
    private static HttpClient Client(WebApplicationFactory<Program> app) => app.CreateDefaultClient(new CookiesNavigateur());

    private static HttpClient Navigateur() => new(new HttpClientHandler { AllowAutoRedirect = false });

    /// <summary>The button, then ProConnect: returns the address ProConnect sends the browser back to (path and query).</summary>
    private static async Task<string> RetourAsync(HttpClient client, FournisseurIdentiteDeTest idp, string? suite = null)
    {
        var jeton = await LogisFactory.JetonAsync(client, "/connexion");
        var champs = new Dictionary<string, string> { ["__RequestVerificationToken"] = jeton };
        if (suite is not null) champs["ReturnUrl"] = suite;
        var defi = await client.PostAsync("/connexion?handler=ProConnect", new FormUrlEncodedContent(champs));
        Assert.Equal(HttpStatusCode.Redirect, defi.StatusCode);
        Assert.StartsWith(idp.Adresse + "/authorize?", defi.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        using var navigateur = Navigateur();
        var autorisation = await navigateur.GetAsync(defi.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, autorisation.StatusCode);
        return autorisation.Headers.Location!.PathAndQuery;
    }

    /// <summary>The whole round trip; returns Logis's last answer (the session opened, the code step, or the refusal).</summary>
    private static async Task<HttpResponseMessage> ParProConnectAsync(HttpClient client, FournisseurIdentiteDeTest idp, string? suite = null)
    {
        var rappel = await client.GetAsync(await RetourAsync(client, idp, suite));
        if (rappel.StatusCode == HttpStatusCode.Redirect && rappel.Headers.Location!.OriginalString.StartsWith("/connexion?handler=ProConnect", StringComparison.Ordinal))
            return await client.GetAsync(rappel.Headers.Location);
        return rappel;
    }
}
