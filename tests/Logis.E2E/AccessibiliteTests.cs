using Microsoft.Playwright;

namespace Logis.E2E;

/// <summary>
/// Every page passes axe-core with no violation (RGAA / WCAG 2.1 AA, docs/protection-des-donnees.md §2 item 34) and reflows without
/// horizontal scrolling at 1280 and 320 px (RGAA 10.11); screenshots are kept at both widths (<see cref="ControlePage"/>).
/// </summary>
[Collection(CollectionServeur.Nom)]
public class AccessibiliteTests(ServeurLogis serveur)
{
    private static Task VerifierAsync(IPage page, string nom) => ControlePage.VerifierAsync(page, nom);

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
    public async Task Le_resultat_d_eligibilite_d_un_foyer_de_plusieurs_personnes_est_accessible()
    {
        var page = await serveur.NouvellePageAsync();
        await page.GotoAsync(serveur.UrlDeBase + "/eligibilite");
        await page.Locator("#commune").SelectOptionAsync(new SelectOptionValue { Label = "La Seyne-sur-Mer" });
        await page.Locator("#personne-0-date").FillAsync("1988-06-15");
        await page.Locator("#personne-1-date").FillAsync("2015-09-01");
        await page.Locator("#personne-1-lien").SelectOptionAsync(new SelectOptionValue { Label = "Enfant" });
        await page.Locator("#personne-1-a-charge").CheckAsync();
        await page.Locator("#revenu").FillAsync("21500");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter une personne" }).ClickAsync();
        await Assertions.Expect(page.Locator("fieldset.personne")).Not.ToHaveCountAsync(0);
        await VerifierAsync(page, "eligibilite-personnes");
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir le résultat" }).ClickAsync();
        await Assertions.Expect(page.Locator("#resultat-tableau")).ToBeVisibleAsync();
        await VerifierAsync(page, "eligibilite-resultat");
    }

    [Fact]
    public async Task La_saisie_d_une_demande_etape_par_etape_est_accessible()
    {
        var page = await serveur.NouvellePageAsync();
        await serveur.ConnecterAsync(page, "epci");
        await page.GotoAsync(serveur.UrlDeBase + "/demandes/nouvelle");
        await Assertions.Expect(page.Locator(".etape-courante")).ToContainTextAsync("Demandeur et personnes à loger");
        await VerifierAsync(page, "nouvelle-1");
        var continuer = page.GetByRole(AriaRole.Button, new() { Name = "Continuer" });
        await continuer.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Corrigez les erreurs suivantes");
        await VerifierAsync(page, "nouvelle-1-erreurs");

        await page.Locator("#champ-personnes-0-nom").FillAsync("Essai-Réflexion-Navigateur");
        await page.Locator("#champ-personnes-0-prenoms").FillAsync("Marie-Françoise");
        await page.Locator("#champ-personnes-0-dateNaissance").FillAsync("1990-03-04");
        await page.Locator("#champ-adresse-ligne1").FillAsync("3 rue des Essais");
        await page.Locator("#champ-adresse-codePostal").FillAsync("83000");
        await page.Locator("#champ-adresse-commune").FillAsync("Toulon");
        await continuer.ClickAsync();
        await Assertions.Expect(page.Locator(".etape-courante")).ToContainTextAsync("Situation et ressources");
        await VerifierAsync(page, "nouvelle-2");

        await page.Locator("#champ-situationFamiliale").SelectOptionAsync("Celibataire");
        await page.Locator("#champ-personnes-0-situationProfessionnelle").SelectOptionAsync("Cdi");
        await page.Locator("#champ-personnes-0-ressources").FillAsync("1450");
        await continuer.ClickAsync();
        await Assertions.Expect(page.Locator(".etape-courante")).ToContainTextAsync("Logement actuel et motifs");
        await VerifierAsync(page, "nouvelle-3");

        await page.Locator("#champ-logementActuel-statut").SelectOptionAsync("LocataireParcPrive");
        await page.Locator("input[name='F.Motifs'][value='LogementTropCher']").CheckAsync();
        await page.Locator("#champ-motifPrincipal").SelectOptionAsync("LogementTropCher");
        await continuer.ClickAsync();
        await Assertions.Expect(page.Locator(".etape-courante")).ToContainTextAsync("Souhaits");
        await VerifierAsync(page, "nouvelle-4");

        await page.Locator("input[name='F.Typologies'][value='T2']").CheckAsync();
        await page.Locator("input[name='F.CommunesSouhaitees'][value='83137']").CheckAsync();
        await continuer.ClickAsync();
        await Assertions.Expect(page.Locator(".etape-courante")).ToContainTextAsync("Vérifiez vos réponses");
        await VerifierAsync(page, "nouvelle-verification");
        // The demand is not registered: the other tests open the first demand of the list.
    }

