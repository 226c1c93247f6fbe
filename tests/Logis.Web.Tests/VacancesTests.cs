using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Application.Acces;
using Logis.Application.Attributions;
using Logis.Application.Relances;
using Logis.Domain.Acces;
using Logis.Domain.Attributions;
using Logis.Domain.Commun;
using Logis.Domain.Organisations;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Logis.Web.Tests;

/// <summary>
/// Vacancies and the gestion en flux through the product (R441-5, R441-5-2): the landlord declares a vacancy of its stock, reads whose
/// turn it is and why, orients it; the réservataire finds it in its inbox with its deadline; the daily run hands it back after the delay;
/// conventions are saved with the préfet's limits checked; the bilan counts; each act in the history and the audit. API, pages, both databases.
/// </summary>
[Collection(CollectionApplications.Nom)]
public class VacancesTests(ApplicationsFixture fx)
{
    private static readonly Siren Tpm = Siren.Create(TerritoireSeeder.SirenTpm);

    /// <summary>A dwelling of the bailleur, in <paramref name="commune"/> when given, without an open vacancy (each test takes a fresh one).</summary>
    public static async Task<string> LogementLibreAsync(LogisDbContext db, BailleurId bailleur, string? commune = null)
    {
        var occupes = await db.Vacances.AsNoTracking().Where(v => v.BailleurId == bailleur).Select(v => v.LogementId).ToListAsync();
        var q = db.Logements.AsNoTracking().Where(l => l.BailleurId == bailleur && !occupes.Contains(l.Id));
        if (commune is not null) q = q.Where(l => l.CommuneInsee == CodeInsee.Create(commune));
        return await q.OrderBy(l => l.NumeroRpls).Select(l => l.NumeroRpls).FirstAsync();
    }

    public static ReservataireId Reservataire(string cle) => new(DeterministicGuid.From($"reservataire:{TerritoireSeeder.SirenTpm}:{cle}"));

    /// <summary>
    /// For the authorization matrix: a vacancy of <paramref name="bailleur"/> (the API key's) declared and oriented to Action Logement
    /// through the API, and the bailleur's convention with Action Logement; their ids.
    /// </summary>
    public static async Task<(string Vacance, string Convention)> VacanceOrienteeAsync(LogisFactory app, LogisDbContext db, BailleurId bailleur, string commune)
    {
        var api = app.ClientApi("bailleur");
        var al = Reservataire("action-logement");
        var convention = await db.Conventions.AsNoTracking().SingleOrDefaultAsync(c => c.BailleurId == bailleur && c.ReservataireId == al);
        if (convention is null)
        {
            var r = await app.ClientApi("epci").PostAsJsonAsync("/api/v1/conventions", new { bailleur = bailleur.Value, reservataire = al.Value, part = 20, delaiPropositionJours = 30 });
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            convention = await db.Conventions.AsNoTracking().SingleAsync(c => c.BailleurId == bailleur && c.ReservataireId == al);
        }
        var id = await DeclarerAsync(api, await LogementLibreAsync(db, bailleur, commune));
        var o = await api.PostAsJsonAsync($"/api/v1/vacances/{id}/orientation", new { reservataire = al.Value, motif = "Matrice d'autorisation" });
        Assert.True(o.StatusCode == HttpStatusCode.NoContent, await o.Content.ReadAsStringAsync());
        return (id, convention.Id.Value.ToString());
    }

