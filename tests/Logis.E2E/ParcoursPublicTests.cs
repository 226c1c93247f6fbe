using Microsoft.Playwright;

namespace Logis.E2E;

/// <summary>
/// The public path of a person who wants social housing (issue 16), in headless Chromium and without signing in: from the home page to the
/// steps, checks eligibility, finds where to apply in a commune, then reads the statistics of that commune and typology; and the landlords.
/// Every page passes axe-core and reflows at 320 px (<see cref="ControlePage"/>, screenshots kept as artefacts).
/// </summary>
[Collection(CollectionServeur.Nom)]
public class ParcoursPublicTests(ServeurLogis serveur)
{
    [Fact]
    public async Task Une_personne_verifie_son_eligibilite_trouve_ou_deposer_puis_lit_les_statistiques()
    {
        var page = await serveur.NouvellePageAsync();
        await page.GotoAsync(serveur.UrlDeBase + "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Demander un logement social" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Demander un logement social");
        await ControlePage.VerifierAsync(page, "public-demander");

        // 1. Eligibility.
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Suis-je éligible ?" }).ClickAsync();
        await page.Locator("#commune").SelectOptionAsync(new SelectOptionValue { Label = "Toulon" });
        await page.Locator("#personne-0-date").FillAsync("1990-04-12");
        await page.Locator("#revenu").FillAsync("18000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir le résultat" }).ClickAsync();
        await Assertions.Expect(page.Locator("#resultat-synthese")).ToContainTextAsync("Oui");

        // 2. Where to apply in Toulon.
        await page.GotoAsync(serveur.UrlDeBase + "/demander");
        await page.Locator("main").GetByRole(AriaRole.Link, new() { Name = "Où déposer ma demande ?" }).ClickAsync();
        await ControlePage.VerifierAsync(page, "public-ou-deposer");
        await page.Locator("#commune").SelectOptionAsync(new SelectOptionValue { Label = "Toulon" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir les lieux" }).ClickAsync();
        await Assertions.Expect(page.Locator("#lieu-CCAS-83137")).ToContainTextAsync("Vous accompagne dans vos démarches");
        await Assertions.Expect(page.Locator("#lieu-MAIRIE-83137")).ToContainTextAsync("Enregistre votre demande");
        await ControlePage.VerifierAsync(page, "public-ou-deposer-toulon");

        // 3. The statistics of Toulon, then of its T3 dwellings.
        await page.GetByRole(AriaRole.Link, new() { Name = "statistiques de Toulon" }).ClickAsync();
        await Assertions.Expect(page.Locator("#ensemble")).ToContainTextAsync("à Toulon");
        await Assertions.Expect(page.Locator("#chiffres")).ToContainTextAsync("Demandes en attente");
        await ControlePage.VerifierAsync(page, "public-statistiques-toulon");
        await page.Locator("#typologie").SelectOptionAsync("T3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        await Assertions.Expect(page.Locator("#ensemble")).ToContainTextAsync("T3 (3 pièces) à Toulon");
        await Assertions.Expect(page.Locator("#par-commune tbody tr")).ToHaveCountAsync(12);
        await ControlePage.VerifierAsync(page, "public-statistiques-toulon-t3");
    }

    [Theory]
    [InlineData("/bailleurs", "public-bailleurs")]
    [InlineData("/statistiques", "public-statistiques")]
    [InlineData("/statistiques?commune=13055&typologie=T9", "public-statistiques-erreur")]
    [InlineData("/ou-deposer?commune=abc", "public-ou-deposer-erreur")]
    [InlineData("/guichets", "public-guichets")]
    public async Task Les_autres_pages_publiques_sont_accessibles(string url, string nom)
    {
        var page = await serveur.NouvellePageAsync();
        await page.GotoAsync(serveur.UrlDeBase + url);
        await ControlePage.VerifierAsync(page, nom);
    }
}
