using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace Logis.Domain.Pieces;

/// <summary>
/// A guard against image bombs (docs/protection-des-donnees.md §2 item 31), applied to every PNG and JPEG piece before it is stored:
/// whoever opens the piece (an agent's browser or viewer) decodes it whole. Refused:
/// <list type="bullet">
/// <item>dimensions beyond <see cref="PixelsMaximum"/> pixels or <see cref="CoteMaximum"/> pixels a side, read from the header
/// (PNG <c>IHDR</c>; JPEG frame header <c>SOFn</c>) without decoding the image — a 20 000 × 20 000 image is refused;</item>
/// <item>a PNG whose compressed data (<c>IDAT</c>) inflates beyond what its dimensions announce, or beyond
/// <see cref="DonneesMaximum"/>;</item>
/// <item>an image whose header cannot be read.</item>
/// </list>
/// </summary>
public static class GardeImage
{
    /// <summary>60 million pixels: an A4 page scanned at 600 dpi is 35 million (a team choice).</summary>
    public const long PixelsMaximum = 60_000_000;

    public const int CoteMaximum = 16_384;

    /// <summary>The most raw image data a PNG may inflate to.</summary>
    public const long DonneesMaximum = 256L * 1024 * 1024;

    /// <summary>A count with a no-break space between thousands (« 20 000 »), the same on every platform.</summary>
    private static string Nombre(long n) => n.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', '\u00A0');

    public const string MotifBombe =
        "L'image PNG contient des données compressées qui dépassent ce que ses dimensions annoncent (bombe de décompression) : elle est refusée.";

    public static string MotifDimensions(long largeur, long hauteur) =>
        $"L'image mesure {Nombre(largeur)} × {Nombre(hauteur)} pixels : une pièce ne doit pas dépasser {Nombre(PixelsMaximum / 1_000_000)} millions de pixels " +
        $"ni {Nombre(CoteMaximum)} pixels de côté. Numérisez-la de nouveau à 300 ppp, puis déposez ce nouveau fichier.";

    public static string MotifIllisible(FormatPiece format) =>
        $"L'{(format == FormatPiece.Png ? "image PNG" : "image JPEG")} est illisible (en-tête absent ou invalide) : enregistrez-la de nouveau " +
        "depuis votre logiciel, puis déposez-la.";

    /// <summary>Why this image is refused, or null.</summary>
    public static string? Erreur(FormatPiece format, ReadOnlySpan<byte> image) => format switch
    {
        FormatPiece.Png => ErreurPng(image),
        FormatPiece.Jpeg => ErreurJpeg(image),
        _ => null,
    };

    /// <summary>The dimensions of a PNG or JPEG read from its header, or null.</summary>
    public static (int Largeur, int Hauteur)? Dimensions(FormatPiece format, ReadOnlySpan<byte> image) => format switch
    {
        FormatPiece.Png => EntetePng(image) is { } e ? (e.Largeur, e.Hauteur) : null,
        FormatPiece.Jpeg => DimensionsJpeg(image),
        _ => null,
    };

    private static string? Trop(long largeur, long hauteur) =>
        largeur > CoteMaximum || hauteur > CoteMaximum || largeur * hauteur > PixelsMaximum ? MotifDimensions(largeur, hauteur) : null;

    private sealed record EnTetePng(int Largeur, int Hauteur, int Profondeur, int TypeCouleur, bool Entrelacee);

