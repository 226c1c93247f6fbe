using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Application.Attributions;
using Logis.Domain.Attributions;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Logis.Web.Tests;

/// <summary>
/// Pre-selection and proposal of candidates for a vacancy through the product (API and pages, both databases): the réservataire holding an
/// oriented vacancy reads the ranked candidates with their reasons and the nearest excluded demands with theirs, proposes eligible demands
/// (the vacancy, each demand's timeline and the journal record it, all or nothing); the landlord may not propose in its place.
/// </summary>
[Collection(CollectionApplications.Nom)]
public class CandidatsTests(ApplicationsFixture fx)
{
    private static readonly Siren Tpm = Siren.Create(TerritoireSeeder.SirenTpm);

    private static BailleurId Bailleur(LogisDbContext db) => BailleursSynthetiques.Pour(db.Epcis.Single(e => e.Siren == Tpm))[0].Bailleur.Id;

    /// <summary>A free T3 of the demo landlord, with at least 40 m² (suits two persons, L822-10 and L621-2).</summary>
    private static async Task<Logement> T3LibreAsync(LogisDbContext db)
    {
        var b = Bailleur(db);
        var occupes = await db.Vacances.AsNoTracking().Where(v => v.BailleurId == b).Select(v => v.LogementId).ToListAsync();
        var t3 = await db.Logements.AsNoTracking().Where(l => l.BailleurId == b && !occupes.Contains(l.Id) && l.NombrePieces == 3 && l.Financement != Financement.Pli)
            .OrderBy(l => l.NumeroRpls).ToListAsync();
        return t3.First(l => l.SurfaceHabitable >= 40m);
    }

    /// <summary>A couple (category 2) wishing <paramref name="commune"/> and <paramref name="typologie"/>, with the given revenu fiscal de référence.</summary>
    public static object Couple(string nom, string commune, string typologie, decimal rfr, decimal loyerMaximum) => new
    {
        personnes = new object[]
        {
            new { nom, prenoms = "Alix", dateNaissance = "1975-02-03", lien = "Demandeur", situationProfessionnelle = "Cdi",
                ressources = new[] { new { type = "Salaire", montantMensuel = 1500m } } },
            new { nom, prenoms = "Noa", dateNaissance = "1976-04-05", lien = "Conjoint", coDemandeur = true, situationProfessionnelle = "Cdi",
                ressources = new[] { new { type = "Salaire", montantMensuel = 900m } } },
        },
        revenuFiscalReferenceN2 = rfr,
        adresse = new { ligne1 = "3 rue des Essais", codePostal = "83000", commune = "Toulon" },
        telephone = "0639980001",
        accepteCourriel = false,
        situationFamiliale = "Marie",
        logementActuel = new { statut = "LocataireParcPrive", loyerMensuel = 700m, surface = 35m },
        motifs = new[] { "LogementTropPetit" },
        motifPrincipal = "LogementTropPetit",
        souhaits = new { typologies = new[] { typologie }, communes = new[] { commune }, toutEpci = false, loyerMaximum },
    };

