using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Cli;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Logis.Web.Tests;

/// <summary>
/// Issue 12, point 10: overseas communes get the overseas ceilings; a year whose ceilings are not loaded is flagged to agents and
/// administrators (pages and CLI) from 1 December of the year before, French civil day. The shipped file stops at 2026.
/// </summary>
[Collection(CollectionApplications.Nom)]
public class VeillePlafondsTests(ApplicationsFixture fx)
{
    /// <summary>23:30 on 30 November and 00:30 on 1 December in Paris: both are still 30 November in UTC.</summary>
    [Theory]
    [InlineData("2026-11-30T23:30:00+01:00", false)]
    [InlineData("2026-12-01T00:30:00+01:00", true)]
    public async Task Les_agents_et_l_administrateur_sont_avertis_a_partir_du_1er_decembre(string instant, bool signale)
    {
        var horloge = Horloges.Fixe(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture));
        await using var app = fx.App(BasesDeTest.Sqlite).WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(horloge)));
        foreach (var compte in new[] { "epci", "admin" })
        {
            var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
            Assert.Equal(HttpStatusCode.Redirect, (await LogisFactory.Connexion(client, $"{compte}@tpm.demo", TerritoireSeeder.MotDePasseDemo)).StatusCode);
            foreach (var page in new[] { "/territoire", "/demandes" })
            {
                var doc = await LogisFactory.DocumentAsync(await client.GetAsync(page));
                var avis = doc.GetElementById("avis-plafonds");
                Assert.Equal(signale, avis is not null);
                if (avis is not null)
                {
                    Assert.Equal("status", avis.GetAttribute("role"));
                    Assert.Contains("Les plafonds de ressources de 2027 ne sont pas chargés : ils s'appliquent dès le 1er janvier 2027", avis.TextContent, StringComparison.Ordinal);
                }
            }
        }
        // The public never sees it.
        var publique = await LogisFactory.DocumentAsync(await app.CreateClient().GetAsync("/eligibilite"));
        Assert.Null(publique.GetElementById("avis-plafonds"));
    }

    [Fact]
    public void La_cli_signale_l_annee_non_chargee_a_partir_du_1er_decembre()
    {
        (int Code, string Sortie, string Erreurs) Lancer(string? date, string instant = "2026-11-27T10:00:00+01:00")
        {
            using var sortie = new StringWriter();
            using var erreurs = new StringWriter();
            var code = CommandesEligibilite.VerifierPlafondsACharger(date, Horloges.Fixe(DateTimeOffset.Parse(instant, CultureInfo.InvariantCulture)),
                TerritoireSemeFixture.Reference, sortie, erreurs);
            return (code, sortie.ToString(), erreurs.ToString());
        }

        var veille = Lancer("2026-11-30");
        Assert.Equal(0, veille.Code);
        Assert.Contains("Au 30/11/2026, les plafonds de ressources de 2026 sont chargés.", veille.Sortie, StringComparison.Ordinal);
        var jour = Lancer("2026-12-01");
        Assert.Equal(3, jour.Code);
        Assert.Contains("Attention — Les plafonds de ressources de 2027 ne sont pas chargés", jour.Sortie, StringComparison.Ordinal);
        // Without --date, the French civil day of the clock: 00:30 on 1 December in Paris.
        Assert.Equal(3, Lancer(null, "2026-12-01T00:30:00+01:00").Code);
        Assert.Equal(0, Lancer(null, "2026-11-30T23:30:00+01:00").Code);
        var mauvaise = Lancer("01/12/2026");
        Assert.Equal(2, mauvaise.Code);
        Assert.Contains("AAAA-MM-JJ", mauvaise.Erreurs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Une_commune_d_outre_mer_a_les_plafonds_d_outre_mer()
    {
        async Task<JsonElement> Verifier(string commune, string financement)
        {
            var reponse = await fx.App(BasesDeTest.Sqlite).Client().PostAsJsonAsync("/api/v1/eligibilite", new
            {
                annee = 2026,
                communeInsee = commune,
                financement,
                menage = new { personnes = new[] { new { dateNaissance = "1980-01-15", lien = "demandeur" } }, revenuFiscalReference = 22_000 },
            });
            Assert.True(reponse.StatusCode == HttpStatusCode.OK, await reponse.Content.ReadAsStringAsync());
            return await reponse.Content.ReadFromJsonAsync<JsonElement>();
        }

        // A person alone with 22 000 €: under the PLUS ceiling in Toulon (23 403 €), over the LLS one in Saint-Denis (21 063 €).
        var toulon = await Verifier("83137", "PLUS");
        Assert.Equal("autres_regions", toulon.GetProperty("zone").GetString());
        Assert.True(toulon.GetProperty("eligible").GetBoolean());
        var reunion = await Verifier("97411", "PLUS");
        Assert.Equal("outre_mer", reunion.GetProperty("zone").GetString());
        Assert.Equal(21_063m, reunion.GetProperty("plafond").GetDecimal());
        Assert.False(reunion.GetProperty("eligible").GetBoolean());
        Assert.StartsWith("Outre-mer, logement locatif social (LLS)", reunion.GetProperty("sourceLegale").GetString()!, StringComparison.Ordinal);
        Assert.Equal(15_797m, (await Verifier("97411", "PLAI")).GetProperty("plafond").GetDecimal());
        Assert.Equal(27_382m, (await Verifier("97411", "PLS")).GetProperty("plafond").GetDecimal());
    }
}
