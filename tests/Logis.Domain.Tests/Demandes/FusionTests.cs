using Logis.Domain.Demandes;
using static Logis.Domain.Tests.Demandes.Fabrique;

namespace Logis.Domain.Tests.Demandes;

/// <summary>Merging a duplicate: the older seniority is kept (team choice), both timelines record it.</summary>
public class FusionTests
{
    [Fact]
    public void La_fusion_garde_la_date_de_depot_la_plus_ancienne_et_la_validite_la_plus_recente()
    {
        var ancienne = NouvelleDemande(J(2023, 5, 10), sequence: 1);
        Assert.True(ancienne.Renouveler(Le(J(2024, 5, 1)), Agent, TroisMois).EstReussi);
        var recente = NouvelleDemande(J(2024, 9, 1), sequence: 2);
        Assert.True(recente.DeclarerSituationPrioritaire(CriterePrioritaire.DepourvuDeLogement, null, Le(J(2024, 9, 2)), Agent).EstReussi);

        var resultat = Demande.Fusionner(recente, ancienne, Le(J(2024, 10, 1)), AgentHabilite);

        Assert.True(resultat.EstReussi);
        Assert.Equal(J(2023, 5, 10), recente.DateDepot);
        Assert.Equal(J(2024, 9, 1), recente.DateDebutValidite);
        Assert.Equal(StatutDemande.Active, recente.Statut);
        Assert.Equal(StatutDemande.Radiee, ancienne.Statut);
        Assert.Equal(MotifRadiation.Fusion, ancienne.MotifRadiation);
        Assert.Equal(recente.Id, ancienne.FusionneeDans);
        Assert.Equal($"Demande {ancienne.Numero} fusionnée dans celle-ci, ancienneté retenue : dépôt du 10/05/2023", recente.Evenements[^1].Resume);
        Assert.Equal(TypeEvenementDemande.Fusion, recente.Evenements[^1].Type);
        Assert.Equal(
            [TypeEvenementDemande.Fusion, TypeEvenementDemande.Radiation],
            ancienne.Evenements.TakeLast(2).Select(e => e.Type));
        Assert.Equal($"Demande fusionnée dans la demande {recente.Numero}", ancienne.Evenements[^2].Resume);
    }

    [Fact]
    public void La_fusion_reprend_les_situations_prioritaires_absentes_de_la_demande_conservee()
    {
        var conservee = NouvelleDemande(J(2024, 1, 10), sequence: 1);
        var absorbee = NouvelleDemande(J(2024, 3, 1), sequence: 2);
        Assert.True(absorbee.DeclarerSituationPrioritaire(CriterePrioritaire.ReconnuDalo, Dalo(), Le(J(2024, 3, 2)), Agent).EstReussi);
        Assert.True(absorbee.ValiderSituationPrioritaire(CriterePrioritaire.ReconnuDalo, Piece, null, Le(J(2024, 3, 3)), AgentHabilite).EstReussi);

        Assert.True(Demande.Fusionner(conservee, absorbee, Le(J(2024, 4, 1)), Agent).EstReussi);

        var situation = Assert.Single(conservee.SituationsPrioritaires);
        Assert.Equal(StatutJustification.ValideeParAgentHabilite, situation.Statut);
        Assert.Equal(J(2024, 1, 10), conservee.DateDepot);
        Assert.Equal(J(2024, 3, 1), conservee.DateDernierRenouvellement);
    }

    [Fact]
    public void Une_demande_ne_se_fusionne_ni_avec_elle_meme_ni_avec_une_demande_radiee()
    {
        var demande = NouvelleDemande(J(2024, 1, 10), sequence: 1);
        var radiee = NouvelleDemande(J(2024, 2, 1), sequence: 2);
        Assert.True(radiee.Radier(MotifRadiation.Renonciation, Le(J(2024, 2, 2)), Agent).EstReussi);

        Assert.Equal("Une demande ne peut pas être fusionnée avec elle-même.", Demande.Fusionner(demande, demande, Le(J(2024, 3, 1)), Agent).Motif);
        Assert.StartsWith($"La demande {radiee.Numero} est radiée", Demande.Fusionner(demande, radiee, Le(J(2024, 3, 1)), Agent).Motif, StringComparison.Ordinal);
        Assert.Single(demande.Evenements);
    }
}
