using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Logis.E2E;

/// <summary>Every page passes axe-core with no violation (RGAA / WCAG 2.1 AA, docs/protection-des-donnees.md §2 item 34); screenshots are kept.</summary>
[Collection(CollectionServeur.Nom)]
public class AccessibiliteTests(ServeurLogis serveur)
{
    private static async Task VerifierAsync(IPage page, string nom)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ServeurLogis.DossierCaptures, $"{nom}.png"), FullPage = true });
        var resultat = await page.RunAxe();
        var violations = string.Join("\n", resultat.Violations.Select(v => $"{v.Id} ({v.Impact}) : {v.Help} — {string.Join(", ", v.Nodes.Select(n => string.Join(" ", n.Target)))}"));
        Assert.True(resultat.Violations.Length == 0, $"Violations axe sur {nom} :\n{violations}");
    }

    [Theory]
    [InlineData("/", "accueil")]
    [InlineData("/connexion", "connexion")]
    [InlineData("/accessibilite", "accessibilite")]
    [InlineData("/donnees-personnelles", "donnees-personnelles")]
    [InlineData("/eligibilite", "eligibilite")]
    [InlineData("/cotation", "cotation")]
    public async Task Les_pages_publiques_sont_accessibles(string url, string nom)
    {
        var page = await serveur.NouvellePageAsync();
        await page.GotoAsync(serveur.UrlDeBase + url);
        await VerifierAsync(page, nom);
    }

    [Fact]
    public async Task Les_pages_du_territoire_sont_accessibles()
    {
        var page = await serveur.NouvellePageAsync();
        await serveur.ConnecterAsync(page, "epci");
        await VerifierAsync(page, "territoire");
        await page.GetByRole(AriaRole.Link, new() { Name = "La Seyne-sur-Mer" }).First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("La Seyne-sur-Mer");
        await VerifierAsync(page, "commune");
        await page.GotoAsync(serveur.UrlDeBase + "/territoire");
        await page.GetByRole(AriaRole.Link, new() { Name = "Azur Habitat Social" }).ClickAsync();
        await page.GetByLabel("Typologie").SelectOptionAsync("T4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await Assertions.Expect(page.Locator("table caption").Nth(1)).ToContainTextAsync("logements");
        await VerifierAsync(page, "bailleur");
    }

    [Fact]
    public async Task Le_resultat_d_eligibilite_et_les_demandes_sont_accessibles()
    {
        var page = await serveur.NouvellePageAsync();
        await page.GotoAsync(serveur.UrlDeBase + "/eligibilite");
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir le résultat" }).ClickAsync();
        await VerifierAsync(page, "eligibilite-erreurs");

        await serveur.ConnecterAsync(page, "epci");
        await page.GotoAsync(serveur.UrlDeBase + "/demandes");
        await VerifierAsync(page, "demandes");
        await page.Locator("table tbody tr a").First.ClickAsync();
        await VerifierAsync(page, "demande");
    }

    [Fact]
    public async Task Le_journal_et_les_doublons_sont_accessibles()
    {
        var page = await serveur.NouvellePageAsync();
        await serveur.ConnecterAsync(page, "epci");
        // Opening a demand writes a row in the journal, so that the table is shown.
        await page.GotoAsync(serveur.UrlDeBase + "/demandes");
        await page.Locator("table tbody tr a").First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Demande");
        await page.GotoAsync(serveur.UrlDeBase + "/journal");
        await Assertions.Expect(page.Locator("table caption")).ToContainTextAsync("Entrées du journal");
        await VerifierAsync(page, "journal");
        await page.GetByLabel("Du (JJ/MM/AAAA)").FillAsync("31/02/2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filtrer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("La date de début n'est pas une date valide");
        await VerifierAsync(page, "journal-erreurs");

        // The demo seed registers a few households twice: the list is not empty.
        await page.GotoAsync(serveur.UrlDeBase + "/demandes/doublons");
        await Assertions.Expect(page.Locator("table caption")).ToContainTextAsync("Paires de demandes");
        await VerifierAsync(page, "doublons");
        await page.Locator("table tbody tr td a").Last.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Comparer les demandes");
        await VerifierAsync(page, "doublons-comparaison");
        await page.GetByRole(AriaRole.Button, new() { Name = "Fusionner ces deux demandes…" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("ne peut pas être annulée");
        await VerifierAsync(page, "doublons-confirmation");
    }

    [Fact]
    public async Task Les_relances_et_l_apercu_d_un_message_sont_accessibles()
    {
        var page = await serveur.NouvellePageAsync();
        await serveur.ConnecterAsync(page, "epci");
        await page.GotoAsync(serveur.UrlDeBase + "/relances");
        await VerifierAsync(page, "relances");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lancer maintenant" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("terminé");
        await VerifierAsync(page, "relances-resultat");
        var apercus = page.GetByRole(AriaRole.Link, new() { Name = "Voir le message" });
        if (await apercus.CountAsync() > 0)
        {
            await apercus.First.ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Aperçu d'un message");
            await VerifierAsync(page, "relances-message");
        }
    }

    [Fact]
    public async Task La_connexion_se_fait_au_clavier_et_une_erreur_est_annoncee()
    {
        var page = await serveur.NouvellePageAsync();
        await page.GotoAsync(serveur.UrlDeBase + "/connexion");
        await page.Keyboard.PressAsync("Tab"); // skip link first
        Assert.Equal("Aller au contenu", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        await page.GetByLabel("Identifiant").FocusAsync();
        await page.Keyboard.TypeAsync("epci@tpm.demo");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("pas-le-bon");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Identifiant ou mot de passe incorrect");
        await VerifierAsync(page, "connexion-erreur");
    }
}
