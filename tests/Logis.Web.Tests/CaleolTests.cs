using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Application.Attributions;
using Logis.Domain.Attributions;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace Logis.Web.Tests;

/// <summary>
/// The CALEOL through the API (L441-2, R441-3, L441-2-2, R441-2-17): a landlord's agent creates a session with its members, puts an oriented vacancy
/// on the agenda with three candidates, records the votes and the decisions with their reasons; the vacancy is decided, each decision is in the
/// demand's timeline and the journal; the réservataire reads the decisions on its candidates; the minutes and a letter open as PDF and their
/// text is checked. Bad input gets ProblemDetails and writes nothing. Both databases.
/// </summary>
[Collection(CollectionApplications.Nom)]
public class CaleolTests(ApplicationsFixture fx)
{
    private static readonly Siren Tpm = Siren.Create(TerritoireSeeder.SirenTpm);

    private static BailleurId Bailleur(LogisDbContext db, int i) => BailleursSynthetiques.Pour(db.Epcis.Single(e => e.Siren == Tpm))[i].Bailleur.Id;

    public static object Membres(string commune) => new object[]
    {
        new { nom = "Mme Présidente", qualite = "bailleur", president = true },
        new { nom = "M. Désigné", qualite = "bailleur" },
        new { nom = "Mme Locataires", qualite = "locataires" },
        new { nom = "M. le Maire", qualite = "maire", commune },
        new { nom = "Mme la Préfète", qualite = "prefet" },
        new { nom = "M. Isft", qualite = "isft" },
    };

    /// <summary>A session of the API key's landlord today, in person; its id.</summary>
    public static async Task<string> SeanceAsync(LogisFactory app, string commune)
    {
        var r = await app.ClientApi("bailleur").PostAsJsonAsync("/api/v1/caleol/seances", new
        {
            date = app.Horloge.AujourdhuiEnFrance().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), modalite = "presentielle", membres = Membres(commune),
        });
        Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>
    /// For the authorization matrix: a session of the first bailleur with one dossier (a vacancy oriented to Action Logement, two candidates: not
    /// enough candidates), the first candidate decided « non-attribution », the second still to decide; the ids of the session and the dossier.
    /// </summary>
    public static async Task<(string Seance, string Dossier)> SeanceEnCoursAsync(LogisFactory app, LogisDbContext db, BailleurId bailleur, string commune, string numero)
    {
        var api = app.ClientApi("bailleur");
        var (vacance, _) = await VacancesTests.VacanceOrienteeAsync(app, db, bailleur, commune);
        var communeVacance = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{vacance}")).GetProperty("communeInsee").GetString()!;
        var seance = await SeanceAsync(app, communeVacance);
        var second = await DemandesApiTests.CreerAsync(app.ClientApi("epci"), DemandesApiTests.Saisie("Matrice", commune));
        var r = await api.PostAsJsonAsync($"/api/v1/caleol/seances/{seance}/dossiers", new { vacance = Guid.Parse(vacance), candidats = new[] { numero, second }, exception = "candidats-insuffisants" });
        Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        var dossier = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var votes = await api.PostAsJsonAsync($"/api/v1/caleol/dossiers/{dossier}/votes", new { candidat = 1, votes = new[] { 1, 2, 3 }.Select(m => new { membre = m, decision = "non-attribution" }) });
        Assert.True(votes.StatusCode == HttpStatusCode.NoContent, await votes.Content.ReadAsStringAsync());
        var d = await api.PostAsJsonAsync($"/api/v1/caleol/dossiers/{dossier}/decisions", new { candidat = 1, decision = "non-attribution", motifs = new[] { "inadapte-composition" } });
        Assert.True(d.StatusCode == HttpStatusCode.NoContent, await d.Content.ReadAsStringAsync());
        return (seance, dossier);
    }

