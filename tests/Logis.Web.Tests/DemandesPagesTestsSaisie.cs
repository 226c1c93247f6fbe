using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using AngleSharp.Html.Dom;
using Logis.Application.Acces;
using Logis.Application.Demandes;
using Logis.Domain.Acces;
using Logis.Domain.Demandes;
using Microsoft.Extensions.DependencyInjection;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Logis.Web.Tests;

/// <summary>Registration, update and attestation pages of the demand (who may open each page: Autorisations/matrice-autorisation.csv).</summary>
[Collection(CollectionApplications.Nom)]
public class DemandesPagesSaisieTests(ApplicationsFixture fx)
{
    private const string Nir = DemandesApiTests.NirComplet;

    [Theory, DeuxBases]
    public async Task Un_agent_enregistre_modifie_renouvelle_et_radie_et_un_partenaire_voit_toute_la_chronologie(string f)
    {
        var app = fx.App(f);
        var agent = await app.ConnecterAsync("epci");
        var recherche = await LogisFactory.DocumentAsync(await agent.GetAsync("/demandes"));
        Assert.Contains(recherche.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/demandes/nouvelle" && a.TextContent.Contains("Nouvelle demande", StringComparison.Ordinal));

        // Step 1, with a missing first name: the French message is linked to the field, typed values are kept.
        var doc = await PageAsync(agent, await agent.GetAsync("/demandes/nouvelle"));
        Assert.Contains("Demandeur et personnes à loger", doc.QuerySelector(".etape-courante")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(doc.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/donnees-personnelles");
        doc = await EtapeAsync(agent, "/demandes/nouvelle", doc, "suivant",
            ("F.Personnes[0].Nom", "Saisiepage"), ("F.Personnes[0].Prenoms", ""), ("F.Personnes[0].DateNaissance", "04/03/1990"),
            ("F.Personnes[0].Nir", Nir), ("F.AdresseLigne1", "3 rue des Essais"), ("F.CodePostal", "83000"), ("F.Commune", "Toulon"));
        var alerte = doc.QuerySelector("[role=alert]")!;
        Assert.Contains("Le prénom du demandeur est obligatoire.", alerte.TextContent, StringComparison.Ordinal);
        Assert.Equal("#champ-personnes-0-prenoms", alerte.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("true", doc.GetElementById("champ-personnes-0-prenoms")!.GetAttribute("aria-invalid"));
        Assert.Equal("Saisiepage", ((IHtmlInputElement)doc.GetElementById("champ-personnes-0-nom")!).Value);
        Assert.Equal("3 rue des Essais", ((IHtmlInputElement)doc.GetElementById("champ-adresse-ligne1")!).Value);
        Assert.Contains("se terminant par 91", doc.GetElementById("champ-personnes-0-nir-aide")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("(obligatoire)", doc.QuerySelector("label[for=champ-personnes-0-nom]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("(facultatif)", doc.QuerySelector("label[for=champ-personnes-0-nir]")!.TextContent, StringComparison.Ordinal);

        doc = await EtapeAsync(agent, "/demandes/nouvelle", doc, "suivant", ("F.Personnes[0].Prenoms", "Béatrice"));
        Assert.Contains("Situation et ressources", doc.QuerySelector(".etape-courante")!.TextContent, StringComparison.Ordinal);
        doc = await EtapeAsync(agent, "/demandes/nouvelle", doc, "suivant", ("F.SituationFamiliale", "Celibataire"),
            ("F.Personnes[0].SituationProfessionnelle", "Cdi"), ("F.Personnes[0].Ressources[Salaire]", "1 450,50"));
        Assert.Contains("Logement actuel et motifs", doc.QuerySelector(".etape-courante")!.TextContent, StringComparison.Ordinal);
        doc = await EtapeAsync(agent, "/demandes/nouvelle", doc, "suivant", ("F.StatutLogement", "LocataireParcPrive"), ("F.LoyerActuel", "600"),
            ("F.SurfaceActuelle", "32"), ("F.Motifs", "LogementTropCher"), ("F.MotifPrincipal", "LogementTropCher"));
        // Step 4 with no typology: error, then fixed.
        doc = await EtapeAsync(agent, "/demandes/nouvelle", doc, "suivant", ("F.CommunesSouhaitees", "83137"), ("F.LoyerMaximum", "500"));
        Assert.Contains("Choisissez au moins une typologie de logement.", doc.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.True(((IHtmlInputElement)doc.QuerySelector("input[name='F.CommunesSouhaitees'][value='83137']")!).IsChecked);
        doc = await EtapeAsync(agent, "/demandes/nouvelle", doc, "suivant", ("F.Typologies", "T2"));

        // Check page: every section with its "Modifier" button, NIR masked.
        Assert.Contains("Vérifiez vos réponses", doc.QuerySelector(".etape-courante")!.TextContent, StringComparison.Ordinal);
        var recap = doc.QuerySelector("main")!.TextContent;
        Assert.Contains("Toulon", recap, StringComparison.Ordinal);
        Assert.Contains("*************91", recap, StringComparison.Ordinal);
        Assert.Contains("1 450,50", recap, StringComparison.Ordinal);
        Assert.Equal(["etape-1", "etape-2", "etape-3", "etape-4"],
            doc.QuerySelectorAll("button[name=aller]").Select(b => b.GetAttribute("value")!).Where(v => v.StartsWith("etape-", StringComparison.Ordinal)).ToArray());
        var enregistrement = await SoumettreAsync(agent, "/demandes/nouvelle", doc, "enregistrer");
        Assert.Equal(HttpStatusCode.Redirect, enregistrement.StatusCode);
        var adresse = enregistrement.Headers.Location!.OriginalString;
        var numero = adresse["/demandes/".Length..];
        Assert.True(Domain.Demandes.NumeroUnique.TryParse(numero, out var national));

        var fiche = await PageAsync(agent, await agent.GetAsync(adresse));
        // The national number: 18 characters, the territory (Var: 083), the month and year of the deposit, the EPCI's registering service.
        var jourDepot = DateOnly.ParseExact(Valeur(fiche, "Date de dépôt"), "dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal((18, "083", jourDepot.Month, jourDepot.Year % 100, "G0001"), (numero.Length, national.Territoire, national.Mois, national.Annee, national.Guichet));
        Assert.Equal(national.Lisible, Valeur(fiche, "Numéro unique national"));
        Assert.Contains("(G0001)", Valeur(fiche, "Guichet enregistreur"), StringComparison.Ordinal);
        Assert.Contains(numero, fiche.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Saisiepage Béatrice", fiche.Body!.TextContent, StringComparison.Ordinal);
        var depot = Valeur(fiche, "Date de dépôt");

        // Update: prefilled, same steps; the deposit date is kept and an event recorded.
        doc = await PageAsync(agent, await agent.GetAsync($"/demandes/{numero}/modifier"));
        Assert.Equal("Saisiepage", ((IHtmlInputElement)doc.GetElementById("champ-personnes-0-nom")!).Value);
        Assert.Equal("", ((IHtmlInputElement)doc.GetElementById("champ-personnes-0-nir")!).Value);
        doc = await EtapeAsync(agent, $"/demandes/{numero}/modifier", doc, "suivant", ("F.AdresseLigne1", "5 avenue Modifiée"));
        Assert.Equal("Célibataire", ((IHtmlSelectElement)doc.GetElementById("champ-situationFamiliale")!).SelectedOptions[0].TextContent);
        doc = await EtapeAsync(agent, $"/demandes/{numero}/modifier", doc, "suivant");
        doc = await EtapeAsync(agent, $"/demandes/{numero}/modifier", doc, "suivant");
        doc = await EtapeAsync(agent, $"/demandes/{numero}/modifier", doc, "suivant");
        Assert.Contains("5 avenue Modifiée", doc.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("*************91", doc.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        var maj = await SoumettreAsync(agent, $"/demandes/{numero}/modifier", doc, "enregistrer");
        Assert.Equal(HttpStatusCode.Redirect, maj.StatusCode);
        fiche = await PageAsync(agent, await agent.GetAsync($"/demandes/{numero}"));
        Assert.Contains("mise à jour", fiche.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(depot, Valeur(fiche, "Date de dépôt"));

        // Attestation: number and date from which the COMED can be seized (deposit + délai for T2, data/reference).
        var attestation = await PageAsync(agent, await agent.GetAsync($"/demandes/{numero}/attestation"));
        // The attestation writes the national number in its four parts.
        Assert.True(Logis.Domain.Demandes.NumeroUnique.TryParse(numero, out var nationale));
        Assert.Equal(nationale.Lisible, attestation.QuerySelector(".numero-unique")!.TextContent.Trim());
        var dateDepot = DateOnly.ParseExact(depot, "dd/MM/yyyy", CultureInfo.InvariantCulture);
        Assert.Contains(dateDepot.AddMonths(36).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), attestation.GetElementById("date-comed")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Saisiepage", attestation.QuerySelector(".attestation")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(attestation.QuerySelectorAll(".attestation h2"), h => h.TextContent.Contains("Bailleurs", StringComparison.Ordinal));
        Assert.Contains(fiche.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/demandes/{numero}/attestation");

        // Renewal too early: the domain's refusal; then radiation.
        var jeton = await LogisFactory.JetonAsync(agent, $"/demandes/{numero}");
        var refus = await PageAsync(agent, await agent.PostAsync($"/demandes/{numero}?handler=Renouveler", Formulaire(("__RequestVerificationToken", jeton))));
        Assert.Contains("renouvellement", refus.QuerySelector("[role=alert]")!.TextContent, StringComparison.OrdinalIgnoreCase);
        var radiation = await agent.PostAsync($"/demandes/{numero}?handler=Radier", Formulaire(("__RequestVerificationToken", jeton), ("motif", "b")));
        Assert.Equal(HttpStatusCode.Redirect, radiation.StatusCode);

        // SecuriteTests locks the commune account on PostgreSQL (five wrong passwords): use it on SQLite only.
        foreach (var compte in f == BasesDeTest.Sqlite ? new[] { "reservataire", "commune" } : ["reservataire"])
        {
            var partenaire = await app.ConnecterAsync(compte);
            var vue = await PageAsync(partenaire, await partenaire.GetAsync($"/demandes/{numero}"));
            var lignes = vue.QuerySelectorAll("table caption").Single(c => c.TextContent.Contains("Événements", StringComparison.Ordinal))
                .ParentElement!.QuerySelectorAll("tbody tr");
            Assert.Equal(3, lignes.Length);
            Assert.Contains("enregistrée", lignes[0].TextContent, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("radiée", lignes[2].TextContent, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("*************91", vue.Body!.TextContent, StringComparison.Ordinal);
        }
    }

    /// <summary>
    /// Issue 13: an agent who does not see restricted data (here Action Logement's) neither reads the restricted reasons in the
    /// update form (steps 3 and 5) nor erases the NIR, the disability card and needs or those reasons by an update — through
    /// the form, or through the use case of <c>PUT /api/v1/demandes/{numero}</c> with a body that leaves them out.
    /// </summary>
    [Theory, DeuxBases]
    public async Task Un_partenaire_sans_acces_restreint_ne_lit_ni_n_efface_les_donnees_restreintes(string f)
    {
        var app = fx.App(f);
        var saisie = JsonSerializer.SerializeToNode(DemandesApiTests.Saisie("Restreinte"))!.AsObject();
        saisie["personnes"]![0]!["carteInvalidite"] = true;
        saisie["motifs"] = new JsonArray("ViolencesFamiliales", "LogementTropCher", "RaisonsDeSante");
        saisie["motifPrincipal"] = "ViolencesFamiliales";
        var numero = await DemandesApiTests.CreerAsync(app.ClientApi("epci"), saisie);

        var agent = await app.ConnecterAsync("reservataire");
        var url = $"/demandes/{numero}/modifier";
        var doc = await PageAsync(agent, await agent.GetAsync(url));
        doc = await EtapeAsync(agent, url, doc, "suivant");
        doc = await EtapeAsync(agent, url, doc, "suivant");
        var motifs = doc.QuerySelector("main")!.TextContent;
        Assert.Contains("Logement trop cher", motifs, StringComparison.Ordinal);
        Assert.DoesNotContain("Violences familiales", motifs, StringComparison.Ordinal);
        Assert.DoesNotContain("Raisons de santé", motifs, StringComparison.Ordinal);
        Assert.Contains("Motif principal : motif à accès restreint", motifs, StringComparison.Ordinal);
        doc = await EtapeAsync(agent, url, doc, "suivant");
        doc = await EtapeAsync(agent, url, doc, "suivant", ("F.AdresseLigne1", "7 rue Réservée"));
        var verification = doc.QuerySelector("main")!.TextContent;
        Assert.DoesNotContain("Violences familiales", verification, StringComparison.Ordinal);
        Assert.DoesNotContain("Raisons de santé", verification, StringComparison.Ordinal);
        Assert.DoesNotContain("carte d'invalidité", verification, StringComparison.Ordinal);
        Assert.Contains("motif à accès restreint", verification, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await SoumettreAsync(agent, url, doc, "enregistrer")).StatusCode);
        await ConserveesAsync();

        // The API's use case, with a body that leaves out the NIR, the card, the disability needs and the restricted reasons.
        var corps = JsonSerializer.SerializeToNode(DemandesApiTests.Saisie("Restreinte", handicap: false))!.AsObject();
        corps["personnes"]![0]!["nir"] = null;
        var envoyee = corps.Deserialize<DemandeSaisie>(JsonSerializerOptions.Web)!;
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await using var db = fx.Base(f);
            var u = await db.Utilisateurs.AsNoTracking().SingleAsync(x => x.Identifiant == "reservataire@tpm.demo");
            var reservataire = new Agent(u.Id, u.NomComplet, u.Role, u.Perimetre);
            Assert.False(AccesDemandes.VoitDonneesSensibles(reservataire.Role));
            var issue = await scope.ServiceProvider.GetRequiredService<DemandesService>().MettreAJourAsync(reservataire, numero, envoyee, default);
            Assert.True(issue.EstReussi, issue.Motif);
        }
        await ConserveesAsync();

        // The EPCI's agent, who sees them, may change them.
        Assert.Equal(HttpStatusCode.NoContent, (await app.ClientApi("epci").PutAsJsonAsync($"/api/v1/demandes/{numero}", corps)).StatusCode);
        var contenu = await ContenuAsync();
        Assert.Equal((null, false, false), (contenu.Personnes[0].Nir, contenu.Personnes[0].CarteInvalidite, contenu.Motifs.Any(m => m.EstRestreint())));

        async Task<ContenuDemande> ContenuAsync()
        {
            await using var db = fx.Base(f);
            Assert.True(NumeroUnique.TryParse(numero, out var n));
            return (await db.Demandes.AsNoTracking().SingleAsync(d => d.Numero == n)).Contenu;
        }

        async Task ConserveesAsync()
        {
            var c = await ContenuAsync();
            Assert.Equal(Nir, c.Personnes[0].Nir?.ValeurComplete);
            Assert.True(c.Personnes[0].CarteInvalidite);
            Assert.True(c.Handicap?.FauteuilRoulant);
            Assert.Equal([MotifDemande.LogementTropCher, MotifDemande.ViolencesFamiliales, MotifDemande.RaisonsDeSante], c.Motifs.Order());
            Assert.Equal(MotifDemande.ViolencesFamiliales, c.MotifPrincipal);
        }
    }

    [Fact]
    public async Task Un_brouillon_falsifie_est_refuse_sans_erreur_serveur()
    {
        var client = await fx.App(BasesDeTest.Sqlite).ConnecterAsync("commune");
        var doc = await PageAsync(client, await client.GetAsync("/demandes/nouvelle"));
        var suite = await EtapeAsync(client, "/demandes/nouvelle", doc, "suivant", ("Brouillon", "falsifie"), ("Etape", "3"));
        Assert.Contains("expiré", suite.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Demandeur et personnes à loger", suite.QuerySelector(".etape-courante")!.TextContent, StringComparison.Ordinal);
    }

    private static FormUrlEncodedContent Formulaire(params (string Nom, string Valeur)[] champs) =>
        new(champs.Select(c => new KeyValuePair<string, string>(c.Nom, c.Valeur)));

    private static string Valeur(IHtmlDocument doc, string terme) =>
        doc.QuerySelectorAll("dt").Single(dt => dt.TextContent.Trim() == terme).NextElementSibling!.TextContent.Trim();

    /// <summary>Reads a page, checking it answered 200 and never holds the full NIR.</summary>
    private static async Task<IHtmlDocument> PageAsync(HttpClient _, HttpResponseMessage reponse)
    {
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        var html = await reponse.Content.ReadAsStringAsync();
        Assert.DoesNotContain(Nir, html, StringComparison.Ordinal);
        return await LogisFactory.DocumentAsync(new HttpResponseMessage { Content = new StringContent(html) });
    }

    private static async Task<IHtmlDocument> EtapeAsync(HttpClient client, string url, IHtmlDocument doc, string aller, params (string Nom, string Valeur)[] valeurs) =>
        await PageAsync(client, await SoumettreAsync(client, url, doc, aller, valeurs));

    /// <summary>Submits the step form as a browser would: every field with its current value, some replaced.</summary>
    private static async Task<HttpResponseMessage> SoumettreAsync(HttpClient client, string url, IHtmlDocument doc, string aller, params (string Nom, string Valeur)[] valeurs)
    {
        var form = doc.QuerySelector("form.formulaire-demande")!;
        var champs = new List<KeyValuePair<string, string>>();
        foreach (var e in form.QuerySelectorAll("input, select"))
        {
            switch (e)
            {
                case IHtmlInputElement i when i.Type is "checkbox" or "radio":
                    if (i.IsChecked) champs.Add(new(i.Name!, i.Value));
                    break;
                case IHtmlInputElement i:
                    champs.Add(new(i.Name!, i.Value));
                    break;
                case IHtmlSelectElement s:
                    champs.Add(new(s.Name!, s.Value ?? ""));
                    break;
            }
        }
        var noms = valeurs.Select(v => v.Nom).ToHashSet();
        champs.RemoveAll(c => noms.Contains(c.Key));
        champs.AddRange(valeurs.Select(v => new KeyValuePair<string, string>(v.Nom, v.Valeur)));
        champs.Add(new("aller", aller));
        return await client.PostAsync(url, new FormUrlEncodedContent(champs));
    }
}
