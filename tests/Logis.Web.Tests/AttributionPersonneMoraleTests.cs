using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Domain.Attributions;
using Logis.Domain.Commun;
using Logis.Persistence;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace Logis.Web.Tests;

/// <summary>
/// The attribution of a dwelling to a legal entity that sublets (CCH L442-8-1, R441-1 2°; docs/personne-morale.md), from the vacancy to the
/// signed lease through the API on both databases: the landlord proposes the entity on its own contingent (it is in no pre-selection), the
/// CALEOL decides, the landlord offers, records the acceptance and the lease; the lease is marked and counted apart from the social-mix
/// indicators. Refused on a réservataire's contingent, with the same message by the proposal and the CALEOL's agenda; the vacancy page
/// proposes it by its number and shows it.
/// </summary>
[Collection(CollectionApplications.Nom)]
public class AttributionPersonneMoraleTests(ApplicationsFixture fx)
{
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static object Association(string raison, Vacance v) => new
    {
        personneMorale = new { raisonSociale = raison, siren = "775672272", nature = "OrganismeAgreeIntermediationLocative" },
        personnes = new object[] { new { nom = "Martin", prenoms = "Sophie", dateNaissance = "1971-03-08" } },
        adresse = new { ligne1 = "12 boulevard de Strasbourg", codePostal = "83000", commune = "Toulon" },
        courriel = "contact@association.example", accepteCourriel = true,
        souhaits = new { typologies = new[] { v.Typologie.ToString() }, communes = new[] { v.CommuneInsee.Value }, toutEpci = false, loyerMaximum = v.Loyer + v.Charges + 100m },
    };

    /// <summary>A vacancy of the first landlord oriented to its own contingent (the landlord proposes), and a legal entity's demand that wishes it.</summary>
    private static async Task<(string Vacance, string Numero, string Raison)> PreparerAsync(LogisFactory app, LogisDbContext db)
    {
        var api = app.ClientApi("bailleur");
        var b0 = OffresTests.Bailleur(db, 0);
        var id = await VacancesTests.DeclarerAsync(api, await VacancesTests.LogementLibreAsync(db, b0));
        var o = await api.PostAsJsonAsync($"/api/v1/vacances/{id}/orientation", new { reservataire = VacancesTests.Reservataire($"bailleur:{b0}").Value });
        Assert.True(o.StatusCode == HttpStatusCode.NoContent, await o.Content.ReadAsStringAsync());
        var vacance = await db.Vacances.AsNoTracking().SingleAsync(v => v.Id == new VacanceId(Guid.Parse(id)));
        var raison = "Association Toit " + Guid.NewGuid().ToString("N")[..6];
        return (id, await DemandesApiTests.CreerAsync(app.ClientApi("epci"), Association(raison, vacance)), raison);
    }

