using Logis.Domain.Eligibilite;
using static Logis.Domain.Tests.Eligibilite.Foyers;

namespace Logis.Domain.Tests.Eligibilite;

public class CapaciteEtOccupationTests
{
    private static DepenseLogement Depense(decimal loyer, decimal charges, decimal aide) => DepenseLogement.Creer(loyer, charges, aide).Valeur!;

    [Fact]
    public void Le_taux_d_effort_rapporte_la_depense_nette_aux_ressources()
    {
        var taux = TauxEffort.Calculer(Depense(450m, 80m, 130m), 1_600m).Valeur!;

        Assert.Equal(0.25m, taux.Valeur);
        Assert.Equal("Taux d'effort : 25 % (loyer et charges moins l'aide au logement, 400 € par mois, rapportés aux ressources mensuelles de 1\u202F600 € ; CCH R441-3-1 ; arrêté du 10 mars 2011).", taux.Explication);
    }

    [Fact]
    public void Sans_ressources_le_taux_d_effort_est_une_erreur_et_non_une_exception()
    {
        Assert.Single(TauxEffort.Calculer(Depense(450m, 80m, 0m), 0m).Erreurs);
    }

    [Fact]
    public void Une_depense_impossible_est_refusee_avec_toutes_ses_raisons()
    {
        Assert.Equal(3, DepenseLogement.Creer(-1m, -1m, -1m).Erreurs.Count);
        Assert.Equal(["L'aide au logement (600 €) ne peut pas dépasser le loyer et les charges (530 €)."], DepenseLogement.Creer(450m, 80m, 600m).Erreurs);
    }

    [Fact]
    public void Le_reste_a_vivre_se_donne_par_personne_et_par_UC_au_mois_et_au_jour()
    {
        // Couple with two children under 14: 4 persons, 1 + 0.5 + 0.3 + 0.3 = 2.1 UC.
        var menage = Foyer(0m, Demandeur(35), Conjoint(33), Enfant(4), Enfant(9));

        var reste = ResteAVivre.Calculer(Depense(600m, 120m, 220m), 2_600m, menage, EchelleUnitesConsommation.OcdeModifiee).Valeur!;

        Assert.Equal(2_100m, reste.ParMois);
        Assert.Equal(525m, reste.ParPersonneParMois);
        Assert.Equal(1_000m, reste.ParUcParMois);
        Assert.Equal(17.5m, reste.ParPersonneParJour);    // 525 / 30
        Assert.Equal(33.33m, reste.ParUcParJour);         // 1 000 / 30
    }

    [Fact]
    public void Le_reste_a_vivre_peut_etre_negatif()
    {
        var reste = ResteAVivre.Calculer(Depense(700m, 100m, 0m), 500m, Foyer(0m, Demandeur(30)), EchelleUnitesConsommation.OcdeModifiee).Valeur!;

        Assert.Equal(-300m, reste.ParMois);
        Assert.Equal(-10m, reste.ParPersonneParJour);
    }

    [Theory]
    // pièces, m², personnes, sur-occupation, sous-occupation
    [InlineData(1, 9, 1, false, false)]
    [InlineData(1, 8.9, 1, true, false)]
    [InlineData(2, 16, 2, false, false)]
    [InlineData(2, 15.5, 2, true, false)]
    [InlineData(3, 34, 4, false, false)]
    [InlineData(3, 33, 4, true, false)]
    [InlineData(5, 69, 8, true, false)]
    [InlineData(5, 70, 8, false, false)]
    [InlineData(5, 70, 10, false, false)]    // 70 m² suffice from eight persons on
    [InlineData(3, 60, 2, false, false)]     // persons + 1 rooms: still adapted
    [InlineData(4, 80, 2, false, true)]
    [InlineData(3, 8, 1, true, true)]        // both at once
    public void La_taille_du_logement_est_comparee_aux_normes(int pieces, double surface, int personnes, bool surOccupation, bool sousOccupation)
    {
        var adequation = AdequationLogement.Evaluer(pieces, (decimal)surface, personnes, NormesOccupation.Defaut).Valeur!;

        Assert.Equal((surOccupation, sousOccupation), (adequation.SurOccupation, adequation.SousOccupation));
        Assert.Equal(!surOccupation && !sousOccupation, adequation.EstAdapte);
    }

    [Fact]
    public void Les_constats_citent_la_regle()
    {
        var adequation = AdequationLogement.Evaluer(2, 30.5m, 4, NormesOccupation.Defaut).Valeur!;

        Assert.Equal(["Sur-occupation : 30,5 m² pour 4 personnes, moins que les 34 m² requis (CCH L822-10)."], adequation.Constats);
    }

    [Fact]
    public void Les_normes_se_configurent()
    {
        var normes = NormesOccupation.Creer(12m, 20m, 10m, 80m, 2).Valeur!;

        Assert.Equal(30m, normes.SurfaceMinimale(3));
        Assert.Equal(5, normes.PiecesMaximales(3));
        Assert.False(NormesOccupation.Creer(12m, 10m, 10m, 80m, 1).EstReussi);
    }

    [Fact]
    public void Des_dimensions_impossibles_sont_des_erreurs()
    {
        Assert.Equal(3, AdequationLogement.Evaluer(0, 0m, 0, NormesOccupation.Defaut).Erreurs.Count);
    }
}
