using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;

namespace Logis.Web.Tests;

/// <summary>
/// Issue 13, « the losers of concurrent acts »: agents updating one demand at the same instant each load the same timeline and
/// add the next rank; the database keeps one, and the others get 409 with the reason — never 500 — and leave no trace.
/// </summary>
[Collection(CollectionApplications.Nom)]
public class ActesConcurrentsTests(ApplicationsFixture fx)
{
    [Theory, DeuxBases]
    public async Task Des_mises_a_jour_simultanees_donnent_un_succes_ou_409_et_une_chronologie_sans_trou(string f)
    {
        var client = fx.App(f).ClientApi("epci");
        var numero = await DemandesApiTests.CreerAsync(client, DemandesApiTests.Saisie("Concurrent"));
        var avant = await EvenementsAsync(client, numero);

        var reponses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            client.PutAsJsonAsync($"/api/v1/demandes/{numero}", DemandesApiTests.Saisie("Concurrent", commune: i % 2 == 0 ? "83137" : "83069"))));

        foreach (var r in reponses)
        {
            Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.NoContent or HttpStatusCode.Conflict,
                $"{(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
            if (r.StatusCode != HttpStatusCode.Conflict) continue;
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            var probleme = await r.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Contains("au même moment", probleme.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
        var reussies = reponses.Count(r => r.IsSuccessStatusCode);
        Assert.True(reussies >= 1);

        // One event per update that succeeded, ranks 1..n without a hole: the losers wrote nothing.
        var apres = await EvenementsAsync(client, numero);
        Assert.Equal(avant.Count + reussies, apres.Count);
        Assert.Equal(Enumerable.Range(1, apres.Count), apres.Order());
    }

    private static async Task<List<int>> EvenementsAsync(HttpClient client, string numero) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}/evenements")).EnumerateArray().Select(e => e.GetProperty("rang").GetInt32())];
}