    [Fact]
    public async Task La_cotation_d_une_demande_son_attestation_et_sa_modification_sont_accessibles()
    {
        var page = await serveur.NouvellePageAsync();
        await serveur.ConnecterAsync(page, "epci");
        await page.GotoAsync(serveur.UrlDeBase + "/cotation");
        await VerifierAsync(page, "cotation-agent");
        await page.GotoAsync(serveur.UrlDeBase + "/cotation/recalcul");
        await VerifierAsync(page, "cotation-recalcul");

        await page.GotoAsync(serveur.UrlDeBase + "/demandes?statut=active");
        await page.Locator("table tbody tr a").First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Demande");
        var fiche = page.Url;
        await Assertions.Expect(page.Locator("#avis h2")).ToContainTextAsync("Avis et preuves");
        await page.GotoAsync(fiche + "/avis");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Avis et preuves");
        await VerifierAsync(page, "demande-avis");
        await page.GotoAsync(fiche);
        await page.GetByRole(AriaRole.Link, new() { Name = "Cotation de la demande" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Cotation de la demande");
        await VerifierAsync(page, "demande-cotation");
        await page.GotoAsync(fiche + "/attestation");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Attestation d'enregistrement");
        await VerifierAsync(page, "demande-attestation");
        await page.GotoAsync(fiche + "/modifier");
        await Assertions.Expect(page.Locator(".etape-courante")).ToContainTextAsync("Demandeur et personnes à loger");
        await VerifierAsync(page, "demande-modifier");
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
        await page.GotoAsync(serveur.UrlDeBase + "/relances/a-examiner");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Demandes à examiner");
        await VerifierAsync(page, "relances-a-examiner");
        await page.GotoAsync(serveur.UrlDeBase + "/relances");
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

    [Fact]
    public async Task Le_changement_de_mot_de_passe_est_accessible_et_ses_erreurs_annoncees()
    {
        var page = await serveur.NouvellePageAsync();
        await serveur.ConnecterAsync(page, "epci");
        await page.GetByRole(AriaRole.Link, new() { Name = "Mot de passe" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Changer de mot de passe");
        await VerifierAsync(page, "mot-de-passe");
        // Nothing is changed: the demo password stays (other tests sign in with it).
        await page.GetByLabel("Mot de passe actuel").FillAsync("Logis-demo-2026!");
        await page.GetByLabel("Nouveau mot de passe", new() { Exact = true }).FillAsync("court");
        await page.GetByLabel("Confirmation du nouveau mot de passe").FillAsync("court");
        await page.GetByRole(AriaRole.Button, new() { Name = "Changer de mot de passe" }).ClickAsync();
        await Assertions.Expect(page.Locator("#NouveauMotDePasse-erreur")).ToContainTextAsync("de 12 à 256 caractères");
        await VerifierAsync(page, "mot-de-passe-erreurs");
    }

    [Fact]
    public async Task Les_vacances_leur_orientation_les_conventions_et_le_bilan_sont_accessibles()
    {
        var page = await serveur.NouvellePageAsync();
        await serveur.ConnecterAsync(page, "bailleur");
        await page.GotoAsync(serveur.UrlDeBase + "/vacances");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Tableau des vacances de votre parc");
        await VerifierAsync(page, "vacances-bailleur");

        // A declaration with errors, then the orientation of a declared vacancy as suggested.
        await page.GotoAsync(serveur.UrlDeBase + "/vacances/declarer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Déclarer la vacance" }).ClickAsync();
        await Assertions.Expect(page.Locator(".resume-erreurs")).ToContainTextAsync("numéro RPLS");
        await VerifierAsync(page, "vacance-declaration-erreurs");
        await page.GotoAsync(serveur.UrlDeBase + "/vacances?statut=declaree");
        await page.Locator("#vacances tbody tr a").First.ClickAsync();
        await Assertions.Expect(page.Locator("#suggestion")).ToContainTextAsync("Au tour de");
        await VerifierAsync(page, "vacance-a-orienter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Orienter", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("#statut-vacance")).ToHaveTextAsync("orientée");
        await VerifierAsync(page, "vacance-orientee");

        await page.GotoAsync(serveur.UrlDeBase + "/vacances/conventions");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la convention" }).ClickAsync();
        await Assertions.Expect(page.Locator(".resume-erreurs")).ToContainTextAsync("réservataire");
        await VerifierAsync(page, "conventions-erreurs");
        await page.Locator("#conventions tbody tr a").First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Bilan");
        await VerifierAsync(page, "bilan-convention");

        var reservataire = await serveur.NouvellePageAsync();
        await serveur.ConnecterAsync(reservataire, "reservataire");
        await reservataire.GotoAsync(serveur.UrlDeBase + "/vacances?statut=orientee");
        await Assertions.Expect(reservataire.Locator("h1")).ToHaveTextAsync("Logements orientés vers votre contingent");
        await VerifierAsync(reservataire, "vacances-reservataire");
        // The pre-selection of an oriented vacancy (ranked candidates, nearest excluded, the proposal form).
        await reservataire.Locator("#vacances tbody tr a").First.ClickAsync();
        await Assertions.Expect(reservataire.Locator("#titre-preselection")).ToHaveTextAsync("Présélection des candidats");
        await VerifierAsync(reservataire, "vacance-preselection");
    }

    [Fact]
    public async Task L_occupation_du_parc_et_le_rapport_d_import_sont_accessibles()
    {
        var page = await serveur.NouvellePageAsync();
        await serveur.ConnecterAsync(page, "epci");
        await page.GotoAsync(serveur.UrlDeBase + "/mixite/occupation");
        await Assertions.Expect(page.Locator("#occupation-epci")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#occupation-residences")).ToBeVisibleAsync();
        await VerifierAsync(page, "mixite-occupation");

        // A trial of a broken file: the report lists each fault with its line and column.
        await page.GetByLabel("Fichier CSV (UTF-8, séparateur virgule)").SetInputFilesAsync(new FilePayload
        {
            Name = "occupation.csv", MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("logement_rpls,date_observation,personnes,date_entree\nXXXXXXXXXX,2026-01-01,0,2020-01-01\n"),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Importer" }).ClickAsync();
        await Assertions.Expect(page.Locator("#occupation-erreurs")).ToContainTextAsync("Ligne 2, colonne personnes");
        await VerifierAsync(page, "mixite-occupation-erreurs");
    }

    [Fact]
    public async Task La_commission_d_attribution_ses_seances_et_leurs_formulaires_sont_accessibles()
    {
        var page = await serveur.NouvellePageAsync();
        await serveur.ConnecterAsync(page, "bailleur");
        await page.GotoAsync(serveur.UrlDeBase + "/caleol");
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Commission d'attribution");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la séance" }).ClickAsync();
        await Assertions.Expect(page.Locator(".resume-erreurs")).ToContainTextAsync("date de la séance");
        await VerifierAsync(page, "caleol-creation-erreurs");

        var jour = Logis.Domain.Commun.HeureFrance.Jour(serveur.MaintenantServeurEstime);
        await page.GetByLabel("Date de la séance").FillAsync(jour.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await page.Locator("#seance-membres-0-nom").FillAsync("Mme Présidente");
        await page.Locator("#seance-membres-0-qualite").SelectOptionAsync("bailleur");
        await page.Locator("#seance-membres-0-president").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la séance" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Séance de la commission");
        await Assertions.Expect(page.Locator("#etat-seance")).ToHaveTextAsync("ouverte");
        await VerifierAsync(page, "caleol-seance");
    }

    [Fact]
    public async Task Le_second_facteur_est_accessible_de_l_enrolement_aux_codes_de_secours()
    {
        var identifiant = await serveur.CreerCompteAsync(Logis.Domain.Acces.Role.AgentEpci);
        var page = await serveur.NouvellePageAsync();
        await page.GotoAsync(serveur.UrlDeBase + "/connexion");
        await page.GetByLabel("Identifiant").FillAsync(identifiant);
        await page.GetByLabel("Mot de passe").FillAsync("Logis-demo-2026!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Second facteur");
        await VerifierAsync(page, "second-facteur-enrolement");
        var secret = (await page.Locator("#secret-totp").TextContentAsync())!.Replace(" ", "", StringComparison.Ordinal);
        var code = Logis.Domain.Acces.Totp.Code(Logis.Domain.Acces.Totp.DepuisBase32(secret), Logis.Domain.Acces.Totp.PasDe(serveur.MaintenantServeurEstime));
        await page.GetByLabel("Code").FillAsync(code);
        await page.GetByRole(AriaRole.Button, new() { Name = "Valider" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Vos codes de secours");
        await Assertions.Expect(page.Locator(".codes-secours li")).ToHaveCountAsync(10);
        await VerifierAsync(page, "second-facteur-codes");
    }
}
