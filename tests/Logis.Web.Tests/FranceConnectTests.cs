using Logis.Application.Acces;
using System.Net;
using Logis.Application.Cotation;
using Logis.Application.Espace;
using Logis.Persistence.Acces;
using Logis.Persistence.Espace;
using Logis.Tests.Infrastructure;
using Logis.Web.Features.Espace;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Logis.Web.Tests;

/// <summary>
/// FranceConnect (OpenID Connect, version 2) for applicants, against the local test provider on the loopback
/// (<see cref="FournisseurIdentiteDeTest"/>): eidas1 asked and the returned level checked, state, nonce, signatures, issuer,
/// audience and lifetime checked by the shared plumbing (ConnexionOidc), the account found by subject, created with the verified
/// address, or linked to the local account of that address only once its password is given; sign-out carried to FranceConnect
/// (with ProConnect in <see cref="ConnexionOidcTests"/>: forged tokens, altered state, no settings, sign-out).
/// </summary>
[Collection(CollectionApplications.Nom)]
public class FranceConnectTests(ApplicationsFixture fx) : ConnexionOidcTests(fx, Parcours)
{
    private static readonly ParcoursOidcDeTest Parcours = new("FranceConnect", "/espace/connexion", "/espace", ConnexionModel.MessageEchecFranceConnect,
        "logis.espace", "/espace/deconnexion", "/espace/connexion");

    protected override Task<PersonneProConnect> PersonneAsync(string f) =>
        Task.FromResult(new PersonneProConnect($"sujet-fc-{Guid.NewGuid():N}", $"fc-{Guid.NewGuid():N}@exemple.fr"));

    protected override async Task AucunSujetRelieAsync(string f, PersonneProConnect personne)
    {
        await using var db = Fx.Base(f);
        Assert.False(await db.ComptesDemandeurs.AnyAsync(c => c.SujetExterne == personne.Sujet || c.Courriel == personne.Courriel));
    }

    private const string MotDePasse = "Logement-social-2026";

