using Logis.Domain.Demandes;
using static Logis.Domain.Tests.Demandes.Fabrique;

namespace Logis.Domain.Tests.Demandes;

/// <summary>Registration (issue 12, point 5): bound on the deposit date, one-month deadline (L441-2-1), completeness (R441-2-3).</summary>
public class EnregistrementTests
{
    private static readonly DateOnly Jour = J(2026, 11, 27);

    [Fact]
    public void Une_date_de_depot_de_plus_d_un_mois_demande_un_motif()
    {
        var regles = ReglesEnregistrement.Defaut;
        Assert.Null(regles.RefusDateDepot(Jour, Jour, null));
        Assert.Null(regles.RefusDateDepot(J(2026, 10, 27), Jour, null));              // exactly one month: no reason needed
        var refus = regles.RefusDateDepot(J(2026, 10, 26), Jour, "  ");
        Assert.Equal(ReglesEnregistrement.ChampMotif, refus!.Value.Champ);
        Assert.StartsWith("La date de dépôt du 26/10/2026 est antérieure de plus d'un mois au jour de l'enregistrement (27/11/2026)", refus.Value.Message, StringComparison.Ordinal);
        Assert.Null(regles.RefusDateDepot(J(2024, 1, 2), Jour, "Dossier papier retrouvé lors d'un déménagement du guichet"));
        Assert.Equal(ReglesEnregistrement.ChampDateDepot, regles.RefusDateDepot(J(2026, 11, 28), Jour, "motif")!.Value.Champ);
        Assert.Equal(ReglesEnregistrement.ChampMotif, regles.RefusDateDepot(J(2024, 1, 2), Jour, new string('a', 501))!.Value.Champ);
        Assert.Equal(ReglesEnregistrement.ChampMotif, regles.RefusDateDepot(J(2024, 1, 2), Jour, "ligne\nsuivante")!.Value.Champ);
        // The bound is a setting: three months.
        var trois = ReglesEnregistrement.Creer(3, 7).Valeur!;
        Assert.Null(trois.RefusDateDepot(J(2026, 8, 27), Jour, null));
        Assert.NotNull(trois.RefusDateDepot(J(2026, 8, 26), Jour, null));
        Assert.False(ReglesEnregistrement.Creer(-1, 7).EstReussi);
        Assert.False(ReglesEnregistrement.Creer(1, 40).EstReussi);
    }

    [Fact]
    public void Le_motif_est_inscrit_dans_la_chronologie()
    {
        var d = Demande.Enregistrer(new DemandeId(Guid.NewGuid()), Numero(), Contenu(), CanalDepot.Partenaire, J(2026, 6, 1), Le(Jour), Agent,
            "Dossier papier reçu par courrier, saisi en retard").Valeur!;
        Assert.EndsWith("déposée par un partenaire le 01/06/2026 ; motif de la date de dépôt : « Dossier papier reçu par courrier, saisi en retard »",
            d.Evenements.Single().Resume, StringComparison.Ordinal);
        Assert.DoesNotContain("motif", NouvelleDemande(Jour).Evenements.Single().Resume, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2026, 1, 31, 2026, 2, 28)]
    [InlineData(2024, 1, 31, 2024, 2, 29)]
    [InlineData(2026, 11, 27, 2026, 12, 27)]
    public void L_echeance_est_un_mois_apres_le_depot(int a, int m, int j, int ae, int me, int je) =>
        Assert.Equal(new DateOnly(ae, me, je), ReglesEnregistrement.Echeance(new DateOnly(a, m, j)));

    [Fact]
    public void L_enregistrement_est_complet_avec_la_piece_que_demande_la_nationalite()
    {
        var francaise = Contenu();
        var incomplet = CompletudeEnregistrement.Evaluer(francaise, J(2026, 11, 1), [], Jour);
        Assert.False(incomplet.EstComplete);
        Assert.Equal(["identite"], incomplet.Manquants.Select(m => m.Code));
        Assert.Equal((J(2026, 12, 1), 4, false), (incomplet.Echeance, incomplet.JoursRestants, incomplet.EcheanceDepassee));
        Assert.True(CompletudeEnregistrement.Evaluer(francaise, J(2026, 11, 1), ["identite", "avis_imposition"], Jour).EstComplete);
        // The tax notice is asked at instruction, never at registration.
        Assert.DoesNotContain(incomplet.Manquants, m => m.Code == "avis_imposition");

        var horsUe = Contenu([Personne("Diallo", "Awa", J(1990, 4, 12)) with { Nationalite = Nationalite.HorsUnionEuropeenne }]);
        Assert.Equal(["titre_sejour"], CompletudeEnregistrement.Evaluer(horsUe, J(2026, 10, 1), ["identite"], Jour).Manquants.Select(m => m.Code));
        var enRetard = CompletudeEnregistrement.Evaluer(horsUe, J(2026, 10, 1), [], Jour);
        Assert.True(enRetard.EcheanceDepassee);
        Assert.Equal(-26, enRetard.JoursRestants);
        Assert.Equal("incomplet, délai d'un mois dépassé", enRetard.Statut);
        Assert.True(CompletudeEnregistrement.Evaluer(horsUe, J(2026, 10, 1), ["titre_sejour"], Jour).EstComplete);

        var inconnue = Contenu([Personne("Martin", "Léa", J(1990, 4, 12)) with { Nationalite = null }]);
        Assert.Equal(["nationalite", "identite"], CompletudeEnregistrement.Evaluer(inconnue, Jour, [], Jour).Manquants.Select(m => m.Code));
    }
}
