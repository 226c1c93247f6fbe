using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Logis.E2E;

/// <summary>
/// The applicant space in headless Chromium (issue 16, « done when »): a person checks their eligibility and where to apply, creates an
/// account, confirms the address with the link read from the outbox, links two demands with the access codes of the attestations an agent
/// printed — one that the commission of the demo history examined, one whose renewal window is open — reads the score line by line, the
/// position among similar demands, the observed waiting time and the commission's decision, and renews the second. Every applicant page passes
/// axe-core and reflows at 320 px (<see cref="ControlePage"/>, screenshots kept as artefacts).
/// </summary>
[Collection(CollectionServeur.Nom)]
public partial class EspaceDemandeurTests(ServeurLogis serveur)
{
    private const string MotDePasse = "Logement-social-2026";

    [Fact]
    public async Task Une_personne_cree_son_compte_lie_ses_demandes_lit_sa_cotation_et_une_decision_puis_renouvelle()
    {
        // Two demands: one the demo history's commission decided on (still active), one registered ten months ago (renewal open).
        string examinee;
        await using (var db = serveur.Base())
        {
            var decidees = (await db.DossiersCaleol.AsNoTracking().ToListAsync())
                .SelectMany(d => d.Candidats.Where(c => c.Decision is not null).Select(c => c.DemandeId)).ToHashSet();
            examinee = (await db.Demandes.AsNoTracking().Where(d => d.Statut == Logis.Domain.Demandes.StatutDemande.Active).ToListAsync())
                .Where(d => decidees.Contains(d.Id)).Select(d => d.Numero.Valeur).Order(StringComparer.Ordinal).First();
        }
        var arenouveler = await DemandeAncienneAsync();

        var page = await serveur.NouvellePageAsync();
        // 1. Eligibility and where to apply, as on the public site.
        await page.GotoAsync(serveur.UrlDeBase + "/eligibilite");
        await page.Locator("#commune").SelectOptionAsync(new SelectOptionValue { Label = "Toulon" });
        await page.Locator("#personne-0-date").FillAsync("1990-04-12");
        await page.Locator("#revenu").FillAsync("18000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir le résultat" }).ClickAsync();
        await Assertions.Expect(page.Locator("#resultat-synthese")).ToContainTextAsync("Oui");
        await page.GotoAsync(serveur.UrlDeBase + "/ou-deposer");
        await page.Locator("#commune").SelectOptionAsync(new SelectOptionValue { Label = "Toulon" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Voir les lieux" }).ClickAsync();
        await Assertions.Expect(page.Locator("#lieu-MAIRIE-83137")).ToContainTextAsync("Enregistre votre demande");

        // 2. The account, from the header's link.
        await page.GetByRole(AriaRole.Link, new() { Name = "Mon espace demandeur" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Espace demandeur : connexion");
        await ControlePage.VerifierAsync(page, "espace-connexion");
        await page.GetByRole(AriaRole.Link, new() { Name = "Créer mon compte" }).ClickAsync();
        await ControlePage.VerifierAsync(page, "espace-creer-compte");
        var courriel = $"e2e-{Guid.NewGuid():N}@exemple.fr";
        await page.GetByLabel("Adresse électronique").FillAsync(courriel);
        await page.GetByLabel("Mot de passe", new() { Exact = false }).First.FillAsync(MotDePasse);
        await page.GetByLabel("Confirmation du mot de passe").FillAsync(MotDePasse);
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alerte-succes")).ToContainTextAsync("un message vient de lui être envoyé");
        await ControlePage.VerifierAsync(page, "espace-compte-cree");

        // 3. The confirmation link, read from the outbox.
        string corps;
        await using (var db = serveur.Base())
            corps = await db.Messages.AsNoTracking().Where(m => m.Destinataire == courriel).Select(m => m.Corps).SingleAsync();
        var lien = LienConfirmation().Match(corps).Value;
        Assert.StartsWith(serveur.UrlDeBase + "/espace/confirmer?jeton=", lien, StringComparison.Ordinal);
        await page.GotoAsync(lien);
        await ControlePage.VerifierAsync(page, "espace-confirmer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirmer mon adresse" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alerte-succes")).ToContainTextAsync("Votre adresse est confirmée");

        // 4. An agent prints the attestations (each carries a new access code).
        var agent = await serveur.NouvellePageAsync();
        await serveur.ConnecterAsync(agent, "epci");
        var codes = new Dictionary<string, string>();
        foreach (var n in new[] { examinee, arenouveler })
        {
            await agent.GotoAsync($"{serveur.UrlDeBase}/demandes/{n}/attestation");
            codes[n] = (await agent.Locator("#code-acces").InnerTextAsync()).Trim();
        }

        // 5. Sign in, link the examined demand, read score, position, waiting time and the decision.
        await page.GetByRole(AriaRole.Link, new() { Name = "connectez-vous" }).ClickAsync();
        await page.GetByLabel("Adresse électronique").FillAsync(courriel);
        await page.GetByLabel("Mot de passe").FillAsync(MotDePasse);
        await page.GetByRole(AriaRole.Button, new() { Name = "Me connecter" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Mon espace demandeur");
        await ControlePage.VerifierAsync(page, "espace-accueil-vide");
        await page.GetByLabel("Numéro unique de la demande").FillAsync(examinee);
        await page.GetByLabel("Code d'accès").FillAsync("ABCD-EFGH-JKLM");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lier ma demande" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alerte-erreur")).ToContainTextAsync("ne correspondent à aucune demande");
        await ControlePage.VerifierAsync(page, "espace-liaison-refusee");
        await page.GetByLabel("Code d'accès").FillAsync(codes[examinee]);
        await page.GetByRole(AriaRole.Button, new() { Name = "Lier ma demande" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Ma demande n°");
        await Assertions.Expect(page.Locator("#total-cotation")).ToContainTextAsync("points");
        await Assertions.Expect(page.Locator("#positionnement")).Not.ToBeEmptyAsync();
        await Assertions.Expect(page.Locator("#titre-cotation ~ p").Filter(new() { HasText = "Délai d'attente constaté" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#decisions li").First).ToContainTextAsync("Séance du");
        await ControlePage.VerifierAsync(page, "espace-demande-examinee");

        // 6. Link the second demand and renew it.
        await page.GetByRole(AriaRole.Link, new() { Name = "Lier une autre demande" }).ClickAsync();
        await page.GetByLabel("Numéro unique de la demande").FillAsync(arenouveler);
        await page.GetByLabel("Code d'accès").FillAsync(codes[arenouveler].ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Lier ma demande" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("Ma demande n°");
        await ControlePage.VerifierAsync(page, "espace-demande-a-renouveler");
        var fin = await page.Locator("#fin-validite").InnerTextAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Renouveler ma demande" }).ClickAsync();
        await Assertions.Expect(page.Locator(".alerte-succes")).ToContainTextAsync("Votre demande est renouvelée");
        await Assertions.Expect(page.Locator("#fin-validite")).Not.ToHaveTextAsync(fin);
        await Assertions.Expect(page.Locator("#chronologie")).ToContainTextAsync("Votre demande a été renouvelée (par vous)");
        await ControlePage.VerifierAsync(page, "espace-demande-renouvelee");

        // 6b. Send a piece from the space: a file that is not a PDF is refused with its message, then a PDF is received.
        await page.GetByRole(AriaRole.Link, new() { Name = "Mes pièces justificatives" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Mes pièces justificatives");
        await page.Locator("#piece-type").SelectOptionAsync("justificatif_ressources");
        await page.Locator("#piece-fichier").SetInputFilesAsync(new FilePayload { Name = "bulletin.pdf", MimeType = "application/pdf", Buffer = "bonjour"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la pièce" }).ClickAsync();
        await Assertions.Expect(page.Locator(".resume-erreurs")).ToContainTextAsync("n'a pas été déposée");
        await Assertions.Expect(page.Locator("#piece-fichier")).ToHaveAttributeAsync("aria-invalid", "true");
        await ControlePage.VerifierAsync(page, "espace-piece-refusee");
        await page.Locator("#piece-fichier").SetInputFilesAsync(new FilePayload { Name = "bulletin.pdf", MimeType = "application/pdf",
            Buffer = "%PDF-1.7\n% bulletin de salaire\n1 0 obj << >> endobj\n%%EOF\n"u8.ToArray() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Envoyer la pièce" }).ClickAsync();
        await Assertions.Expect(page.Locator("[role=status]")).ToContainTextAsync("Votre pièce est déposée");
        await Assertions.Expect(page.Locator("#pieces tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#pieces tbody tr").First).ToContainTextAsync("reçue");
        await ControlePage.VerifierAsync(page, "espace-piece-deposee");
        await page.GetByRole(AriaRole.Link, new() { Name = "Revenir à ma demande" }).ClickAsync();
        await Assertions.Expect(page.Locator("#chronologie")).ToContainTextAsync("Vous avez déposé une pièce justificative (par vous)");

        // 7. The list of linked demands and the password page.
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Navigation principale" }).GetByRole(AriaRole.Link, new() { Name = "Mon espace", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("main li")).ToHaveCountAsync(3);
        await ControlePage.VerifierAsync(page, "espace-mes-demandes");
        await page.GetByRole(AriaRole.Link, new() { Name = "Changer mon mot de passe" }).ClickAsync();
        await ControlePage.VerifierAsync(page, "espace-mot-de-passe");
        // « Définir un mot de passe » is for accounts opened through FranceConnect (no provider here): a password account reads why not.
        await page.GotoAsync(serveur.UrlDeBase + "/espace/definir-mot-de-passe");
        await Assertions.Expect(page.Locator("main [role=status]")).ToContainTextAsync("Votre compte a déjà un mot de passe");
        await ControlePage.VerifierAsync(page, "espace-definir-mot-de-passe");
    }

    /// <summary>A demand registered ten months before the server's day through the API (its renewal window is open).</summary>
    private async Task<string> DemandeAncienneAsync()
    {
        using var api = new HttpClient { BaseAddress = new Uri(serveur.UrlDeBase) };
        api.DefaultRequestHeaders.Add("X-Api-Key", Logis.Persistence.Seed.ComptesDemo.CleApi("epci",
            Logis.Domain.Territoire.Siren.Create(Logis.Persistence.Seed.TerritoireSeeder.SirenTpm)));
        var depot = Logis.Domain.Commun.HeureFrance.Jour(serveur.MaintenantServeurEstime).AddMonths(-10);
        var r = await api.PostAsJsonAsync("/api/v1/demandes", new
        {
            personnes = new[]
            {
                new { nom = "Espacee", prenoms = "Camille", dateNaissance = "1988-06-01", lien = "Demandeur", situationProfessionnelle = "Cdi",
                    ressources = new[] { new { type = "Salaire", montantMensuel = 1350m } } },
            },
            revenuFiscalReferenceN2 = 15_000m,
            adresse = new { ligne1 = "5 rue des Essais", codePostal = "83000", commune = "Toulon" },
            telephone = "0639980002", accepteCourriel = false, situationFamiliale = "Celibataire",
            logementActuel = new { statut = "LocataireParcPrive", loyerMensuel = 650m, surface = 25m },
            motifs = new[] { "LogementTropCher" }, motifPrincipal = "LogementTropCher",
            souhaits = new { typologies = new[] { "T2" }, communes = new[] { "83137" }, toutEpci = false, loyerMaximum = 500m },
            dateDepot = depot.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            motifDateDepot = "Dossier papier reçu au guichet, saisi en retard",
        });
        Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("numero").GetString()!;
    }

    [GeneratedRegex(@"http://[^\s]+/espace/confirmer\?jeton=[A-Za-z0-9_-]+")]
    private static partial Regex LienConfirmation();
}