    private static async Task<JsonElement> ProblemeAsync(HttpResponseMessage r, HttpStatusCode attendu)
    {
        Assert.True(attendu == r.StatusCode, $"attendu {(int)attendu}, obtenu {(int)r.StatusCode} : {await r.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A T3 declared and oriented to Action Logement, and three demands: eligible, over the ceiling, wishing a T5.</summary>
    private async Task<(string Vacance, Logement Logement, string Eligible, string TropRiche, string AutreTypologie)> PreparerAsync(LogisFactory app, LogisDbContext db)
    {
        var logement = await T3LibreAsync(db);
        var api = app.ClientApi("bailleur");
        var id = await VacancesTests.DeclarerAsync(api, logement.NumeroRpls);
        var al = VacancesTests.Reservataire("action-logement");
        if (!await db.Conventions.AsNoTracking().AnyAsync(c => c.BailleurId == logement.BailleurId && c.ReservataireId == al))
            Assert.Equal(HttpStatusCode.OK, (await app.ClientApi("epci").PostAsJsonAsync("/api/v1/conventions",
                new { bailleur = logement.BailleurId.Value, reservataire = al.Value, part = 20, delaiPropositionJours = 30 })).StatusCode);
        var o = await api.PostAsJsonAsync($"/api/v1/vacances/{id}/orientation", new { reservataire = al.Value, motif = "Test des candidats" });
        Assert.True(o.StatusCode == HttpStatusCode.NoContent, await o.Content.ReadAsStringAsync());
        var epci = app.ClientApi("epci");
        var loyerMax = logement.LoyerPrincipal + logement.Charges + 200m;
        var c = logement.CommuneInsee.Value;
        var nom = "Candidat" + Guid.NewGuid().ToString("N")[..6].Replace('0', 'a');
        return (id, logement,
            await DemandesApiTests.CreerAsync(epci, Couple(nom, c, "T3", 14_000m, loyerMax)),
            await DemandesApiTests.CreerAsync(epci, Couple(nom + "r", c, "T3", 95_000m, loyerMax)),
            await DemandesApiTests.CreerAsync(epci, Couple(nom + "t", c, "T5", 14_000m, loyerMax)));
    }

    [Theory, DeuxBases]
    public async Task Le_reservataire_lit_la_preselection_et_propose_un_candidat_eligible(string f)
    {
        var app = fx.App(f);
        await using var db = fx.Base(f);
        var (id, logement, eligible, tropRiche, autreTypologie) = await PreparerAsync(app, db);
        var reservataire = await app.ConnecterAsync("reservataire");

        // The ranked lines: numero, rang, cotation, motifs; the eligible demand is there with its reasons, the others are not.
        var p = await reservataire.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{id}/candidats?limite=100");
        var lignes = p.GetProperty("candidats").EnumerateArray().ToList();
        var ligne = lignes.Single(l => l.GetProperty("numero").GetString() == eligible);
        Assert.True(ligne.GetProperty("rang").GetInt32() >= 1);
        Assert.True(ligne.TryGetProperty("cotation", out _));
        var motifs = ligne.GetProperty("motifs").EnumerateArray().Select(m => m.GetString()!).ToList();
        Assert.Contains(motifs, m => m.Contains("sous le plafond", StringComparison.Ordinal));
        Assert.Contains(motifs, m => m.Contains("Taille adaptée", StringComparison.Ordinal));
        Assert.True(ligne.GetProperty("tauxEffort").GetDecimal() > 0);
        Assert.DoesNotContain(lignes, l => l.GetProperty("numero").GetString() is { } n && (n == tropRiche || n == autreTypologie));
        Assert.Equal(Enumerable.Range(1, lignes.Count), lignes.Select(l => l.GetProperty("rang").GetInt32()));
        // Score descending, then deposit date, then number: the documented order.
        var cles = lignes.Select(l => (Cotation: l.GetProperty("cotation").ValueKind == JsonValueKind.Null ? int.MinValue : l.GetProperty("cotation").GetInt32(),
            Depot: l.GetProperty("dateDepot").GetString()!, Numero: l.GetProperty("numero").GetString()!)).ToList();
        Assert.Equal(cles.OrderByDescending(k => k.Cotation).ThenBy(k => k.Depot, StringComparer.Ordinal).ThenBy(k => k.Numero, StringComparer.Ordinal), cles);
        Assert.All(p.GetProperty("exclus").EnumerateArray(), e => Assert.NotEmpty(e.GetProperty("exclusions").EnumerateArray()));

        // The landlord does not propose in the réservataire's place while it holds the vacancy.
        var bailleur = app.ClientApi("bailleur");
        var interdit = await ProblemeAsync(await bailleur.PostAsJsonAsync($"/api/v1/vacances/{id}/candidats", new { numeros = new[] { eligible } }), HttpStatusCode.Forbidden);
        Assert.Contains("réservataire", interdit.GetProperty("detail").GetString()!, StringComparison.Ordinal);

        // A proposal with an ineligible demand is refused as a whole, with each reason, and writes nothing.
        var refus = await ProblemeAsync(await reservataire.PostAsJsonAsync($"/api/v1/vacances/{id}/candidats",
            new { numeros = new[] { eligible, tropRiche, autreTypologie, "123" } }), HttpStatusCode.BadRequest);
        Assert.Contains("numéro unique", refus.GetProperty("errors").GetProperty("numeros")[0].GetString()!, StringComparison.Ordinal);
        refus = await ProblemeAsync(await reservataire.PostAsJsonAsync($"/api/v1/vacances/{id}/candidats",
            new { numeros = new[] { eligible, tropRiche, autreTypologie } }), HttpStatusCode.BadRequest);
        var raisons = refus.GetProperty("errors").GetProperty("numeros").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(raisons, r => r.Contains(tropRiche, StringComparison.Ordinal) && r.Contains("au-dessus du plafond", StringComparison.Ordinal));
        Assert.Contains(raisons, r => r.Contains(autreTypologie, StringComparison.Ordinal) && r.Contains("pas un T3", StringComparison.Ordinal));
        var vid = new VacanceId(Guid.Parse(id));
        Assert.Equal(0, await db.Candidatures.CountAsync(c => c.VacanceId == vid));
        Assert.Equal("orientee", (await reservataire.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{id}")).GetProperty("statut").GetString());

        // The eligible demand is proposed: the vacancy, the demand's timeline and the journal record it.
        var ok = await reservataire.PostAsJsonAsync($"/api/v1/vacances/{id}/candidats", new { numeros = new[] { eligible } });
        Assert.True(ok.StatusCode == HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        var proposee = (await ok.Content.ReadFromJsonAsync<JsonElement>())[0];
        Assert.Equal(1, proposee.GetProperty("rang").GetInt32());
        Assert.Equal(eligible, proposee.GetProperty("numero").GetString());
        var v = await reservataire.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{id}");
        Assert.Equal("candidats-proposes", v.GetProperty("statut").GetString());
        Assert.Contains(v.GetProperty("evenements").EnumerateArray(), e => e.GetProperty("resume").GetString() == "1 candidat proposé.");
        Assert.True(NumeroUnique.TryParse(eligible, out var n));
        var demande = await db.Demandes.AsNoTracking().SingleAsync(d => d.Numero == n);
        Assert.Contains(demande.Evenements, e => e.Type == TypeEvenementDemande.Proposition && e.LogementId == logement.Id);
        var candidature = await db.Candidatures.AsNoTracking().SingleAsync(c => c.VacanceId == vid);
        Assert.Equal((demande.Id, 1, VacancesTests.Reservataire("action-logement")), (candidature.DemandeId, candidature.RangProposition, candidature.ReservataireId!.Value));
        Assert.Contains("sous le plafond", candidature.Motifs, StringComparison.Ordinal);
        Assert.Equal(1, await db.Audit.AsNoTracking().CountAsync(a => a.DemandeId == demande.Id && a.Action == ActionsAuditVacances.Proposition));
        Assert.True(await db.Audit.AsNoTracking().AnyAsync(a => a.Action == ActionsAuditVacances.Preselection && a.Detail!.Contains(id)));
        var proposes = await reservataire.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{id}/candidats-proposes");
        Assert.Equal(eligible, proposes[0].GetProperty("numero").GetString());

        // Once proposed, a second proposal is a conflict.
        await ProblemeAsync(await reservataire.PostAsJsonAsync($"/api/v1/vacances/{id}/candidats", new { numeros = new[] { eligible } }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Sur_la_page_le_reservataire_coche_et_propose_les_candidats()
    {
        var app = fx.App(BasesDeTest.Sqlite);
        await using var db = fx.Base(BasesDeTest.Sqlite);
        var (id, _, eligible, tropRiche, _) = await PreparerAsync(app, db);
        var client = await app.ConnecterAsync("reservataire");
        var url = $"/vacances/{id}";
        var doc = await LogisFactory.DocumentAsync(await client.GetAsync(url));
        Assert.NotNull(doc.QuerySelector($"#preselection input[type=checkbox][value='{eligible}']"));
        Assert.Null(doc.QuerySelector($"#preselection input[value='{tropRiche}']"));
        Assert.Contains("Proposer ces candidats", doc.QuerySelector("#proposer-candidats")!.TextContent, StringComparison.Ordinal);

        var jeton = await LogisFactory.JetonAsync(client, url);
        var r = await client.PostAsync(url + "?handler=Proposer", new FormUrlEncodedContent(new[]
        {
            new KeyValuePair<string, string>("numeros", eligible), new KeyValuePair<string, string>("__RequestVerificationToken", jeton),
        }));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        doc = await LogisFactory.DocumentAsync(await client.GetAsync(url));
        Assert.Equal("candidats proposés", doc.QuerySelector("#statut-vacance")!.TextContent);
        Assert.Contains(eligible, doc.QuerySelector("#candidats-proposes")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("1 candidat a été proposé", doc.QuerySelector(".alerte-succes")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>
    /// The commission takes the candidates proposed, in their order, when the landlord names none: each is marked as proposed by the réservataire
    /// with the pre-selection's reasons; a number the landlord adds is marked as added by it; a vacancy with no proposal needs numbers.
    /// </summary>
    [Theory, DeuxBases]
    public async Task La_commission_reprend_les_candidats_proposes_dans_leur_ordre(string f)
    {
        var app = fx.App(f);
        await using var db = fx.Base(f);
        var (id, logement, premier, _, _) = await PreparerAsync(app, db);
        var c = logement.CommuneInsee.Value;
        var loyerMax = logement.LoyerPrincipal + logement.Charges + 200m;
        var nom = "Propose" + Guid.NewGuid().ToString("N")[..6].Replace('0', 'a');
        var epci = app.ClientApi("epci");
        var deuxieme = await DemandesApiTests.CreerAsync(epci, Couple(nom + "b", c, "T3", 15_000m, loyerMax));
        var ajoute = await DemandesApiTests.CreerAsync(epci, Couple(nom + "c", c, "T3", 16_000m, loyerMax));
        var reservataire = await app.ConnecterAsync("reservataire");
        var ok = await reservataire.PostAsJsonAsync($"/api/v1/vacances/{id}/candidats", new { numeros = new[] { deuxieme, premier } });
        Assert.True(ok.StatusCode == HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());

        var bailleur = app.ClientApi("bailleur");
        var seance = await CaleolTests.SeanceAsync(app, c);
        // No number at all for a vacancy without proposal: the landlord is told to name them.
        var autre = await VacancesTests.DeclarerAsync(bailleur, (await T3LibreAsync(db)).NumeroRpls);
        var vide = await ProblemeAsync(await bailleur.PostAsJsonAsync($"/api/v1/caleol/seances/{seance}/dossiers", new { vacance = Guid.Parse(autre), exception = "candidats-insuffisants" }),
            HttpStatusCode.BadRequest);
        Assert.Contains("Aucun candidat n'a été proposé", vide.GetProperty("errors").GetProperty("candidats")[0].GetString()!, StringComparison.Ordinal);

        // No number: the two proposed, in the order proposed (a third needs an exception of R441-3).
        var inscrit = await bailleur.PostAsJsonAsync($"/api/v1/caleol/seances/{seance}/dossiers", new { vacance = Guid.Parse(id), exception = "candidats-insuffisants" });
        Assert.True(inscrit.StatusCode == HttpStatusCode.Created, await inscrit.Content.ReadAsStringAsync());
        var lue = await bailleur.GetFromJsonAsync<JsonElement>($"/api/v1/caleol/seances/{seance}");
        var candidats = lue.GetProperty("dossiers")[0].GetProperty("candidats").EnumerateArray().ToList();
        Assert.Equal([deuxieme, premier], candidats.Select(x => x.GetProperty("demande").GetString()));
        Assert.All(candidats, x => Assert.False(x.GetProperty("ajouteParBailleur").GetBoolean()));
        var p = candidats[0].GetProperty("proposition");
        Assert.Equal(1, p.GetProperty("rang").GetInt32());
        Assert.Contains("sous le plafond", p.GetProperty("motifs").GetString()!, StringComparison.Ordinal);

        // On another session the landlord adds a third number of its own: marked as added by the landlord.
        var dossier = lue.GetProperty("dossiers")[0].GetProperty("id").GetString()!;
        foreach (var (rang, decision) in new[] { (1, "non-attribution"), (2, "non-attribution") })
        {
            var votes = await bailleur.PostAsJsonAsync($"/api/v1/caleol/dossiers/{dossier}/votes", new { candidat = rang, votes = new[] { 1, 2, 3 }.Select(m => new { membre = m, decision }) });
            Assert.True(votes.StatusCode == HttpStatusCode.NoContent, await votes.Content.ReadAsStringAsync());
            var d = await bailleur.PostAsJsonAsync($"/api/v1/caleol/dossiers/{dossier}/decisions", new { candidat = rang, decision, motifs = new[] { "inadapte-composition" } });
            Assert.True(d.StatusCode == HttpStatusCode.NoContent, await d.Content.ReadAsStringAsync());
        }
        var page = await LogisFactory.DocumentAsync(await (await app.ConnecterAsync("bailleur")).GetAsync($"/caleol/{seance}"));
        Assert.Contains("rang 1 de la proposition", page.QuerySelector($"#candidats-{dossier}")!.TextContent, StringComparison.Ordinal);
        var seance2 = await CaleolTests.SeanceAsync(app, c);
        var trois = await bailleur.PostAsJsonAsync($"/api/v1/caleol/seances/{seance2}/dossiers", new { vacance = Guid.Parse(id), candidats = new[] { premier, deuxieme, ajoute } });
        Assert.True(trois.StatusCode == HttpStatusCode.Created, await trois.Content.ReadAsStringAsync());
        var lue2 = await bailleur.GetFromJsonAsync<JsonElement>($"/api/v1/caleol/seances/{seance2}");
        var marques = lue2.GetProperty("dossiers")[0].GetProperty("candidats").EnumerateArray()
            .Select(x => (x.GetProperty("demande").GetString(), x.GetProperty("ajouteParBailleur").GetBoolean())).ToList();
        Assert.Equal([(premier, false), (deuxieme, false), (ajoute, true)], marques);
    }

    /// <summary>The réservataire's inbox: each oriented vacancy with its deadline and days left, the nearest first; an overdue one says so in words.</summary>
    [Fact]
    public async Task La_boite_du_reservataire_trie_par_echeance_et_dit_le_retard_en_toutes_lettres()
    {
        var app = fx.App(BasesDeTest.Sqlite);
        await using var db = fx.Base(BasesDeTest.Sqlite);
        var logement = await T3LibreAsync(db);
        // Oriented eight days ago with a five-day delay, not yet handed back by the daily run: overdue by three days.
        var aujourdhui = app.Horloge.AujourdhuiEnFrance();
        var avant = HeureFrance.A(aujourdhui.AddDays(-8), new TimeOnly(10, 0));
        var par = new Acteur(new AuteurId(Guid.NewGuid()), "Test");
        var v = Vacance.Declarer(new VacanceId(Guid.NewGuid()), Tpm, logement, new SaisieVacance(aujourdhui, logement.LoyerPrincipal, logement.Charges, null), avant, par).Valeur;
        Assert.True(v.Orienter(VacancesTests.Reservataire("action-logement"), false, "Action Logement Services", 5, null, avant, par).EstReussi);
        db.Vacances.Add(v);
        await db.SaveChangesAsync();

        var client = await app.ConnecterAsync("reservataire");
        var doc = await LogisFactory.DocumentAsync(await client.GetAsync("/vacances?statut=orientee"));
        var lignes = doc.QuerySelectorAll("#vacances tbody tr").ToList();
        var retard = lignes.Single(tr => tr.TextContent.Contains(logement.NumeroRpls, StringComparison.Ordinal));
        Assert.Contains("délai dépassé depuis 3 jour(s)", retard.QuerySelector(".echeance-depassee")!.TextContent, StringComparison.Ordinal);
        // Nearest deadline first: every overdue line comes before the others; the API gives the days left (negative when overdue).
        Assert.DoesNotContain(lignes.Take(lignes.IndexOf(retard)), tr => tr.QuerySelector(".echeance-depassee") is null);
        var api = await client.GetFromJsonAsync<JsonElement>("/api/v1/vacances?statut=orientee&taillePage=200");
        var jours = api.GetProperty("elements").EnumerateArray().Select(e => e.GetProperty("joursRestants").GetInt32()).ToList();
        Assert.Equal(jours.Order(), jours);
        Assert.Contains(-3, jours);
    }

    /// <summary><c>logis mixite seuil definir|lister</c>: a dated threshold with its source; a bad amount is refused (exit 2) and writes nothing.</summary>
    [Theory, DeuxBases]
    public async Task La_commande_enregistre_le_seuil_du_premier_quartile_avec_sa_source(string f)
    {
        async Task<int> Logis(params string[] args)
        {
            Cli.BaseCli.Horloge = Horloges.Fixe();
            var options = fx.Options(f);
            var racine = new System.CommandLine.RootCommand { Cli.BaseCli.OptionFournisseur, Cli.BaseCli.OptionConnexion };
            racine.Subcommands.Add(Cli.CommandesMixite.Mixite());
            var fournisseur = options.Fournisseur == FournisseurBase.Sqlite ? "sqlite" : "postgresql";
            return await racine.Parse([.. args, "--base", fournisseur, "--connexion", options.ConnectionString!]).InvokeAsync();
        }
        await using var db = fx.Base(f);
        // A year to come: the thresholds in force today are not touched.
        Assert.Equal(2, await Logis("mixite", "seuil", "definir", "--annee", "2031", "--montant", "abc", "--source", "Arrêté"));
        Assert.False(await db.SeuilsPremierQuartile.AnyAsync(s => s.Annee == 2031));
        Assert.Equal(0, await Logis("mixite", "seuil", "definir", "--annee", "2031", "--montant", "9243", "--source", "Arrêté du 3 juin 2031, annexe"));
        Assert.Equal(0, await Logis("mixite", "seuil", "definir", "--annee", "2031", "--montant", "9300", "--source", "Arrêté rectificatif"));
        var seuil = await db.SeuilsPremierQuartile.AsNoTracking().SingleAsync(s => s.EpciSiren == Tpm && s.Annee == 2031);
        Assert.Equal((9300m, "Arrêté rectificatif", false), (seuil.Montant, seuil.Source, seuil.Demonstration));
        Assert.Equal(0, await Logis("mixite", "seuil", "lister"));
        // The demo territory has its demonstration threshold, said so.
        Assert.True(await db.SeuilsPremierQuartile.AsNoTracking().AnyAsync(s => s.EpciSiren == Tpm && s.Demonstration && s.Annee <= 2026));
    }
}
