using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Logis.Tests.Infrastructure;
using Logis.Web.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Logis.Web.Tests;

/// <summary>
/// Cross-origin API writes carried by the browser's cookie are refused; behind a trusted TLS proxy the client's address and
/// scheme come from the forwarded headers, and the cookies are <c>Secure</c> (issue 13, « Smaller »).
/// </summary>
[Collection(CollectionApplications.Nom)]
public class OrigineEtMandatairesTests(ApplicationsFixture fx)
{
    [Theory, DeuxBases]
    public async Task Une_ecriture_d_api_portee_par_le_cookie_depuis_une_autre_origine_est_refusee(string f)
    {
        var app = fx.App(f);
        var navigateur = await app.ConnecterAsync("epci");
        foreach (var (entete, valeur) in new[] { ("Origin", "https://malveillant.example"), ("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Site", "same-site") })
        {
            foreach (var methode in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete })
            {
                var r = await EnvoyerAsync(navigateur, methode, methode == HttpMethod.Post ? "/api/v1/demandes" : "/api/v1/demandes/0000000000000", (entete, valeur));
                Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
                var probleme = await r.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(MemeOrigine.Motif, probleme.GetProperty("detail").GetString());
            }
        }
        // From Logis's own pages (same origin): the request reaches the endpoint, which judges the body.
        Assert.Equal(HttpStatusCode.BadRequest, (await EnvoyerAsync(navigateur, HttpMethod.Post, "/api/v1/demandes", ("Origin", "http://localhost"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await EnvoyerAsync(navigateur, HttpMethod.Post, "/api/v1/demandes", ("Sec-Fetch-Site", "same-origin"))).StatusCode);
        // A partner system with its key carries no ambient credential: its Origin does not matter.
        Assert.Equal(HttpStatusCode.BadRequest, (await EnvoyerAsync(app.ClientApi("epci"), HttpMethod.Post, "/api/v1/demandes", ("Origin", "https://ailleurs.example"))).StatusCode);
        // Reading stays open (no state changes).
        var lecture = new HttpRequestMessage(HttpMethod.Get, "/api/v1/communes");
        lecture.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.OK, (await navigateur.SendAsync(lecture)).StatusCode);
    }

    [Fact]
    public async Task Derriere_un_mandataire_tls_connu_les_cookies_sont_secure_et_l_adresse_est_celle_du_client()
    {
        await using var app = AvecMandataire(("Logis:Mandataires:Adresses:0", "10.0.0.5"), ("Logis:Limites:ParIp:Permis", "6"), ("Logis:Limites:ParIp:FenetreSecondes", "3600"));
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var tls = new[] { ("X-Adresse-Test", "10.0.0.5"), ("X-Forwarded-For", "203.0.113.7"), ("X-Forwarded-Proto", "https") };

        // Sign-in through the proxy: the antiforgery cookie and the session cookie are Secure.
        var formulaire = await EnvoyerAsync(client, HttpMethod.Get, "/connexion", tls);
        var antiforgery = Cookie(formulaire, "logis.af");
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        var jeton = Regex.Match(await formulaire.Content.ReadAsStringAsync(), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var connexion = new HttpRequestMessage(HttpMethod.Post, "/connexion")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Identifiant"] = "epci@tpm.demo", ["MotDePasse"] = Logis.Persistence.Seed.TerritoireSeeder.MotDePasseDemo, ["__RequestVerificationToken"] = jeton,
            }),
        };
        foreach (var (n, v) in tls) connexion.Headers.Add(n, v);
        connexion.Headers.Add("Cookie", antiforgery[..antiforgery.IndexOf(';', StringComparison.Ordinal)]);
        var reponse = await client.SendAsync(connexion);
        Assert.Equal(HttpStatusCode.Redirect, reponse.StatusCode);
        Assert.Contains("secure", Cookie(reponse, "logis.session"), StringComparison.OrdinalIgnoreCase);

        // The same headers from an address that is not a known proxy are ignored: plain HTTP, no Secure.
        var ignore = await EnvoyerAsync(client, HttpMethod.Get, "/connexion", ("X-Adresse-Test", "10.0.0.9"), ("X-Forwarded-Proto", "https"));
        Assert.DoesNotContain("secure", Cookie(ignore, "logis.af"), StringComparison.OrdinalIgnoreCase);

        // The rate limit counts the client's address given by the proxy: 203.0.113.7 has spent its 6 requests (2 above + 4),
        // another client behind the same proxy has not.
        for (var i = 0; i < 4; i++) await EnvoyerAsync(client, HttpMethod.Get, "/", tls);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await EnvoyerAsync(client, HttpMethod.Get, "/", tls)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await EnvoyerAsync(client, HttpMethod.Get, "/",
            ("X-Adresse-Test", "10.0.0.5"), ("X-Forwarded-For", "203.0.113.8"), ("X-Forwarded-Proto", "https"))).StatusCode);
    }

    [Fact]
    public void Une_adresse_de_mandataire_illisible_arrete_le_demarrage()
    {
        using var app = AvecMandataire(("Logis:Mandataires:Adresses:0", "pas-une-adresse"));
        var e = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Logis:Mandataires:Adresses", (e.InnerException ?? e).Message, StringComparison.Ordinal);
    }

    private WebApplicationFactory<Program> AvecMandataire(params (string Cle, string Valeur)[] reglages) =>
        fx.App(BasesDeTest.Sqlite).WithWebHostBuilder(b =>
        {
            foreach (var (cle, valeur) in reglages) b.UseSetting(cle, valeur);
            b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter, AdresseDeTest>());
        });

    private static Task<HttpResponseMessage> EnvoyerAsync(HttpClient client, HttpMethod methode, string url, params (string Nom, string Valeur)[] entetes)
    {
        var requete = new HttpRequestMessage(methode, url);
        if (methode != HttpMethod.Get && methode != HttpMethod.Delete) requete.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        foreach (var (nom, valeur) in entetes) requete.Headers.Add(nom, valeur);
        return client.SendAsync(requete);
    }

    private static string Cookie(HttpResponseMessage r, string nom) =>
        r.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(nom + "=", StringComparison.Ordinal));

    /// <summary>The test server has no network peer: the test names the peer's address (the proxy, or not).</summary>
    private sealed class AdresseDeTest : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((ctx, suite) =>
            {
                if (ctx.Request.Headers.TryGetValue("X-Adresse-Test", out var adresse)) ctx.Connection.RemoteIpAddress = IPAddress.Parse(adresse.ToString());
                return suite(ctx);
            });
            next(app);
        };
    }
}
