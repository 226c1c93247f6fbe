using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Logis.Application.Espace;
using Logis.Domain.Relances;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Logis.Web.Tests.Espace;

/// <summary>
/// The applicant space (issue 16, docs/espace-demandeur.md): accounts apart from agents', the confirmation link through the outbox,
/// linking a demand with the access code of its latest attestation, the home of a linked demand and its renewal — and the
/// isolation: another applicant's number, a wrong or former code, a forged number in every route, an agent's cookie.
/// </summary>
[Collection(CollectionApplications.Nom)]
public partial class EspaceDemandeurTests(ApplicationsFixture fx)
{
    private const string MotDePasse = "Logement-social-2026";

    [Theory, DeuxBases]
    public async Task Un_demandeur_cree_son_compte_lie_sa_demande_la_lit_et_la_renouvelle(string f)
    {
        var app = fx.App(f);
        var (numero, code) = await DemandeAvecAttestationAsync(f, "Espaceun");
        var demandeur = await CompteConfirmeAsync(f);

        // A wrong code and an unknown number get the same answer; nothing is linked.
        var faux = await LierAsync(demandeur, numero, "ABCD-EFGH-JKLM");
        var inconnu = await LierAsync(demandeur, "083251000001019999", code);
        Assert.Equal(HttpStatusCode.OK, faux.StatusCode);
        Assert.Equal(await AlerteAsync(faux), await AlerteAsync(inconnu));
        Assert.Contains(EspaceDemandeurService.MessageLiaisonRefusee, await AlerteAsync(faux), StringComparison.Ordinal);

        var lie = await LierAsync(demandeur, numero, code.ToLowerInvariant().Replace("-", " ", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, lie.StatusCode);
        Assert.Equal($"/espace/demandes/{numero}", lie.Headers.Location!.OriginalString);

        var page = await demandeur.GetAsync($"/espace/demandes/{numero}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var doc = await LogisFactory.DocumentAsync(page);
        Assert.Matches(@"obtient \d+ points", doc.QuerySelector("#total-cotation")!.TextContent);
        Assert.False(string.IsNullOrWhiteSpace(doc.QuerySelector("#positionnement")!.TextContent));
        Assert.Contains("Votre demande a été enregistrée", doc.QuerySelector("#chronologie")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("R441-10", doc.QuerySelector("#consequences-refus")!.TextContent, StringComparison.Ordinal);
        var finAvant = doc.QuerySelector("#fin-validite")!.TextContent;

        // Renewal: the same act as at a counter, the applicant as author, online.
        var jeton = await JetonAsync(demandeur, $"/espace/demandes/{numero}");
        var renouveler = await demandeur.PostAsync($"/espace/demandes/{numero}?handler=Renouveler", Formulaire(jeton));
        Assert.Equal(HttpStatusCode.Redirect, renouveler.StatusCode);
        var apres = await LogisFactory.DocumentAsync(await demandeur.GetAsync(renouveler.Headers.Location!.OriginalString));
        Assert.NotEqual(finAvant, apres.QuerySelector("#fin-validite")!.TextContent);
        Assert.Contains("Votre demande a été renouvelée (par vous)", apres.QuerySelector("#chronologie")!.TextContent, StringComparison.Ordinal);

        // The agents see it in the demand's timeline, and the journal holds the applicant's reads and acts (never the code).
        var evenements = await app.ClientApi("epci").GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}/evenements");
        var dernier = evenements.EnumerateArray().Last();
        Assert.Equal("Renouvellement", dernier.GetProperty("type").GetString());
        Assert.Contains("en ligne", dernier.GetProperty("resume").GetString()!, StringComparison.Ordinal);
        await using var db = fx.Base(f);
        var id = await IdAsync(db, numero);
        var actions = await db.Audit.AsNoTracking().Where(a => a.DemandeId == id).Select(a => a.Action).ToListAsync();
        Assert.Contains(ActionsAuditEspace.LiaisonRefusee, actions);
        Assert.Contains(ActionsAuditEspace.Liaison, actions);
        Assert.Contains(ActionsAuditEspace.Lecture, actions);
        Assert.Contains(ActionsAuditEspace.Renouvellement, actions);
        Assert.DoesNotContain(await db.Audit.AsNoTracking().Where(a => a.DemandeId == id && a.Detail != null).Select(a => a.Detail!).ToListAsync(),
            d => d.Contains(code, StringComparison.Ordinal));
    }

    [Theory, DeuxBases]
    public async Task Un_demandeur_ne_voit_jamais_la_demande_d_un_autre(string f)
    {
        var app = fx.App(f);
        var (numeroA, codeA) = await DemandeAvecAttestationAsync(f, "Espacea");
        var (numeroB, _) = await DemandeAvecAttestationAsync(f, "Espaceb");
        var a = await CompteConfirmeAsync(f);
        var b = await CompteConfirmeAsync(f);
        Assert.Equal(HttpStatusCode.Redirect, (await LierAsync(a, numeroA, codeA)).StatusCode);

        // B with A's number: A's code does not serve B's number, a wrong code does not serve A's number.
        Assert.Equal(HttpStatusCode.OK, (await LierAsync(b, numeroB, codeA)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await LierAsync(b, numeroA, "ABCD-EFGH-JKLM")).StatusCode);
        // A forged number in every route of B's space: not found, nothing changed.
        foreach (var n in new[] { numeroA, numeroB, "inconnu", "083251000001019999" })
        {
            foreach (var route in new[] { "", "/coordonnees", "/changement" })
                Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/espace/demandes/{n}{route}")).StatusCode);
            var jeton = await JetonAsync(b, "/espace?liste=1");
            Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsync($"/espace/demandes/{n}?handler=Renouveler", Formulaire(jeton))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsync($"/espace/demandes/{n}/coordonnees", Formulaire(jeton, ("Ligne1", "1 rue Forgée"),
                ("CodePostal", "83000"), ("Commune", "Toulon")))).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsync($"/espace/demandes/{n}/changement", Formulaire(jeton, ("Texte", "Forgé")))).StatusCode);
        }
        // Nothing changed on A's demand: its timeline holds no act of B.
        var evenementsA = await app.ClientApi("epci").GetStringAsync($"/api/v1/demandes/{numeroA}/evenements");
        Assert.DoesNotContain("Coordonnées corrigées", evenementsA, StringComparison.Ordinal);
        Assert.DoesNotContain("Changement de situation", evenementsA, StringComparison.Ordinal);
        var liste = await b.GetStringAsync("/espace?liste=1");
        Assert.DoesNotContain(numeroA, liste, StringComparison.Ordinal);
        Assert.DoesNotContain(numeroB, liste, StringComparison.Ordinal);

