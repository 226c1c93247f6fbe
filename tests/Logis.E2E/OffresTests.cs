using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Domain.Demandes;
using Microsoft.Playwright;

namespace Logis.E2E;

/// <summary>
/// The offer and the lease in a browser (issue 14, item 5): the landlord offers a vacant dwelling to the first candidate of the CALEOL, records
/// the refusal, offers it to the next, records the acceptance and the signed lease; each page passes axe-core and reflows (<see cref="ControlePage"/>).
/// The vacancy and the demands are prepared through the API, the CALEOL decisions with the domain act.
/// </summary>
[Collection(CollectionServeur.Nom)]
public class OffresTests(ServeurLogis serveur)
{
    private HttpClient Api(string compte)
    {
        var client = new HttpClient { BaseAddress = new Uri(serveur.UrlDeBase) };
        client.DefaultRequestHeaders.Add("X-Api-Key", Logis.Persistence.Seed.ComptesDemo.CleApi(compte,
            Logis.Domain.Territoire.Siren.Create(Logis.Persistence.Seed.TerritoireSeeder.SirenTpm)));
        return client;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage r)
    {
        Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        return r.Content.Headers.ContentLength == 0 ? default : await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<string> DemandeAsync(HttpClient epci, string nom, string commune)
    {
        var saisie = new
        {
            personnes = new[] { new { nom, prenoms = "Camille", dateNaissance = "1988-02-03", lien = "Demandeur", situationProfessionnelle = "Cdi",
                ressources = new[] { new { type = "Salaire", montantMensuel = 1600m } } } },
            adresse = new { ligne1 = "3 rue du Port", codePostal = "83000", commune = "Toulon" },
            telephone = "0639980001", accepteCourriel = false, situationFamiliale = "Celibataire",
            logementActuel = new { statut = "LocataireParcPrive", loyerMensuel = 700m, surface = 35m },
            motifs = new[] { "LogementTropCher" }, motifPrincipal = "LogementTropCher",
            souhaits = new { typologies = new[] { "T2", "T3" }, communes = new[] { commune }, toutEpci = false, loyerMaximum = 700m },
        };
        return (await JsonAsync(await epci.PostAsJsonAsync("/api/v1/demandes", saisie))).GetProperty("numero").GetString()!;
    }

    [Fact]
    public async Task Le_bailleur_offre_le_logement_enregistre_le_refus_le_candidat_suivant_et_le_bail()
    {
        var bailleur = Api("bailleur");
        // A dwelling of the landlord without a vacancy of its own yet.
        var vacances = await bailleur.GetFromJsonAsync<JsonElement>("/api/v1/vacances?taillePage=200");
        var pris = vacances.GetProperty("elements").EnumerateArray().Select(v => v.GetProperty("numeroRpls").GetString()).ToHashSet();
        string? id = null;
        foreach (var rpls in await LogementsAsync())
        {
            if (pris.Contains(rpls)) continue;
            var r = await bailleur.PostAsJsonAsync("/api/v1/vacances", new { logement = rpls, dateDisponibilite = "2026-12-20" });
            if (!r.IsSuccessStatusCode) continue;
            id = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            break;
        }
        Assert.NotNull(id);
        var detail = await bailleur.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{id}");
        // Its own contingent when it may receive it (no convention's balance is moved), the suggestion otherwise.
        var choix = detail.GetProperty("choix").EnumerateArray().ToList();
        var propre = choix.Where(c => c.GetProperty("nom").GetString()!.Contains("contingent propre", StringComparison.Ordinal))
            .Concat(choix.Where(c => c.GetProperty("suggere").GetBoolean())).First().GetProperty("id").GetGuid();
        await JsonAsync(await bailleur.PostAsJsonAsync($"/api/v1/vacances/{id}/orientation", new { reservataire = propre }));
        var commune = detail.GetProperty("communeInsee").GetString()!;
        var epci = Api("epci");
        var premier = await DemandeAsync(epci, "Navigateurun", commune);
        var second = await DemandeAsync(epci, "Navigateurdeux", commune);
        await serveur.NoterDecisionCaleolAsync(premier, Guid.Parse(id!), DecisionCaleol.AttributionAvecRang, 1);
        await serveur.NoterDecisionCaleolAsync(second, Guid.Parse(id!), DecisionCaleol.AttributionAvecRang, 2);

        var page = await serveur.NouvellePageAsync();
        await serveur.ConnecterAsync(page, "bailleur");
        await page.GotoAsync($"{serveur.UrlDeBase}/vacances/{id}");
        await page.Locator("#lien-offres").ClickAsync();
        await Assertions.Expect(page.Locator("#prochain-candidat")).ToHaveTextAsync($"demande {premier}");
        await ControlePage.VerifierAsync(page, "offre-a-faire");

        // Without the qualification: the error by its field; then the offer, qualified adapted.
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'offre" }).ClickAsync();
        await Assertions.Expect(page.Locator("#offre-adaptee-erreur")).ToContainTextAsync("R441-2-17");
        await ControlePage.VerifierAsync(page, "offre-erreurs");
        await page.GetByLabel("Oui, adapté").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'offre" }).ClickAsync();
        await Assertions.Expect(page.Locator("#statut-offres")).ToHaveTextAsync("offre en attente de réponse");
        await ControlePage.VerifierAsync(page, "offre-en-attente");

        // Refused for its rent: the next candidate of the CALEOL is announced and preselected.
        await page.GetByLabel("Le demandeur refuse l'offre").CheckAsync();
        await page.GetByLabel("Motif du refus").SelectOptionAsync("loyer-charges");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la réponse" }).ClickAsync();
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync($"Candidat suivant dans l'ordre de la CALEOL : demande {second}");
        await page.GetByLabel("Non", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'offre" }).ClickAsync();
        await page.GetByLabel("Le demandeur accepte l'offre").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la réponse" }).ClickAsync();
        await Assertions.Expect(page.Locator("#statut-offres")).ToHaveTextAsync("offre acceptée, bail à signer");
        await ControlePage.VerifierAsync(page, "bail-a-enregistrer");

        // The lease, signed today (the server's French day).
        var jour = Logis.Domain.Commun.HeureFrance.Jour(serveur.MaintenantServeurEstime).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        await page.GetByLabel("Date de signature du bail").FillAsync(jour);
        await page.GetByLabel("Date de prise d'effet du bail").FillAsync(jour);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le bail" }).ClickAsync();
        await Assertions.Expect(page.Locator("#statut-offres")).ToHaveTextAsync("attribuée");
        await ControlePage.VerifierAsync(page, "logement-attribue");
        await page.GotoAsync($"{serveur.UrlDeBase}/vacances/offres");
        await Assertions.Expect(page.Locator("#offres")).ToContainTextAsync(premier);
        await ControlePage.VerifierAsync(page, "tableau-offres");

        // The demand of the second candidate: radiated at the signature, each step in its timeline.
        var demande = await epci.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{second}/evenements");
        Assert.Equal(["Offre", "Acceptation", "BailSigne", "Radiation"], demande.EnumerateArray().Select(e => e.GetProperty("type").GetString()!)
            .Where(t => t is "Offre" or "Acceptation" or "BailSigne" or "Radiation").ToArray());
    }

    /// <summary>The landlord's dwellings, by RPLS number (from the territory API).</summary>
    private async Task<List<string>> LogementsAsync()
    {
        var bailleur = Api("bailleur");
        var r = await bailleur.GetFromJsonAsync<JsonElement>("/api/v1/logements?taillePage=200");
        return [.. r.GetProperty("elements").EnumerateArray().Select(l => l.GetProperty("numeroRpls").GetString()!)];
    }
}
