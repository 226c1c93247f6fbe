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

        var recherche = await LogisFactory.DocumentAsync(await partenaire.GetAsync($"/demandes?nom=pagetest"));
        Assert.Contains(recherche.QuerySelectorAll("tbody a"), a => a.TextContent == numero);
        var vide = await LogisFactory.DocumentAsync(await partenaire.GetAsync("/demandes?nom=zzzznobody"));
        Assert.Contains("Aucune demande", vide.Body!.TextContent, StringComparison.Ordinal);
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