        // A new attestation issues a new code: the former one no longer links (A keeps its link).
        var nouveau = await CodeAttestationAsync(app, numeroA);
        Assert.NotEqual(codeA, nouveau);
        Assert.Equal(HttpStatusCode.OK, (await LierAsync(b, numeroA, codeA)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync($"/espace/demandes/{numeroA}")).StatusCode);

        // An agent's cookie does not open the applicant space, an applicant's cookie does not open the agents' pages.
        var agent = await app.ConnecterAsync("epci");
        var refus = await agent.GetAsync($"/espace/demandes/{numeroA}");
        Assert.Equal(HttpStatusCode.Redirect, refus.StatusCode);
        Assert.Equal("/espace/connexion", Chemin(refus));
        var cookie = CookieEspace(a);
        using var nu = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var requete = new HttpRequestMessage(HttpMethod.Get, $"/demandes/{numeroA}");
        requete.Headers.Add("Cookie", $"logis.espace={cookie}; logis.session={cookie}");
        var agents = await nu.SendAsync(requete);
        Assert.Equal(HttpStatusCode.Redirect, agents.StatusCode);
        Assert.Equal("/connexion", Chemin(agents));
        using var api = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/demandes/{numeroA}");
        api.Headers.Add("Cookie", $"logis.espace={cookie}; logis.session={cookie}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await nu.SendAsync(api)).StatusCode);
    }

