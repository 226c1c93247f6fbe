using Logis.Persistence.Reference;

namespace Logis.Persistence.Tests;

public class CsvLecteurTests
{
    private const string Texte = "a,b,c\r\n1,2,3\r\n,,\r\n,,,x\r\n,\r\n\r\n\"x,y\",2,3\r\n\"\",,\r\n1,\"deux\r\nlignes\",3\r\n4\r\n,5\r\n ,,\r\n,\"\"\"\",\r\n";

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Lire_un_seul_champ_donne_le_champ_et_la_ligne_vide_comme_la_lecture_complete(int position)
    {
        var complet = new CsvLecteur(new StringReader(Texte));
        var partiel = new CsvLecteur(new StringReader(Texte));
        var lignes = 0;
        while (complet.Lire())
        {
            Assert.True(partiel.LireUnChamp(position, out var champ, out var vide));
            var champs = complet.Champs;
            Assert.Equal(position >= 0 && position < champs.Length ? champs[position] : "", champ);
            Assert.Equal(Enumerable.Range(0, 3).All(i => i >= champs.Length || champs[i].Length == 0), vide);
            Assert.Equal(complet.Ligne, partiel.Ligne);
            lignes++;
        }
        Assert.False(partiel.LireUnChamp(position, out _, out _));
        Assert.Equal(12, lignes);
    }

    [Fact]
    public void Les_lignes_sont_coupees_comme_par_ReadLine_quelles_que_soient_leur_fin_et_leur_longueur()
    {
        // Line ends \n, \r and \r\n; lines longer than the read buffer; a \r\n falling across two reads.
        var aleas = new Random(3);
        var sb = new System.Text.StringBuilder("a,b,c\n");
        for (var i = 0; i < 3_000; i++)
        {
            var longueur = i % 500 == 0 ? aleas.Next(30_000, 70_000) : aleas.Next(0, 40);
            var ligne = new char[longueur];
            for (var k = 0; k < longueur; k++) ligne[k] = aleas.Next(6) == 0 ? ',' : (char)('a' + aleas.Next(26));
            sb.Append(ligne).Append(aleas.Next(3) switch { 0 => "\n", 1 => "\r", _ => "\r\n" });
        }
        var texte = sb.ToString();
        var reference = new StringReader(texte);
        reference.ReadLine();
        var csv = new CsvLecteur(new StringReader(texte));
        var lignes = 0;
        while (csv.Lire())
        {
            Assert.Equal(reference.ReadLine()!.Split(','), csv.Champs);
            lignes++;
        }
        Assert.Null(reference.ReadLine());
        // An empty line after a \r makes one \r\n: a few lines less than written, for both readers.
        Assert.InRange(lignes, 2_900, 3_000);
    }
}
