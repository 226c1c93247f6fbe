using Logis.Domain.Demandes;
using static Logis.Domain.Tests.Demandes.Fabrique;

namespace Logis.Domain.Tests.Demandes;

/// <summary>Validity of one year (R441-2-7), the local renewal window and the reminder one month before expiry.</summary>
public class RenouvellementTests
{
    private static readonly DateOnly Depot = J(2025, 1, 15); // valid until 14/01/2026

    [Theory]
    [InlineData(2025, 10, 13, false)] // the day before the window opens (3 months before the end)
    [InlineData(2025, 10, 14, true)]
    [InlineData(2025, 12, 31, true)]
    [InlineData(2026, 1, 14, true)]   // last day of validity
    [InlineData(2026, 1, 15, false)]  // past the deadline of the notice sent in time: to be radiated (e)
    public void Le_renouvellement_n_est_possible_que_dans_la_fenetre(int annee, int mois, int jour, bool permis)
    {
        var demande = NouvelleDemande(Depot);
        Assert.False(demande.NoterRappelEnvoye(Le(J(2025, 10, 1)), Agent, Delais, Postal).EstReussi); // not due yet
        if (J(annee, mois, jour) >= J(2025, 12, 7)) Assert.True(demande.NoterRappelEnvoye(Le(J(2025, 12, 7), 8), Agent, Delais, Postal).EstReussi);
        Assert.Equal(permis, demande.Renouveler(Le(J(annee, mois, jour)), Agent, TroisMois).EstReussi);
    }

    [Theory]
    [InlineData(2026, 2, 14, true)]   // late notice of 14/01/2026: deadline 14/02/2026
    [InlineData(2026, 2, 15, false)]
    public void Un_avis_tardif_repousse_le_delai_de_renouvellement(int annee, int mois, int jour, bool permis)
    {
        var demande = NouvelleDemande(Depot);
        Assert.True(demande.NoterRappelEnvoye(Le(J(2026, 1, 14)), Agent, Delais, Postal).EstReussi);
        Assert.Equal(J(2026, 2, 14), demande.EcheanceRenouvellement);
        Assert.Equal(permis, demande.Renouveler(Le(J(annee, mois, jour)), Agent, TroisMois).EstReussi);
    }

    [Fact]
    public void Une_demande_expiree_qui_n_a_recu_aucun_avis_reste_renouvelable()
    {
        var demande = NouvelleDemande(Depot);
        Assert.True(demande.EstExpiree(J(2026, 6, 1)));
        Assert.True(demande.Renouveler(Le(J(2026, 6, 1)), Agent, TroisMois).EstReussi);
        Assert.Equal(J(2027, 5, 31), demande.DateFinValidite);
    }

    [Fact]
    public void Les_refus_de_renouvellement_disent_quand_agir()
    {
        Assert.Equal("Le renouvellement n'est possible qu'à partir du 14/10/2025 (fin de validité le 14/01/2026).",
            NouvelleDemande(Depot).Renouveler(Le(J(2025, 6, 1)), Agent, TroisMois).Motif);
        var avisee = NouvelleDemande(Depot);
        Assert.True(avisee.NoterRappelEnvoye(Le(J(2025, 12, 7)), Agent, Delais, Postal).EstReussi);
        Assert.Equal("Le délai de renouvellement fixé par l'avis du 07/12/2025 a pris fin le 14/01/2026 : la demande doit être radiée (R441-2-8 e).",
            avisee.Renouveler(Le(J(2026, 2, 1)), Agent, TroisMois).Motif);
    }

    [Fact]
    public void Le_renouvellement_prolonge_d_un_an_a_compter_du_renouvellement_et_garde_l_anciennete()
    {
        var demande = NouvelleDemande(Depot);

        Assert.True(demande.Renouveler(Le(J(2025, 12, 20)), Agent, TroisMois).EstReussi);

        Assert.Equal(Depot, demande.DateDepot);
        Assert.Equal(J(2025, 12, 20), demande.DateDernierRenouvellement);
        Assert.Equal(J(2026, 12, 19), demande.DateFinValidite);
        Assert.Equal("Demande renouvelée au guichet, valable jusqu'au 19/12/2026", demande.Evenements[^1].Resume);
        Assert.False(demande.Renouveler(Le(J(2025, 12, 21)), Agent, TroisMois).EstReussi);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    public void La_fenetre_de_renouvellement_est_bornee(int mois) => Assert.False(FenetreRenouvellement.Creer(mois).EstReussi);

    [Fact]
    public void L_avis_est_du_sept_jours_avant_le_dernier_jour_legal_une_fois_par_periode_et_meme_en_retard()
    {
        var demande = NouvelleDemande(Depot); // valid until 14/01/2026; last legal day 14/12/2025; sent from 07/12/2025
        Assert.Equal(J(2025, 12, 14), Delais.DernierJourAvis(demande.DateFinValidite));

        Assert.False(demande.RappelDu(J(2025, 12, 6), Delais));
        Assert.True(demande.RappelDu(J(2025, 12, 7), Delais));
        Assert.True(demande.RappelDu(J(2026, 1, 14), Delais));
        Assert.True(demande.RappelDu(J(2026, 3, 1), Delais)); // late, but still due: it sets a later deadline

        Assert.True(demande.NoterRappelEnvoye(Le(J(2025, 12, 7)), Agent, Delais, Postal).EstReussi);
        Assert.False(demande.RappelDu(J(2025, 12, 20), Delais));
        Assert.Equal("L'avis de renouvellement de cette période de validité a déjà été envoyé le 07/12/2025.",
            demande.NoterRappelEnvoye(Le(J(2025, 12, 20)), Agent, Delais, Postal).Motif);

        Assert.True(demande.Renouveler(Le(J(2025, 12, 20)), Agent, TroisMois).EstReussi);
        Assert.Null(demande.RappelEnvoyeLe);
        Assert.Null(demande.EcheanceRenouvellement);
        Assert.False(demande.RappelDu(J(2026, 11, 11), Delais));
        Assert.True(demande.RappelDu(J(2026, 11, 12), Delais)); // valid until 19/12/2026: 19/11 less 7 days
    }

    [Fact]
    public void L_echeancier_liste_les_rappels_dus_a_une_date()
    {
        var aRappeler = NouvelleDemande(J(2025, 1, 15), sequence: 1);
        var tropTot = NouvelleDemande(J(2025, 2, 28), sequence: 2);
        var dejaRappelee = NouvelleDemande(J(2025, 1, 10), sequence: 3);
        Assert.True(dejaRappelee.NoterRappelEnvoye(Le(J(2025, 12, 2)), Agent, Delais, Postal).EstReussi);
        var radiee = NouvelleDemande(J(2025, 1, 15), sequence: 4);
        Assert.True(radiee.Radier(MotifRadiation.Renonciation, Le(J(2025, 6, 1)), Agent).EstReussi);

        Assert.Equal([aRappeler], Echeances.RappelsDus([aRappeler, tropTot, dejaRappelee, radiee], J(2025, 12, 20), Delais));
    }
}
