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
    private static byte[] Pdf(string corps, byte[]? flux = null, string filtre = "/FlateDecode", string parametres = "<< /Predictor 1 >>")
    {
        var b = new List<byte>();
        b.AddRange(Encoding.ASCII.GetBytes($"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R {corps} >>\nendobj\n"));
        if (flux is not null)
        {
            b.AddRange(Encoding.ASCII.GetBytes($"3 0 obj\n<< /Length {flux.Length} /Filter {filtre} /DecodeParms {parametres} >>\nstream\r\n"));
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

    private static readonly byte[] Piege = "4 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj 5 0 obj << /Type /Page >> endobj"u8.ToArray();

    private static byte[] AsciiHex(byte[] d) => Encoding.ASCII.GetBytes(string.Join(" ", d.Chunk(16).Select(Convert.ToHexString)) + ">");

    private static byte[] Ascii85(byte[] d)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < d.Length; i += 4)
        {
            var n = Math.Min(4, d.Length - i);
            uint v = 0;
            for (var k = 0; k < 4; k++) v = (v << 8) | (k < n ? d[i + k] : 0u);
            if (v == 0 && n == 4) { sb.Append('z'); continue; }
            var c = new char[5];
            for (var k = 4; k >= 0; k--) { c[k] = (char)('!' + v % 85); v /= 85; }
            sb.Append(c, 0, n + 1);
            if (i % 64 == 0) sb.Append('\n');
        }
        return Encoding.ASCII.GetBytes(sb.Append("~>").ToString());
    }

    private static byte[] RunLength(byte[] d)
    {
        var sortie = new List<byte>();
        for (var i = 0; i < d.Length;)
        {
            var n = 1;
            while (i + n < d.Length && d[i + n] == d[i] && n < 128) n++;
            if (n > 1) { sortie.Add((byte)(257 - n)); sortie.Add(d[i]); i += n; continue; }
            var l = Math.Min(128, d.Length - i);
            sortie.Add((byte)(l - 1));
            sortie.AddRange(d.AsSpan(i, l));
            i += l;
        }
        sortie.Add(128);
        return [.. sortie];
    }

    /// <summary>LZW as PDF writes it (codes of 9 to 12 bits, early change): a clear code first, the end code last.</summary>
    private static byte[] Lzw(byte[] d)
    {
        var sortie = new List<byte>();
        long tampon = 0;
        var nbBits = 0;
        var largeur = 9;
        var emis = 0;
        void Ecrire(int code)
        {
            tampon = (tampon << largeur) | (uint)code;
            nbBits += largeur;
            while (nbBits >= 8) { sortie.Add((byte)(tampon >> (nbBits - 8))); nbBits -= 8; }
        }
        void Emettre(int code)
        {
            Ecrire(code);
            emis++;
            // The reader's table after this code: 258 entries, plus one per code but the first.
            if (258 + emis - 1 + 1 >= 1 << largeur && largeur < 12) largeur++;
        }
        var table = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < 256; i++) table[((char)i).ToString()] = i;
        var suivant = 258;
        Ecrire(256);
        var w = "";
        foreach (var b in d)
        {
            var wc = w + (char)b;
            if (table.ContainsKey(wc)) { w = wc; continue; }
            Emettre(table[w]);
            if (suivant < 4096) table[wc] = suivant++;
            w = ((char)b).ToString();
        }
        if (w.Length > 0) Emettre(table[w]);
        Ecrire(257);
        if (nbBits > 0) sortie.Add((byte)(tampon << (8 - nbBits)));
        return [.. sortie];
    }

    /// <summary>PNG predictor « Up » (filter 2) on rows of <paramref name="colonnes"/> bytes, as /Predictor 12 writes them.</summary>
    private static byte[] PredicteurPng(byte[] d, int colonnes)
    {
        var sortie = new List<byte>();
        var precedente = new byte[colonnes];
        for (var i = 0; i < d.Length; i += colonnes)
        {
            var ligne = new byte[colonnes];
            d.AsSpan(i, Math.Min(colonnes, d.Length - i)).CopyTo(ligne);
            sortie.Add(2);
            for (var k = 0; k < colonnes; k++) sortie.Add((byte)(ligne[k] - precedente[k]));
            precedente = ligne;
        }
        return [.. sortie];
    }

    public static TheoryData<string, string> Chaines() => new()
    {
        { "/ASCIIHexDecode", "AHx" },
        { "/AHx", "AHx" },
        { "/ASCII85Decode", "A85" },
        { "/LZWDecode", "LZW" },
        { "/RunLengthDecode", "RL" },
        { "[/FlateDecode /FlateDecode]", "Fl Fl" },
        { "[/ASCIIHexDecode /FlateDecode]", "AHx Fl" },
        { "[/ASCII85Decode /FlateDecode]", "A85 Fl" },
        { "[/ASCII85Decode /LZWDecode /RunLengthDecode]", "A85 LZW RL" },
        { "[/A#53CIIHexDecode /Fl#61teDecode /FlateDecode]", "AHx Fl Fl" },
    };

    /// <summary>Every standard filter, and chains of them, is decoded before the active-content check; the same chain of an innocent content passes.</summary>
    [Theory]
    [MemberData(nameof(Chaines))]
    public void Le_javascript_cache_derriere_chaque_filtre_et_chaque_chaine_est_refuse(string filtre, string encodages)
    {
        byte[] Encoder(byte[] contenu)
        {
            // The file holds the data encoded in the reverse order of the filters the reader applies.
            foreach (var e in encodages.Split(' ').Reverse())
            {
                contenu = e switch
                {
                    "AHx" => AsciiHex(contenu), "A85" => Ascii85(contenu), "LZW" => Lzw(contenu), "RL" => RunLength(contenu),
                    _ => Logis.Tests.Infrastructure.ImagesDeTest.Zlib(contenu),
                };
            }
            return contenu;
        }
        Assert.Equal(GardePdf.MotifContenuActif, GardePdf.Erreur(Pdf("", Encoder(Piege), filtre, "null")));
        Assert.Null(GardePdf.Erreur(Pdf("", Encoder("4 0 obj << /Type /Page /Contents 6 0 R >> endobj BT (Avis) Tj ET"u8.ToArray()), filtre, "null")));
    }

    [Fact]
    public void Le_javascript_derriere_une_chaine_de_filtres_en_objet_indirect_est_refuse()
    {
        var flux = Logis.Tests.Infrastructure.ImagesDeTest.Zlib(AsciiHex(Piege));
        var pdf = Pdf("", flux, "19 0 R", "null").Concat("19 0 obj\n[/FlateDecode /ASCIIHexDecode]\nendobj\n"u8.ToArray()).ToArray();
        Assert.Equal(GardePdf.MotifContenuActif, GardePdf.Erreur(pdf));
    }

    [Fact]
    public void Le_javascript_derriere_un_predicteur_png_est_refuse()
    {
        var flux = Logis.Tests.Infrastructure.ImagesDeTest.Zlib(PredicteurPng(Piege, 8));
        // The predicted bytes no longer hold the names: only the decoded rows do.
        Assert.DoesNotContain("JavaScript", Encoding.ASCII.GetString(PredicteurPng(Piege, 8)), StringComparison.Ordinal);
        Assert.Equal(GardePdf.MotifContenuActif, GardePdf.Erreur(Pdf("", flux, "/FlateDecode", "<< /Predictor 12 /Columns 8 >>")));
    }

    [Theory]
    [InlineData("/OpenAction << /S /URI /URI (http://exemple.invalid) >>")]
    [InlineData("/OpenAction << /S /GoToR /F (autre.pdf) /D [0 /Fit] >>")]
    [InlineData("/AA << /O 7 0 R >>")]
    [InlineData("/AcroForm << /Fields [] >>")]
    [InlineData("/Names << /EmbeddedFiles << /Names [(a) << /Type /EmbeddedFile >>] >> >>")]
    [InlineData("/RichMedia 8 0 R")]
    public void Liens_actions_automatiques_formulaires_et_fichiers_joints_sont_refuses(string corps)
    {
        Assert.Equal(GardePdf.MotifContenuActif, GardePdf.Erreur(Pdf(corps)));
        // The same hidden in an object stream behind two filters.
        var objets = Logis.Tests.Infrastructure.ImagesDeTest.Zlib(Encoding.ASCII.GetBytes(AsciiHexTexte($"9 0 obj << {corps} >> endobj")));
        Assert.Equal(GardePdf.MotifContenuActif, GardePdf.Erreur(Pdf("", objets, "[/FlateDecode /ASCIIHexDecode]", "null")));
    }

    private static string AsciiHexTexte(string texte) => Encoding.ASCII.GetString(AsciiHex(Encoding.ASCII.GetBytes(texte)));

    [Fact]
    public void Une_bombe_en_double_flate_est_refusee()
    {
        // 40 MB of zeros, compressed twice: a few hundred bytes in the file.
        using var zeros = new MemoryStream();
        using (var z = new ZLibStream(zeros, CompressionLevel.SmallestSize))
        {
            var bloc = new byte[1 << 20];
            for (var i = 0; i < 40; i++) z.Write(bloc);
        }
        var double_ = Logis.Tests.Infrastructure.ImagesDeTest.Zlib(zeros.ToArray());
        var pdf = Pdf("", double_, "[/FlateDecode /FlateDecode]", "null");
        Assert.True(pdf.Length < 10_000, $"{pdf.Length}");
        Assert.Equal(GardePdf.MotifBombe, GardePdf.Erreur(pdf));
        Assert.Equal(GardePdf.MotifBombe, FichierPiece.Verifier("bombe.pdf", pdf, ReglesDepot.ParDefaut).Erreurs.Single());
        // The same through run-length: 128 bytes out per 2 in.
        var rl = Enumerable.Repeat(new byte[] { 129, 0 }, 200_000).SelectMany(x => x).ToArray();
        Assert.Equal(GardePdf.MotifBombe, GardePdf.Erreur(Pdf("", Logis.Tests.Infrastructure.ImagesDeTest.Zlib(rl), "[/FlateDecode /RunLengthDecode]", "null")));
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