    private static async Task<JsonElement> ProblemeAsync(HttpResponseMessage r, HttpStatusCode attendu)
    {
        Assert.True(attendu == r.StatusCode, $"attendu {(int)attendu}, obtenu {(int)r.StatusCode} : {await r.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task Reussi(HttpResponseMessage r, HttpStatusCode attendu) =>
        Assert.True(r.StatusCode == attendu, $"attendu {(int)attendu}, obtenu {(int)r.StatusCode} : {await r.Content.ReadAsStringAsync()}");

    [Theory, DeuxBases]
    public async Task De_la_vacance_au_bail_signe_avec_une_association(string f)
    {
        var app = fx.App(f);
        _ = app.Services;
        await using var db = fx.Base(f);
        var api = app.ClientApi("bailleur");
        var (vacance, numero, raison) = await PreparerAsync(app, db);
        var aujourdhui = app.Horloge.AujourdhuiEnFrance();
        var mixite = app.ClientApi("epci");
        var bauxAvant = (await mixite.GetFromJsonAsync<JsonElement>($"/api/v1/mixite/indicateurs?annee={aujourdhui.Year}")).GetProperty("baux").ToString();

        // Not in the pre-selection (no household), proposed by its number: the reasons say what does not apply.
        var preselection = await api.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{vacance}/candidats?limite=100");
        Assert.DoesNotContain(preselection.GetProperty("candidats").EnumerateArray(), c => c.GetProperty("numero").GetString() == numero);
        var propose = await api.PostAsJsonAsync($"/api/v1/vacances/{vacance}/candidats", new { numeros = new[] { numero } });
        await Reussi(propose, HttpStatusCode.OK);
        var proposes = await api.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{vacance}/candidats-proposes");
        Assert.Contains("sans objet", proposes.EnumerateArray().Single().GetProperty("motifs").GetString()!, StringComparison.Ordinal);

        // The CALEOL takes the candidate proposed (fewer than three: not enough candidates), votes and attributes.
        var commune = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{vacance}")).GetProperty("communeInsee").GetString()!;
        var seance = await CaleolTests.SeanceAsync(app, commune);
        var inscrit = await api.PostAsJsonAsync($"/api/v1/caleol/seances/{seance}/dossiers", new { vacance = Guid.Parse(vacance), exception = "candidats-insuffisants" });
        await Reussi(inscrit, HttpStatusCode.Created);
        var dossier = (await inscrit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await Reussi(await api.PostAsJsonAsync($"/api/v1/caleol/dossiers/{dossier}/votes",
            new { candidat = 1, votes = new[] { 1, 2, 3 }.Select(m => new { membre = m, decision = "attribution" }) }), HttpStatusCode.NoContent);
        await Reussi(await api.PostAsJsonAsync($"/api/v1/caleol/dossiers/{dossier}/decisions", new { candidat = 1, decision = "attribution" }), HttpStatusCode.NoContent);
        Assert.Equal("decidee", (await api.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{vacance}")).GetProperty("statut").GetString());

        // The letter is addressed to the entity, to the attention of its representative.
        var courrier = await api.GetAsync($"/api/v1/caleol/dossiers/{dossier}/courriers/1");
        await Reussi(courrier, HttpStatusCode.OK);
        using (var pdf = PdfDocument.Open(await courrier.Content.ReadAsByteArrayAsync()))
        {
            var texte = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.Contains(raison, texte, StringComparison.Ordinal);
            Assert.Contains("attention de Sophie Martin", texte, StringComparison.Ordinal);
        }

        // Offer, acceptance, lease.
        var offre = await api.PostAsJsonAsync($"/api/v1/vacances/{vacance}/offres", new { demande = numero, adaptee = true });
        await Reussi(offre, HttpStatusCode.Created);
        var idOffre = (await offre.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await Reussi(await api.PostAsJsonAsync($"/api/v1/offres/{idOffre}/reponse", new { acceptee = true }), HttpStatusCode.OK);
        await Reussi(await api.PostAsJsonAsync($"/api/v1/offres/{idOffre}/bail", new { dateSignature = Iso(aujourdhui), dateEffet = Iso(aujourdhui.AddDays(15)) }), HttpStatusCode.Created);
        Assert.Equal("attribuee", (await api.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{vacance}")).GetProperty("statut").GetString());

        // The lease is marked: no household, no quartile — never a 0 category nor an income per UC.
        var attribution = await db.Attributions.AsNoTracking().SingleAsync(a => a.NumeroDemande == numero);
        Assert.Equal((true, 0, null, null), (attribution.PersonneMorale, attribution.NombrePersonnes, attribution.RevenuParUc, attribution.CategorieMenage));
        var liste = await api.GetFromJsonAsync<JsonElement>($"/api/v1/attributions?annee={aujourdhui.Year}&taillePage=200");
        var ligne = liste.GetProperty("elements").EnumerateArray().Single(l => l.GetProperty("id").GetGuid() == attribution.Id.Value);
        Assert.True(ligne.GetProperty("personneMorale").GetBoolean());
        Assert.Equal(JsonValueKind.Null, ligne.GetProperty("quartile").ValueKind);

        // The social-mix indicators count the households' leases only: this lease leaves them as they were.
        var apres = await mixite.GetFromJsonAsync<JsonElement>($"/api/v1/mixite/indicateurs?annee={aujourdhui.Year}");
        Assert.Equal(bauxAvant, apres.GetProperty("baux").ToString());
        Assert.True(apres.TryGetProperty("bauxPersonnesMorales", out _));
        // The CIL's bilan says them apart, on the page and in the PDF.
        var agent = await app.ConnecterAsync("epci");
        var bilan = await LogisFactory.DocumentAsync(await agent.GetAsync($"/mixite/bilan?annee={aujourdhui.Year}"));
        Assert.Contains("personnes morales qui sous-louent", bilan.QuerySelector("#bilan-personnes-morales")!.TextContent, StringComparison.Ordinal);
        using var bilanPdf = PdfDocument.Open(await agent.GetByteArrayAsync($"/mixite/bilan.pdf?annee={aujourdhui.Year}"));
        Assert.Contains("personnesmoralesquisous-louent", string.Concat(bilanPdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text)), StringComparison.Ordinal);
    }

    [Theory, DeuxBases]
    public async Task Sur_le_contingent_d_un_reservataire_la_personne_morale_est_refusee_avec_un_message_clair(string f)
    {
        var app = fx.App(f);
        _ = app.Services;
        await using var db = fx.Base(f);
        var (_, numero, _) = await PreparerAsync(app, db);
        var b0 = OffresTests.Bailleur(db, 0);
        var (vacance, _) = await VacancesTests.VacanceOrienteeAsync(app, db, b0, "83137");

        var reservataire = await app.ConnecterAsync("reservataire");
        var refus = await ProblemeAsync(await reservataire.PostAsJsonAsync($"/api/v1/vacances/{vacance}/candidats", new { numeros = new[] { numero } }), HttpStatusCode.BadRequest);
        var message = refus.GetProperty("errors").GetProperty("numeros")[0].GetString()!;
        Assert.Contains("personne morale (article L442-8-1 du CCH)", message, StringComparison.Ordinal);
        Assert.Contains("contingent d'un réservataire", message, StringComparison.Ordinal);

        // The landlord may not put it on the CALEOL's agenda for that vacancy either: the same rule, the same words.
        var seance = await CaleolTests.SeanceAsync(app, "83137");
        var caleol = await ProblemeAsync(await app.ClientApi("bailleur").PostAsJsonAsync($"/api/v1/caleol/seances/{seance}/dossiers",
            new { vacance = Guid.Parse(vacance), candidats = new[] { numero }, exception = "candidats-insuffisants" }), HttpStatusCode.BadRequest);
        Assert.Equal(message, caleol.GetProperty("errors").GetProperty("candidats[0]")[0].GetString());
        Assert.Equal("orientee", (await app.ClientApi("bailleur").GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{vacance}")).GetProperty("statut").GetString());
        Assert.False(await db.Candidatures.AsNoTracking().AnyAsync(c => c.VacanceId == new VacanceId(Guid.Parse(vacance))));
    }

    [Fact]
    public async Task La_page_de_la_vacance_propose_la_personne_morale_par_son_numero_et_l_affiche()
    {
        var app = fx.App(BasesDeTest.Sqlite);
        _ = app.Services;
        await using var db = fx.Base(BasesDeTest.Sqlite);
        var (vacance, numero, _) = await PreparerAsync(app, db);
        var agent = await app.ConnecterAsync("bailleur");
        var url = $"/vacances/{vacance}";
        var doc = await LogisFactory.DocumentAsync(await agent.GetAsync(url));
        Assert.Null(doc.QuerySelector($"#preselection input[value='{numero}']"));
        Assert.Contains("L442-8-1", doc.QuerySelector("#titre-hors-preselection + p")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("numeros", doc.QuerySelector("#numero-hors-preselection")!.GetAttribute("name"));

        // A number that is not one: the page says so next to the field, with its status.
        var jeton = await LogisFactory.JetonAsync(agent, url);
        var faux = await agent.PostAsync(url + "?handler=Proposer", new FormUrlEncodedContent(new Dictionary<string, string> { ["numeros"] = "ABC", ["__RequestVerificationToken"] = jeton }));
        Assert.Equal(HttpStatusCode.BadRequest, faux.StatusCode);
        var erreur = await LogisFactory.DocumentAsync(faux);
        Assert.Contains("n'est pas un numéro unique", erreur.GetElementById("proposition-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", erreur.QuerySelector("#numero-hors-preselection")!.GetAttribute("aria-invalid"));

        var r = await agent.PostAsync(url + "?handler=Proposer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["numeros"] = numero, ["__RequestVerificationToken"] = await LogisFactory.JetonAsync(agent, url),
        }));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        doc = await LogisFactory.DocumentAsync(await agent.GetAsync(url));
        Assert.Equal("candidats proposés", doc.QuerySelector("#statut-vacance")!.TextContent);
        var propose = doc.QuerySelector("#candidats-proposes")!.TextContent;
        Assert.Contains(numero, propose, StringComparison.Ordinal);
        Assert.Contains("Personne morale (article L442-8-1 du CCH) : ménage, catégorie, plafond de ressources, taille et quartile sans objet", propose, StringComparison.Ordinal);

        // The demand's page says its quartile does not apply, instead of an unreadable household.
        var demande = await LogisFactory.DocumentAsync(await (await app.ConnecterAsync("epci")).GetAsync($"/demandes/{numero}"));
        Assert.StartsWith("Sans objet : la demande est celle d'une personne morale", demande.GetElementById("quartile-demande")!.TextContent, StringComparison.Ordinal);
    }
}
