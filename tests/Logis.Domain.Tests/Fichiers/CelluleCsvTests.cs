using Logis.Domain.Commun;

namespace Logis.Domain.Tests.Fichiers;

public class CelluleCsvTests
{
    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+33612345678", "'+33612345678")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tx", "'\tx")]
    [InlineData("'=1", "''=1")]
    [InlineData("Martin", "Martin")]
    [InlineData("'t Hooft", "'t Hooft")]
    [InlineData("a=1", "a=1")]
    public void Une_formule_est_ecrite_apres_une_apostrophe(string valeur, string neutralisee) =>
        Assert.Equal(neutralisee, CelluleCsv.Neutraliser(valeur));

    [Fact]
    public void Toute_valeur_revient_telle_quelle()
    {
        string[] valeurs = ["", "'", "''", "=", "'=", "''=x", "-", "+", "@", "\r", "'\r", "x", "'x", "Dupont-Martin", "'-'", "=A1,\"b\""];
        foreach (var v in valeurs) Assert.Equal(v, CelluleCsv.Lire(CelluleCsv.Neutraliser(v)));
        // A cell that was never neutralised reads as it is.
        foreach (var v in new[] { "'t Hooft", "'", "x" }) Assert.Equal(v, CelluleCsv.Lire(v));
    }

    [Fact]
    public void La_cellule_est_entre_guillemets_si_besoin()
    {
        Assert.Equal("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"", CelluleCsv.Ecrire("=HYPERLINK(\"http://x\",\"y\")"));
        Assert.Equal("\"'\ra\"", CelluleCsv.Ecrire("\ra"));
        Assert.Equal("", CelluleCsv.Ecrire(null));
        Assert.Equal("a,'-b,\"c,d\"", CelluleCsv.Ligne(["a", "-b", "c,d"]).ToString());
    }
}
