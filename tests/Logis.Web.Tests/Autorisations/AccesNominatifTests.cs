using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Domain.Acces;
using Logis.Domain.Organisations;
using Logis.Domain.Territoire;
using Logis.Persistence.Acces;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Logis.Web.Tests.Autorisations;

/// <summary>
/// Nominative access by R441-2-6 (docs/regles/05-demande.md « Accès aux données nominatives »): a commune that is not a
/// registering service sees no demand; a réservataire that is not one sees the demands of its contingent only and does not act on them;
/// registering services (the demo's commune of Toulon) see the whole territory.
/// </summary>
[Collection(CollectionApplications.Nom)]
public class AccesNominatifTests(ApplicationsFixture fx)
{
    private sealed record Contexte(string CleReservataire, string CleCommune, CodeInsee Couverte, CodeInsee Autre, CodeInsee SansGuichet);

    /// <summary>
    /// A commune réservataire of the demo (its convention covers its commune; no guichet enregistreur: its contingent is that commune), a
    /// commune without a guichet of the demo, and an API key for each. Only keys are added: the demo's conventions stay as they are.
    /// </summary>
    private async Task<Contexte> PreparerAsync(string f)
    {
        var epci = Siren.Create(TerritoireSeeder.SirenTpm);
        var cleReservataire = $"cle-test-r441-2-6-reservataire-{f}";
        var cleCommune = $"cle-test-r441-2-6-commune-{f}";
        _ = fx.App(f).Services; // the app seeds the demo territory and its conventions when it starts
        await using var db = fx.Base(f);
        var avecConvention = await db.Conventions.AsNoTracking().Where(c => c.EpciSiren == epci).Select(c => c.ReservataireId).Distinct().ToListAsync();
        var reservataire = (await db.Reservataires.AsNoTracking().Where(r => r.EpciSiren == epci && r.Type == TypeReservataire.Commune).ToListAsync())
            .Where(r => avecConvention.Contains(r.Id)).OrderBy(r => r.Nom, StringComparer.Ordinal).First();
        Assert.False(await db.Guichets.AnyAsync(g => g.Organisation == reservataire.Id.Value.ToString()));
        var couverte = reservataire.CommuneInsee!.Value;
        var avecGuichet = await db.Guichets.AsNoTracking().Where(g => g.EpciSiren == epci && g.TypeOrganisation == Domain.Demandes.OrganisationGuichet.Commune)
            .Select(g => g.Organisation).ToListAsync();
        var communes = (await db.Communes.AsNoTracking().Where(c => c.EpciSiren == epci).ToListAsync()).OrderBy(c => c.CodeInsee.Value, StringComparer.Ordinal).ToList();
        var autre = communes.First(c => c.CodeInsee != couverte).CodeInsee;
        var sansGuichet = communes.First(c => !avecGuichet.Contains(c.CodeInsee.Value)).CodeInsee;
        if (!await db.ClientsApi.AnyAsync(c => c.EmpreinteCle == Secrets.EmpreinteCleApi(cleReservataire)))
        {
            db.ClientsApi.Add(new ClientApi
            {
                Id = Guid.NewGuid(), Nom = "Réservataire communal (test R441-2-6)", Role = Role.AgentReservataire, EpciSiren = epci,
                ReservataireId = reservataire.Id, EmpreinteCle = Secrets.EmpreinteCleApi(cleReservataire),
            });
            db.ClientsApi.Add(new ClientApi
            {
                Id = Guid.NewGuid(), Nom = "Commune sans guichet (test R441-2-6)", Role = Role.AgentCommune, EpciSiren = epci,
                CommuneInsee = sansGuichet, EmpreinteCle = Secrets.EmpreinteCleApi(cleCommune),
            });
            await db.SaveChangesAsync();
        }
        return new Contexte(cleReservataire, cleCommune, couverte, autre, sansGuichet);
    }

