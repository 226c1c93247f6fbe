using Logis.Domain.Demandes;
using Logis.Domain.Menages;

namespace Logis.Domain.Tests.Demandes;

public class NirTests
{
    [Theory]
    [InlineData("1850783137005")]
    [InlineData("2900219004012")]
    [InlineData("290022A004012")]
    [InlineData("190032B033007")]
    public void Un_nir_avec_une_cle_juste_est_accepte(string corps)
    {
        var nir = Fabrique.NirDe(corps);

        Assert.Equal(15, nir.ValeurComplete.Length);
        Assert.True(Nir.TryCreate(nir.ValeurComplete[..7] + " " + nir.ValeurComplete[7..], out var relu));
        Assert.Equal(nir, relu);
    }

    [Theory]
    [InlineData("185078313700500")]
    [InlineData("585078313700500")]
    [InlineData("18507831370")]
    [InlineData("1850783137005AB")]
    [InlineData("")]
    [InlineData(null)]
    public void Un_nir_faux_est_refuse(string? saisie) => Assert.False(Nir.TryCreate(saisie, out _));

    [Fact]
    public void Une_cle_alteree_est_refusee()
    {
        var nir = Fabrique.NirDe("1850783137005").ValeurComplete;
        var cleFausse = ((int.Parse(nir[13..], System.Globalization.CultureInfo.InvariantCulture) % 97) + 1).ToString("00", System.Globalization.CultureInfo.InvariantCulture);

        Assert.False(Nir.TryCreate(nir[..13] + cleFausse, out _));
    }

    [Fact]
    public void Le_nir_ne_s_affiche_jamais_en_entier()
    {
        var nir = Fabrique.NirDe("1850783137005");
        var personne = Fabrique.Personne("Martin", "Paul", Fabrique.J(1985, 7, 1), LienPersonne.Demandeur, nir);
        var demande = Fabrique.NouvelleDemande(Fabrique.J(2025, 3, 1), Fabrique.Contenu([personne]));

        Assert.Equal("*************" + nir.ValeurComplete[13..], nir.ToString());
        Assert.Equal(nir.ToString(), nir.Masque);
        Assert.DoesNotContain(nir.ValeurComplete[..13], $"{nir}");
        Assert.DoesNotContain(nir.ValeurComplete[..13], personne.ToString());
        Assert.DoesNotContain(nir.ValeurComplete[..13], demande.ToString());
        Assert.DoesNotContain(nir.ValeurComplete[..13], demande.Contenu.Demandeur.ToString());
        Assert.All(demande.Evenements, e => Assert.DoesNotContain(nir.ValeurComplete[..5], e.ToString()));
    }
}
