using FsCheck.Xunit;
using Logis.Domain.Demandes;

namespace Logis.Domain.Tests.Demandes;

public class NumeroUniqueTests
{
    [Theory]
    [InlineData("111", 2018, 3, 16982, "G1104", "111031801698 2G1104")]
    [InlineData("083", 2026, 11, 1, "G0001", "083112600000 1G0001")]
    [InlineData("02A", 2025, 1, 999_999, "GDPUB", "02A012599999 9GDPUB")]
    [InlineData("974", 2024, 12, 42, "G0030", "974122400004 2G0030")]
    public void Le_numero_se_compose_du_territoire_du_mois_et_de_l_annee_du_depot_du_numero_d_ordre_et_du_guichet(
        string territoire, int annee, int mois, int sequence, string guichet, string attendu)
    {
        var depot = new DateOnly(annee, mois, 15);
        var numero = NumeroUnique.Creer(territoire, depot, sequence, guichet).Valeur;

        Assert.Equal(attendu.Replace(" ", "", StringComparison.Ordinal), numero.Valeur);
        Assert.Equal(18, numero.Valeur.Length);
        Assert.Equal((territoire, mois, annee % 100, sequence, guichet), (numero.Territoire, numero.Mois, numero.Annee, numero.Sequence, numero.Guichet));
        Assert.True(numero.CorrespondAuDepot(depot));
        Assert.False(numero.CorrespondAuDepot(depot.AddMonths(1)));
        Assert.True(NumeroUnique.TryParse(numero.Valeur, out var relu));
        Assert.Equal(numero, relu);
    }

    [Fact]
    public void Le_numero_de_test_du_sne_se_lit_tel_quel()
    {
        // docs/sne-cerfa.md §1: the SNE's test data, first deposit on 15 March 2018.
        Assert.True(NumeroUnique.TryParse("111 0318 016982 G1104", out var n));

        Assert.Equal("1110318016982G1104", n.Valeur);
        Assert.Equal("111 0318 016982 G1104", n.Lisible);
        Assert.Equal(("111", 3, 18, 16982, "G1104"), (n.Territoire, n.Mois, n.Annee, n.Sequence, n.Guichet));
        Assert.True(n.CorrespondAuDepot(new DateOnly(2018, 3, 15)));
    }

    [Fact]
    public void La_saisie_tolere_espaces_tirets_et_minuscules()
    {
        var numero = NumeroUnique.Creer("083", new DateOnly(2026, 4, 2), 77, "GDPUB").Valeur;

        Assert.True(NumeroUnique.TryParse("083-0426 000077 gdpub", out var relu));
        Assert.Equal(numero, relu);
    }

    [Theory]
    [InlineData("83", 2026, 1, "G0001")]
    [InlineData("0830", 2026, 1, "G0001")]
    [InlineData("08-", 2026, 1, "G0001")]
    [InlineData("083", 1999, 1, "G0001")]
    [InlineData("083", 2026, 0, "G0001")]
    [InlineData("083", 2026, 1_000_000, "G0001")]
    [InlineData("083", 2026, 1, "G001")]
    [InlineData("083", 2026, 1, "G-001")]
    public void Un_numero_hors_format_est_refuse(string territoire, int annee, int sequence, string guichet)
    {
        var resultat = NumeroUnique.Creer(territoire, new DateOnly(annee, 6, 1), sequence, guichet);

        Assert.False(resultat.EstReussi);
        Assert.False(string.IsNullOrWhiteSpace(resultat.Motif));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("832600012345")]
    [InlineData("1110318016982G110")]
    [InlineData("1110318016982G11044")]
    [InlineData("1111318016982G1104")]
    [InlineData("1110018016982G1104")]
    [InlineData("1110318000000G1104")]
    [InlineData("11103180169A2G1104")]
    [InlineData("111 0318 016982 G11é4")]
    public void Une_saisie_mal_formee_est_refusee(string? saisie) => Assert.False(NumeroUnique.TryParse(saisie, out _));

    [Property(MaxTest = 300)]
    public bool Tout_numero_cree_se_relit_a_l_identique(int territoire, int jours, int sequence, bool portail)
    {
        var t = (Math.Abs(territoire % 999) + 1).ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        var depot = new DateOnly(2000, 1, 1).AddDays(Math.Abs(jours % 36_000));
        var s = 1 + Math.Abs(sequence % NumeroUnique.SequenceMaximum);
        var numero = NumeroUnique.Creer(t, depot, s, portail ? NumeroUnique.GuichetPortailPublic : "G1226").Valeur;
        return NumeroUnique.TryParse(numero.Lisible, out var relu) && relu == numero && numero.CorrespondAuDepot(depot);
    }

    [Theory]
    [InlineData("83", "083")]
    [InlineData("2A", "02A")]
    [InlineData("974", "974")]
    public void Le_territoire_par_defaut_est_le_departement_sur_trois_caracteres(string departement, string territoire) =>
        Assert.Equal(territoire, NumeroUnique.TerritoireParDefaut(departement));

    [Theory]
    [InlineData("832600012345", true)]
    [InlineData("2A 26 0000001 7", true)]
    [InlineData("9742400000428", true)]
    [InlineData("83260001234", false)]
    [InlineData("1110318016982G1104", false)]
    public void Une_ancienne_reference_logis_se_reconnait(string saisie, bool attendu) =>
        Assert.Equal(attendu, NumeroUnique.EstAncienneReference(saisie, out _));
}
