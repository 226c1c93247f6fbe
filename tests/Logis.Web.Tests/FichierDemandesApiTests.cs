using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Logis.Persistence.Demandes;
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

    [Theory, DeuxBases]
    public async Task Sans_authentification_ni_import_ni_export(string f)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await fx.App(f).Client().PostAsync("/api/v1/demandes/import", Csv(Entete))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await fx.App(f).Client().GetAsync("/api/v1/demandes/export")).StatusCode);
    }
}
