using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Logis.Web.Tests;

/// <summary>
/// The demand of a legal entity that rents to sublet (CCH L442-8-1), headings a), b) and h) only (R441-2-2): through the API,
/// the file and the page; never scored, never a candidate of the pre-selection (docs/contenu-demande.md).
/// </summary>
[Collection(CollectionApplications.Nom)]
public class PersonneMoraleTests(ApplicationsFixture fx)
{
    private static object Association(string raison, object? logementActuel = null) => new
    {
        personneMorale = new { raisonSociale = raison, siren = "775672272", nature = "OrganismeAgreeIntermediationLocative" },
        personnes = new object[] { new { nom = "Martin", prenoms = "Sophie", dateNaissance = "1971-03-08" } },
        adresse = new { ligne1 = "12 boulevard de Strasbourg", codePostal = "83000", commune = "Toulon" },
        courriel = "contact@association.example", accepteCourriel = true,
        logementActuel,
        souhaits = new { typologies = new[] { "T2", "T3" }, communes = new[] { "83137" }, toutEpci = false, loyerMaximum = 650m },
    };

    [Theory, DeuxBases]
    public async Task Une_association_enregistree_par_l_API_n_a_ni_menage_ni_cotation_ni_place_dans_la_preselection(string f)
    {
        var app = fx.App(f);
        var client = app.ClientApi("epci");
        var numero = await DemandesApiTests.CreerAsync(client, Association("Habitat et Insertion du Var"));
        Assert.Equal(18, numero.Length);

        var demande = await client.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}");
        var pm = demande.GetProperty("personneMorale");
        Assert.Equal(("Habitat et Insertion du Var", "775672272"), (pm.GetProperty("raisonSociale").GetString(), pm.GetProperty("siren").GetString()));
        Assert.Equal(JsonValueKind.Null, demande.GetProperty("situationFamiliale").ValueKind);

        var cotation = await client.GetAsync($"/api/v1/demandes/{numero}/cotation");
        Assert.Equal(HttpStatusCode.Conflict, cotation.StatusCode);
        Assert.Contains("personne morale", await cotation.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await using var db = fx.Base(f);
        Assert.True(Logis.Domain.Demandes.NumeroUnique.TryParse(numero, out var n));
        var lue = await db.Demandes.AsNoTracking().SingleAsync(d => d.Numero == n);
        var id = lue.Id;
        Assert.Null(await db.CotationsDemandes.Where(c => c.DemandeId == id).Select(c => c.Total).SingleAsync());
        Assert.False(await db.Set<Logis.Persistence.Attributions.EntreePreselection>().AnyAsync(e => e.DemandeId == id));

        // An extract in the SNE's format carries the entity in Logis's own element and reads back into the file's columns.
        var fichier = Logis.Application.Sne.FormatSne.EnFichierDemandes(Logis.Application.Sne.FormatSne.Fichier(null, [lue], DateTimeOffset.UnixEpoch));
        Assert.Contains(",Habitat et Insertion du Var,775672272,OrganismeAgreeIntermediationLocative,", fichier, StringComparison.Ordinal);

        // The agent's page names the entity and its representative, and says why there is no household.
        var agent = await app.ConnecterAsync("epci");
        var page = await LogisFactory.DocumentAsync(await agent.GetAsync($"/demandes/{numero}"));
        Assert.Contains("Habitat et Insertion du Var", page.GetElementById("personne-morale")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.GetElementById("personne-morale-explication"));
        Assert.Null(page.GetElementById("menage-plafonds"));
    }

    [Theory, DeuxBases]
    public async Task Une_rubrique_de_menage_est_refusee_avec_son_champ_et_rien_n_est_enregistre(string f)
    {
        var client = fx.App(f).ClientApi("epci");
        await using var db = fx.Base(f);
        var avant = await db.Demandes.CountAsync();
        var r = await client.PostAsJsonAsync("/api/v1/demandes", Association("Association Loge-Toit", new { statut = "LocataireParcPrive" }));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var probleme = await r.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(probleme.GetProperty("errors").TryGetProperty("logementActuel", out _));
        Assert.Equal(avant, await db.Demandes.CountAsync());
    }

