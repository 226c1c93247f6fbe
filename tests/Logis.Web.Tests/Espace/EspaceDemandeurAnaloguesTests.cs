using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Logis.Application.Cotation;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Logis.Web.Tests.Espace;

/// <summary>
/// The positioning and the observed waiting time the applicant's home shows are kept in memory per group of analogous demands
/// (<see cref="CacheAnalogues"/>): a second view reads nothing again, and each change of the file shows at the very next view — a new
/// demand, a rescoring, a change of a demand, a renewal, a new lease — exactly as a computation from scratch shows it.
/// </summary>
[Collection(CollectionApplications.Nom)]
public partial class EspaceDemandeurAnaloguesTests(ApplicationsFixture fx)
{
    private const string MotDePasse = "Logement-social-2026";

    [Theory, DeuxBases]
    public async Task Le_positionnement_et_le_delai_suivent_chaque_changement_du_fichier_des_l_affichage_suivant(string f)
    {
        var app = fx.App(f);
        var cache = app.Services.GetRequiredService<CacheAnalogues>();
        // The whole home is kept too (CacheAccueils), by the same rule: forgetting both is a computation from scratch.
        var accueils = app.Services.GetRequiredService<Logis.Application.Espace.CacheAccueils>();
        void Vider()
        {
            cache.Vider();
            accueils.Vider();
        }
        var epci = app.ClientApi("epci");
        await using var db = fx.Base(f);
        // A vacancy: the demand shown wishes its dwelling's typology and commune, so that its lease falls in the demand's group.
        var (vacance, logement, commune) = await OffresTests.VacanceAsync(app, db);
        var typologie = (await db.Logements.AsNoTracking().SingleAsync(l => l.Id == logement)).Typologie.ToString();
        var numero = await DemandesApiTests.CreerAsync(epci, Saisie("Analogueun", commune, typologie, depotIlYaDixMois: true));
        var demandeur = await DemandeurLieAsync(f, numero);

        async Task<string> VueAsync()
        {
            var page = await demandeur.GetAsync($"/espace/demandes/{numero}");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            return (await LogisFactory.DocumentAsync(page)).QuerySelector("#positionnement")!.ParentElement!.TextContent;
        }
        static int Analogues(string vue) => int.Parse(SurN().Match(vue).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        // The view right after a change: computed again once, and what a computation from scratch gives.
        async Task<string> ApresChangementAsync()
        {
            var (calculs, calculsAccueils) = (cache.Calculs, accueils.Calculs);
            var vue = await VueAsync();
            Assert.Equal(calculs + 1, cache.Calculs);
            Assert.Equal(calculsAccueils + 1, accueils.Calculs);
            Vider();
            Assert.Equal(await VueAsync(), vue);
            return vue;
        }

        var premiere = await ApresChangementAsync();
        var (calculsAvant, accueilsAvant) = (cache.Calculs, accueils.Calculs);
        Assert.Equal(premiere, await VueAsync());
        Assert.Equal(calculsAvant, cache.Calculs); // read from memory: nothing written meanwhile but the journal of the reads
        Assert.Equal(accueilsAvant, accueils.Calculs);

        // A new analogous demand.
        var autre = await DemandesApiTests.CreerAsync(epci, Saisie("Analoguedeux", commune, typologie, depotIlYaDixMois: false));
        var avecAutre = await ApresChangementAsync();
        Assert.Equal(Analogues(premiere) + 1, Analogues(avecAutre));

        // A rescoring: the other demand's stored score was changed behind the application's back (nothing moved), the rescoring restores it.
        var idAutre = await IdAsync(db, autre);
        await db.CotationsDemandes.Where(c => c.DemandeId == idAutre).ExecuteUpdateAsync(s => s.SetProperty(c => c.Total, 5000));
        Vider();
        var alteree = await VueAsync();
        Assert.NotEqual(avecAutre, alteree);
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<RecalculerCotations>().ExecuterAsync(Siren.Create(TerritoireSeeder.SirenTpm), null, default);
        Assert.Equal(avecAutre, await ApresChangementAsync());

        // A change of a demand: the other one now wishes another commune and leaves the group.
        var ailleurs = commune == "83137" ? "83069" : "83137";
        var maj = await epci.PutAsJsonAsync($"/api/v1/demandes/{autre}", Saisie("Analoguedeux", ailleurs, typologie, depotIlYaDixMois: false));
        Assert.True(maj.IsSuccessStatusCode, await maj.Content.ReadAsStringAsync());
        Assert.Equal(Analogues(premiere), Analogues(await ApresChangementAsync()));

        // A renewal by the applicant.
        var jeton = await LogisFactory.JetonAsync(demandeur, $"/espace/demandes/{numero}");
        var renouveler = await demandeur.PostAsync($"/espace/demandes/{numero}?handler=Renouveler", Formulaire(jeton));
        Assert.Equal(HttpStatusCode.Redirect, renouveler.StatusCode);
        await ApresChangementAsync();

        // A lease signed in the group: the waiting time counts it.
        var api = app.ClientApi("bailleur");
        var loge = await OffresTests.DemandeAsync(app, "Analoguetrois", commune);
        await OffresTests.DeciderAsync(app, db, loge, logement, DecisionCaleol.Attribution, null);
        var o = await api.PostAsJsonAsync($"/api/v1/vacances/{vacance}/offres", new { demande = loge, adaptee = true });
        Assert.True(o.StatusCode == HttpStatusCode.Created, await o.Content.ReadAsStringAsync());
        var offre = (await o.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/api/v1/offres/{offre}/reponse", new { acceptee = true })).StatusCode);
        var jour = app.Horloge.AujourdhuiEnFrance().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var bail = await api.PostAsJsonAsync($"/api/v1/offres/{offre}/bail", new { dateSignature = jour, dateEffet = jour });
        Assert.True(bail.StatusCode == HttpStatusCode.Created, await bail.Content.ReadAsStringAsync());
        var sansBail = (await ApresChangementAsync()).Contains("Aucun ménage n'a été logé", StringComparison.Ordinal);
        Assert.False(sansBail);
    }

    private static JsonObject Saisie(string nom, string commune, string typologie, bool depotIlYaDixMois)
    {
        var json = JsonSerializer.SerializeToNode(DemandesApiTests.Saisie(nom, commune))!.AsObject();
        json["souhaits"]!["typologies"] = new JsonArray(typologie);
        if (depotIlYaDixMois)
        {
            json["dateDepot"] = Horloges.Aujourdhui.AddMonths(-10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            json["motifDateDepot"] = "Dossier papier reçu au guichet, saisi en retard";
        }
        return json;
    }

    private static Task<DemandeId> IdAsync(Persistence.LogisDbContext db, string numero)
    {
        Assert.True(NumeroUnique.TryParse(numero, out var n));
        return db.Demandes.Where(d => d.Numero == n).Select(d => d.Id).SingleAsync();
    }

    /// <summary>A signed-in applicant (address confirmed through the outbox) who linked <paramref name="numero"/> with its attestation's code.</summary>
    private async Task<HttpClient> DemandeurLieAsync(string f, string numero)
    {
        var app = fx.App(f);
        var agent = await app.ConnecterAsync("epci");
        var code = (await LogisFactory.DocumentAsync(await agent.GetAsync($"/demandes/{numero}/attestation"))).QuerySelector("#code-acces")!.TextContent.Trim();
        var courriel = $"analogues-{Guid.NewGuid():N}@exemple.fr";
        var client = app.Client();
        var jeton = await LogisFactory.JetonAsync(client, "/espace/creer-compte");
        await client.PostAsync("/espace/creer-compte", Formulaire(jeton, ("Courriel", courriel), ("MotDePasse", MotDePasse), ("Confirmation", MotDePasse)));
        await using (var db = fx.Base(f))
        {
            var corps = await db.Messages.AsNoTracking().Where(m => m.Destinataire == courriel).Select(m => m.Corps).SingleAsync();
            var lien = JetonLien().Match(corps).Groups[1].Value;
            var af = await LogisFactory.JetonAsync(client, "/espace/confirmer?jeton=" + lien);
            await client.PostAsync("/espace/confirmer", Formulaire(af, ("Jeton", lien)));
        }
        jeton = await LogisFactory.JetonAsync(client, "/espace/connexion");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/espace/connexion", Formulaire(jeton, ("Courriel", courriel), ("MotDePasse", MotDePasse)))).StatusCode);
        jeton = await LogisFactory.JetonAsync(client, "/espace?liste=1");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync("/espace?handler=Lier", Formulaire(jeton, ("Numero", numero), ("Code", code)))).StatusCode);
        return client;
    }

    private static FormUrlEncodedContent Formulaire(string jeton, params (string Cle, string Valeur)[] champs) =>
        new([new("__RequestVerificationToken", jeton), .. champs.Select(c => new KeyValuePair<string, string>(c.Cle, c.Valeur))]);

    [GeneratedRegex(@"sur (\d+)")]
    private static partial Regex SurN();

    [GeneratedRegex(@"jeton=([A-Za-z0-9_-]+)")]
    private static partial Regex JetonLien();
}
