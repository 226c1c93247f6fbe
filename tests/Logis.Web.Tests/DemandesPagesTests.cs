using System.Net;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;

namespace Logis.Web.Tests;

[Collection(CollectionApplications.Nom)]
public class DemandesPagesTests(ApplicationsFixture fx)
{
    [Theory, DeuxBases]
    public async Task Un_agent_radie_par_la_page_et_un_partenaire_voit_toute_la_chronologie(string f)
    {
        var app = fx.App(f);
        var numero = await DemandesApiTests.CreerAsync(app.ClientApi("epci"), DemandesApiTests.Saisie("Pagetest"));

        var agent = await app.ConnecterAsync("epci");
        var page = await agent.GetAsync($"/demandes/{numero}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.DoesNotContain(DemandesApiTests.NirComplet, html, StringComparison.Ordinal);
        Assert.Contains("*************91", html, StringComparison.Ordinal);

        // Renewal too early: the domain's reason is shown, nothing changes.
        var jeton = await LogisFactory.JetonAsync(agent, $"/demandes/{numero}");
        var refus = await agent.PostAsync($"/demandes/{numero}?handler=Renouveler",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = jeton }));
        var docRefus = await LogisFactory.DocumentAsync(refus);
        Assert.Contains("renouvellement", docRefus.QuerySelector("[role=alert]")!.TextContent, StringComparison.OrdinalIgnoreCase);

        var radiation = await agent.PostAsync($"/demandes/{numero}?handler=Radier",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = jeton, ["motif"] = "b" }));
        Assert.Equal(HttpStatusCode.Redirect, radiation.StatusCode);

        var partenaire = await app.ConnecterAsync("reservataire");
        var vue = await LogisFactory.DocumentAsync(await partenaire.GetAsync($"/demandes/{numero}"));
        var lignes = vue.QuerySelectorAll("table caption").Single(c => c.TextContent.Contains("Événements", StringComparison.Ordinal))
            .ParentElement!.QuerySelectorAll("tbody tr");
        Assert.Equal(2, lignes.Length);
        Assert.Contains("radiée", lignes[1].TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("*************91", vue.Body!.TextContent, StringComparison.Ordinal); // not a sensitive-data role

        var recherche = await LogisFactory.DocumentAsync(await partenaire.GetAsync(await RechercherParNomAsync(partenaire, "pagetest")));
        Assert.Contains(recherche.QuerySelectorAll("tbody a"), a => a.TextContent == numero);
        var vide = await LogisFactory.DocumentAsync(await partenaire.GetAsync(await RechercherParNomAsync(partenaire, "zzzznobody")));
        Assert.Contains("Aucune demande", vide.Body!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>The search form posted (as a browser without JavaScript does); the address of the result page, without the name.</summary>
    public static async Task<string> RechercherParNomAsync(HttpClient client, string nom, string autres = "")
    {
        var jeton = await LogisFactory.JetonAsync(client, "/demandes");
        var champs = new Dictionary<string, string> { ["__RequestVerificationToken"] = jeton, ["nom"] = nom };
        foreach (var paire in autres.Split('&', StringSplitOptions.RemoveEmptyEntries)) champs[paire.Split('=')[0]] = paire.Split('=')[1];
        var r = await client.PostAsync("/demandes", new FormUrlEncodedContent(champs));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var adresse = r.Headers.Location!.OriginalString;
        Assert.DoesNotContain(nom, adresse, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("nom=", adresse, StringComparison.Ordinal);
        return adresse;
    }

    /// <summary>
    /// An applicant's name never travels in an address: not in the search's result page, not in its pagination links, and an old
    /// address with the name is redirected to one without it; the token that stands for the name reads only in its agent's session.
    /// </summary>
    [Theory, DeuxBases]
    public async Task Le_nom_cherche_ne_circule_jamais_dans_l_adresse(string f)
    {
        var app = fx.App(f);
        var api = app.ClientApi("epci");
        var numeros = new List<string>();
        for (var i = 0; i < 27; i++) numeros.Add(await DemandesApiTests.CreerAsync(api, DemandesApiTests.Saisie("Nomsecret")));
        var agent = await app.ConnecterAsync("epci");

        var adresse = await RechercherParNomAsync(agent, "Nomsecret", "statut=active");
        Assert.Contains("statut=active", adresse, StringComparison.Ordinal);
        var page = await agent.GetAsync(adresse);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var doc = await LogisFactory.DocumentAsync(page);
        Assert.Equal(25, doc.QuerySelectorAll("tbody a").Length);
        Assert.Equal("Nomsecret", doc.GetElementById("nom")!.GetAttribute("value"));
        var suivante = doc.QuerySelectorAll("nav[aria-label=Pagination] a").Single(a => a.TextContent == "Page suivante").GetAttribute("href")!;
        Assert.DoesNotContain("secret", suivante, StringComparison.OrdinalIgnoreCase);
        var page2 = await LogisFactory.DocumentAsync(await agent.GetAsync(suivante));
        Assert.True(page2.QuerySelectorAll("tbody a").Length >= 2);
        Assert.All(page2.QuerySelectorAll("tbody td:nth-child(2)"), td => Assert.Contains("NOMSECRET", td.TextContent.ToUpperInvariant(), StringComparison.Ordinal));

        // An old address with the name: redirected to the same search without it.
        var ancienne = await agent.GetAsync("/demandes?nom=Nomsecret&statut=active");
        Assert.Equal(HttpStatusCode.Redirect, ancienne.StatusCode);
        Assert.DoesNotContain("secret", ancienne.Headers.Location!.OriginalString, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(25, (await LogisFactory.DocumentAsync(await agent.GetAsync(ancienne.Headers.Location!.OriginalString))).QuerySelectorAll("tbody a").Length);

        // The token read in another agent's session: no result, a French message.
        var autre = await app.ConnecterAsync("bailleur");
        var ailleurs = await LogisFactory.DocumentAsync(await autre.GetAsync(adresse));
        Assert.Contains("saisissez de nouveau le nom", ailleurs.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Null(ailleurs.QuerySelector("tbody"));
    }

    [Fact]
    public async Task Anonyme_redirige_et_bailleur_hors_perimetre_404()
    {
        var app = fx.App(BasesDeTest.Sqlite);
        var anonyme = await app.Client().GetAsync("/demandes");
        Assert.Equal(HttpStatusCode.Redirect, anonyme.StatusCode);
        Assert.Contains("/connexion", anonyme.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var bailleur = await app.ConnecterAsync("bailleur");
        Assert.Equal(HttpStatusCode.OK, (await bailleur.GetAsync("/demandes")).StatusCode);
        var inconnu = Domain.Demandes.NumeroUnique.Creer("083", new DateOnly(2026, 1, 1), 999_998, "G0001").Valeur.Valeur;
        Assert.Equal(HttpStatusCode.NotFound, (await bailleur.GetAsync($"/demandes/{inconnu}")).StatusCode);
    }
}
