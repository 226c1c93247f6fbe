using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Cli;
using Logis.Persistence.Relances;
using Logis.Tests.Infrastructure;
using Logis.Web.Features.Relances;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;
using Logis.Application.Relances;

namespace Logis.Web.Tests;

/// <summary>/relances, its message preview, « Lancer maintenant », GET /api/v1/relances and the CLI, role by role.</summary>
[Collection(CollectionApplications.Nom)]
public class RelancesPagesTests(ApplicationsFixture fx)
{
    private static string DepotPourRappelAujourdhui()
    {
        var aujourdhui = Horloges.Aujourdhui;
        // Valid until today + 19 days: the reminder (one month before) is due today.
        return aujourdhui.AddYears(-1).AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Aujourdhui()
    {
        return Horloges.Aujourdhui.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static object SaisieDue(string nom)
    {
        var json = JsonSerializer.SerializeToNode(DemandesApiTests.Saisie(nom))!.AsObject();
        json["dateDepot"] = DepotPourRappelAujourdhui();
        json["motifDateDepot"] = "Reprise d'un dossier papier (test)";
        return json;
    }

    [Theory]
    [InlineData("epci", HttpStatusCode.OK)]
    [InlineData("admin", HttpStatusCode.OK)]
    [InlineData("bailleur", HttpStatusCode.Forbidden)]
    [InlineData("reservataire", HttpStatusCode.Forbidden)]
    [InlineData("commune", HttpStatusCode.Forbidden)]
    public async Task La_page_est_reservee_aux_agents_de_l_epci_et_aux_administrateurs(string compte, HttpStatusCode attendu)
    {
        var app = fx.App(BasesDeTest.Sqlite);
        var client = await app.ConnecterAsync(compte);
        var r = await client.GetAsync("/relances");
        Assert.Equal(attendu, r.StatusCode);
        var doc = await LogisFactory.DocumentAsync(r);
        var bouton = doc.QuerySelectorAll("button").Any(b => b.TextContent.Contains("Lancer maintenant", StringComparison.Ordinal));
        Assert.Equal(compte == "epci", bouton);
        if (attendu == HttpStatusCode.OK) Assert.NotNull(doc.QuerySelector("#prevision"));
        else Assert.Contains("agents de l'intercommunalité", doc.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        // An unknown message: 404 for the roles that may see messages, 403 for the others.
        var inconnu = await client.GetAsync($"/relances/messages/{Guid.NewGuid()}");
        Assert.Equal(attendu == HttpStatusCode.OK ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden, inconnu.StatusCode);
    }

    /// <summary>Whether the list of messages with this status shows the demand's number, on any of its pages (until a page without rows).</summary>
    private static async Task<bool> ListeMontreAsync(HttpClient agent, string statut, string numero)
    {
        for (var page = 1; page <= 200; page++)
        {
            var liens = (await LogisFactory.DocumentAsync(await agent.GetAsync($"/relances?statut={statut}&page={page}"))).QuerySelectorAll("#messages tbody a");
            if (liens.Any(a => a.TextContent == numero)) return true;
            if (liens.Length == 0) return false;
        }
        return false;
    }

    [Fact]
    public async Task Un_anonyme_est_renvoye_a_la_connexion_et_l_api_repond_401()
    {
        var app = fx.App(BasesDeTest.Sqlite);
        var page = await app.Client().GetAsync("/relances");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/connexion", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.Client().GetAsync("/api/v1/relances")).StatusCode);
    }

    [Theory, DeuxBases]
    public async Task Un_agent_de_l_epci_lance_le_traitement_voit_le_resultat_et_l_apercu_du_message(string f)
    {
        var app = fx.App(f);
        var numero = await DemandesApiTests.CreerAsync(app.ClientApi("epci"), SaisieDue("Relancetest"));
        var agent = await app.ConnecterAsync("epci");
        var avant = await LogisFactory.DocumentAsync(await agent.GetAsync("/relances"));
        Assert.True(int.Parse(avant.QuerySelector("#prevision [data-type=RappelRenouvellement] dd")!.TextContent, System.Globalization.CultureInfo.InvariantCulture) >= 1);

        // The administrator reads but cannot launch: 403 with the reason.
        var admin = await app.ConnecterAsync("admin");
        var jetonAdmin = await LogisFactory.JetonAsync(admin, "/relances");
        var refus = await admin.PostAsync("/relances", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = jetonAdmin, ["jour"] = Aujourdhui() }));
        Assert.Equal(HttpStatusCode.Forbidden, refus.StatusCode);
        Assert.Contains("non de lancer", (await LogisFactory.DocumentAsync(refus)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);

        // Without the antiforgery token: refused.
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.PostAsync("/relances", new FormUrlEncodedContent([]))).StatusCode);

        // A form without its day (or with another day) launches nothing.
        var jeton = await LogisFactory.JetonAsync(agent, "/relances");
        var sansJour = await agent.PostAsync("/relances", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = jeton, ["jour"] = "2020-01-01" }));
        Assert.Equal(HttpStatusCode.BadRequest, sansJour.StatusCode);
        Assert.Contains("rechargez la page", (await LogisFactory.DocumentAsync(sansJour)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);

        var lancement = await agent.PostAsync("/relances", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = jeton, ["jour"] = Aujourdhui() }));
        Assert.Equal(HttpStatusCode.Redirect, lancement.StatusCode);
        var resultat = await LogisFactory.DocumentAsync(await agent.GetAsync(lancement.Headers.Location!.OriginalString));
        Assert.Contains("terminé", resultat.QuerySelector("#resultat-traitement")!.TextContent, StringComparison.Ordinal);

        var fiche = await LogisFactory.DocumentAsync(await agent.GetAsync($"/demandes/{numero}"));
        Assert.Contains("Avis de renouvellement envoyé", fiche.Body!.TextContent, StringComparison.Ordinal);

        Guid id;
        await using (var db = fx.Base(f))
        {
            var messages = await db.Messages.AsNoTracking().Where(m => m.Numero == numero).ToListAsync();
            Assert.Equal(2, messages.Count); // letter and SMS; the Journal sender of the tests marks them sent
            Assert.All(messages, m => Assert.Equal(StatutMessage.Envoye, m.Statut));
            id = messages.Single(m => m.Canal == Domain.Relances.CanalMessage.CourrierPostal).Id;
        }
        var apercu = await agent.GetAsync($"/relances/messages/{id}");
        Assert.Equal(HttpStatusCode.OK, apercu.StatusCode);
        var doc = await LogisFactory.DocumentAsync(apercu);
        Assert.Contains(numero, doc.QuerySelector("#sujet")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("12 rue des Tests", doc.QuerySelector("#destinataire")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(DemandesApiTests.NirComplet, doc.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/relances/messages/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await app.ConnecterAsync("bailleur")).GetAsync($"/relances/messages/{id}")).StatusCode);

        // The demo's notices of the day are sent by the same run: the demand's messages may be on a later page of the list.
        Assert.True(await ListeMontreAsync(agent, "envoye", numero), "message envoyé absent de la liste");
        Assert.False(await ListeMontreAsync(agent, "echec", numero), "message envoyé listé en échec");

        // A second launch the same day does nothing more for this demand.
        jeton = await LogisFactory.JetonAsync(agent, "/relances");
        Assert.Equal(HttpStatusCode.Redirect, (await agent.PostAsync("/relances",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = jeton, ["jour"] = Aujourdhui() }))).StatusCode);
        await using (var db = fx.Base(f))
            Assert.Equal(2, await db.Messages.CountAsync(m => m.Numero == numero));

        // A sent message cannot be put back in the queue; a failed one can, by an EPCI agent, audited.
        Assert.Null(doc.QuerySelector("#reprendre"));
        await using (var db = fx.Base(f))
        {
            var message = await db.Messages.SingleAsync(m => m.Id == id);
            message.NoterEchec(Horloges.Reference.UtcDateTime, "Adresse postale introuvable", tentativesMax: 1, TimeSpan.FromMinutes(1));
            await db.SaveChangesAsync();
        }
        var page = $"/relances/messages/{id}";
        Assert.NotNull((await LogisFactory.DocumentAsync(await agent.GetAsync(page))).QuerySelector("#reprendre"));
        Assert.Null((await LogisFactory.DocumentAsync(await admin.GetAsync(page))).QuerySelector("#reprendre"));
        var jetonMessage = await LogisFactory.JetonAsync(agent, page);
        var reprise = await agent.PostAsync($"{page}?handler=Reprendre", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = jetonMessage }));
        Assert.Equal(HttpStatusCode.Redirect, reprise.StatusCode);
        var apres = await LogisFactory.DocumentAsync(await agent.GetAsync(reprise.Headers.Location!.OriginalString));
        Assert.NotNull(apres.QuerySelector("#repris"));
        await using (var db = fx.Base(f))
        {
            var message = await db.Messages.AsNoTracking().SingleAsync(m => m.Id == id);
            Assert.Equal((StatutMessage.AEnvoyer, 0), (message.Statut, message.Tentatives));
            var audit = await db.Audit.AsNoTracking().SingleAsync(a => a.Action == ActionsAuditRelances.MessageRepris && a.DemandeId == message.DemandeId);
            Assert.Equal("Courrier postal", audit.Detail);
        }
        var encore = await agent.PostAsync($"{page}?handler=Reprendre", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = jetonMessage }));
        Assert.Equal(HttpStatusCode.Conflict, encore.StatusCode);
        Assert.Contains("n'est pas en échec", (await LogisFactory.DocumentAsync(encore)).QuerySelector("#erreur")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("epci", HttpStatusCode.OK)]
    [InlineData("bailleur", HttpStatusCode.Forbidden)]
    public async Task L_api_donne_les_derniers_passages_et_les_messages_en_attente(string compte, HttpStatusCode attendu)
    {
        var r = await fx.App(BasesDeTest.Postgres).ClientApi(compte).GetAsync("/api/v1/relances");
        Assert.Equal(attendu, r.StatusCode);
        if (attendu != HttpStatusCode.OK)
        {
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            return;
        }
        var json = await r.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(JsonValueKind.Array, json.GetProperty("executions").ValueKind);
        Assert.True(json.GetProperty("messagesAEnvoyer").GetInt32() >= 0);
        Assert.Contains(json.GetProperty("prevision").EnumerateArray(), p => p.GetProperty("type").GetString() == "RappelRenouvellement");
    }

    [Fact]
    public async Task La_commande_purger_compte_en_essai_sans_rien_supprimer_et_refuse_une_duree_ou_une_date_hors_regle()
    {
        await using var db = fx.Base(BasesDeTest.Sqlite);
        var demandes = await db.Demandes.CountAsync();
        var sortie = new StringWriter();
        // Far in the future: every demand radiated so far would go; a dry run only counts them.
        Assert.Equal(0, await CommandesRelances.PurgerAsync(db, 12, "2099-01-01", essai: true, Horloges.Fixe(), sortie, TextWriter.Null, CancellationToken.None));
        Assert.Contains("Rien n'a été supprimé", sortie.ToString(), StringComparison.Ordinal);
        Assert.Equal(demandes, await db.Demandes.CountAsync());

        var erreurs = new StringWriter();
        Assert.Equal(2, await CommandesRelances.PurgerAsync(db, 24, null, essai: true, Horloges.Fixe(), sortie, erreurs, CancellationToken.None));
        Assert.Equal(2, await CommandesRelances.PurgerAsync(db, 12, "01/01/2099", essai: true, Horloges.Fixe(), sortie, erreurs, CancellationToken.None));
        Assert.Contains("de 1 à 12 mois", erreurs.ToString(), StringComparison.Ordinal);
        Assert.Contains("AAAA-MM-JJ", erreurs.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task La_commande_relancer_en_essai_liste_sans_rien_ecrire_et_refuse_une_date_mal_formee()
    {
        var app = fx.App(BasesDeTest.Sqlite);
        var numero = await DemandesApiTests.CreerAsync(app.ClientApi("epci"), SaisieDue("Clitest"));
        var sortie = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(sortie), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        var expediteur = new ExpediteurJournal(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        await using (var db = fx.Base(BasesDeTest.Sqlite))
        {
            var messagesAvant = await db.Messages.CountAsync();
            Assert.Equal(0, await CommandesRelances.RelancerAsync(db, null, essai: true, "248300543", Horloges.Fixe(), expediteur, console, TextWriter.Null, CancellationToken.None));
            Assert.Equal(messagesAvant, await db.Messages.CountAsync());
        }
        var texte = sortie.ToString();
        Assert.Contains(numero, texte, StringComparison.Ordinal);
        Assert.Contains("Rien n'a été écrit", texte, StringComparison.Ordinal);

        var erreurs = new StringWriter();
        await using (var db = fx.Base(BasesDeTest.Sqlite))
            Assert.Equal(2, await CommandesRelances.RelancerAsync(db, "28/11/2026", false, null, Horloges.Fixe(), expediteur, console, erreurs, CancellationToken.None));
        Assert.Contains("AAAA-MM-JJ", erreurs.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Le_traitement_planifie_est_du_une_fois_par_jour_apres_l_heure()
    {
        var heure = new TimeOnly(6, 0);
        DateTimeOffset Le(int jour, int h) => new(2026, 11, jour, h, 0, 0, TimeSpan.FromHours(1));
        Assert.False(Planification.RelancesDues(Le(28, 5), heure, null));
        Assert.True(Planification.RelancesDues(Le(28, 6), heure, null));
        Assert.True(Planification.RelancesDues(Le(28, 14), heure, new DateOnly(2026, 11, 27))); // catch-up after a stop
        Assert.False(Planification.RelancesDues(Le(28, 14), heure, new DateOnly(2026, 11, 28)));
    }

    [Fact]
    public void Un_reglage_mal_forme_empeche_le_demarrage_avec_un_message_clair()
    {
        var e = Assert.Throws<InvalidOperationException>(() => new OptionsRelances { Heure = "6h" }.Valider());
        Assert.Contains("Logis:Relances:Heure", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => new OptionsRelances { Expediteur = "Smtp" }.Valider());
        new OptionsRelances { HeureRecalculCotation = "" }.Valider();
        var conservation = Assert.Throws<InvalidOperationException>(() => new OptionsRelances { ConservationDemandesMois = 36 }.Valider());
        Assert.Contains("ConservationDemandesMois", conservation.Message, StringComparison.Ordinal);
    }
}
