using Logis.Domain.Demandes;
using static Logis.Domain.Tests.Demandes.Fabrique;

namespace Logis.Domain.Tests.Demandes;

/// <summary>
/// The notices' dates (R441-2-7, R441-2-8 c, d) around month ends: the last legal day of the renewal notice, the deadline
/// a notice sets (later when it was late), the radiation one month after a warning's delivery.
/// </summary>
public class AvisTests
{
    [Theory]
    // end of validity → last legal day of the notice (one month before) → day the run sends it (7 days before that)
    [InlineData("2026-03-31", "2026-02-28", "2026-02-21")]
    [InlineData("2028-03-31", "2028-02-29", "2028-02-22")] // leap year
    [InlineData("2028-03-29", "2028-02-29", "2028-02-22")]
    [InlineData("2026-03-01", "2026-02-01", "2026-01-25")]
    [InlineData("2026-02-28", "2026-01-28", "2026-01-21")]
    [InlineData("2028-02-29", "2028-01-29", "2028-01-22")]
    [InlineData("2026-04-30", "2026-03-30", "2026-03-23")]
    [InlineData("2026-05-31", "2026-04-30", "2026-04-23")]
    [InlineData("2026-01-14", "2025-12-14", "2025-12-07")]
    public void Le_dernier_jour_de_l_avis_et_son_envoi(string fin, string dernierJour, string envoi)
    {
        Assert.Equal(DateOnly.Parse(dernierJour), Delais.DernierJourAvis(DateOnly.Parse(fin)));
        Assert.Equal(DateOnly.Parse(envoi), Delais.EnvoiAvis(DateOnly.Parse(fin)));
    }

    [Theory]
    // end of validity, day the notice went out → deadline it sets (the end of validity, or one month after a late notice)
    [InlineData("2026-03-31", "2026-02-21", "2026-03-31")]
    [InlineData("2026-03-31", "2026-02-28", "2026-03-31")] // last legal day: in time
    [InlineData("2026-03-31", "2026-03-01", "2026-04-01")] // one day late
    [InlineData("2026-03-31", "2026-03-31", "2026-04-30")] // sent on the last day of validity: 30 April
    [InlineData("2026-02-28", "2026-01-31", "2026-02-28")] // 31 January + one month = 28 February: in time
    [InlineData("2028-02-29", "2028-01-31", "2028-02-29")] // leap year
    [InlineData("2026-03-02", "2026-01-31", "2026-03-02")]
    [InlineData("2026-01-30", "2026-01-02", "2026-02-02")]
    [InlineData("2026-04-30", "2026-03-31", "2026-04-30")] // 31 March + one month = 30 April
    [InlineData("2026-04-29", "2026-03-31", "2026-04-30")] // …one day after the end of validity: late
    [InlineData("2024-03-14", "2026-03-20", "2026-04-20")] // expired for two years: the full month from the notice
    public void L_echeance_fixee_par_l_avis(string fin, string envoi, string echeance) =>
        Assert.Equal(DateOnly.Parse(echeance), Delais.EcheanceAvis(DateOnly.Parse(fin), DateOnly.Parse(envoi)));

    [Theory]
    [InlineData("2026-01-31", "2026-02-28")]
    [InlineData("2028-01-31", "2028-02-29")]
    [InlineData("2026-01-30", "2026-02-28")]
    [InlineData("2026-03-31", "2026-04-30")]
    [InlineData("2026-04-30", "2026-05-30")]
    [InlineData("2026-12-31", "2027-01-31")]
    public void La_radiation_c_ou_d_un_mois_apres_la_remise(string remise, string radiation) =>
        Assert.Equal(DateOnly.Parse(radiation), Delais.RadiationApresRemise(DateOnly.Parse(remise)));

    [Fact]
    public void Le_delai_de_radiation_court_de_la_remise_et_non_de_l_envoi()
    {
        var d = NouvelleDemande(J(2026, 1, 5));
        Assert.True(d.Avertir(MotifRadiation.AbsenceDeReponse, Lrar, Le(J(2026, 1, 20)), Agent).EstReussi);
        Assert.True(d.NoterRemiseAvertissement(MotifRadiation.AbsenceDeReponse, J(2026, 1, 31), "AR 1A 123", Delais, Le(J(2026, 2, 2)), Agent).EstReussi);
        Assert.False(d.Radier(MotifRadiation.AbsenceDeReponse, Le(J(2026, 2, 27)), Agent).EstReussi); // one month after sending
        Assert.True(d.Radier(MotifRadiation.AbsenceDeReponse, Le(J(2026, 2, 28)), Agent).EstReussi);
        Assert.Contains(d.Evenements, e => e.Type == TypeEvenementDemande.RemiseAvertissement
            && e.Resume == "Avertissement (R441-2-8 c)) remis le 31/01/2026, preuve de remise enregistrée ; radiation possible à partir du 28/02/2026");
        Assert.Equal("AR 1A 123", Assert.Single(d.Avertissements).Preuve);
    }

