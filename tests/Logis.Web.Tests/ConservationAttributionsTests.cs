using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Application.Demandes;
using Logis.Domain.Attributions;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Logis.Web.Tests;

/// <summary>
/// Retention after a lease (docs/protection-des-donnees.md §2 item 14): 12 months and one day after the radiation, the demands housed or radiated
/// are deleted; the attribution, the offers, the commission's minutes and the vacancy's history stay (monitoring, the landlord's record) but no
/// row names them any more — no id, no national number, no free text of the commission — while the figures the monitoring reads are intact and
/// the demands still active are untouched. On an application and a base of its own: the purge is territory-wide.
/// </summary>
public class ConservationAttributionsTests
{
    private static async Task<JsonElement> OkAsync(HttpResponseMessage r, HttpStatusCode attendu)
    {
        Assert.True(r.StatusCode == attendu, $"attendu {(int)attendu}, obtenu {(int)r.StatusCode} : {await r.Content.ReadAsStringAsync()}");
        return r.Content.Headers.ContentLength == 0 ? default : await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Theory, DeuxBases]
    public async Task Douze_mois_apres_le_bail_plus_rien_ne_nomme_les_demandes_supprimees(string f)
    {
        var options = await BasesDeTest.CreerAsync(f, "conservation-attributions");
        await using var app = new LogisFactory(options);
        var api = app.ClientApi("bailleur");
        var epci = app.ClientApi("epci");
        await using var db = BasesDeTest.Ouvrir(options);
        var (vacance, _) = await VacancesTests.VacanceOrienteeAsync(app, db, OffresTests.Bailleur(db, 0), "83137");
        var commune = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{vacance}")).GetProperty("communeInsee").GetString()!;
        var numeros = new List<string>();
        for (var i = 0; i < 3; i++) numeros.Add(await DemandesApiTests.CreerAsync(epci, DemandesApiTests.Saisie("Conservation" + "abc"[i], commune)));
        var (loge, garde, ecarte) = (numeros[0], numeros[1], numeros[2]);

        // The commission: rank 1 and 2, the third not retained with a free text; rank 1 is offered the dwelling, accepts, signs.
        var seance = await CaleolTests.SeanceAsync(app, commune);
        var dossier = (await OkAsync(await api.PostAsJsonAsync($"/api/v1/caleol/seances/{seance}/dossiers", new { vacance = Guid.Parse(vacance), candidats = numeros }),
            HttpStatusCode.Created)).GetProperty("id").GetString()!;
        foreach (var (candidat, decision, rang, motifs, precision) in new (int, string, int?, string[], string?)[]
        {
            (1, "attribution-rang", 1, [], null), (2, "attribution-rang", 2, [], null), (3, "non-attribution", null, ["autre"], "Texte libre de la commission sur ce ménage"),
        })
        {
            await OkAsync(await api.PostAsJsonAsync($"/api/v1/caleol/dossiers/{dossier}/votes",
                new { candidat, votes = new[] { 1, 2, 3 }.Select(m => new { membre = m, decision }) }), HttpStatusCode.NoContent);
            await OkAsync(await api.PostAsJsonAsync($"/api/v1/caleol/dossiers/{dossier}/decisions", new { candidat, decision, rang, motifs, precision }), HttpStatusCode.NoContent);
        }
        var offre = (await OkAsync(await api.PostAsJsonAsync($"/api/v1/vacances/{vacance}/offres", new { demande = loge, adaptee = true }), HttpStatusCode.Created))
            .GetProperty("id").GetString()!;
        await OkAsync(await api.PostAsJsonAsync($"/api/v1/offres/{offre}/reponse", new { acceptee = true }), HttpStatusCode.OK);
        var aujourdhui = app.Horloge.AujourdhuiEnFrance();
        var iso = aujourdhui.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await OkAsync(await api.PostAsJsonAsync($"/api/v1/offres/{offre}/bail", new { dateSignature = iso, dateEffet = iso }), HttpStatusCode.Created);
        // The applicant not retained gives up the same day (reason b).
        await OkAsync(await epci.PostAsJsonAsync($"/api/v1/demandes/{ecarte}/radiation", new { motif = "b" }), HttpStatusCode.NoContent);

        var ids = new Dictionary<string, DemandeId>();
        foreach (var n in numeros)
        {
            Assert.True(NumeroUnique.TryParse(n, out var cle));
            ids[n] = await db.Demandes.AsNoTracking().Where(d => d.Numero == cle).Select(d => d.Id).SingleAsync();
        }
        var avant = await db.Attributions.AsNoTracking().SingleAsync(a => a.DemandeId == ids[loge]);
        Assert.True((await LignesDemande.CompterAsync(db, ids[loge])).Count(t => t.Value > 0) >= 4);

        // Twelve months and one day after the radiation: the two radiated demands go, the active one stays.
        var jour = aujourdhui.AddMonths(12).AddDays(1);
        var purge = await new PurgeDemandes(db).PurgerAsync(jour, 12, false, new DateTimeOffset(jour.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero));
        Assert.True(purge.Total >= 2);
        db.ChangeTracker.Clear();
        foreach (var n in new[] { loge, ecarte })
            Assert.All(await LignesDemande.CompterAsync(db, ids[n]), t => Assert.True(t.Value == 0, $"{n} : {t.Key} : {t.Value} ligne(s)"));
        Assert.Contains((await LignesDemande.CompterAsync(db, ids[garde])).Values, x => x > 0);

        // What outlives them names them no more, and keeps what the monitoring reads.
        var apres = await db.Attributions.AsNoTracking().SingleAsync(a => a.Id == avant.Id);
        Assert.Equal(Demande.NumeroSupprime, apres.NumeroDemande);
        Assert.Equal((avant.RevenuParUc, avant.CategorieMenage, avant.NombrePersonnes, avant.Prioritaire, avant.DateDepot, avant.DateSignature, avant.CommuneInsee),
            (apres.RevenuParUc, apres.CategorieMenage, apres.NombrePersonnes, apres.Prioritaire, apres.DateDepot, apres.DateSignature, apres.CommuneInsee));
        Assert.Equal(Demande.NumeroSupprime, (await db.Offres.AsNoTracking().SingleAsync(o => o.Id == new OffreId(Guid.Parse(offre)))).NumeroDemande);
        var d = await db.DossiersCaleol.AsNoTracking().SingleAsync(x => x.Id == new DossierCaleolId(Guid.Parse(dossier)));
        Assert.Equal([Demande.NumeroSupprime, garde, Demande.NumeroSupprime], d.Candidats.Select(c => c.Numero));
        Assert.Null(d.Candidats[2].Precision);
        Assert.Equal(DecisionCaleol.NonAttribution, d.Candidats[2].Decision);
        var v = await db.Vacances.AsNoTracking().SingleAsync(x => x.Id == new VacanceId(Guid.Parse(vacance)));
        Assert.DoesNotContain(v.Evenements, e => e.Resume.Contains(loge, StringComparison.Ordinal) || e.Resume.Contains(ecarte, StringComparison.Ordinal));
        Assert.Contains(v.Evenements, e => e.Resume.Contains("avec la demande supprimée", StringComparison.Ordinal));
        // The attributions API still counts the lease, without a number.
        var lignes = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/attributions?annee={aujourdhui.Year}&taillePage=200")).GetProperty("elements").EnumerateArray();
        Assert.Contains(lignes, l => l.GetProperty("id").GetGuid() == avant.Id.Value);
    }
}
