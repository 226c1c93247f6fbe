using Logis.Domain.Eligibilite;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;

namespace Logis.Domain.Tests.Eligibilite;

/// <summary>Overseas ceilings (issue 12, point 10) and the notice of a year whose ceilings are not loaded.</summary>
public class OutreMerEtVeilleTests
{
    /// <summary>
    /// ADIL, « Logements HLM DOM / plafonds de ressources au 1er janvier 2018 » [S]: PLUS « autres régions », LLS (90 %),
    /// LLTS (67,5 %) and PLS DOM (130 % of LLS), categories 1 to 6 then per additional person.
    /// </summary>
    public static TheoryData<int, int, int, int> Publie2018 => new()
    {
        { 20_304, 18_274, 13_705, 23_756 },
        { 27_114, 24_403, 18_302, 31_724 },
        { 32_607, 29_346, 22_010, 38_150 },
        { 39_364, 35_428, 26_571, 46_056 },
        { 46_308, 41_677, 31_258, 54_180 },
        { 52_189, 46_970, 35_228, 61_061 },
        { 5_821, 5_239, 3_929, 6_811 },
    };

    [Theory]
    [MemberData(nameof(Publie2018))]
    public void La_regle_outre_mer_redonne_le_tableau_publie(int plus, int lls, int llts, int pls)
    {
        Assert.Equal(lls, PlafondsOutreMer.Deriver(Financement.Plus, plus));
        Assert.Equal(llts, PlafondsOutreMer.Deriver(Financement.Plai, plus));
        Assert.Equal(pls, PlafondsOutreMer.Deriver(Financement.Pls, plus));
    }

    [Fact]
    public void Le_fichier_livre_donne_les_plafonds_outre_mer_de_chaque_annee_selon_la_regle()
    {
        var bareme = DonneesDeReference.Plafonds;
        using var lecteur = File.OpenText(DonneesDeReference.FichierPlafonds);
        var lignes = LecteurPlafondsCsv.Lire(lecteur).Valeur!;
        var plus = lignes.Where(l => l.Financement == Financement.Plus && l.Zone == ZonePlafond.AutresRegions).ToDictionary(l => (l.Annee, l.Colonne), l => l.Montant);
        var outreMer = lignes.Where(l => l.Zone == ZonePlafond.OutreMer).ToList();
        Assert.Equal(bareme.Annees.Count * 3 * 7, outreMer.Count);
        foreach (var l in outreMer) Assert.Equal(PlafondsOutreMer.Deriver(l.Financement, plus[(l.Annee, l.Colonne)]), l.Montant);
        foreach (var annee in bareme.Annees) Assert.Empty(bareme.TablesManquantes(annee));
        // 2026, one person: PLUS « autres régions » 23 403 € → LLS 21 063 €, LLTS 15 797 €, PLS 27 382 €.
        decimal Un(Financement f) => outreMer.Single(l => l.Annee == 2026 && l.Financement == f && l.Colonne == ColonnePlafond.Categorie1).Montant;
        Assert.Equal([21_063m, 15_797m, 27_382m], new[] { Un(Financement.Plus), Un(Financement.Plai), Un(Financement.Pls) });
        Assert.All(BaremePlafonds.FinancementsAttendus, f => Assert.StartsWith("Outre-mer", BaremePlafonds.SourceLegale(f, ZonePlafond.OutreMer), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("97411", "04")] // Saint-Denis (La Réunion)
    [InlineData("97101", "01")] // Les Abymes (Guadeloupe)
    [InlineData("97209", "02")] // Fort-de-France (Martinique)
    [InlineData("97302", "03")] // Cayenne (Guyane)
    [InlineData("97611", "06")] // Mamoudzou (Mayotte)
    [InlineData("97801", "")]   // Saint-Martin (no region code)
    public void Une_commune_d_outre_mer_est_en_zone_outre_mer(string insee, string region) =>
        Assert.Equal(ZonePlafond.OutreMer, new ZonePlafondResolver([]).Resoudre(CodeInsee.Create(insee), region));

    private static BaremePlafonds Bareme(params (int Annee, Financement F, ZonePlafond Z)[] tables) =>
        BaremePlafonds.Creer(tables.SelectMany(t => Enum.GetValues<ColonnePlafond>()
            .Select(c => LignePlafond.Creer(t.Annee, t.F, t.Z, c, 10_000m, "test").Valeur!))).Valeur!;

    private static BaremePlafonds Complet(params int[] annees) =>
        Bareme([.. from a in annees from f in BaremePlafonds.FinancementsAttendus from z in Enum.GetValues<ZonePlafond>() select (a, f, z)]);

    [Fact]
    public void L_annee_suivante_non_chargee_est_signalee_a_partir_du_1er_decembre()
    {
        var bareme = Complet(2026);
        Assert.Empty(VeillePlafonds.Verifier(bareme, new DateOnly(2026, 11, 30)));
        var avis = Assert.Single(VeillePlafonds.Verifier(bareme, new DateOnly(2026, 12, 1)));
        Assert.Equal(2027, avis.Annee);
        Assert.True(avis.Absente);
        Assert.StartsWith("Les plafonds de ressources de 2027 ne sont pas chargés : ils s'appliquent dès le 1er janvier 2027", avis.Message, StringComparison.Ordinal);
        Assert.Single(VeillePlafonds.Verifier(bareme, new DateOnly(2026, 12, 31)));
        // Once loaded, nothing is said; a missing current year is always said.
        Assert.Empty(VeillePlafonds.Verifier(Complet(2026, 2027), new DateOnly(2026, 12, 1)));
        var courante = Assert.Single(VeillePlafonds.Verifier(bareme, new DateOnly(2027, 1, 2)));
        Assert.Contains("depuis le 1er janvier", courante.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void L_annee_applicable_est_celle_de_la_date_sinon_la_derniere_chargee_avant_elle()
    {
        var bareme = Complet(2024, 2026);
        Assert.Equal(2026, bareme.AnneeApplicable(2026));
        Assert.Equal(2024, bareme.AnneeApplicable(2025));
        Assert.Equal(2026, bareme.AnneeApplicable(2027));
        // Before every loaded year: the latest one (never a year without ceilings).
        Assert.Equal(2026, bareme.AnneeApplicable(2020));
    }

    [Fact]
    public void Une_annee_incomplete_est_signalee_avec_ses_tables_manquantes()
    {
        var bareme = Bareme([.. from f in BaremePlafonds.FinancementsAttendus from z in Enum.GetValues<ZonePlafond>() select (2026, f, z),
            (2027, Financement.Plus, ZonePlafond.AutresRegions)]);
        var avis = Assert.Single(VeillePlafonds.Verifier(bareme, new DateOnly(2026, 12, 1)));
        Assert.False(avis.Absente);
        Assert.Equal(11, avis.TablesManquantes.Count);
        Assert.Contains("PLAI « Outre-mer (Guadeloupe, Martinique, Guyane, La Réunion, Mayotte) »", avis.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("PLUS « Autres régions »", avis.Message, StringComparison.Ordinal);
    }
}
