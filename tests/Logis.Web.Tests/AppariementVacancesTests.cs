using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Application.Attributions;
using Logis.Domain.Attributions;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Logis.Web.Tests;

/// <summary>
/// The matching of the open vacancies without candidates through the product (docs/appariement.md): API and page read the demo's vacancies as
/// they are, propose nothing (the shared demo is left unchanged, but for the audit rows of the reads), and are checked against the database
/// and the pre-selection of each vacancy.
/// </summary>
[Collection(CollectionApplications.Nom)]
public class AppariementVacancesTests(ApplicationsFixture fx)
{
    private static async Task<JsonElement> LireAsync(HttpClient client)
    {
        var r = await client.GetAsync("/api/v1/vacances/appariement");
        Assert.True(r.StatusCode == HttpStatusCode.OK, $"{(int)r.StatusCode} : {await r.Content.ReadAsStringAsync()}");
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static (int Manque, int Pourvues, long Cotation) Bilan(JsonElement b) =>
        (b.GetProperty("manque").GetInt32(), b.GetProperty("pourvues").GetInt32(), b.GetProperty("cotation").GetInt64());

    [Theory, DeuxBases]
    public async Task L_intercommunalite_obtient_un_appariement_du_lot_jamais_moins_bon_que_le_traitement_un_par_un(string f)
    {
        var app = fx.App(f);
        _ = app.Services;
        await using var db = fx.Base(f);
        var avant = await db.Audit.AsNoTracking().CountAsync(a => a.Action == ActionsAuditVacances.Appariement);
        var v = await LireAsync(app.ClientApi("epci"));

        // The batch: the open vacancies (oriented or handed back) without candidates of the territory.
        var ouvertes = await db.Vacances.AsNoTracking()
            .Where(x => (x.Statut == StatutVacance.Orientee || x.Statut == StatutVacance.Rendue) && !db.Candidatures.Any(c => c.VacanceId == x.Id))
            .Select(x => new { x.Id, x.NumeroRpls }).ToListAsync();
        Assert.NotEmpty(ouvertes);
        Assert.Equal(ouvertes.Count, v.GetProperty("vacancesOuvertes").GetInt32());
        Assert.Equal(Math.Min(ouvertes.Count, AppariementService.LotMax), v.GetProperty("vacancesDuLot").GetInt32());

        var paires = v.GetProperty("paires").EnumerateArray().ToList();
        Assert.NotEmpty(paires);
        var ids = ouvertes.Select(x => x.Id.Value).ToHashSet();
        Assert.All(paires, p => Assert.Contains(p.GetProperty("vacance").GetGuid(), ids));
        Assert.Equal(paires.Count, paires.Select(p => p.GetProperty("vacance").GetGuid()).Distinct().Count());
        Assert.Equal(paires.Count, paires.Select(p => p.GetProperty("numero").GetString()).Distinct().Count());
        Assert.Equal(paires.Count + v.GetProperty("sansSuggestion").GetArrayLength(), v.GetProperty("vacancesDuLot").GetInt32());

        var suggestion = Bilan(v.GetProperty("suggestion"));
        var glouton = Bilan(v.GetProperty("glouton"));
        Assert.Equal(paires.Count, suggestion.Pourvues);
        Assert.Equal(paires.Sum(p => (long)p.GetProperty("cotation").GetInt32()), suggestion.Cotation);
        Assert.True(suggestion.Manque < glouton.Manque || (suggestion.Manque == glouton.Manque
            && (suggestion.Pourvues > glouton.Pourvues || (suggestion.Pourvues == glouton.Pourvues && suggestion.Cotation >= glouton.Cotation))),
            $"suggestion {suggestion} contre un par un {glouton}");
        foreach (var o in v.GetProperty("objectifs").EnumerateArray())
            Assert.InRange(o.GetProperty("minimumLot").GetInt32(), 0, o.GetProperty("vacancesDuLot").GetInt32());

        // Each pair comes from its vacancy's pre-selection, at the rank it says; no name is given.
        foreach (var p in paires.Take(3))
        {
            var ps = await app.ClientApi("epci").GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{p.GetProperty("vacance").GetGuid()}/candidats?limite={AppariementService.CandidatsParVacance}");
            var numeros = ps.GetProperty("candidats").EnumerateArray().Select(c => c.GetProperty("numero").GetString()).ToList();
            Assert.Equal(p.GetProperty("numero").GetString(), numeros[p.GetProperty("rang").GetInt32() - 1]);
            Assert.False(p.TryGetProperty("nom", out _));
            Assert.False(p.GetProperty("peutProposer").GetBoolean()); // the EPCI proposes for no one
            Assert.NotEmpty(p.GetProperty("raisons").EnumerateArray());
        }
        Assert.Equal(avant + 1, await db.Audit.AsNoTracking().CountAsync(a => a.Action == ActionsAuditVacances.Appariement));
    }

    [Theory, DeuxBases]
    public async Task Le_bailleur_n_apparie_que_les_vacances_de_son_parc(string f)
    {
        var app = fx.App(f);
        _ = app.Services;
        await using var db = fx.Base(f);
        var v = await LireAsync(app.ClientApi("bailleur"));
        var bailleur = await db.Bailleurs.AsNoTracking().Where(b => b.Nom == "Office public de l'habitat Toulon Provence Méditerranée").Select(b => b.Id).SingleAsync();
        var siennes = await db.Vacances.AsNoTracking()
            .Where(x => x.BailleurId == bailleur && (x.Statut == StatutVacance.Orientee || x.Statut == StatutVacance.Rendue) && !db.Candidatures.Any(c => c.VacanceId == x.Id))
            .Select(x => x.Id).ToListAsync();
        Assert.Equal(siennes.Count, v.GetProperty("vacancesOuvertes").GetInt32());
        Assert.All(v.GetProperty("paires").EnumerateArray(), p => Assert.Contains(new VacanceId(p.GetProperty("vacance").GetGuid()), siennes));
    }

    [Theory, DeuxBases]
    public async Task L_administrateur_ne_lit_pas_l_appariement(string f)
    {
        var app = fx.App(f);
        var r = await (await app.ConnecterAsync("admin")).GetAsync("/api/v1/vacances/appariement");
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var page = await (await app.ConnecterAsync("admin")).GetAsync("/vacances/appariement");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        var doc = await LogisFactory.DocumentAsync(page);
        Assert.StartsWith("L'appariement des vacances se lit par", doc.QuerySelector("[role=alert]")?.TextContent.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task La_page_montre_les_paires_un_bouton_pour_proposer_et_l_export_csv()
    {
        var app = fx.App(BasesDeTest.Sqlite);
        _ = app.Services;
        var client = await app.ConnecterAsync("bailleur");
        var liste = await LogisFactory.DocumentAsync(await client.GetAsync("/vacances"));
        Assert.NotNull(liste.QuerySelector("a[href='/vacances/appariement']"));

        var vue = await LireAsync(app.ClientApi("bailleur"));
        var doc = await LogisFactory.DocumentAsync(await client.GetAsync("/vacances/appariement"));
        Assert.Equal("Appariement suggéré des vacances ouvertes", doc.QuerySelector("h1")?.TextContent);
        var paires = vue.GetProperty("paires").EnumerateArray().ToList();
        if (vue.GetProperty("vacancesDuLot").GetInt32() == 0)
        {
            Assert.Equal("Aucune vacance ouverte sans candidat.", doc.QuerySelector("#appariement-vide")?.TextContent);
            return;
        }
        var lignes = doc.QuerySelectorAll("#appariement-paires tbody tr");
        Assert.Equal(paires.Count, lignes.Length);
        // A button per pair the landlord may propose, posting to the existing act of the vacancy page; no act is made here.
        var proposables = paires.Where(p => p.GetProperty("peutProposer").GetBoolean()).ToList();
        var formulaires = doc.QuerySelectorAll("#appariement-paires form");
        Assert.Equal(proposables.Count, formulaires.Length);
        Assert.All(formulaires, x => Assert.Matches("^/vacances/[0-9a-f-]{36}\\?handler=Proposer$", x.GetAttribute("action")));

        var csv = await client.GetAsync("/vacances/appariement?handler=Csv");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var texte = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        Assert.Contains("Logement;Commune;QPV;Contingent;Demande;Cotation", texte, StringComparison.Ordinal);
        Assert.All(paires, p => Assert.Contains(";" + p.GetProperty("numero").GetString() + ";", texte, StringComparison.Ordinal));
    }
}
