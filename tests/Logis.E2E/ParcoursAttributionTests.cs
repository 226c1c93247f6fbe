using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using UglyToad.PdfPig;

namespace Logis.E2E;

/// <summary>
/// The whole allocation chain in a browser (issue 14, « done when »): the landlord declares a vacancy and orients it to Action Logement; the
/// réservataire proposes three candidates from the pre-selection; the landlord's commission examines them (the dossier takes the proposal),
/// votes and decides (two ranked attributions, one non-attribution with its reason), closes the session; the minutes and a letter open as PDF
/// and their text is read; the first candidate refuses the offer, the second accepts, the lease is recorded. Each step shows in the vacancy's
/// and the demands' timelines. Only the three demands are prepared through the API (their entry is tested elsewhere).
/// </summary>
[Collection(CollectionServeur.Nom)]
public class ParcoursAttributionTests(ServeurLogis serveur)
{
    private HttpClient Api(string compte)
    {
        var client = new HttpClient { BaseAddress = new Uri(serveur.UrlDeBase) };
        client.DefaultRequestHeaders.Add("X-Api-Key", Logis.Persistence.Seed.ComptesDemo.CleApi(compte,
            Logis.Domain.Territoire.Siren.Create(Logis.Persistence.Seed.TerritoireSeeder.SirenTpm)));
        return client;
    }

    /// <summary>A couple (two persons, category 2, modest incomes) wishing the commune and the T3 of the dwelling, its rent within reach.</summary>
    private static object Couple(string nom, string commune, decimal loyerMaximum) => new
    {
        personnes = new object[]
        {
            new { nom, prenoms = "Alix", dateNaissance = "1980-02-03", lien = "Demandeur", situationProfessionnelle = "Cdi",
                ressources = new[] { new { type = "Salaire", montantMensuel = 1400m } } },
            new { nom, prenoms = "Noa", dateNaissance = "1982-04-05", lien = "Conjoint", coDemandeur = true, situationProfessionnelle = "Cdi",
                ressources = new[] { new { type = "Salaire", montantMensuel = 800m } } },
        },
        revenuFiscalReferenceN2 = 15_000m,
        adresse = new { ligne1 = "3 rue des Essais", codePostal = "83000", commune = "Toulon" },
        telephone = "0639980001", accepteCourriel = false, situationFamiliale = "Marie",
        logementActuel = new { statut = "LocataireParcPrive", loyerMensuel = 750m, surface = 30m },
        motifs = new[] { "LogementTropPetit" }, motifPrincipal = "LogementTropPetit",
        souhaits = new { typologies = new[] { "T3" }, communes = new[] { commune }, toutEpci = false, loyerMaximum },
    };

