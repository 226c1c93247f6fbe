using Microsoft.Playwright;

namespace Logis.E2E;

/// <summary>
/// An agent registers a complete demand through the form (Cerfa 14069*05 content: a couple with each adult's revenu fiscal
/// de référence, a child in alternating custody, housing allowance, landlord) and sees on the demand the household category
/// and the eligibility computed from it. By hand: 3 persons, one dependant → category 3; 15 300 + 14 200 = 29 500 € against
/// the 2026 ceilings of Toulon (« autres régions »), category 3: PLAI 22 551 € exceeded, PLUS 37 584 € met.
/// </summary>
[Collection(CollectionServeur.Nom)]
public class SaisieCompleteTests(ServeurLogis serveur)
{
    [Fact]
    public async Task Un_agent_enregistre_une_demande_complete_et_voit_sa_categorie_et_son_eligibilite()
    {
        var page = await serveur.NouvellePageAsync();
        await serveur.ConnecterAsync(page, "epci");
        await page.GotoAsync(serveur.UrlDeBase + "/demandes/nouvelle");
        var continuer = page.GetByRole(AriaRole.Button, new() { Name = "Continuer" });

        await page.Locator("#champ-personnes-0-nom").FillAsync("Navigateur-Famille");
        await page.Locator("#champ-personnes-0-prenoms").FillAsync("Alice");
        await page.Locator("#champ-personnes-0-dateNaissance").FillAsync("1985-05-12");
        await page.Locator("#champ-personnes-1-nom").FillAsync("Navigateur-Famille");
        await page.Locator("#champ-personnes-1-prenoms").FillAsync("Bruno");
        await page.Locator("#champ-personnes-1-dateNaissance").FillAsync("1983-02-01");
        await page.Locator("#champ-personnes-1-lien").SelectOptionAsync("Conjoint");
        await page.Locator("#champ-personnes-1-coDemandeur").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter une autre personne à loger" }).ClickAsync();
        await page.Locator("#champ-personnes-2-nom").FillAsync("Navigateur-Famille");
        await page.Locator("#champ-personnes-2-prenoms").FillAsync("Chloé");
        await page.Locator("#champ-personnes-2-dateNaissance").FillAsync("2016-09-03");
        await page.Locator("#champ-personnes-2-lien").SelectOptionAsync("Enfant");
        await page.Locator("#champ-personnes-2-garde").SelectOptionAsync("Alternee");
        await page.Locator("#champ-adresse-ligne1").FillAsync("4 rue Picot");
        await page.Locator("#champ-adresse-codePostal").FillAsync("83000");
        await page.Locator("#champ-adresse-commune").FillAsync("Toulon");
        await ControlePage.VerifierAsync(page, "complete-1");
        await continuer.ClickAsync();
        await Assertions.Expect(page.Locator(".etape-courante")).ToContainTextAsync("Situation et ressources");

        await page.Locator("#champ-situationFamiliale").SelectOptionAsync("Marie");
        await page.Locator("#champ-personnes-0-situationProfessionnelle").SelectOptionAsync("Cdi");
        await page.Locator("#champ-personnes-0-ressources").FillAsync("1450");
        await page.Locator("#champ-personnes-0-employeur").FillAsync("Hôpital Sainte-Musse");
        await page.Locator("#champ-personnes-0-revenuFiscalReferenceN2").FillAsync("15300");
        await page.Locator("#champ-personnes-1-situationProfessionnelle").SelectOptionAsync("Cdd");
        await page.Locator("#champ-personnes-1-ressources").FillAsync("1300");
        await page.Locator("#champ-personnes-1-communeTravail").FillAsync("83126");
        await page.Locator("#champ-personnes-1-revenuFiscalReferenceN2").FillAsync("14 200");
        await ControlePage.VerifierAsync(page, "complete-2");
        await continuer.ClickAsync();
        await Assertions.Expect(page.Locator(".etape-courante")).ToContainTextAsync("Logement actuel et motifs");

        await page.Locator("#champ-logementActuel-statut").SelectOptionAsync("LocataireParcPrive");
        await page.Locator("#champ-logementActuel-loyerMensuel").FillAsync("780");
        await page.Locator("#champ-logementActuel-aideLogementMensuelle").FillAsync("180");
        await page.Locator("#champ-logementActuel-bailleur").FillAsync("SCI Les Pins");
        await page.Locator("#champ-logementActuel-dateEntree").FillAsync("2019-09-01");
        await page.Locator("input[name='F.Motifs'][value='LogementTropPetit']").CheckAsync();
        await page.Locator("#champ-motifPrincipal").SelectOptionAsync("LogementTropPetit");
        await ControlePage.VerifierAsync(page, "complete-3");
        await continuer.ClickAsync();
        await Assertions.Expect(page.Locator(".etape-courante")).ToContainTextAsync("Souhaits");

        await page.Locator("input[name='F.Typologies'][value='T3']").CheckAsync();
        await page.Locator("input[name='F.CommunesSouhaitees'][value='83137']").CheckAsync();
        await continuer.ClickAsync();
        await Assertions.Expect(page.Locator(".etape-courante")).ToContainTextAsync("Vérifiez vos réponses");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("codemandeur");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("aide au logement 180 €");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la demande" }).ClickAsync();

        await Assertions.Expect(page.Locator(".alerte-succes")).ToContainTextAsync("La demande a été enregistrée");
        await Assertions.Expect(page.Locator("#menage-plafonds")).ToBeVisibleAsync();
        var main = page.Locator("main");
        await Assertions.Expect(main).ToContainTextAsync("catégorie 3");
        await Assertions.Expect(main).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"29\s500\s€"));
        await Assertions.Expect(page.Locator("tr:has(th:text-is('PLAI'))")).ToContainTextAsync("Non éligible");
        await Assertions.Expect(page.Locator("tr:has(th:text-is('PLUS'))")).ToContainTextAsync("Éligible");
        await Assertions.Expect(page.Locator("tr:has(th:text('Chloé'))")).ToContainTextAsync("garde alternée");
        await ControlePage.VerifierAsync(page, "complete-demande");
    }
}
