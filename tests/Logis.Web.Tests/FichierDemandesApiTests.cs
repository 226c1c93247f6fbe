using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Logis.Domain.Demandes;
using Logis.Persistence.Demandes;
using Logis.Persistence.Demandes.Fichier;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Logis.Web.Tests;

[Collection(CollectionApplications.Nom)]
public class FichierDemandesApiTests(ApplicationsFixture fx)
{
    /// <summary>The smallest header of the demand file (docs/import-demandes.md), shared by the command-line tests.</summary>
    public const string Entete = "p1_nom,p1_prenoms,p1_date_naissance,p1_ressources,adresse_ligne1,code_postal,commune_adresse,situation_familiale," +
                                  "logement_statut,logement_surface,motifs,typologies,communes_souhaitees,loyer_maximum\r\n";

    public static StringContent Csv(string texte) => new(texte, Encoding.UTF8, "text/csv");

    [Theory, DeuxBases]
    public async Task Import_essai_erreurs_par_ligne_puis_import_et_export_audite(string f)
    {
        var client = fx.App(f).ClientApi("epci");
        var casse = Entete
            + "Fichierapi,Alice,1985-05-12,Salaire=1450,1 rue A,83000,Toulon,Celibataire,LocataireParcPrive,30,LogementTropCher,T2,83137,500\r\n"
            + "Fichierapi,Bruno,1985-02-30,Salaire=-3,2 rue B,83000,Toulon,Celibataire,LocataireParcPrive,30,LogementTropCher,T2,13055,500\r\n";
        var refus = await client.PostAsync("/api/v1/demandes/import?essai=false", Csv(casse));
        Assert.Equal(HttpStatusCode.BadRequest, refus.StatusCode);
        var probleme = await refus.Content.ReadFromJsonAsync<JsonElement>();
        var erreurs = probleme.GetProperty("errors").GetProperty("ligne 3").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Contains(erreurs, e => e.StartsWith("p1_date_naissance :", StringComparison.Ordinal));
        Assert.Contains(erreurs, e => e.StartsWith("p1_ressources :", StringComparison.Ordinal));
        Assert.Contains(erreurs, e => e.Contains("n'appartient pas à l'intercommunalité", StringComparison.Ordinal));
        Assert.False(probleme.GetProperty("errors").TryGetProperty("ligne 2", out _));
        await using (var db = fx.Base(f))
            Assert.False(await db.Demandes.AnyAsync(d => EF.Property<string>(d, ColonnesDemande.NomDemandeur) == "FICHIERAPI"));

        var propre = Entete + "Fichierapi,Alice,1985-05-12,Salaire=1450,1 rue A,83000,Toulon,Celibataire,LocataireParcPrive,30,LogementTropCher,T2,83137,500\r\n";
        var essai = await client.PostAsync("/api/v1/demandes/import", Csv(propre));
        Assert.Equal(HttpStatusCode.OK, essai.StatusCode);
        Assert.True((await essai.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("essai").GetBoolean());
        var import = await client.PostAsync("/api/v1/demandes/import?essai=false", Csv(propre));
        Assert.Equal(HttpStatusCode.Created, import.StatusCode);
        Assert.Equal(1, (await import.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("importees").GetInt32());

        var export = await client.GetAsync("/api/v1/demandes/export");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("text/csv", export.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", export.Content.Headers.ContentDisposition?.DispositionType);
        var texte = await export.Content.ReadAsStringAsync();
        Assert.Contains("Fichierapi", texte, StringComparison.Ordinal);
        Assert.DoesNotContain("_nir", texte.Split('\n')[0], StringComparison.Ordinal);
        await using (var db = fx.Base(f))
        {
            Assert.True(await db.Audit.AnyAsync(a => a.Action == ActionsAudit.Import));
            Assert.True(await db.Audit.AnyAsync(a => a.Action == ActionsAudit.ExportMasse));
        }
    }

    /// <summary>
    /// One reader for a demand's input: the same broken demand sent as JSON and as a file line gets the same French messages,
    /// each on the field (API) or on the column that fills it (file, docs/import-demandes.md).
    /// </summary>
    [Theory, DeuxBases]
    public async Task La_meme_demande_cassee_a_les_memes_messages_par_l_API_et_par_le_fichier(string f)
    {
        var client = fx.App(f).ClientApi("epci");
        var json = new
        {
            personnes = new object[]
            {
                new { nom = "Lecteurunique", prenoms = "", dateNaissance = "1985-02-30", ressources = new[] { new { type = "Salaire", montantMensuel = -3m } } },
                new { nom = "Lecteurunique", prenoms = "Noé", dateNaissance = "2015-04-01", lien = "Cousin" },
            },
            adresse = new { ligne1 = "1 rue A", codePostal = "830", commune = "Toulon" },
            courriel = "victime@example.com\r\nBcc: autre@example.com",
            situationFamiliale = "Celibataire",
            logementActuel = new { statut = "LocataireParcPrive", surface = 0m },
            motifs = new[] { "LogementTropCher", "Inconnu" },
            souhaits = new { typologies = new[] { "T2", "T9" }, communes = new[] { "13055" }, toutEpci = false, loyerMaximum = 500m },
        };
        var api = await client.PostAsJsonAsync("/api/v1/demandes", json);
        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var parChamp = (await api.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(e => e.GetString()!).ToList());

        const string entete = "p1_nom,p1_prenoms,p1_date_naissance,p1_ressources,p2_nom,p2_prenoms,p2_date_naissance,p2_lien,adresse_ligne1,code_postal," +
                              "commune_adresse,courriel,situation_familiale,logement_statut,logement_surface,motifs,typologies,communes_souhaitees,loyer_maximum\r\n";
        var ligne = "Lecteurunique,,1985-02-30,Salaire=-3,Lecteurunique,Noé,2015-04-01,Cousin,1 rue A,830,Toulon,\"victime@example.com\r\nBcc: autre@example.com\","
                    + "Celibataire,LocataireParcPrive,0,LogementTropCher;Inconnu,T2;T9,13055,500\r\n";
        var fichier = await client.PostAsync("/api/v1/demandes/import", Csv(entete + ligne));
        Assert.Equal(HttpStatusCode.BadRequest, fichier.StatusCode);
        var parColonne = (await fichier.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("ligne 2")
            .EnumerateArray().Select(e => e.GetString()!).ToList();

        string[] attendus =
        [
            "personnes[0].prenoms", "personnes[0].dateNaissance", "personnes[0].ressources", "personnes[1].lien", "adresse.codePostal", "courriel",
            "logementActuel.surface", "motifs", "souhaits.typologies", "souhaits.communes",
        ];
        Assert.Equal(attendus.Order(), parChamp.Keys.Order());
        foreach (var (champ, messages) in parChamp)
        {
            foreach (var message in messages)
                Assert.Contains($"{FormatFichierDemandes.ColonneDe(champ, [1, 2])} : {message}", parColonne);
        }
        Assert.Equal(parChamp.Values.Sum(m => m.Count), parColonne.Count);
        Assert.Contains("Le prénom du demandeur est obligatoire.", parChamp["personnes[0].prenoms"]);
        Assert.Contains("p2_lien : Valeur « Cousin » inconnue ; valeurs admises : Demandeur, Conjoint, Enfant, Ascendant, Autre.", parColonne);
        Assert.Contains("code_postal : Le code postal « 830 » doit compter 5 chiffres.", parColonne);
        Assert.Contains("communes_souhaitees : La commune 13055 n'appartient pas à l'intercommunalité.", parColonne);
        Assert.DoesNotContain(parColonne, e => e.Contains("Bcc", StringComparison.Ordinal));
    }

    /// <summary>A text that is not a number gets the field's message, the same in the file as in the registration form.</summary>
    [Theory, DeuxBases]
    public async Task Un_nombre_illisible_du_fichier_a_le_message_du_formulaire(string f)
    {
        var client = fx.App(f).ClientApi("epci");
        var ligne = "Lecteurunique,Alice,1985-05-12,Salaire=mille,1 rue A,83000,Toulon,Celibataire,LocataireParcPrive,trente,LogementTropCher,T2,83137,cinq cents\r\n";
        var r = await client.PostAsync("/api/v1/demandes/import", Csv(Entete + ligne));
        Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
        var erreurs = (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("ligne 2").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(new[]
        {
            $"p1_ressources : {TexteSaisi.MessageNombre("personnes[0].ressources")}",
            $"logement_surface : {TexteSaisi.MessageNombre("logementActuel.surface")}",
            $"loyer_maximum : {TexteSaisi.MessageNombre("souhaits.loyerMaximum")}",
        }.Order(), erreurs.Order());
        Assert.Equal("La surface est un nombre de mètres carrés (ex. 35).", TexteSaisi.MessageNombre("logementActuel.surface"));
    }

    /// <summary>
    /// The dry run does not confirm that a number outside the caller's perimeter exists (here a demand of another EPCI); a
    /// number the caller sees is said to exist.
    /// </summary>
    [Theory, DeuxBases]
    public async Task L_essai_ne_confirme_pas_un_numero_hors_du_perimetre(string f)
    {
        var epci = fx.App(f).ClientApi("epci");
        var ailleurs = await DemandesApiTests.CreerAsync(epci, DemandesApiTests.Saisie("Horsperimetre"));
        var ici = await DemandesApiTests.CreerAsync(epci, DemandesApiTests.Saisie("Dansperimetre"));
        const string entete = "numero,p1_nom,p1_prenoms,p1_date_naissance,p1_ressources,adresse_ligne1,code_postal,commune_adresse,situation_familiale," +
                              "logement_statut,motifs,typologies,communes_souhaitees\r\n";
        async Task<string> MessageAsync(string numero)
        {
            var ligne = $"{numero},Perimetre,Alice,1985-05-12,Salaire=1450,1 rue A,83000,Toulon,Celibataire,LocataireParcPrive,LogementTropCher,T2,83137\r\n";
            var r = await epci.PostAsync("/api/v1/demandes/import", Csv(entete + ligne));
            var corps = await r.Content.ReadAsStringAsync();
            Assert.True(r.StatusCode == HttpStatusCode.BadRequest, corps);
            Assert.True(JsonDocument.Parse(corps).RootElement.GetProperty("errors").TryGetProperty("ligne 2", out var erreurs), corps);
            return erreurs.EnumerateArray().Single().GetString()!;
        }
        async Task DeplacerAsync(string siren)
        {
            await using var db = fx.Base(f);
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE demande SET \"EpciSiren\" = {siren} WHERE \"Numero\" = {ailleurs}");
        }

        // The demand moves to another EPCI for the time of the check, then back: other tests count the demands of the shared base.
        await DeplacerAsync("200054807");
        try
        {
            Assert.Equal(HttpStatusCode.NotFound, (await epci.GetAsync($"/api/v1/demandes/{ailleurs}")).StatusCode);
            var horsPerimetre = await MessageAsync(ailleurs);
            Assert.Equal($"numero : {ImportDemandes.MessageNumeroIndisponible(ailleurs)}", horsPerimetre);
            Assert.DoesNotContain("existe", horsPerimetre, StringComparison.Ordinal);
            Assert.Equal($"numero : Le numéro {ici} existe déjà dans la base.", await MessageAsync(ici));
        }
        finally
        {
            await DeplacerAsync(Persistence.Seed.TerritoireSeeder.SirenTpm);
        }
    }

    /// <summary>
    /// A file that gives the last number of the month (sequence 999999) and, after it, a line of the same month without a number:
    /// the dry run said it valid and the import answered 500 (issue 13, « an import whose dry run says valid then fails »). The
    /// dry run now names the line that would find no number, and the import refuses the file with the same report, nothing written.
    /// </summary>
    [Theory, DeuxBases]
    public async Task Un_fichier_qui_epuiserait_la_sequence_du_mois_est_refuse_des_l_essai(string f)
    {
        var epci = fx.App(f).ClientApi("epci");
        // Territory, month of today's deposit and registering service: those of a demand the same caller registers today.
        var modele = await DemandesApiTests.CreerAsync(epci, DemandesApiTests.Saisie("Sequencemodele"));
        var dernier = modele[..7] + NumeroUnique.SequenceMaximum.ToString("000000", System.Globalization.CultureInfo.InvariantCulture) + modele[13..];
        const string entete = "numero,p1_nom,p1_prenoms,p1_date_naissance,p1_ressources,adresse_ligne1,code_postal,commune_adresse,situation_familiale," +
                              "logement_statut,motifs,typologies,communes_souhaitees\r\n";
        var fichier = entete
            + $"{dernier},Sequencepleine,Alice,1985-05-12,Salaire=1450,1 rue A,83000,Toulon,Celibataire,LocataireParcPrive,LogementTropCher,T2,83137\r\n"
            + ",Sequencepleine,Bruno,1985-05-12,Salaire=1450,2 rue B,83000,Toulon,Celibataire,LocataireParcPrive,LogementTropCher,T2,83137\r\n";
        var mois = int.Parse(modele[3..5], System.Globalization.CultureInfo.InvariantCulture);
        var annee = 2000 + int.Parse(modele[5..7], System.Globalization.CultureInfo.InvariantCulture);
        var attendu = $"numero : {ImportDemandes.MessageSequenceEpuisee(modele[..3], mois, annee)}";
        foreach (var url in new[] { "/api/v1/demandes/import", "/api/v1/demandes/import?essai=false" })
        {
            var r = await epci.PostAsync(url, Csv(fichier));
            var corps = await r.Content.ReadAsStringAsync();
            Assert.True(r.StatusCode == HttpStatusCode.BadRequest, $"{url} : {(int)r.StatusCode} {corps}");
            var erreurs = JsonDocument.Parse(corps).RootElement.GetProperty("errors");
            Assert.False(erreurs.TryGetProperty("ligne 2", out _), corps);
            Assert.Equal(attendu, erreurs.GetProperty("ligne 3").EnumerateArray().Single().GetString());
        }
        await using var db = fx.Base(f);
        Assert.False(await db.Demandes.AnyAsync(d => EF.Property<string>(d, ColonnesDemande.NomDemandeur) == "SEQUENCEPLEINE"));
        // The sequence of the month did not move: the next registration still gets a number.
        await DemandesApiTests.CreerAsync(epci, DemandesApiTests.Saisie("Sequenceapres"));
    }

    [Theory, DeuxBases]
    public async Task Sans_authentification_ni_import_ni_export(string f)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await fx.App(f).Client().PostAsync("/api/v1/demandes/import", Csv(Entete))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fx.App(f).Client().GetAsync("/api/v1/demandes/export")).StatusCode);
    }
}
