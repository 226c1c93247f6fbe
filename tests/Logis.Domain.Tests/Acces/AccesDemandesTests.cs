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

    [Theory]
    [InlineData(Role.AgentEpci)]
    [InlineData(Role.AgentReservataire)]
    [InlineData(Role.AgentCommune)]
    [InlineData(Role.Administrateur)]
    public void Les_partenaires_de_l_epci_voient_toutes_ses_demandes(Role role)
    {
        Assert.True(AccesDemandes.PeutVoir(role, new Perimetre(Tpm), Tpm, false, [Hyeres], []));
        Assert.False(AccesDemandes.PeutVoir(role, new Perimetre(Autre), Tpm, false, [Hyeres], []));
    }

    [Fact]
    public void Un_bailleur_voit_les_demandes_des_communes_ou_il_a_du_parc_ou_de_tout_l_epci()
    {
        var p = new Perimetre(Tpm, Bailleur);
        Assert.True(AccesDemandes.PeutVoir(Role.AgentBailleur, p, Tpm, false, [Hyeres, Toulon], [Toulon]));
        Assert.True(AccesDemandes.PeutVoir(Role.AgentBailleur, p, Tpm, true, [], [Toulon]));
        Assert.False(AccesDemandes.PeutVoir(Role.AgentBailleur, p, Tpm, false, [Hyeres], [Toulon]));
        Assert.False(AccesDemandes.PeutVoir(Role.AgentBailleur, new Perimetre(Autre, Bailleur), Tpm, true, [], [Toulon]));
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
