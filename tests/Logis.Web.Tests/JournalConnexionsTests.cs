using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Application.Acces;
using Logis.Application.Espace;
using Logis.Domain.Territoire;
using Logis.Persistence.Acces;
using Logis.Persistence.Espace;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Logis.Web.Tests;

/// <summary>
/// The sign-in journal (docs/protection-des-donnees.md §2 item 17): every sign-in, failure, lock-out and sign-out of an agent or an
/// applicant is a row of the EPCI's audit journal, with the account (an unknown identifier only by its fingerprint), the IP address and
/// the browser, never the password; the EPCI's agents read and export it like the rest of the journal.
/// </summary>
[Collection(CollectionApplications.Nom)]
public class JournalConnexionsTests(ApplicationsFixture fx)
{
    private const string Navigateur = "NavigateurCanari/4.2";
    private const string Secret = "MotDePasseCanari-";

    [Theory, DeuxBases]
    public async Task Les_connexions_d_un_agent_sont_au_journal_sans_mot_de_passe(string f)
    {
        var app = fx.App(f);
        var identifiant = await ComptesTests.CreerCompteAsync(fx, f);
        var client = app.Client();
        client.DefaultRequestHeaders.UserAgent.ParseAdd(Navigateur);
        Assert.Equal(HttpStatusCode.Redirect, (await LogisFactory.Connexion(client, identifiant, TerritoireSeeder.MotDePasseDemo)).StatusCode);
        var jeton = await LogisFactory.JetonAsync(client, "/compte/mot-de-passe");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/deconnexion",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = jeton }))).StatusCode);
        for (var i = 0; i < Utilisateur.EchecsAvantVerrouillage + 1; i++) await LogisFactory.Connexion(client, identifiant, Secret + i);
        var inconnu = $"Inconnu-{Guid.NewGuid():N}@tpm.demo";
        await LogisFactory.Connexion(client, inconnu, Secret + "inconnu");

        await using var db = fx.Base(f);
        var id = await db.Utilisateurs.Where(u => u.Identifiant == identifiant).Select(u => u.Id).SingleAsync();
        var empreinte = JournalConnexions.Empreinte(inconnu);
        var lignes = await db.Audit.AsNoTracking().Where(a => a.AuteurId == id || a.Auteur == empreinte).ToListAsync();
        var actions = lignes.Where(l => l.AuteurId == id).Select(l => l.Action).Order(StringComparer.Ordinal).ToList();
        List<string> attendues =
        [
            ActionsAuditConnexion.Reussie, ActionsAuditConnexion.Deconnexion, ActionsAuditConnexion.Verrouillage,
            .. Enumerable.Repeat(ActionsAuditConnexion.Echec, Utilisateur.EchecsAvantVerrouillage),
        ];
        Assert.Equal(attendues.Order(StringComparer.Ordinal), actions);
        // The last attempt, on the locked account, says so.
        Assert.Single(lignes, l => l.Action == ActionsAuditConnexion.Echec && l.Detail!.Contains("compte verrouillé", StringComparison.Ordinal));
        var sien = await db.Utilisateurs.Where(u => u.Id == id).Select(u => u.BailleurId).SingleAsync();
        var bailleur = await db.Bailleurs.Where(b => b.Id == sien).Select(b => b.Nom).SingleAsync();
        Assert.All(lignes.Where(l => l.AuteurId == id), l => Assert.Equal(("Compte de test", bailleur), (l.Auteur, l.Organisation)));
        var inconnue = Assert.Single(lignes, l => l.Auteur == empreinte);
        Assert.Equal(ActionsAuditConnexion.Echec, inconnue.Action);
        Assert.Equal(Guid.Empty, inconnue.AuteurId);
        Assert.All(lignes, l =>
        {
            Assert.Equal(TerritoireSeeder.SirenTpm, l.EpciSiren?.Value);
            Assert.Contains($"navigateur {Navigateur}", l.Detail!, StringComparison.Ordinal);
            Assert.Contains("IP ", l.Detail!, StringComparison.Ordinal);
            foreach (var texte in new[] { l.Auteur, l.Organisation, l.Detail! })
            {
                Assert.DoesNotContain(Secret, texte, StringComparison.Ordinal);
                Assert.DoesNotContain(TerritoireSeeder.MotDePasseDemo, texte, StringComparison.Ordinal);
                Assert.DoesNotContain(inconnu.ToLowerInvariant(), texte.ToLowerInvariant(), StringComparison.Ordinal);
            }
        });

        // The EPCI reads them in its journal (API, page) and exports them.
        var epci = app.ClientApi("epci");
        var api = await epci.GetFromJsonAsync<JsonElement>($"/api/v1/journal?auteur={Uri.EscapeDataString(empreinte)}&action={ActionsAuditConnexion.Echec}");
        Assert.Equal(1, api.GetProperty("total").GetInt32());
        // The page's text, accented letters decoded (Razor encodes them).
        var page = WebUtility.HtmlDecode(await (await app.ConnecterAsync("epci")).GetStringAsync($"/journal?auteur={Uri.EscapeDataString(empreinte)}"));
        Assert.Contains(empreinte, page, StringComparison.Ordinal);
        Assert.Contains("Connexion refusée", page, StringComparison.Ordinal);
        var export = await epci.GetStringAsync($"/api/v1/journal/export?auteur={Uri.EscapeDataString(empreinte)}");
        Assert.Contains(empreinte, export, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, export, StringComparison.Ordinal);
    }