    private static string Texte(byte[] pdf)
    {
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        using var doc = PdfDocument.Open(pdf);
        return string.Join("\n", doc.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
    }

    private static async Task<JsonElement> ProblemeAsync(HttpResponseMessage r, HttpStatusCode attendu)
    {
        Assert.True(attendu == r.StatusCode, $"attendu {(int)attendu}, obtenu {(int)r.StatusCode} : {await r.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Theory, DeuxBases]
    public async Task La_commission_examine_trois_candidats_decide_et_produit_le_proces_verbal_et_les_courriers(string f)
    {
        var app = fx.App(f);
        var api = app.ClientApi("bailleur");
        await using var db = fx.Base(f);
        var b0 = Bailleur(db, 0);
        var (vacance, _) = await VacancesTests.VacanceOrienteeAsync(app, db, b0, "83137");
        var commune = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{vacance}")).GetProperty("communeInsee").GetString()!;
        var nom = "Caleol" + Guid.NewGuid().ToString("N")[..6].Replace('0', 'a');
        var numeros = new List<string>();
        for (var i = 0; i < 3; i++) numeros.Add(await DemandesApiTests.CreerAsync(app.ClientApi("epci"), DemandesApiTests.Saisie(nom + i, commune)));

        var seance = await SeanceAsync(app, commune);
        var inscrit = await api.PostAsJsonAsync($"/api/v1/caleol/seances/{seance}/dossiers", new { vacance = Guid.Parse(vacance), candidats = numeros });
        Assert.True(inscrit.StatusCode == HttpStatusCode.Created, await inscrit.Content.ReadAsStringAsync());
        var dossier = (await inscrit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        Assert.Equal("en-commission", (await api.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{vacance}")).GetProperty("statut").GetString());

        async Task Voter(int candidat, string decision, params int[] membres)
        {
            var r = await api.PostAsJsonAsync($"/api/v1/caleol/dossiers/{dossier}/votes", new { candidat, votes = membres.Select(m => new { membre = m, decision }) });
            Assert.True(r.StatusCode == HttpStatusCode.NoContent, await r.Content.ReadAsStringAsync());
        }
        Task<HttpResponseMessage> Decider(object corps) => api.PostAsJsonAsync($"/api/v1/caleol/dossiers/{dossier}/decisions", corps);

        // The consultative member does not vote; a tie goes the mayor's way.
        var isft = await ProblemeAsync(await api.PostAsJsonAsync($"/api/v1/caleol/dossiers/{dossier}/votes", new { candidat = 1, votes = new[] { new { membre = 6, decision = "attribution" } } }), HttpStatusCode.Conflict);
        Assert.Contains("consultative", isft.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        await Voter(1, "attribution", 1, 4);
        await Voter(1, "non-attribution", 2, 3);
        var lue = await api.GetFromJsonAsync<JsonElement>($"/api/v1/caleol/seances/{seance}");
        var c1 = lue.GetProperty("dossiers")[0].GetProperty("candidats")[0];
        Assert.Equal("attribution", c1.GetProperty("decisionVotee").GetString());
        Assert.Contains("prépondérante", c1.GetProperty("depouillement").GetString()!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await Decider(new { candidat = 1, decision = "attribution" })).StatusCode);

        await Voter(2, "attribution-rang", 1, 2, 3, 4, 5);
        Assert.Equal(HttpStatusCode.NoContent, (await Decider(new { candidat = 2, decision = "attribution-rang", rang = 2 })).StatusCode);

        // A non-attribution without a reason is refused; with its reasons it is recorded.
        await Voter(3, "non-attribution", 1, 2, 3);
        var sansMotif = await ProblemeAsync(await Decider(new { candidat = 3, decision = "non-attribution" }), HttpStatusCode.BadRequest);
        Assert.Contains("L441-2-2", sansMotif.GetProperty("errors").GetProperty("motifs")[0].GetString()!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await Decider(new { candidat = 3, decision = "non-attribution", motifs = new[] { "taux-effort", "autre" }, precision = "Reste à vivre insuffisant selon la commission" })).StatusCode);

        // The vacancy is decided; each decision is in its demand's timeline, with its reasons.
        Assert.Equal("decidee", (await api.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{vacance}")).GetProperty("statut").GetString());
        async Task<Demande> Demande(string numero)
        {
            Assert.True(NumeroUnique.TryParse(numero, out var n));
            return await db.Demandes.AsNoTracking().SingleAsync(d => d.Numero == n);
        }
        var premiere = (await Demande(numeros[0])).Evenements[^1];
        Assert.Equal((TypeEvenementDemande.DecisionCaleol, DecisionCaleol.Attribution), (premiere.Type, premiere.DecisionCaleol!.Value));
        Assert.Equal(2, (await Demande(numeros[1])).Evenements[^1].RangCaleol);
        var troisieme = await Demande(numeros[2]);
        Assert.Contains("taux d'effort", troisieme.Evenements[^1].Resume, StringComparison.Ordinal);
        Assert.DoesNotContain("Reste à vivre", troisieme.Evenements[^1].Resume, StringComparison.Ordinal);
        Assert.Equal(3, await db.Audit.AsNoTracking().CountAsync(a => a.Action == ActionsAuditCaleol.Decision && a.Detail!.Contains(dossier)));
        Assert.Equal(1, await db.Audit.AsNoTracking().CountAsync(a => a.Action == ActionsAuditCaleol.Decision && a.DemandeId == troisieme.Id));

        // The réservataire (Action Logement) reads the decisions on its candidates, not the minutes; the other landlord sees nothing.
        var reservataire = await app.ConnecterAsync("reservataire");
        var liste = await reservataire.GetFromJsonAsync<JsonElement>("/api/v1/caleol/seances");
        Assert.Equal(1, liste.EnumerateArray().Single(x => x.GetProperty("id").GetString() == seance).GetProperty("dossiers").GetInt32());
        var vue = await reservataire.GetFromJsonAsync<JsonElement>($"/api/v1/caleol/seances/{seance}");
        Assert.Equal("non-attribution", vue.GetProperty("dossiers")[0].GetProperty("candidats")[2].GetProperty("decision").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await reservataire.GetAsync($"/api/v1/caleol/seances/{seance}/proces-verbal")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ConnecterAsync("bailleur2")).GetAsync($"/api/v1/caleol/seances/{seance}")).StatusCode);

        // Closed, the minutes are final: members, dwelling, candidates, votes, decisions and reasons.
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsync($"/api/v1/caleol/seances/{seance}/cloture", null)).StatusCode);
        var pv = await api.GetAsync($"/api/v1/caleol/seances/{seance}/proces-verbal");
        Assert.Equal("application/pdf", pv.Content.Headers.ContentType?.MediaType);
        var texte = Texte(await pv.Content.ReadAsByteArrayAsync());
        Assert.Contains("Procès-verbal de la commission d'attribution", texte, StringComparison.Ordinal);
        Assert.Contains("Mme Présidente", texte, StringComparison.Ordinal);
        Assert.Contains("président de la commission", texte, StringComparison.Ordinal);
        Assert.Contains(numeros[2], texte, StringComparison.Ordinal);
        Assert.Contains("voix prépondérante du maire", texte, StringComparison.Ordinal);
        Assert.Contains("attribution par ordre de priorité, rang 2", texte, StringComparison.Ordinal);
        Assert.Contains("Reste à vivre insuffisant selon la commission", texte, StringComparison.Ordinal);
        Assert.DoesNotContain(nom, texte, StringComparison.Ordinal);

        // The letter to the third candidate: decision, reasons, remedies; the applicant's name and address.
        var lettre = await api.GetAsync($"/api/v1/caleol/dossiers/{dossier}/courriers/3");
        Assert.Equal("application/pdf", lettre.Content.Headers.ContentType?.MediaType);
        var courrier = Texte(await lettre.Content.ReadAsByteArrayAsync());
        Assert.Contains(nom + "2", courrier, StringComparison.Ordinal);
        Assert.Contains("Sa décision : non-attribution", courrier, StringComparison.Ordinal);
        Assert.Contains("le loyer et les charges sont trop élevés", courrier, StringComparison.Ordinal);
        Assert.Contains("Vos recours", courrier, StringComparison.Ordinal);
        Assert.Contains("tribunal administratif", courrier, StringComparison.Ordinal);
        var rang = Texte(await (await api.GetAsync($"/api/v1/caleol/dossiers/{dossier}/courriers/2")).Content.ReadAsByteArrayAsync());
        Assert.Contains("Vous êtes classé au rang 2", rang, StringComparison.Ordinal);
        Assert.DoesNotContain("Vos recours", rang, StringComparison.Ordinal);
        Assert.Equal(1, await db.Audit.AsNoTracking().CountAsync(a => a.Action == ActionsAuditCaleol.Courrier && a.DemandeId == troisieme.Id));
        Assert.Equal(1, await db.Audit.AsNoTracking().CountAsync(a => a.Action == ActionsAuditCaleol.ProcesVerbal && a.Detail!.Contains(seance)));
        Assert.Equal(HttpStatusCode.OK, (await app.ClientApi("epci").GetAsync($"/api/v1/caleol/dossiers/{dossier}/courriers/1")).StatusCode);
    }

    [Theory, DeuxBases]
    public async Task Une_saisie_invalide_est_refusee_et_n_ecrit_rien(string f)
    {
        var app = fx.App(f);
        var api = app.ClientApi("bailleur");
        await using var db = fx.Base(f);

        // The composition: at most six designated members, one president among them, a mayor names his commune.
        var sept = Enumerable.Range(1, 7).Select(i => new { nom = $"Membre {i}", qualite = "bailleur", president = i == 1 }).ToArray();
        var compo = await ProblemeAsync(await api.PostAsJsonAsync("/api/v1/caleol/seances", new { date = "2026-12-01", membres = sept }), HttpStatusCode.BadRequest);
        Assert.Contains("six membres au plus", compo.GetProperty("errors").GetProperty("membres")[0].GetString()!, StringComparison.Ordinal);
        var distance = await ProblemeAsync(await api.PostAsJsonAsync("/api/v1/caleol/seances", new { date = "2026-12-01", modalite = "dematerialisee", membres = Membres("83137") }), HttpStatusCode.BadRequest);
        Assert.True(distance.GetProperty("errors").TryGetProperty("clotureVotes", out _));
        var date = await ProblemeAsync(await api.PostAsJsonAsync("/api/v1/caleol/seances", new { date = "31/02/2026", membres = Membres("83137") }), HttpStatusCode.BadRequest);
        Assert.True(date.GetProperty("errors").TryGetProperty("date", out _));
        Assert.Equal(HttpStatusCode.Forbidden, (await app.ClientApi("epci").PostAsJsonAsync("/api/v1/caleol/seances", new { date = "2026-12-01", membres = Membres("83137") })).StatusCode);

        // Fewer than three candidates without an exception: refused, the vacancy stays oriented and no dossier is written.
        var (vacance, _) = await VacancesTests.VacanceOrienteeAsync(app, db, Bailleur(db, 0), "83137");
        var seance = await SeanceAsync(app, "83137");
        var numero = await DemandesApiTests.CreerAsync(app.ClientApi("epci"), DemandesApiTests.Saisie("Seul", "83137"));
        var deux = await ProblemeAsync(await api.PostAsJsonAsync($"/api/v1/caleol/seances/{seance}/dossiers", new { vacance = Guid.Parse(vacance), candidats = new[] { numero, numero[..^1] + "X" } }), HttpStatusCode.BadRequest);
        Assert.True(deux.GetProperty("errors").TryGetProperty("candidats[1]", out _));
        var seul = await ProblemeAsync(await api.PostAsJsonAsync($"/api/v1/caleol/seances/{seance}/dossiers", new { vacance = Guid.Parse(vacance), candidats = new[] { numero } }), HttpStatusCode.BadRequest);
        Assert.Contains("R441-3", seul.GetProperty("errors").GetProperty("exception")[0].GetString()!, StringComparison.Ordinal);
        Assert.Equal("orientee", (await api.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{vacance}")).GetProperty("statut").GetString());
        Assert.False(await db.DossiersCaleol.AsNoTracking().AnyAsync(d => d.VacanceId == new VacanceId(Guid.Parse(vacance))));

        // Without votes, no decision.
        var r = await api.PostAsJsonAsync($"/api/v1/caleol/seances/{seance}/dossiers", new { vacance = Guid.Parse(vacance), candidats = new[] { numero }, exception = "candidats-insuffisants" });
        var dossier = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var sansVote = await ProblemeAsync(await api.PostAsJsonAsync($"/api/v1/caleol/dossiers/{dossier}/decisions", new { candidat = 1, decision = "attribution" }), HttpStatusCode.Conflict);
        Assert.Contains("Aucun vote", sansVote.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await api.PostAsync($"/api/v1/caleol/seances/{seance}/cloture", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await api.GetAsync($"/api/v1/caleol/dossiers/{dossier}/courriers/1")).StatusCode);
        Assert.True(NumeroUnique.TryParse(numero, out var n));
        Assert.DoesNotContain((await db.Demandes.AsNoTracking().SingleAsync(d => d.Numero == n)).Evenements, e => e.Type == TypeEvenementDemande.DecisionCaleol);
    }

    [Fact]
    public async Task Par_les_pages_le_bailleur_cree_la_seance_inscrit_vote_decide_et_ouvre_les_documents()
    {
        var app = fx.App(BasesDeTest.Sqlite);
        await using var db = fx.Base(BasesDeTest.Sqlite);
        var client = await app.ConnecterAsync("bailleur");
        var (vacance, _) = await VacancesTests.VacanceOrienteeAsync(app, db, Bailleur(db, 0), "83137");
        var v = await db.Vacances.AsNoTracking().SingleAsync(x => x.Id == new VacanceId(Guid.Parse(vacance)));
        var numeros = new List<string>();
        for (var i = 0; i < 3; i++) numeros.Add(await DemandesApiTests.CreerAsync(app.ClientApi("epci"), DemandesApiTests.Saisie("Pages" + i, v.CommuneInsee.Value)));

        // Creating a session: a mistake is told by the field, nothing is written; then the session is created.
        var jeton = await LogisFactory.JetonAsync(client, "/caleol");
        var champs = new Dictionary<string, string>
        {
            ["Saisie.Date"] = app.Horloge.AujourdhuiEnFrance().ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), ["Saisie.Modalite"] = "presentielle",
            ["Saisie.Membres[0].Nom"] = "Mme Présidente", ["Saisie.Membres[0].Qualite"] = "bailleur", ["Saisie.President"] = "0",
            ["Saisie.Membres[1].Nom"] = "M. Désigné", ["Saisie.Membres[1].Qualite"] = "bailleur",
            ["Saisie.Membres[2].Nom"] = "M. le Maire", ["Saisie.Membres[2].Qualite"] = "maire",
            ["__RequestVerificationToken"] = jeton,
        };
        var erreur = await client.PostAsync("/caleol", new FormUrlEncodedContent(champs));
        Assert.Equal(HttpStatusCode.BadRequest, erreur.StatusCode);
        var doc = await LogisFactory.DocumentAsync(erreur);
        Assert.Contains("code INSEE", doc.QuerySelector(".resume-erreurs")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(doc.QuerySelector("a[href='#seance-membres-2-commune']"));
        champs["Saisie.Membres[2].Commune"] = v.CommuneInsee.Value;
        var cree = await client.PostAsync("/caleol", new FormUrlEncodedContent(champs));
        Assert.Equal(HttpStatusCode.Redirect, cree.StatusCode);
        var url = cree.Headers.Location!.OriginalString;

        // Put the vacancy on the agenda with its three candidates.
        doc = await LogisFactory.DocumentAsync(await client.GetAsync(url));
        Assert.Contains(doc.QuerySelectorAll("#inscription-vacance option"), o => o.GetAttribute("value") == vacance);
        jeton = await LogisFactory.JetonAsync(client, url);
        var inscrit = await client.PostAsync(url + "?handler=Inscrire", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["vacance"] = vacance, ["candidats"] = string.Join("\n", numeros), ["__RequestVerificationToken"] = jeton,
        }));
        Assert.Equal(HttpStatusCode.Redirect, inscrit.StatusCode);
        var dossier = (await db.DossiersCaleol.AsNoTracking().SingleAsync(d => d.VacanceId == v.Id)).Id.Value.ToString();

        // Votes and decisions, candidate by candidate.
        async Task<HttpResponseMessage> Poster(string handler, Dictionary<string, string> corps)
        {
            corps["__RequestVerificationToken"] = await LogisFactory.JetonAsync(client, url);
            corps["dossier"] = dossier;
            return await client.PostAsync(url + "?handler=" + handler, new FormUrlEncodedContent(corps));
        }
        Assert.Equal(HttpStatusCode.Redirect, (await Poster("Voter", new() { ["candidat"] = "1", ["votes[1]"] = "attribution", ["votes[2]"] = "attribution", ["votes[3]"] = "attribution" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Poster("Decider", new() { ["candidat"] = "1", ["decision"] = "attribution" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Poster("Voter", new() { ["candidat"] = "2", ["votes[1]"] = "attribution-rang", ["votes[2]"] = "attribution-rang" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Poster("Decider", new() { ["candidat"] = "2", ["decision"] = "attribution-rang", ["rang"] = "2" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Poster("Voter", new() { ["candidat"] = "3", ["votes[1]"] = "non-attribution", ["votes[3]"] = "non-attribution" })).StatusCode);
        var sansMotif = await Poster("Decider", new() { ["candidat"] = "3", ["decision"] = "non-attribution" });
        Assert.Equal(HttpStatusCode.BadRequest, sansMotif.StatusCode);
        Assert.Contains("L441-2-2", (await LogisFactory.DocumentAsync(sansMotif)).QuerySelector($"#decision-{dossier}-3 .erreur-champ")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await Poster("Decider", new() { ["candidat"] = "3", ["decision"] = "non-attribution", ["motifs"] = "inadapte-composition" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await Poster("Clore", [])).StatusCode);

        // The session shows the decisions and links to the minutes and the letters, which open as PDF.
        doc = await LogisFactory.DocumentAsync(await client.GetAsync(url));
        Assert.Equal("close", doc.QuerySelector("#etat-seance")!.TextContent);
        var lignes = doc.QuerySelectorAll($"#candidats-{dossier} tbody tr");
        Assert.Contains("attribution par ordre de priorité, rang 2", lignes[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("la taille du logement ne convient pas", lignes[2].TextContent, StringComparison.Ordinal);
        var pv = await client.GetAsync(doc.QuerySelector("#lien-pv")!.GetAttribute("href"));
        Assert.Contains("Procès-verbal", Texte(await pv.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        var lien = lignes[2].QuerySelector("a")!.GetAttribute("href")!;
        Assert.Contains("la taille du logement ne convient pas", Texte(await (await client.GetAsync(lien)).Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        Assert.Equal("decidee", (await db.Vacances.AsNoTracking().SingleAsync(x => x.Id == v.Id)).Statut.Code());

        // The list shows the session; the réservataire's agent sees it without the forms.
        doc = await LogisFactory.DocumentAsync(await client.GetAsync("/caleol"));
        Assert.Contains(doc.QuerySelectorAll("#seances a"), a => a.GetAttribute("href") == url);
        var reservataire = await app.ConnecterAsync("reservataire");
        doc = await LogisFactory.DocumentAsync(await reservataire.GetAsync(url));
        Assert.Null(doc.QuerySelector("#lien-pv"));
        Assert.Null(doc.QuerySelector("#inscription"));
        Assert.Equal(3, doc.QuerySelectorAll($"#candidats-{dossier} tbody tr").Length);
    }

    [Theory, DeuxBases]
    public async Task La_ligne_de_commande_liste_les_seances_et_ecrit_le_proces_verbal_et_un_courrier(string f)
    {
        var app = fx.App(f);
        await using var db = fx.Base(f);
        var numero = await DemandesApiTests.CreerAsync(app.ClientApi("epci"), DemandesApiTests.Saisie("Cli", "83137"));
        var (seance, dossier) = await SeanceEnCoursAsync(app, db, Bailleur(db, 0), "83137", numero);
        async Task<int> LancerAsync(params string[] args)
        {
            Logis.Cli.BaseCli.Horloge = Horloges.Fixe();
            var options = fx.Options(f);
            var racine = new System.CommandLine.RootCommand { Logis.Cli.BaseCli.OptionFournisseur, Logis.Cli.BaseCli.OptionConnexion };
            racine.Subcommands.Add(Logis.Cli.CommandesCaleol.Caleol());
            return await racine.Parse([.. args, "--base", options.Fournisseur == FournisseurBase.Sqlite ? "sqlite" : "postgresql", "--connexion", options.ConnectionString!]).InvokeAsync();
        }
        Assert.Equal(0, await LancerAsync("caleol", "seances"));
        var dossierPdf = Directory.CreateTempSubdirectory("logis-caleol-").FullName;
        var pv = Path.Combine(dossierPdf, "pv.pdf");
        Assert.Equal(0, await LancerAsync("caleol", "proces-verbal", seance, "--sortie", pv));
        Assert.Contains(numero, Texte(await File.ReadAllBytesAsync(pv)), StringComparison.Ordinal);
        var lettre = Path.Combine(dossierPdf, "lettre.pdf");
        Assert.Equal(0, await LancerAsync("caleol", "courrier", dossier, "1", "--sortie", lettre));
        Assert.Contains("Vos recours", Texte(await File.ReadAllBytesAsync(lettre)), StringComparison.Ordinal);
        // The second candidate is not decided yet; an unknown session is not found.
        Assert.Equal(2, await LancerAsync("caleol", "courrier", dossier, "2", "--sortie", lettre));
        Assert.Equal(3, await LancerAsync("caleol", "proces-verbal", Guid.NewGuid().ToString(), "--sortie", pv));
    }
}
