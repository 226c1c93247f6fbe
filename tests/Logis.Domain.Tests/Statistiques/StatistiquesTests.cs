using Logis.Domain.Statistiques;

namespace Logis.Domain.Tests.Statistiques;

public class StatistiquesTests
{
    [Fact]
    public void Quantiles_comme_QUARTILE_INC_d_un_tableur()
    {
        // 1, 2, 3, 4: h = 3p → Q1 at 0.75 → 1.75, median at 1.5 → 2.5, Q3 at 2.25 → 3.25 (values checked in a spreadsheet).
        Assert.Equal((1.75m, 2.5m, 3.25m), Quartiles([4, 3, 2, 1]));
        // Ties: 5, 5, 5, 9 → Q1 5, median 5, Q3 at 2.25 → 5 + 0.25 × 4 = 6.
        Assert.Equal((5m, 5m, 6m), Quartiles([5, 9, 5, 5]));
        // One value is every quantile; zero incomes count as values.
        Assert.Equal((7m, 7m, 7m), Quartiles([7]));
        Assert.Equal((0m, 0m, 2500m), Quartiles([0, 0, 0, 10_000]));
        Assert.Equal(1m, Quantiles.De([3, 1, 2], 0m));
        Assert.Equal(3m, Quantiles.De([3, 1, 2], 1m));
        var vide = Quantiles.Quartiles([]);
        Assert.Null(vide.Mediane);
        Assert.Throws<ArgumentOutOfRangeException>(() => Quantiles.De([1], 1.5m));
    }

    private static (decimal, decimal, decimal) Quartiles(decimal[] serie)
    {
        var (q1, m, q3) = Quantiles.Quartiles(serie);
        return (q1!.Value, m!.Value, q3!.Value);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(1, false)]
    [InlineData(4, false)]
    [InlineData(5, true)]
    [InlineData(120, true)]
    public void Un_groupe_de_1_a_4_menages_n_est_jamais_montre(int nombre, bool montre)
    {
        Assert.Equal(montre, SecretStatistique.Diffusable(nombre));
        Assert.Equal(montre ? nombre : null, SecretStatistique.Compte(nombre));
        Assert.Equal(montre, SecretStatistique.Texte(nombre) != "moins de 5");
    }

    [Fact]
    public void Un_taux_ne_permet_pas_de_retrouver_un_petit_groupe()
    {
        Assert.Equal(25m, SecretStatistique.Taux(5, 20));
        Assert.Equal(0m, SecretStatistique.Taux(0, 12));
        Assert.Equal(100m, SecretStatistique.Taux(12, 12));
        Assert.Equal(33.3m, SecretStatistique.Taux(5, 15));
        Assert.Null(SecretStatistique.Taux(3, 40));   // 7.5 % of 40 would say: 3 households
        Assert.Null(SecretStatistique.Taux(37, 40));  // and 92.5 % that the 3 others are not
        Assert.Null(SecretStatistique.Taux(2, 4));    // the group itself is under 5
        Assert.Null(SecretStatistique.Valeur(4, () => 1m));
        Assert.Equal(1m, SecretStatistique.Valeur(5, () => 1m));
        Assert.Equal("1 234", SecretStatistique.Texte(1234).Replace('\u202f', ' ').Replace('\u00a0', ' '));
    }
}
