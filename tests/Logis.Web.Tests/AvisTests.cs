using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Cli;
using Logis.Domain.Demandes;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Logis.Web.Tests;

/// <summary>
/// Notices and proofs through the product (R441-2-7, R441-2-8): a warning sent, its delivery recorded with its proof by the
/// API, the page and the command line, the month counted from delivery; the list of demands to examine (page, API, CLI).
/// </summary>
[Collection(CollectionApplications.Nom)]
public class AvisTests(ApplicationsFixture fx)
{
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<JsonElement> ProblemeAsync(HttpResponseMessage r, HttpStatusCode attendu)
    {
        Assert.Equal(attendu, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Theory, DeuxBases]
    public async Task Un_partenaire_enregistre_la_remise_d_un_avertissement_et_sa_preuve_par_l_api(string f)
    {
        var app = fx.App(f);
        var client = app.ClientApi("epci");
        var numero = await DemandesApiTests.CreerAsync(client, DemandesApiTests.Saisie("Avistest"));
        var aujourdhui = Horloges.Aujourdhui;

        // Nothing sent yet: no delivery to record (409 with the domain's reason); bad input: 400 by field.
        var rien = await ProblemeAsync(await client.PostAsJsonAsync($"/api/v1/demandes/{numero}/avis/remise",
            new { avis = "c", remisLe = Iso(aujourdhui), preuve = "AR 1" }), HttpStatusCode.Conflict);
        Assert.Contains("Aucun avertissement", rien.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        var mauvais = await ProblemeAsync(await client.PostAsJsonAsync($"/api/v1/demandes/{numero}/avertissements",
            new { motif = "e", moyen = "pigeon" }), HttpStatusCode.BadRequest);
        Assert.True(mauvais.GetProperty("errors").TryGetProperty("motif", out _));
        Assert.True(mauvais.GetProperty("errors").TryGetProperty("moyen", out _));

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync($"/api/v1/demandes/{numero}/avertissements",
            new { motif = "c", moyen = "lettre_recommandee_ar" })).StatusCode);
        var futur = await ProblemeAsync(await client.PostAsJsonAsync($"/api/v1/demandes/{numero}/avis/remise",
            new { avis = "c", remisLe = Iso(aujourdhui.AddDays(1)), preuve = "AR 1" }), HttpStatusCode.BadRequest);
        Assert.True(futur.GetProperty("errors").TryGetProperty("remisLe", out _));
        var sansPreuve = await ProblemeAsync(await client.PostAsJsonAsync($"/api/v1/demandes/{numero}/avis/remise",
            new { avis = "c", remisLe = Iso(aujourdhui), preuve = " " }), HttpStatusCode.BadRequest);
        Assert.True(sansPreuve.GetProperty("errors").TryGetProperty("preuve", out _));
        var date = await ProblemeAsync(await client.PostAsJsonAsync($"/api/v1/demandes/{numero}/avis/remise",
            new { avis = "c", remisLe = "31/01/2026", preuve = "AR" }), HttpStatusCode.BadRequest);
        Assert.True(date.GetProperty("errors").TryGetProperty("remisLe", out _));

        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync($"/api/v1/demandes/{numero}/avis/remise",
            new { avis = "c", remisLe = Iso(aujourdhui), preuve = "AR 1A 176 234 5678 9" })).StatusCode);
        await ProblemeAsync(await client.PostAsJsonAsync($"/api/v1/demandes/{numero}/avis/remise",
            new { avis = "c", remisLe = Iso(aujourdhui), preuve = "AR" }), HttpStatusCode.Conflict);
        // Radiation c) refused before one month after the delivery.
        var tot = await ProblemeAsync(await client.PostAsJsonAsync($"/api/v1/demandes/{numero}/radiation", new { motif = "c" }), HttpStatusCode.Conflict);
        Assert.Contains("remis le", tot.GetProperty("detail").GetString()!, StringComparison.Ordinal);

        var evenements = await client.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}/evenements");
        var types = evenements.EnumerateArray().Select(e => e.GetProperty("type").GetString()!).ToList();
        Assert.Equal(["Enregistrement", "Avertissement", "RemiseAvertissement"], types);
        Assert.Contains("preuve de remise enregistrée", evenements[2].GetProperty("resume").GetString()!, StringComparison.Ordinal);
        Assert.DoesNotContain("AR 1A", evenements.ToString(), StringComparison.Ordinal); // typed text stays out of the timeline

        await using var db = fx.Base(f);
        Assert.True(NumeroUnique.TryParse(numero, out var n));
        var demande = await db.Demandes.AsNoTracking().SingleAsync(d => d.Numero == n);
        var avertissement = Assert.Single(demande.Avertissements);
        Assert.Equal(aujourdhui, avertissement.RemisLe);
        Assert.Equal("AR 1A 176 234 5678 9", avertissement.Preuve);
        Assert.Equal(aujourdhui.AddMonths(1), avertissement.RadiationPossibleLe);
        Assert.Equal(1, await db.Audit.CountAsync(a => a.DemandeId == demande.Id && a.Action == Logis.Application.Relances.AvisService.ActionRemise));
    }

    [Fact]
    public async Task Un_agent_enregistre_l_avertissement_et_sa_remise_depuis_la_page_de_la_demande()
    {
        var app = fx.App(BasesDeTest.Sqlite);
        var numero = await DemandesApiTests.CreerAsync(app.ClientApi("epci"), DemandesApiTests.Saisie("Avispage"));
        var agent = await app.ConnecterAsync("epci");
        var page = await LogisFactory.DocumentAsync(await agent.GetAsync($"/demandes/{numero}"));
        Assert.NotNull(page.QuerySelector("#avis"));
        var jeton = await LogisFactory.JetonAsync(agent, $"/demandes/{numero}");

        var envoi = await agent.PostAsync($"/demandes/{numero}/avis?handler=Avertir", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["__RequestVerificationToken"] = jeton, ["motif"] = "c", ["moyen"] = "lettre_recommandee_ar" }));
        Assert.Equal(HttpStatusCode.Redirect, envoi.StatusCode);

        // A delivery before the sending: the page answers 400 with the reason next to the date field, nothing recorded.
        var refus = await agent.PostAsync($"/demandes/{numero}/avis?handler=Remise", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["__RequestVerificationToken"] = jeton, ["avis"] = "c", ["remisLe"] = Iso(Horloges.Aujourdhui.AddDays(-3)), ["preuve"] = "AR 9" }));
        Assert.Equal(HttpStatusCode.BadRequest, refus.StatusCode);
        var docRefus = await LogisFactory.DocumentAsync(refus);
        Assert.Contains("précède l'envoi", docRefus.QuerySelector("#remise-date-erreur")!.TextContent, StringComparison.Ordinal);

        var remise = await agent.PostAsync($"/demandes/{numero}/avis?handler=Remise", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["__RequestVerificationToken"] = jeton, ["avis"] = "c", ["remisLe"] = Iso(Horloges.Aujourdhui), ["preuve"] = "AR 9" }));
        Assert.Equal(HttpStatusCode.Redirect, remise.StatusCode);
        var apres = await LogisFactory.DocumentAsync(await agent.GetAsync($"/demandes/{numero}"));
        Assert.Contains("Remis le", apres.QuerySelector("#avis table")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("preuve : AR 9", apres.QuerySelector("#avis table")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(apres.QuerySelectorAll("table tbody th"), th => th.TextContent.Contains("preuve de remise enregistrée", StringComparison.Ordinal));

        // A consultation role sees the section, without the forms.
        var lecteur = await app.ConnecterAsync("admin");
        var vue = await LogisFactory.DocumentAsync(await lecteur.GetAsync($"/demandes/{numero}"));
        Assert.NotNull(vue.QuerySelector("#avis"));
        Assert.Empty(vue.QuerySelectorAll("#avis form"));
    }

    [Theory, DeuxBases]
    public async Task Une_demande_expiree_sans_avis_est_listee_a_examiner_sur_la_page_l_api_et_la_ligne_de_commande(string f)
    {
        var app = fx.App(f);
        var client = app.ClientApi("epci");
        var saisie = JsonSerializer.SerializeToNode(DemandesApiTests.Saisie("Expireetest"))!.AsObject();
        saisie["dateDepot"] = Iso(Horloges.Aujourdhui.AddYears(-2));
        saisie["motifDateDepot"] = "Dossier papier déposé en mairie, saisi avec retard";
        var numero = await DemandesApiTests.CreerAsync(client, saisie);

        var liste = await client.GetFromJsonAsync<JsonElement>("/api/v1/relances/a-examiner?motif=expiree_non_radiable");
        var lignes = liste.GetProperty("demandes").GetProperty("elements").EnumerateArray().ToList();
        var ligne = Assert.Single(lignes, l => l.GetProperty("numero").GetString() == numero);
        Assert.Equal(["expiree_non_radiable"], ligne.GetProperty("codes").EnumerateArray().Select(c => c.GetString()!).ToArray());
        Assert.True(liste.GetProperty("comptes").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "expiree_non_radiable").GetProperty("nombre").GetInt32() >= 1);
        await ProblemeAsync(await client.GetAsync("/api/v1/relances/a-examiner?motif=inconnu"), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientApi("bailleur").GetAsync("/api/v1/relances/a-examiner")).StatusCode);

        var agent = await app.ConnecterAsync("epci");
        var page = await LogisFactory.DocumentAsync(await agent.GetAsync("/relances/a-examiner"));
        Assert.Contains(page.QuerySelectorAll("#demandes-a-examiner a"), a => a.TextContent == numero);

        var sortie = new StringWriter();
        await using (var db = fx.Base(f))
            Assert.Equal(0, await CommandesAvis.ListerAsync(db, Domain.Territoire.Siren.Create("248300543"), null, Horloges.Fixe(), sortie, CancellationToken.None));
        Assert.Contains(numero, sortie.ToString(), StringComparison.Ordinal);
        Assert.Contains("Expirée, pas encore radiable", sortie.ToString(), StringComparison.Ordinal);
    }
}
