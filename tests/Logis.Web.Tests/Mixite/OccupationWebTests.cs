using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Logis.Application.Mixite;
using Logis.Domain.Mixite;
using Logis.Domain.Statistiques;
using Logis.Domain.Territoire;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Logis.Web.Tests.Mixite;

/// <summary>
/// The landlords' occupancy data (issue 15, point 4; docs/occupation.md) through the API, the page and the exports: the demo's occupancy,
/// the import (trial by default, every broken field with its line and column, all or nothing, a bailleur's own stock only, one row per
/// dwelling replaced), the profiles in each perimeter under the statistical secret, the résidences à enjeu suggested.
/// </summary>
[Collection(CollectionApplications.Nom)]
public class OccupationWebTests(ApplicationsFixture fx)
{
    private static readonly Siren Tpm = Siren.Create(TerritoireSeeder.SirenTpm);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static StringContent Csv(string texte) => new(texte, Encoding.UTF8, "text/csv");

    private static void Secret(ProfilOccupation p)
    {
        Assert.True(p.Menages is null or 0 or >= SecretStatistique.Seuil);
        if (p.Menages is null) Assert.True(p.Moins20 is null && p.Monoparentales is null && p.AideLogement is null);
    }

    [Theory, DeuxBases]
    public async Task Import_des_donnees_d_occupation_tout_ou_rien_et_profils_par_perimetre(string f)
    {
        var app = fx.App(f);
        var epci = app.ClientApi("epci");
        var bailleur = app.ClientApi("bailleur");

        // The demo's occupancy: the whole stock of the territory declared, every commune examined.
        var demo = (await epci.GetFromJsonAsync<OccupationVue>("/api/v1/mixite/occupation", Web))!;
        Assert.True(demo.Epci.Menages > 100);
        Assert.True(demo.Residences.Count > 5);
        Assert.Equal(demo.Communes.Count, demo.Communes.Select(c => c.Nom).Distinct().Count());
        Assert.Contains(demo.Residences, r => r.AEnjeu);
        Assert.All(demo.Residences.Concat(demo.Qpv).Concat(demo.Communes), g => Secret(g.Profil));

        await using var db = fx.Base(f);
        var b0 = BailleursSynthetiques.Pour(db.Epcis.Single(e => e.Siren == Tpm))[0].Bailleur.Id;
        var siens = await db.Logements.AsNoTracking().Where(l => l.BailleurId == b0).OrderBy(l => l.NumeroRpls).Take(2).Select(l => new { l.Id, l.NumeroRpls }).ToListAsync();
        var autre = await db.Logements.AsNoTracking().Where(l => l.BailleurId != b0).OrderBy(l => l.NumeroRpls).Select(l => l.NumeroRpls).FirstAsync();
        var avant = await db.Occupations.AsNoTracking().CountAsync();
        const string Entete = "logement_rpls,date_observation,personnes,enfants_mineurs,ressources_plafonds,monoparentale,sans_adulte_en_emploi,aide_logement,date_entree";

        // A broken file: every fault reported with its line and column, nothing written even for the valid line.
        var casse = string.Join("\n", Entete,
            $"{siens[0].NumeroRpls},2026-01-01,3,2,<20,oui,oui,oui,2018-05-02",
            $"{autre},2026-01-01,1,0,40-60,non,non,non,2020-01-01",
            $"{siens[1].NumeroRpls},2026-13-01,2,0,20-40,non,non,non,2020-01-01",
            $"{siens[0].NumeroRpls},2026-01-01,1,0,20-40,non,non,non,2020-01-01",
            "XXXXXXXXXX,2026-01-01,1,0,,non,non,non,2020-01-01");
        var refus = await bailleur.PostAsync("/api/v1/mixite/occupation/import?essai=false", Csv(casse));
        Assert.Equal(HttpStatusCode.BadRequest, refus.StatusCode);
        Assert.Equal("application/problem+json", refus.Content.Headers.ContentType?.MediaType);
        var probleme = await refus.Content.ReadFromJsonAsync<JsonElement>();
        var erreurs = probleme.GetProperty("errors");
        Assert.Contains("propre parc", erreurs.GetProperty("ligne 3")[0].GetString());
        Assert.StartsWith("date_observation :", erreurs.GetProperty("ligne 4")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("déjà ligne 2", erreurs.GetProperty("ligne 5")[0].GetString());
        Assert.Contains("Aucun logement", erreurs.GetProperty("ligne 6")[0].GetString());
        Assert.False(erreurs.TryGetProperty("ligne 2", out _));
        Assert.Contains("rien n'a été importé", probleme.GetProperty("detail").GetString());
        Assert.Equal(avant, await db.Occupations.AsNoTracking().CountAsync());
        Assert.Equal(HttpStatusCode.BadRequest, (await bailleur.PostAsync("/api/v1/mixite/occupation/import", Csv("logement_rpls,nationalite\nX,Y"))).StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await bailleur.PostAsync("/api/v1/mixite/occupation/import", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);

        // A valid file: a trial by default (nothing written), then the import replaces the two dwellings' rows, with one audit row.
        var valide = string.Join("\n", Entete,
            $"{siens[0].NumeroRpls},2026-01-01,3,2,<20,oui,oui,oui,2018-05-02",
            $"{siens[1].NumeroRpls},2026-01-01,6,4,,non,non,non,2020-01-01");
        var essai = await bailleur.PostAsync("/api/v1/mixite/occupation/import", Csv(valide));
        Assert.Equal(HttpStatusCode.OK, essai.StatusCode);
        var rapport = await essai.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((true, 2, 0), (rapport.GetProperty("essai").GetBoolean(), rapport.GetProperty("lignes").GetInt32(), rapport.GetProperty("importees").GetInt32()));
        Assert.Equal(avant, await db.Occupations.AsNoTracking().CountAsync());
        var fait = await bailleur.PostAsync("/api/v1/mixite/occupation/import?essai=false", Csv(valide));
        Assert.Equal(HttpStatusCode.Created, fait.StatusCode);
        var ids = siens.Select(s => s.Id).ToList();
        var lignes = await db.Occupations.AsNoTracking().Where(o => ids.Contains(o.LogementId)).ToListAsync();
        Assert.Equal(2, lignes.Count);
        var premier = lignes.Single(o => o.LogementId == siens[0].Id);
        Assert.Equal((3, 2, TrancheRessources.Moins20, true, true, true, new DateOnly(2018, 5, 2)),
            (premier.Personnes, premier.EnfantsMineurs, premier.Ressources, premier.Monoparentale, premier.SansAdulteEnEmploi, premier.AideLogement, premier.DateEntree));
        var second = lignes.Single(o => o.LogementId == siens[1].Id);
        Assert.True(second.FamilleNombreuse);
        Assert.Null(second.Ressources);
        Assert.True(await db.Audit.AsNoTracking().AnyAsync(a => a.Action == OccupationService.ActionImport && a.Detail!.StartsWith("2 logement")));

        // Who may import: a réservataire may not.
        var reservataire = await app.ConnecterAsync("reservataire");
        Assert.Equal(HttpStatusCode.Forbidden, (await reservataire.PostAsync("/api/v1/mixite/occupation/import", Csv(valide))).StatusCode);

        // Perimeters: a bailleur's agent its own résidences; a commune's agent its commune's; the EPCI's average for all.
        var vueBailleur = (await bailleur.GetFromJsonAsync<OccupationVue>("/api/v1/mixite/occupation", Web))!;
        Assert.NotEmpty(vueBailleur.Residences);
        Assert.Single(vueBailleur.Residences.Select(r => r.Bailleur).Distinct());
        var commune = await app.ConnecterAsync("commune");
        var vueCommune = (await commune.GetFromJsonAsync<OccupationVue>("/api/v1/mixite/occupation", Web))!;
        Assert.Single(vueCommune.Communes);
        Assert.All(vueCommune.Residences, r => Assert.Equal(vueCommune.Communes[0].Nom, r.Commune));
        Assert.Equal(demo.Epci.Logements, vueCommune.Epci.Logements);

        // The page and every table to CSV and XLSX.
        var agent = await app.ConnecterAsync("epci");
        var page = await agent.GetStringAsync("/mixite/occupation");
        Assert.Contains("id=\"occupation-epci\"", page);
        Assert.Contains("id=\"occupation-residences\"", page);
        Assert.Contains("Importer des données d'occupation", page);
        foreach (var table in ExportsOccupation.Tables)
        {
            var csv = await agent.GetAsync($"/mixite/occupation/export?table={table}&format=csv");
            Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
            Assert.StartsWith("Groupe;Commune;Bailleur", (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF'), StringComparison.Ordinal);
            var xlsx = await agent.GetAsync($"/mixite/occupation/export?table={table}&format=xlsx");
            Assert.Equal((byte)'P', (await xlsx.Content.ReadAsByteArrayAsync())[0]);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.GetAsync("/mixite/occupation/export?table=menages&format=csv")).StatusCode);

        // The page's import form: a trial of a broken file lists its errors.
        var jeton = await LogisFactory.JetonAsync(agent, "/mixite/occupation");
        var formulaire = new MultipartFormDataContent();
        var contenu = new ByteArrayContent(Encoding.UTF8.GetBytes(casse));
        contenu.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        formulaire.Add(contenu, "fichier", "occupation.csv");
        formulaire.Add(new StringContent("true"), "essai");
        formulaire.Add(new StringContent(jeton), "__RequestVerificationToken");
        var reponse = await agent.PostAsync("/mixite/occupation?handler=Importer", formulaire);
        Assert.Equal(HttpStatusCode.BadRequest, reponse.StatusCode);
        Assert.Contains("id=\"occupation-erreurs\"", await reponse.Content.ReadAsStringAsync());
        _ = CultureInfo.InvariantCulture;
    }
}
