using Logis.Domain.Eligibilite;
using Logis.Domain.Menages;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using static Logis.Domain.Tests.Eligibilite.Foyers;

namespace Logis.Domain.Tests.Eligibilite;

public class PlafondsTests
{
    private const ZonePlafond P = ZonePlafond.ParisCommunesLimitrophes;
    private const ZonePlafond Idf = ZonePlafond.IleDeFranceHorsParis;
    private const ZonePlafond Ar = ZonePlafond.AutresRegions;

    /// <summary>
    /// PLUS ceilings, annual RFR in euros, as published (docs/regles/06-eligibilite.md §6.3): 2024 = arrêté annexe I
    /// (LEGIARTI000048667288) [V]; 2026 = arrêté du 19 décembre 2025 as relayed [S].
    /// Columns: category 1 … 6, then per additional person.
    /// </summary>
    public static TheoryData<int, ZonePlafond, int[]> PlusPublies => new()
    {
        { 2024, P,   [26_044, 38_925, 51_025, 60_921, 72_482, 81_562, 9_089] },
        { 2024, Idf, [26_044, 38_925, 46_789, 56_046, 66_347, 74_662, 8_319] },
        { 2024, Ar,  [22_642, 30_238, 36_362, 43_899, 51_641, 58_200, 6_492] },
        { 2026, P,   [26_920, 40_233, 52_740, 62_968, 74_919, 84_304, 9_394] },
        { 2026, Idf, [26_920, 40_233, 48_362, 57_930, 68_577, 77_171, 8_598] },
        { 2026, Ar,  [23_403, 31_254, 37_584, 45_374, 53_376, 60_156, 6_710] },
    };

    /// <summary>
    /// PLUS 2025 (docs/regles/06-eligibilite.md §6.3): the published cells [S] must match exactly; the cells that document
    /// only derived [D] (0 below) are checked by the file alone, within the ±2 € of the derivation.
    /// </summary>
    public static TheoryData<ZonePlafond, int[], int[]> Plus2025 => new()
    {
        { P,   [26_687, 39_885, 52_284, 0, 0, 0, 9_313], [0, 0, 0, 62_425, 74_272, 83_577, 0] },
        { Idf, [26_687, 39_885, 47_944, 0, 0, 0, 8_524], [0, 0, 0, 57_430, 67_986, 76_505, 0] },
        { Ar,  [23_201, 30_984, 0, 0, 0, 0, 6_652],      [0, 0, 37_260, 44_983, 52_916, 59_637, 0] },
    };

    [Theory]
    [MemberData(nameof(PlusPublies))]
    public void Le_fichier_de_reference_donne_les_plafonds_PLUS_publies(int annee, ZonePlafond zone, int[] attendus)
    {
        Assert.Equal(attendus.Select(a => (decimal)a), PlafondsPlusParColonne(annee, zone));
    }

    [Theory]
    [MemberData(nameof(Plus2025))]
    public void Le_fichier_de_reference_donne_les_plafonds_PLUS_2025(ZonePlafond zone, int[] publies, int[] derives)
    {
        var lus = PlafondsPlusParColonne(2025, zone);
        for (var i = 0; i < 7; i++)
        {
            if (publies[i] > 0) Assert.Equal(publies[i], lus[i]);
            if (derives[i] > 0) Assert.InRange(lus[i], derives[i] - 2, derives[i] + 2);
        }
    }

    [Fact]
    public void Au_dela_de_six_personnes_chaque_personne_ajoute_le_montant_par_personne()
    {
        var huitPersonnes = PlafondDe(2026, Financement.Plus, Ar, DeTaille(8));

        Assert.Equal(2, huitPersonnes.Categorie.PersonnesSupplementaires);
        Assert.Equal(60_156m + 2 * 6_710m, huitPersonnes.Montant);
    }

    [Fact]
    public void Le_plafond_dit_sa_source_legale_et_l_origine_de_la_valeur()
    {
        var plafond = PlafondDe(2026, Financement.Plai, Ar, DeTaille(1));

        Assert.Equal("Arrêté du 29 juillet 1987 modifié, annexe II (PLAI) ; CCH R441-1", plafond.SourceLegale);
        Assert.Equal("calcule_IRL", plafond.Origine);
    }

    [Fact]
    public void Une_annee_sans_donnees_est_une_erreur_explicite()
    {
        var resultat = DonneesDeReference.Plafonds.Plafond(1850, Financement.Plus, Ar, Categorie(DeTaille(1)));

        Assert.Equal(["Les plafonds de ressources de l'année 1850 ne sont pas connus de Logis (années connues : 2020, 2021, 2022, 2023, 2024, 2025, 2026)."], resultat.Erreurs);
    }

