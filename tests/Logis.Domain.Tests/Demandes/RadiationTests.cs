using Logis.Domain.Demandes;
using static Logis.Domain.Tests.Demandes.Fabrique;

namespace Logis.Domain.Tests.Demandes;

/// <summary>The six reasons of R441-2-8 and the one-month warning of c) and d).</summary>
public class RadiationTests
{
    private static readonly DateOnly Depot = J(2025, 1, 15);

    [Fact]
    public void La_renonciation_ecrite_radie_immediatement()
    {
        var demande = NouvelleDemande(Depot);

        Assert.True(demande.Radier(MotifRadiation.Renonciation, Le(J(2025, 3, 1)), Agent).EstReussi);

        Assert.Equal(StatutDemande.Radiee, demande.Statut);
        Assert.Equal(MotifRadiation.Renonciation, demande.MotifRadiation);
        Assert.Equal(J(2025, 3, 1), demande.DateRadiation);
        Assert.Equal("Demande radiée : renonciation écrite du demandeur (R441-2-8 b))", demande.Evenements[^1].Resume);
    }

    [Fact]
    public void L_absence_de_reponse_radie_un_mois_apres_la_remise_de_l_avertissement()
    {
        var demande = NouvelleDemande(Depot);
        Assert.True(demande.Avertir(MotifRadiation.AbsenceDeReponse, Lrar, Le(J(2025, 3, 28)), Agent).EstReussi);
        Assert.Null(Assert.Single(demande.Avertissements).RadiationPossibleLe);
        Assert.Equal("L'avertissement envoyé le 28/03/2025 n'a pas de preuve de remise : le mois avant la radiation court de sa remise (R441-2-8 c)).",
            demande.Radier(MotifRadiation.AbsenceDeReponse, Le(J(2025, 5, 30)), Agent).Motif);
        Assert.True(demande.NoterRemiseAvertissement(MotifRadiation.AbsenceDeReponse, J(2025, 3, 31), "AR 1A 123 456 7890 1", Delais, Le(J(2025, 4, 2)), Agent).EstReussi);
        Assert.Equal(J(2025, 4, 30), Assert.Single(demande.Avertissements).RadiationPossibleLe);

        var tropTot = demande.Radier(MotifRadiation.AbsenceDeReponse, Le(J(2025, 4, 29)), Agent);
        var aUnMois = demande.Radier(MotifRadiation.AbsenceDeReponse, Le(J(2025, 4, 30)), Agent);

        Assert.Equal("L'avertissement a été remis le 31/03/2025 : la radiation n'est possible qu'à partir du 30/04/2025 (R441-2-8 c)).", tropTot.Motif);
        Assert.True(aUnMois.EstReussi);
        Assert.Equal(MotifRadiation.AbsenceDeReponse, demande.MotifRadiation);
    }

    [Fact]
    public void L_irrecevabilite_exige_une_decision_de_caleol_puis_un_avertissement_d_un_mois()
    {
        var demande = NouvelleDemande(Depot);

        Assert.Equal("Aucune CALEOL n'a prononcé l'irrecevabilité de la demande (R441-3 e).",
            demande.Avertir(MotifRadiation.Irrecevabilite, Lrar, Le(J(2025, 5, 1)), Agent).Motif);
        Assert.True(demande.NoterDecisionCaleol(Logement, DecisionCaleol.Irrecevabilite, null, Le(J(2025, 5, 2)), Agent, new MotivationCaleol([MotifDecisionCaleol.RessourcesAuDessusPlafonds])).EstReussi);
        Assert.Equal(J(2025, 5, 2), demande.IrrecevabiliteLe);
        Assert.Equal("La radiation pour irrecevabilité prononcée par une CALEOL exige un avertissement remis au moins un mois avant (R441-2-8 d)).",
            demande.Radier(MotifRadiation.Irrecevabilite, Le(J(2025, 5, 3)), Agent).Motif);
        Assert.True(demande.Avertir(MotifRadiation.Irrecevabilite, Lrar, Le(J(2025, 5, 3)), Agent).EstReussi);
        Assert.True(demande.NoterRemiseAvertissement(MotifRadiation.Irrecevabilite, J(2025, 5, 3), "Récépissé remis au guichet", Delais, Le(J(2025, 5, 3), 11), Agent).EstReussi);

        Assert.False(demande.Radier(MotifRadiation.Irrecevabilite, Le(J(2025, 6, 2)), Agent).EstReussi);
        Assert.True(demande.Radier(MotifRadiation.Irrecevabilite, Le(J(2025, 6, 3)), Agent).EstReussi);
    }

    [Fact]
    public void Un_avertissement_ne_s_envoie_qu_une_fois_par_motif()
    {
        var demande = NouvelleDemande(Depot);
        Assert.True(demande.Avertir(MotifRadiation.AbsenceDeReponse, Lrar, Le(J(2025, 3, 1)), Agent).EstReussi);

        Assert.Equal("Un avertissement pour absence de réponse à un courrier a déjà été envoyé le 01/03/2025.",
            demande.Avertir(MotifRadiation.AbsenceDeReponse, Lrar, Le(J(2025, 3, 5)), Agent).Motif);
    }

    [Theory]
    [InlineData(MotifRadiation.AttributionBailSigne)]
    [InlineData(MotifRadiation.Renonciation)]
    [InlineData(MotifRadiation.NonRenouvellement)]
    [InlineData(MotifRadiation.Fusion)]
    public void Seuls_c_et_d_sont_precedes_d_un_avertissement(MotifRadiation motif)
    {
        var resultat = NouvelleDemande(Depot).Avertir(motif, Lrar, Le(J(2025, 3, 1)), Agent);

        Assert.EndsWith("n'est pas précédée d'un avertissement.", resultat.Motif, StringComparison.Ordinal);
    }

