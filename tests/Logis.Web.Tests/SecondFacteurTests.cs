using System.Text.RegularExpressions;
using System.Net;
using AngleSharp.Html.Dom;
using Logis.Application.Acces;
using Logis.Domain.Acces;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Logis.Web.Tests;

/// <summary>
/// The second factor (TOTP, RFC 6238) of EPCI agents and administrators: enrolled at the first sign-in with the secret shown as
/// text, asked after the password, a code serves once, recovery codes stored hashed. Each test has its account and its clock.
/// </summary>
[Collection(CollectionApplications.Nom)]
public class SecondFacteurTests(ApplicationsFixture fx)
{
    [Theory, DeuxBases]
    public async Task Un_agent_de_l_epci_s_enrole_a_la_premiere_connexion_puis_donne_un_code_a_chaque_connexion(string f)
    {
        var identifiant = await ComptesTests.CreerCompteAsync(fx, f, Role.AgentEpci);
        var horloge = Horloges.Fixe();
        await using var app = fx.App(f).WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(horloge)));

        // The password alone does not open the session: the enrolment step shows the secret as text.
        var client = Client(app);
        var enrolement = await LogisFactory.DocumentAsync(await LogisFactory.Connexion(client, identifiant, TerritoireSeeder.MotDePasseDemo));
        Assert.Equal("Second facteur", enrolement.QuerySelector("h1")!.TextContent);
        var secret = enrolement.QuerySelector("#secret-totp")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
        Assert.Equal(32, secret.Length);
        Assert.Contains($"secret={secret}", enrolement.QuerySelector(".adresse-otpauth")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/territoire")).StatusCode);

        var faux = await LogisFactory.DocumentAsync(await CodeAsync(client, enrolement, "000000"));
        Assert.Equal(ComptesAgents.MessageCodeIncorrect, faux.QuerySelector("#Code-erreur")!.TextContent.Trim());
        var codes = await LogisFactory.DocumentAsync(await CodeAsync(client, faux, CodeA(secret, horloge)));
        var secours = codes.QuerySelectorAll(".codes-secours code").Select(c => c.TextContent).ToList();
        Assert.Equal(ComptesAgents.NombreCodesSecours, secours.Count);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/territoire")).StatusCode);
        await using (var db = fx.Base(f))
        {
            var compte = await db.Utilisateurs.AsNoTracking().SingleAsync(u => u.Identifiant == identifiant);
            Assert.True(compte.SecondFacteurActif);
            // The key is stored protected by the deployment's keys, never in clear.
            Assert.StartsWith("dp1:", compte.SecretTotp, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, compte.SecretTotp!, StringComparison.Ordinal);
            Assert.DoesNotContain(secours[0], compte.CodesSecours!, StringComparison.Ordinal);
            Assert.Contains(ComptesAgents.EmpreinteCodeSecours(secours[0]), compte.CodesSecours!, StringComparison.Ordinal);
        }

        // Next sign-in: no secret shown, a code asked; the code already used does not serve again.
        var dejaUtilise = CodeA(secret, horloge);
        horloge.Advance(TimeSpan.FromSeconds(30));
        var autre = Client(app);
        var etape = await LogisFactory.DocumentAsync(await LogisFactory.Connexion(autre, identifiant, TerritoireSeeder.MotDePasseDemo));
        Assert.Null(etape.QuerySelector("#secret-totp"));
        var rejoue = await LogisFactory.DocumentAsync(await CodeAsync(autre, etape, dejaUtilise));
        Assert.Equal(ComptesAgents.MessageCodeIncorrect, rejoue.QuerySelector("#Code-erreur")!.TextContent.Trim());
        var ouvert = await CodeAsync(autre, rejoue, CodeA(secret, horloge));
        Assert.Equal(HttpStatusCode.Redirect, ouvert.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await autre.GetAsync("/territoire")).StatusCode);

        // A recovery code, typed loosely, serves once.
        var tape = secours[1].ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal);
        var avecSecours = Client(app);
        var etapeSecours = await LogisFactory.DocumentAsync(await LogisFactory.Connexion(avecSecours, identifiant, TerritoireSeeder.MotDePasseDemo));
        Assert.Equal(HttpStatusCode.Redirect, (await CodeAsync(avecSecours, etapeSecours, tape)).StatusCode);
        var encore = Client(app);
        var etapeEncore = await LogisFactory.DocumentAsync(await LogisFactory.Connexion(encore, identifiant, TerritoireSeeder.MotDePasseDemo));
        var refuse = await LogisFactory.DocumentAsync(await CodeAsync(encore, etapeEncore, secours[1]));
        Assert.Equal(ComptesAgents.MessageCodeIncorrect, refuse.QuerySelector("#Code-erreur")!.TextContent.Trim());

        // The step between password and code lasts ten minutes.
        horloge.Advance(TimeSpan.FromMinutes(11));
        var tard = await LogisFactory.DocumentAsync(await CodeAsync(encore, refuse, CodeA(secret, horloge)));
        Assert.Equal(ComptesAgents.MessageEtapeExpiree, tard.QuerySelector("[role=alert]")!.TextContent.Trim());
    }

    [Theory, DeuxBases]
    public async Task Les_codes_faux_comptent_dans_le_verrouillage(string f)
    {
        var identifiant = await ComptesTests.CreerCompteAsync(fx, f, Role.Administrateur);
        var horloge = Horloges.Fixe();
        await using var app = fx.App(f).WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(horloge)));
        var client = Client(app);
        var page = await LogisFactory.DocumentAsync(await LogisFactory.Connexion(client, identifiant, TerritoireSeeder.MotDePasseDemo));
        var secret = page.QuerySelector("#secret-totp")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
        for (var i = 0; i < 4; i++) page = await LogisFactory.DocumentAsync(await CodeAsync(client, page, "123456"));
        // The fifth wrong code locks the account (and renews its stamp): even the right code is then refused.
        page = await LogisFactory.DocumentAsync(await CodeAsync(client, page, "123456"));
        var apres = await LogisFactory.DocumentAsync(await CodeAsync(client, page, CodeA(secret, horloge)));
        Assert.Equal(ComptesAgents.MessageEtapeExpiree, apres.QuerySelector("[role=alert]")!.TextContent.Trim());
        Assert.Equal(ComptesAgents.MessageRefus,
            (await LogisFactory.DocumentAsync(await LogisFactory.Connexion(Client(app), identifiant, TerritoireSeeder.MotDePasseDemo))).QuerySelector("[role=alert]")!.TextContent.Trim());
    }

    [Theory, DeuxBases]
    public async Task Une_cle_gardee_en_clair_avant_sa_protection_sert_encore_et_se_protege(string f)
    {
        var identifiant = await ComptesTests.CreerCompteAsync(fx, f, Role.AgentEpci);
        const string enClair = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";
        await using (var db = fx.Base(f))
        {
            var compte = await db.Utilisateurs.SingleAsync(u => u.Identifiant == identifiant);
            compte.PreparerSecondFacteur(enClair);
            await db.SaveChangesAsync();
        }
        var horloge = Horloges.Fixe();
        await using var app = fx.App(f).WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(horloge)));
        var client = Client(app);
        var enrolement = await LogisFactory.DocumentAsync(await LogisFactory.Connexion(client, identifiant, TerritoireSeeder.MotDePasseDemo));
        Assert.Equal(enClair, enrolement.QuerySelector("#secret-totp")!.TextContent.Replace(" ", "", StringComparison.Ordinal));
        await using (var db = fx.Base(f))
            Assert.StartsWith("dp1:", await db.Utilisateurs.Where(u => u.Identifiant == identifiant).Select(u => u.SecretTotp).SingleAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await CodeAsync(client, enrolement, CodeA(enClair, horloge))).StatusCode);
    }

    [Theory, DeuxBases]
    public async Task La_commande_reinitialise_le_second_facteur_perdu_et_ferme_les_sessions(string f)
    {
        var identifiant = await ComptesTests.CreerCompteAsync(fx, f, Role.AgentEpci);
        var horloge = Horloges.Fixe();
        await using var app = fx.App(f).WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(horloge)));
        var client = Client(app);
        var enrolement = await LogisFactory.DocumentAsync(await LogisFactory.Connexion(client, identifiant, TerritoireSeeder.MotDePasseDemo));
        var secret = enrolement.QuerySelector("#secret-totp")!.TextContent.Replace(" ", "", StringComparison.Ordinal);
        await CodeAsync(client, enrolement, CodeA(secret, horloge));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/territoire")).StatusCode);

        var sortie = new StringWriter();
        await using (var db = fx.Base(f))
            Assert.Equal(0, await Logis.Cli.CommandesComptes.ListerAsync(db, Domain.Territoire.Siren.Create(TerritoireSeeder.SirenTpm), sortie, CancellationToken.None));
        Assert.Contains($"{identifiant}  Compte de test", sortie.ToString(), StringComparison.Ordinal);
        Assert.Matches($"{Regex.Escape(identifiant)}.*second facteur actif", sortie.ToString());
        Assert.DoesNotContain("dp1:", sortie.ToString(), StringComparison.Ordinal);

        Assert.Equal(0, await CliAsync(f, "comptes", "reinitialiser-second-facteur", "--identifiant", identifiant.ToUpperInvariant()));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/territoire")).StatusCode);
        horloge.Advance(TimeSpan.FromSeconds(30));
        var nouvel = await LogisFactory.DocumentAsync(await LogisFactory.Connexion(Client(app), identifiant, TerritoireSeeder.MotDePasseDemo));
        Assert.NotEqual(secret, nouvel.QuerySelector("#secret-totp")!.TextContent.Replace(" ", "", StringComparison.Ordinal));
        // Nothing left to reset, an unknown account: a message and a non-zero code.
        Assert.Equal(2, await CliAsync(f, "comptes", "reinitialiser-second-facteur", "--identifiant", "personne@tpm.demo"));
    }

    private async Task<int> CliAsync(string f, params string[] args)
    {
        var options = fx.Options(f);
        var racine = new System.CommandLine.RootCommand { Logis.Cli.BaseCli.OptionFournisseur, Logis.Cli.BaseCli.OptionConnexion };
        racine.Subcommands.Add(Logis.Cli.CommandesComptes.Comptes());
        var fournisseur = options.Fournisseur == Logis.Persistence.FournisseurBase.Sqlite ? "sqlite" : "postgresql";
        return await racine.Parse([.. args, "--base", fournisseur, "--connexion", options.ConnectionString!]).InvokeAsync();
    }

    [Fact]
    public async Task Les_comptes_de_demonstration_et_les_autres_roles_n_ont_pas_de_second_facteur()
    {
        Assert.True(SecondFacteur.Exige(Role.AgentEpci));
        Assert.True(SecondFacteur.Exige(Role.Administrateur));
        Assert.False(SecondFacteur.Exige(Role.AgentBailleur));
        Assert.False(SecondFacteur.Exige(Role.AgentReservataire));
        Assert.False(SecondFacteur.Exige(Role.AgentCommune));
        // epci@ and admin@ of the demo are exempt (seed-demo): the password opens the session.
        await fx.App(BasesDeTest.Sqlite).ConnecterAsync("admin");
        var bailleur = await ComptesTests.CreerCompteAsync(fx, BasesDeTest.Sqlite);
        Assert.Equal(HttpStatusCode.Redirect, (await LogisFactory.Connexion(fx.App(BasesDeTest.Sqlite).Client(), bailleur, TerritoireSeeder.MotDePasseDemo)).StatusCode);
    }

    private static HttpClient Client(WebApplicationFactory<Program> app) =>
        app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static string CodeA(string secret, FakeTimeProvider horloge) =>
        Totp.Code(Totp.DepuisBase32(secret), Totp.PasDe(horloge.GetUtcNow()));

    /// <summary>Posts the code form of the step page <paramref name="page"/> (its ticket and antiforgery token).</summary>
    private static Task<HttpResponseMessage> CodeAsync(HttpClient client, IHtmlDocument page, string code)
    {
        var formulaire = page.QuerySelector("form[action*='handler=SecondFacteur']")!;
        string Valeur(string nom) => ((IHtmlInputElement)formulaire.QuerySelector($"input[name='{nom}']")!).Value;
        return client.PostAsync("/connexion?handler=SecondFacteur", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Ticket"] = Valeur("Ticket"), ["Code"] = code, ["__RequestVerificationToken"] = Valeur("__RequestVerificationToken"),
        }));
    }
}
