using System.Collections.Concurrent;
using System.Net;
using Logis.Application.Acces;
using Logis.Domain.Acces;
using Logis.Domain.Territoire;
using Logis.Persistence.Acces;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Logis.Web.Tests;

/// <summary>
/// Agent accounts (issue 13, « Accounts »): one answer and one password check for unknown and known identifiers, an atomic
/// failure counter, and sessions that end at sign-out, lock-out and password change. Each test works on an account of its own.
/// </summary>
[Collection(CollectionApplications.Nom)]
public class ComptesTests(ApplicationsFixture fx)
{
    private const string MotDePasse = TerritoireSeeder.MotDePasseDemo;

    [Theory, DeuxBases]
    public async Task Un_identifiant_inconnu_recoit_la_meme_reponse_et_le_meme_calcul_qu_un_compte_existant(string f)
    {
        var identifiant = await CreerCompteAsync(f);
        var compteur = new MotsDePasseComptes();
        await using var app = Avec(fx.App(f), compteur);
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var inconnu = await AlerteAsync(client, "personne-" + identifiant, "mauvais-mot-de-passe");
        Assert.Equal(1, compteur.Total);
        var connu = await AlerteAsync(client, identifiant, "mauvais-mot-de-passe");
        Assert.Equal(2, compteur.Total);
        Assert.Equal(ComptesAgents.MessageRefus, inconnu);
        Assert.Equal(inconnu, connu);

        // Locked: the right password gets the same answer, and still costs one check (the dummy one, not the account's).
        for (var i = 1; i < Utilisateur.EchecsAvantVerrouillage; i++) await AlerteAsync(client, identifiant, "mauvais-mot-de-passe");
        var hache = await HacheAsync(f, identifiant);
        var avant = (compteur.Total, Compte: compteur.Pour(hache));
        Assert.Equal(inconnu, await AlerteAsync(client, identifiant, MotDePasse));
        Assert.Equal(avant.Total + 1, compteur.Total);
        Assert.Equal(avant.Compte, compteur.Pour(hache));
        Assert.Equal(inconnu, await AlerteAsync(client, "personne-" + identifiant, MotDePasse));
    }

    [Theory, DeuxBases]
    public async Task Trente_essais_simultanes_ne_verifient_que_le_nombre_d_essais_permis(string f)
    {
        var identifiant = await CreerCompteAsync(f);
        var hache = await HacheAsync(f, identifiant);
        var compteur = new MotsDePasseComptes();
        await using var app = Avec(fx.App(f), compteur);
        using var depart = new ManualResetEventSlim();
        var essais = Enumerable.Range(0, 30).Select(i => Task.Run(async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var comptes = scope.ServiceProvider.GetRequiredService<ComptesAgents>();
            depart.Wait();
            return await comptes.ConnecterAsync(identifiant, $"mauvais-{i}");
        })).ToList();
        depart.Set();
        var resultats = await Task.WhenAll(essais);

