using Logis.Tests.Infrastructure;
using Logis.Cli.Cotation;
using Logis.Domain.Cotation;
using Logis.Domain.Territoire;
using Logis.Persistence.Reference;
using Spectre.Console;
using Logis.Application.Cotation;

namespace Logis.Web.Tests;

/// <summary><c>logis cotation comparer</c>, called through its logic with 600 synthetic demands of TPM.</summary>
public sealed class CotationCliTests : IDisposable
{
    private static readonly DateOnly Date = new(2026, 11, 28);
    private static readonly string DossierGrilles = GrillesCotation.TrouverDossier();
    private static readonly string TextePrimo = File.ReadAllText(Path.Combine(DossierGrilles, "tpm-demo-2026.json"));
    private readonly DirectoryInfo _dossier = Directory.CreateTempSubdirectory("logis-cli-cotation-");

    public void Dispose() => _dossier.Delete(recursive: true);

    private static ISourceDemandesCotation Source() => new DemandesSynthetiques(ReferenceData.Trouver(), 2026, 600);

    private async Task<(int Code, string Sortie, string Erreurs)> Comparer(string brouillon, string? rapport = null)
    {
        var fichier = Path.Combine(_dossier.FullName, "brouillon.json");
        await File.WriteAllTextAsync(fichier, brouillon);
        var sortie = new StringWriter();
        var erreurs = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(sortie), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        var code = await CommandesCotation.ComparerAsync(
            new ParametresComparaison(fichier, "248300543", rapport, DossierGrilles, Date), console, erreurs, Source, CancellationToken.None);
        return (code, sortie.ToString(), erreurs.ToString());
    }

    [Fact]
    public async Task Un_brouillon_identique_ne_change_rien()
    {
        var rapport = Path.Combine(_dossier.FullName, "rapport.md");
        var (code, sortie, erreurs) = await Comparer(TextePrimo, rapport);
        Assert.Equal(0, code);
        Assert.Equal("", erreurs);
        Assert.Contains("Aucun changement", sortie, StringComparison.Ordinal);
        Assert.Contains("Aucun changement", await File.ReadAllTextAsync(rapport), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Un_brouillon_qui_donne_plus_au_parent_isole_compte_ses_gagnants()
    {
        var brouillon = TextePrimo.Replace("\"condition\": { \"fait\": \"parent_isole\" },\n      \"points\": 5,", "\"condition\": { \"fait\": \"parent_isole\" },\n      \"points\": 15,", StringComparison.Ordinal);
        Assert.NotEqual(TextePrimo, brouillon);
        var rapport = Path.Combine(_dossier.FullName, "rapport.md");
        var (code, sortie, _) = await Comparer(brouillon, rapport);
        Assert.Equal(0, code);

        // Expected: the same demands, scored by the domain. The mutation grid scores mutations, so only first-time demands count.
        var demandes = Source().Lire(Siren.Create("248300543"), Date, null, CancellationToken.None).Where(d => !d.Faits.Mutation).ToList();
        var attendu = ComparaisonGrilles.Comparer(ChargeurGrille.Charger(TextePrimo).Grille!, ChargeurGrille.Charger(brouillon).Grille!, demandes);
        Assert.True(attendu.Gagnants > 0);
        Assert.Equal(0, attendu.Perdants);
        Assert.True(attendu.Gagnants <= demandes.Count(d => d.Faits.ParentIsole));
        Assert.All(attendu.Changements, c => Assert.InRange(c.Ecart, 1, 10));
        Assert.Contains($"{attendu.Gagnants} gagnants, 0 perdants", sortie.Replace("\u202f", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("famille monoparentale", sortie, StringComparison.Ordinal);
        Assert.Contains("Toulon (83137)", sortie, StringComparison.Ordinal);

        var md = (await File.ReadAllTextAsync(rapport)).Replace("\u202f", " ", StringComparison.Ordinal);
        Assert.Contains($"| {attendu.Demandes.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("fr-FR")).Replace("\u202f", " ", StringComparison.Ordinal)} | {attendu.Gagnants} | 0 |", md, StringComparison.Ordinal);
        Assert.Contains("## Par type de ménage", md, StringComparison.Ordinal);
        Assert.Contains("## Par commune de résidence", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Un_brouillon_mal_forme_sort_en_code_2_avec_la_ligne_sans_rien_faire()
    {
        var rapport = Path.Combine(_dossier.FullName, "rapport.md");
        var casse = TextePrimo.Replace("\"fait\": \"parent_isole\"", "\"fait\": \"parent_isol\"", StringComparison.Ordinal);
        var ligne = casse.Split('\n').ToList().FindIndex(l => l.Contains("parent_isol\"", StringComparison.Ordinal)) + 1;
        var (code, sortie, erreurs) = await Comparer(casse, rapport);
        Assert.Equal(2, code);
        Assert.Contains($"ligne {ligne} : ", erreurs, StringComparison.Ordinal);
        Assert.Contains("parent_isol", erreurs, StringComparison.Ordinal);
        Assert.Equal("", sortie);
        Assert.False(File.Exists(rapport));
    }

    [Fact]
    public async Task La_commande_s_invoque_depuis_la_ligne_de_commande()
    {
        var fichier = Path.Combine(_dossier.FullName, "vide.json");
        await File.WriteAllTextAsync(fichier, "{");
        Logis.Cli.BaseCli.Horloge = Horloges.Fixe();
        var racine = new System.CommandLine.RootCommand();
        racine.Subcommands.Add(CommandesCotation.Cotation());
        Assert.Equal(2, await racine.Parse(["cotation", "comparer", "--brouillon", fichier]).InvokeAsync());
    }
}
