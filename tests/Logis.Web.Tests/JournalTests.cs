using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Cli;
using Logis.Domain.Territoire;
using Logis.Persistence.Demandes;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Logis.Application.Journal;

namespace Logis.Web.Tests;

/// <summary>The audit journal of the EPCI: filters, paging, CSV export, access per role, append-only rows, retention purge.</summary>
[Collection(CollectionApplications.Nom)]
public class JournalTests(ApplicationsFixture fx)
{
    private static readonly Siren Tpm = Siren.Create(TerritoireSeeder.SirenTpm);

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage r, HttpStatusCode attendu)
    {
        Assert.Equal(attendu, r.StatusCode);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Theory, DeuxBases]
    public async Task Le_journal_se_filtre_se_pagine_et_reste_dans_l_epci(string f)
    {
        var epci = fx.App(f).ClientApi("epci");
        var horloge = fx.App(f).Horloge;
        var numero = await DemandesApiTests.CreerAsync(epci, DemandesApiTests.Saisie("Journalfiltre"));
        horloge.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await epci.GetAsync($"/api/v1/demandes/{numero}")).StatusCode);
        horloge.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await epci.GetAsync($"/api/v1/demandes/{numero}")).StatusCode);

        var tout = await epci.GetFromJsonAsync<JsonElement>($"/api/v1/journal?numero={numero}");
        Assert.Equal(3, tout.GetProperty("total").GetInt32());
        var actions = tout.GetProperty("elements").EnumerateArray().Select(e => e.GetProperty("action").GetString()).ToList();
        Assert.Equal([ActionsAudit.LectureDonneesSensibles, ActionsAudit.LectureDonneesSensibles, ActionsAudit.Enregistrement], actions);
        Assert.All(tout.GetProperty("elements").EnumerateArray(), e => Assert.Equal(numero, e.GetProperty("numero").GetString()));

        var lectures = await epci.GetFromJsonAsync<JsonElement>($"/api/v1/journal?numero={numero}&action={ActionsAudit.LectureDonneesSensibles}");
        Assert.Equal(2, lectures.GetProperty("total").GetInt32());
        var page2 = await epci.GetFromJsonAsync<JsonElement>($"/api/v1/journal?numero={numero}&page=2&taillePage=2");
        Assert.Equal(3, page2.GetProperty("total").GetInt32());
        Assert.Equal(ActionsAudit.Enregistrement, page2.GetProperty("elements").EnumerateArray().Single().GetProperty("action").GetString());

        var aujourdhui = Horloges.Aujourdhui;
        string J(DateOnly d) => d.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(3, (await epci.GetFromJsonAsync<JsonElement>($"/api/v1/journal?numero={numero}&du={J(aujourdhui)}&au={J(aujourdhui)}")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await epci.GetFromJsonAsync<JsonElement>($"/api/v1/journal?numero={numero}&du={J(aujourdhui.AddDays(1))}")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await epci.GetFromJsonAsync<JsonElement>($"/api/v1/journal?numero={numero}&au={aujourdhui.AddDays(-1):yyyy-MM-dd}")).GetProperty("total").GetInt32());

        // Another EPCI's row with a unique author is never shown; the same author in TPM is.
        var auteur = "Auteur-" + Guid.NewGuid().ToString("N")[..8];
        await using (var db = fx.Base(f))
        {
            db.Audit.Add(new EntreeAudit { Quand = Horloges.Reference, AuteurId = Guid.NewGuid(), Auteur = auteur, Organisation = "Autre EPCI", Action = ActionsAudit.Import, EpciSiren = Siren.Create("200054807") });
            db.Audit.Add(new EntreeAudit { Quand = Horloges.Reference, AuteurId = Guid.NewGuid(), Auteur = auteur, Organisation = "Toulon", Action = ActionsAudit.Import, EpciSiren = Tpm });
            await db.SaveChangesAsync();
        }
        var parAuteur = await epci.GetFromJsonAsync<JsonElement>($"/api/v1/journal?auteur={auteur.ToLowerInvariant()}");
        Assert.Equal("Toulon", parAuteur.GetProperty("elements").EnumerateArray().Single().GetProperty("organisation").GetString());
        Assert.Equal(1, (await epci.GetFromJsonAsync<JsonElement>($"/api/v1/journal?auteur={auteur}&organisation=TOUL")).GetProperty("total").GetInt32());
        Assert.Equal(0, (await epci.GetFromJsonAsync<JsonElement>($"/api/v1/journal?auteur={auteur}&organisation=autre")).GetProperty("total").GetInt32());

        // Wrong filters: 400 ProblemDetails with a French message per field.
        var erreurs = (await JsonAsync(await epci.GetAsync("/api/v1/journal?du=31/02/2026&au=2026-13-01&action=inconnue&numero=123&page=0&taillePage=500"), HttpStatusCode.BadRequest)).GetProperty("errors");
        foreach (var champ in new[] { "du", "au", "action", "numero", "page", "taillePage" }) Assert.True(erreurs.TryGetProperty(champ, out _), champ);
        Assert.Contains("JJ/MM/AAAA", erreurs.GetProperty("du")[0].GetString()!, StringComparison.Ordinal);
        var ordre = (await JsonAsync(await epci.GetAsync("/api/v1/journal?du=02/09/2026&au=01/09/2026"), HttpStatusCode.BadRequest)).GetProperty("errors");
        Assert.Contains("postérieure", ordre.GetProperty("au")[0].GetString()!, StringComparison.Ordinal);
    }

    [Theory, DeuxBases]
    public async Task L_export_csv_ne_contient_aucun_contenu_et_est_lui_meme_journalise(string f)
    {
        var epci = fx.App(f).ClientApi("epci");
        var numero = await DemandesApiTests.CreerAsync(epci, DemandesApiTests.Saisie("Journalexport"));
        await epci.GetStringAsync($"/api/v1/demandes/{numero}");

        var r = await epci.GetAsync($"/api/v1/journal/export?numero={numero}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal("text/csv", r.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("attachment", r.Content.Headers.ContentDisposition?.ToString(), StringComparison.Ordinal);
        var csv = await r.Content.ReadAsStringAsync();
        var lignes = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("quand,auteur,organisation,action,libelle,numero_demande,detail", lignes[0]);
        Assert.Equal(3, lignes.Length);
        Assert.All(lignes.Skip(1), l => Assert.Contains(numero, l, StringComparison.Ordinal));
        Assert.DoesNotContain(DemandesApiTests.NirComplet, csv, StringComparison.Ordinal);
        Assert.DoesNotContain("*************91", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Journalexport", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("rue des Tests", csv, StringComparison.Ordinal);

        await using var db = fx.Base(f);
        var export = await db.Audit.AsNoTracking().Where(a => a.Action == ActionsAudit.ExportJournal && a.Detail!.Contains(numero)).ToListAsync();
        var ligne = Assert.Single(export);
        Assert.Equal(Tpm, ligne.EpciSiren);
        var apres = await epci.GetFromJsonAsync<JsonElement>($"/api/v1/journal?action={ActionsAudit.ExportJournal}&taillePage=200");
        Assert.Contains(apres.GetProperty("elements").EnumerateArray(), e => e.GetProperty("detail").GetString()!.Contains(numero, StringComparison.Ordinal));
    }

    /// <summary>The ends of the calendar are a 400 with a French message, on the query, the export and the page; a refused export is not recorded.</summary>
    [Theory, DeuxBases]
    public async Task Les_dates_extremes_sont_refusees_sans_ligne_d_export(string f)
    {
        var epci = fx.App(f).ClientApi("epci");
        var auteur = $"Extremes{f}";
        int Exports()
        {
            using var db = fx.Base(f);
            return db.Audit.Count(a => a.Action == ActionsAudit.ExportJournal && a.Detail!.Contains(auteur));
        }
        var avant = Exports();
        foreach (var (du, au) in new[] { ("", "31/12/9999"), ("01/01/0001", ""), ("9999-12-31", ""), ("", "0001-01-01") })
        {
            foreach (var route in new[] { "/api/v1/journal", "/api/v1/journal/export" })
            {
                var erreurs = (await JsonAsync(await epci.GetAsync($"{route}?du={du}&au={au}&auteur={auteur}"), HttpStatusCode.BadRequest)).GetProperty("errors");
                var champ = du.Length > 0 ? "du" : "au";
                Assert.Contains("doit être comprise entre le 01/01/2000 et le 31/12/2100", erreurs.GetProperty(champ)[0].GetString()!, StringComparison.Ordinal);
            }
        }
        Assert.Equal(avant, Exports());
        var page = await (await fx.App(f).ConnecterAsync("epci")).GetAsync("/journal?au=31/12/9999");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("doit être comprise entre", (await LogisFactory.DocumentAsync(page)).QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        // The bounds themselves are accepted.
        Assert.Equal(HttpStatusCode.OK, (await epci.GetAsync($"/api/v1/journal/export?du=01/01/2000&au=31/12/2100&auteur={auteur}")).StatusCode);
        Assert.Equal(avant + 1, Exports());
    }

    [Theory, DeuxBases]
    public async Task La_page_du_journal_filtre_et_annonce_les_erreurs_en_francais(string f)
    {
        var client = await fx.App(f).ConnecterAsync("epci");
        var numero = await DemandesApiTests.CreerAsync(fx.App(f).ClientApi("epci"), DemandesApiTests.Saisie("Journalpage"));
        var doc = await LogisFactory.DocumentAsync(await client.GetAsync($"/journal?numero={numero}"));
        Assert.Contains("Entrées du journal : 1", doc.QuerySelector("table caption")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(doc.QuerySelectorAll("a"), a => a.GetAttribute("href")!.StartsWith($"/api/v1/journal/export?", StringComparison.Ordinal));
        Assert.Contains(doc.QuerySelectorAll("nav a"), a => a.GetAttribute("href") == "/journal");

        var r = await client.GetAsync("/journal?du=32/01/2026&au=01/01/2026");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        doc = await LogisFactory.DocumentAsync(r);
        var alerte = doc.QuerySelector("[role=alert]")!;
        Assert.Contains("La date de début n'est pas une date valide", alerte.TextContent, StringComparison.Ordinal);
        Assert.Equal("#du", alerte.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("true", doc.GetElementById("du")!.GetAttribute("aria-invalid"));
        Assert.Null(doc.QuerySelector("table"));
    }

    public static TheoryData<string> Roles => new() { "epci", "bailleur", "bailleur2", "reservataire", "commune", "admin", "anonyme" };

    [Theory, MemberData(nameof(Roles))]
    public async Task Seuls_les_agents_de_l_epci_ouvrent_le_journal(string compte)
    {
        var app = fx.App(BasesDeTest.Sqlite);
        var client = compte == "anonyme" ? app.Client() : await app.ConnecterAsync(compte);
        var ecarts = new List<string>();
        foreach (var url in new[] { "/journal", "/api/v1/journal", "/api/v1/journal/export" })
        {
            var r = await client.GetAsync(url);
            var attendu = compte switch
            {
                "anonyme" => url.StartsWith("/api", StringComparison.Ordinal) ? HttpStatusCode.Unauthorized : HttpStatusCode.Redirect,
                "epci" => HttpStatusCode.OK,
                _ => HttpStatusCode.Forbidden,
            };
            if (r.StatusCode != attendu) ecarts.Add($"{url} : attendu {(int)attendu}, obtenu {(int)r.StatusCode}");
            if (compte == "anonyme" && !url.StartsWith("/api", StringComparison.Ordinal) && r.Headers.Location?.OriginalString.Contains("/connexion", StringComparison.Ordinal) != true)
                ecarts.Add($"{url} : pas de renvoi vers la connexion");
        }
        Assert.True(ecarts.Count == 0, $"{compte} : " + string.Join(" ; ", ecarts));
        // A partner system of a bailleur is refused too (403 ProblemDetails).
        var bailleur = app.ClientApi("bailleur");
        var refus = await bailleur.GetAsync("/api/v1/journal");
        Assert.Equal(HttpStatusCode.Forbidden, refus.StatusCode);
        Assert.Equal("application/problem+json", refus.Content.Headers.ContentType?.MediaType);
    }

    [Theory, DeuxBases]
    public async Task Le_journal_est_en_ajout_seul_et_la_purge_supprime_ce_qui_depasse_la_duree(string f)
    {
        var maintenant = Horloges.Reference;
        var auteur = "Purge-" + Guid.NewGuid().ToString("N")[..8];
        await using (var db = fx.Base(f))
        {
            db.Audit.Add(new EntreeAudit { Quand = maintenant.AddMonths(-13), AuteurId = Guid.NewGuid(), Auteur = auteur, Organisation = "Ancienne", Action = ActionsAudit.Import, EpciSiren = Tpm });
            db.Audit.Add(new EntreeAudit { Quand = maintenant.AddMonths(-11), AuteurId = Guid.NewGuid(), Auteur = auteur, Organisation = "Recente", Action = ActionsAudit.Import, EpciSiren = Tpm });
            await db.SaveChangesAsync();
        }
        await using (var db = fx.Base(f))
        {
            // Append-only: neither a change nor a deletion of a row goes through the application.
            var ligne = await db.Audit.FirstAsync(a => a.Auteur == auteur);
            db.Audit.Remove(ligne);
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();
            var autre = await db.Audit.FirstAsync(a => a.Auteur == auteur);
            db.Entry(autre).Property(a => a.Action).CurrentValue = "demande.autre";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }
        await using (var db = fx.Base(f))
        {
            Assert.Equal(2, await db.Audit.CountAsync(a => a.Auteur == auteur));
            var sortie = new StringWriter();
            Assert.Equal(2, await CommandesJournal.PurgerAsync(db, 24, Horloges.Fixe(maintenant), sortie, new StringWriter(), CancellationToken.None));
            Assert.Equal(0, await CommandesJournal.PurgerAsync(db, 12, Horloges.Fixe(maintenant), sortie, new StringWriter(), CancellationToken.None));
            Assert.Contains("supprimée(s)", sortie.ToString(), StringComparison.Ordinal);
            Assert.Equal(["Recente"], await db.Audit.Where(a => a.Auteur == auteur).Select(a => a.Organisation).ToListAsync());
            // Idempotent: a second run deletes nothing more, and is recorded too.
            var second = await new PurgeJournal(db, Horloges.Fixe(maintenant.AddSeconds(1))).PurgerAsync(12);
            Assert.Equal(0, second.Supprimees);
            Assert.Equal(["Recente"], await db.Audit.Where(a => a.Auteur == auteur).Select(a => a.Organisation).ToListAsync());
            var purges = await db.Audit.AsNoTracking().Where(a => a.Action == ActionsAudit.PurgeJournal && a.EpciSiren == Tpm && a.Quand >= maintenant).ToListAsync();
            Assert.True(purges.Count >= 2);
            Assert.Contains(purges, p => p.Detail!.StartsWith("0 entrée", StringComparison.Ordinal));
        }
    }
}