    [Theory, DeuxBases]
    public async Task Un_demandeur_entre_par_franceconnect_son_compte_est_cree_puis_tenu_par_le_sujet(string f)
    {
        var (horloge, idp) = await FournisseurAsync();
        await using var _ = idp;
        await using var app = Avec(Fx.App(f), idp, horloge);
        var courriel = $"fc-{Guid.NewGuid():N}@exemple.fr";
        idp.Personne = new PersonneProConnect($"sujet-fc-{Guid.NewGuid():N}", courriel.ToUpperInvariant());

        var client = Client(app);
        var ouvert = await ParFournisseurAsync(client, idp);
        Assert.Equal(HttpStatusCode.Redirect, ouvert.StatusCode);
        Assert.True("/espace" == ouvert.Headers.Location!.OriginalString, string.Join("\n", idp.Journal.Messages));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/espace")).StatusCode);
        // The applicant's session opens no agent page.
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/territoire")).StatusCode);

        var demande = idp.Autorisations.Last();
        Assert.Equal(["acr_values", "client_id", "code_challenge", "code_challenge_method", "nonce", "redirect_uri", "response_type", "scope", "state"],
            demande.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("eidas1", demande["acr_values"]);
        Assert.Equal("http://localhost/espace/connexion/franceconnect/retour", demande["redirect_uri"]);
        Assert.True(demande["state"].ToString().Length >= 32 && demande["nonce"].ToString().Length >= 32);
        Assert.Equal(["birthdate", "email", "family_name", "given_name", "openid"], demande["scope"].ToString().Split(' ').Order(StringComparer.Ordinal));
        await using (var db = Fx.Base(f))
        {
            var compte = await db.ComptesDemandeurs.SingleAsync(c => c.SujetExterne == idp.Personne.Sujet);
            Assert.Equal(courriel, compte.Courriel);
            Assert.NotNull(compte.CourrielConfirmeLe);
        }

        // The subject holds the account: a changed address at FranceConnect still opens the same one.
        idp.Personne = idp.Personne with { Courriel = $"autre-{Guid.NewGuid():N}@exemple.fr" };
        Assert.Equal("/espace", (await ParFournisseurAsync(Client(app), idp)).Headers.Location!.OriginalString);
        await using (var db = Fx.Base(f))
        {
            Assert.Equal(1, await db.ComptesDemandeurs.CountAsync(c => c.SujetExterne == idp.Personne.Sujet || c.Courriel == idp.Personne.Courriel));
            // Both sign-ins are in the journal, under the account (docs/protection-des-donnees.md §2 item 17).
            var id = await db.ComptesDemandeurs.Where(c => c.SujetExterne == idp.Personne.Sujet).Select(c => c.Id).SingleAsync();
            Assert.Equal(2, await db.Audit.CountAsync(a => a.AuteurId == id && a.Action == ActionsAuditConnexion.FranceConnect));
        }
    }

    [Theory, DeuxBases]
    public async Task Un_compte_local_de_la_meme_adresse_n_est_relie_qu_avec_son_mot_de_passe(string f)
    {
        var (horloge, idp) = await FournisseurAsync();
        await using var _ = idp;
        await using var app = Avec(Fx.App(f), idp, horloge);
        var courriel = $"local-{Guid.NewGuid():N}@exemple.fr";
        await using (var db = Fx.Base(f))
        {
            db.ComptesDemandeurs.Add(new CompteDemandeur
            {
                Id = Guid.NewGuid(), EpciSiren = app.Services.GetRequiredService<GrillesCotation>().Territoire, Courriel = courriel,
                MotDePasseHache = Secrets.HacherMotDePasse(MotDePasse), CreeLe = horloge.GetUtcNow(), CourrielConfirmeLe = horloge.GetUtcNow(),
            });
            await db.SaveChangesAsync();
        }
        idp.Personne = new PersonneProConnect($"sujet-fc-{Guid.NewGuid():N}", courriel);

        var client = Client(app);
        var etape = await LogisFactory.DocumentAsync(await ParFournisseurAsync(client, idp));
        Assert.Equal(ComptesDemandeurs.MessageFranceConnectLier, etape.QuerySelector("[role=alert]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/espace")).StatusCode);
        await using (var db = Fx.Base(f))
            Assert.Null(await db.ComptesDemandeurs.Where(c => c.Courriel == courriel).Select(c => c.SujetExterne).SingleAsync());

        var faux = await LierAsync(client, "Pas-le-bon-mot-2026");
        Assert.Equal(HttpStatusCode.OK, faux.StatusCode);
        Assert.Contains("Mot de passe incorrect", (await LogisFactory.DocumentAsync(faux)).QuerySelector("#MotDePasse-erreur")!.TextContent, StringComparison.Ordinal);
        var relie = await LierAsync(client, MotDePasse);
        Assert.Equal(HttpStatusCode.Redirect, relie.StatusCode);
        Assert.Equal("/espace", relie.Headers.Location!.OriginalString);
        await using (var db = Fx.Base(f))
        {
            Assert.Equal(idp.Personne.Sujet, await db.ComptesDemandeurs.Where(c => c.Courriel == courriel).Select(c => c.SujetExterne).SingleAsync());
            var id = await db.ComptesDemandeurs.Where(c => c.Courriel == courriel).Select(c => c.Id).SingleAsync();
            Assert.Equal(1, await db.Audit.CountAsync(a => a.AuteurId == id && a.Action == ActionsAuditConnexion.Echec && a.Detail!.Contains("FranceConnect à relier")));
            Assert.Equal(1, await db.Audit.CountAsync(a => a.AuteurId == id && a.Action == ActionsAuditConnexion.FranceConnect));
        }
        // From now on FranceConnect alone opens it.
        Assert.Equal("/espace", (await ParFournisseurAsync(Client(app), idp)).Headers.Location!.OriginalString);
    }

