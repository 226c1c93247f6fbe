using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;

namespace Logis.Web.Tests;

/// <summary>
/// The Cerfa 14069*05 content per person through the API: co-applicant, each adult's revenu fiscal de référence, a child in
/// alternating custody, housing allowance, landlord, DALO recourse; and what is computed from it (docs/contenu-demande.md).
/// </summary>
[Collection(CollectionApplications.Nom)]
public class ContenuCerfaTests(ApplicationsFixture fx)
{
    /// <summary>
    /// A couple (15 300 € + 14 200 € of revenu fiscal de référence) and a child in alternating custody, wishing Toulon (zone
    /// « autres régions »). By hand: 3 persons, one dependant → category 3 (arrêté du 29 juillet 1987, art. 2); UC 1 + 0.5 +
    /// 0.3 = 1.8; 29 500 € against the 2026 ceilings of category 3: PLAI 22 551 € (exceeded by 6 949 €), PLUS 37 584 €, PLS 48 859 €.
    /// </summary>
    public static object Famille(string nom, string? rfrMenage = null, bool deuxCodemandeurs = false) => new
    {
        personnes = new object[]
        {
            new { nom, prenoms = "Alice", dateNaissance = "1985-05-12", lien = "Demandeur", situationProfessionnelle = "Cdi",
                ressources = new[] { new { type = "Salaire", montantMensuel = 1450m } }, revenuFiscalReferenceN2 = 15300m,
                employeur = "Hôpital Sainte-Musse", communeTravail = "83137" },
            new { nom, prenoms = "Bruno", dateNaissance = "1983-02-01", lien = "Conjoint", situationProfessionnelle = "Cdd",
                ressources = new[] { new { type = "Salaire", montantMensuel = 1300m } }, revenuFiscalReferenceN2 = 14200m, coDemandeur = true,
                communeTravail = "83126" },
            new { nom, prenoms = "Chloé", dateNaissance = "2016-09-03", lien = "Enfant", garde = "Alternee", coDemandeur = deuxCodemandeurs },
        },
        adresse = new { ligne1 = "4 rue Picot", codePostal = "83000", commune = "Toulon" },
        accepteCourriel = false,
        situationFamiliale = "Marie",
        revenuFiscalReferenceN2 = rfrMenage is null ? (decimal?)null : decimal.Parse(rfrMenage, System.Globalization.CultureInfo.InvariantCulture),
        logementActuel = new { statut = "LocataireParcPrive", commune = "83137", loyerMensuel = 780m, surface = 41m, aideLogementMensuelle = 180m,
            bailleur = "SCI Les Pins", dateEntree = "2019-09-01" },
        motifs = new[] { "LogementTropPetit" },
        souhaits = new { typologies = new[] { "T3" }, communes = new[] { "83137" }, toutEpci = false },
        recoursDalo = true,
        dateRecoursDalo = "2026-06-15",
    };

    [Theory, DeuxBases]
    public async Task Une_famille_enregistree_par_l_API_a_sa_categorie_et_son_eligibilite(string f)
    {
        var app = fx.App(f);
        var client = app.ClientApi("epci");
        var numero = await DemandesApiTests.CreerAsync(client, Famille("Cerfatest"));

        var demande = await client.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}");
        var personnes = demande.GetProperty("personnes");
        Assert.Equal("codemandeur", personnes[1].GetProperty("situation").GetString());
        Assert.Equal("garde alternée", personnes[2].GetProperty("situation").GetString());

        var el = await client.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}/eligibilite");
        Assert.Equal(3, el.GetProperty("categorie").GetInt32());
        Assert.Equal(1.8m, el.GetProperty("unitesConsommation").GetDecimal());
        Assert.Equal(29500m, el.GetProperty("revenuFiscalReference").GetDecimal());
        var decisions = el.GetProperty("decisions").EnumerateArray().ToDictionary(d => d.GetProperty("financement").GetString()!);
        Assert.Equal(("non_eligible", 22551m, 6949m), (decisions["PLAI"].GetProperty("statut").GetString(), decisions["PLAI"].GetProperty("plafond").GetDecimal(), decisions["PLAI"].GetProperty("depassement").GetDecimal()));
        Assert.Equal(("eligible", 37584m), (decisions["PLUS"].GetProperty("statut").GetString(), decisions["PLUS"].GetProperty("plafond").GetDecimal()));
        Assert.Equal("eligible", decisions["PLS"].GetProperty("statut").GetString());

        // The export carries the new columns, never the NIR.
        var export = await client.GetStringAsync("/api/v1/demandes/export");
        var entete = export[..export.IndexOf('\r', StringComparison.Ordinal)].Split(',');
        var ligne = export.Split("\r\n").Single(l => l.Contains("Cerfatest", StringComparison.Ordinal)).Split(',');
        string Champ(string colonne) => ligne[Array.IndexOf(entete, colonne)];
        Assert.Equal(("180", "SCI Les Pins", "2019-09-01", "oui", "2026-06-15"), (Champ("logement_aide"), Champ("logement_bailleur"), Champ("logement_date_entree"), Champ("recours_dalo"), Champ("date_recours_dalo")));
        Assert.Equal(("oui", "15300", "14200", "Alternee", "83126"), (Champ("p2_codemandeur"), Champ("p1_revenu_fiscal_n2"), Champ("p2_revenu_fiscal_n2"), Champ("p3_garde"), Champ("p2_commune_travail")));
        Assert.DoesNotContain(entete, c => c.EndsWith("_nir", StringComparison.Ordinal));

        // The agent's page shows the category and the decisions.
        var agent = await app.ConnecterAsync("epci");
        var page = await LogisFactory.DocumentAsync(await agent.GetAsync($"/demandes/{numero}"));
        var texte = page.Body!.TextContent;
        Assert.Contains("catégorie 3", texte, StringComparison.Ordinal);
        Assert.Contains("Non éligible (dépassement de 6", texte, StringComparison.Ordinal);
        Assert.Contains("1,8", page.QuerySelectorAll("dt").Single(d => d.TextContent == "Unités de consommation").NextElementSibling!.TextContent, StringComparison.Ordinal);
    }

    [Theory, DeuxBases]
    public async Task Une_saisie_incoherente_est_refusee_champ_par_champ(string f)
    {
        var client = fx.App(f).ClientApi("epci");
        var r = await client.PostAsJsonAsync("/api/v1/demandes", Famille("Incoherent", rfrMenage: "30000", deuxCodemandeurs: true));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var erreurs = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("La demande a au plus un codemandeur.", erreurs.GetProperty("personnes[2].coDemandeur")[0].GetString());
        Assert.Equal("Seul un enfant peut être en garde alternée ou en droit de visite.",
            (await ErreursAsync(client, new { personnes = new[] { new { nom = "X", prenoms = "Y", dateNaissance = "1980-01-01", garde = "Alternee" } } })).GetProperty("personnes[0].garde")[0].GetString());

        var somme = await client.PostAsJsonAsync("/api/v1/demandes", Famille("Incoherent", rfrMenage: "30000"));
        var erreurSomme = (await somme.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("revenuFiscalReferenceN2")[0].GetString()!;
        Assert.StartsWith("Le revenu fiscal de référence du ménage (30", erreurSomme, StringComparison.Ordinal);
    }

    private static async Task<JsonElement> ErreursAsync(HttpClient client, object corps)
    {
        var r = await client.PostAsJsonAsync("/api/v1/demandes", corps);
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
    }
}