    /// <summary>The IHDR chunk, first after the signature (PNG specification §11.2.2), with a valid depth and colour type.</summary>
    private static EnTetePng? EntetePng(ReadOnlySpan<byte> png)
    {
        if (png.Length < 8 + 8 + 13 || BinaryPrimitives.ReadUInt32BigEndian(png[8..]) != 13 || !png.Slice(12, 4).SequenceEqual("IHDR"u8)) return null;
        var largeur = BinaryPrimitives.ReadUInt32BigEndian(png[16..]);
        var hauteur = BinaryPrimitives.ReadUInt32BigEndian(png[20..]);
        int profondeur = png[24], type = png[25];
        var valide = type switch
        {
            0 => profondeur is 1 or 2 or 4 or 8 or 16,
            3 => profondeur is 1 or 2 or 4 or 8,
            2 or 4 or 6 => profondeur is 8 or 16,
            _ => false,
        };
        if (!valide || largeur == 0 || hauteur == 0 || largeur > int.MaxValue || hauteur > int.MaxValue) return null;
        return new EnTetePng((int)largeur, (int)hauteur, profondeur, type, png[28] == 1);
    }

    private static string? ErreurPng(ReadOnlySpan<byte> png)
    {
        if (EntetePng(png) is not { } e) return MotifIllisible(FormatPiece.Png);
        if (Trop(e.Largeur, e.Hauteur) is { } trop) return trop;
        var canaux = e.TypeCouleur switch { 2 => 3, 4 => 2, 6 => 4, _ => 1 };
        // Raw data: one filter byte per row; an interlaced image has up to 7 passes, each with its own rows.
        var ligne = ((long)e.Largeur * canaux * e.Profondeur + 7) / 8;
        var attendu = (ligne + 1) * e.Hauteur + (e.Entrelacee ? 7L * (e.Hauteur + 1) * 2 : 0);
        if (attendu > DonneesMaximum) return MotifDimensions(e.Largeur, e.Hauteur);
        // The IDAT chunks, in order, make one zlib stream.
        using var idat = new MemoryStream();
        var i = 8;
        while (i + 12 <= png.Length)
        {
            var longueur = BinaryPrimitives.ReadUInt32BigEndian(png[i..]);
            if (longueur > (uint)(png.Length - i - 12)) break;
            var type = png.Slice(i + 4, 4);
            if (type.SequenceEqual("IDAT"u8)) idat.Write(png.Slice(i + 8, (int)longueur));
            else if (type.SequenceEqual("IEND"u8)) break;
            i += 12 + (int)longueur;
        }
        idat.Position = 0;
        using var flux = new ZLibStream(idat, CompressionMode.Decompress);
        var tampon = new byte[1 << 16];
        long total = 0;
        try
        {
            int n;
            while ((n = flux.Read(tampon)) > 0)
            {
                total += n;
                if (total > attendu) return MotifBombe;
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException)
        {
            // Broken compressed data: a viewer shows what inflated; its size is what matters here.
        }
        return null;
    }

    /// <summary>The frame header (SOF0 to SOF15 but DHT, JPG and DAC), found by walking the segments from the start.</summary>
    private static (int Largeur, int Hauteur)? DimensionsJpeg(ReadOnlySpan<byte> jpeg)
    {
        var i = 2;
        while (i + 4 <= jpeg.Length)
        {
            if (jpeg[i] != 0xFF) return null;
            var marqueur = jpeg[i + 1];
            if (marqueur == 0xFF) { i++; continue; }
            if (marqueur is 0x01 or >= 0xD0 and <= 0xD8) { i += 2; continue; }
            if (marqueur is 0xD9 or 0xDA) return null; // end of image or start of scan before any frame header
            var longueur = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(i + 2)..]);
            if (longueur < 2) return null;
            if (marqueur is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC)
            {
                if (longueur < 7 || i + 9 > jpeg.Length) return null;
                int hauteur = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(i + 5)..]), largeur = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(i + 7)..]);
                return hauteur == 0 || largeur == 0 ? null : (largeur, hauteur);
            }
            i += 2 + longueur;
        }
        return null;
    }

    private static string? ErreurJpeg(ReadOnlySpan<byte> jpeg) =>
        DimensionsJpeg(jpeg) is { } d ? Trop(d.Largeur, d.Hauteur) : MotifIllisible(FormatPiece.Jpeg);
}
