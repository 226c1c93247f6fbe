using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Logis.Application.Acces;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Logis.Web.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Logis.Web.Tests;

/// <summary>
/// The breached-password check (docs/protection-des-donnees.md §2 point 27): the bundled list of common passwords, read offline,
/// refuses them and their dressed-up forms at sign-up and password change, for applicants and agents alike; the optional range
/// service is asked by k-anonymity (a test double here: no outside call) and its silence does not block a change.
/// </summary>
[Collection(CollectionApplications.Nom)]
public class MotsDePasseCompromisTests(ApplicationsFixture fx)
{
    [Theory]
    [InlineData("password", true)]
    [InlineData("PASSWORD", true)]
    [InlineData("Password2026!", true)]
    [InlineData("!!Soleil-2026", true)]
    [InlineData("Iloveyou123456", true)]
    [InlineData("Logement-social-2026", false)]
    [InlineData("Nouveau-mot-2026", false)]
    [InlineData("Pass-word-2026", false)]
    public void La_liste_integree_reconnait_les_mots_de_passe_courants_et_leurs_habillages(string motDePasse, bool courant)
    {
        Assert.True(RegleMotsDePasse.NombreCourants > 3000);
        Assert.Equal(courant, RegleMotsDePasse.Courant(motDePasse));
    }

    [Theory, DeuxBases]
    public async Task Un_agent_ne_peut_pas_choisir_un_mot_de_passe_courant(string f)
    {
        var identifiant = await ComptesTests.CreerCompteAsync(fx, f);
        var (client, _) = await ComptesTests.ConnecterAsync(fx.App(f), identifiant);
        var refus = await LogisFactory.DocumentAsync(await ChangerAsync(client, "Password2026!"));
        Assert.Equal(RegleMotsDePasse.MessageCourant, refus.QuerySelector("#NouveauMotDePasse-erreur")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await LogisFactory.Connexion(fx.App(f).Client(), identifiant, TerritoireSeeder.MotDePasseDemo)).StatusCode);
    }

    [Theory, DeuxBases]
    public async Task Un_demandeur_ne_peut_pas_ouvrir_un_compte_avec_un_mot_de_passe_courant(string f)
    {
        var client = fx.App(f).Client();
        var courriel = $"demandeur-{Guid.NewGuid():N}@exemple.fr";
        var jeton = await LogisFactory.JetonAsync(client, "/espace/creer-compte");
        var r = await client.PostAsync("/espace/creer-compte", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Courriel"] = courriel, ["MotDePasse"] = "Soleil2026!!", ["Confirmation"] = "Soleil2026!!", ["__RequestVerificationToken"] = jeton,
        }));
        var page = await LogisFactory.DocumentAsync(r);
        Assert.Equal(RegleMotsDePasse.MessageCourant.Replace("Le nouveau mot de passe", "Le mot de passe", StringComparison.Ordinal),
            page.QuerySelector("#MotDePasse-erreur")!.TextContent.Trim());
        await using var db = fx.Base(f);
        Assert.False(db.ComptesDemandeurs.Any(c => c.Courriel == courriel));
    }

    [Fact]
    public async Task La_liste_de_fuites_en_ligne_est_interrogee_par_k_anonymat()
    {
        const string f = BasesDeTest.Sqlite;
        const string fuite = "Fuite-du-jour-2026";
        var service = new ServiceFuitesDeTest(fuite);
        var journal = new JournalMemoire();
        await using var app = fx.App(f).WithWebHostBuilder(b =>
        {
            b.UseSetting("Logis:MotsDePasse:ApiFuites", "https://fuites.test/range/");
            b.ConfigureTestServices(s => s.AddHttpClient(SourceFuitesApi.Client).ConfigurePrimaryHttpMessageHandler(() => service));
            b.ConfigureLogging(l => l.AddProvider(journal));
        });
        var identifiant = await ComptesTests.CreerCompteAsync(fx, f);
        var (client, _) = await ComptesTests.ConnecterAsync(app, identifiant);

        var refus = await LogisFactory.DocumentAsync(await ChangerAsync(client, fuite));
        Assert.Equal(RegleMotsDePasse.MessageCourant, refus.QuerySelector("#NouveauMotDePasse-erreur")!.TextContent.Trim());
        // Only the first 5 hex digits of the SHA-1 left Logis, with the padding header.
        var requete = Assert.Single(service.Requetes);
        Assert.Equal("/range/" + Sha1(fuite)[..5], requete.Chemin);
        Assert.True(requete.Rembourrage);
        Assert.DoesNotContain(Sha1(fuite)[5..], requete.Chemin, StringComparison.OrdinalIgnoreCase);

        // The service down: the change goes on with the bundled list alone, and the silence is logged.
        service.EnPanne = true;
        var change = await LogisFactory.DocumentAsync(await ChangerAsync(client, "Une-phrase-peu-courante-7"));
        Assert.Contains("Votre mot de passe est changé", change.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(journal.Messages, m => m.StartsWith("Liste de fuites de mots de passe indisponible", StringComparison.Ordinal));
    }

    [Fact]
    public void L_adresse_de_la_liste_de_fuites_doit_etre_en_https()
    {
        using var app = fx.App(BasesDeTest.Sqlite).WithWebHostBuilder(b => b.UseSetting("Logis:MotsDePasse:ApiFuites", "http://fuites.test/range"));
        var e = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Logis:MotsDePasse:ApiFuites doit être une adresse absolue en https", e.ToString(), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> ChangerAsync(HttpClient client, string nouveau)
    {
        var jeton = await LogisFactory.JetonAsync(client, "/compte/mot-de-passe");
        return await client.PostAsync("/compte/mot-de-passe", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["MotDePasseActuel"] = TerritoireSeeder.MotDePasseDemo, ["NouveauMotDePasse"] = nouveau, ["Confirmation"] = nouveau,
            ["__RequestVerificationToken"] = jeton,
        }));
    }

#pragma warning disable CA5350 // the range API's key, as in SourceFuitesApi
    private static string Sha1(string texte) => Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(texte)));
#pragma warning restore CA5350

    /// <summary>A range service shaped like Pwned Passwords: for a prefix, the suffixes it knows and padding lines counted 0.</summary>
    private sealed class ServiceFuitesDeTest(string fuite) : HttpMessageHandler
    {
        public ConcurrentQueue<(string Chemin, bool Rembourrage)> Requetes { get; } = new();

        public bool EnPanne { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requetes.Enqueue((request.RequestUri!.AbsolutePath, request.Headers.TryGetValues("Add-Padding", out var v) && v.Single() == "true"));
            if (EnPanne) return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
            var empreinte = Sha1(fuite);
            var prefixe = request.RequestUri.AbsolutePath[^5..];
            var lignes = new StringBuilder();
            lignes.Append("0018A45C4D1DEF81644B54AB7F969B88D65:3\r\n");
            if (string.Equals(prefixe, empreinte[..5], StringComparison.OrdinalIgnoreCase)) lignes.Append(empreinte[5..]).Append(":42\r\n");
            lignes.Append("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF:0\r\n");
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(lignes.ToString()) });
        }
    }
}