    [Theory, DeuxBases]
    public async Task Les_connexions_d_un_demandeur_sont_au_journal_sans_mot_de_passe(string f)
    {
        var app = fx.App(f);
        var epci = Siren.Create(TerritoireSeeder.SirenTpm);
        var courriel = $"journal-{Guid.NewGuid():N}@exemple.fr";
        Guid id;
        await using (var db = fx.Base(f))
        {
            var compte = new CompteDemandeur
            {
                Id = Guid.NewGuid(), EpciSiren = epci, Courriel = courriel, MotDePasseHache = Secrets.HacherMotDePasse(TerritoireSeeder.MotDePasseDemo),
                CreeLe = DateTimeOffset.UnixEpoch, CourrielConfirmeLe = DateTimeOffset.UnixEpoch,
            };
            db.ComptesDemandeurs.Add(compte);
            await db.SaveChangesAsync();
            id = compte.Id;
        }
        var inconnu = $"inconnu-{Guid.NewGuid():N}@exemple.fr";
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var comptes = scope.ServiceProvider.GetRequiredService<ComptesDemandeurs>();
            Assert.True((await comptes.ConnecterAsync(epci, courriel, TerritoireSeeder.MotDePasseDemo, "https://logis.test", default)).EstReussi);
            await comptes.DeconnecterAsync(id);
            for (var i = 0; i < CompteDemandeur.EchecsAvantVerrouillage + 1; i++)
                Assert.False((await comptes.ConnecterAsync(epci, courriel, Secret + i, "https://logis.test", default)).EstReussi);
            Assert.False((await comptes.ConnecterAsync(epci, inconnu, Secret, "https://logis.test", default)).EstReussi);
        }
        await using var lecture = fx.Base(f);
        var empreinte = JournalConnexions.Empreinte(inconnu);
        var lignes = await lecture.Audit.AsNoTracking().Where(a => a.AuteurId == id || a.Auteur == empreinte).ToListAsync();
        List<string> attendues =
        [
            ActionsAuditConnexion.Reussie, ActionsAuditConnexion.Deconnexion, ActionsAuditConnexion.Verrouillage,
            .. Enumerable.Repeat(ActionsAuditConnexion.Echec, CompteDemandeur.EchecsAvantVerrouillage),
        ];
        Assert.Equal(attendues.Order(StringComparer.Ordinal), lignes.Where(l => l.AuteurId == id).Select(l => l.Action).Order(StringComparer.Ordinal));
        Assert.Equal(ActionsAuditConnexion.Echec, Assert.Single(lignes, l => l.Auteur == empreinte).Action);
        Assert.All(lignes, l =>
        {
            Assert.Equal(JournalConnexions.OrganisationEspace, l.Organisation);
            Assert.Equal(epci, l.EpciSiren);
            Assert.DoesNotContain(Secret, l.Detail!, StringComparison.Ordinal);
            Assert.DoesNotContain(inconnu, l.Auteur + l.Detail, StringComparison.Ordinal);
        });
        Assert.All(lignes.Where(l => l.AuteurId == id), l => Assert.Equal(courriel, l.Auteur));
    }
}