    private static string TextePdf(byte[] pdf)
    {
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        using var doc = PdfDocument.Open(pdf);
        return string.Join("\n", doc.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    [Fact]
    public async Task De_la_vacance_au_bail_par_les_pages()
    {
        // A free T3 of the demo landlord (at least 40 m²: suited to two persons), without a vacancy yet.
        var bailleurApi = Api("bailleur");
        var pris = (await bailleurApi.GetFromJsonAsync<JsonElement>("/api/v1/vacances?taillePage=200")).GetProperty("elements").EnumerateArray()
            .Select(v => v.GetProperty("numeroRpls").GetString()).ToHashSet();
        var logement = (await bailleurApi.GetFromJsonAsync<JsonElement>("/api/v1/logements?taillePage=200")).GetProperty("elements").EnumerateArray()
            .Where(l => l.GetProperty("typologie").GetString() == "T3" && l.GetProperty("surfaceHabitable").GetDecimal() >= 40m
                && l.GetProperty("financement").GetString() != "PLI" && !pris.Contains(l.GetProperty("numeroRpls").GetString()))
            .OrderBy(l => l.GetProperty("numeroRpls").GetString(), StringComparer.Ordinal).First();
        var rpls = logement.GetProperty("numeroRpls").GetString()!;
        var commune = logement.GetProperty("communeInsee").GetString()!;
        var loyerMax = logement.GetProperty("loyerPrincipal").GetDecimal() + logement.GetProperty("charges").GetDecimal() + 150m;
        var epci = Api("epci");
        var nom = "Parcours" + Guid.NewGuid().ToString("N")[..5].Replace('0', 'a');
        var numeros = new List<string>();
        foreach (var suffixe in new[] { "un", "deux", "trois" })
        {
            var r = await epci.PostAsJsonAsync("/api/v1/demandes", Couple(nom + suffixe, commune, loyerMax));
            Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
            numeros.Add((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("numero").GetString()!);
        }
        var jour = Logis.Domain.Commun.HeureFrance.Jour(serveur.MaintenantServeurEstime);
        string Texte(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

        // 1. The landlord declares the vacancy and orients it to Action Logement.
        var bailleur = await serveur.NouvellePageAsync();
        await serveur.ConnecterAsync(bailleur, "bailleur");
        await bailleur.GotoAsync(serveur.UrlDeBase + "/vacances/declarer");
        await bailleur.GetByLabel("Numéro RPLS du logement").FillAsync(rpls);
        await bailleur.GetByLabel("Disponible le").FillAsync(Texte(jour.AddDays(30)));
        await bailleur.GetByRole(AriaRole.Button, new() { Name = "Déclarer la vacance" }).ClickAsync();
        await Assertions.Expect(bailleur.Locator("#statut-vacance")).ToHaveTextAsync("déclarée");
        var vacance = bailleur.Url.Split('/')[^1];
        await bailleur.GetByLabel("Action Logement", new() { Exact = false }).First.CheckAsync();
        await bailleur.GetByLabel("Motif, si vous ne suivez pas la suggestion").FillAsync("Parcours de test : contingent d'Action Logement");
        await bailleur.GetByRole(AriaRole.Button, new() { Name = "Orienter", Exact = true }).ClickAsync();
        await Assertions.Expect(bailleur.Locator("#statut-vacance")).ToHaveTextAsync("orientée");

        // 2. The réservataire proposes the three demands from the pre-selection.
        var reservataire = await serveur.NouvellePageAsync();
        await serveur.ConnecterAsync(reservataire, "reservataire");
        await reservataire.GotoAsync($"{serveur.UrlDeBase}/vacances/{vacance}");
        foreach (var n in numeros) await reservataire.Locator($"#candidat-{n}").CheckAsync();
        await reservataire.GetByRole(AriaRole.Button, new() { Name = "Proposer ces candidats" }).ClickAsync();
        await Assertions.Expect(reservataire.Locator("#statut-vacance")).ToHaveTextAsync("candidats proposés");
        await ControlePage.VerifierAsync(reservataire, "parcours-candidats-proposes");

        // 3. The commission: a session with the mayor of the dwelling's commune, the dossier takes the proposal in its order.
        await bailleur.GotoAsync(serveur.UrlDeBase + "/caleol");
        await bailleur.GetByLabel("Date de la séance").FillAsync(Texte(jour));
        await bailleur.Locator("#seance-membres-0-nom").FillAsync("Mme Présidente");
        await bailleur.Locator("#seance-membres-0-qualite").SelectOptionAsync("bailleur");
        await bailleur.Locator("#seance-membres-0-president").CheckAsync();
        await bailleur.Locator("#seance-membres-1-nom").FillAsync("Mme Locataires");
        await bailleur.Locator("#seance-membres-1-qualite").SelectOptionAsync("locataires");
        await bailleur.Locator("#seance-membres-2-nom").FillAsync("M. le Maire");
        await bailleur.Locator("#seance-membres-2-qualite").SelectOptionAsync("maire");
        await bailleur.Locator("#seance-membres-2-commune").SelectOptionAsync(commune);
        await bailleur.GetByRole(AriaRole.Button, new() { Name = "Créer la séance" }).ClickAsync();
        await Assertions.Expect(bailleur.Locator("#etat-seance")).ToHaveTextAsync("ouverte");
        var seance = bailleur.Url.Split('/')[^1];
        await bailleur.Locator("#inscription-vacance").SelectOptionAsync(vacance);
        await bailleur.GetByRole(AriaRole.Button, new() { Name = "Inscrire le logement" }).ClickAsync();
        var candidats = bailleur.Locator("table[id^=candidats-]");
        await Assertions.Expect(candidats).ToContainTextAsync("rang 1 de la proposition");
        var ordre = await candidats.Locator("tbody th").AllTextContentsAsync();
        Assert.Equal(3, ordre.Count);
        Assert.Equal(numeros.ToHashSet(), ordre.Select(o => o.Trim()).ToHashSet());
        var dossier = (await candidats.GetAttributeAsync("id"))!["candidats-".Length..];
        await ControlePage.VerifierAsync(bailleur, "parcours-commission-inscrite");

        async Task Decider(int candidat, string decision, int? rang, string? motif)
        {
            var vote = bailleur.Locator($"#vote-{dossier}-{candidat}");
            foreach (var select in await vote.Locator("select").AllAsync()) await select.SelectOptionAsync(decision);
            await vote.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les votes" }).ClickAsync();
            var forme = bailleur.Locator($"#decision-{dossier}-{candidat}");
            await Assertions.Expect(forme.Locator("select[name=decision]")).ToHaveValueAsync(decision);
            if (rang is { } r) await forme.Locator("input[name=rang]").FillAsync(r.ToString(CultureInfo.InvariantCulture));
            if (motif is not null) await forme.Locator($"input[value={motif}]").CheckAsync();
            await forme.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }).ClickAsync();
            await Assertions.Expect(bailleur.Locator($"#decision-{dossier}-{candidat}")).ToHaveCountAsync(0);
        }
        await Decider(1, "attribution-rang", 1, null);
        await Decider(2, "attribution-rang", 2, null);
        await Decider(3, "non-attribution", null, "inadapte-composition");
        await bailleur.GetByRole(AriaRole.Button, new() { Name = "Clore la séance" }).ClickAsync();
        await Assertions.Expect(bailleur.Locator("#etat-seance")).ToHaveTextAsync("close");
        await ControlePage.VerifierAsync(bailleur, "parcours-commission-close");

        // The minutes and the first candidate's letter, as the agent's browser downloads them.
        var pv = TextePdf(await (await bailleur.APIRequest.GetAsync($"{serveur.UrlDeBase}/api/v1/caleol/seances/{seance}/proces-verbal")).BodyAsync());
        Assert.Contains(rpls, pv, StringComparison.Ordinal);
        foreach (var n in numeros) Assert.Contains(n, pv, StringComparison.Ordinal);
        var courrier = TextePdf(await (await bailleur.APIRequest.GetAsync(
            serveur.UrlDeBase + await bailleur.Locator("a[href*='/courriers/1']").GetAttributeAsync("href"))).BodyAsync());
        Assert.Contains(ordre[0].Trim(), courrier, StringComparison.Ordinal);
        Assert.Contains("rang 1", courrier, StringComparison.Ordinal);

        // 4. The offer to rank 1, refused; the next in the commission's order accepts; the lease.
        await bailleur.GotoAsync($"{serveur.UrlDeBase}/vacances/{vacance}/offres");
        var premier = ordre[0].Trim();
        var second = ordre[1].Trim();
        await Assertions.Expect(bailleur.Locator("#prochain-candidat")).ToHaveTextAsync($"demande {premier}");
        await bailleur.GetByLabel("Oui, adapté").CheckAsync();
        await bailleur.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'offre" }).ClickAsync();
        await bailleur.GetByLabel("Le demandeur refuse l'offre").CheckAsync();
        await bailleur.GetByLabel("Motif du refus").SelectOptionAsync("localisation");
        await bailleur.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la réponse" }).ClickAsync();
        await Assertions.Expect(bailleur.Locator("[role=status]")).ToContainTextAsync($"Candidat suivant dans l'ordre de la CALEOL : demande {second}");
        await bailleur.GetByLabel("Oui, adapté").CheckAsync();
        await bailleur.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'offre" }).ClickAsync();
        await bailleur.GetByLabel("Le demandeur accepte l'offre").CheckAsync();
        await bailleur.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la réponse" }).ClickAsync();
        await bailleur.GetByLabel("Date de signature du bail").FillAsync(Texte(jour));
        await bailleur.GetByLabel("Date de prise d'effet du bail").FillAsync(Texte(jour));
        await bailleur.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le bail" }).ClickAsync();
        await Assertions.Expect(bailleur.Locator("#statut-offres")).ToHaveTextAsync("attribuée");

        // 5. The timelines: the vacancy's, on its page; each demand's, on the agent's page of the demand.
        await bailleur.GotoAsync($"{serveur.UrlDeBase}/vacances/{vacance}");
        var chronologie = bailleur.Locator("#historique-vacance");
        foreach (var etape in new[] { "Vacance déclarée", "Orientée vers Action Logement", "3 candidats proposés", "Dossier inscrit à la séance",
            "La commission d'attribution a décidé : 2 candidats retenus", $"Offre écrite faite à la demande {premier}", $"Demande {premier} :",
            $"Offre écrite faite à la demande {second}", $"Bail signé le {Texte(jour)} avec la demande {second}" })
            await Assertions.Expect(chronologie).ToContainTextAsync(etape, new() { IgnoreCase = true });
        await ControlePage.VerifierAsync(bailleur, "parcours-vacance-attribuee");
        var agent = await serveur.NouvellePageAsync();
        await serveur.ConnecterAsync(agent, "epci");
        foreach (var (numero, attendus) in new[]
        {
            (premier, new[] { "Candidature proposée pour un logement", "Décision de la CALEOL : attribution par ordre de priorité, rang 1", "Offre de logement qualifiée adaptée", "Offre adaptée refusée" }),
            (second, new[] { "Candidature proposée pour un logement", "rang 2", "Offre de logement qualifiée adaptée", "Offre de logement acceptée", "Bail signé", "Demande radiée" }),
            (ordre[2].Trim(), new[] { "Candidature proposée pour un logement", "Décision de la CALEOL : non-attribution" }),
        })
        {
            await agent.GotoAsync($"{serveur.UrlDeBase}/demandes/{numero}");
            foreach (var a in attendus) await Assertions.Expect(agent.Locator("#chronologie")).ToContainTextAsync(a, new() { IgnoreCase = true });
        }
        await ControlePage.VerifierAsync(agent, "parcours-demande-radiee");
    }
}
