using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Application.Statistiques;
using Logis.Cli;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Patrimoine;
using Logis.Domain.Statistiques;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Demandes;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Logis.Web.Tests.Public;

/// <summary>
/// The public information service (issue 16, docs/information-publique.md), without sign-in: the statistics by commune and typology
/// (<c>GET /api/v1/statistiques</c> and <c>/statistiques</c>) are those of the domain computed here from the database, never show a group
/// of 1 to 4 households, follow a lease at once; the reception places by commune (<c>GET /api/v1/lieux-accueil</c>, <c>/ou-deposer</c>,
/// <c>logis lieux-accueil</c>); the landlords; every bad parameter is a French ProblemDetails (API) or form error (pages). Both databases.
/// </summary>
[Collection(CollectionApplications.Nom)]
public class InformationPubliqueTests(ApplicationsFixture fx)
{
    private static readonly Siren Tpm = Siren.Create(TerritoireSeeder.SirenTpm);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<StatistiquesPubliquesDto> StatistiquesAsync(string f, string requete = "")
    {
        var r = await fx.App(f).Client().GetAsync("/api/v1/statistiques" + requete);
        Assert.True(r.StatusCode == HttpStatusCode.OK, await r.Content.ReadAsStringAsync());
        return (await r.Content.ReadFromJsonAsync<StatistiquesPubliquesDto>(Web))!;
    }

    /// <summary>The figures of the domain, computed here from the rows of the database (demands read one by one, not grouped in SQL).</summary>
    private async Task<IReadOnlyDictionary<(string? Commune, Typologie? Typologie), CelluleStatistique>> AttenduAsync(string f)
    {
        await using var db = fx.Base(f);
        var communes = (await db.Communes.AsNoTracking().Where(c => c.EpciSiren == Tpm).Select(c => c.CodeInsee).ToListAsync()).Select(c => c.Value).ToList();
        var demandes = (await db.Demandes.AsNoTracking().AsSplitQuery()
                .Where(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == Tpm && d.Statut == StatutDemande.Active).ToListAsync())
            .Select(d => new GroupeDemandes(d.Contenu.Souhaits.Typologies.ToList(), d.Contenu.Souhaits.Communes.Select(c => c.Value).ToList(), d.Contenu.Souhaits.ToutEpci, 1));
        var periode = PeriodeObservation.DouzeMoisJusquA(fx.App(f).Horloge.AujourdhuiEnFrance());
        var baux = (await db.Attributions.AsNoTracking().Where(a => a.EpciSiren == Tpm).ToListAsync())
            .Where(a => periode.Contient(a.DateSignature))
            .Select(a => new BailObserve(a.CommuneInsee.Value, a.Typologie, a.DateDepot, a.DateSignature, a.Prioritaire));
        return TableauStatistiques.Calculer(communes, demandes, baux);
    }

    private static void Egal(CelluleStatistique attendu, CelluleStatistiquesDto lu)
    {
        var ou = $"{attendu.Commune ?? "territoire"} × {attendu.Typologie?.ToString() ?? "toutes"}";
        Assert.True(attendu.DemandesActives == lu.DemandesActives, $"{ou} : demandes {attendu.DemandesActives} ≠ {lu.DemandesActives}");
        Assert.True(attendu.Attributions == lu.Attributions, $"{ou} : attributions {attendu.Attributions} ≠ {lu.Attributions}");
        Assert.Equal(attendu.Tension, lu.Tension);
        Assert.Equal((attendu.Delai.Q1Mois, attendu.Delai.MedianeMois, attendu.Delai.Q3Mois),
            (lu.DelaiAttente.PremierQuartileMois, lu.DelaiAttente.MedianeMois, lu.DelaiAttente.TroisiemeQuartileMois));
        Assert.Equal(attendu.PartPrioritaires, lu.PartPrioritaires);
    }

    /// <summary>Nothing on a group of 1 to 4 households: counts null, 0 or at least 5; no figure where the attributions are not at least 5.</summary>
    private static void Secret(CelluleStatistiquesDto c)
    {
        Assert.True(c.DemandesActives is null or 0 or >= SecretStatistique.Seuil);
        Assert.True(c.Attributions is null or 0 or >= SecretStatistique.Seuil);
        if (c.DelaiAttente.MedianeMois is not null || c.PartPrioritaires is not null) Assert.True(c.Attributions is null or >= SecretStatistique.Seuil);
        if (c.Tension is not null) Assert.True(c.Attributions >= SecretStatistique.Seuil && c.DemandesActives is not null);
    }