    [Fact]
    public void Un_avertissement_revenu_non_distribue_ne_prouve_rien_et_peut_etre_renvoye()
    {
        var d = NouvelleDemande(J(2026, 1, 5));
        Assert.True(d.Avertir(MotifRadiation.AbsenceDeReponse, Lrar, Le(J(2026, 2, 2)), Agent).EstReussi);
        Assert.Equal("La date du retour (01/02/2026) précède l'envoi (02/02/2026).",
            d.NoterAvisNonDistribue(AvisDemande.AvertissementAbsenceDeReponse, J(2026, 2, 1), Le(J(2026, 2, 20)), Agent).Motif);
        Assert.True(d.NoterAvisNonDistribue(AvisDemande.AvertissementAbsenceDeReponse, J(2026, 2, 18), Le(J(2026, 2, 20)), Agent).EstReussi);
        Assert.Equal("Cet avertissement est revenu non distribué le 18/02/2026 : envoyez-en un nouveau.",
            d.NoterRemiseAvertissement(MotifRadiation.AbsenceDeReponse, J(2026, 2, 5), "AR", Delais, Le(J(2026, 2, 21)), Agent).Motif);
        Assert.StartsWith("L'avertissement est revenu non distribué le 18/02/2026", d.Radier(MotifRadiation.AbsenceDeReponse, Le(J(2026, 5, 1)), Agent).Motif);
        Assert.Equal([Logis.Domain.Relances.MotifExamen.AvertissementNonDistribue], Logis.Domain.Relances.ExamenDemandes.Motifs(d, J(2026, 2, 21), Delais));

        Assert.True(d.Avertir(MotifRadiation.AbsenceDeReponse, MoyenAvertissement.AutreMoyenAvecPreuve, Le(J(2026, 2, 23)), Agent).EstReussi);
        var nouvel = Assert.Single(d.Avertissements);
        Assert.Equal(MoyenAvertissement.AutreMoyenAvecPreuve, nouvel.Moyen);
        Assert.Null(nouvel.NonDistribueLe);
    }

    [Fact]
    public void La_remise_se_refuse_sans_preuve_avant_l_envoi_ou_dans_le_futur()
    {
        var d = NouvelleDemande(J(2026, 1, 5));
        Assert.Equal("Aucun avertissement pour absence de réponse à un courrier (R441-2-8 c)) n'a été envoyé.",
            d.NoterRemiseAvertissement(MotifRadiation.AbsenceDeReponse, J(2026, 2, 3), "AR", Delais, Le(J(2026, 2, 3)), Agent).Motif);
        Assert.True(d.Avertir(MotifRadiation.AbsenceDeReponse, Lrar, Le(J(2026, 2, 2)), Agent).EstReussi);
        var sansPreuve = d.NoterRemiseAvertissement(MotifRadiation.AbsenceDeReponse, J(2026, 2, 3), "  ", Delais, Le(J(2026, 2, 4)), Agent);
        Assert.Equal(Logis.Domain.Commun.NatureEchec.Invalide, sansPreuve.Probleme!.Nature);
        Assert.True(sansPreuve.Probleme.Champs.ContainsKey("preuve"));
        Assert.True(d.NoterRemiseAvertissement(MotifRadiation.AbsenceDeReponse, J(2026, 2, 1), "AR", Delais, Le(J(2026, 2, 4)), Agent).Probleme!.Champs.ContainsKey("remisLe"));
        Assert.Equal("La date de remise (05/02/2026) est postérieure à aujourd'hui (04/02/2026).",
            d.NoterRemiseAvertissement(MotifRadiation.AbsenceDeReponse, J(2026, 2, 5), "AR", Delais, Le(J(2026, 2, 4)), Agent).Motif);
        Assert.Null(Assert.Single(d.Avertissements).RemisLe);
    }

    [Fact]
    public void Un_avertissement_sans_preuve_apres_trois_semaines_est_a_examiner()
    {
        var d = NouvelleDemande(J(2026, 1, 5));
        Assert.True(d.Avertir(MotifRadiation.AbsenceDeReponse, Lrar, Le(J(2026, 2, 2)), Agent).EstReussi);
        Assert.Empty(Logis.Domain.Relances.ExamenDemandes.Motifs(d, J(2026, 2, 23), Delais));
        Assert.Equal([Logis.Domain.Relances.MotifExamen.AvertissementSansPreuve], Logis.Domain.Relances.ExamenDemandes.Motifs(d, J(2026, 2, 24), Delais));
    }

    [Theory]
    [InlineData(0, 7, 1, 21)]
    [InlineData(1, -1, 1, 21)]
    [InlineData(1, 7, 0, 21)]
    [InlineData(1, 7, 1, 0)]
    public void Les_delais_legaux_ne_descendent_pas_sous_la_loi(int preavis, int anticipation, int apresAvertissement, int attente) =>
        Assert.False(DelaisAvis.Creer(preavis, anticipation, apresAvertissement, attente).EstReussi);
}
