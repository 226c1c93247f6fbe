using System.Net;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;

namespace Logis.Web.Tests;

[Collection(CollectionApplications.Nom)]
public class TerritoirePagesTests(ApplicationsFixture fx)
{
    public static TheoryData<string> Comptes => new() { "epci", "bailleur", "reservataire", "commune", "admin" };

    [Theory, DeuxBases]
    public async Task L_apercu_liste_les_12_communes_et_les_15_qpv(string f)
    {
        var client = await fx.App(f).ConnecterAsync("epci");
        var doc = await LogisFactory.DocumentAsync(await client.GetAsync("/territoire"));
        Assert.Equal("Métropole Toulon-Provence-Méditerranée", doc.QuerySelector("h1")!.TextContent.Trim());
        var tableaux = doc.QuerySelectorAll("table");
        var communes = tableaux[0].QuerySelectorAll("tbody tr");
        Assert.Equal(12, communes.Length);
        var toulon = communes.Single(tr => tr.QuerySelector("th")!.TextContent.Trim() == "Toulon");
        Assert.Equal("179 116", toulon.QuerySelectorAll("td")[1].TextContent.Trim().Replace('\u202f', ' ').Replace('\u00a0', ' '));
        Assert.Equal(15, tableaux[1].QuerySelectorAll("tbody tr").Length);
    }

    [Theory, MemberData(nameof(Comptes))]
    public async Task Chaque_role_voit_le_territoire_et_une_commune(string compte)
    {
        var client = await fx.App(BasesDeTest.Sqlite).ConnecterAsync(compte);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/territoire")).StatusCode);
        var doc = await LogisFactory.DocumentAsync(await client.GetAsync("/territoire/communes/83069"));
        Assert.Equal("Hyères", doc.QuerySelector("h1")!.FirstChild!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/territoire/communes/13055")).StatusCode);
    }

    [Theory]
    [InlineData("/territoire")]
    [InlineData("/territoire/communes/83137")]
    [InlineData("/territoire/bailleurs/00000000-0000-0000-0000-000000000001")]
    public async Task Un_anonyme_est_renvoye_vers_la_connexion(string url)
    {
        var reponse = await fx.App(BasesDeTest.Sqlite).Client().GetAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, reponse.StatusCode);
        Assert.StartsWith("/connexion", reponse.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Theory, DeuxBases]
    public async Task Un_bailleur_voit_le_detail_de_son_parc_et_pas_celui_des_autres(string f)
    {
        await using var db = fx.Base(f);
        var bailleurs = BailleursSynthetiques.Pour(db.Epcis.Single(e => e.Siren == Domain.Territoire.Siren.Create(TerritoireSeeder.SirenTpm)));
        var sien = bailleurs[0].Bailleur.Id;
        var autre = bailleurs[2].Bailleur.Id;

        var client = await fx.App(f).ConnecterAsync("bailleur");
        var docSien = await LogisFactory.DocumentAsync(await client.GetAsync($"/territoire/bailleurs/{sien}?commune=83137&typologie=T2"));
        var lignes = docSien.QuerySelectorAll("table")[1].QuerySelectorAll("tbody tr");
        Assert.Equal(50, lignes.Length);
        Assert.All(lignes, tr => Assert.Equal("Toulon", tr.QuerySelectorAll("td")[1].TextContent.Trim()));

        var docAutre = await LogisFactory.DocumentAsync(await client.GetAsync($"/territoire/bailleurs/{autre}"));
        Assert.Single(docAutre.QuerySelectorAll("table")); // the typology summary only
        Assert.Contains("n'est pas accessible", docAutre.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);

        var agentEpci = await fx.App(f).ConnecterAsync("epci");
        var docEpci = await LogisFactory.DocumentAsync(await agentEpci.GetAsync($"/territoire/bailleurs/{autre}"));
        Assert.Equal(2, docEpci.QuerySelectorAll("table").Length);
    }

    [Fact]
    public async Task Un_filtre_mal_forme_sur_la_page_donne_un_message_en_francais()
    {
        await using var db = fx.Base(BasesDeTest.Sqlite);
        var sien = BailleursSynthetiques.Pour(db.Epcis.Single(e => e.Siren == Domain.Territoire.Siren.Create(TerritoireSeeder.SirenTpm)))[0].Bailleur.Id;
        var client = await fx.App(BasesDeTest.Sqlite).ConnecterAsync("bailleur");
        var doc = await LogisFactory.DocumentAsync(await client.GetAsync($"/territoire/bailleurs/{sien}?page=zero"));
        Assert.Contains("La page est un entier", doc.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
    }
}