    [Theory, DeuxBases]
    public async Task Les_statistiques_publiques_sont_celles_du_domaine_et_ne_montrent_aucun_groupe_de_moins_de_5(string f)
    {
        _ = fx.App(f).Client();
        fx.App(f).Services.GetRequiredService<CacheStatistiquesPubliques>().Vider();
        var attendu = await AttenduAsync(f);
        var tout = await StatistiquesAsync(f);
        Assert.Null(tout.Commune);
        Assert.Equal(fx.App(f).Horloge.AujourdhuiEnFrance(), tout.Au);
        Egal(attendu[(null, null)], tout.Ensemble);
        Assert.Equal(6, tout.ParTypologie.Count);
        Assert.Equal(12, tout.ParCommune.Count);
        foreach (var c in tout.ParCommune) Egal(attendu[(c.Commune!.CodeInsee, null)], c);
        foreach (var t in tout.ParTypologie) Egal(attendu[(null, Enum.Parse<Typologie>(t.Typologie!))], t);
        Assert.Contains(tout.ParCommune, c => c.Commune!.Nom == "Toulon" && c.DemandesActives > 0);

        // Every commune × typology, through the commune asked (lower-case typology accepted).
        foreach (var commune in tout.ParCommune.Select(c => c.Commune!.CodeInsee))
        {
            var s = await StatistiquesAsync(f, $"?commune={commune}&typologie=t3");
            Assert.Equal("T3", s.Typologie);
            Egal(attendu[(commune, Typologie.T3)], s.Ensemble);
            foreach (var t in s.ParTypologie)
            {
                Egal(attendu[(commune, Enum.Parse<Typologie>(t.Typologie!))], t);
                Secret(t);
            }
            foreach (var c in s.ParCommune) Secret(c);
        }
        Secret(tout.Ensemble);
    }