    [Theory, DeuxBases]
    public async Task Un_reservataire_qui_n_est_pas_service_enregistreur_voit_son_contingent_sans_agir(string f)
    {
        var c = await PreparerAsync(f);
        var epci = fx.App(f).ClientApi("epci");
        var dansLeContingent = await DemandesApiTests.CreerAsync(epci, DemandesApiTests.Saisie("Contingent", c.Couverte.Value));
        var horsContingent = await DemandesApiTests.CreerAsync(epci, DemandesApiTests.Saisie("Horscontingent", c.Autre.Value));
        var reservataire = fx.App(f).ClientApiCle(c.CleReservataire);

        Assert.Equal(HttpStatusCode.OK, (await reservataire.GetAsync($"/api/v1/demandes/{dansLeContingent}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reservataire.GetAsync($"/api/v1/demandes/{horsContingent}")).StatusCode);
        // The search lists the demands of its contingent (those of the whole EPCI included), never the others.
        var liste = await reservataire.GetFromJsonAsync<JsonElement>($"/api/v1/demandes?numero={Uri.EscapeDataString(horsContingent)}");
        Assert.Equal(0, liste.GetProperty("total").GetInt32());
        liste = await reservataire.GetFromJsonAsync<JsonElement>($"/api/v1/demandes?numero={Uri.EscapeDataString(dansLeContingent)}");
        Assert.Equal(1, liste.GetProperty("total").GetInt32());

        // It sees, it does not act: not a registering service (L441-2-1, R441-2-6).
        var renouvellement = await reservataire.PostAsync($"/api/v1/demandes/{dansLeContingent}/renouvellement", null);
        Assert.Equal(HttpStatusCode.Forbidden, renouvellement.StatusCode);
        Assert.Contains("service enregistreur", (await renouvellement.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        var enregistrement = await reservataire.PostAsJsonAsync("/api/v1/demandes", DemandesApiTests.Saisie("Refusee", c.Couverte.Value));
        Assert.Equal(HttpStatusCode.Forbidden, enregistrement.StatusCode);
    }

    [Theory, DeuxBases]
    public async Task Une_commune_qui_n_est_pas_service_enregistreur_ne_voit_aucune_demande_nominative(string f)
    {
        var c = await PreparerAsync(f);
        var epci = fx.App(f).ClientApi("epci");
        var chezElle = await DemandesApiTests.CreerAsync(epci, DemandesApiTests.Saisie("Chezelle", c.SansGuichet.Value));
        var commune = fx.App(f).ClientApiCle(c.CleCommune);

        Assert.Equal(HttpStatusCode.NotFound, (await commune.GetAsync($"/api/v1/demandes/{chezElle}")).StatusCode);
        var liste = await commune.GetFromJsonAsync<JsonElement>("/api/v1/demandes?taillePage=100");
        Assert.Equal(0, liste.GetProperty("total").GetInt32());

        // The commune of Toulon is a registering service of the demo: it sees the whole territory, this demand included.
        var toulon = await fx.App(f).ConnecterAsync("commune");
        Assert.Equal(HttpStatusCode.OK, (await toulon.GetAsync($"/api/v1/demandes/{chezElle}")).StatusCode);
    }

    [Theory, DeuxBases]
    public async Task La_liste_des_demandes_explique_la_portee_de_l_acces(string f)
    {
        var c = await PreparerAsync(f);
        var identifiant = $"test-{Guid.NewGuid():N}@tpm.demo";
        await using (var db = fx.Base(f))
        {
            db.Utilisateurs.Add(new Utilisateur
            {
                Id = Guid.NewGuid(), Identifiant = identifiant, NomComplet = "Agent d'une commune sans guichet", Role = Role.AgentCommune,
                EpciSiren = Siren.Create(TerritoireSeeder.SirenTpm), MotDePasseHache = Secrets.HacherMotDePasse(TerritoireSeeder.MotDePasseDemo),
                CommuneInsee = c.SansGuichet,
            });
            await db.SaveChangesAsync();
        }
        var (client, _) = await ComptesTests.ConnecterAsync(fx.App(f), identifiant);

        var page = await LogisFactory.DocumentAsync(await client.GetAsync("/demandes"));

        Assert.Contains("n'est pas service enregistreur", page.QuerySelector("#portee")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("R441-2-6", page.QuerySelector("#portee")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/demandes/nouvelle");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/demandes/nouvelle")).StatusCode);
    }
}
