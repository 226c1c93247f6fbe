using System.IO.Compression;
using System.Text;
using Logis.Domain.Pieces;

namespace Logis.Domain.Tests.Pieces;

/// <summary>The guard against booby-trapped PDF files: active content wherever it hides, decompression bombs; ordinary PDFs pass.</summary>
public class GardePdfTests
{
    private static byte[] Zlib(byte[] donnees)
    {
        using var sortie = new MemoryStream();
        using (var z = new ZLibStream(sortie, CompressionLevel.SmallestSize)) z.Write(donnees);
        return sortie.ToArray();
    }

    /// <summary>A small PDF with one stream object holding <paramref name="flux"/> (FlateDecode when <paramref name="filtre"/>).</summary>
    private static byte[] Pdf(string corps, byte[]? flux = null, string filtre = "/FlateDecode")
    {
        var b = new List<byte>();
        b.AddRange(Encoding.ASCII.GetBytes($"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R {corps} >>\nendobj\n"));
        if (flux is not null)
        {
            b.AddRange(Encoding.ASCII.GetBytes($"3 0 obj\n<< /Length {flux.Length} /Filter {filtre} /DecodeParms << /Predictor 1 >> >>\nstream\r\n"));
            b.AddRange(flux);
            b.AddRange(Encoding.ASCII.GetBytes("\nendstream\nendobj\n"));
        }
        b.AddRange("trailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray());
        return [.. b];
    }

    [Fact]
    public void Un_pdf_ordinaire_passe_avec_son_texte_compresse()
    {
        Assert.Null(GardePdf.Erreur(Pdf("/OpenAction [4 0 R /Fit]", Zlib("BT /F1 12 Tf (Avis d'imposition 2025 - JSON /JSP) Tj ET"u8.ToArray()))));
        Assert.True(FichierPiece.Verifier("avis.pdf", Pdf("", Zlib(new byte[50_000])), ReglesDepot.ParDefaut).EstReussi);
    }

    [Theory]
    [InlineData("/OpenAction << /S /JavaScript /JS (app.alert(1)) >>")]
    [InlineData("/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>")]
    [InlineData("/AA << /O << /S /Launch /F (cmd.exe) >> >>")]
    [InlineData("/Names << /EmbeddedFiles 5 0 R >>")]
    [InlineData("/AcroForm << /XFA 6 0 R >>")]
    public void Le_contenu_actif_ecrit_en_clair_ou_deguise_est_refuse(string corps)
    {
        Assert.Equal(GardePdf.MotifContenuActif, GardePdf.Erreur(Pdf(corps)));
        var refus = FichierPiece.Verifier("piege.pdf", Pdf(corps), ReglesDepot.ParDefaut);
        Assert.Equal(GardePdf.MotifContenuActif, refus.Erreurs.Single());
    }

    [Fact]
    public void Le_javascript_cache_dans_un_flux_compresse_est_refuse_quel_que_soit_le_nom_du_filtre()
    {
        var objets = Zlib("4 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj"u8.ToArray());
        Assert.Equal(GardePdf.MotifContenuActif, GardePdf.Erreur(Pdf("", objets)));
        Assert.Equal(GardePdf.MotifContenuActif, GardePdf.Erreur(Pdf("", objets, filtre: "/Fl#61teDecode")));
    }

    [Fact]
    public void Une_bombe_de_decompression_est_refusee()
    {
        var bombe = Zlib(new byte[20 * 1024 * 1024]); // 20 MB of zeros in about 20 KB
        var pdf = Pdf("", bombe);
        Assert.True(pdf.Length < 100_000);
        Assert.Equal(GardePdf.MotifBombe, GardePdf.Erreur(pdf));
    }

    [Fact]
    public void Un_flux_qui_n_est_pas_du_zlib_est_ignore()
    {
        Assert.Null(GardePdf.Erreur(Pdf("", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4], filtre: "/DCTDecode")));
    }

    /// <summary>
    /// docs/protection-des-donnees.md §2 item 31: 10 000 malformed files (seeded) — random bytes, valid headers followed by noise, PDFs cut,
    /// flipped or with broken streams — go through the checks without any exception: each is accepted or refused with reasons.
    /// </summary>
    [Fact]
    public void Dix_mille_fichiers_malformes_ne_levent_aucune_exception()
    {
        var hasard = new Random(31);
        byte[][] modeles =
        [
            Pdf("/OpenAction [4 0 R /Fit]", Zlib("BT /F1 12 Tf (Avis) Tj ET"u8.ToArray())),
            Pdf("/AA << /O << /S /JavaScript /JS (x) >> >>", Zlib("4 0 obj << /S /Launch >> endobj"u8.ToArray())),
            [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R'],
            [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, (byte)'J', (byte)'F', (byte)'I', (byte)'F'],
        ];
        var refusees = 0;
        for (var i = 0; i < 10_000; i++)
        {
            byte[] f;
            switch (i % 4)
            {
                case 0:
                    f = new byte[hasard.Next(0, 4096)];
                    hasard.NextBytes(f);
                    break;
                case 1:
                    var m = modeles[hasard.Next(modeles.Length)];
                    f = [.. m.AsSpan(0, hasard.Next(0, m.Length + 1))];
                    break;
                case 2:
                    f = [.. modeles[hasard.Next(modeles.Length)]];
                    for (var k = hasard.Next(1, 20); k > 0; k--) f[hasard.Next(f.Length)] = (byte)hasard.Next(256);
                    break;
                default:
                    var bruit = new byte[hasard.Next(0, 2048)];
                    hasard.NextBytes(bruit);
                    f = [.. "%PDF-1.4\n1 0 obj << /Filter /FlateDecode >> stream\r\n"u8, 0x78, 0x9C, .. bruit, .. (hasard.Next(2) == 0 ? "\nendstream"u8.ToArray() : [])];
                    break;
            }
            var r = FichierPiece.Verifier($"fichier-{i}.pdf", f, ReglesDepot.ParDefaut);
            if (!r.EstReussi)
            {
                refusees++;
                Assert.All(r.Erreurs, e => Assert.False(string.IsNullOrWhiteSpace(e)));
            }
        }
        Assert.InRange(refusees, 5_000, 10_000);
    }
}