    public static async Task<string> DeclarerAsync(HttpClient api, string rpls, string? horsFlux = null)
    {
        var r = await api.PostAsJsonAsync("/api/v1/vacances", new { logement = rpls, dateDisponibilite = "2026-12-15", horsFlux });
        Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static BailleurId Bailleur(LogisDbContext db, int i) => BailleursSynthetiques.Pour(db.Epcis.Single(e => e.Siren == Tpm))[i].Bailleur.Id;

    private static async Task<JsonElement> ProblemeAsync(HttpResponseMessage r, HttpStatusCode attendu)
    {
        Assert.True(attendu == r.StatusCode, $"attendu {(int)attendu}, obtenu {(int)r.StatusCode} : {await r.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Theory, DeuxBases]
    public async Task Le_bailleur_declare_suit_la_suggestion_et_le_reservataire_voit_l_echeance(string f)
    {
        var app = fx.App(f);
        var api = app.ClientApi("bailleur");
        await using var db = fx.Base(f);
        var b0 = Bailleur(db, 0);
        var rpls = await LogementLibreAsync(db, b0);
        var logement = await db.Logements.AsNoTracking().SingleAsync(l => l.NumeroRpls == rpls);
        var id = await DeclarerAsync(api, rpls);

        var v = await api.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{id}");
        Assert.Equal("declaree", v.GetProperty("statut").GetString());
        Assert.Equal(logement.CommuneInsee.Value, v.GetProperty("communeInsee").GetString());
        Assert.Equal(logement.Typologie.ToString(), v.GetProperty("typologie").GetString()![..2]);
        Assert.Equal(logement.LoyerPrincipal, v.GetProperty("loyer").GetDecimal());
        Assert.True(v.GetProperty("compteDansFlux").GetBoolean());
        var suggestion = v.GetProperty("suggestion").GetString()!;
        Assert.StartsWith("Au tour de ", suggestion, StringComparison.Ordinal);
        var suggere = v.GetProperty("reservataireSuggere").GetGuid();

        // The suggestion API says the same, with every balance; the other bailleur and the réservataire do not see the vacancy yet.
        var s = await api.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{id}/suggestion");
        Assert.Equal(suggere, s.GetProperty("reservataire").GetGuid());
        Assert.Equal(suggestion, s.GetProperty("explication").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ConnecterAsync("bailleur2")).GetAsync($"/api/v1/vacances/{id}")).StatusCode);
        var reservataire = await app.ConnecterAsync("reservataire");
        Assert.Equal(HttpStatusCode.NotFound, (await reservataire.GetAsync($"/api/v1/vacances/{id}")).StatusCode);

        // Oriented to Action Logement (whatever the suggestion: the landlord's choice is recorded with its reason).
        var al = Reservataire("action-logement");
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsJsonAsync($"/api/v1/vacances/{id}/orientation", new { reservataire = al.Value, motif = "Salarié prioritaire signalé" })).StatusCode);
        var apres = await api.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{id}");
        Assert.Equal("orientee", apres.GetProperty("statut").GetString());
        var convention = await db.Conventions.AsNoTracking().SingleAsync(c => c.BailleurId == b0 && c.ReservataireId == al);
        var echeance = app.Horloge.AujourdhuiEnFrance().AddDays(convention.DelaiPropositionJours);
        Assert.Equal(echeance.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), apres.GetProperty("echeanceProposition").GetString());
        Assert.Contains(al.Value == suggere ? "Suggestion suivie" : "Salarié prioritaire signalé", apres.GetProperty("motifOrientation").GetString()!, StringComparison.Ordinal);
        Assert.Equal(["Vacance déclarée", "Orientée vers Action Logement Services"], apres.GetProperty("evenements").EnumerateArray()
            .Select(e => e.GetProperty("resume").GetString()!).Select(r => r[..(r.StartsWith("Vacance", StringComparison.Ordinal) ? 16 : 38)]).ToArray());

        // The réservataire's inbox lists it with its deadline; the page too.
        var boite = await reservataire.GetFromJsonAsync<JsonElement>("/api/v1/vacances?statut=orientee&taillePage=200");
        var ligne = boite.GetProperty("elements").EnumerateArray().Single(e => e.GetProperty("id").GetString() == id);
        Assert.Equal(convention.DelaiPropositionJours, ligne.GetProperty("joursRestants").GetInt32());
        var page = await LogisFactory.DocumentAsync(await reservataire.GetAsync("/vacances?statut=orientee"));
        Assert.Equal("Logements orientés vers votre contingent", page.QuerySelector("h1")!.TextContent);
        Assert.Contains(page.QuerySelectorAll("#vacances tbody tr"), tr => tr.TextContent.Contains(rpls, StringComparison.Ordinal)
            && tr.TextContent.Contains(echeance.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        // Oriented once: a second orientation is refused and changes nothing.
        var encore = await ProblemeAsync(await api.PostAsJsonAsync($"/api/v1/vacances/{id}/orientation", new { reservataire = al.Value }), HttpStatusCode.Conflict);
        Assert.Contains("déjà été orientée", encore.GetProperty("detail").GetString()!, StringComparison.Ordinal);

        // Each act in the journal of TPM, with the vacancy named and no applicant data.
        var actions = await db.Audit.AsNoTracking().Where(a => a.Detail != null && a.Detail.Contains(id)).Select(a => a.Action).ToListAsync();
        Assert.Equal([ActionsAuditVacances.Declaration, ActionsAuditVacances.Orientation], actions.Order(StringComparer.Ordinal).ToArray());
    }

    [Theory, DeuxBases]
    public async Task Une_declaration_invalide_ou_en_double_est_refusee_sans_rien_ecrire(string f)
    {
        var app = fx.App(f);
        var api = app.ClientApi("bailleur");
        await using var db = fx.Base(f);
        var avant = await db.Vacances.CountAsync();
        var p = await ProblemeAsync(await api.PostAsJsonAsync("/api/v1/vacances", new { logement = "ZZ99", dateDisponibilite = "31/02/2026", horsFlux = "vente" }), HttpStatusCode.BadRequest);
        var champs = p.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["dateDisponibilite", "horsFlux", "logement"], champs);
        Assert.Contains("R441-5", p.GetProperty("errors").GetProperty("horsFlux")[0].GetString()!, StringComparison.Ordinal);

        // Another bailleur's dwelling is not in the caller's stock.
        var autre = await LogementLibreAsync(db, Bailleur(db, 1));
        p = await ProblemeAsync(await api.PostAsJsonAsync("/api/v1/vacances", new { logement = autre, dateDisponibilite = "2026-12-15" }), HttpStatusCode.BadRequest);
        Assert.Contains("Aucun logement de votre parc", p.GetProperty("errors").GetProperty("logement")[0].GetString()!, StringComparison.Ordinal);
        Assert.Equal(avant, await db.Vacances.CountAsync());

        // One open vacancy per dwelling; a vacancy outside the flux goes to no réservataire.
        var rpls = await LogementLibreAsync(db, Bailleur(db, 0));
        var id = await DeclarerAsync(api, rpls, horsFlux: "mutation-interne");
        await ProblemeAsync(await api.PostAsJsonAsync("/api/v1/vacances", new { logement = rpls, dateDisponibilite = "2026-12-20" }), HttpStatusCode.Conflict);
        var v = await api.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{id}");
        Assert.False(v.GetProperty("compteDansFlux").GetBoolean());
        Assert.Contains("hors flux", v.GetProperty("suggestion").GetString()!, StringComparison.Ordinal);
        Assert.Single(v.GetProperty("choix").EnumerateArray());
        var refus = await ProblemeAsync(await api.PostAsJsonAsync($"/api/v1/vacances/{id}/orientation", new { reservataire = Reservataire("action-logement").Value }), HttpStatusCode.Conflict);
        Assert.Contains("hors flux", refus.GetProperty("detail").GetString()!, StringComparison.Ordinal);

        // Withdrawn with its reason, it leaves the open vacancies: the dwelling may be declared again.
        await ProblemeAsync(await api.PostAsJsonAsync($"/api/v1/vacances/{id}/retrait", new { motif = "" }), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsJsonAsync($"/api/v1/vacances/{id}/retrait", new { motif = "Erreur de saisie" })).StatusCode);
        Assert.Equal("retiree", (await api.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{id}")).GetProperty("statut").GetString());
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync("/api/v1/vacances", new { logement = rpls, dateDisponibilite = "2026-12-20" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.GetAsync("/api/v1/vacances?statut=inconnu")).StatusCode);
    }

    [Theory, DeuxBases]
    public async Task La_part_du_prefet_est_verifiee_a_l_enregistrement_de_la_convention(string f)
    {
        var app = fx.App(f);
        var epci = app.ClientApi("epci");
        await using var db = fx.Base(f);
        var b = Bailleur(db, 5);
        var prefet = Reservataire("prefet");
        var p = await ProblemeAsync(await epci.PostAsJsonAsync("/api/v1/conventions", new { bailleur = b.Value, reservataire = prefet.Value, part = 35, delaiPropositionJours = 30, sousObjectifs = "hors-qpv:30" }), HttpStatusCode.BadRequest);
        Assert.Contains("au plus 30 %", p.GetProperty("errors").GetProperty("part")[0].GetString()!, StringComparison.Ordinal);
        p = await ProblemeAsync(await epci.PostAsJsonAsync("/api/v1/conventions", new { bailleur = b.Value, reservataire = prefet.Value, part = 28, delaiPropositionJours = 30, sousObjectifs = "hors-qpv:20" }), HttpStatusCode.BadRequest);
        Assert.Contains("R441-5-2", p.GetProperty("errors").GetProperty("sousObjectifs")[0].GetString()!, StringComparison.Ordinal);
        // Action Logement at 90 % would put more than 100 % of the flux somewhere: refused, with the commune named.
        p = await ProblemeAsync(await epci.PostAsJsonAsync("/api/v1/conventions", new { bailleur = b.Value, reservataire = Reservataire("action-logement").Value, part = 90, delaiPropositionJours = 30 }), HttpStatusCode.BadRequest);
        Assert.Contains("le total des parts ne dépasse pas 100 %", p.GetProperty("errors").GetProperty("part")[0].GetString()!, StringComparison.Ordinal);

        var ok = await epci.PostAsJsonAsync("/api/v1/conventions", new { bailleur = b.Value, reservataire = prefet.Value, part = 28, delaiPropositionJours = 20, sousObjectifs = "hors-qpv:40; T2:30" });
        Assert.True(ok.StatusCode == HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
        var c = await db.Conventions.AsNoTracking().SingleAsync(x => x.BailleurId == b && x.ReservataireId == prefet);
        Assert.Equal(28m, c.Part);
        Assert.Equal(20, c.DelaiPropositionJours);
        Assert.Equal("hors-qpv:40;T2:30", string.Join(';', c.SousObjectifs.Select(s => s.Texte())));
        Assert.True(await db.Audit.AsNoTracking().AnyAsync(a => a.Action == ActionsAuditVacances.Convention && a.Detail!.Contains("28 %")));

        // A bailleur saves only its own; a réservataire saves none.
        await ProblemeAsync(await app.ClientApi("bailleur").PostAsJsonAsync("/api/v1/conventions", new { bailleur = b.Value, reservataire = prefet.Value, part = 20, delaiPropositionJours = 30, sousObjectifs = "hors-qpv:30" }), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ConnecterAsync("reservataire")).PostAsJsonAsync("/api/v1/conventions", new { })).StatusCode);
        Assert.Equal(28m, (await db.Conventions.AsNoTracking().SingleAsync(x => x.Id == c.Id)).Part);
    }

    [Theory, DeuxBases]
    public async Task Le_traitement_quotidien_rend_au_bailleur_apres_le_delai_et_le_bilan_compte(string f)
    {
        var app = fx.App(f);
        var api = app.ClientApi("bailleur");
        await using var db = fx.Base(f);
        var b0 = Bailleur(db, 0);
        var al = Reservataire("action-logement");
        var convention = await db.Conventions.AsNoTracking().SingleAsync(c => c.BailleurId == b0 && c.ReservataireId == al);
        var bilanAvant = await api.GetFromJsonAsync<JsonElement>($"/api/v1/conventions/{convention.Id}/bilan");
        var id = await DeclarerAsync(api, await LogementLibreAsync(db, b0));
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsJsonAsync($"/api/v1/vacances/{id}/orientation", new { reservataire = al.Value, motif = "test" })).StatusCode);
        var echeance = app.Horloge.AujourdhuiEnFrance().AddDays(convention.DelaiPropositionJours);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<VacancesService>();
            var systeme = new Agent(TraitementRelances.Systeme.Value, TraitementRelances.NomSysteme, Role.AgentEpci, new Perimetre(Tpm));
            await service.RendreEchuesAsync(systeme, echeance, CancellationToken.None);
            Assert.Equal("orientee", (await api.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{id}")).GetProperty("statut").GetString());
            Assert.True(await service.RendreEchuesAsync(systeme, echeance.AddDays(1), CancellationToken.None) >= 1);
        }
        var v = await api.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{id}");
        Assert.Equal("rendue", v.GetProperty("statut").GetString());
        Assert.Contains("reste décomptée du flux du réservataire", v.GetProperty("evenements")[2].GetProperty("resume").GetString()!, StringComparison.Ordinal);
        Assert.True(await db.Audit.AsNoTracking().AnyAsync(a => a.Action == ActionsAuditVacances.Restitution && a.Detail!.Contains(id)));

        // The bilan of the year counts it as oriented and handed back; the réservataire reads it, the other bailleur does not.
        var bilan = await (await app.ConnecterAsync("reservataire")).GetFromJsonAsync<JsonElement>($"/api/v1/conventions/{convention.Id}/bilan");
        Assert.Equal(bilanAvant.GetProperty("orientes").GetInt32() + 1, bilan.GetProperty("orientes").GetInt32());
        // (the run hands back every vacancy of the territory whose delay ended, those of the other tests too)
        Assert.True(bilan.GetProperty("rendus").GetInt32() > bilanAvant.GetProperty("rendus").GetInt32());
        // (the hand-back attributes nothing: the leases counted are those of the demo's year of history, before it)
        Assert.Equal(bilanAvant.GetProperty("attribues").GetInt32(), bilan.GetProperty("attribues").GetInt32());
        Assert.Equal(bilan.GetProperty("orientes").GetInt32(), bilan.GetProperty("parQpv").EnumerateArray().Sum(x => x.GetProperty("orientes").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ConnecterAsync("bailleur2")).GetAsync($"/api/v1/conventions/{convention.Id}/bilan")).StatusCode);
        await ProblemeAsync(await api.GetAsync($"/api/v1/conventions/{convention.Id}/bilan?annee=1999"), HttpStatusCode.BadRequest);
    }

    [Theory, DeuxBases]
    public async Task Les_soldes_de_la_demonstration_font_le_compte_des_vacances_orientees(string f)
    {
        // The app seeds the demo when it starts: started before reading its base (run first, this test read an empty base).
        _ = fx.App(f).Services;
        await using var db = fx.Base(f);
        var annee = fx.App(f).Horloge.AujourdhuiEnFrance().Year;
        var orientees = 0;
        var recues = 0;
        foreach (var b in BailleursSynthetiques.Pour(db.Epcis.Single(e => e.Siren == Tpm)))
        {
            var participants = await FluxService.ParticipantsAsync(db, Tpm, b.Bailleur.Id, CancellationToken.None);
            var flux = await FluxService.OrienteesAsync(db, Tpm, b.Bailleur.Id, annee, CancellationToken.None);
            var soldes = SoldeFlux.Soldes(participants, flux, null);
            Assert.Equal(flux.Count, soldes.Sum(s => s.Recus));
            Assert.Equal(flux.Count, decimal.Round(soldes.Sum(s => s.Du), 6));
            recues += soldes.Sum(s => s.Recus);
            orientees += await db.Vacances.AsNoTracking().CountAsync(v => v.BailleurId == b.Bailleur.Id && v.AnneeFlux == annee && v.HorsFlux == null && v.Statut != StatutVacance.Retiree);
        }
        Assert.Equal(orientees, recues);
        // The demo has conventions for every bailleur, a préfet's share within the law, and current vacancies in several statuses.
        Assert.All(await db.Conventions.AsNoTracking().Where(c => c.TypeReservataire == TypeReservataire.Prefet).ToListAsync(), c => Assert.InRange(c.Part, 25m, 30m));
        Assert.True(await db.Vacances.AsNoTracking().CountAsync(v => v.Statut == StatutVacance.Declaree) > 0);
        Assert.True(await db.Vacances.AsNoTracking().CountAsync(v => v.Statut == StatutVacance.Orientee) > 0);
    }

    [Fact]
    public async Task Par_les_pages_le_bailleur_declare_et_oriente_selon_la_suggestion()
    {
        var app = fx.App(BasesDeTest.Sqlite);
        await using var db = fx.Base(BasesDeTest.Sqlite);
        var client = await app.ConnecterAsync("bailleur");
        var rpls = await LogementLibreAsync(db, Bailleur(db, 0));

        var jeton = await LogisFactory.JetonAsync(client, "/vacances/declarer");
        var erreur = await client.PostAsync("/vacances/declarer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Saisie.Logement"] = rpls, ["Saisie.DateDisponibilite"] = "15/12/2026", ["Saisie.Loyer"] = "abc", ["__RequestVerificationToken"] = jeton,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, erreur.StatusCode);
        var doc = await LogisFactory.DocumentAsync(erreur);
        Assert.Contains("nombre", doc.QuerySelector("#vacance-loyer-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await db.Vacances.CountAsync(v => v.NumeroRpls == rpls));

        var r = await client.PostAsync("/vacances/declarer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Saisie.Logement"] = rpls, ["Saisie.DateDisponibilite"] = "15/12/2026", ["Saisie.Loyer"] = "412,50", ["__RequestVerificationToken"] = jeton,
        }));
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        var url = r.Headers.Location!.OriginalString;
        doc = await LogisFactory.DocumentAsync(await client.GetAsync(url));
        Assert.Contains("Au tour de", doc.QuerySelector("#suggestion")!.TextContent, StringComparison.Ordinal);
        var coche = doc.QuerySelector("input[name=reservataire][checked]")!.GetAttribute("value")!;

        jeton = await LogisFactory.JetonAsync(client, url);
        var o = await client.PostAsync(url + "?handler=Orienter", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["reservataire"] = coche, ["__RequestVerificationToken"] = jeton,
        }));
        Assert.Equal(HttpStatusCode.Redirect, o.StatusCode);
        doc = await LogisFactory.DocumentAsync(await client.GetAsync(url));
        Assert.Equal("orientée", doc.QuerySelector("#statut-vacance")!.TextContent);
        Assert.Contains("Suggestion suivie", doc.QuerySelector("#vacance")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, doc.QuerySelectorAll("#historique-vacance li").Length);
        var v = await db.Vacances.AsNoTracking().SingleAsync(x => x.NumeroRpls == rpls && x.Statut == StatutVacance.Orientee);
        Assert.Equal(412.50m, v.Loyer);
        Assert.Equal(new ReservataireId(Guid.Parse(coche)), v.ReservataireId);
    }

    [Fact]
    public async Task Par_la_page_des_conventions_la_part_du_prefet_est_refusee_au_dela_de_30_pour_cent()
    {
        var app = fx.App(BasesDeTest.Sqlite);
        var client = await app.ConnecterAsync("epci");
        await using var db = fx.Base(BasesDeTest.Sqlite);
        var jeton = await LogisFactory.JetonAsync(client, "/vacances/conventions");
        var r = await client.PostAsync("/vacances/conventions", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Saisie.Bailleur"] = Bailleur(db, 6).Value.ToString(), ["Saisie.Reservataire"] = Reservataire("prefet").Value.ToString(),
            ["Saisie.Part"] = "40", ["Saisie.Delai"] = "30", ["Saisie.SousObjectifs"] = "hors-qpv:30", ["__RequestVerificationToken"] = jeton,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var doc = await LogisFactory.DocumentAsync(r);
        Assert.Contains("R441-5-2", doc.QuerySelector("#convention-part-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(doc.QuerySelector(".resume-erreurs a[href='#convention-part']"));
    }

    /// <summary>
    /// « page » is also the route value of Razor Pages: bound without <c>[FromQuery]</c>, every page of the board showed the first one.
    /// </summary>
    [Theory, DeuxBases]
    public async Task Le_tableau_des_vacances_passe_a_la_page_suivante(string f)
    {
        var agent = await fx.App(f).ConnecterAsync("epci");
        static string Indicateur(AngleSharp.Html.Dom.IHtmlDocument d) => d.QuerySelector("nav.pagination span")?.TextContent ?? "";
        var premiere = await LogisFactory.DocumentAsync(await agent.GetAsync("/vacances"));
        Assert.StartsWith("Page 1 sur ", Indicateur(premiere), StringComparison.Ordinal);
        var seconde = await LogisFactory.DocumentAsync(await agent.GetAsync("/vacances?page=2"));
        Assert.StartsWith("Page 2 sur ", Indicateur(seconde), StringComparison.Ordinal);
    }
}