    [Fact]
    public void Un_financement_sans_donnees_est_une_erreur_explicite()
    {
        var resultat = DonneesDeReference.Plafonds.Plafond(2026, Financement.Pli, Ar, Categorie(DeTaille(1)));

        Assert.Equal(["Aucun plafond PLI n'est connu pour 2026 en zone « Autres régions »."], resultat.Erreurs);
    }

    [Fact]
    public void Un_bareme_incomplet_ou_en_double_est_refuse()
    {
        var lignes = new[]
        {
            LignePlafond.Creer(2026, Financement.Plus, Ar, ColonnePlafond.Categorie1, 23_403m, "test").Valeur!,
            LignePlafond.Creer(2026, Financement.Plus, Ar, ColonnePlafond.Categorie1, 23_403m, "test").Valeur!,
        };

        var resultat = BaremePlafonds.Creer(lignes);

        Assert.Equal(
            [
                "Plafond en double : 2026 PLUS « Autres régions », catégorie 1.",
                "Plafonds incomplets pour 2026 PLUS « Autres régions » : il manque catégorie 2, catégorie 3, catégorie 4, catégorie 5, catégorie 6, par personne supplémentaire.",
            ],
            resultat.Erreurs);
    }

    [Fact]
    public void Un_bareme_vide_est_refuse()
    {
        Assert.Equal(["Aucun plafond de ressources n'a été fourni."], BaremePlafonds.Creer([]).Erreurs);
    }

    [Fact]
    public void Le_lecteur_signale_chaque_ligne_mal_formee_avec_son_numero()
    {
        var csv = string.Join("\r\n",
            LecteurPlafondsCsv.EnTete,
            "2026,PLUS,autres_regions,1,23403,openfisca",
            "2026,PLUS,autres_regions,2",
            "",
            "deux-mille,PLOUF,lune,7,-5,openfisca",
            "2026,PLUS,autres_regions,par_personne_supplementaire,0,openfisca",
            "1850,PLUS,autres_regions,3,100,openfisca");

        var resultat = LecteurPlafondsCsv.Lire(new StringReader(csv));

        Assert.Equal(
            [
                "Ligne 3 : 6 champs attendus, 4 trouvés.",
                "Ligne 5 : année illisible « deux-mille » ; financement inconnu « PLOUF » ; zone inconnue « lune » ; catégorie inconnue « 7 » (1 à 6 ou par_personne_supplementaire) ; montant illisible « -5 ».",
                "Ligne 6 : le plafond doit être positif (0).",
                "Ligne 7 : l'année 1850 n'est pas comprise entre 1987 et 2100.",
            ],
            resultat.Erreurs);
    }

    [Fact]
    public void Le_lecteur_refuse_un_autre_fichier()
    {
        var resultat = LecteurPlafondsCsv.Lire(new StringReader("code_insee,nom\n75056,Paris"));

        Assert.Single(resultat.Erreurs);
        Assert.StartsWith("Ligne 1 : en-tête attendu", resultat.Erreurs[0], StringComparison.Ordinal);
    }

    /// <summary>Categories 1 to 6 and the per-person amount, read through households of 1 to 7 persons.</summary>
    private static decimal[] PlafondsPlusParColonne(int annee, ZonePlafond zone)
    {
        var parTaille = Enumerable.Range(1, 7).Select(n => PlafondDe(annee, Financement.Plus, zone, DeTaille(n))).ToArray();
        return [.. parTaille.Take(6).Select(p => p.Montant), parTaille[6].Montant - parTaille[5].Montant];
    }

    /// <summary>A household of <paramref name="n"/> persons whose category only its size sets: a person alone, or a couple of 60-year-olds with children.</summary>
    private static Menage DeTaille(int n) => n == 1
        ? Foyer(20_000m, Demandeur(60))
        : Foyer(20_000m, [Demandeur(60), Conjoint(60), .. Enumerable.Range(0, n - 2).Select(i => Enfant(2 + i))]);

    private static CategorieMenage Categorie(Menage menage) => CategorieMenage.Determiner(menage, ParametresEligibilite.Defaut);

    private static Plafond PlafondDe(int annee, Financement financement, ZonePlafond zone, Menage menage)
    {
        var resultat = DonneesDeReference.Plafonds.Plafond(annee, financement, zone, Categorie(menage));
        Assert.True(resultat.EstReussi, string.Join(" ", resultat.Erreurs));
        return resultat.Valeur;
    }
}
