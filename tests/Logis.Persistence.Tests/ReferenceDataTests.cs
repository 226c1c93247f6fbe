using Logis.Domain.Territoire;
using Logis.Tests.Infrastructure;

namespace Logis.Persistence.Tests;

public class ReferenceDataTests
{
    private static readonly Persistence.Reference.ReferenceData Reference = TerritoireSemeFixture.Reference;

    [Fact]
    public void Le_referentiel_2026_compte_tous_les_epci_et_leurs_communes()
    {
        Assert.Equal(1255, Reference.Epcis().Count);
        var communes = Reference.Communes();
        Assert.True(communes.Count > 34_000);
        Assert.Equal(12, communes.Count(c => c.EpciSiren?.Value == "248300543"));
        Assert.Equal(92, communes.Count(c => c.EpciSiren?.Value == "200054807"));
    }

    [Theory]
    [InlineData("83137", "Toulon", 179116, ZonePlafond.AutresRegions)]
    [InlineData("83126", "La Seyne-sur-Mer", 63732, ZonePlafond.AutresRegions)]
    [InlineData("75056", "Paris", null, ZonePlafond.ParisCommunesLimitrophes)]
    [InlineData("92012", "Boulogne-Billancourt", null, ZonePlafond.ParisCommunesLimitrophes)]
    [InlineData("78646", "Versailles", null, ZonePlafond.IleDeFranceHorsParis)]
    public void Population_et_zone_viennent_du_referentiel(string code, string nom, int? population, ZonePlafond zone)
    {
        var commune = Reference.Communes().Single(c => c.CodeInsee.Value == code);
        Assert.Equal(nom, commune.Nom);
        if (population is { } p) Assert.Equal(p, commune.Population);
        Assert.Equal(zone, commune.Zone);
    }

    [Fact]
    public void Les_qpv_2024_de_tpm_et_amp()
    {
        var qpvs = Reference.Qpvs();
        Assert.Equal(15, qpvs.Count(q => q.EpciSiren?.Value == "248300543"));
        Assert.Equal(66, qpvs.Count(q => q.EpciSiren?.Value == "200054807"));
    }

    [Fact]
    public void Un_fichier_mal_forme_est_refuse_avec_sa_ligne()
    {
        var dossier = Directory.CreateTempSubdirectory("logis-ref").FullName;
        File.WriteAllText(Path.Combine(dossier, "qpv2024_paca.csv"),
            "code_qp,nom_qp,statut_2024,departement,communes_insee,communes_noms,epci_siren,epci_nom\nQN08305M,Romain Rolland,modifie,83,83062,La Garde,248300543,TPM\nXX,Faux,modifie,83,83062,La Garde,248300543,TPM\n");
        var e = Assert.Throws<InvalidDataException>(() => new Persistence.Reference.ReferenceData(dossier).Qpvs());
        Assert.Contains("ligne 3", e.Message, StringComparison.Ordinal);
    }
}
