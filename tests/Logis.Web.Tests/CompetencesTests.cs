using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Domain.Demandes;
using Logis.Persistence.Seed;
using Logis.Domain.Territoire;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Logis.Web.Tests;

/// <summary>The competence table enforced by the use cases through the API and the pages, and shown on « Qui peut faire quoi ».</summary>
[Collection(CollectionApplications.Nom)]
public class CompetencesTests(ApplicationsFixture fx)
{
    private static async Task<string> DetailAsync(HttpResponseMessage r, HttpStatusCode attendu)
    {
        Assert.Equal(attendu, r.StatusCode);
        return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
    }

    /// <summary>Signs the commune's agent in, after lifting a lock-out left by the security test (same account, same collection).</summary>
    private async Task<HttpClient> CommuneAsync(string f)
    {
        await using (var db = fx.Base(f))
        {
            await db.Utilisateurs.Where(x => x.Identifiant == "commune@tpm.demo")
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.EchecsConnexion, 0).SetProperty(u => u.VerrouilleJusqua, (DateTimeOffset?)null));
        }
        return await fx.App(f).ConnecterAsync("commune");
    }

    private static Task<HttpResponseMessage> Radier(HttpClient c, string numero, string motif) =>
        c.PostAsJsonAsync($"/api/v1/demandes/{numero}/radiation", new { motif });

    [Theory, DeuxBases]
    public async Task Chaque_motif_de_radiation_revient_a_l_acteur_designe(string f)
    {
        var app = fx.App(f);
        var epci = app.ClientApi("epci");
        var bailleur = app.ClientApi("bailleur");
        var commune = await CommuneAsync(f);
        var reservataire = await app.ConnecterAsync("reservataire");
        var numero = await DemandesApiTests.CreerAsync(epci, DemandesApiTests.Saisie("Competence"));

        // e) the manager of the file only: a bailleur or a commune is refused with the reason naming who may act.
        Assert.Contains("gestionnaire du système d'enregistrement", await DetailAsync(await Radier(bailleur, numero, "e"), HttpStatusCode.Forbidden), StringComparison.Ordinal);
        Assert.Contains("R441-2-8 e)", await DetailAsync(await Radier(commune, numero, "e"), HttpStatusCode.Forbidden), StringComparison.Ordinal);
        // The manager may: the domain then says it is too early (409, not 403).
        await DetailAsync(await Radier(epci, numero, "e"), HttpStatusCode.Conflict);
        // d) without a CALEOL decision, nobody; c) without a warning, nobody.
        Assert.Contains("Aucune CALEOL", await DetailAsync(await Radier(bailleur, numero, "d"), HttpStatusCode.Forbidden), StringComparison.Ordinal);
        Assert.Contains("bailleur dont la commission", await DetailAsync(await Radier(epci, numero, "d"), HttpStatusCode.Forbidden), StringComparison.Ordinal);
        Assert.Contains("Aucun avertissement", await DetailAsync(await Radier(reservataire, numero, "c"), HttpStatusCode.Forbidden), StringComparison.Ordinal);

        // The timeline names the actors: the bailleur's CALEOL declared it inadmissible, the commune sent the warning for no reply.
        await using (var db = fx.Base(f))
        {
            Assert.True(NumeroUnique.TryParse(numero, out var n));
            var d = await db.Demandes.SingleAsync(x => x.Numero == n);
            var tpm = Siren.Create(TerritoireSeeder.SirenTpm);
            var b1 = BailleursSynthetiques.Pour(db.Epcis.Single(e => e.Siren == tpm))[0].Bailleur.Id;
            var logement = await db.Logements.AsNoTracking().Where(l => l.BailleurId == b1).Select(l => l.Id).FirstAsync();
            var agentCommune = await db.Utilisateurs.AsNoTracking().Where(u => u.Identifiant == "commune@tpm.demo").Select(u => u.Id).SingleAsync();
            var quand = app.Horloge.GetUtcNow();
            Assert.True(d.NoterDecisionCaleol(logement, DecisionCaleol.Irrecevabilite, null, quand, new Acteur(new AuteurId(Guid.NewGuid()), "Bailleur"), new MotivationCaleol([MotifDecisionCaleol.RessourcesAuDessusPlafonds])).EstReussi);
            Assert.True(d.Avertir(MotifRadiation.AbsenceDeReponse, MoyenAvertissement.LettreRecommandeeAvecAccuseReception, quand, new Acteur(new AuteurId(agentCommune), "Commune")).EstReussi);
            await db.SaveChangesAsync();
        }
        // d) the bailleur of that CALEOL passes the competence (the domain then asks for the warning: 409); the EPCI may not.
        await DetailAsync(await Radier(bailleur, numero, "d"), HttpStatusCode.Conflict);
        Assert.Contains("bailleur dont la commission", await DetailAsync(await Radier(epci, numero, "d"), HttpStatusCode.Forbidden), StringComparison.Ordinal);
        // c) the commune that sent the warning passes (one month later only: 409); the others are refused.
        await DetailAsync(await Radier(commune, numero, "c"), HttpStatusCode.Conflict);
        Assert.Contains("le service qui a envoyé le courrier", await DetailAsync(await Radier(epci, numero, "c"), HttpStatusCode.Forbidden), StringComparison.Ordinal);
        Assert.Contains("le service qui a envoyé le courrier", await DetailAsync(await Radier(bailleur, numero, "c"), HttpStatusCode.Forbidden), StringComparison.Ordinal);

        // b) any service enregistreur that receives the renunciation: here the commune.
        Assert.Equal(HttpStatusCode.NoContent, (await Radier(commune, numero, "b")).StatusCode);
        var lue = await epci.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}");
        Assert.Equal("Radiée", lue.GetProperty("statut").GetString());
    }

    [Theory, DeuxBases]
    public async Task La_page_qui_peut_faire_quoi_montre_la_table_et_ce_que_peut_l_agent(string f)
    {
        var app = fx.App(f);
        var commune = await CommuneAsync(f);
        var doc = await LogisFactory.DocumentAsync(await commune.GetAsync("/competences"));
        var lignes = doc.QuerySelectorAll("#competences tbody tr").Select(tr => tr.QuerySelectorAll("th, td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(Domain.Acces.Competences.Table.Count, lignes.Count);
        var e = lignes.Single(l => l[0] == "Radier pour non-renouvellement (e)");
        Assert.Contains("CCH R441-2-8 e)", e[3], StringComparison.Ordinal);
        Assert.Equal("Non", e[4]);
        Assert.Equal("Oui", lignes.Single(l => l[0] == "Radier pour renonciation écrite (b)")[4]);
        Assert.Equal("Seulement si la demande vous désigne", lignes.Single(l => l[0].StartsWith("Radier pour absence de réponse", StringComparison.Ordinal))[4]);
        Assert.Equal("Non", lignes.Single(l => l[0].StartsWith("Radier pour irrecevabilité", StringComparison.Ordinal))[4]);

        // The page of a demand refuses a radiation the agent is not competent for, with the reason (403).
        var numero = await DemandesApiTests.CreerAsync(app.ClientApi("epci"), DemandesApiTests.Saisie("Competencepage"));
        var jeton = await LogisFactory.JetonAsync(commune, $"/demandes/{numero}");
        var r = await commune.PostAsync($"/demandes/{numero}?handler=Radier",
            new FormUrlEncodedContent([new("__RequestVerificationToken", jeton), new("motif", "e")]));
        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Contains("gestionnaire du système d'enregistrement", (await LogisFactory.DocumentAsync(r)).Body!.TextContent, StringComparison.Ordinal);
    }
}