    [Theory, DeuxBases]
    public async Task Une_ligne_de_fichier_de_personne_morale_s_importe_et_se_reexporte(string f)
    {
        var client = fx.App(f).ClientApi("epci");
        const string entete = "p1_nom,p1_prenoms,p1_date_naissance,adresse_ligne1,code_postal,commune_adresse,situation_familiale,logement_statut,motifs,"
            + "typologies,communes_souhaitees,personne_morale_raison_sociale,personne_morale_siren,personne_morale_nature\r\n";
        const string ligne = "Bernard,Luc,1968-11-02,3 rue Victor Clappier,83000,Toulon,,,,T1,83137,CCAS de Toulon,268300557,CentreActionSociale\r\n";
        var import = await client.PostAsync("/api/v1/demandes/import?essai=false", FichierDemandesApiTests.Csv(entete + ligne));
        Assert.Equal(HttpStatusCode.Created, import.StatusCode);

        var export = await client.GetStringAsync("/api/v1/demandes/export");
        var colonnes = export[..export.IndexOf('\r', StringComparison.Ordinal)].Split(',');
        var champs = export.Split("\r\n").Single(l => l.Contains("CCAS de Toulon", StringComparison.Ordinal)).Split(',');
        string Champ(string c) => champs[Array.IndexOf(colonnes, c)];
        Assert.Equal(("268300557", "CentreActionSociale", "", ""), (Champ("personne_morale_siren"), Champ("personne_morale_nature"), Champ("situation_familiale"), Champ("logement_statut")));
    }

    [Theory, DeuxBases]
    public async Task Un_agent_enregistre_puis_modifie_la_demande_d_une_association_par_la_page(string f)
    {
        var agent = await fx.App(f).ConnecterAsync("epci");
        var formulaire = new Dictionary<string, string>
        {
            ["F.RaisonSociale"] = "Logis Jeunes Provence", ["F.Siren"] = "512 345 678", ["F.Nature"] = "OrganismeSousLocationTemporaire",
            ["F.NomRepresentant"] = "Roux", ["F.PrenomsRepresentant"] = "Camille", ["F.NaissanceRepresentant"] = "1980-01-20",
            ["F.AdresseLigne1"] = "5 place de la Liberté", ["F.CodePostal"] = "83000", ["F.Commune"] = "Toulon",
            ["F.Typologies"] = "T1", ["F.CommunesSouhaitees"] = "83137", ["F.ToutEpci"] = "false",
            ["__RequestVerificationToken"] = await LogisFactory.JetonAsync(agent, "/demandes/personne-morale"),
        };
        var sansSiren = new Dictionary<string, string>(formulaire) { ["F.Siren"] = "12345" };
        var erreur = await agent.PostAsync("/demandes/personne-morale", new FormUrlEncodedContent(sansSiren));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, erreur.StatusCode);
        Assert.Contains("n'est pas un numéro SIREN", (await LogisFactory.DocumentAsync(erreur)).Body!.TextContent, StringComparison.Ordinal);

        var r = await agent.PostAsync("/demandes/personne-morale", new FormUrlEncodedContent(formulaire));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var numero = r.Headers.Location!.OriginalString["/demandes/".Length..];

        // « Modifier » of a legal entity's demand leads to its own page, prefilled; the update keeps the number.
        var modifier = await agent.GetAsync($"/demandes/{numero}/modifier");
        Assert.Equal($"/demandes/personne-morale?numero={numero}", modifier.Headers.Location?.OriginalString);
        var prerempli = await LogisFactory.DocumentAsync(await agent.GetAsync($"/demandes/personne-morale?numero={numero}"));
        Assert.Equal("512345678", prerempli.QuerySelector("input[name='F.Siren']")!.GetAttribute("value"));
        formulaire["F.Typologies"] = "T2";
        formulaire["__RequestVerificationToken"] = await LogisFactory.JetonAsync(agent, $"/demandes/personne-morale?numero={numero}");
        var maj = await agent.PostAsync($"/demandes/personne-morale?numero={numero}", new FormUrlEncodedContent(formulaire));
        Assert.Equal(HttpStatusCode.Redirect, maj.StatusCode);
        await using var db = fx.Base(f);
        Assert.True(Logis.Domain.Demandes.NumeroUnique.TryParse(numero, out var n));
        var contenu = (await db.Demandes.AsNoTracking().SingleAsync(d => d.Numero == n)).Contenu;
        Assert.Equal("T2", Assert.Single(contenu.Souhaits.Typologies).ToString());
        Assert.Equal("Logis Jeunes Provence", contenu.PersonneMorale!.RaisonSociale);
    }
}
