using Logis.Domain.Acces;
using Logis.Domain.Cotation;
using Logis.Domain.Demandes;
using static Logis.Domain.Tests.Demandes.Fabrique;

namespace Logis.Domain.Tests.Demandes;

/// <summary>Priority situations: entered, validated against a piece, refused, expired; what the cotation facts read; who does what.</summary>
public class SituationsPrioritairesTests
{
    private static readonly DateOnly Depot = J(2025, 1, 15);

    private static StatutPreuve Preuve(Demande d, DateOnly date) => FaitsDepuisDemande.Construire(d, date).PrioriteJ;

    [Fact]
    public void La_decision_dalo_accompagne_la_reconnaissance_dalo_et_elle_seule()
    {
        var d = NouvelleDemande(Depot);
        var sans = d.DeclarerSituationPrioritaire(CriterePrioritaire.ReconnuDalo, null, Le(J(2025, 3, 1)), Agent);
        Assert.Equal(Commun.NatureEchec.Invalide, sans.Probleme!.Nature);
        Assert.True(sans.Probleme.Champs.ContainsKey("decisionDalo"));
        Assert.False(d.DeclarerSituationPrioritaire(CriterePrioritaire.DepourvuDeLogement, Dalo(), Le(J(2025, 3, 1)), Agent).EstReussi);
        Assert.Empty(d.SituationsPrioritaires);

        Assert.True(d.DeclarerSituationPrioritaire(CriterePrioritaire.ReconnuDalo, Dalo(), Le(J(2025, 3, 1)), Agent).EstReussi);
        Assert.Equal("COMED-83-2024-0042", d.SituationsPrioritaires[0].DecisionDalo!.Reference);
        Assert.Contains("COMED-83-2024-0042 du 01/01/2024, Commission de médiation du Var", d.Evenements[^1].Resume, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "2024-01-01", "COMED", "decisionDalo.reference")]
    [InlineData("R", null, "COMED", "decisionDalo.date")]
    [InlineData("R", "2024-01-01", " ", "decisionDalo.commission")]
    [InlineData("R", "2024-06-02", "COMED", "decisionDalo.date")]
    public void Une_decision_dalo_incomplete_ou_future_est_refusee_par_champ(string? reference, string? date, string? commission, string champ)
    {
        var r = DecisionDalo.Creer(reference, date is null ? null : DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture), commission, J(2024, 6, 1));
        Assert.False(r.EstReussi);
        Assert.Equal([champ], r.Probleme!.Champs.Keys);
    }

    [Fact]
    public void Declaree_elle_compte_comme_declaree_validee_sur_piece_comme_prouvee_refusee_ou_expiree_plus_du_tout()
    {
        var d = NouvelleDemande(Depot);
        var j = CriterePrioritaire.DepourvuDeLogement;
        Assert.Equal(StatutPreuve.Aucun, Preuve(d, J(2025, 3, 1)));
        Assert.True(d.DeclarerSituationPrioritaire(j, null, Le(J(2025, 3, 1)), Agent).EstReussi);
        Assert.Equal(StatutPreuve.Declare, Preuve(d, J(2025, 3, 1)));

        // A proof whose end has passed is refused; the validation records the piece and the end.
        Assert.False(d.ValiderSituationPrioritaire(j, Piece, J(2025, 3, 1), Le(J(2025, 3, 2)), AgentHabilite).EstReussi);
        Assert.True(d.ValiderSituationPrioritaire(j, Piece, J(2025, 6, 30), Le(J(2025, 3, 2)), AgentHabilite).EstReussi);
        var s = Assert.Single(d.SituationsPrioritaires);
        Assert.Equal((Piece, (DateOnly?)J(2025, 6, 30)), (s.PieceId!.Value, s.ValableJusquau));
        Assert.Equal(StatutPreuve.Valide, Preuve(d, J(2025, 3, 2)));
        Assert.False(d.RefuserSituationPrioritaire(j, Le(J(2025, 3, 3)), AgentHabilite).EstReussi);

        // Still valid on its last day; expired the day after, once, with its event.
        Assert.False(d.ASituationsAExpirer(J(2025, 6, 30)));
        Assert.True(d.ASituationsAExpirer(J(2025, 7, 1)));
        Assert.Equal(1, d.ExpirerSituationsPrioritaires(Le(J(2025, 7, 1)), AgentHabilite).Valeur);
        Assert.Equal(0, d.ExpirerSituationsPrioritaires(Le(J(2025, 7, 2)), AgentHabilite).Valeur);
        Assert.Equal(StatutJustification.Expiree, s.Statut);
        Assert.Equal(TypeEvenementDemande.SituationPrioritaireExpiree, d.Evenements[^1].Type);
        Assert.Equal(StatutPreuve.Aucun, Preuve(d, J(2025, 7, 2)));

        // Entered again, then refused: it counts for nothing, and the timeline has each step.
        Assert.True(d.DeclarerSituationPrioritaire(j, null, Le(J(2025, 8, 1)), Agent).EstReussi);
        Assert.Null(s.PieceId);
        Assert.True(d.RefuserSituationPrioritaire(j, Le(J(2025, 8, 2)), AgentHabilite).EstReussi);
        Assert.Equal(StatutPreuve.Aucun, Preuve(d, J(2025, 8, 2)));
        Assert.False(d.ValiderSituationPrioritaire(j, Piece, null, Le(J(2025, 8, 3)), AgentHabilite).EstReussi);
        Assert.Equal(
            [TypeEvenementDemande.SituationPrioritaireDeclaree, TypeEvenementDemande.SituationPrioritaireValidee, TypeEvenementDemande.SituationPrioritaireExpiree,
             TypeEvenementDemande.SituationPrioritaireDeclaree, TypeEvenementDemande.SituationPrioritaireRefusee],
            d.Evenements.Skip(1).Select(e => e.Type));
    }

    [Fact]
    public void La_chronologie_ne_nomme_jamais_un_critere_sensible()
    {
        var d = NouvelleDemande(Depot);
        foreach (var c in new[] { CriterePrioritaire.Handicap, CriterePrioritaire.SortieAppartementCoordinationTherapeutique, CriterePrioritaire.ViolencesConjugalesOuSexuelles,
                     CriterePrioritaire.SortieProstitution, CriterePrioritaire.TraiteOuProxenetisme })
        {
            Assert.True(d.DeclarerSituationPrioritaire(c, null, Le(J(2025, 3, 1)), Agent).EstReussi);
            Assert.DoesNotContain(c.Reference(), d.Evenements[^1].Resume, StringComparison.Ordinal);
        }
        Assert.True(d.DeclarerSituationPrioritaire(CriterePrioritaire.DepourvuDeLogement, null, Le(J(2025, 3, 1)), Agent).EstReussi);
        Assert.Contains("L441-1 j)", d.Evenements[^1].Resume, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Role.AgentEpci, true, true, true)]
    [InlineData(Role.AgentBailleur, true, true, true)]
    [InlineData(Role.AgentReservataire, true, false, false)]
    [InlineData(Role.AgentCommune, true, false, false)]
    [InlineData(Role.Administrateur, false, false, false)]
    public void Qui_saisit_qui_valide_qui_voit_une_situation_sensible(Role role, bool declare, bool decide, bool voitSensible)
    {
        Assert.Equal(declare, AccesSituationsPrioritaires.PeutDeclarer(role));
        Assert.Equal(decide, AccesSituationsPrioritaires.PeutDecider(role));
        Assert.Equal(voitSensible, AccesSituationsPrioritaires.Voit(role, CriterePrioritaire.ViolencesConjugalesOuSexuelles));
        Assert.True(AccesSituationsPrioritaires.Voit(role, CriterePrioritaire.ReconnuDalo));
    }

    [Fact]
    public void Chaque_critere_a_un_code_relu_tel_quel()
    {
        Assert.All(CriteresPrioritaires.Tous, c => Assert.Equal(c, CriteresPrioritaires.Lire(c.Code())));
        Assert.Equal(CriterePrioritaire.SortieAppartementCoordinationTherapeutique, CriteresPrioritaires.Lire(" A BIS "));
        Assert.Null(CriteresPrioritaires.Lire("m"));
    }
}
