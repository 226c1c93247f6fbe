using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;

namespace Logis.Web.Tests;

/// <summary>Agents' lists of demands: the total, and the order by score (cotation), on the API and the search page.</summary>
[Collection(CollectionApplications.Nom)]
public class ListesDemandesTests(ApplicationsFixture fx)
{
    /// <summary>One person earning 1 450 € a month; the rent sets the effort rate and the rest to live on, so the score.</summary>
    private static object Saisie(string nom, decimal loyer) => new
    {
        personnes = new[]
        {
            new { nom, prenoms = "Alice", dateNaissance = "1985-05-12", lien = "Demandeur", situationProfessionnelle = "Cdi",
                ressources = new[] { new { type = "Salaire", montantMensuel = 1450m } } },
        },
        adresse = new { ligne1 = "12 rue des Tests", codePostal = "83000", commune = "Toulon" },
        telephone = "0639980000",
        accepteCourriel = false,
        situationFamiliale = "Celibataire",
        logementActuel = new { statut = "LocataireParcPrive", loyerMensuel = loyer, surface = 30m },
        motifs = new[] { "LogementTropCher" },
        motifPrincipal = "LogementTropCher",
        souhaits = new { typologies = new[] { "T2" }, communes = new[] { "83137" }, toutEpci = false, loyerMaximum = 500m },
    };

    [Theory, DeuxBases]
    public async Task La_liste_donne_le_total_et_se_trie_par_cotation(string f)
    {
        var api = fx.App(f).ClientApi("epci");
        var nom = "Tricote" + Guid.NewGuid().ToString("N")[..6].Replace('0', 'a');
        // Registered in this order: the lowest rent (lowest score) first, so the order by deposit is not the order by score.
        var faible = await DemandesApiTests.CreerAsync(api, Saisie(nom, 300m));
        var moyen = await DemandesApiTests.CreerAsync(api, Saisie(nom, 650m));
        var fort = await DemandesApiTests.CreerAsync(api, Saisie(nom, 1100m));

        var parDepot = await api.GetFromJsonAsync<JsonElement>($"/api/v1/demandes?nom={nom}");
        Assert.Equal(3, parDepot.GetProperty("total").GetInt32());
        Assert.Equal([faible, moyen, fort], parDepot.GetProperty("elements").EnumerateArray().Select(e => e.GetProperty("numero").GetString()!));

        var parScore = await api.GetFromJsonAsync<JsonElement>($"/api/v1/demandes?nom={nom}&tri=score");
        Assert.Equal(3, parScore.GetProperty("total").GetInt32());
        var elements = parScore.GetProperty("elements").EnumerateArray().ToList();
        Assert.Equal([fort, moyen, faible], elements.Select(e => e.GetProperty("numero").GetString()!));
        var scores = elements.Select(e => e.GetProperty("score").GetInt32()).ToList();
        Assert.True(scores[0] > scores[1] && scores[1] > scores[2], "scores : " + string.Join(", ", scores));
        // The score shown is the one of the demand's explained cotation.
        var cotation = await api.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{fort}/cotation");
        Assert.Equal(scores[0], cotation.GetProperty("total").GetInt32());

        // Page 2 of one row per page keeps the order; an unknown order is a 400 on its field.
        var page2 = await api.GetFromJsonAsync<JsonElement>($"/api/v1/demandes?nom={nom}&tri=score&page=2&taillePage=1");
        Assert.Equal(moyen, page2.GetProperty("elements")[0].GetProperty("numero").GetString());
        Assert.Equal(3, page2.GetProperty("total").GetInt32());
        var mauvais = await api.GetAsync($"/api/v1/demandes?nom={nom}&tri=hasard");
        Assert.Equal(HttpStatusCode.BadRequest, mauvais.StatusCode);
        Assert.True((await mauvais.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("tri", out _));

        // The search page: the total in the caption, the score column, the same order.
        var page = await fx.App(f).ConnecterAsync("epci");
        // The search form is posted: the name never travels in the address (DemandesPagesTests).
        var doc = await LogisFactory.DocumentAsync(await page.GetAsync(await DemandesPagesTests.RechercherParNomAsync(page, nom, "tri=score")));
        Assert.Contains("Demandes trouvées : 3", doc.QuerySelector("caption")!.TextContent, StringComparison.Ordinal);
        var lignes = doc.QuerySelectorAll("tbody tr").Select(tr => tr.QuerySelector("th")!.TextContent.Trim()).ToList();
        Assert.Equal([fort, moyen, faible], lignes);
        Assert.Equal(scores[0].ToString(System.Globalization.CultureInfo.InvariantCulture), doc.QuerySelectorAll("tbody tr")[0].QuerySelectorAll("td")[^1].TextContent.Trim());
    }
}
