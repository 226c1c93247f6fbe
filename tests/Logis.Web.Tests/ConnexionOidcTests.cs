using System.Net;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Logis.Web.Tests;

/// <summary>
/// Where a sign-in through an OpenID Connect provider goes in Logis (what the app's ParcoursOidc sets, seen from the browser): the
/// provider's settings section (<c>Logis:ProConnect</c>, <c>Logis:FranceConnect</c>), also the name of the sign-in page's handler;
/// the sign-in page; a page the session opens; the message of a refused return; the session cookie; the sign-out address and
/// where the browser lands after it.
/// </summary>
public sealed record ParcoursOidcDeTest(string Fournisseur, string PageConnexion, string PageProtegee, string MessageEchec, string CookieSession,
    string PageDeconnexion, string ApresDeconnexion)
{
    /// <summary>Where a refused return sends the browser.</summary>
    public string Echec => $"{PageConnexion}?{Fournisseur.ToLowerInvariant()}=echec";

    /// <summary>The sign-in page's handler that starts the round trip (and that the return may send back to, for a further step).</summary>
    public string Depart => $"{PageConnexion}?handler={Fournisseur}";
}

/// <summary>
/// What ProConnect (agents) and FranceConnect (applicants) share, against the local test provider on the loopback
/// (<see cref="FournisseurIdentiteDeTest"/>): the round trip, and the refusals common to both — a forged or misdirected token,
/// an altered or replayed state, no provider without its settings — and the sign-out carried to the provider. Each provider's own tests are in its derived class.
/// </summary>
public abstract class ConnexionOidcTests(ApplicationsFixture fx, ParcoursOidcDeTest parcours)
{
    protected ApplicationsFixture Fx { get; } = fx;

    /// <summary>The person the provider returns for a refusal test: an existing account's address where the provider opens none.</summary>
    protected abstract Task<PersonneProConnect> PersonneAsync(string f);

    /// <summary>Checks, after a refusal, that the provider's subject was linked to no account.</summary>
    protected abstract Task AucunSujetRelieAsync(string f, PersonneProConnect personne);

    [Theory]
    [InlineData(AlterationJeton.AutreNonce)]
    [InlineData(AlterationJeton.AutreCle)]
    [InlineData(AlterationJeton.AutreEmetteur)]
    [InlineData(AlterationJeton.AutreAudience)]
    [InlineData(AlterationJeton.Expire)]
    [InlineData(AlterationJeton.UserinfoAutreCle)]
    [InlineData(AlterationJeton.UserinfoAutreSujet)]
    public async Task Un_jeton_faux_n_ouvre_rien(AlterationJeton alteration)
    {
        const string f = BasesDeTest.Sqlite;
        var (horloge, idp) = await FournisseurAsync();
        await using var _ = idp;
        await using var app = Avec(Fx.App(f), idp, horloge);
        idp.Personne = await PersonneAsync(f);
        idp.Alteration = alteration;
        await RefuseAsync(app, idp);
        await AucunSujetRelieAsync(f, idp.Personne);
    }

    [Fact]
    public async Task Un_retour_dont_l_etat_est_altere_ou_rejoue_n_ouvre_rien()
    {
        const string f = BasesDeTest.Sqlite;
        var (horloge, idp) = await FournisseurAsync();
        await using var _ = idp;
        await using var app = Avec(Fx.App(f), idp, horloge);
        idp.Personne = await PersonneAsync(f);

        var client = Client(app);
        var retour = await RetourAsync(client, idp);
        var altere = await client.GetAsync(retour.Replace("state=", "state=x", StringComparison.Ordinal));
        Assert.Equal(parcours.Echec, altere.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(parcours.PageProtegee)).StatusCode);

