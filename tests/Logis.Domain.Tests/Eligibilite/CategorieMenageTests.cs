using Logis.Domain.Eligibilite;
using Logis.Domain.Menages;
using static Logis.Domain.Tests.Eligibilite.Foyers;

namespace Logis.Domain.Tests.Eligibilite;

/// <summary>Art. 2 of the arrêté du 29 juillet 1987: one row per case an agent meets.</summary>
public class CategorieMenageTests
{
    public static TheoryData<string, Personne[], int, int, RegleCategorie> Cas => new()
    {
        { "personne seule", [Demandeur(40)], 1, 0, RegleCategorie.NombreDePersonnes },
        { "personne seule handicapée", [Demandeur(40, handicap: true)], 2, 0, RegleCategorie.PersonneHandicapee },
        { "couple de 60 et 50 ans", [Demandeur(60), Conjoint(50)], 2, 0, RegleCategorie.NombreDePersonnes },
        { "jeune ménage : 28 + 27 = 55 ans", [Demandeur(28), Conjoint(27)], 3, 0, RegleCategorie.JeuneMenage },
        { "pas jeune ménage : 28 + 28 = 56 ans", [Demandeur(28), Conjoint(28)], 2, 0, RegleCategorie.NombreDePersonnes },
        { "deux personnes dont une handicapée", [Demandeur(60), Conjoint(58, handicap: true)], 3, 0, RegleCategorie.PersonneHandicapee },
        { "jeune ménage dont un handicapé : pas de cumul", [Demandeur(25, handicap: true), Conjoint(25)], 3, 0, RegleCategorie.JeuneMenage },
        { "parent seul, un enfant", [Demandeur(35), Enfant(5)], 3, 0, RegleCategorie.PersonneSeuleAvecPersonnesACharge },
        { "parent seul, un enfant en garde alternée", [Demandeur(35), Enfant(5, gardeAlternee: true)], 3, 0, RegleCategorie.PersonneSeuleAvecPersonnesACharge },
        { "parent seul handicapé, un enfant : pas de cumul", [Demandeur(35, handicap: true), Enfant(5)], 3, 0, RegleCategorie.PersonneSeuleAvecPersonnesACharge },
        { "couple, un enfant", [Demandeur(35), Conjoint(33), Enfant(5)], 3, 0, RegleCategorie.NombreDePersonnes },
        { "jeune couple avec un enfant : 3 personnes", [Demandeur(22), Conjoint(21), Enfant(1)], 3, 0, RegleCategorie.NombreDePersonnes },
        { "parent seul, deux enfants", [Demandeur(35), Enfant(5), Enfant(8)], 4, 0, RegleCategorie.PersonneSeuleAvecPersonnesACharge },
        { "trois personnes dont un enfant handicapé", [Demandeur(35), Conjoint(34), Enfant(5, handicap: true)], 4, 0, RegleCategorie.PersonneHandicapee },
        { "couple, deux enfants", [Demandeur(35), Conjoint(33), Enfant(5), Enfant(3)], 4, 0, RegleCategorie.NombreDePersonnes },
        { "parent seul, trois enfants", [Demandeur(35), Enfant(5), Enfant(8), Enfant(10)], 5, 0, RegleCategorie.PersonneSeuleAvecPersonnesACharge },
        { "quatre personnes dont une handicapée", [Demandeur(45), Conjoint(44), Enfant(15), Ascendant(80, aCharge: false) with { Handicap = true }], 5, 0, RegleCategorie.PersonneHandicapee },
        { "parent seul, quatre enfants", [Demandeur(40), Enfant(5), Enfant(8), Enfant(10), Enfant(12)], 6, 0, RegleCategorie.PersonneSeuleAvecPersonnesACharge },
        { "cinq personnes dont une handicapée", [Demandeur(40, handicap: true), Conjoint(40), Enfant(5), Enfant(8), Enfant(10)], 6, 0, RegleCategorie.PersonneHandicapee },
        { "six personnes", [Demandeur(40), Conjoint(40), Enfant(5), Enfant(8), Enfant(10), Enfant(12)], 6, 0, RegleCategorie.NombreDePersonnes },
        { "sept personnes", [Demandeur(40), Conjoint(40), Enfant(2), Enfant(5), Enfant(8), Enfant(10), Enfant(12)], 6, 1, RegleCategorie.NombreDePersonnes },
        { "parent seul, cinq enfants", [Demandeur(40), Enfant(2), Enfant(5), Enfant(8), Enfant(10), Enfant(12)], 6, 1, RegleCategorie.PersonneSeuleAvecPersonnesACharge },
        { "huit personnes dont une handicapée", [Demandeur(40), Conjoint(40), Enfant(1, handicap: true), Enfant(2), Enfant(5), Enfant(8), Enfant(10), Enfant(12)], 6, 3, RegleCategorie.PersonneHandicapee },
        { "demandeur et ascendant non à charge", [Demandeur(50), Ascendant(80, aCharge: false)], 2, 0, RegleCategorie.NombreDePersonnes },
        { "demandeur et ascendant à charge", [Demandeur(50), Ascendant(80)], 3, 0, RegleCategorie.PersonneSeuleAvecPersonnesACharge },
    };

