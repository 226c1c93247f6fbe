using System.Net;
using Logis.Application.Acces;
using Logis.Domain.Acces;
using Logis.Tests.Infrastructure;
using Logis.Web.Features.Connexion;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Logis.Web.Tests;

/// <summary>
/// ProConnect (OpenID Connect) for agents, against a local test provider on the loopback (<see cref="FournisseurIdentiteDeTest"/>):
/// the account found by address then held by subject, state, nonce, signature, issuer, audience and lifetime checked, the second
/// factor still asked unless ProConnect attests one, and the sign-out carried to ProConnect with the identity token (with FranceConnect
/// in <see cref="ConnexionOidcTests"/>: forged tokens, altered state, no settings, sign-out).
/// </summary>
[Collection(CollectionApplications.Nom)]
public class ProConnectTests(ApplicationsFixture fx) : ConnexionOidcTests(fx, Parcours)
{
    private static readonly ParcoursOidcDeTest Parcours = new("ProConnect", "/connexion", "/territoire", ConnexionModel.MessageEchecProConnect,
        "logis.session", "/deconnexion", "/");

    protected override async Task<PersonneProConnect> PersonneAsync(string f) =>
        new($"sujet-{Guid.NewGuid():N}", await ComptesTests.CreerCompteAsync(Fx, f));

    protected override async Task AucunSujetRelieAsync(string f, PersonneProConnect personne)
    {
        await using var db = Fx.Base(f);
        Assert.Null(await db.Utilisateurs.Where(u => u.Identifiant == personne.Courriel).Select(u => u.SujetProConnect).SingleAsync());
        Assert.False(await db.Utilisateurs.AnyAsync(u => u.SujetProConnect == personne.Sujet));
    }

    [Theory, DeuxBases]
    public async Task Un_agent_entre_par_proconnect_son_compte_est_ensuite_tenu_par_le_sujet(string f)
    {
        var (horloge, idp) = await FournisseurAsync();
        await using var _ = idp;
        await using var app = Avec(Fx.App(f), idp, horloge);
        var identifiant = await ComptesTests.CreerCompteAsync(Fx, f);
        idp.Personne = new PersonneProConnect($"sujet-{Guid.NewGuid():N}", identifiant.ToUpperInvariant());

        var client = Client(app);
        var ouvert = await ParFournisseurAsync(client, idp, "/demandes");
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
        await using (var db = Fx.Base(f))
            Assert.Equal(idp.Personne.Sujet, await db.Utilisateurs.Where(u => u.Identifiant == identifiant).Select(u => u.SujetProConnect).SingleAsync());

        // The subject now holds the account: a changed address at ProConnect still opens it...
        idp.Personne = idp.Personne with { Courriel = "nouvelle.adresse@exemple.gouv.fr" };
        Assert.Equal(HttpStatusCode.Redirect, (await ParFournisseurAsync(Client(app), idp)).StatusCode);
        // ...and another identity carrying the account's address does not.
        idp.Personne = new PersonneProConnect("un-autre-sujet", identifiant);
        var autre = Client(app);
        var refuse = await LogisFactory.DocumentAsync(await ParFournisseurAsync(autre, idp));
        Assert.Equal(ComptesAgents.MessageProConnectAutreIdentite, refuse.QuerySelector("[role=alert]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await autre.GetAsync("/territoire")).StatusCode);
    }

    [Theory, DeuxBases]
    public async Task Proconnect_n_ouvre_pas_de_compte(string f)
    {
        var (horloge, idp) = await FournisseurAsync();
        await using var _ = idp;
        await using var app = Avec(Fx.App(f), idp, horloge);
        idp.Personne = new PersonneProConnect($"sujet-{Guid.NewGuid():N}", $"inconnu-{Guid.NewGuid():N}@exemple.gouv.fr");
        var client = Client(app);
        var page = await LogisFactory.DocumentAsync(await ParFournisseurAsync(client, idp));
        Assert.Equal(ComptesAgents.MessageProConnectSansCompte, page.QuerySelector("[role=alert]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/territoire")).StatusCode);
        await using var db = Fx.Base(f);
        Assert.False(await db.Utilisateurs.AnyAsync(u => u.SujetProConnect == idp.Personne.Sujet));
    }

    [Theory, DeuxBases]
    public async Task L_organisme_nomme_par_proconnect_doit_etre_connu(string f)
    {
        var (horloge, idp) = await FournisseurAsync();
        await using var _ = idp;
        await using var app = Avec(Fx.App(f), idp, horloge);
        var identifiant = await ComptesTests.CreerCompteAsync(Fx, f, Role.AgentReservataire);
        var sujet = $"sujet-{Guid.NewGuid():N}";
        foreach (var siret in new[] { "12345678900012", "2483005430001", null })
        {
            idp.Personne = new PersonneProConnect(sujet, identifiant) { Siret = siret };
            var client = Client(app);
            var page = await LogisFactory.DocumentAsync(await ParFournisseurAsync(client, idp));
            Assert.Equal(ComptesAgents.MessageProConnectOrganisme, page.QuerySelector("[role=alert]")!.TextContent.Trim());
            Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/territoire")).StatusCode);
        }
        // The same organisation declared by the configuration (a préfecture, a commune…) is accepted.
        await using var declare = Avec(Fx.App(f), idp, horloge, ("Logis:ProConnect:SirenOrganismes:0", "123456789"));
        idp.Personne = new PersonneProConnect(sujet, identifiant) { Siret = "12345678900012" };
        Assert.Equal(HttpStatusCode.Redirect, (await ParFournisseurAsync(Client(declare), idp)).StatusCode);
    }

    [Theory, DeuxBases]
    public async Task Le_second_facteur_reste_demande_sauf_si_proconnect_l_atteste(string f)
    {
        var (horloge, idp) = await FournisseurAsync();
        await using var _ = idp;
        await using var app = Avec(Fx.App(f), idp, horloge);
        var identifiant = await ComptesTests.CreerCompteAsync(Fx, f, Role.AgentEpci);
        var sujet = $"sujet-{Guid.NewGuid():N}";

        idp.Personne = new PersonneProConnect(sujet, identifiant, "pwd");
        var client = Client(app);
        var etape = await LogisFactory.DocumentAsync(await ParFournisseurAsync(client, idp));
        Assert.Equal("Second facteur", etape.QuerySelector("h1")!.TextContent);
        Assert.NotNull(etape.QuerySelector("#secret-totp"));
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/territoire")).StatusCode);

        idp.Personne = new PersonneProConnect(sujet, identifiant, "pwd", "totp", "mfa");
        var fort = Client(app);
        Assert.Equal(HttpStatusCode.Redirect, (await ParFournisseurAsync(fort, idp)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fort.GetAsync("/territoire")).StatusCode);
    }
}
