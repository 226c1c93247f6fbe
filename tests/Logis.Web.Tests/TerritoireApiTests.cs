using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;

namespace Logis.Web.Tests;

[Collection(CollectionApplications.Nom)]
public class TerritoireApiTests(ApplicationsFixture fx)
{
    private static async Task<JsonElement> ProblemeAsync(HttpResponseMessage r, HttpStatusCode attendu)
    {
        Assert.Equal(attendu, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var json = await r.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)attendu, json.GetProperty("status").GetInt32());
        return json;
    }

    [Theory, DeuxBases]
    public async Task Les_communes_de_tpm_avec_leur_population_reelle(string f)
    {
        var communes = await fx.App(f).ClientApi("epci").GetFromJsonAsync<JsonElement>("/api/v1/communes");
        Assert.Equal(12, communes.GetArrayLength());
        var toulon = communes.EnumerateArray().Single(c => c.GetProperty("codeInsee").GetString() == "83137");
        Assert.Equal(179116, toulon.GetProperty("population").GetInt32());
        Assert.Equal(12569, toulon.GetProperty("logementsSociaux").GetInt32());
        Assert.Equal(10, toulon.GetProperty("nombreQpv").GetInt32());
        Assert.Equal("autres_regions", toulon.GetProperty("zone").GetString());
    }

    [Theory, DeuxBases]
    public async Task Une_commune_et_les_qpv(string f)
    {
        var client = fx.App(f).ClientApi("epci");
        var seyne = await client.GetFromJsonAsync<JsonElement>("/api/v1/communes/83126");
        Assert.Equal("La Seyne-sur-Mer", seyne.GetProperty("nom").GetString());
        Assert.Equal(2, seyne.GetProperty("qpv").GetArrayLength());
        Assert.Equal(5500, seyne.GetProperty("parTypologie").EnumerateArray().Sum(t => t.GetProperty("nombre").GetInt32()));
        var qpv = await client.GetFromJsonAsync<JsonElement>("/api/v1/qpv");
        Assert.Equal(15, qpv.GetArrayLength());
    }

    [Theory, DeuxBases]
    public async Task Commune_inconnue_404_et_code_mal_forme_400(string f)
    {
        var client = fx.App(f).ClientApi("epci");
        await ProblemeAsync(await client.GetAsync("/api/v1/communes/99999"), HttpStatusCode.NotFound);
        await ProblemeAsync(await client.GetAsync("/api/v1/communes/13055"), HttpStatusCode.NotFound); // Marseille: not in TPM
        await ProblemeAsync(await client.GetAsync("/api/v1/communes/abc"), HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=-3", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("taillePage=0", "taillePage")]
    [InlineData("taillePage=5000", "taillePage")]
    [InlineData("typologie=T9", "typologie")]
    [InlineData("commune=831", "commune")]
    [InlineData("qpv=peut-etre", "qpv")]
    public async Task Une_pagination_ou_un_filtre_mal_forme_donne_400(string requete, string champ)
    {
        var json = await ProblemeAsync(await fx.App(BasesDeTest.Sqlite).ClientApi("epci").GetAsync($"/api/v1/logements?{requete}"), HttpStatusCode.BadRequest);
        Assert.True(json.GetProperty("errors").TryGetProperty(champ, out _), $"Pas d'erreur sur {champ}");
    }

    [Theory, DeuxBases]
    public async Task Les_logements_sont_filtres_et_pagines(string f)
    {
        var client = fx.App(f).ClientApi("epci");
        var page1 = await client.GetFromJsonAsync<JsonElement>("/api/v1/logements?commune=83137&typologie=T3&qpv=true&page=1&taillePage=20");
        var total = page1.GetProperty("total").GetInt32();
        Assert.InRange(total, 1, 5037);
        Assert.Equal(20, page1.GetProperty("elements").GetArrayLength());
        Assert.All(page1.GetProperty("elements").EnumerateArray(), l =>
        {
            Assert.Equal("83137", l.GetProperty("communeInsee").GetString());
            Assert.Equal("T3", l.GetProperty("typologie").GetString());
            Assert.StartsWith("QN083", l.GetProperty("qpv").GetString(), StringComparison.Ordinal);
        });
        var page2 = await client.GetFromJsonAsync<JsonElement>("/api/v1/logements?commune=83137&typologie=T3&qpv=true&page=2&taillePage=20");
        var ids1 = page1.GetProperty("elements").EnumerateArray().Select(l => l.GetProperty("numeroRpls").GetString()).ToHashSet();
        Assert.DoesNotContain(page2.GetProperty("elements").EnumerateArray(), l => ids1.Contains(l.GetProperty("numeroRpls").GetString()));
        var horsQpv = await client.GetFromJsonAsync<JsonElement>("/api/v1/logements?commune=83137&typologie=T3&qpv=false&taillePage=1");
        Assert.Equal(5037, total + horsQpv.GetProperty("total").GetInt32());
    }

    [Theory, DeuxBases]
    public async Task Un_bailleur_ne_voit_par_l_api_que_son_propre_parc(string f)
    {
        var tous = await fx.App(f).ClientApi("epci").GetFromJsonAsync<JsonElement>("/api/v1/logements?taillePage=1");
        var sien = await fx.App(f).ClientApi("bailleur").GetFromJsonAsync<JsonElement>("/api/v1/logements?taillePage=200");
        Assert.Equal(29411, tous.GetProperty("total").GetInt32());
        Assert.InRange(sien.GetProperty("total").GetInt32(), 1, 29410);
        var bailleurs = sien.GetProperty("elements").EnumerateArray().Select(l => l.GetProperty("bailleur").GetString()).Distinct().ToList();
        Assert.Equal(["Office public de l'habitat Toulon Provence Méditerranée"], bailleurs);
    }

    [Theory]
    [InlineData("/api/v1/communes")]
    [InlineData("/api/v1/communes/83137")]
    [InlineData("/api/v1/qpv")]
    [InlineData("/api/v1/logements")]
    public async Task Sans_authentification_l_api_repond_401(string url)
    {
        var app = fx.App(BasesDeTest.Sqlite);
        await ProblemeAsync(await app.Client().GetAsync(url), HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.ClientApiCle("cle-forgee").GetAsync(url)).StatusCode);
    }

    [Fact]
    public async Task Sante_et_document_openapi()
    {
        var client = fx.App(BasesDeTest.Postgres).Client();
        var sante = await client.GetFromJsonAsync<JsonElement>("/health");
        Assert.Equal("Healthy", sante.GetProperty("statut").GetString());
        var openapi = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var chemins = openapi.GetProperty("paths");
        foreach (var p in new[] { "/api/v1/communes", "/api/v1/communes/{codeInsee}", "/api/v1/qpv", "/api/v1/logements" })
            Assert.True(chemins.TryGetProperty(p, out _), $"{p} absent du document OpenAPI");
    }
}
