using System.CommandLine;
using System.Xml.Linq;
using Logis.Application.Sne;
using Logis.Cli;
using Logis.Domain.Demandes;
using Logis.Persistence;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Logis.Web.Tests;

/// <summary><c>logis guichets</c> and <c>logis sne exporter/importer</c> on the demo territory (docs/sne.md).</summary>
[Collection(CollectionApplications.Nom)]
public class CliSneTests(ApplicationsFixture fx)
{
    private async Task<int> LogisAsync(string f, params string[] args)
    {
        BaseCli.Horloge = Horloges.Fixe();
        var options = fx.Options(f);
        var racine = new RootCommand { BaseCli.OptionFournisseur, BaseCli.OptionConnexion };
        racine.Subcommands.Add(CommandesSne.Sne());
        racine.Subcommands.Add(CommandesGuichets.Guichets());
        var fournisseur = options.Fournisseur == FournisseurBase.Sqlite ? "sqlite" : "postgresql";
        return await racine.Parse([.. args, "--base", fournisseur, "--connexion", options.ConnectionString!]).InvokeAsync();
    }

    [Theory, DeuxBases]
    public async Task Un_extrait_du_sne_s_exporte_puis_une_demande_du_sne_s_importe_avec_son_numero(string f)
    {
        var creee = await DemandesApiTests.CreerAsync(fx.App(f).ClientApi("epci"), DemandesApiTests.Saisie("Extraitsne"));
        var dossier = Directory.CreateTempSubdirectory("logis-sne-").FullName;
        var export = Path.Combine(dossier, "extrait.xml");
        Assert.Equal(0, await LogisAsync(f, "sne", "exporter", "--epci", TerritoireSeeder.SirenTpm, "--fichier", export));
        var extrait = XDocument.Load(export);
        var demandes = extrait.Descendants(FormatSne.Nuu + "demandeLogement").ToList();
        Assert.DoesNotContain("nir", extrait.ToString(), StringComparison.OrdinalIgnoreCase);

        // One demand as the national system would send it: its number given by the SNE (Île-de-France, service G1104).
        var d = demandes.Single(x => x.Element(FormatSne.Nuu + "numUnique")!.Value == creee);
        var depot = DateOnly.Parse(d.Element(FormatSne.Nuu + "dateCreationDemande")!.Value, System.Globalization.CultureInfo.InvariantCulture);
        var numero = $"111{depot.Month:00}{depot.Year % 100:00}{Random.Shared.Next(100_000, 999_999):000000}G1104";
        d.Element(FormatSne.Nuu + "numUnique")!.Value = numero;
        var venue = new XDocument(new XElement(extrait.Root!.Name, extrait.Root.Attributes(), extrait.Root.Element(FormatSne.Nuu + "entete"), d.Parent));
        var import = Path.Combine(dossier, "du-sne.xml");
        venue.Save(import);

        Assert.Equal(0, await LogisAsync(f, "sne", "importer", "--epci", TerritoireSeeder.SirenTpm, "--fichier", import, "--essai"));
        Assert.Equal(0, await LogisAsync(f, "sne", "importer", "--epci", TerritoireSeeder.SirenTpm, "--fichier", import));
        await using var db = fx.Base(f);
        Assert.True(NumeroUnique.TryParse(numero, out var n));
        Assert.Equal(depot, (await db.Demandes.AsNoTracking().SingleAsync(x => x.Numero == n)).DateDepot);
    }

    [Theory, DeuxBases]
    public async Task Un_guichet_se_declare_et_le_code_de_territoire_se_fixe_par_la_ligne_de_commande(string f)
    {
        _ = fx.App(f);
        var code = f == BasesDeTest.Sqlite ? "G9901" : "G9902";
        Assert.Equal(0, await LogisAsync(f, "guichets", "ajouter", "--epci", TerritoireSeeder.SirenTpm, "--code", code, "--nom", "Antenne test",
            "--type", "Epci", "--adresse", "1 place de la Liberté, Toulon", "--horaires", "Le mardi"));
        Assert.Equal(2, await LogisAsync(f, "guichets", "ajouter", "--epci", TerritoireSeeder.SirenTpm, "--code", "G99", "--nom", "Mauvais", "--type", "Epci"));
        Assert.Equal(0, await LogisAsync(f, "guichets", "lister", "--epci", TerritoireSeeder.SirenTpm));
        Assert.Equal(2, await LogisAsync(f, "guichets", "territoire", "--epci", TerritoireSeeder.SirenTpm, "--code", "1234"));
        await using var db = fx.Base(f);
        var g = await db.Guichets.AsNoTracking().SingleAsync(x => x.Code == code);
        Assert.Equal(("Antenne test", "1 place de la Liberté, Toulon", "Le mardi", OrganisationGuichet.Epci), (g.Nom, g.Adresse, g.Horaires, g.TypeOrganisation));
    }
}
