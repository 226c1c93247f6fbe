using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Application.Acces;
using Logis.Application.Attributions;
using Logis.Application.Relances;
using Logis.Domain.Acces;
using Logis.Domain.Attributions;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Logis.Web.Tests;

/// <summary>
/// Offers and leases through the API (R441-10, R441-2-17, R441-2-8 a): the landlord offers the dwelling to the candidate whose turn it is in the
/// CALEOL's order, records the refusal, offers to the next, records the acceptance and the signed lease; the demand is radiated, the vacancy
/// attributed and the attribution recorded for the monitoring. The daily run records the offers left unanswered as refusals. Both databases.
/// The CALEOL decisions are written with the domain act (<see cref="Demande.NoterDecisionCaleol"/>), as the commission's use case writes them.
/// </summary>
[Collection(CollectionApplications.Nom)]
public class OffresTests(ApplicationsFixture fx)
{
    private static readonly Siren Tpm = Siren.Create(TerritoireSeeder.SirenTpm);
    private static readonly Acteur Caleol = new(new AuteurId(Guid.NewGuid()), "Commission d'attribution (test)");

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static BailleurId Bailleur(LogisDbContext db, int i) => BailleursSynthetiques.Pour(db.Epcis.Single(e => e.Siren == Tpm))[i].Bailleur.Id;

    /// <summary>A vacancy of the first bailleur (the « bailleur » API key's) oriented to its own contingent, and its dwelling.</summary>
    internal static async Task<(string Id, LogementId Logement, string Commune)> VacanceAsync(LogisFactory app, LogisDbContext db)
    {
        var api = app.ClientApi("bailleur");
        var b0 = Bailleur(db, 0);
        var id = await VacancesTests.DeclarerAsync(api, await VacancesTests.LogementLibreAsync(db, b0));
        var propre = VacancesTests.Reservataire($"bailleur:{b0}");
        var o = await api.PostAsJsonAsync($"/api/v1/vacances/{id}/orientation", new { reservataire = propre.Value });
        Assert.True(o.StatusCode == HttpStatusCode.NoContent, await o.Content.ReadAsStringAsync());
        var v = await DecideeAsync(app, db, id);
        return (id, v.LogementId, v.CommuneInsee.Value);
    }

    /// <summary>
    /// Brings an oriented vacancy through the CALEOL with the domain acts, as the commission's use case does (<see cref="Vacance.MettreEnCommission"/>,
    /// <see cref="Vacance.NoterDecisionCommission"/>): decided, the offer comes next. The candidates' decisions are written by <see cref="DeciderAsync"/>.
    /// </summary>
    internal static async Task<Vacance> DecideeAsync(LogisFactory app, LogisDbContext db, string id)
    {
        var v = await db.Vacances.SingleAsync(x => x.Id == new VacanceId(Guid.Parse(id)));
        var quand = app.Horloge.MaintenantEnFrance();
        Assert.True(v.MettreEnCommission(HeureFrance.Jour(quand), 3, quand, Caleol).EstReussi);
        Assert.True(v.NoterDecisionCommission(1, quand, Caleol).EstReussi);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return v;
    }

    /// <summary>A new demand wishing <paramref name="commune"/>, registered through the API.</summary>
    internal static Task<string> DemandeAsync(LogisFactory app, string nom, string commune) =>
        DemandesApiTests.CreerAsync(app.ClientApi("epci"), DemandesApiTests.Saisie(nom, commune));

