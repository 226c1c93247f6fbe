using Logis.Domain.Acces;
using Logis.Domain.Commun;
using Logis.Domain.Territoire;

namespace Logis.Domain.Tests.Acces;

public class AccesDemandesTests
{
    private static readonly Siren Tpm = Siren.Create("248300543");
    private static readonly Siren Autre = Siren.Create("200054807");
    private static readonly CodeInsee Toulon = CodeInsee.Create("83137");
    private static readonly CodeInsee Hyeres = CodeInsee.Create("83069");
    private static readonly BailleurId Bailleur = new(Guid.NewGuid());

    // R441-2-6: role × registering service → reach of the nominative access.
    [Theory]
    [InlineData(Role.AgentEpci, false, PorteeNominative.Territoire)]
    [InlineData(Role.Administrateur, false, PorteeNominative.Territoire)]
    [InlineData(Role.AgentBailleur, true, PorteeNominative.Communes)]
    [InlineData(Role.AgentCommune, true, PorteeNominative.Territoire)]
    [InlineData(Role.AgentCommune, false, PorteeNominative.Aucune)]
    [InlineData(Role.AgentReservataire, true, PorteeNominative.Territoire)]
    [InlineData(Role.AgentReservataire, false, PorteeNominative.Communes)]
    public void La_portee_nominative_suit_le_role_et_la_qualite_de_service_enregistreur(Role role, bool enregistreur, PorteeNominative attendue) =>
        Assert.Equal(attendue, AccesDemandes.Portee(role, enregistreur));

    [Fact]
    public void Chaque_portee_restreinte_est_expliquee_a_l_agent()
    {
        Assert.Contains("R441-2-6", AccesDemandes.Explication(Role.AgentCommune, PorteeNominative.Aucune)!, StringComparison.Ordinal);
        Assert.Contains("contingent", AccesDemandes.Explication(Role.AgentReservataire, PorteeNominative.Communes)!, StringComparison.Ordinal);
        Assert.Null(AccesDemandes.Explication(Role.AgentCommune, PorteeNominative.Territoire));
        Assert.Null(AccesDemandes.Explication(Role.AgentEpci, PorteeNominative.Territoire));
    }

    [Fact]
    public void Tout_le_territoire_mais_seulement_le_sien()
    {
        Assert.True(AccesDemandes.PeutVoir(PorteeNominative.Territoire, new Perimetre(Tpm), Tpm, false, [Hyeres], []));
        Assert.False(AccesDemandes.PeutVoir(PorteeNominative.Territoire, new Perimetre(Autre), Tpm, false, [Hyeres], []));
    }

    [Fact]
    public void Sans_portee_aucune_demande_meme_de_tout_l_epci()
    {
        Assert.False(AccesDemandes.PeutVoir(PorteeNominative.Aucune, new Perimetre(Tpm, CommuneInsee: Toulon), Tpm, true, [Toulon], [Toulon]));
    }

    [Fact]
    public void Par_communes_les_demandes_de_ces_communes_ou_de_tout_l_epci()
    {
        var p = new Perimetre(Tpm, Bailleur);
        Assert.True(AccesDemandes.PeutVoir(PorteeNominative.Communes, p, Tpm, false, [Hyeres, Toulon], [Toulon]));
        Assert.True(AccesDemandes.PeutVoir(PorteeNominative.Communes, p, Tpm, true, [], [Toulon]));
        Assert.False(AccesDemandes.PeutVoir(PorteeNominative.Communes, p, Tpm, false, [Hyeres], [Toulon]));
        Assert.False(AccesDemandes.PeutVoir(PorteeNominative.Communes, p, Tpm, false, [Hyeres], []));
        Assert.False(AccesDemandes.PeutVoir(PorteeNominative.Communes, new Perimetre(Autre, Bailleur), Tpm, true, [], [Toulon]));
    }

    [Theory]
    [InlineData(Role.AgentEpci, true, true)]
    [InlineData(Role.AgentBailleur, true, true)]
    [InlineData(Role.AgentReservataire, false, true)]
    [InlineData(Role.AgentCommune, false, true)]
    [InlineData(Role.Administrateur, false, false)]
    public void Donnees_sensibles_et_actes_selon_le_role(Role role, bool sensibles, bool agir)
    {
        Assert.Equal(sensibles, AccesDemandes.VoitDonneesSensibles(role));
        Assert.Equal(agir, AccesDemandes.PeutAgir(role));
    }
}
