using System.Net;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Logis.Web.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Logis.Web.Tests;

/// <summary>
/// The first start of the embedded demo (README, first command): the site answers at once and says where the preparation of the demo
/// territory stands — a French page that refreshes itself, ProblemDetails for the API, 503 on the health check the scripts wait for — then
/// serves the territory with its year of attributions. On an application and a SQLite base of its own, as the README's command runs it.
/// <para>In the applications' collection, so that its minutes of background seeding, in this process, never run beside the other web tests.</para>
/// </summary>
[Collection(CollectionApplications.Nom)]
public class PreparationDemoTests
{
    [Fact]
    public async Task Au_premier_demarrage_le_site_dit_ou_en_est_la_preparation_puis_sert_la_demonstration()
    {
        var options = await BasesDeTest.CreerAsync(BasesDeTest.Sqlite, "preparation-demo");
        await using var app = new LogisFactory(options).WithWebHostBuilder(b => b.UseSetting("Logis:Demo:EnArrierePlan", "true").UseSetting("Logis:Demo:Demandes", "80"));
        var client = app.CreateClient(new() { AllowAutoRedirect = false });

        // The territory alone takes seconds to seed: the first answers come while the preparation runs.
        var accueil = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, accueil.StatusCode);
        Assert.Equal("10", accueil.Headers.GetValues("Retry-After").Single());
        var page = await accueil.Content.ReadAsStringAsync();
        Assert.Contains("Logis prépare le territoire de démonstration", page, StringComparison.Ordinal);
        Assert.Contains("<meta http-equiv=\"refresh\" content=\"10\">", page, StringComparison.Ordinal);
        Assert.Matches("Étape [1-5] sur 5|Démarrage de la préparation", page);
        var api = await client.GetAsync("/api/v1/communes");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Logis se prépare", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health")).StatusCode);
        // The stylesheet the waiting page uses is served.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/css/site.css")).StatusCode);

        // Then the health check turns ready (the demo with its history: minutes at most on a loaded machine).
        var etapes = new HashSet<string>(StringComparer.Ordinal);
        var pret = false;
        for (var i = 0; i < 1200 && !pret; i++)
        {
            var sante = await client.GetAsync("/health");
            pret = sante.StatusCode == HttpStatusCode.OK;
            if (!pret)
            {
                using var json = System.Text.Json.JsonDocument.Parse(await sante.Content.ReadAsStringAsync());
                var texte = string.Join(" ", json.RootElement.GetProperty("verifications").EnumerateArray().Select(v => v.GetProperty("description").GetString()));
                var m = System.Text.RegularExpressions.Regex.Match(texte, "Étape ([1-5]) sur 5");
                if (m.Success) etapes.Add(m.Groups[1].Value);
                await Task.Delay(500);
            }
        }
        Assert.True(pret, "la démonstration n'est pas prête après 10 minutes");
        Assert.Contains("5", etapes); // the year of attributions was seen being played
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        await using var db = BasesDeTest.Ouvrir(options);
        Assert.True(await db.Attributions.AnyAsync(a => a.EpciSiren == Domain.Territoire.Siren.Create(TerritoireSeeder.SirenTpm)));
    }

    [Fact]
    public void Apres_un_echec_la_page_le_dit_et_ne_se_recharge_plus()
    {
        var etat = EtatPreparation.EnCours(PreparationDemo.Etapes);
        etat.Avancer(5, "une année d'attributions jouée jour après jour", 91, 365);
        var enCours = PreparationDemo.Page(etat.Etat);
        Assert.Contains("Étape 5 sur 5 : une année d&#x27;attributions jouée jour après jour (24 %)", enCours, StringComparison.Ordinal);
        Assert.Contains("<progress id=\"avancement\" max=\"100\" value=\"24\">", enCours, StringComparison.Ordinal);
        Assert.False(etat.Terminee.IsCompleted);

        etat.Echouer("disque plein <var>");
        Assert.True(etat.Bloque);
        var echec = PreparationDemo.Page(etat.Etat);
        Assert.Contains("La démonstration n'a pas pu être préparée", echec, StringComparison.Ordinal);
        Assert.Contains("disque plein &lt;var&gt;", echec, StringComparison.Ordinal);
        Assert.DoesNotContain("http-equiv=\"refresh\"", echec, StringComparison.Ordinal);
        Assert.False(etat.Terminee.IsCompleted); // the scheduled tasks never start on a half-seeded base

        var pret = EtatPreparation.EnCours(PreparationDemo.Etapes);
        pret.Terminer();
        Assert.False(pret.Bloque);
        Assert.True(pret.Terminee.IsCompletedSuccessfully);
    }
}