    /// <summary>Writes a CALEOL decision in the demand's timeline with the domain act, now.</summary>
    internal static async Task DeciderAsync(LogisFactory app, LogisDbContext db, string numero, LogementId logement, DecisionCaleol decision, int? rang)
    {
        Assert.True(NumeroUnique.TryParse(numero, out var n));
        var demande = await db.Demandes.SingleAsync(d => d.Numero == n);
        var motivation = decision switch
        {
            DecisionCaleol.NonAttribution => new MotivationCaleol([MotifDecisionCaleol.InadapteComposition]),
            DecisionCaleol.Irrecevabilite => new MotivationCaleol([MotifDecisionCaleol.RessourcesAuDessusPlafonds]),
            DecisionCaleol.AttributionSousConditionSuspensive => new MotivationCaleol([], TypePiece.AvisImposition, app.Horloge.AujourdhuiEnFrance().AddDays(20)),
            _ => MotivationCaleol.Aucune,
        };
        var r = demande.NoterDecisionCaleol(logement, decision, rang, app.Horloge.MaintenantEnFrance(), Caleol, motivation);
        Assert.True(r.EstReussi, r.Motif);
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
    }

    private static async Task<JsonElement> ProblemeAsync(HttpResponseMessage r, HttpStatusCode attendu)
    {
        Assert.True(attendu == r.StatusCode, $"attendu {(int)attendu}, obtenu {(int)r.StatusCode} : {await r.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<string> OffrirAsync(HttpClient api, string vacance, string numero, bool adaptee)
    {
        var r = await api.PostAsJsonAsync($"/api/v1/vacances/{vacance}/offres", new { demande = numero, adaptee });
        Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private static async Task<List<JsonElement>> EvenementsAsync(LogisFactory app, string numero) =>
        [.. (await app.ClientApi("epci").GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}/evenements")).EnumerateArray()];

    [Theory, DeuxBases]
    public async Task Offre_refus_candidat_suivant_acceptation_et_bail(string f)
    {
        var app = fx.App(f);
        var api = app.ClientApi("bailleur");
        await using var db = fx.Base(f);
        var (vacance, logement, commune) = await VacanceAsync(app, db);
        var premier = await DemandeAsync(app, "Premierrang", commune);
        var second = await DemandeAsync(app, "Secondrang", commune);
        var ecarte = await DemandeAsync(app, "Nonattribue", commune);
        await DeciderAsync(app, db, premier, logement, DecisionCaleol.AttributionAvecRang, 1);
        await DeciderAsync(app, db, second, logement, DecisionCaleol.AttributionAvecRang, 2);
        await DeciderAsync(app, db, ecarte, logement, DecisionCaleol.NonAttribution, null);
        var aujourdhui = app.Horloge.AujourdhuiEnFrance();

        // The order of the CALEOL: the first ranked is next; the non-attribution is not a candidate.
        var file = await api.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{vacance}/offres");
        Assert.Equal(premier, file.GetProperty("prochainCandidat").GetString());
        Assert.Equal([premier, second], file.GetProperty("candidats").EnumerateArray().Select(c => c.GetProperty("numero").GetString()!).ToArray());
        Assert.Equal(Iso(DelaiReponseOffre.Echeance(aujourdhui, 10)), file.GetProperty("echeanceParDefaut").GetString());

        // Not the second before the first has refused; not a demand the CALEOL did not attribute it to; not less than ten days.
        var avant = await ProblemeAsync(await api.PostAsJsonAsync($"/api/v1/vacances/{vacance}/offres", new { demande = second, adaptee = true }), HttpStatusCode.Conflict);
        Assert.Contains("mieux placés", avant.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        await ProblemeAsync(await api.PostAsJsonAsync($"/api/v1/vacances/{vacance}/offres", new { demande = ecarte, adaptee = true }), HttpStatusCode.Conflict);
        var court = await ProblemeAsync(await api.PostAsJsonAsync($"/api/v1/vacances/{vacance}/offres",
            new { demande = premier, adaptee = true, echeance = Iso(aujourdhui.AddDays(5)) }), HttpStatusCode.BadRequest);
        Assert.Contains("R441-10", court.GetProperty("errors").GetProperty("echeance")[0].GetString()!, StringComparison.Ordinal);
        var sansQualification = await ProblemeAsync(await api.PostAsJsonAsync($"/api/v1/vacances/{vacance}/offres", new { demande = premier }), HttpStatusCode.BadRequest);
        Assert.True(sansQualification.GetProperty("errors").TryGetProperty("adaptee", out _));
        Assert.Empty(await db.Offres.AsNoTracking().Where(o => o.VacanceId == new VacanceId(Guid.Parse(vacance))).ToListAsync());
        // The other landlord does not see the vacancy; the réservataire does not make offers.
        Assert.Equal(HttpStatusCode.NotFound, (await (await app.ConnecterAsync("bailleur2")).GetAsync($"/api/v1/vacances/{vacance}/offres")).StatusCode);

        // The offer to the first ranked, qualified adapted: one pending offer for the dwelling.
        var offre1 = await OffrirAsync(api, vacance, premier, adaptee: true);
        Assert.Equal("offerte", (await api.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{vacance}")).GetProperty("statut").GetString());
        var deux = await ProblemeAsync(await api.PostAsJsonAsync($"/api/v1/vacances/{vacance}/offres", new { demande = second, adaptee = true }), HttpStatusCode.Conflict);
        Assert.Contains("déjà", deux.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        var tableau = await api.GetFromJsonAsync<JsonElement>("/api/v1/offres?statut=en-attente&taillePage=200");
        var ligne = tableau.GetProperty("elements").EnumerateArray().Single(o => o.GetProperty("id").GetString() == offre1);
        Assert.Equal(DelaiReponseOffre.Echeance(aujourdhui, 10).DayNumber - aujourdhui.DayNumber, ligne.GetProperty("joursRestants").GetInt32());
        Assert.True(ligne.GetProperty("joursRestants").GetInt32() >= 10);

        // Refused with its reason: the next ranked candidate is shown.
        var motifInconnu = await ProblemeAsync(await api.PostAsJsonAsync($"/api/v1/offres/{offre1}/reponse", new { acceptee = false, motif = "absence-reponse" }), HttpStatusCode.BadRequest);
        Assert.True(motifInconnu.GetProperty("errors").TryGetProperty("motif", out _));
        var refus = await api.PostAsJsonAsync($"/api/v1/offres/{offre1}/reponse", new { acceptee = false, motif = "localisation" });
        Assert.True(refus.StatusCode == HttpStatusCode.OK, await refus.Content.ReadAsStringAsync());
        var reponse = await refus.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("refusee", reponse.GetProperty("statut").GetString());
        Assert.Equal(second, reponse.GetProperty("prochainCandidat").GetString());
        var chronologie = await EvenementsAsync(app, premier);
        Assert.Contains(chronologie, e => e.GetProperty("type").GetString() == "Offre" && e.GetProperty("resume").GetString()!.Contains("qualifiée adaptée", StringComparison.Ordinal));
        Assert.Contains(chronologie, e => e.GetProperty("type").GetString() == "Refus" && e.GetProperty("resume").GetString() == "Offre adaptée refusée : localisation (le refus compte dans la cotation)");
        await ProblemeAsync(await api.PostAsJsonAsync($"/api/v1/offres/{offre1}/reponse", new { acceptee = true }), HttpStatusCode.Conflict);

        // The second ranked: offered (not adapted), accepts; the lease is recorded.
        var offre2 = await OffrirAsync(api, vacance, second, adaptee: false);
        var accepte = await api.PostAsJsonAsync($"/api/v1/offres/{offre2}/reponse", new { acceptee = true });
        Assert.True(accepte.StatusCode == HttpStatusCode.OK, await accepte.Content.ReadAsStringAsync());
        Assert.Equal("offre-acceptee", (await api.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{vacance}")).GetProperty("statut").GetString());
        var futur = await ProblemeAsync(await api.PostAsJsonAsync($"/api/v1/offres/{offre2}/bail",
            new { dateSignature = Iso(aujourdhui.AddDays(1)), dateEffet = Iso(aujourdhui.AddDays(2)) }), HttpStatusCode.BadRequest);
        Assert.True(futur.GetProperty("errors").TryGetProperty("dateSignature", out _));
        Assert.Equal("Active", (await api.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{second}")).GetProperty("statut").GetString());
        var bail = await api.PostAsJsonAsync($"/api/v1/offres/{offre2}/bail", new { dateSignature = Iso(aujourdhui), dateEffet = Iso(aujourdhui.AddDays(15)) });
        Assert.True(bail.StatusCode == HttpStatusCode.Created, await bail.Content.ReadAsStringAsync());
        var attributionId = (await bail.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        // The demand is radiated for reason a), the vacancy attributed, each step in the histories.
        var d = await app.ClientApi("epci").GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{second}");
        Assert.Equal("Radiée", d.GetProperty("statut").GetString());
        Assert.Contains("R441-2-8 a", d.GetProperty("motifRadiation").GetString()!, StringComparison.Ordinal);
        Assert.Equal(["Offre", "Acceptation", "BailSigne", "Radiation"],
            (await EvenementsAsync(app, second)).Select(e => e.GetProperty("type").GetString()!).Where(t => t is "Offre" or "Acceptation" or "BailSigne" or "Radiation").ToArray());
        var v = await api.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{vacance}");
        Assert.Equal("attribuee", v.GetProperty("statut").GetString());
        var historique = v.GetProperty("evenements").EnumerateArray().Select(e => e.GetProperty("resume").GetString()!).ToList();
        Assert.Contains(historique, h => h.StartsWith($"Offre écrite faite à la demande {premier}", StringComparison.Ordinal));
        Assert.Contains(historique, h => h == $"Demande {premier} : offre refusée (localisation).");
        Assert.Contains(historique, h => h.StartsWith($"Bail signé le {aujourdhui:dd/MM/yyyy} avec la demande {second}", StringComparison.Ordinal));

        // The attribution keeps what the monitoring needs.
        var a = await db.Attributions.AsNoTracking().SingleAsync(x => x.Id == new AttributionId(attributionId));
        Assert.Equal(aujourdhui, a.DateSignature);
        Assert.Equal(Bailleur(db, 0), a.BailleurId);
        Assert.Equal(VacancesTests.Reservataire($"bailleur:{Bailleur(db, 0)}"), a.ReservataireId);
        Assert.Equal(commune, a.CommuneInsee.Value);
        Assert.Equal(CanalDepot.Guichet, a.Canal);
        Assert.Equal(aujourdhui, a.DateDepot);
        // The test household: one person, 1 450 € a month, 17 400 € a year for one consumption unit, category 1.
        Assert.Equal(17_400m, a.RevenuParUc);
        Assert.Equal(1, a.CategorieMenage);
        Assert.Equal(1, a.NombrePersonnes);
        Assert.False(a.Prioritaire);
        Assert.False(a.Adaptee);
        Assert.Equal(2, a.RangCaleol);
        var liste = await app.ClientApi("epci").GetFromJsonAsync<JsonElement>($"/api/v1/attributions?annee={aujourdhui.Year}&taillePage=200");
        var l = liste.GetProperty("elements").EnumerateArray().Single(x => x.GetProperty("id").GetGuid() == attributionId);
        Assert.Equal(Iso(aujourdhui), l.GetProperty("date").GetString());
        Assert.Equal(commune, l.GetProperty("communeInsee").GetString());
        Assert.Equal(a.EnQpv, l.GetProperty("qpv").GetBoolean());
        Assert.False(l.GetProperty("mutation").GetBoolean());
        // The quartile at the lease, against the threshold of the year of the lease (null without one).
        var seuil = (await db.SeuilsPremierQuartile.AsNoTracking().SingleOrDefaultAsync(s => s.EpciSiren == Tpm && s.Annee == aujourdhui.Year))?.Montant;
        var quartile = Logis.Domain.Mixite.ClassementQuartile.Classer(a.RevenuParUc, seuil);
        Assert.Equal(quartile is { } q ? Logis.Domain.Mixite.ClassementQuartile.Code(q) : null, l.GetProperty("quartile").GetString());
        Assert.Equal(a.Dalo, l.GetProperty("dalo").GetBoolean());
        Assert.DoesNotContain((await (await app.ConnecterAsync("bailleur2")).GetFromJsonAsync<JsonElement>($"/api/v1/attributions?annee={aujourdhui.Year}&taillePage=200"))
            .GetProperty("elements").EnumerateArray(), x => x.GetProperty("id").GetGuid() == attributionId);
        await ProblemeAsync(await api.GetAsync("/api/v1/attributions?annee=vingt"), HttpStatusCode.BadRequest);

        // A second lease for the same offer, or an offer on an attributed dwelling: refused, nothing changes.
        await ProblemeAsync(await api.PostAsJsonAsync($"/api/v1/offres/{offre2}/bail", new { dateSignature = Iso(aujourdhui), dateEffet = Iso(aujourdhui) }), HttpStatusCode.Conflict);
        await ProblemeAsync(await api.PostAsJsonAsync($"/api/v1/vacances/{vacance}/offres", new { demande = premier, adaptee = true }), HttpStatusCode.Conflict);
        Assert.Equal(1, await db.Attributions.AsNoTracking().CountAsync(x => x.VacanceId == new VacanceId(Guid.Parse(vacance))));

        // Each act in the journal.
        var actions = await db.Audit.AsNoTracking().Where(x => x.Detail != null && (x.Detail.Contains(offre1) || x.Detail.Contains(offre2) || x.Detail.Contains(vacance)))
            .Select(x => x.Action).ToListAsync();
        foreach (var action in new[] { ActionsAuditOffres.Offre, ActionsAuditOffres.Refus, ActionsAuditOffres.Acceptation, ActionsAuditOffres.Bail })
            Assert.Contains(action, actions);
    }

    [Theory, DeuxBases]
    public async Task Sans_reponse_a_l_echeance_le_traitement_quotidien_enregistre_un_refus(string f)
    {
        var app = fx.App(f);
        var api = app.ClientApi("bailleur");
        await using var db = fx.Base(f);
        var (vacance, logement, commune) = await VacanceAsync(app, db);
        var premier = await DemandeAsync(app, "Silencieux", commune);
        var second = await DemandeAsync(app, "Suivant", commune);
        await DeciderAsync(app, db, premier, logement, DecisionCaleol.Attribution, null);
        await DeciderAsync(app, db, second, logement, DecisionCaleol.AttributionSousConditionSuspensive, null);
        var offre = await OffrirAsync(api, vacance, premier, adaptee: true);
        var echeance = DateOnly.Parse((await api.GetFromJsonAsync<JsonElement>($"/api/v1/offres/{offre}")).GetProperty("echeance").GetString()!, CultureInfo.InvariantCulture);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<OffresService>();
            var systeme = new Agent(TraitementRelances.Systeme.Value, TraitementRelances.NomSysteme, Role.AgentEpci, new Perimetre(Tpm));
            // On the deadline itself the applicant may still answer: nothing happens.
            await service.ConstaterSansReponseAsync(systeme, echeance, CancellationToken.None);
            Assert.Equal("en-attente", (await api.GetFromJsonAsync<JsonElement>($"/api/v1/offres/{offre}")).GetProperty("statut").GetString());
            Assert.True(await service.ConstaterSansReponseAsync(systeme, echeance.AddDays(1), CancellationToken.None) >= 1);
        }
        var lue = await api.GetFromJsonAsync<JsonElement>($"/api/v1/offres/{offre}");
        Assert.Equal("sans-reponse", lue.GetProperty("statut").GetString());
        Assert.Equal("absence de réponse dans le délai", lue.GetProperty("motifRefus").GetString());
        Assert.Contains(await EvenementsAsync(app, premier), e => e.GetProperty("type").GetString() == "Refus"
            && e.GetProperty("resume").GetString()!.Contains("absence de réponse", StringComparison.Ordinal));
        Assert.True(await db.Audit.AsNoTracking().AnyAsync(a => a.Action == ActionsAuditOffres.SansReponse && a.Detail!.Contains(offre)));

        // The next candidate is under a suspensive condition: offered only once a piece reached the demand after the decision.
        var file = await api.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{vacance}/offres");
        Assert.Equal("offre-refusee", file.GetProperty("statut").GetString());
        Assert.Equal(JsonValueKind.Null, file.GetProperty("prochainCandidat").ValueKind);
        var attente = await ProblemeAsync(await api.PostAsJsonAsync($"/api/v1/vacances/{vacance}/offres", new { demande = second, adaptee = true }), HttpStatusCode.Conflict);
        Assert.Contains("condition suspensive", attente.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.True(NumeroUnique.TryParse(second, out var n));
        var demande = await db.Demandes.SingleAsync(x => x.Numero == n);
        // Another piece does not lift it; the missing one does.
        Assert.True(demande.NoterPieceRecue(TypePiece.JustificatifRessources, app.Horloge.MaintenantEnFrance(), Caleol).EstReussi);
        await db.SaveChangesAsync();
        Assert.Equal(JsonValueKind.Null, (await api.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{vacance}/offres")).GetProperty("prochainCandidat").ValueKind);
        Assert.True(demande.NoterPieceRecue(TypePiece.AvisImposition, app.Horloge.MaintenantEnFrance(), Caleol).EstReussi);
        await db.SaveChangesAsync();
        Assert.Equal(second, (await api.GetFromJsonAsync<JsonElement>($"/api/v1/vacances/{vacance}/offres")).GetProperty("prochainCandidat").GetString());
        await OffrirAsync(api, vacance, second, adaptee: true);
    }

    [Theory, DeuxBases]
    public async Task Par_les_pages_le_bailleur_offre_enregistre_le_refus_puis_le_bail(string f)
    {
        var app = fx.App(f);
        await using var db = fx.Base(f);
        var (vacance, logement, commune) = await VacanceAsync(app, db);
        var premier = await DemandeAsync(app, "Pagepremier", commune);
        var second = await DemandeAsync(app, "Pagesecond", commune);
        await DeciderAsync(app, db, premier, logement, DecisionCaleol.AttributionAvecRang, 1);
        await DeciderAsync(app, db, second, logement, DecisionCaleol.AttributionAvecRang, 2);
        var aujourdhui = app.Horloge.AujourdhuiEnFrance();
        var client = await app.ConnecterAsync("bailleur");
        var url = $"/vacances/{vacance}/offres";
        async Task<HttpResponseMessage> PosterAsync(string handler, Dictionary<string, string> champs)
        {
            champs["__RequestVerificationToken"] = await LogisFactory.JetonAsync(client, url);
            return await client.PostAsync($"{url}?handler={handler}", new FormUrlEncodedContent(champs));
        }

        // The vacancy's page leads to the offers; the order of the CALEOL is shown, the first ranked preselected.
        var page = await LogisFactory.DocumentAsync(await client.GetAsync($"/vacances/{vacance}"));
        Assert.Equal(url, page.QuerySelector("#lien-offres")!.GetAttribute("href"));
        var doc = await LogisFactory.DocumentAsync(await client.GetAsync(url));
        Assert.Equal(2, doc.QuerySelectorAll("#candidats-caleol tbody tr").Length);
        Assert.Equal("demande " + premier, doc.QuerySelector("#prochain-candidat")!.TextContent);
        Assert.NotNull(doc.QuerySelector($"input[name=demande][value='{premier}'][checked]"));

        // Without the qualification: 400, the message by the field, nothing written.
        var erreur = await PosterAsync("Offrir", new() { ["demande"] = premier, ["echeance"] = aujourdhui.AddDays(12).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.BadRequest, erreur.StatusCode);
        Assert.Contains("R441-2-17", (await LogisFactory.DocumentAsync(erreur)).QuerySelector("#offre-adaptee-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.False(await db.Offres.AsNoTracking().AnyAsync(o => o.VacanceId == new VacanceId(Guid.Parse(vacance))));

        var echeance = DelaiReponseOffre.Echeance(aujourdhui, 12);
        Assert.Equal(HttpStatusCode.Redirect, (await PosterAsync("Offrir", new() { ["demande"] = premier, ["adaptee"] = "oui", ["echeance"] = echeance.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) })).StatusCode);
        doc = await LogisFactory.DocumentAsync(await client.GetAsync(url));
        Assert.Contains(echeance.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), doc.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("offre en attente de réponse", doc.QuerySelector("#statut-offres")!.TextContent);

        // The board lists the pending offer with its deadline.
        var tableau = await LogisFactory.DocumentAsync(await client.GetAsync("/vacances/offres?statut=en-attente"));
        Assert.Contains(tableau.QuerySelectorAll("#offres tbody tr"), tr => tr.TextContent.Contains(premier, StringComparison.Ordinal)
            && tr.TextContent.Contains(echeance.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), StringComparison.Ordinal));

        // Refused without a reason: 400; with one: the next candidate is announced.
        Assert.Equal(HttpStatusCode.BadRequest, (await PosterAsync("Repondre", new() { ["reponse"] = "refusee" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PosterAsync("Repondre", new() { ["reponse"] = "refusee", ["motif"] = "loyer-charges" })).StatusCode);
        doc = await LogisFactory.DocumentAsync(await client.GetAsync(url));
        Assert.Contains($"Candidat suivant dans l'ordre de la CALEOL : demande {second}", doc.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await PosterAsync("Offrir", new() { ["demande"] = second, ["adaptee"] = "non", ["echeance"] = echeance.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PosterAsync("Repondre", new() { ["reponse"] = "acceptee" })).StatusCode);
        var bail = await PosterAsync("Bail", new() { ["dateSignature"] = aujourdhui.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), ["dateEffet"] = "pas une date" });
        Assert.Equal(HttpStatusCode.BadRequest, bail.StatusCode);
        Assert.NotNull((await LogisFactory.DocumentAsync(bail)).QuerySelector("#bail-effet-erreur"));
        Assert.Equal(HttpStatusCode.Redirect, (await PosterAsync("Bail", new()
        {
            ["dateSignature"] = aujourdhui.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), ["dateEffet"] = aujourdhui.AddDays(3).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        })).StatusCode);
        doc = await LogisFactory.DocumentAsync(await client.GetAsync(url));
        Assert.Equal("attribuée", doc.QuerySelector("#statut-offres")!.TextContent);
        Assert.Equal(["bail signé", "refusée : loyer ou charges"], doc.QuerySelectorAll("#offres-vacance tbody tr td:last-child").Select(td => td.TextContent).ToArray());

        // The demand's page shows the steps in its timeline.
        var demande = await LogisFactory.DocumentAsync(await (await app.ConnecterAsync("epci")).GetAsync($"/demandes/{second}"));
        var texte = demande.Body!.TextContent;
        Assert.Contains("Offre de logement acceptée", texte, StringComparison.Ordinal);
        Assert.Contains("Bail signé", texte, StringComparison.Ordinal);
    }

    /// <summary>
    /// Item 7 of issue 14: two agents at once cannot make two offers of one dwelling, give one demand two pending offers or two leases, nor
    /// attribute a dwelling twice. Several rounds of parallel requests; every answer is a success or a 409 with its French reason, and the
    /// database holds at most one of each.
    /// </summary>
    [Theory, DeuxBases]
    public async Task Sous_requetes_paralleles_aucun_logement_attribue_deux_fois_ni_demande_avec_deux_baux(string f)
    {
        var app = fx.App(f);
        await using var db = fx.Base(f);
        var aujourdhui = app.Horloge.AujourdhuiEnFrance();
        for (var tour = 0; tour < 3; tour++)
        {
            // Two vacancies whose CALEOLs both placed the same demand first.
            var (v1, l1, commune) = await VacanceAsync(app, db);
            var (v2, l2, _) = await VacanceAsync(app, db);
            var numero = await DemandeAsync(app, "Concurrence", commune);
            await DeciderAsync(app, db, numero, l1, DecisionCaleol.Attribution, null);
            await DeciderAsync(app, db, numero, l2, DecisionCaleol.Attribution, null);

            // Parallel offers of both dwellings to the demand: one pending offer at most.
            var clients = Enumerable.Range(0, 6).Select(_ => app.ClientApi("bailleur")).ToList();
            var offres = await Task.WhenAll(clients.Select((c, i) => c.PostAsJsonAsync($"/api/v1/vacances/{(i % 2 == 0 ? v1 : v2)}/offres", new { demande = numero, adaptee = true })));
            await AttendreSuccesOuConflitAsync(offres, HttpStatusCode.Created);
            Assert.Equal(1, offres.Count(r => r.StatusCode == HttpStatusCode.Created));
            Assert.True(NumeroUnique.TryParse(numero, out var n));
            var demandeId = (await db.Demandes.AsNoTracking().SingleAsync(d => d.Numero == n)).Id;
            var enAttente = await db.Offres.AsNoTracking().Where(o => o.DemandeId == demandeId && o.Statut == StatutOffre.EnAttente).ToListAsync();
            var offre = Assert.Single(enAttente);

            // Parallel acceptances then parallel leases of that offer: one of each.
            var acceptations = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync($"/api/v1/offres/{offre.Id}/reponse", new { acceptee = true })));
            await AttendreSuccesOuConflitAsync(acceptations, HttpStatusCode.OK);
            Assert.Equal(1, acceptations.Count(r => r.StatusCode == HttpStatusCode.OK));
            var baux = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync($"/api/v1/offres/{offre.Id}/bail", new { dateSignature = Iso(aujourdhui), dateEffet = Iso(aujourdhui) })));
            await AttendreSuccesOuConflitAsync(baux, HttpStatusCode.Created);
            Assert.Equal(1, baux.Count(r => r.StatusCode == HttpStatusCode.Created));

            // The other vacancy cannot be offered to the demand any more (radiated at the signature).
            var autre = offre.VacanceId.Value.ToString() == v1 ? v2 : v1;
            Assert.Equal(HttpStatusCode.Conflict, (await app.ClientApi("bailleur").PostAsJsonAsync($"/api/v1/vacances/{autre}/offres", new { demande = numero, adaptee = true })).StatusCode);
        }
        // Over the whole database: no dwelling's vacancy attributed twice, no demand with two leases, no two pending offers of one vacancy or demand.
        Assert.False(await db.Attributions.AsNoTracking().GroupBy(a => a.VacanceId).AnyAsync(g => g.Count() > 1));
        Assert.False(await db.Attributions.AsNoTracking().GroupBy(a => a.DemandeId).AnyAsync(g => g.Count() > 1));
        Assert.False(await db.Offres.AsNoTracking().Where(o => o.Statut == StatutOffre.EnAttente).GroupBy(o => o.VacanceId).AnyAsync(g => g.Count() > 1));
        Assert.False(await db.Offres.AsNoTracking().Where(o => o.Statut == StatutOffre.EnAttente).GroupBy(o => o.DemandeId).AnyAsync(g => g.Count() > 1));
        Assert.Equal(await db.Attributions.AsNoTracking().CountAsync(), await db.Vacances.AsNoTracking().CountAsync(v => v.Statut == StatutVacance.Attribuee));
    }

    /// <summary>Every answer is the success or a 409 ProblemDetails with a French reason (never a 500).</summary>
    private static async Task AttendreSuccesOuConflitAsync(IEnumerable<HttpResponseMessage> reponses, HttpStatusCode succes)
    {
        foreach (var r in reponses)
        {
            if (r.StatusCode == succes) continue;
            var p = await ProblemeAsync(r, HttpStatusCode.Conflict);
            Assert.False(string.IsNullOrWhiteSpace(p.GetProperty("detail").GetString()));
        }
    }
}
