using System.Net.Http.Json;
using System.Text.Json;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Logis.Application.Demandes;

namespace Logis.Web.Tests;

/// <summary>The search's capped count (« plus de 10 000 »), with a ceiling lowered to 10 over 12 demands of a unique name.</summary>
[Collection(CollectionApplications.Nom)]
public class RechercheDemandesTests(ApplicationsFixture fx)
{
    [Theory, DeuxBases]
    public async Task Le_total_s_arrete_au_plafond_et_le_dit_une_page_incomplete_donne_le_total_exact(string f)
    {
        var client = fx.App(f).ClientApi("epci");
        var nom = "Plafond" + new string(Guid.NewGuid().ToString("N").Where(char.IsAsciiLetter).Take(6).ToArray());
        var numeros = new List<string>();
        for (var i = 0; i < 12; i++) numeros.Add(await DemandesApiTests.CreerAsync(client, DemandesApiTests.Saisie(nom)));
        var filtre = new FiltreDemandes(null, nom, null, null, null, null);
        var noms = new Dictionary<string, string>();

        await using var db = fx.Base(f);
        async Task<Logis.Application.Territoire.PageResultats<LigneDemande>> Page(int page, int taille, int plafond) =>
            await RechercheDemandes.ExecuterAsync(db.Demandes, db.CotationsDemandes, filtre, page, taille, noms, CancellationToken.None, plafond);

        // More results than the ceiling: the total is the ceiling, flagged as such.
        var p1 = await Page(1, 5, 10);
        Assert.Equal((5, 10, true, 2), (p1.Elements.Count, p1.Total, p1.TotalPlafonne, p1.NombrePages));
        // A page that is not full gives the exact total (no count needed).
        var p3 = await Page(3, 5, 10);
        Assert.Equal((2, 12, false), (p3.Elements.Count, p3.Total, p3.TotalPlafonne));
        // Under the ceiling the count is exact; beyond the last page, nothing and the same total.
        var exact = await Page(2, 5, 20);
        Assert.Equal((5, 12, false, 3), (exact.Elements.Count, exact.Total, exact.TotalPlafonne, exact.NombrePages));
        var auDela = await Page(4, 5, 20);
        Assert.Equal((0, 12, false), (auDela.Elements.Count, auDela.Total, auDela.TotalPlafonne));

        // The pages, one after the other, give every demand once, by deposit date then number (same day: number order).
        var toutes = new List<string>();
        for (var page = 1; page <= 3; page++) toutes.AddRange((await Page(page, 5, 10)).Elements.Select(e => e.Numero));
        Assert.Equal(numeros.Order(StringComparer.Ordinal), toutes);

        // The API serves the same fields, the flag included (real ceiling: 10 000, not reached here).
        var api = await client.GetFromJsonAsync<JsonElement>($"/api/v1/demandes?nom={nom}&taillePage=5");
        Assert.Equal(12, api.GetProperty("total").GetInt32());
        Assert.False(api.GetProperty("totalPlafonne").GetBoolean());
        Assert.Equal(3, api.GetProperty("nombrePages").GetInt32());
    }
}