    [Theory]
    [MemberData(nameof(Cas))]
    public void La_categorie_suit_l_article_2(string cas, Personne[] personnes, int categorie, int supplementaires, RegleCategorie regle)
    {
        var resultat = CategorieMenage.Determiner(Foyer(20_000m, personnes), ParametresEligibilite.Defaut);

        Assert.True(
            (categorie, supplementaires, regle) == (resultat.Numero, resultat.PersonnesSupplementaires, resultat.Regle),
            $"{cas} : attendu catégorie {categorie} + {supplementaires} ({regle}), obtenu {resultat.Libelle} ({resultat.Regle}) — {resultat.Explication}");
    }

    [Fact]
    public void L_explication_dit_la_regle_et_sa_source()
    {
        var resultat = CategorieMenage.Determiner(Foyer(20_000m, Demandeur(28), Conjoint(27)), ParametresEligibilite.Defaut);

        Assert.Equal("categorie.jeune_menage", resultat.CodeRegle);
        Assert.Equal(
            "Jeune ménage : couple sans personne à charge dont la somme des âges (55 ans) ne dépasse pas 55 ans : catégorie 3 (Arrêté du 29 juillet 1987 modifié, art. 2).",
            resultat.Explication);
    }

    [Fact]
    public void Un_couple_de_56_ans_au_total_est_explique()
    {
        var resultat = CategorieMenage.Determiner(Foyer(20_000m, Demandeur(28), Conjoint(28)), ParametresEligibilite.Defaut);

        Assert.StartsWith("Ménage de 2 personnes (couple dont la somme des âges, 56 ans, dépasse 55 ans : ce n'est pas un jeune ménage) : catégorie 2", resultat.Explication, StringComparison.Ordinal);
    }

    [Fact]
    public void La_garde_alternee_est_expliquee()
    {
        var resultat = CategorieMenage.Determiner(Foyer(20_000m, Demandeur(35), Enfant(5, gardeAlternee: true)), ParametresEligibilite.Defaut);

        Assert.Contains("garde alternée compte dans le foyer de chacun de ses parents", resultat.Explication, StringComparison.Ordinal);
    }

    [Fact]
    public void Le_seuil_du_jeune_menage_se_configure()
    {
        var parametres = ParametresEligibilite.Creer(sommeAgesMaxJeuneMenage: 56, seuilBaisseRessources: 0.10m).Valeur!;

        var resultat = CategorieMenage.Determiner(Foyer(20_000m, Demandeur(28), Conjoint(28)), parametres);

        Assert.Equal(RegleCategorie.JeuneMenage, resultat.Regle);
    }

    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(55, 0)]
    [InlineData(55, 1)]
    public void Des_parametres_absurdes_sont_refuses(int sommeAges, double seuil)
    {
        Assert.False(ParametresEligibilite.Creer(sommeAges, (decimal)seuil).EstReussi);
    }
}
