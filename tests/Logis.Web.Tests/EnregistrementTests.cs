using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;

namespace Logis.Web.Tests;

/// <summary>
/// Issue 12, point 5: a deposit date more than a month back needs a reason (form, API, file), which goes into the timeline; the
/// registration's completeness (R441-2-3) and its one-month deadline (L441-2-1) on the demand, in the API and in the EPCI's alert list.
/// </summary>
[Collection(CollectionApplications.Nom)]
public class EnregistrementTests(ApplicationsFixture fx)
{
    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static JsonObject Saisie(string nom, DateOnly? depot = null, string? motif = null)
    {
        var json = JsonSerializer.SerializeToNode(DemandesApiTests.Saisie(nom))!.AsObject();
        json["personnes"]![0]!["nationalite"] = "Francaise";
        if (depot is { } d) json["dateDepot"] = Iso(d);
        if (motif is not null) json["motifDateDepot"] = motif;
        return json;
    }

    [Theory, DeuxBases]
    public async Task Une_date_de_depot_ancienne_sans_motif_est_refusee_et_le_motif_va_dans_la_chronologie(string f)
    {
        var client = fx.App(f).ClientApi("epci");
        var ancienne = Horloges.Aujourdhui.AddMonths(-3);
        var refus = await client.PostAsJsonAsync("/api/v1/demandes", Saisie("Depotancien", ancienne));
        Assert.Equal(HttpStatusCode.BadRequest, refus.StatusCode);
        var message = (await refus.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("motifDateDepot")[0].GetString()!;
        Assert.Contains("est antérieure de plus d'un mois au jour de l'enregistrement", message, StringComparison.Ordinal);
        // One month exactly needs no reason; the future is refused on the date itself.
        await DemandesApiTests.CreerAsync(client, Saisie("Depotunmois", Horloges.Aujourdhui.AddMonths(-1)));
        var futur = await client.PostAsJsonAsync("/api/v1/demandes", Saisie("Depotfutur", Horloges.Aujourdhui.AddDays(1), "motif"));
        Assert.True((await futur.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("dateDepot", out _));

        var numero = await DemandesApiTests.CreerAsync(client, Saisie("Depotancien", ancienne, "Dossier papier reçu par courrier au guichet de Cuers, saisi en retard"));
        var evenements = await client.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}/evenements");
        Assert.Contains("motif de la date de dépôt : « Dossier papier reçu par courrier au guichet de Cuers, saisi en retard »",
            evenements[0].GetProperty("resume").GetString()!, StringComparison.Ordinal);
        Assert.Equal(Iso(ancienne), (await client.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}")).GetProperty("dateDepot").GetString());
    }

    [Theory, DeuxBases]
    public async Task Une_ligne_de_fichier_sans_numero_et_datee_de_plus_d_un_mois_demande_le_motif(string f)
    {
        var client = fx.App(f).ClientApi("epci");
        var entete = FichierDemandesApiTests.Entete.TrimEnd('\r', '\n') + ",date_depot,motif_date_depot\r\n";
        var date = Iso(Horloges.Aujourdhui.AddMonths(-2));
        var sansMotif = entete + $"Fichierancien,Alice,1985-05-12,Salaire=1450,1 rue A,83000,Toulon,Celibataire,LocataireParcPrive,30,LogementTropCher,T2,83137,500,{date},\r\n";
        var refus = await client.PostAsync("/api/v1/demandes/import?essai=false", FichierDemandesApiTests.Csv(sansMotif));
        Assert.Equal(HttpStatusCode.BadRequest, refus.StatusCode);
        var erreur = Assert.Single((await refus.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("ligne 2").EnumerateArray()).GetString()!;
        Assert.StartsWith("motif_date_depot : La date de dépôt du", erreur, StringComparison.Ordinal);
        var avecMotif = entete + $"Fichierancien,Alice,1985-05-12,Salaire=1450,1 rue A,83000,Toulon,Celibataire,LocataireParcPrive,30,LogementTropCher,T2,83137,500,{date},Reprise du fichier papier de la mairie\r\n";
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsync("/api/v1/demandes/import?essai=false", FichierDemandesApiTests.Csv(avecMotif))).StatusCode);
    }

    [Theory, DeuxBases]
    public async Task La_completude_et_le_delai_d_un_mois_sont_suivis_jusqu_a_la_piece_d_identite(string f)
    {
        var client = fx.App(f).ClientApi("epci");
        var depot = Horloges.Aujourdhui.AddMonths(-2);
        var numero = await DemandesApiTests.CreerAsync(client, Saisie("Sanspiece", depot, "Dossier transmis par le CCAS, saisi en retard"));

        var completude = await client.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}/completude");
        Assert.False(completude.GetProperty("complet").GetBoolean());
        Assert.Equal("identite", completude.GetProperty("manquants")[0].GetProperty("code").GetString());
        Assert.Equal(Iso(depot.AddMonths(1)), completude.GetProperty("echeance").GetString());
        Assert.True(completude.GetProperty("echeanceDepassee").GetBoolean());

        // The EPCI's alert list: late first, with what is missing; the page says the same.
        var alertes = await client.GetFromJsonAsync<JsonElement>("/api/v1/demandes/enregistrements-a-completer");
        Assert.True(alertes.GetProperty("enRetard").GetInt32() >= 1);
        var ligne = alertes.GetProperty("demandes").EnumerateArray().Single(d => d.GetProperty("numero").GetString() == numero);
        Assert.True(ligne.GetProperty("echeanceDepassee").GetBoolean());
        Assert.Equal("Copie d'une pièce d'identité du demandeur", ligne.GetProperty("manquants")[0].GetString());
        // Missed deadlines come after the coming ones, the most recently missed first.
        var lignes = alertes.GetProperty("demandes").EnumerateArray().ToList();
        var depassees = lignes.SkipWhile(d => !d.GetProperty("echeanceDepassee").GetBoolean()).ToList();
        Assert.All(depassees, d => Assert.True(d.GetProperty("echeanceDepassee").GetBoolean()));
        var echeances = depassees.Select(d => d.GetProperty("echeance").GetString()!).ToList();
        Assert.Equal(echeances.OrderDescending(StringComparer.Ordinal), echeances);

        var agent = await fx.App(f).ConnecterAsync("epci");
        var page = await LogisFactory.DocumentAsync(await agent.GetAsync("/demandes/enregistrements"));
        Assert.Contains(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/demandes/{numero}");
        var fiche = await LogisFactory.DocumentAsync(await agent.GetAsync($"/demandes/{numero}"));
        Assert.Equal("incomplet, délai d'un mois dépassé", fiche.GetElementById("statut-enregistrement")!.TextContent);
        Assert.Contains("Copie d'une pièce d'identité du demandeur", fiche.GetElementById("enregistrement-incomplet")!.TextContent, StringComparison.Ordinal);

        // The identity piece completes the registration; the demand leaves the alert list.
        await PiecesTests.DeposerAsync(client, numero, "identite", PiecesTests.Pdf, "cni.pdf");
        completude = await client.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}/completude");
        Assert.True(completude.GetProperty("complet").GetBoolean());
        Assert.Equal(0, completude.GetProperty("manquants").GetArrayLength());
        alertes = await client.GetFromJsonAsync<JsonElement>("/api/v1/demandes/enregistrements-a-completer");
        Assert.DoesNotContain(alertes.GetProperty("demandes").EnumerateArray(), d => d.GetProperty("numero").GetString() == numero);
        fiche = await LogisFactory.DocumentAsync(await agent.GetAsync($"/demandes/{numero}"));
        Assert.Equal("complet", fiche.GetElementById("statut-enregistrement")!.TextContent);
        Assert.Null(fiche.GetElementById("enregistrement-incomplet"));
    }
}
