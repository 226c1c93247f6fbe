using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Logis.Domain.Acces;
using Logis.Domain.Demandes;
using Logis.Domain.Organisations;
using Logis.Persistence.Acces;
using Logis.Persistence.Demandes.Fichier;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Logis.Web.Tests;

/// <summary>
/// The numéro unique national (R441-2-4 c, docs/sne.md §1): 18 characters whose parts are the territory, the month and year of
/// the first deposit and the registering service; only registering services register (L441-2-1); numbers from elsewhere kept.
/// </summary>
[Collection(CollectionApplications.Nom)]
public class NumeroNationalTests(ApplicationsFixture fx)
{
    /// <summary>TPM is in the Var: its territory code, when none is configured, is the département on three characters [M].</summary>
    private const string TerritoireTpm = "083";

    private static JsonObject Saisie(string nom, string? canal = null, string? depot = null)
    {
        var s = JsonSerializer.SerializeToNode(DemandesApiTests.Saisie(nom))!.AsObject();
        if (canal is not null) s["canal"] = canal;
        if (depot is not null)
        {
            s["dateDepot"] = depot;
            s["motifDateDepot"] = "Dossier papier reçu par courrier, saisi avec retard";
        }
        return s;
    }

    private static NumeroUnique Lire(string numero)
    {
        Assert.Equal(NumeroUnique.Longueur, numero.Length);
        Assert.True(NumeroUnique.TryParse(numero, out var n), numero);
        return n;
    }

    private async Task<string> CodeGuichetAsync(string f, OrganisationGuichet type, string organisation)
    {
        await using var db = fx.Base(f);
        return await db.Guichets.AsNoTracking().Where(g => g.TypeOrganisation == type && g.Organisation == organisation).Select(g => g.Code).SingleAsync();
    }

    [Theory, DeuxBases]
    public async Task Une_demande_enregistree_par_l_api_porte_un_numero_national_de_18_caracteres(string f)
    {
        var client = fx.App(f).ClientApi("epci");
        var numero = await DemandesApiTests.CreerAsync(client, Saisie("Nationale"));
        var demande = await client.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}");
        var depot = DateOnly.Parse(demande.GetProperty("dateDepot").GetString()!, CultureInfo.InvariantCulture);