    [Theory, DeuxBases]
    public async Task Un_compte_ouvert_par_franceconnect_definit_un_mot_de_passe_depuis_une_session_franceconnect(string f)
    {
        var (horloge, idp) = await FournisseurAsync();
        await using var _ = idp;
        await using var app = Avec(Fx.App(f), idp, horloge);
        var courriel = $"fc-mdp-{Guid.NewGuid():N}@exemple.fr";
        idp.Personne = new PersonneProConnect($"sujet-fc-{Guid.NewGuid():N}", courriel);
        var client = Client(app);
        Assert.Equal("/espace", (await ParFournisseurAsync(client, idp)).Headers.Location!.OriginalString);
        var autre = Client(app);
        Assert.Equal("/espace", (await ParFournisseurAsync(autre, idp)).Headers.Location!.OriginalString);

        // No password yet: the address and any password open nothing; the space offers to set one.
        Assert.Equal(HttpStatusCode.OK, await ConnexionParMotDePasseAsync(Client(app), courriel, MotDePasse));
        var espace = await LogisFactory.DocumentAsync(await client.GetAsync("/espace?liste=1"));
        Assert.NotNull(espace.QuerySelector("a[href='/espace/definir-mot-de-passe']"));
        Assert.Null(espace.QuerySelector("a[href='/espace/mot-de-passe']"));

        // The rule of sign-up: a common word with digits around, a confirmation that differs.
        var faible = await DefinirAsync(client, "Soleil2026!", "Soleil2026!");
        Assert.Equal(HttpStatusCode.OK, faible.StatusCode);
        Assert.NotEmpty((await LogisFactory.DocumentAsync(faible)).QuerySelector("#MotDePasse-erreur")!.TextContent.Trim());
        var differente = await LogisFactory.DocumentAsync(await DefinirAsync(client, MotDePasse, MotDePasse + "x"));
        Assert.Contains("La confirmation ne reprend pas", differente.QuerySelector("#Confirmation-erreur")!.TextContent, StringComparison.Ordinal);
        await using (var db = Fx.Base(f))
            Assert.False((await db.ComptesDemandeurs.AsNoTracking().SingleAsync(c => c.Courriel == courriel)).AMotDePasse());

        var defini = await DefinirAsync(client, MotDePasse, MotDePasse);
        Assert.Contains("Votre mot de passe est enregistré", await defini.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // This session goes on (still a FranceConnect one: its sign-out goes there), the other one ends.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/espace?liste=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await autre.GetAsync("/espace?liste=1")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await ConnexionParMotDePasseAsync(Client(app), courriel, MotDePasse));
        await using (var db = Fx.Base(f))
        {
            var compte = await db.ComptesDemandeurs.AsNoTracking().SingleAsync(c => c.Courriel == courriel);
            Assert.True(compte.AMotDePasse());
            Assert.Equal(idp.Personne.Sujet, compte.SujetExterne);
            Assert.Equal(1, await db.Audit.CountAsync(a => a.AuteurId == compte.Id && a.Action == ActionsAuditConnexion.MotDePasseDefini));
        }

        // Once set, it is changed with the current one, never set again.
        var page = await LogisFactory.DocumentAsync(await client.GetAsync("/espace/definir-mot-de-passe"));
        Assert.Null(page.QuerySelector("form input[name=MotDePasse]"));
        var encore = await DefinirAsync(client, "Encore-un-autre-2026", "Encore-un-autre-2026", jeton: await LogisFactory.JetonAsync(client, "/espace?liste=1"));
        Assert.Equal(ComptesDemandeurs.MessageMotDePasseDejaDefini, (await LogisFactory.DocumentAsync(encore)).QuerySelector("main [role=status]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, await ConnexionParMotDePasseAsync(Client(app), courriel, MotDePasse));
    }

    [Theory, DeuxBases]
    public async Task Une_session_ouverte_par_mot_de_passe_ne_definit_pas_de_mot_de_passe(string f)
    {
        // An account marked without password (as FranceConnect opens them) reached by a session that FranceConnect did not open: refused.
        var (horloge, idp) = await FournisseurAsync();
        await using var _ = idp;
        await using var app = Avec(Fx.App(f), idp, horloge);
        var courriel = $"sans-fc-{Guid.NewGuid():N}@exemple.fr";
        Guid id;
        string hache;
        await using (var db = Fx.Base(f))
        {
            var compte = new CompteDemandeur
            {
                Id = Guid.NewGuid(), EpciSiren = app.Services.GetRequiredService<GrillesCotation>().Territoire, Courriel = courriel,
                MotDePasseHache = Secrets.HacherMotDePasse(MotDePasse), CreeLe = horloge.GetUtcNow(), CourrielConfirmeLe = horloge.GetUtcNow(),
            };
            db.ComptesDemandeurs.Add(compte);
            await db.SaveChangesAsync();
            (id, hache) = (compte.Id, compte.MotDePasseHache);
        }
        var client = Client(app);
        Assert.Equal(HttpStatusCode.Redirect, await ConnexionParMotDePasseAsync(client, courriel, MotDePasse));
        await using (var db = Fx.Base(f))
            await db.ComptesDemandeurs.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.MotDePasseHache, CompteDemandeur.MarquerSansMotDePasse(hache)));
        var page = await LogisFactory.DocumentAsync(await client.GetAsync("/espace/definir-mot-de-passe"));
        Assert.Null(page.QuerySelector("form input[name=MotDePasse]"));
        Assert.Contains(ComptesDemandeurs.MessageDefinirParFranceConnect, page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var refus = await DefinirAsync(client, "Encore-un-autre-2026", "Encore-un-autre-2026", jeton: await LogisFactory.JetonAsync(client, "/espace?liste=1"));
        Assert.Equal(ComptesDemandeurs.MessageDefinirParFranceConnect, (await LogisFactory.DocumentAsync(refus)).QuerySelector("main [role=status]")!.TextContent.Trim());
        await using (var db = Fx.Base(f))
            Assert.Equal(CompteDemandeur.MarquerSansMotDePasse(hache), await db.ComptesDemandeurs.Where(c => c.Id == id).Select(c => c.MotDePasseHache).SingleAsync());
        // Marked without password, the account's former password no longer opens it either (same answer as a wrong one).
        Assert.Equal(HttpStatusCode.OK, await ConnexionParMotDePasseAsync(Client(app), courriel, MotDePasse));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("eidas1", "eidas2")]
    public async Task Un_niveau_eidas_trop_faible_n_ouvre_rien(string? acr, string? niveauExige)
    {
        var (horloge, idp) = await FournisseurAsync();
        await using var _ = idp;
        await using var app = Avec(Fx.App(BasesDeTest.Sqlite), idp, horloge, niveauExige is null ? [] : [("Logis:FranceConnect:NiveauEidas", niveauExige)]);
        idp.Personne = await PersonneAsync(BasesDeTest.Sqlite);
        idp.Acr = acr;
        await RefuseAsync(app, idp);
        Assert.Contains(idp.Journal.Messages, m => m.Contains("niveau eIDAS insuffisant", StringComparison.Ordinal));
        await AucunSujetRelieAsync(BasesDeTest.Sqlite, idp.Personne);
    }

    private static async Task<HttpStatusCode> ConnexionParMotDePasseAsync(HttpClient client, string courriel, string motDePasse)
    {
        var jeton = await LogisFactory.JetonAsync(client, "/espace/connexion");
        var r = await client.PostAsync("/espace/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Courriel"] = courriel, ["MotDePasse"] = motDePasse, ["__RequestVerificationToken"] = jeton,
        }));
        return r.StatusCode;
    }

    private static async Task<HttpResponseMessage> DefinirAsync(HttpClient client, string motDePasse, string confirmation, string? jeton = null)
    {
        jeton ??= await LogisFactory.JetonAsync(client, "/espace/definir-mot-de-passe");
        return await client.PostAsync("/espace/definir-mot-de-passe", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["MotDePasse"] = motDePasse, ["Confirmation"] = confirmation, ["__RequestVerificationToken"] = jeton,
        }));
    }

    private static async Task<HttpResponseMessage> LierAsync(HttpClient client, string motDePasse)
    {
        var page = await LogisFactory.DocumentAsync(await client.GetAsync("/espace/connexion?handler=FranceConnect"));
        var jeton = page.QuerySelector("form[action*=LierFranceConnect] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return await client.PostAsync("/espace/connexion?handler=LierFranceConnect", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["MotDePasse"] = motDePasse, ["__RequestVerificationToken"] = jeton,
        }));
    }
}
