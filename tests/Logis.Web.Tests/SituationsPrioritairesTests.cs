using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Application.Acces;
using Logis.Application.Demandes;
using Logis.Application.Relances;
using Logis.Domain.Acces;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Pieces;
using Logis.Domain.Territoire;
using Logis.Persistence.Demandes;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Logis.Web.Tests;

/// <summary>
/// Priority situations and DALO decisions (L441-1, L441-2-3): entered, validated against a piece by the competent agent, refused,
/// expired; each act in the timeline and the audit, and the stored score follows (the grid's proof-bound criteria count only once
/// validated). API, page, roles, both databases.
/// </summary>
[Collection(CollectionApplications.Nom)]
public class SituationsPrioritairesTests(ApplicationsFixture fx)
{
    private DateOnly Aujourdhui(string f) => fx.App(f).Services.GetRequiredService<TimeProvider>().AujourdhuiEnFrance();

    /// <summary>A piece type of the catalogue, ordinary or sensitive (never a hard-coded code: the catalogue is data).</summary>
    private string TypePiece(string f, bool sensible) =>
        fx.App(f).Services.GetRequiredService<CataloguePieces>().Types.First(t => t.EstSensible == sensible && !t.ContientNir).Code;

    private async Task<DemandeId> IdAsync(string f, string numero)
    {
        await using var db = fx.Base(f);
        Assert.True(NumeroUnique.TryParse(numero, out var n));
        return (await db.Demandes.AsNoTracking().SingleAsync(d => d.Numero == n)).Id;
    }

    private async Task<int?> TotalStockeAsync(string f, DemandeId id)
    {
        await using var db = fx.Base(f);
        return await db.CotationsDemandes.AsNoTracking().Where(c => c.DemandeId == id).Select(c => c.Total).SingleAsync();
    }