        var n = Lire(numero);
        var guichetEpci = await CodeGuichetAsync(f, OrganisationGuichet.Epci, Persistence.Seed.TerritoireSeeder.SirenTpm);
        Assert.Equal((TerritoireTpm, depot.Month, depot.Year % 100, guichetEpci), (n.Territoire, n.Mois, n.Annee, n.Guichet));
        Assert.Equal(n.Lisible, demande.GetProperty("numeroLisible").GetString());
        Assert.EndsWith($"({guichetEpci})", demande.GetProperty("guichet").GetString(), StringComparison.Ordinal);
        // The number in its four parts finds the demand too.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/demandes/{Uri.EscapeDataString(n.Lisible)}")).StatusCode);
    }

    [Theory, DeuxBases]
    public async Task Le_mois_et_l_annee_sont_ceux_du_premier_depot_et_le_guichet_celui_de_l_organisation_ou_le_portail_en_ligne(string f)
    {
        var bailleur = fx.App(f).ClientApi("bailleur");
        var depot = DateOnly.FromDateTime(fx.App(f).Horloge.GetUtcNow().UtcDateTime).AddMonths(-3);
        var papier = Lire(await DemandesApiTests.CreerAsync(bailleur, Saisie("Papier", depot: depot.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
        Guid idBailleur;
        await using (var db = fx.Base(f))
            idBailleur = (await db.ClientsApi.AsNoTracking().SingleAsync(c => c.EmpreinteCle == Secrets.EmpreinteCleApi(
                Persistence.Seed.ComptesDemo.CleApi("bailleur", Domain.Territoire.Siren.Create(Persistence.Seed.TerritoireSeeder.SirenTpm))))).BailleurId!.Value.Value;
        Assert.Equal((TerritoireTpm, depot.Month, depot.Year % 100), (papier.Territoire, papier.Mois, papier.Annee));
        Assert.Equal(await CodeGuichetAsync(f, OrganisationGuichet.Bailleur, idBailleur.ToString()), papier.Guichet);

        var enLigne = Lire(await DemandesApiTests.CreerAsync(fx.App(f).ClientApi("epci"), Saisie("Enligne", canal: "EnLigne")));
        Assert.Equal(NumeroUnique.GuichetPortailPublic, enLigne.Guichet);
    }

    [Theory, DeuxBases]
    public async Task Une_organisation_qui_n_est_pas_service_enregistreur_ne_peut_pas_enregistrer(string f)
    {
        var cle = $"cle-test-departement-{f}";
        var app = fx.App(f);
        await using (var db = fx.Base(f))
        {
            var epci = Domain.Territoire.Siren.Create(Persistence.Seed.TerritoireSeeder.SirenTpm);
            var departement = await db.Reservataires.AsNoTracking().SingleAsync(r => r.EpciSiren == epci && r.Type == TypeReservataire.Departement);
            Assert.False(await db.Guichets.AnyAsync(g => g.Organisation == departement.Id.Value.ToString()));
            if (!await db.ClientsApi.AnyAsync(c => c.EmpreinteCle == Secrets.EmpreinteCleApi(cle)))
            {
                db.ClientsApi.Add(new ClientApi
                {
                    Id = Guid.NewGuid(), Nom = "Conseil départemental (test)", Role = Role.AgentReservataire, EpciSiren = epci,
                    ReservataireId = departement.Id, EmpreinteCle = Secrets.EmpreinteCleApi(cle),
                });
                await db.SaveChangesAsync();
            }
        }

        var r = await app.ClientApiCle(cle).PostAsJsonAsync("/api/v1/demandes", Saisie("Refusee"));

        Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var detail = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;
        Assert.Contains("n'est pas service enregistreur", detail, StringComparison.Ordinal);
        Assert.Contains("L441-2-1", detail, StringComparison.Ordinal);
        // Nothing written.
        await using (var db = fx.Base(f))
            Assert.Equal(0, await db.Demandes.CountAsync(d => EF.Property<string>(d, Persistence.Demandes.ColonnesDemande.NomDemandeur) == "REFUSEE"));
    }

    [Theory, DeuxBases]
    public async Task Un_numero_du_sne_est_garde_tel_quel_a_l_import(string f)
    {
        var client = fx.App(f).ClientApi("epci");
        // A number the national system gave in Île-de-France (territory 111) at a service G1104, two months ago.
        var depot = DateOnly.FromDateTime(fx.App(f).Horloge.GetUtcNow().UtcDateTime).AddMonths(-2);
        var sne = $"111 {depot.Month:00}{depot.Year % 100:00} {Random.Shared.Next(100_000, 999_999):000000} G1104";
        Assert.True(NumeroUnique.TryParse(sne, out var attendu));
        var entete = FormatFichierDemandes.EnteteExport();
        var champs = FormatFichierDemandes.Champs(attendu, depot, CanalDepot.Guichet, Demande(f)).ToList();
        champs[0] = sne;
        var csv = new StringWriter();
        FormatFichierDemandes.EcrireLigne(csv, entete);
        FormatFichierDemandes.EcrireLigne(csv, champs);

        var r = await client.PostAsync("/api/v1/demandes/import?essai=false", FichierDemandesApiTests.Csv(csv.ToString()));
        Assert.True(r.IsSuccessStatusCode, await r.Content.ReadAsStringAsync());

        var lue = await client.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{attendu.Valeur}");
        Assert.Equal(attendu.Valeur, lue.GetProperty("numero").GetString());
        Assert.Equal(depot.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), lue.GetProperty("dateDepot").GetString());
        Assert.Equal("G1104", lue.GetProperty("guichet").GetString());
    }

    /// <summary>The content of a demand of the demo file (any: the import only needs a valid line).</summary>
    private ContenuDemande Demande(string f)
    {
        using var db = fx.Base(f);
        return db.Demandes.AsNoTracking().OrderBy(d => d.Numero).First(d => d.Statut == StatutDemande.Active).Contenu;
    }
}

/// <summary>Registrations at the same instant through the API: each gets its own sequence number of the month, without gap.</summary>
[Collection(CollectionApplications.Nom)]
public class NumeroNationalConcurrenceTests(ApplicationsFixture fx)
{
    [Theory, DeuxBases]
    public async Task Des_enregistrements_simultanes_recoivent_des_numeros_distincts_et_contigus(string f)
    {
        var app = fx.App(f);
        // A deposit month no other test uses: the sequence of that month is this test's alone.
        var depot = DateOnly.FromDateTime(app.Horloge.GetUtcNow().UtcDateTime).AddMonths(f == BasesDeTest.Sqlite ? -7 : -8);
        var saisie = JsonSerializer.SerializeToNode(DemandesApiTests.Saisie("Simultanee"))!.AsObject();
        saisie["dateDepot"] = depot.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        saisie["motifDateDepot"] = "Dossier papier reçu par courrier, saisi avec retard";
        var clients = Enumerable.Range(0, 12).Select(_ => app.ClientApi("epci")).ToList();
        var reponses = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync("/api/v1/demandes", saisie)));

        Assert.All(reponses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var numeros = new List<NumeroUnique>();
        foreach (var r in reponses)
        {
            Assert.True(NumeroUnique.TryParse((await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("numero").GetString(), out var n));
            numeros.Add(n);
        }
        Assert.All(numeros, n => Assert.True(n.CorrespondAuDepot(depot)));
        var sequences = numeros.Select(n => n.Sequence).Order().ToList();
        Assert.Equal(12, sequences.Distinct().Count());
        // Contiguous: nothing lost between them (other demo demands of that month may come before).
        Assert.Equal(sequences[0] + 11, sequences[^1]);
    }
}