        // A return seen by another browser (no correlation cookie) is refused too.
        var autre = await Client(app).GetAsync(await RetourAsync(Client(app), idp));
        Assert.Equal(parcours.Echec, autre.Headers.Location!.OriginalString);
        await AucunSujetRelieAsync(f, idp.Personne);
    }

    [Theory, DeuxBases]
    public async Task Sans_reglage_le_fournisseur_n_apparait_pas(string f)
    {
        var client = Fx.App(f).Client();
        var page = await LogisFactory.DocumentAsync(await client.GetAsync(parcours.PageConnexion));
        Assert.NotNull(page.QuerySelector("form"));
        Assert.Null(page.QuerySelector($".bouton-{parcours.Fournisseur.ToLowerInvariant()}"));
        var jeton = await LogisFactory.JetonAsync(client, parcours.PageConnexion);
        var r = await client.PostAsync(parcours.Depart, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = jeton }));
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
    }

    [Theory, DeuxBases]
    public async Task La_deconnexion_passe_par_le_fournisseur_et_ferme_la_session(string f)
    {
        var (horloge, idp) = await FournisseurAsync();
        await using var _ = idp;
        await using var app = Avec(Fx.App(f), idp, horloge);
        idp.Personne = await PersonneAsync(f);
        var client = Client(app);
        var ouvert = await ParFournisseurAsync(client, idp);
        Assert.Equal(HttpStatusCode.Redirect, ouvert.StatusCode);
        var session = ouvert.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(parcours.CookieSession + "=", StringComparison.Ordinal));
        var copie = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        copie.DefaultRequestHeaders.Add("Cookie", session[..session.IndexOf(';', StringComparison.Ordinal)]);
        Assert.Equal(HttpStatusCode.OK, (await copie.GetAsync(parcours.PageProtegee)).StatusCode);

        var jeton = await LogisFactory.JetonAsync(client, parcours.PageProtegee);
        var sortie = await client.PostAsync(parcours.PageDeconnexion, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = jeton }));
        Assert.Equal(HttpStatusCode.Redirect, sortie.StatusCode);
        Assert.StartsWith(idp.Adresse + "/session/end?", sortie.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);

        using var navigateur = Navigateur();
        var retour = await navigateur.GetAsync(sortie.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, retour.StatusCode);
        var fin = Assert.Single(idp.FinsDeSession);
        Assert.Equal($"http://localhost{parcours.PageDeconnexion}/{parcours.Fournisseur.ToLowerInvariant()}/retour", fin["post_logout_redirect_uri"]);
        var arrivee = await client.GetAsync(retour.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.Redirect, arrivee.StatusCode);
        Assert.Equal(parcours.ApresDeconnexion, arrivee.Headers.Location!.OriginalString);
        // The session ends, also for a copy of its cookie.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(parcours.PageProtegee)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await copie.GetAsync(parcours.PageProtegee)).StatusCode);
    }

    /// <summary>The whole round trip refused: back to the sign-in page with its message, no session, the refusal logged.</summary>
    protected async Task RefuseAsync(WebApplicationFactory<Program> app, FournisseurIdentiteDeTest idp)
    {
        var client = Client(app);
        var echec = await ParFournisseurAsync(client, idp);
        Assert.Equal(HttpStatusCode.Redirect, echec.StatusCode);
        Assert.Equal(parcours.Echec, echec.Headers.Location!.OriginalString);
        var page = await LogisFactory.DocumentAsync(await client.GetAsync(echec.Headers.Location));
        Assert.Equal(parcours.MessageEchec, page.QuerySelector("[role=alert]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(parcours.PageProtegee)).StatusCode);
        Assert.Contains(idp.Journal.Messages, m => m.StartsWith($"Connexion {parcours.Fournisseur} refusée", StringComparison.Ordinal));
    }

    protected static async Task<(FakeTimeProvider, FournisseurIdentiteDeTest)> FournisseurAsync()
    {
        var horloge = Horloges.Fixe();
        return (horloge, await FournisseurIdentiteDeTest.DemarrerAsync(horloge.GetUtcNow));
    }

    /// <summary>The app under test with the provider's settings pointing at the test provider, at its instant, its warnings kept.</summary>
    protected WebApplicationFactory<Program> Avec(LogisFactory app, FournisseurIdentiteDeTest idp, FakeTimeProvider horloge,
        params (string Cle, string Valeur)[] reglages) =>
        app.WithWebHostBuilder(b =>
        {
            foreach (var (cle, valeur) in reglages) b.UseSetting(cle, valeur);
            b.UseSetting($"Logis:{parcours.Fournisseur}:Autorite", idp.Adresse);
            b.UseSetting($"Logis:{parcours.Fournisseur}:ClientId", FournisseurIdentiteDeTest.ClientId);
            b.UseSetting($"Logis:{parcours.Fournisseur}:ClientSecret", FournisseurIdentiteDeTest.ClientSecret);
            b.UseSetting($"Logis:{parcours.Fournisseur}:ExigerHttps", "false");
            b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(horloge));
            b.ConfigureLogging(l => l.AddProvider(idp.Journal));
        });

    /// <summary>A browser-like client that does not follow redirects (the test walks each hop between Logis and the provider).</summary>
    protected static HttpClient Client(WebApplicationFactory<Program> app) => app.CreateDefaultClient(new CookiesNavigateur());

    /// <summary>The browser's hop to the provider (another host: no cookie of Logis).</summary>
    protected static HttpClient Navigateur() => new(new HttpClientHandler { AllowAutoRedirect = false });

    /// <summary>The button, then the provider: returns the address the provider sends the browser back to (path and query).</summary>
    protected async Task<string> RetourAsync(HttpClient client, FournisseurIdentiteDeTest idp, string? suite = null)
    {
        var jeton = await LogisFactory.JetonAsync(client, parcours.PageConnexion);
        var champs = new Dictionary<string, string> { ["__RequestVerificationToken"] = jeton };
        if (suite is not null) champs["ReturnUrl"] = suite;
        var defi = await client.PostAsync(parcours.Depart, new FormUrlEncodedContent(champs));
        Assert.Equal(HttpStatusCode.Redirect, defi.StatusCode);
        Assert.StartsWith(idp.Adresse + "/authorize?", defi.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        using var navigateur = Navigateur();
        var autorisation = await navigateur.GetAsync(defi.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, autorisation.StatusCode);
        return autorisation.Headers.Location!.PathAndQuery;
    }

    /// <summary>The whole round trip; returns Logis's last answer (the session opened, a further step, or the refusal).</summary>
    protected async Task<HttpResponseMessage> ParFournisseurAsync(HttpClient client, FournisseurIdentiteDeTest idp, string? suite = null)
    {
        var rappel = await client.GetAsync(await RetourAsync(client, idp, suite));
        if (rappel.StatusCode == HttpStatusCode.Redirect && rappel.Headers.Location!.OriginalString.StartsWith(parcours.Depart, StringComparison.Ordinal))
            return await client.GetAsync(rappel.Headers.Location);
        return rappel;
    }
}