    private async Task<List<string>> EvenementsAsync(HttpClient client, string numero) =>
        [.. (await client.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}/evenements")).EnumerateArray().Select(e => e.GetProperty("type").GetString()!)];

    private static async Task<JsonElement> ProblemeAsync(HttpResponseMessage r, HttpStatusCode attendu)
    {
        Assert.True(attendu == r.StatusCode, $"attendu {(int)attendu}, obtenu {(int)r.StatusCode} : {await r.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<string> PieceAsync(HttpClient client, string numero, string type) =>
        (await PiecesTests.DeposerAsync(client, numero, type, PiecesTests.Pdf, "justificatif.pdf")).GetProperty("id").GetString()!;

    [Theory, DeuxBases]
    public async Task Saisir_une_decision_dalo_la_valider_sur_piece_recote_la_demande_et_refuser_une_autre_situation(string f)
    {
        var client = fx.App(f).ClientApi("epci");
        var numero = await DemandesApiTests.CreerAsync(client, DemandesApiTests.Saisie("Prioritas", handicap: false));
        var id = await IdAsync(f, numero);
        var total = await TotalStockeAsync(f, id);
        Assert.NotNull(total);
        var url = $"/api/v1/demandes/{numero}/situations-prioritaires";

        // DALO without its decision, or with a decision dated tomorrow: 400 with each field named.
        var sans = await ProblemeAsync(await client.PostAsJsonAsync(url, new { critere = "dalo" }), HttpStatusCode.BadRequest);
        var champs = sans.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("decisionDalo.reference", champs);
        Assert.Contains("decisionDalo.date", champs);
        Assert.Contains("decisionDalo.commission", champs);
        var demain = Aujourdhui(f).AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var future = await ProblemeAsync(await client.PostAsJsonAsync(url, new { critere = "dalo", decisionDalo = new { reference = "R1", date = demain, commission = "COMED du Var" } }),
            HttpStatusCode.BadRequest);
        Assert.True(future.GetProperty("errors").TryGetProperty("decisionDalo.date", out _));
        await ProblemeAsync(await client.PostAsJsonAsync(url, new { critere = "zz" }), HttpStatusCode.BadRequest);
        await ProblemeAsync(await client.PostAsJsonAsync(url, new { critere = "j", decisionDalo = new { reference = "R1" } }), HttpStatusCode.BadRequest);

        var date = Aujourdhui(f).AddDays(-20).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var saisie = await client.PostAsJsonAsync(url, new { critere = "dalo", decisionDalo = new { reference = "COMED-83-0042", date, commission = "Commission de médiation du Var" } });
        Assert.Equal(HttpStatusCode.Created, saisie.StatusCode);
        await ProblemeAsync(await client.PostAsJsonAsync(url, new { critere = "dalo", decisionDalo = new { reference = "COMED-83-0042", date, commission = "COMED" } }), HttpStatusCode.Conflict);
        // Declared only: the proof-bound DALO criterion does not score yet.
        Assert.Equal(total, await TotalStockeAsync(f, id));

        // Validation: a piece is required, and it must be one of this demand's pieces.
        var sansPiece = await ProblemeAsync(await client.PostAsJsonAsync($"{url}/dalo/validation", new { }), HttpStatusCode.BadRequest);
        Assert.True(sansPiece.GetProperty("errors").TryGetProperty("piece", out _));
        await ProblemeAsync(await client.PostAsJsonAsync($"{url}/dalo/validation", new { piece = Guid.NewGuid().ToString() }), HttpStatusCode.BadRequest);
        await ProblemeAsync(await client.PostAsJsonAsync($"{url}/zz/validation", new { piece = Guid.NewGuid().ToString() }), HttpStatusCode.NotFound);
        var piece = await PieceAsync(client, numero, TypePiece(f, sensible: false));
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync($"{url}/dalo/validation", new { piece })).StatusCode);
        var apres = await TotalStockeAsync(f, id);
        Assert.True(apres > total, $"la cotation devait monter : {total} → {apres}");
        var cotation = await client.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}/cotation");
        Assert.Equal(apres, cotation.GetProperty("total").GetInt32());
        Assert.Contains("dalo", cotation.GetRawText(), StringComparison.Ordinal);
        var deja = await ProblemeAsync(await client.PostAsJsonAsync($"{url}/dalo/validation", new { piece }), HttpStatusCode.Conflict);
        Assert.Contains("déjà validée", deja.GetProperty("detail").GetString()!, StringComparison.Ordinal);

        // Another situation refused by the competent agent: it stops counting, and may be entered again.
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync(url, new { critere = "j" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsync($"{url}/j/refus", null)).StatusCode);
        await ProblemeAsync(await client.PostAsync($"{url}/j/refus", null), HttpStatusCode.Conflict);
        Assert.Equal(apres, await TotalStockeAsync(f, id));

        var liste = await client.GetFromJsonAsync<JsonElement>(url);
        var situations = liste.GetProperty("situations").EnumerateArray().ToDictionary(s => s.GetProperty("code").GetString()!);
        Assert.Equal("Validée par un agent habilité", situations["dalo"].GetProperty("statut").GetString());
        Assert.Equal("COMED-83-0042", situations["dalo"].GetProperty("decisionReference").GetString());
        Assert.Equal(piece, situations["dalo"].GetProperty("piece").GetString());
        Assert.Equal("Refusée", situations["j"].GetProperty("statut").GetString());
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync(url, new { critere = "j" })).StatusCode);

        var types = await EvenementsAsync(client, numero);
        Assert.Equal(3, types.Count(t => t == nameof(TypeEvenementDemande.SituationPrioritaireDeclaree)));
        Assert.Contains(nameof(TypeEvenementDemande.SituationPrioritaireValidee), types);
        Assert.Contains(nameof(TypeEvenementDemande.SituationPrioritaireRefusee), types);
        await using var db = fx.Base(f);
        var actions = await db.Audit.AsNoTracking().Where(a => a.DemandeId == id).Select(a => a.Action).ToListAsync();
        Assert.Equal(3, actions.Count(a => a == ActionsAuditSituations.Declaration));
        Assert.Equal(1, actions.Count(a => a == ActionsAuditSituations.Validation));
        Assert.Equal(1, actions.Count(a => a == ActionsAuditSituations.Refus));
    }

    [Theory, DeuxBases]
    public async Task Une_situation_dont_le_justificatif_a_pris_fin_expire_au_traitement_quotidien_et_ne_compte_plus(string f)
    {
        var client = fx.App(f).ClientApi("bailleur");
        var numero = await DemandesApiTests.CreerAsync(fx.App(f).ClientApi("epci"), DemandesApiTests.Saisie("Expiras", handicap: false));
        var id = await IdAsync(f, numero);
        var total = await TotalStockeAsync(f, id);
        var url = $"/api/v1/demandes/{numero}/situations-prioritaires";
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync(url, new { critere = "f" })).StatusCode);
        var piece = await PieceAsync(client, numero, TypePiece(f, sensible: true));
        var hier = Aujourdhui(f).AddDays(-1).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var passe = await ProblemeAsync(await client.PostAsJsonAsync($"{url}/f/validation", new { piece, valableJusquau = hier }), HttpStatusCode.BadRequest);
        Assert.True(passe.GetProperty("errors").TryGetProperty("valableJusquau", out _));
        var fin = Aujourdhui(f).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync($"{url}/f/validation", new { piece, valableJusquau = fin })).StatusCode);
        var validee = await TotalStockeAsync(f, id);
        Assert.True(validee > total);

        // The daily run of today keeps it (valid through its last day); tomorrow's expires it and rescores the demand.
        using (var scope = fx.App(f).Services.CreateScope())
        {
            var service = scope.ServiceProvider.GetRequiredService<SituationsPrioritairesService>();
            var systeme = new Agent(TraitementRelances.Systeme.Value, TraitementRelances.NomSysteme, Role.AgentEpci, new Perimetre(Siren.Create(TerritoireSeeder.SirenTpm)));
            Assert.Equal(0, await service.ExpirerAsync(systeme, Aujourdhui(f), default));
            Assert.Equal(validee, await TotalStockeAsync(f, id));
            Assert.Equal(1, await service.ExpirerAsync(systeme, Aujourdhui(f).AddDays(1), default));
        }
        Assert.Equal(total, await TotalStockeAsync(f, id));
        var evenements = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}/evenements")).EnumerateArray().ToList();
        var expiration = Assert.Single(evenements, e => e.GetProperty("type").GetString() == nameof(TypeEvenementDemande.SituationPrioritaireExpiree));
        // The shared timeline never names a sensitive criterion.
        Assert.Contains("à accès restreint", expiration.GetProperty("resume").GetString()!, StringComparison.Ordinal);
        Assert.All(evenements, e => Assert.DoesNotContain("L441-1 f)", e.GetProperty("resume").GetString()!, StringComparison.Ordinal));
        var liste = await client.GetFromJsonAsync<JsonElement>(url);
        Assert.Equal("Expirée", liste.GetProperty("situations")[0].GetProperty("statut").GetString());
        await using var db = fx.Base(f);
        Assert.Equal(1, await db.Audit.AsNoTracking().CountAsync(a => a.DemandeId == id && a.Action == ActionsAuditSituations.Expiration));
    }

    [Theory, DeuxBases]
    public async Task Une_situation_sensible_n_est_montree_qu_aux_roles_habilites_et_seuls_les_agents_instructeurs_la_valident(string f)
    {
        var app = fx.App(f);
        var numero = await DemandesApiTests.CreerAsync(app.ClientApi("epci"), DemandesApiTests.Saisie("Restreinta"));
        var id = await IdAsync(f, numero);
        var page = $"/demandes/{numero}/situations-prioritaires";

        // A commune agent enters a violence situation through the page (a guichet receives the paper)…
        var commune = await app.ConnecterAsync("commune");
        var jeton = await LogisFactory.JetonAsync(commune, page);
        var saisie = await commune.PostAsync($"{page}?handler=Declarer", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Saisie.Critere"] = "f", ["__RequestVerificationToken"] = jeton,
        }));
        Assert.Equal(HttpStatusCode.Redirect, saisie.StatusCode);
        // …then sees only that a restricted situation exists, and may not validate it.
        var vue = await LogisFactory.DocumentAsync(await commune.GetAsync(page));
        Assert.Contains("1 situation à accès restreint", vue.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Aucune autre situation prioritaire.", vue.Body.TextContent, StringComparison.Ordinal);
        Assert.Empty(vue.QuerySelectorAll("table"));
        var refus = await commune.PostAsync($"{page}?handler=Valider", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["critere"] = "f", ["piece"] = Guid.NewGuid().ToString(), ["__RequestVerificationToken"] = await LogisFactory.JetonAsync(commune, page),
        }));
        Assert.Equal(HttpStatusCode.Forbidden, refus.StatusCode);

        // The EPCI agent sees it, and the read is in the journal.
        await using (var db = fx.Base(f))
        {
            var avant = await db.Audit.AsNoTracking().CountAsync(a => a.DemandeId == id && a.Action == ActionsAudit.LectureDonneesSensibles);
            var epci = await app.ConnecterAsync("epci");
            var doc = await LogisFactory.DocumentAsync(await epci.GetAsync(page));
            var ligne = Assert.Single(doc.QuerySelectorAll("table tbody tr"));
            Assert.Contains("L441-1 f)", ligne.TextContent, StringComparison.Ordinal);
            Assert.Contains("Déclarée, à justifier", ligne.TextContent, StringComparison.Ordinal);
            Assert.Equal(avant + 1, await db.Audit.AsNoTracking().CountAsync(a => a.DemandeId == id && a.Action == ActionsAudit.LectureDonneesSensibles));
            // The validation form lists the pieces: none yet, so the page says to deposit one first.
            Assert.Contains("déposez d'abord le justificatif", doc.Body!.TextContent, StringComparison.Ordinal);
        }

        // Through the API, a sensitive criterion the caller may not see is answered as unknown… for the EPCI key it exists.
        var api = app.ClientApi("epci");
        var liste = await api.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}/situations-prioritaires");
        Assert.Equal(0, liste.GetProperty("situationsRestreintes").GetInt32());
        Assert.Equal("f", liste.GetProperty("situations")[0].GetProperty("code").GetString());
    }

    [Theory, DeuxBases]
    public async Task La_page_saisit_une_decision_dalo_avec_ses_messages_par_champ_puis_la_valide_sur_piece(string f)
    {
        var app = fx.App(f);
        var numero = await DemandesApiTests.CreerAsync(app.ClientApi("epci"), DemandesApiTests.Saisie("Pagedalo"));
        var piece = await PieceAsync(app.ClientApi("epci"), numero, TypePiece(f, sensible: false));
        var page = $"/demandes/{numero}/situations-prioritaires";
        var agent = await app.ConnecterAsync("epci");
        Assert.Contains(page, await agent.GetStringAsync($"/demandes/{numero}"), StringComparison.Ordinal);

        async Task<HttpResponseMessage> PosterAsync(string handler, Dictionary<string, string> champs)
        {
            champs["__RequestVerificationToken"] = await LogisFactory.JetonAsync(agent, page);
            return await agent.PostAsync($"{page}?handler={handler}", new FormUrlEncodedContent(champs));
        }

        var erreur = await PosterAsync("Declarer", new() { ["Saisie.Critere"] = "dalo", ["Saisie.DaloReference"] = "COMED-1", ["Saisie.DaloDate"] = "31/02/2025" });
        Assert.Equal(HttpStatusCode.OK, erreur.StatusCode);
        var doc = await LogisFactory.DocumentAsync(erreur);
        Assert.Contains("jj/mm/aaaa", doc.GetElementById("situation-decisionDalo-date-erreur")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(doc.GetElementById("situation-decisionDalo-commission-erreur"));
        Assert.Equal("true", doc.GetElementById("situation-decisionDalo-date")!.GetAttribute("aria-invalid"));
        Assert.Equal("COMED-1", doc.GetElementById("situation-decisionDalo-reference")!.GetAttribute("value"));

        var date = Aujourdhui(f).AddDays(-3).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        var ok = await PosterAsync("Declarer", new()
        {
            ["Saisie.Critere"] = "dalo", ["Saisie.DaloReference"] = "COMED-1", ["Saisie.DaloDate"] = date, ["Saisie.DaloCommission"] = "Commission de médiation du Var",
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var fiche = await LogisFactory.DocumentAsync(await agent.GetAsync(page));
        Assert.Contains($"COMED-1 du {date}, Commission de médiation du Var", fiche.QuerySelector("table tbody tr")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(fiche.GetElementById("validation-dalo-piece"));

        Assert.Equal(HttpStatusCode.Redirect, (await PosterAsync("Valider", new() { ["critere"] = "dalo", ["piece"] = piece })).StatusCode);
        var validee = (await LogisFactory.DocumentAsync(await agent.GetAsync(page))).Body!.TextContent;
        Assert.Contains("Validée par un agent habilité", validee, StringComparison.Ordinal);
        Assert.Contains("la cotation de la demande est à jour", validee, StringComparison.Ordinal);
    }

    [Theory, DeuxBases]
    public async Task Les_situations_des_demandes_de_demonstration_sont_instruites_par_les_cas_d_usage(string f)
    {
        // The app seeds its demo demands when it starts: its clock starts it.
        var aujourdhui = Aujourdhui(f);
        await using var db = fx.Base(f);
        var tpm = Siren.Create(TerritoireSeeder.SirenTpm);
        var demo = await db.Demandes.AsNoTracking().AsSplitQuery()
            .Where(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == tpm && d.SituationsPrioritaires.Any())
            .ToListAsync();
        // The seeded demands (deposited before today), not those the other tests register today.
        demo = [.. demo.Where(d => d.DateDepot < aujourdhui)];
        var situations = demo.SelectMany(d => d.SituationsPrioritaires.Select(s => (Demande: d, Situation: s))).ToList();
        var validees = situations.Where(x => x.Situation.Statut == StatutJustification.ValideeParAgentHabilite).ToList();
        Assert.True(validees.Count > 0, $"{demo.Count} demandes, situations : " + string.Join(", ", situations.Select(x => $"{x.Situation.Critere}:{x.Situation.Statut}:{x.Demande.DateDepot}")));
        Assert.Contains(situations, x => x.Situation.Statut == StatutJustification.Declaree);
        // Every DALO decision of the demo is validated, with its decision.
        Assert.All(situations.Where(x => x.Situation.Critere == CriterePrioritaire.ReconnuDalo), x =>
        {
            Assert.NotNull(x.Situation.DecisionDalo);
            Assert.Equal(StatutJustification.ValideeParAgentHabilite, x.Situation.Statut);
        });
        // Each validation cites a piece deposited on that demand, is in its timeline and in the journal: the use cases did it.
        var ids = validees.Select(x => x.Demande.Id).Distinct().ToList();
        var piecesParDemande = (await db.Pieces.AsNoTracking().Select(p => new { p.Id, p.DemandeId }).ToListAsync())
            .Where(p => ids.Contains(p.DemandeId)).ToLookup(p => p.DemandeId, p => p.Id);
        var audit = (await db.Audit.AsNoTracking().Where(a => a.Action == ActionsAuditSituations.Validation).Select(a => a.DemandeId).ToListAsync())
            .OfType<DemandeId>().ToHashSet();
        Assert.All(validees, x =>
        {
            Assert.Contains(x.Situation.PieceId!.Value, piecesParDemande[x.Demande.Id]);
            Assert.Contains(x.Demande.Evenements, e => e.Type == TypeEvenementDemande.SituationPrioritaireValidee);
            Assert.Contains(x.Demande.Id, audit);
        });
    }
}
