using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Logis.Cli;
using Logis.Domain.Eligibilite;
using Logis.Domain.Menages;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;

namespace Logis.Web.Tests;

/// <summary>
/// « Suis-je éligible ? »: the public API, the public page and the CLI give the answers of the domain
/// engine, computed here independently, for one commune of each ceiling zone; every mistake is a
/// French message (ProblemDetails 400 or form errors), never a 500.
/// </summary>
[Collection(CollectionApplications.Nom)]
public partial class EligibiliteTests(ApplicationsFixture fx)
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly DateOnly DateReference = new(2026, 6, 1);

    private static readonly Lazy<MoteurEligibilite> Moteur = new(() =>
    {
        using var lecteur = TerritoireSemeFixture.Reference.OuvrirPlafonds();
        var lignes = LecteurPlafondsCsv.Lire(lecteur);
        Assert.True(lignes.EstReussi, string.Join(" ", lignes.Erreurs));
        var bareme = BaremePlafonds.Creer(lignes.Valeur!);
        Assert.True(bareme.EstReussi, string.Join(" ", bareme.Erreurs));
        return new MoteurEligibilite(bareme.Valeur!, ParametresEligibilite.Defaut);
    });

    /// <summary>A household of the tests: its persons, its income, the commune and the financing asked.</summary>
    public sealed record Cas(string Commune, ZonePlafond Zone, string Financement, decimal Revenu, params (string Naissance, string Lien, bool Handicap, bool ACharge)[] Personnes);

    private static readonly Dictionary<string, Cas> Foyers = new()
    {
        // A couple with two children in Paris: category 4 by the number of persons.
        ["paris"] = new("75056", ZonePlafond.ParisCommunesLimitrophes, "PLUS", 52_000m,
            ("1986-03-10", "demandeur", false, false), ("1988-09-02", "conjoint", false, false),
            ("2016-05-20", "enfant", false, true), ("2019-11-30", "enfant", false, true)),
        // A disabled single parent with one child in Versailles: category 3, above the PLAI ceiling (not PLUS nor PLS).
        ["versailles"] = new("78646", ZonePlafond.IleDeFranceHorsParis, "PLAI", 31_000m,
            ("1979-01-15", "demandeur", true, false), ("2012-07-04", "enfant", false, true)),
        // Seven persons in Toulon: category 6 and one additional person, under the PLS ceiling (above PLAI).
        ["toulon"] = new("83137", ZonePlafond.AutresRegions, "PLS", 61_500m,
            ("1975-04-01", "demandeur", false, false), ("1977-02-12", "conjoint", false, false),
            ("1948-12-24", "ascendant", false, false), ("2008-03-03", "enfant", false, true),
            ("2010-06-06", "enfant", false, true), ("2013-08-08", "enfant", false, true), ("2015-10-10", "enfant", false, true)),
    };

    /// <summary>The households, each run on both databases (<see cref="DeuxBasesAttribute"/>).</summary>
    public static TheoryData<string> NomsDesFoyers => [.. Foyers.Keys];

    private static DecisionEligibilite Attendu(Cas cas, Financement financement, DateOnly dateReference)
    {
        var personnes = cas.Personnes.Select(p => new Personne(DateOnly.Parse(p.Naissance, CultureInfo.InvariantCulture),
            Enum.Parse<LienPersonne>(p.Lien, ignoreCase: true), p.Handicap, p.ACharge));
        var menage = Menage.Creer(personnes, RevenuRetenu.RevenuFiscalDeReference(cas.Revenu), dateReference);
        Assert.True(menage.EstReussi, string.Join(" ", menage.Erreurs));
        return Moteur.Value.VerifierEligibilite(2026, cas.Zone, financement, menage.Valeur!);
    }

    private static object Corps(Cas cas, string? dateReference = "2026-06-01") => new
    {
        annee = 2026,
        communeInsee = cas.Commune,
        financement = cas.Financement,
        dateReference,
        menage = new
        {
            personnes = cas.Personnes.Select(p => new { dateNaissance = p.Naissance, lien = p.Lien, handicap = p.Handicap, aCharge = p.ACharge }),
            revenuFiscalReference = cas.Revenu,
        },
    };

    private static string Normaliser(string texte) => Espaces().Replace(texte, " ").Trim();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Espaces();

    // ---------------------------------------------------------------- API

    [Theory, DeuxBases(nameof(NomsDesFoyers))]
    public async Task L_api_donne_la_decision_du_domaine_sans_connexion(string f, string foyer)
    {
        var cas = Foyers[foyer];
        Assert.True(Financements.TryParse(cas.Financement, out var financement));
        var attendu = Attendu(cas, financement, DateReference);

        var reponse = await fx.App(f).Client().PostAsJsonAsync("/api/v1/eligibilite", Corps(cas));

        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        var json = await reponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(attendu.Categorie.Numero, json.GetProperty("categorie").GetInt32());
        Assert.Equal(attendu.Categorie.PersonnesSupplementaires, json.GetProperty("personnesSupplementaires").GetInt32());
        Assert.Equal(cas.Zone.Code(), json.GetProperty("zone").GetString());
        Assert.Equal(attendu.Plafond!.Montant, json.GetProperty("plafond").GetDecimal());
        Assert.Equal(attendu.EstEligible, json.GetProperty("eligible").GetBoolean());
        Assert.Equal(attendu.SourceLegale, json.GetProperty("sourceLegale").GetString());
        Assert.Equal(cas.Commune, json.GetProperty("commune").GetProperty("codeInsee").GetString());
        Assert.Equal(attendu.Motifs.Select(m => m.Texte), json.GetProperty("motifs").EnumerateArray().Select(m => m.GetProperty("texte").GetString()));
        Assert.Equal(attendu.Motifs.Select(m => m.Code), json.GetProperty("motifs").EnumerateArray().Select(m => m.GetProperty("code").GetString()));
    }

    [Fact]
    public void Les_trois_cas_couvrent_eligible_et_non_eligible()
    {
        var resultats = Foyers.Values.Select(c => Attendu(c, Financements.TryParse(c.Financement, out var fi) ? fi : default, DateReference)).ToList();
        Assert.Contains(resultats, d => d.EstEligible);
        Assert.Contains(resultats, d => d.Statut == StatutEligibilite.NonEligible);
        Assert.Equal([4, 3, 6], resultats.Select(d => d.Categorie.Numero));
        Assert.Equal(1, resultats[2].Categorie.PersonnesSupplementaires);
    }

    [Fact]
    public async Task L_api_accepte_une_zone_a_la_place_de_la_commune_et_date_du_jour_par_defaut()
    {
        var cas = Foyers["versailles"];
        var reponse = await fx.App(BasesDeTest.Sqlite).Client().PostAsJsonAsync("/api/v1/eligibilite", new
        {
            annee = 2026,
            zone = "ile_de_france",
            financement = "plus",
            menage = new { personnes = new[] { new { dateNaissance = "1979-01-15", lien = "Demandeur", handicap = true } }, revenuFiscalReference = 21000 },
        });
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        var json = await reponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Null, json.GetProperty("commune").ValueKind);
        Assert.Equal(2, json.GetProperty("categorie").GetInt32()); // a disabled person alone
        Assert.Equal("PLUS", json.GetProperty("financement").GetString());
        Assert.Equal(Horloges.Aujourdhui, DateOnly.Parse(json.GetProperty("dateReference").GetString()!, CultureInfo.InvariantCulture));
        Assert.Equal(cas.Zone.Code(), json.GetProperty("zone").GetString());
    }

    public static TheoryData<string, string, string> ErreursApi => new()
    {
        { "date de naissance future", """{"annee":2026,"communeInsee":"83137","financement":"PLUS","dateReference":"2026-06-01","menage":{"personnes":[{"dateNaissance":"2030-01-01","lien":"demandeur"}],"revenuFiscalReference":20000}}""", "menage.personnes[0].dateNaissance" },
        { "revenu négatif", """{"annee":2026,"communeInsee":"83137","financement":"PLUS","menage":{"personnes":[{"dateNaissance":"1980-01-01","lien":"demandeur"}],"revenuFiscalReference":-100}}""", "menage.revenuFiscalReference" },
        { "commune inconnue", """{"annee":2026,"communeInsee":"99999","financement":"PLUS","menage":{"personnes":[{"dateNaissance":"1980-01-01","lien":"demandeur"}],"revenuFiscalReference":20000}}""", "communeInsee" },
        { "code INSEE mal formé", """{"annee":2026,"communeInsee":"Toulon","financement":"PLUS","menage":{"personnes":[{"dateNaissance":"1980-01-01","lien":"demandeur"}],"revenuFiscalReference":20000}}""", "communeInsee" },
        { "année 1850", """{"annee":1850,"communeInsee":"83137","financement":"PLUS","menage":{"personnes":[{"dateNaissance":"1980-01-01","lien":"demandeur"}],"revenuFiscalReference":20000}}""", "annee" },
        { "année sans données", """{"annee":2019,"communeInsee":"83137","financement":"PLUS","menage":{"personnes":[{"dateNaissance":"1980-01-01","lien":"demandeur"}],"revenuFiscalReference":20000}}""", "annee" },
        { "ménage vide", """{"annee":2026,"communeInsee":"83137","financement":"PLUS","menage":{"personnes":[],"revenuFiscalReference":20000}}""", "menage.personnes" },
        { "sans demandeur", """{"annee":2026,"communeInsee":"83137","financement":"PLUS","menage":{"personnes":[{"dateNaissance":"1980-01-01","lien":"conjoint"}],"revenuFiscalReference":20000}}""", "menage.personnes" },
        { "conjoint à charge", """{"annee":2026,"communeInsee":"83137","financement":"PLUS","menage":{"personnes":[{"dateNaissance":"1980-01-01","lien":"demandeur"},{"dateNaissance":"1981-01-01","lien":"conjoint","aCharge":true}],"revenuFiscalReference":20000}}""", "menage.personnes[1].aCharge" },
        { "sans ménage", """{"annee":2026,"communeInsee":"83137","financement":"PLUS"}""", "menage" },
        { "sans revenu", """{"annee":2026,"communeInsee":"83137","financement":"PLUS","menage":{"personnes":[{"dateNaissance":"1980-01-01","lien":"demandeur"}]}}""", "menage.revenuFiscalReference" },
        { "JSON mal formé", """{"annee":2026,"communeInsee":"83137",""", "*" },
        { "JSON illisible", """ceci n'est pas du JSON""", "corps" },
        { "corps vide", "", "corps" },
        { "corps null", "null", "corps" },
        { "année en lettres", """{"annee":"deux mille vingt-six","communeInsee":"83137","financement":"PLUS","menage":{"personnes":[{"dateNaissance":"1980-01-01","lien":"demandeur"}],"revenuFiscalReference":20000}}""", "annee" },
        { "handicap mal typé", """{"annee":2026,"communeInsee":"83137","financement":"PLUS","menage":{"personnes":[{"dateNaissance":"1980-01-01","lien":"demandeur","handicap":"oui"}],"revenuFiscalReference":20000}}""", "menage.personnes[0].handicap" },
        { "date illisible", """{"annee":2026,"communeInsee":"83137","financement":"PLUS","menage":{"personnes":[{"dateNaissance":"31/02/1980","lien":"demandeur"}],"revenuFiscalReference":20000}}""", "menage.personnes[0].dateNaissance" },
        { "lien inconnu", """{"annee":2026,"communeInsee":"83137","financement":"PLUS","menage":{"personnes":[{"dateNaissance":"1980-01-01","lien":"cousin"}],"revenuFiscalReference":20000}}""", "menage.personnes[0].lien" },
        { "financement inconnu", """{"annee":2026,"communeInsee":"83137","financement":"HLM","menage":{"personnes":[{"dateNaissance":"1980-01-01","lien":"demandeur"}],"revenuFiscalReference":20000}}""", "financement" },
        { "financement PLI", """{"annee":2026,"communeInsee":"83137","financement":"PLI","menage":{"personnes":[{"dateNaissance":"1980-01-01","lien":"demandeur"}],"revenuFiscalReference":20000}}""", "financement" },
        { "sans financement", """{"annee":2026,"communeInsee":"83137","menage":{"personnes":[{"dateNaissance":"1980-01-01","lien":"demandeur"}],"revenuFiscalReference":20000}}""", "financement" },
        { "zone inconnue", """{"annee":2026,"zone":"mars","financement":"PLUS","menage":{"personnes":[{"dateNaissance":"1980-01-01","lien":"demandeur"}],"revenuFiscalReference":20000}}""", "zone" },
        { "commune et zone", """{"annee":2026,"communeInsee":"83137","zone":"autres_regions","financement":"PLUS","menage":{"personnes":[{"dateNaissance":"1980-01-01","lien":"demandeur"}],"revenuFiscalReference":20000}}""", "communeInsee" },
        { "ni commune ni zone", """{"annee":2026,"financement":"PLUS","menage":{"personnes":[{"dateNaissance":"1980-01-01","lien":"demandeur"}],"revenuFiscalReference":20000}}""", "communeInsee" },
        { "date de référence illisible", """{"annee":2026,"communeInsee":"83137","financement":"PLUS","dateReference":"demain","menage":{"personnes":[{"dateNaissance":"1980-01-01","lien":"demandeur"}],"revenuFiscalReference":20000}}""", "dateReference" },
    };

    [Theory, MemberData(nameof(ErreursApi))]
    public async Task Une_demande_invalide_donne_un_probleme_400_en_francais(string cas, string corps, string champ)
    {
        var reponse = await fx.App(BasesDeTest.Sqlite).Client().PostAsync("/api/v1/eligibilite", new StringContent(corps, Encoding.UTF8, "application/json"));

        Assert.True(reponse.StatusCode == HttpStatusCode.BadRequest, $"{cas} : {reponse.StatusCode}");
        Assert.Equal("application/problem+json", reponse.Content.Headers.ContentType?.MediaType);
        var json = await reponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, json.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("detail").GetString()));
        var erreurs = json.GetProperty("errors");
        var messages = erreurs.EnumerateObject().Where(e => champ == "*" || e.Name == champ).SelectMany(e => e.Value.EnumerateArray()).Select(m => m.GetString()!).ToList();
        Assert.True(messages.Count > 0, $"{cas} : pas d'erreur sur {champ} ({erreurs})");
        Assert.All(messages, m => Assert.DoesNotContain("Exception", m, StringComparison.Ordinal));
    }

    [Theory, DeuxBases]
    public async Task Une_commune_inconnue_est_nommee_dans_le_probleme(string f)
    {
        var reponse = await fx.App(f).Client().PostAsync("/api/v1/eligibilite", new StringContent(
            """{"annee":2026,"communeInsee":"99999","financement":"PLUS","menage":{"personnes":[{"dateNaissance":"1980-01-01","lien":"demandeur"}],"revenuFiscalReference":20000}}""",
            Encoding.UTF8, "application/json"));
        var json = await reponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("Aucune commune de code INSEE 99999", json.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plusieurs_erreurs_sont_toutes_rendues_par_champ()
    {
        var reponse = await fx.App(BasesDeTest.Sqlite).Client().PostAsync("/api/v1/eligibilite", new StringContent(
            """{"annee":1850,"communeInsee":"99999","financement":"PLUS","dateReference":"2026-06-01","menage":{"personnes":[{"dateNaissance":"2030-01-01","lien":"demandeur"}],"revenuFiscalReference":-5}}""",
            Encoding.UTF8, "application/json"));
        var erreurs = (await reponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var champ in new[] { "annee", "communeInsee", "menage.personnes[0].dateNaissance", "menage.revenuFiscalReference" })
            Assert.True(erreurs.TryGetProperty(champ, out _), $"pas d'erreur sur {champ} ({erreurs})");
        Assert.Contains("postérieure", erreurs.GetProperty("menage.personnes[0].dateNaissance")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("négatif", erreurs.GetProperty("menage.revenuFiscalReference")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Un_corps_qui_n_est_pas_du_json_donne_415()
    {
        var reponse = await fx.App(BasesDeTest.Sqlite).Client().PostAsync("/api/v1/eligibilite", new StringContent("annee=2026", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, reponse.StatusCode);
        Assert.Equal("application/problem+json", reponse.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task L_api_est_decrite_dans_openapi()
    {
        var doc = await fx.App(BasesDeTest.Sqlite).Client().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var post = doc.GetProperty("paths").GetProperty("/api/v1/eligibilite").GetProperty("post");
        Assert.StartsWith("Suis-je éligible ?", post.GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.True(post.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _));
    }

    // ---------------------------------------------------------------- Page

    private static async Task<(HttpClient Client, string Jeton)> OuvrirPageAsync(LogisFactory app)
    {
        var client = app.Client();
        return (client, await LogisFactory.JetonAsync(client, "/eligibilite"));
    }

    private static Dictionary<string, string> Formulaire(Cas cas, string jeton, bool parLaListe)
    {
        var champs = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = jeton,
            ["Annee"] = "2026",
            ["Revenu"] = cas.Revenu.ToString("#,##0", Fr), // as a person types it: "52 000"
            [parLaListe ? "Commune" : "AutreCommune"] = cas.Commune,
        };
        for (var i = 0; i < cas.Personnes.Length; i++)
        {
            var p = cas.Personnes[i];
            champs[$"Personnes[{i}].DateNaissance"] = p.Naissance;
            if (i > 0) champs[$"Personnes[{i}].Lien"] = p.Lien;
            if (p.Handicap) champs[$"Personnes[{i}].Handicap"] = "true";
            if (p.ACharge) champs[$"Personnes[{i}].ACharge"] = "true";
        }
        return champs;
    }

    private static async Task<IHtmlDocument> EnvoyerAsync(HttpClient client, Dictionary<string, string> champs, string url = "/eligibilite")
    {
        var reponse = await client.PostAsync(url, new FormUrlEncodedContent(champs));
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        return await LogisFactory.DocumentAsync(reponse);
    }

    [Theory, DeuxBases(nameof(NomsDesFoyers))]
    public async Task La_page_donne_en_francais_les_decisions_du_domaine_pour_plai_plus_et_pls(string f, string foyer)
    {
        var cas = Foyers[foyer];
        var (client, jeton) = await OuvrirPageAsync(fx.App(f));
        var doc = await EnvoyerAsync(client, Formulaire(cas, jeton, parLaListe: cas.Commune == "83137"));

        Assert.Null(doc.QuerySelector("[role=alert]"));
        var resultat = doc.QuerySelector("section.resultat")!;
        Assert.NotNull(resultat);
        var aujourdhui = Horloges.Aujourdhui;
        foreach (var financement in new[] { Financement.Plai, Financement.Plus, Financement.Pls })
        {
            var attendu = Attendu(cas, financement, aujourdhui);
            var ligne = resultat.QuerySelector($"tr[data-financement={financement.Libelle()}]")!;
            var cellules = ligne.QuerySelectorAll("td");
            Assert.Equal(Normaliser(attendu.Plafond!.Montant.ToString("#,##0.##", Fr) + " €"), Normaliser(cellules[0].TextContent));
            Assert.StartsWith(attendu.EstEligible ? "Oui" : "Non", cellules[2].TextContent.Trim(), StringComparison.Ordinal);
            var motifs = resultat.QuerySelectorAll($"ol[data-financement={financement.Libelle()}] .motif-texte").Select(m => Normaliser(m.TextContent));
            Assert.Equal(attendu.Motifs.Select(m => Normaliser(m.Texte)), motifs);
            Assert.Contains(Normaliser(attendu.Categorie.Libelle), Normaliser(resultat.TextContent), StringComparison.Ordinal);
            Assert.Contains(attendu.Zone.Libelle(), resultat.TextContent, StringComparison.Ordinal);
        }
        Assert.Contains(Normaliser(resultat.QuerySelector("#resultat-synthese")!.TextContent)[..3], new[] { "Oui", "Non" });
    }

    [Fact]
    public async Task La_page_est_publique_et_propose_les_communes_du_territoire_heberge()
    {
        var client = fx.App(BasesDeTest.Sqlite).Client();
        var reponse = await client.GetAsync("/eligibilite");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        var doc = await LogisFactory.DocumentAsync(reponse);
        Assert.Equal("Suis-je éligible à un logement social ?", doc.QuerySelector("h1")!.TextContent.Trim());
        var options = doc.QuerySelectorAll("#commune optgroup option");
        Assert.Equal(12, options.Length);
        Assert.Contains(options, o => o.GetAttribute("value") == "83137" && o.TextContent.Trim() == "Toulon");
        Assert.Equal("Métropole Toulon-Provence-Méditerranée", doc.QuerySelector("#commune optgroup")!.GetAttribute("label"));
        Assert.Equal("2026", doc.QuerySelector("#annee option[selected]")!.TextContent.Trim());
        Assert.Equal(IndexModelLignes, doc.QuerySelectorAll("fieldset.personne").Length);
        Assert.All(doc.QuerySelectorAll("input:not([type=hidden]), select"), champ =>
            Assert.NotNull(doc.QuerySelector($"label[for='{champ.Id}']")));
        Assert.Contains("arrêté du 29 juillet 1987", doc.QuerySelector("section.regles")!.TextContent, StringComparison.Ordinal);

        var accueil = await LogisFactory.DocumentAsync(await client.GetAsync("/"));
        Assert.NotNull(accueil.QuerySelector("header a[href='/eligibilite']"));
        Assert.NotNull(accueil.QuerySelector("main a[href='/eligibilite']"));
    }

    private const int IndexModelLignes = Logis.Web.Features.Eligibilite.IndexModel.LignesAuDepart;

    [Fact]
    public async Task Un_agent_connecte_peut_aussi_utiliser_la_page()
    {
        var client = await fx.App(BasesDeTest.Sqlite).ConnecterAsync("epci");
        var jeton = await LogisFactory.JetonAsync(client, "/eligibilite");
        var doc = await EnvoyerAsync(client, Formulaire(Foyers["toulon"], jeton, parLaListe: true));
        Assert.NotNull(doc.QuerySelector("section.resultat"));
    }

    [Fact]
    public async Task Un_envoi_sans_jeton_antiforgery_est_refuse()
    {
        var client = fx.App(BasesDeTest.Sqlite).Client();
        var champs = Formulaire(Foyers["toulon"], "", parLaListe: true);
        champs.Remove("__RequestVerificationToken");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/eligibilite", new FormUrlEncodedContent(champs))).StatusCode);
    }

    public static TheoryData<string, string, string, string> ErreursPage => new()
    {
        // case, field changed (name=value), id of the field in error, expected words
        { "date de naissance future", "Personnes[0].DateNaissance=2099-01-01", "personne-0-date", "postérieure" },
        { "revenu négatif", "Revenu=-100", "revenu", "négatif" },
        { "revenu illisible", "Revenu=beaucoup", "revenu", "n'est pas un montant" },
        { "commune inconnue", "AutreCommune=99999", "autre-commune", "99999" },
        { "année 1850", "Annee=1850", "annee", "1850" },
        { "sans commune", "Commune=", "commune", "Choisissez la commune" },
        { "lien manquant", "Personnes[1].Lien=", "personne-1-lien", "indiquez son lien" },
        { "conjoint à charge", "Personnes[1].ACharge=true", "personne-1-a-charge", "ne peut pas être une personne à charge" },
    };

    [Theory, MemberData(nameof(ErreursPage))]
    public async Task Une_erreur_de_saisie_est_resumee_en_haut_et_signalee_sur_le_champ(string cas, string modification, string id, string attendu)
    {
        var (client, jeton) = await OuvrirPageAsync(fx.App(BasesDeTest.Sqlite));
        var champs = Formulaire(Foyers["paris"], jeton, parLaListe: false);
        champs.Remove("AutreCommune");
        champs["Commune"] = "83137";
        var (nom, valeur) = (modification[..modification.IndexOf('=', StringComparison.Ordinal)], modification[(modification.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        champs[nom] = valeur;

        var doc = await EnvoyerAsync(client, champs);

        Assert.Null(doc.QuerySelector("section.resultat"));
        Assert.StartsWith("Erreur :", doc.Title, StringComparison.Ordinal);
        var resume = doc.QuerySelector("[role=alert]");
        Assert.True(resume is not null, cas);
        var liens = resume!.QuerySelectorAll("a");
        Assert.Contains(liens, a => a.GetAttribute("href") == $"#{id}" && a.TextContent.Contains(attendu, StringComparison.Ordinal));
        Assert.All(liens, a => Assert.NotNull(doc.GetElementById(a.GetAttribute("href")![1..])));
        var champ = doc.GetElementById(id)!;
        Assert.Equal("true", champ.GetAttribute("aria-invalid"));
        Assert.Contains($"{id}-erreur", champ.GetAttribute("aria-describedby")!, StringComparison.Ordinal);
        Assert.Contains(attendu, doc.GetElementById($"{id}-erreur")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Un_foyer_vide_est_signale_sur_la_premiere_ligne()
    {
        var (client, jeton) = await OuvrirPageAsync(fx.App(BasesDeTest.Sqlite));
        var doc = await EnvoyerAsync(client, new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = jeton, ["Annee"] = "2026", ["Commune"] = "83137", ["Revenu"] = "20000",
        });
        Assert.Null(doc.QuerySelector("section.resultat"));
        var lien = doc.QuerySelector("[role=alert] a")!;
        Assert.Equal("#personne-0-date", lien.GetAttribute("href"));
        Assert.Contains("indiquez la date de naissance", lien.TextContent, StringComparison.Ordinal);
        Assert.Single(doc.QuerySelectorAll("[role=alert] a"));
    }

    [Fact]
    public async Task Ajouter_une_personne_garde_la_saisie_et_ajoute_une_ligne_sans_javascript()
    {
        var (client, jeton) = await OuvrirPageAsync(fx.App(BasesDeTest.Sqlite));
        var champs = Formulaire(Foyers["toulon"], jeton, parLaListe: true); // seven persons
        var doc = await EnvoyerAsync(client, champs, "/eligibilite?handler=AjouterPersonne");

        Assert.Null(doc.QuerySelector("[role=alert]"));
        Assert.Null(doc.QuerySelector("section.resultat"));
        Assert.Equal(8, doc.QuerySelectorAll("fieldset.personne").Length);
        Assert.Equal("2015-10-10", ((IHtmlInputElement)doc.GetElementById("personne-6-date")!).Value);
        Assert.Equal("", ((IHtmlInputElement)doc.GetElementById("personne-7-date")!).Value);
        Assert.Equal("ascendant", ((IHtmlSelectElement)doc.GetElementById("personne-2-lien")!).Value);
        Assert.Equal("83137", ((IHtmlSelectElement)doc.GetElementById("commune")!).Value);
    }

    [Fact]
    public async Task Les_lignes_vides_du_milieu_sont_ignorees()
    {
        var (client, jeton) = await OuvrirPageAsync(fx.App(BasesDeTest.Sqlite));
        var champs = Formulaire(Foyers["versailles"], jeton, parLaListe: false);
        // The child typed on the fourth row, rows 2 and 3 left blank (a browser sends their empty fields).
        champs.Remove("Personnes[1].ACharge");
        foreach (var i in new[] { 1, 2 })
        {
            champs[$"Personnes[{i}].DateNaissance"] = "";
            champs[$"Personnes[{i}].Lien"] = "";
        }
        champs["Personnes[3].DateNaissance"] = "2012-07-04";
        champs["Personnes[3].Lien"] = "enfant";
        champs["Personnes[3].ACharge"] = "true";

        var doc = await EnvoyerAsync(client, champs);

        Assert.Null(doc.QuerySelector("[role=alert]"));
        var attendu = Attendu(Foyers["versailles"], Financement.Plai, Horloges.Aujourdhui);
        Assert.Contains(Normaliser(attendu.Categorie.Libelle), Normaliser(doc.QuerySelector("section.resultat")!.TextContent), StringComparison.Ordinal);
        Assert.Equal("2012-07-04", ((IHtmlInputElement)doc.GetElementById("personne-1-date")!).Value);
    }

    // ---------------------------------------------------------------- CLI

    private static async Task<(int Code, string Sortie, string Erreurs)> LogisAsync(params string[] args)
    {
        var root = new RootCommand { CommandesEligibilite.Plafonds() };
        using var sortie = new StringWriter();
        using var erreurs = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = sortie, Error = erreurs });
        return (code, sortie.ToString(), erreurs.ToString());
    }

    [Fact]
    public async Task La_cli_affiche_les_plafonds_d_une_annee_et_d_une_zone()
    {
        var (code, sortie, erreurs) = await LogisAsync("plafonds", "--annee", "2026", "--zone", "autres_regions");

        Assert.True(code == 0, erreurs);
        using var lecteur = TerritoireSemeFixture.Reference.OuvrirPlafonds();
        var lignes = LecteurPlafondsCsv.Lire(lecteur).Valeur!.Where(l => l.Annee == 2026 && l.Zone == ZonePlafond.AutresRegions).ToList();
        Assert.Equal(21, lignes.Count);
        static string SansInsecables(string s) => s.Replace('\u202f', ' ').Replace('\u00a0', ' ');
        var texte = SansInsecables(sortie);
        foreach (var colonne in Enum.GetValues<ColonnePlafond>())
        {
            var libelle = colonne == ColonnePlafond.ParPersonneSupplementaire ? "Par personne supplémentaire" : $"Catégorie {(int)colonne}";
            var montants = new[] { Financement.Plai, Financement.Plus, Financement.Pls }
                .Select(f => SansInsecables(lignes.Single(l => l.Financement == f && l.Colonne == colonne).Montant.ToString("#,##0", Fr)));
            var ligne = texte[texte.IndexOf(libelle, StringComparison.Ordinal)..];
            var fin = ligne.IndexOf('\n', StringComparison.Ordinal);
            if (fin > 0) ligne = ligne[..fin];
            var position = 0;
            foreach (var montant in montants)
            {
                var trouve = ligne.IndexOf(montant, position, StringComparison.Ordinal);
                Assert.True(trouve > position, $"{libelle} : {montant} absent ou dans le désordre dans « {ligne} »");
                position = trouve + montant.Length;
            }
        }
        Assert.Contains("PLAI", sortie, StringComparison.Ordinal);
        Assert.Contains("annexe II", sortie, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1850", "autres_regions", "l'année 1850 ne sont pas connus")]
    [InlineData("2026", "mars", "Zone inconnue « mars »")]
    public async Task La_cli_refuse_une_annee_ou_une_zone_inconnue_en_francais_avec_le_code_2(string annee, string zone, string message)
    {
        var (code, sortie, erreurs) = await LogisAsync("plafonds", "--annee", annee, "--zone", zone);
        Assert.Equal(2, code);
        Assert.Contains(message, erreurs, StringComparison.Ordinal);
        Assert.Equal("", sortie);
    }
}
