using FsCheck.Xunit;
using Logis.Domain.Demandes;

namespace Logis.Domain.Tests.Demandes;

public class NumeroUniqueTests
{
    private static readonly string[] Departements = ["01", "06", "13", "19", "2A", "2B", "21", "75", "83", "95", "971", "974", "976"];

    private static NumeroUnique Quelconque(int dep, int annee, int sequence) =>
        NumeroUnique.Creer(
            Departements[Math.Abs(dep % Departements.Length)],
            2000 + Math.Abs(annee % 100),
            1 + Math.Abs(sequence % NumeroUnique.SequenceMaximum)).Valeur;

    [Theory]
    [InlineData("83", 2026, 1234, "83260001234")]
    [InlineData("2A", 2025, 1, "2A250000001")]
    [InlineData("2B", 2025, 9_999_999, "2B259999999")]
    [InlineData("974", 2024, 42, "974240000042")]
    public void Le_numero_se_compose_du_departement_de_l_annee_et_du_numero_d_ordre(string dep, int annee, int sequence, string corps)
    {
        var numero = NumeroUnique.Creer(dep, annee, sequence).Valeur;

        Assert.StartsWith(corps, numero.Valeur, StringComparison.Ordinal);
        Assert.Equal(corps.Length + 1, numero.Valeur.Length);
        Assert.Equal(dep, numero.Departement);
        Assert.Equal(annee % 100, numero.Annee);
        Assert.Equal(sequence, numero.Sequence);
        Assert.True(NumeroUnique.TryParse(numero.Valeur, out var relu));
        Assert.Equal(numero, relu);
    }

    [Fact]
    public void La_saisie_tolere_espaces_tirets_et_minuscules()
    {
        var numero = NumeroUnique.Creer("2A", 2026, 77).Valeur;
        var saisie = $"{numero.Valeur[..2].ToLowerInvariant()} {numero.Valeur[2..4]}-{numero.Valeur[4..]}";

        Assert.True(NumeroUnique.TryParse(saisie, out var relu));
        Assert.Equal(numero, relu);
    }

    [Theory]
    [InlineData("20", 2026, 1)]
    [InlineData("96", 2026, 1)]
    [InlineData("00", 2026, 1)]
    [InlineData("2C", 2026, 1)]
    [InlineData("977", 2026, 1)]
    [InlineData("83", 1999, 1)]
    [InlineData("83", 2026, 0)]
    [InlineData("83", 2026, 10_000_000)]
    public void Un_numero_hors_format_est_refuse(string dep, int annee, int sequence)
    {
        var resultat = NumeroUnique.Creer(dep, annee, sequence);

        Assert.False(resultat.EstReussi);
        Assert.False(string.IsNullOrWhiteSpace(resultat.Motif));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("8326000123")]
    [InlineData("832600012345678")]
    [InlineData("2C2600000010")]
    [InlineData("83AB00001230")]
    public void Une_saisie_mal_formee_est_refusee(string? saisie) => Assert.False(NumeroUnique.TryParse(saisie, out _));

    [Property(MaxTest = 300)]
    public bool La_cle_detecte_toute_erreur_sur_un_chiffre(int dep, int annee, int sequence)
    {
        var valeur = Quelconque(dep, annee, sequence).Valeur;
        for (var i = 0; i < valeur.Length; i++)
        {
            if (!char.IsAsciiDigit(valeur[i])) continue;
            for (var chiffre = '0'; chiffre <= '9'; chiffre++)
            {
                if (chiffre == valeur[i]) continue;
                var altere = string.Concat(valeur.AsSpan(0, i), [chiffre], valeur.AsSpan(i + 1));
                if (NumeroUnique.TryParse(altere, out _)) return false;
            }
        }
        return true;
    }

    [Property(MaxTest = 300)]
    public bool La_cle_detecte_toute_inversion_de_deux_caracteres_voisins(int dep, int annee, int sequence)
    {
        var valeur = Quelconque(dep, annee, sequence).Valeur;
        for (var i = 0; i < valeur.Length - 1; i++)
        {
            if (valeur[i] == valeur[i + 1]) continue;
            var altere = string.Concat(valeur.AsSpan(0, i), [valeur[i + 1], valeur[i]], valeur.AsSpan(i + 2));
            if (NumeroUnique.TryParse(altere, out _)) return false;
        }
        return true;
    }

    [Fact]
    public void Les_deux_departements_corses_se_distinguent()
    {
        var a = NumeroUnique.Creer("2A", 2026, 5).Valeur.Valeur;
        var b = NumeroUnique.Creer("2B", 2026, 5).Valeur.Valeur;

        Assert.NotEqual(a, b);
        Assert.False(NumeroUnique.TryParse("2B" + a[2..], out _));
    }
}
