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
    [InlineData(2026, 1, 15, false)]  // expired: to be radiated (e)
    public void Le_renouvellement_n_est_possible_que_dans_la_fenetre(int annee, int mois, int jour, bool permis) =>
        Assert.Equal(permis, NouvelleDemande(Depot).Renouveler(Le(J(annee, mois, jour)), Agent, TroisMois).EstReussi);

    [Fact]
    public void Les_refus_de_renouvellement_disent_quand_agir()
    {
        Assert.Equal("Le renouvellement n'est possible qu'à partir du 14/10/2025 (fin de validité le 14/01/2026).",
            NouvelleDemande(Depot).Renouveler(Le(J(2025, 6, 1)), Agent, TroisMois).Motif);
        Assert.Equal("La demande a expiré le 14/01/2026 sans être renouvelée : elle doit être radiée (R441-2-8 e).",
            NouvelleDemande(Depot).Renouveler(Le(J(2026, 2, 1)), Agent, TroisMois).Motif);
    }

    [Fact]
    public void Le_renouvellement_prolonge_d_un_an_a_compter_du_renouvellement_et_garde_l_anciennete()
    {
        var demande = NouvelleDemande(Depot);

        Assert.True(demande.Renouveler(Le(J(2025, 12, 20)), Agent, TroisMois).EstReussi);

        Assert.Equal(Depot, demande.DateDepot);
        Assert.Equal(J(2025, 12, 20), demande.DateDernierRenouvellement);
        Assert.Equal(J(2026, 12, 19), demande.DateFinValidite);
        Assert.Equal("Demande renouvelée, valable jusqu'au 19/12/2026", demande.Evenements[^1].Resume);
        Assert.False(demande.Renouveler(Le(J(2025, 12, 21)), Agent, TroisMois).EstReussi);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    public void La_fenetre_de_renouvellement_est_bornee(int mois) => Assert.False(FenetreRenouvellement.Creer(mois).EstReussi);

    [Fact]
    public void Le_rappel_est_du_un_mois_avant_l_expiration_une_fois_par_periode()
    {
        var demande = NouvelleDemande(Depot);
        Assert.Equal(J(2025, 12, 14), demande.DateRappel);

        Assert.False(demande.RappelDu(J(2025, 12, 13)));
        Assert.True(demande.RappelDu(J(2025, 12, 14)));
        Assert.True(demande.RappelDu(J(2026, 1, 14)));
        Assert.False(demande.RappelDu(J(2026, 1, 15)));

        Assert.True(demande.NoterRappelEnvoye(Le(J(2025, 12, 14)), Agent).EstReussi);
        Assert.False(demande.RappelDu(J(2025, 12, 20)));
        Assert.Equal("Aucun rappel de renouvellement n'est dû le 20/12/2025 : il l'est une seule fois par période de validité, du 14/12/2025 au 14/01/2026.",
            demande.NoterRappelEnvoye(Le(J(2025, 12, 20)), Agent).Motif);

        Assert.True(demande.Renouveler(Le(J(2025, 12, 20)), Agent, TroisMois).EstReussi);
        Assert.Null(demande.RappelEnvoyeLe);
        Assert.True(demande.RappelDu(J(2026, 11, 19)));
    }

    [Fact]
    public void L_echeancier_liste_les_rappels_dus_a_une_date()
    {
        var aRappeler = NouvelleDemande(J(2025, 1, 15), sequence: 1);
        var tropTot = NouvelleDemande(J(2025, 2, 20), sequence: 2);
        var dejaRappelee = NouvelleDemande(J(2025, 1, 10), sequence: 3);
        Assert.True(dejaRappelee.NoterRappelEnvoye(Le(J(2025, 12, 9)), Agent).EstReussi);
        var radiee = NouvelleDemande(J(2025, 1, 15), sequence: 4);
        Assert.True(radiee.Radier(MotifRadiation.Renonciation, Le(J(2025, 6, 1)), Agent).EstReussi);

        Assert.Equal([aRappeler], Echeances.RappelsDus([aRappeler, tropTot, dejaRappelee, radiee], J(2025, 12, 20)));
    }
}