    [Fact]
    public void Le_demandeur_qui_se_manifeste_leve_l_avertissement_pour_absence_de_reponse()
    {
        var demande = NouvelleDemande(Depot);
        Assert.True(demande.Avertir(MotifRadiation.AbsenceDeReponse, Lrar, Le(J(2025, 3, 1)), Agent).EstReussi);

        Assert.True(demande.MettreAJour(Contenu(), Le(J(2025, 3, 10)), Agent).EstReussi);

        Assert.Empty(demande.Avertissements);
        Assert.Equal(TypeEvenementDemande.AvertissementLeve, demande.Evenements[^1].Type);
        Assert.False(demande.Radier(MotifRadiation.AbsenceDeReponse, Le(J(2025, 5, 1)), Agent).EstReussi);
    }

    [Fact]
    public void Le_non_renouvellement_radie_au_lendemain_de_l_echeance_de_l_avis()
    {
        var demande = NouvelleDemande(Depot);
        Assert.Equal("Aucun avis de renouvellement n'a été envoyé au demandeur : la radiation pour non-renouvellement n'est possible qu'après le délai que fixe cet avis (R441-2-7, R441-2-8 e).",
            demande.Radier(MotifRadiation.NonRenouvellement, Le(J(2026, 6, 1)), Agent).Motif);
        Assert.True(demande.NoterRappelEnvoye(Le(J(2025, 12, 10)), AgentHabilite, Delais, Postal).EstReussi);

        Assert.Equal("La demande est valable jusqu'au 14/01/2026 : elle ne peut pas être radiée pour non-renouvellement avant le 15/01/2026.",
            demande.Radier(MotifRadiation.NonRenouvellement, Le(J(2026, 1, 14)), Agent).Motif);
        Assert.True(demande.Radier(MotifRadiation.NonRenouvellement, Le(J(2026, 1, 15)), Agent).EstReussi);
        Assert.Equal(MotifRadiation.NonRenouvellement, demande.MotifRadiation);
    }

    [Fact]
    public void Une_demande_ne_se_radie_qu_une_fois()
    {
        var demande = NouvelleDemande(Depot);
        Assert.True(demande.Radier(MotifRadiation.Renonciation, Le(J(2025, 3, 1)), Agent).EstReussi);

        var encore = demande.Radier(MotifRadiation.Renonciation, Le(J(2025, 3, 2)), Agent);

        Assert.Equal($"La demande {demande.Numero} est radiée depuis le 01/03/2025 (renonciation écrite du demandeur) : aucun acte n'est plus possible.", encore.Motif);
        Assert.Equal(MotifRadiation.Renonciation, demande.MotifRadiation);
        Assert.Single(demande.Evenements, e => e.Type == TypeEvenementDemande.Radiation);
    }

    [Fact]
    public void L_echeancier_liste_les_radiations_dues_sans_nouvelle_decision()
    {
        var expiree = NouvelleDemande(J(2024, 3, 1), sequence: 1); // valid until 28/02/2025
        Assert.True(expiree.NoterRappelEnvoye(Le(J(2025, 4, 20)), AgentHabilite, Delais, Postal).EstReussi); // late: deadline 20/05/2025
        var expireeAvisRecent = NouvelleDemande(J(2024, 3, 1), sequence: 6);
        Assert.True(expireeAvisRecent.NoterRappelEnvoye(Le(J(2025, 5, 20)), AgentHabilite, Delais, Postal).EstReussi);
        var expireeSansAvis = NouvelleDemande(J(2024, 3, 1), sequence: 7);
        var avertie = NouvelleDemande(J(2025, 1, 15), sequence: 2);
        Assert.True(avertie.Avertir(MotifRadiation.AbsenceDeReponse, Lrar, Le(J(2025, 4, 1)), Agent).EstReussi);
        Assert.True(avertie.NoterRemiseAvertissement(MotifRadiation.AbsenceDeReponse, J(2025, 4, 3), "AR 1", Delais, Le(J(2025, 4, 5)), Agent).EstReussi);
        var avertieSansPreuve = NouvelleDemande(J(2025, 1, 15), sequence: 8);
        Assert.True(avertieSansPreuve.Avertir(MotifRadiation.AbsenceDeReponse, Lrar, Le(J(2025, 4, 1)), Agent).EstReussi);
        var avertieRecemment = NouvelleDemande(J(2025, 1, 15), sequence: 3);
        Assert.True(avertieRecemment.Avertir(MotifRadiation.AbsenceDeReponse, Lrar, Le(J(2025, 5, 20)), Agent).EstReussi);
        Assert.True(avertieRecemment.NoterRemiseAvertissement(MotifRadiation.AbsenceDeReponse, J(2025, 5, 22), "AR 2", Delais, Le(J(2025, 5, 23)), Agent).EstReussi);
        var valide = NouvelleDemande(J(2025, 1, 15), sequence: 4);
        var radiee = NouvelleDemande(J(2024, 1, 15), sequence: 5);
        Assert.True(radiee.Radier(MotifRadiation.Renonciation, Le(J(2024, 2, 1)), Agent).EstReussi);

        var dues = Echeances.RadiationsDues([expiree, expireeAvisRecent, expireeSansAvis, avertie, avertieSansPreuve, avertieRecemment, valide, radiee],
            J(2025, 6, 1)).ToList();

        Assert.Equal(
            [(expiree, MotifRadiation.NonRenouvellement), (avertie, MotifRadiation.AbsenceDeReponse)],
            dues.Select(d => (d.Demande, d.Motif)));
    }
}