    [Theory, DeuxBases]
    public async Task Les_codes_faux_repetes_sont_ralentis_par_compte(string f)
    {
        var (numero, code) = await DemandeAvecAttestationAsync(f, "Espacelent");
        var demandeur = await CompteConfirmeAsync(f);
        for (var i = 0; i < 5; i++) Assert.Equal(HttpStatusCode.OK, (await LierAsync(demandeur, numero, $"ABCD-EFGH-JKL{"MNPQR"[i]}")).StatusCode);
        var ralenti = await LierAsync(demandeur, numero, code);
        Assert.Equal(HttpStatusCode.TooManyRequests, ralenti.StatusCode);
        Assert.True(int.Parse(ralenti.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal(HttpStatusCode.NotFound, (await demandeur.GetAsync($"/espace/demandes/{numero}")).StatusCode);
        await using var db = fx.Base(f);
        var id = await IdAsync(db, numero);
        Assert.Equal(5, await db.Audit.CountAsync(a => a.DemandeId == id && a.Action == ActionsAuditEspace.LiaisonRefusee));
    }

    [Theory, DeuxBases]
    public async Task La_creation_et_la_connexion_ne_disent_pas_si_une_adresse_a_un_compte(string f)
    {
        var app = fx.App(f);
        var courriel = Adresse();
        var client = app.Client();
        var premiere = await CreerCompteAsync(client, courriel);
        var seconde = await CreerCompteAsync(client, courriel);
        Assert.Equal(ComptesDemandeurs.MessageCreation, premiere);
        Assert.Equal(premiere, seconde);
        await using var db = fx.Base(f);
        var messages = await db.Messages.AsNoTracking().Where(m => m.Destinataire == courriel).OrderBy(m => m.CreeLe).ToListAsync();
        Assert.Equal(2, messages.Count);
        Assert.All(messages, m => Assert.Equal(TypeRelance.CourrielCompte, m.Type));
        Assert.Contains("/espace/confirmer?jeton=", messages[0].Corps, StringComparison.Ordinal);
        Assert.DoesNotContain("jeton=", messages[1].Corps, StringComparison.Ordinal);
        Assert.Contains("existe déjà", messages[1].Corps, StringComparison.Ordinal);

        // Not confirmed: the right password opens nothing (a new link is sent); unknown address and wrong password: one answer.
        Assert.Equal(ComptesDemandeurs.MessageNonConfirme, await ConnexionAsync(client, courriel, MotDePasse));
        Assert.Equal(ComptesDemandeurs.MessageRefus, await ConnexionAsync(client, courriel, "Mauvais-mot-2026"));
        Assert.Equal(ComptesDemandeurs.MessageRefus, await ConnexionAsync(client, "personne-" + courriel, "Mauvais-mot-2026"));

        // A link serves once.
        var jeton = JetonConfirmation(messages[0].Corps);
        Assert.True(await ConfirmerAsync(client, jeton));
        Assert.False(await ConfirmerAsync(client, jeton));
        Assert.False(await ConfirmerAsync(client, "x" + jeton[1..]));
    }

    [Theory, DeuxBases]
    public async Task La_deconnexion_et_le_changement_de_mot_de_passe_ferment_les_sessions(string f)
    {
        var app = fx.App(f);
        var courriel = Adresse();
        var demandeur = await CompteConfirmeAsync(f, courriel);
        var cookie = CookieEspace(demandeur);
        var autre = app.Client();
        Assert.Equal(HttpStatusCode.Redirect, await StatutConnexionAsync(autre, courriel, MotDePasse));
        Assert.Equal(HttpStatusCode.OK, (await autre.GetAsync("/espace?liste=1")).StatusCode);

        // A new password: the other session ends, this one goes on.
        var jeton = await JetonAsync(demandeur, "/espace/mot-de-passe");
        var change = await demandeur.PostAsync("/espace/mot-de-passe", Formulaire(jeton, ("MotDePasseActuel", MotDePasse),
            ("NouveauMotDePasse", "Autre-mot-de-passe-2026"), ("Confirmation", "Autre-mot-de-passe-2026")));
        Assert.Contains("Votre mot de passe est changé", await change.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Memoriser(demandeur, change);
        Assert.Equal(HttpStatusCode.Redirect, (await autre.GetAsync("/espace?liste=1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await demandeur.GetAsync("/espace?liste=1")).StatusCode);

        // Sign-out: a copy of the cookie no longer opens anything.
        var copie = CookieEspace(demandeur);
        jeton = await JetonAsync(demandeur, "/espace?liste=1");
        Assert.Equal(HttpStatusCode.Redirect, (await demandeur.PostAsync("/espace/deconnexion", Formulaire(jeton))).StatusCode);
        foreach (var c in new[] { cookie, copie })
        {
            using var requete = new HttpRequestMessage(HttpMethod.Get, "/espace?liste=1");
            requete.Headers.Add("Cookie", $"logis.espace={c}");
            var r = await app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(requete);
            Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
            Assert.Equal("/espace/connexion", Chemin(r));
        }
    }

    [Theory, DeuxBases]
    public async Task Le_demandeur_corrige_ses_coordonnees_et_declare_un_changement_qu_un_agent_examine(string f)
    {
        var app = fx.App(f);
        var (numero, code) = await DemandeAvecAttestationAsync(f, "Espacecoord");
        var demandeur = await CompteConfirmeAsync(f);
        Assert.Equal(HttpStatusCode.Redirect, (await LierAsync(demandeur, numero, code)).StatusCode);

        // Reading the contact details is a recorded read.
        await using (var db = fx.Base(f))
        {
            var id = await IdAsync(db, numero);
            var avant = await db.Audit.CountAsync(a => a.DemandeId == id && a.Action == ActionsAuditEspace.Lecture);
            Assert.Equal(HttpStatusCode.OK, (await demandeur.GetAsync($"/espace/demandes/{numero}/coordonnees")).StatusCode);
            Assert.Equal(avant + 1, await db.Audit.CountAsync(a => a.DemandeId == id && a.Action == ActionsAuditEspace.Lecture));
        }

        // A wrong postal code: the demand's own rule, nothing written.
        var jeton = await JetonAsync(demandeur, $"/espace/demandes/{numero}/coordonnees");
        var invalide = await demandeur.PostAsync($"/espace/demandes/{numero}/coordonnees", Formulaire(jeton, ("Ligne1", "8 avenue Neuve"),
            ("CodePostal", "830"), ("Commune", "Toulon"), ("Courriel", "nouvelle@exemple.fr")));
        Assert.Contains("doit compter 5 chiffres", await invalide.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var ok = await demandeur.PostAsync($"/espace/demandes/{numero}/coordonnees", Formulaire(jeton, ("Ligne1", "8 avenue Neuve"),
            ("CodePostal", "83200"), ("Commune", "Toulon"), ("Telephone", "0611223344"), ("Courriel", "nouvelle@exemple.fr")));
        Assert.Contains("Vos coordonnées sont corrigées", await ok.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var db = fx.Base(f))
        {
            var id = await IdAsync(db, numero);
            var contact = (await db.Demandes.AsNoTracking().SingleAsync(d => d.Id == id)).Contenu.Contact;
            Assert.Equal(("8 avenue Neuve", "83200", "0611223344", "nouvelle@exemple.fr"),
                (contact.Adresse.Ligne1, contact.Adresse.CodePostal, contact.Telephone, contact.Courriel));
        }

        // A change of situation: pending, shown on the agents' page, validated there; both timelines say it.
        jeton = await JetonAsync(demandeur, $"/espace/demandes/{numero}/changement");
        var vide = await demandeur.PostAsync($"/espace/demandes/{numero}/changement", Formulaire(jeton, ("Texte", " "), ("Personnes", "99")));
        // Messages are read as a person reads them (the page encodes accented letters in its HTML).
        var texteVide = (await LogisFactory.DocumentAsync(vide)).Body!.TextContent;
        Assert.Contains("Décrivez le changement", texteVide, StringComparison.Ordinal);
        Assert.Contains("va de 1 à 20", texteVide, StringComparison.Ordinal);
        var declare = await demandeur.PostAsync($"/espace/demandes/{numero}/changement", Formulaire(jeton, ("Texte", "Naissance de notre fille en novembre."),
            ("Personnes", "3"), ("Ressources", "1850,50")));
        Assert.Contains("Votre déclaration est enregistrée", await declare.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var agent = await app.ConnecterAsync("epci");
        var pageAgent = await LogisFactory.DocumentAsync(await agent.GetAsync($"/demandes/{numero}"));
        var bloc = pageAgent.QuerySelector("#declarations + p + ul")!.TextContent;
        Assert.Contains("Naissance de notre fille", bloc, StringComparison.Ordinal);
        Assert.Contains("en attente d'examen", bloc, StringComparison.Ordinal);
        var declaration = pageAgent.QuerySelector("input[name=declaration]")!.GetAttribute("value")!;
        // The administrator reads only; a bailleur that does not see the demand does not find it.
        var admin = await app.ConnecterAsync("admin");
        var refus = await admin.PostAsync($"/demandes/{numero}?handler=TraiterDeclaration", Formulaire(await JetonAsync(admin, "/territoire"),
            ("declaration", declaration), ("valider", "true")));
        Assert.Equal(HttpStatusCode.Forbidden, refus.StatusCode);
        var valide = await agent.PostAsync($"/demandes/{numero}?handler=TraiterDeclaration", Formulaire(await JetonAsync(agent, $"/demandes/{numero}"),
            ("declaration", declaration), ("valider", "true")));
        Assert.Equal(HttpStatusCode.Redirect, valide.StatusCode);
        var encore = await agent.PostAsync($"/demandes/{numero}?handler=TraiterDeclaration", Formulaire(await JetonAsync(agent, $"/demandes/{numero}"),
            ("declaration", declaration), ("valider", "false")));
        Assert.Equal(Logis.Application.Espace.DeclarationsService.Introuvable, await AlerteAsync(encore));
        var evenements = await app.ClientApi("epci").GetStringAsync($"/api/v1/demandes/{numero}/evenements");
        Assert.Contains("Coordonnées corrigées par le demandeur", evenements, StringComparison.Ordinal);
        Assert.Contains("Changement de situation déclaré par le demandeur, en attente", evenements, StringComparison.Ordinal);
        Assert.Contains("pris en compte par un agent", evenements, StringComparison.Ordinal);
        Assert.DoesNotContain("Naissance de notre fille", evenements, StringComparison.Ordinal);
        var chronologie = (await LogisFactory.DocumentAsync(await demandeur.GetAsync($"/espace/demandes/{numero}"))).QuerySelector("#chronologie")!.TextContent;
        Assert.Contains("Vos coordonnées ont été corrigées (par vous)", chronologie, StringComparison.Ordinal);
        Assert.Contains("Le changement de situation déclaré a été examiné", chronologie, StringComparison.Ordinal);
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    private static Task<Domain.Demandes.DemandeId> IdAsync(Persistence.LogisDbContext db, string numero)
    {
        Assert.True(Domain.Demandes.NumeroUnique.TryParse(numero, out var n));
        return db.Demandes.Where(d => d.Numero == n).Select(d => d.Id).SingleAsync();
    }

    private static string Adresse() => $"demandeur-{Guid.NewGuid():N}@exemple.fr";

    /// <summary>A demand registered ten months ago (its renewal window is open) and the code of the attestation an agent printed.</summary>
    private async Task<(string Numero, string Code)> DemandeAvecAttestationAsync(string f, string nom)
    {
        var app = fx.App(f);
        var json = JsonSerializer.SerializeToNode(DemandesApiTests.Saisie(nom))!.AsObject();
        json["dateDepot"] = Horloges.Aujourdhui.AddMonths(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        json["motifDateDepot"] = "Dossier papier reçu au guichet, saisi en retard";
        var numero = await DemandesApiTests.CreerAsync(app.ClientApi("epci"), json);
        return (numero, await CodeAttestationAsync(app, numero));
    }

    private static async Task<string> CodeAttestationAsync(LogisFactory app, string numero)
    {
        var agent = await app.ConnecterAsync("epci");
        var doc = await LogisFactory.DocumentAsync(await agent.GetAsync($"/demandes/{numero}/attestation"));
        return doc.QuerySelector("#code-acces")!.TextContent.Trim();
    }

    /// <summary>A signed-in applicant whose address is confirmed through the link read from the outbox.</summary>
    private async Task<HttpClient> CompteConfirmeAsync(string f, string? courriel = null)
    {
        courriel ??= Adresse();
        var client = fx.App(f).Client();
        Assert.Equal(ComptesDemandeurs.MessageCreation, await CreerCompteAsync(client, courriel));
        await using (var db = fx.Base(f))
        {
            var corps = await db.Messages.AsNoTracking().Where(m => m.Destinataire == courriel).Select(m => m.Corps).SingleAsync();
            Assert.True(await ConfirmerAsync(client, JetonConfirmation(corps)));
        }
        Assert.Equal(HttpStatusCode.Redirect, await StatutConnexionAsync(client, courriel, MotDePasse));
        return client;
    }

    private static async Task<string> CreerCompteAsync(HttpClient client, string courriel)
    {
        var jeton = await JetonAsync(client, "/espace/creer-compte");
        var r = await client.PostAsync("/espace/creer-compte", Formulaire(jeton, ("Courriel", courriel), ("MotDePasse", MotDePasse), ("Confirmation", MotDePasse)));
        return (await LogisFactory.DocumentAsync(r)).QuerySelector(".alerte")!.TextContent.Trim();
    }

    private static async Task<bool> ConfirmerAsync(HttpClient client, string jeton)
    {
        var af = await JetonAsync(client, "/espace/confirmer?jeton=" + jeton);
        var r = await client.PostAsync("/espace/confirmer", Formulaire(af, ("Jeton", jeton)));
        return (await r.Content.ReadAsStringAsync()).Contains("Votre adresse est confirmée", StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> StatutConnexionAsync(HttpClient client, string courriel, string motDePasse)
    {
        var jeton = await JetonAsync(client, "/espace/connexion");
        var r = await client.PostAsync("/espace/connexion", Formulaire(jeton, ("Courriel", courriel), ("MotDePasse", motDePasse)));
        Memoriser(client, r);
        return r.StatusCode;
    }

    private static async Task<string> ConnexionAsync(HttpClient client, string courriel, string motDePasse)
    {
        var jeton = await JetonAsync(client, "/espace/connexion");
        var r = await client.PostAsync("/espace/connexion", Formulaire(jeton, ("Courriel", courriel), ("MotDePasse", motDePasse)));
        return await AlerteAsync(r);
    }

    private static async Task<HttpResponseMessage> LierAsync(HttpClient client, string numero, string code)
    {
        var jeton = await JetonAsync(client, "/espace?liste=1");
        return await client.PostAsync("/espace?handler=Lier", Formulaire(jeton, ("Numero", numero), ("Code", code)));
    }

    private static async Task<string> AlerteAsync(HttpResponseMessage r) =>
        (await LogisFactory.DocumentAsync(r)).QuerySelector(".alerte-erreur p")?.TextContent.Trim() ?? "";

    private static string JetonConfirmation(string corps) => JetonLien().Match(corps).Groups[1].Value;

    [GeneratedRegex(@"/espace/confirmer\?jeton=([A-Za-z0-9_-]+)")]
    private static partial Regex JetonLien();

    private static Task<string> JetonAsync(HttpClient client, string page) => LogisFactory.JetonAsync(client, page);

    private static FormUrlEncodedContent Formulaire(string jeton, params (string Cle, string Valeur)[] champs) =>
        new(champs.Select(c => KeyValuePair.Create(c.Cle, c.Valeur)).Append(KeyValuePair.Create("__RequestVerificationToken", jeton)));

    /// <summary>The value of the applicant space's session cookie last set for the client (kept from the responses that set it).</summary>
    private static string CookieEspace(HttpClient client) =>
        Cookies.TryGetValue(client, out var c) ? c : throw new InvalidOperationException("Cookie de l'espace inconnu.");

    private static void Memoriser(HttpClient client, HttpResponseMessage r)
    {
        if (!r.Headers.TryGetValues("Set-Cookie", out var valeurs)) return;
        foreach (var v in valeurs.Where(v => v.StartsWith("logis.espace=", StringComparison.Ordinal) && !v.StartsWith("logis.espace=;", StringComparison.Ordinal)))
            Cookies.AddOrUpdate(client, v["logis.espace=".Length..v.IndexOf(';', StringComparison.Ordinal)]);
    }

    private static string Chemin(HttpResponseMessage r) =>
        r.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.AbsolutePath : l.OriginalString.Split('?')[0]) : "";

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<HttpClient, string> Cookies = new();
}