        Assert.All(resultats, r => Assert.Equal(ComptesAgents.MessageRefus, r.Motif));
        Assert.Equal(Utilisateur.EchecsAvantVerrouillage, compteur.Pour(hache));
        Assert.Equal(30, compteur.Total);
        await using var db = fx.Base(f);
        var compte = await db.Utilisateurs.AsNoTracking().SingleAsync(u => u.Identifiant == identifiant);
        Assert.True(compte.EstVerrouille(fx.App(f).Horloge.GetUtcNow()));
    }

    [Theory, DeuxBases]
    public async Task Le_cookie_de_session_ne_sert_plus_apres_la_deconnexion(string f)
    {
        var identifiant = await CreerCompteAsync(f);
        var app = fx.App(f);
        var (navigateur, cookie) = await ConnecterAsync(app, identifiant);
        var ailleurs = (await ConnecterAsync(app, identifiant)).Client;
        Assert.Equal(HttpStatusCode.OK, (await Rejouer(app, cookie)).StatusCode);

        var jeton = await LogisFactory.JetonAsync(navigateur, "/territoire");
        var sortie = await navigateur.PostAsync("/deconnexion", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = jeton }));
        Assert.Equal(HttpStatusCode.Redirect, sortie.StatusCode);

        // The cookie copied before the sign-out, and the session opened elsewhere, are refused.
        await AssertRenvoyeVersConnexionAsync(await Rejouer(app, cookie));
        await AssertRenvoyeVersConnexionAsync(await ailleurs.GetAsync("/territoire"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Rejouer(app, cookie, "/api/v1/communes")).StatusCode);
    }

    [Theory, DeuxBases]
    public async Task La_session_ouverte_ne_sert_plus_pendant_et_apres_un_verrouillage(string f)
    {
        var identifiant = await CreerCompteAsync(f);
        var horloge = Horloges.Fixe();
        await using var app = fx.App(f).WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(horloge)));
        var (navigateur, cookie) = await ConnecterAsync(app, identifiant);
        var attaquant = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var i = 0; i < Utilisateur.EchecsAvantVerrouillage; i++) await AlerteAsync(attaquant, identifiant, "mauvais-mot-de-passe");

        await AssertRenvoyeVersConnexionAsync(await navigateur.GetAsync("/territoire"));
        horloge.Advance(Utilisateur.DureeVerrouillage + TimeSpan.FromMinutes(1));
        // The lock is over: the old cookie stays refused; signing in again works.
        await AssertRenvoyeVersConnexionAsync(await Rejouer(app, cookie));
        var (nouveau, _) = await ConnecterAsync(app, identifiant);
        Assert.Equal(HttpStatusCode.OK, (await nouveau.GetAsync("/territoire")).StatusCode);
    }

    [Theory, DeuxBases]
    public async Task Changer_de_mot_de_passe_ferme_les_autres_sessions(string f)
    {
        var identifiant = await CreerCompteAsync(f);
        var app = fx.App(f);
        var (navigateur, _) = await ConnecterAsync(app, identifiant);
        var (ailleurs, cookieAilleurs) = await ConnecterAsync(app, identifiant);

        var refus = await LogisFactory.DocumentAsync(await ChangerAsync(navigateur, MotDePasse, "court", "court"));
        Assert.Contains("au moins 12 caractères", refus.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("de 12 à 256 caractères", refus.QuerySelector("#NouveauMotDePasse-erreur")!.TextContent, StringComparison.Ordinal);
        var faux = await LogisFactory.DocumentAsync(await ChangerAsync(navigateur, "pas-le-bon", "Nouveau-mot-2026", "Nouveau-mot-2026"));
        Assert.Contains("Mot de passe actuel incorrect", faux.QuerySelector("#MotDePasseActuel-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await ailleurs.GetAsync("/territoire")).StatusCode);

        var change = await LogisFactory.DocumentAsync(await ChangerAsync(navigateur, MotDePasse, "Nouveau-mot-2026", "Nouveau-mot-2026"));
        Assert.Contains("Votre mot de passe est changé", change.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await navigateur.GetAsync("/territoire")).StatusCode);
        await AssertRenvoyeVersConnexionAsync(await ailleurs.GetAsync("/territoire"));
        await AssertRenvoyeVersConnexionAsync(await Rejouer(app, cookieAilleurs));
        Assert.Equal(ComptesAgents.MessageRefus, await AlerteAsync(app.Client(), identifiant, MotDePasse));
        Assert.Equal(HttpStatusCode.Redirect, (await LogisFactory.Connexion(app.Client(), identifiant, "Nouveau-mot-2026")).StatusCode);
    }

    [Fact]
    public async Task Une_cle_d_api_n_a_pas_de_mot_de_passe_a_changer()
    {
        var r = await fx.App(BasesDeTest.Sqlite).ClientApi("epci").GetAsync("/compte/mot-de-passe");
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
    }

    [Theory]
    [InlineData("Logis-demo-2026!", Role.AgentEpci, true)]
    [InlineData("abcdefghijkL1", Role.AgentBailleur, true)]
    [InlineData("abcdefghijkL1", Role.Administrateur, false)]
    [InlineData("abcdefghijklmnoP1", Role.Administrateur, true)]
    [InlineData("abcdefghijklm", Role.AgentEpci, false)]
    [InlineData("abcdefghijk12", Role.AgentEpci, false)]
    [InlineData("Ab1!", Role.AgentCommune, false)]
    public void La_regle_du_nouveau_mot_de_passe(string motDePasse, Role role, bool accepte) =>
        Assert.Equal(accepte, RegleMotsDePasse.Composition(motDePasse, ComptesAgents.LongueurMinimale(role)) is null);

    // --- Outils ---------------------------------------------------------------------------------------------------------

    /// <summary>
    /// A fresh account of the TPM demo (a bailleur agent unless told: no second factor), with the demo password: locking it touches
    /// no other test. Unlike the demo accounts it is not exempt from the second factor.
    /// </summary>
    internal static async Task<string> CreerCompteAsync(ApplicationsFixture fx, string f, Role role = Role.AgentBailleur)
    {
        var identifiant = $"test-{Guid.NewGuid():N}@tpm.demo";
        await using var db = fx.Base(f);
        db.Utilisateurs.Add(new Utilisateur
        {
            Id = Guid.NewGuid(), Identifiant = identifiant, NomComplet = "Compte de test", Role = role,
            EpciSiren = Siren.Create(TerritoireSeeder.SirenTpm), MotDePasseHache = Secrets.HacherMotDePasse(MotDePasse),
            BailleurId = role == Role.AgentBailleur ? db.Bailleurs.Select(b => b.Id).First() : null,
        });
        await db.SaveChangesAsync();
        return identifiant;
    }

    private Task<string> CreerCompteAsync(string f) => CreerCompteAsync(fx, f);

    private async Task<string> HacheAsync(string f, string identifiant)
    {
        await using var db = fx.Base(f);
        return await db.Utilisateurs.Where(u => u.Identifiant == identifiant).Select(u => u.MotDePasseHache).SingleAsync();
    }

    private static WebApplicationFactory<Program> Avec(LogisFactory app, MotsDePasseComptes compteur) =>
        app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<IMotsDePasse>(compteur)));

    internal static async Task<(HttpClient Client, string Cookie)> ConnecterAsync(WebApplicationFactory<Program> app, string identifiant)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var r = await LogisFactory.Connexion(client, identifiant, MotDePasse);
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var cookie = r.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("logis.session=", StringComparison.Ordinal));
        return (client, cookie[..cookie.IndexOf(';', StringComparison.Ordinal)]);
    }

    /// <summary>A request carrying a copied session cookie, from a client that keeps no cookie of its own.</summary>
    private static Task<HttpResponseMessage> Rejouer(WebApplicationFactory<Program> app, string cookie, string url = "/territoire")
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var requete = new HttpRequestMessage(HttpMethod.Get, url);
        requete.Headers.Add("Cookie", cookie);
        return client.SendAsync(requete);
    }

    private static async Task AssertRenvoyeVersConnexionAsync(HttpResponseMessage r)
    {
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.StartsWith("/connexion", r.Headers.Location?.IsAbsoluteUri == true ? r.Headers.Location.PathAndQuery : r.Headers.Location?.OriginalString, StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    private static async Task<string> AlerteAsync(HttpClient client, string identifiant, string motDePasse)
    {
        var r = await LogisFactory.Connexion(client, identifiant, motDePasse);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        return (await LogisFactory.DocumentAsync(r)).QuerySelector("[role=alert]")!.TextContent.Trim();
    }

    private static async Task<HttpResponseMessage> ChangerAsync(HttpClient client, string actuel, string nouveau, string confirmation)
    {
        var jeton = await LogisFactory.JetonAsync(client, "/compte/mot-de-passe");
        return await client.PostAsync("/compte/mot-de-passe", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["MotDePasseActuel"] = actuel, ["NouveauMotDePasse"] = nouveau, ["Confirmation"] = confirmation, ["__RequestVerificationToken"] = jeton,
        }));
    }

    /// <summary>The real PBKDF2, counting the checks: all of them, and those against one stored hash.</summary>
    private sealed class MotsDePasseComptes : IMotsDePasse
    {
        private readonly MotsDePassePbkdf2 _reel = new();
        private readonly ConcurrentDictionary<string, int> _parHache = new();
        private int _total;

        public int Total => Volatile.Read(ref _total);

        public int Pour(string hache) => _parHache.GetValueOrDefault(hache);

        public string Hacher(string motDePasse) => _reel.Hacher(motDePasse);

        public bool Verifier(string motDePasse, string hache)
        {
            Interlocked.Increment(ref _total);
            _parHache.AddOrUpdate(hache, 1, (_, n) => n + 1);
            return _reel.Verifier(motDePasse, hache);
        }
    }
}