    [Theory, DeuxBases]
    public async Task Une_commune_ou_une_typologie_inconnue_est_une_erreur_en_francais(string f)
    {
        var client = fx.App(f).Client();
        async Task<JsonElement> ProblemeAsync(string url)
        {
            var r = await client.GetAsync(url);
            Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"{url} : {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            return await r.Content.ReadFromJsonAsync<JsonElement>();
        }
        var horsTerritoire = await ProblemeAsync("/api/v1/statistiques?commune=13055");
        Assert.Contains("n'est pas une commune du territoire", horsTerritoire.GetProperty("errors").GetProperty("commune")[0].GetString()!, StringComparison.Ordinal);
        Assert.Contains("83137 (Toulon)", horsTerritoire.GetProperty("errors").GetProperty("commune")[0].GetString()!, StringComparison.Ordinal);
        Assert.True((await ProblemeAsync("/api/v1/statistiques?commune=abc")).GetProperty("errors").TryGetProperty("commune", out _));
        var typo = await ProblemeAsync("/api/v1/statistiques?typologie=T9");
        Assert.Contains("T1, T2, T3, T4, T5 ou T6", typo.GetProperty("errors").GetProperty("typologie")[0].GetString()!, StringComparison.Ordinal);
        var deux = (await ProblemeAsync("/api/v1/statistiques?commune=99999&typologie=studio")).GetProperty("errors");
        Assert.True(deux.TryGetProperty("commune", out _) && deux.TryGetProperty("typologie", out _));
        Assert.True((await ProblemeAsync("/api/v1/statistiques?commune=83137&commune=83069")).GetProperty("errors").TryGetProperty("commune", out _));
        Assert.True((await ProblemeAsync("/api/v1/lieux-accueil?commune=13055")).GetProperty("errors").TryGetProperty("commune", out _));

        // The pages say it in the form, with the territory's figures.
        var page = await client.GetAsync("/statistiques?commune=13055&typologie=T3");
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        var doc = await LogisFactory.DocumentAsync(page);
        Assert.StartsWith("Erreur : ", doc.Title, StringComparison.Ordinal);
        Assert.Contains("n'est pas une commune du territoire", doc.QuerySelector(".resume-erreurs")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(doc.QuerySelector("#par-commune"));
        var lieux = await client.GetAsync("/ou-deposer?commune=abc");
        Assert.Equal(HttpStatusCode.BadRequest, lieux.StatusCode);
        Assert.Contains("n'est pas un code INSEE", (await LogisFactory.DocumentAsync(lieux)).QuerySelector(".resume-erreurs")!.TextContent, StringComparison.Ordinal);
    }

    [Theory, DeuxBases]
    public async Task Les_statistiques_suivent_un_bail_des_qu_il_est_signe(string f)
    {
        var app = fx.App(f);
        await using var db = fx.Base(f);
        var avant = await StatistiquesAsync(f); // the aggregate is now in the cache
        var api = app.ClientApi("bailleur");
        var aujourdhui = app.Horloge.AujourdhuiEnFrance();
        // Five leases: the territory's count goes from k (shown, or null when 1 to 4) to k + 5, shown.
        for (var i = 0; i < 5; i++)
        {
            var (vacance, logement, commune) = await OffresTests.VacanceAsync(app, db);
            var numero = await OffresTests.DemandeAsync(app, $"Statistique{(char)('a' + i)}", commune);
            await OffresTests.DeciderAsync(app, db, numero, logement, DecisionCaleol.Attribution, null);
            var o = await api.PostAsJsonAsync($"/api/v1/vacances/{vacance}/offres", new { demande = numero, adaptee = true });
            Assert.True(o.StatusCode == HttpStatusCode.Created, await o.Content.ReadAsStringAsync());
            var offre = (await o.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/api/v1/offres/{offre}/reponse", new { acceptee = true })).StatusCode);
            var bail = await api.PostAsJsonAsync($"/api/v1/offres/{offre}/bail", new { dateSignature = Iso(aujourdhui), dateEffet = Iso(aujourdhui) });
            Assert.True(bail.StatusCode == HttpStatusCode.Created, await bail.Content.ReadAsStringAsync());
        }
        var apres = await StatistiquesAsync(f);
        Assert.NotEqual(avant.Ensemble.Attributions, apres.Ensemble.Attributions);
        Egal((await AttenduAsync(f))[(null, null)], apres.Ensemble);
    }

    [Theory, DeuxBases]
    public async Task Les_lieux_d_accueil_d_une_commune_disent_ce_qu_ils_font(string f)
    {
        var client = fx.App(f).Client();
        var toulon = (await client.GetFromJsonAsync<List<LieuAccueilVue>>("/api/v1/lieux-accueil?commune=83137", Web))!;
        var ccas = Assert.Single(toulon, l => l.Code == "CCAS-83137");
        Assert.Equal("ccas", ccas.Type);
        Assert.Equal(["informer", "accompagner"], ccas.Missions);
        Assert.Null(ccas.CodeGuichet);
        Assert.True(ccas.Demonstration);
        Assert.False(string.IsNullOrWhiteSpace(ccas.Accessibilite));
        var mairie = Assert.Single(toulon, l => l.Code == "MAIRIE-83137");
        Assert.Contains("enregistrer", mairie.Missions);
        Assert.Equal("G0030", mairie.CodeGuichet);
        Assert.Contains(toulon, l => l.Type == "siad" && l.ToutLeTerritoire && l.Missions.Contains("enregistrer"));
        Assert.Contains(toulon, l => l.Type == "en_ligne" && l.CodeGuichet == NumeroUnique.GuichetPortailPublic);
        Assert.Contains(toulon, l => l.Type == "bailleur" && l.Missions.Contains("enregistrer")); // the bailleurs' registering services
        Assert.DoesNotContain(toulon, l => l.Code == "CCAS-83069"); // Hyères's CCAS serves Hyères
        // Every active registering service of the territory is a place listed somewhere (by a place that names it, or itself).
        await using var db = fx.Base(f);
        var guichets = await db.Guichets.AsNoTracking().Where(g => g.EpciSiren == Tpm && g.Actif).Select(g => g.Code).ToListAsync();
        var tous = (await client.GetFromJsonAsync<List<LieuAccueilVue>>("/api/v1/lieux-accueil", Web))!;
        Assert.Subset(tous.Select(l => l.CodeGuichet).OfType<string>().ToHashSet(), guichets.ToHashSet());
        Assert.Contains(tous, l => l.Code == "CCAS-83069");

        var page = await LogisFactory.DocumentAsync(await client.GetAsync("/ou-deposer?commune=83137"));
        Assert.Contains("Toulon", page.Title, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#lieu-CCAS-83137"));
        Assert.Contains("Vous accompagne dans vos démarches", page.QuerySelector("#lieu-CCAS-83137")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("a[href='/statistiques?commune=83137']"));
        var bailleurs = await LogisFactory.DocumentAsync(await client.GetAsync("/bailleurs"));
        var lignes = bailleurs.QuerySelectorAll("#bailleurs tbody tr");
        Assert.Equal(await db.BailleursTerritoires.CountAsync(b => b.EpciSiren == Tpm), lignes.Length);
        var demander = await LogisFactory.DocumentAsync(await client.GetAsync("/demander"));
        Assert.NotNull(demander.QuerySelector("a[href='/ou-deposer']"));
        Assert.NotNull(demander.QuerySelector("a[href='/eligibilite']"));
    }

    private async Task<int> LogisAsync(string f, params string[] args)
    {
        BaseCli.Horloge = Horloges.Fixe();
        var options = fx.Options(f);
        var racine = new RootCommand { BaseCli.OptionFournisseur, BaseCli.OptionConnexion };
        racine.Subcommands.Add(CommandesLieuxAccueil.LieuxAccueil());
        var fournisseur = options.Fournisseur == FournisseurBase.Sqlite ? "sqlite" : "postgresql";
        return await racine.Parse([.. args, "--base", fournisseur, "--connexion", options.ConnectionString!]).InvokeAsync();
    }

    [Theory, DeuxBases]
    public async Task Un_lieu_d_accueil_se_declare_et_se_retire_par_la_ligne_de_commande(string f)
    {
        var client = fx.App(f).Client();
        var code = f == BasesDeTest.Sqlite ? "ASSO-TEST-1" : "ASSO-TEST-2";
        string[] Ajout(params string[] plus) =>
        [
            "lieux-accueil", "ajouter", "--epci", TerritoireSeeder.SirenTpm, "--code", code, "--nom", "Association d'aide au logement", "--type", "Association",
            "--missions", "informer,accompagner", "--adresse", "12 rue de la Paix, 83000 Toulon", "--commune", "83137", "--horaires", "Le mardi",
            "--accessibilite", "Accès de plain-pied", .. plus,
        ];
        Assert.Equal(0, await LogisAsync(f, Ajout("--communes-servies", "83137,83069")));
        var hyeres = (await client.GetFromJsonAsync<List<LieuAccueilVue>>("/api/v1/lieux-accueil?commune=83069", Web))!;
        var lieu = Assert.Single(hyeres, l => l.Code == code);
        Assert.Equal(["Hyères", "Toulon"], lieu.CommunesServies.Select(c => c.Nom).Order(StringComparer.Ordinal));
        Assert.False(lieu.Demonstration);
        // Wrong: a commune outside the territory, an unknown guichet, a registering place without guichet, unknown missions.
        Assert.Equal(2, await LogisAsync(f, Ajout("--communes-servies", "13055")));
        Assert.Equal(2, await LogisAsync(f, [.. Ajout(), "--guichet", "G9999"]));
        Assert.Equal(2, await LogisAsync(f, [.. Ajout().Select(a => a == "informer,accompagner" ? "enregistrer" : a)]));
        Assert.Equal(2, await LogisAsync(f, [.. Ajout().Select(a => a == "informer,accompagner" ? "loger" : a)]));
        Assert.Equal(0, await LogisAsync(f, "lieux-accueil", "lister", "--epci", TerritoireSeeder.SirenTpm, "--commune", "83069"));
        Assert.Equal(0, await LogisAsync(f, "lieux-accueil", "retirer", "--epci", TerritoireSeeder.SirenTpm, "--code", code));
        Assert.Equal(2, await LogisAsync(f, "lieux-accueil", "retirer", "--epci", TerritoireSeeder.SirenTpm, "--code", code));
        Assert.DoesNotContain((await client.GetFromJsonAsync<List<LieuAccueilVue>>("/api/v1/lieux-accueil", Web))!, l => l.Code == code);
    }
}
