using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Logis.Domain.Cotation;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Logis.Application.Cotation;

namespace Logis.Web.Tests;

[Collection(CollectionApplications.Nom)]
public class CotationTests(ApplicationsFixture fx)
{
    private static readonly string DossierGrilles = GrillesCotation.TrouverDossier();
    private static readonly GrilleCompilee Primo = ChargeurGrille.Charger(File.ReadAllText(Path.Combine(DossierGrilles, "tpm-demo-2026.json"))).Grille!;
    private static readonly GrilleCompilee Mutation = ChargeurGrille.Charger(File.ReadAllText(Path.Combine(DossierGrilles, "tpm-demo-2026-mutation.json"))).Grille!;

    // By hand on the demo grid: hébergé chez des tiers 10 ; taux d'effort 45 % → 10 and reste à vivre 400 €/UC → 5 (ressources, ≤ 25) ;
    // ancienneté 14 mois → 7 ; parent isolé 5 ; violences déclarées sans justificatif validé → 0. Total 37.
    private const string Faits = """
        { "anciennete_mois": 14, "situation_logement": "heberge_tiers", "parent_isole": true, "taux_effort": 45,
          "reste_a_vivre_uc": 400, "age_demandeur": 40, "taille_menage": 3, "motif_violence": "declare" }
        """;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<JsonElement> ProblemeAsync(HttpResponseMessage r)
    {
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Simuler_avec_la_grille_en_vigueur_donne_le_total_calcule_a_la_main_et_celui_du_domaine()
    {
        var r = await fx.App(BasesDeTest.Sqlite).ClientApi("epci").PostAsync("/api/v1/cotation/simuler", Json($$"""{ "faits": {{Faits}} }"""));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var json = await r.Content.ReadFromJsonAsync<JsonElement>();

        var faits = new FaitsCotation
        {
            AncienneteMois = 14, SituationLogement = SituationLogement.HebergeChezTiers, ParentIsole = true, TauxEffort = 45,
            ResteAVivreParUc = 400, AgeDemandeur = 40, TailleMenage = 3, MotifViolence = StatutPreuve.Declare,
        };
        var attendu = Primo.Expliquer(in faits);
        Assert.Equal(37, attendu.Total);
        Assert.Equal(37, json.GetProperty("total").GetInt32());
        Assert.Equal("tpm_demo_2026_primo", json.GetProperty("grilleId").GetString());
        Assert.Equal("2026.1-demo", json.GetProperty("version").GetString());
        var lignes = json.GetProperty("lignes").EnumerateArray().ToList();
        Assert.Equal(attendu.Lignes.Select(l => (l.Id, l.Points, l.Explication)),
            lignes.Select(l => (l.GetProperty("critere").GetString()!, l.GetProperty("points").GetInt32(), l.GetProperty("explication").GetString()!)));
        Assert.Equal(37, lignes.Sum(l => l.GetProperty("points").GetInt32()));
        var anciennete = lignes.Single(l => l.GetProperty("critere").GetString() == "anciennete");
        Assert.Equal("anciennete_mois", anciennete.GetProperty("faits")[0].GetProperty("nom").GetString());
    }

    [Fact]
    public async Task Un_critere_ne_se_declenche_pas_sur_un_fait_non_donne_et_la_reponse_les_liste()
    {
        // Only the seniority: 24 months give 12 points. The reste à vivre, not given, no longer earns « Il vous reste 0 € ».
        var r = await fx.App(BasesDeTest.Sqlite).ClientApi("epci").PostAsync("/api/v1/cotation/simuler",
            Json("""{ "faits": { "anciennete_mois": 24 } }"""));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var json = await r.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(12, json.GetProperty("total").GetInt32());
        Assert.Equal(["anciennete"], json.GetProperty("lignes").EnumerateArray().Select(l => l.GetProperty("critere").GetString()!));
        var nonRenseignes = json.GetProperty("faitsNonRenseignes").EnumerateArray().Select(f => f.GetProperty("nom").GetString()!).ToList();
        Assert.Contains("reste_a_vivre_uc", nonRenseignes);
        Assert.Contains("taux_effort", nonRenseignes);
        Assert.DoesNotContain("anciennete_mois", nonRenseignes);
        Assert.Equal(Primo.FaitsLus.Count - 1, nonRenseignes.Count);
        Assert.Equal("Reste à vivre par unité de consommation et par mois",
            json.GetProperty("faitsNonRenseignes").EnumerateArray().Single(f => f.GetProperty("nom").GetString() == "reste_a_vivre_uc").GetProperty("libelle").GetString());
    }

    [Fact]
    public async Task Un_reste_a_vivre_negatif_est_accepte()
    {
        var r = await fx.App(BasesDeTest.Sqlite).ClientApi("epci").PostAsync("/api/v1/cotation/simuler",
            Json("""{ "faits": { "reste_a_vivre_uc": -150, "anciennete_mois": 4 } }"""));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var json = await r.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(10 + 2, json.GetProperty("total").GetInt32()); // under 300 € : 10 points ; 4 months : 2 points
        var ligne = json.GetProperty("lignes").EnumerateArray().Single(l => l.GetProperty("critere").GetString() == "reste_a_vivre");
        Assert.Equal("-150 €", ligne.GetProperty("faits")[0].GetProperty("texte").GetString());
    }

    [Fact]
    public async Task Une_demande_de_mutation_est_cotee_avec_la_grille_mutation()
    {
        var r = await fx.App(BasesDeTest.Sqlite).ClientApi("epci").PostAsync("/api/v1/cotation/simuler",
            Json("""{ "faits": { "mutation": true, "sous_occupation": true, "anciennete_mois": 12 } }"""));
        var json = await r.Content.ReadFromJsonAsync<JsonElement>();
        var faits = new FaitsCotation { Mutation = true, SousOccupation = true, AncienneteMois = 12 };
        Assert.Equal("tpm_demo_2026_mutation", json.GetProperty("grilleId").GetString());
        Assert.Equal(Mutation.Calculer(in faits), json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Simuler_avec_une_grille_fournie()
    {
        var grille = File.ReadAllText(Path.Combine(DossierGrilles, "tpm-demo-2026.json")).Replace("\"points\": 5,\n      \"explication\": \"Vous élevez seul", "\"points\": 15,\n      \"explication\": \"Vous élevez seul", StringComparison.Ordinal);
        var body = JsonSerializer.Serialize(new { grille, faits = JsonDocument.Parse(Faits).RootElement });
        var r = await fx.App(BasesDeTest.Sqlite).ClientApi("bailleur").PostAsync("/api/v1/cotation/simuler", Json(body));
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var json = await r.Content.ReadFromJsonAsync<JsonElement>();
        var brouillon = ChargeurGrille.Charger(grille).Grille!;
        var faits = new FaitsCotation
        {
            AncienneteMois = 14, SituationLogement = SituationLogement.HebergeChezTiers, ParentIsole = true, TauxEffort = 45,
            ResteAVivreParUc = 400, AgeDemandeur = 40, TailleMenage = 3, MotifViolence = StatutPreuve.Declare,
        };
        Assert.Equal(47, brouillon.Calculer(in faits)); // parent isolé 15 points instead of 5
        Assert.Equal(47, json.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Une_grille_mal_formee_donne_400_avec_la_ligne()
    {
        var grille = "{\n  \"id\": \"essai\",\n  \"criteres\": [\n    { \"id\": \"a\", \"libelle\": \"A\", \"points\": 1, \"explication\": \"x\", \"condition\": { \"fait\": \"anciennete_moi\" } }\n  ]\n}";
        var body = JsonSerializer.Serialize(new { grille, faits = new { anciennete_mois = 3 } });
        var json = await ProblemeAsync(await fx.App(BasesDeTest.Sqlite).ClientApi("epci").PostAsync("/api/v1/cotation/simuler", Json(body)));
        var erreurs = json.GetProperty("errors").GetProperty("grille").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(erreurs, e => e.StartsWith("ligne 4 : ", StringComparison.Ordinal) && e.Contains("anciennete_moi", StringComparison.Ordinal));
        Assert.Contains(erreurs, e => e.Contains("version", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""{ "faits": { "anciennete_moi": 3 } }""", "faits.anciennete_moi")]
    [InlineData("""{ "faits": { "situation_logement": "chateau" } }""", "faits.situation_logement")]
    [InlineData("""{ "faits": { "anciennete_mois": "douze" } }""", "faits.anciennete_mois")]
    [InlineData("""{ "faits": { "anciennete_mois": -2 } }""", "faits.anciennete_mois")]
    [InlineData("""{ "faits": { "taux_effort": -5 } }""", "faits.taux_effort")]
    [InlineData("""{ "faits": { "reste_a_vivre_uc": -2000000 } }""", "faits.reste_a_vivre_uc")]
    [InlineData("""{ "faits": { "anciennete_mois": 3 }, "autre": 1 }""", "autre")]
    [InlineData("""{ "faits": """, "corps")]
    [InlineData("""[1, 2]""", "corps")]
    public async Task Un_fait_inconnu_ou_mal_type_donne_400(string body, string cle)
    {
        var json = await ProblemeAsync(await fx.App(BasesDeTest.Sqlite).ClientApi("epci").PostAsync("/api/v1/cotation/simuler", Json(body)));
        Assert.True(json.GetProperty("errors").TryGetProperty(cle, out _), json.ToString());
    }

    [Fact]
    public async Task Un_anonyme_recoit_401()
    {
        var r = await fx.App(BasesDeTest.Sqlite).Client().PostAsync("/api/v1/cotation/simuler", Json("""{ "faits": {} }"""));
        Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode);
    }

    [Fact]
    public async Task La_page_publique_liste_les_criteres_des_deux_grilles_et_leur_version()
    {
        var r = await fx.App(BasesDeTest.Sqlite).Client().GetAsync("/cotation");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var doc = await LogisFactory.DocumentAsync(r);
        foreach (var grille in new[] { Primo, Mutation })
        {
            var section = doc.GetElementById($"grille-{grille.Grille.Id}")!;
            Assert.NotNull(section);
            var lignes = section.QuerySelectorAll("table.criteres tbody tr");
            Assert.Equal(grille.Grille.Criteres.Select(c => c.Id).Order(), lignes.Select(l => l.GetAttribute("data-critere")!).Order());
            foreach (var c in grille.Grille.Criteres)
                Assert.Equal(c.Libelle, lignes.Single(l => l.GetAttribute("data-critere") == c.Id).QuerySelector("th")!.TextContent.Trim());
            Assert.Equal("2026.1-demo", section.QuerySelector(".version")!.TextContent.Trim());
            Assert.Equal(grille.Grille.Groupes.Count, section.QuerySelectorAll("ul.rubriques li").Length);
            Assert.Contains("R441-2-17", section.QuerySelector(".refus")!.TextContent, StringComparison.Ordinal);
        }
        var primo = doc.GetElementById("grille-tpm_demo_2026_primo")!;
        Assert.Contains("seul le critère le plus élevé compte", primo.QuerySelector("li[data-groupe=situation_actuelle]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("au plus 30 points", primo.QuerySelector("li[data-groupe=logement_actuel]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("validé par un agent habilité", primo.QuerySelector("tr[data-critere=violences] td:last-child")!.TextContent.Trim());
        Assert.Contains("L311-3-1", doc.GetElementById("mention-legale")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(doc.QuerySelector("header a[href='/cotation']"));
    }

    [Fact]
    public void Une_grille_mal_formee_empeche_le_demarrage_avec_le_fichier_et_la_ligne()
    {
        var dossier = Directory.CreateTempSubdirectory("logis-grilles-");
        try
        {
            File.WriteAllText(Path.Combine(dossier.FullName, "grille.schema.json"), "{}");
            File.WriteAllText(Path.Combine(dossier.FullName, "casse.json"), "{\n  \"id\": \"casse\",\n  \"criteres\": [\n");
            using var app = fx.App(BasesDeTest.Sqlite).WithWebHostBuilder(b => b.UseSetting(GrillesCotation.Section, dossier.FullName));
            var e = Assert.ThrowsAny<Exception>(() => app.CreateClient());
            var message = e is InvalidOperationException ? e.Message : e.GetBaseException().Message;
            Assert.Contains("casse.json, ligne", message, StringComparison.Ordinal);
        }
        finally
        {
            dossier.Delete(recursive: true);
        }
    }
}
