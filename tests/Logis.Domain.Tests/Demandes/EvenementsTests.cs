using Logis.Domain.Demandes;
using Logis.Domain.Menages;
using static Logis.Domain.Tests.Demandes.Fabrique;

namespace Logis.Domain.Tests.Demandes;

/// <summary>The timeline: every act appends an event, in order, with a summary free of sensitive content.</summary>
public class EvenementsTests
{
    private static readonly string[] MotsSensibles = ["violence", "santé", "handicap", "médical", "prostitution", "traite", "jugement", "NIR"];

    [Fact]
    public void Chaque_acte_ajoute_un_evenement_dans_l_ordre()
    {
        var nir = NirDe("2900483137005");
        var demande = NouvelleDemande(J(2025, 1, 15), Contenu([Personne("Martin", "Léa", J(1990, 4, 12), LienPersonne.Demandeur, nir)]));
        var jour = J(2025, 2, 1);
        Assert.True(demande.DeclarerSituationPrioritaire(CriterePrioritaire.ViolencesConjugalesOuSexuelles, null, Le(jour), Agent).EstReussi);
        Assert.True(demande.NoterPieceRecue(TypePiece.PieceSensible, Le(jour, 11), Agent).EstReussi);
        Assert.True(demande.ValiderSituationPrioritaire(CriterePrioritaire.ViolencesConjugalesOuSexuelles, Piece, null, Le(jour, 12), AgentHabilite).EstReussi);
        Assert.True(demande.DeclarerSituationPrioritaire(CriterePrioritaire.Handicap, null, Le(jour, 13), Agent).EstReussi);
        Assert.True(demande.NoterProposition(Logement, Le(J(2025, 3, 1)), Agent).EstReussi);
        Assert.True(demande.NoterDecisionCaleol(Logement, DecisionCaleol.Attribution, null, Le(J(2025, 3, 10)), Agent).EstReussi);
        Assert.True(demande.NoterOffre(Logement, J(2025, 3, 21), adaptee: true, Le(J(2025, 3, 11)), Agent).EstReussi);
        Assert.True(demande.NoterRefus(Logement, MotifRefus.EtageOuAccessibilite, Le(J(2025, 3, 15)), Agent).EstReussi);
        Assert.True(demande.Radier(MotifRadiation.Renonciation, Le(J(2025, 4, 1)), Agent).EstReussi);

        Assert.Equal(
            [
                TypeEvenementDemande.Enregistrement, TypeEvenementDemande.SituationPrioritaireDeclaree, TypeEvenementDemande.PieceRecue,
                TypeEvenementDemande.SituationPrioritaireValidee, TypeEvenementDemande.SituationPrioritaireDeclaree, TypeEvenementDemande.Proposition,
                TypeEvenementDemande.DecisionCaleol, TypeEvenementDemande.Offre, TypeEvenementDemande.Refus, TypeEvenementDemande.Radiation,
            ],
            demande.Evenements.Select(e => e.Type));
        Assert.Equal(Enumerable.Range(1, 10), demande.Evenements.Select(e => e.Rang));
        Assert.Equal(demande.Evenements.OrderBy(e => e.Quand), demande.Evenements);
        Assert.All(demande.Evenements, e =>
        {
            Assert.DoesNotContain(nir.ValeurComplete[..13], e.Resume, StringComparison.Ordinal);
            Assert.All(MotsSensibles, mot => Assert.DoesNotContain(mot, e.Resume, StringComparison.OrdinalIgnoreCase));
        });
        Assert.Equal("Pièce reçue : pièce à accès restreint", demande.Evenements[2].Resume);
        Assert.Equal("Offre adaptée refusée : étage ou accessibilité (le refus compte dans la cotation)", demande.Evenements[8].Resume);
    }
}
