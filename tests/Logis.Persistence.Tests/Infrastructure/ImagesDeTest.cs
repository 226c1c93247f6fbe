using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Logis.Tests.Infrastructure;

/// <summary>Small valid PNG and JPEG files built by the tests (no binary fixture): any dimensions, the pixel data chosen by the test.</summary>
public static class ImagesDeTest
{
    /// <summary>A greyscale 8-bit PNG of that size, all black, its IDAT the zlib of the raw rows (or of <paramref name="donnees"/>).</summary>
    public static byte[] Png(int largeur = 1, int hauteur = 1, byte[]? donnees = null)
    {
        var brut = donnees ?? new byte[(largeur + 1L) * hauteur];
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)largeur);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)hauteur);
        ihdr[8] = 8; // depth
        using var sortie = new MemoryStream();
        sortie.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Morceau(sortie, "IHDR", ihdr);
        Morceau(sortie, "IDAT", Zlib(brut));
        Morceau(sortie, "IEND", []);
        return sortie.ToArray();
    }

    /// <summary>The head of a baseline JPEG of that size: SOI, APP0 (JFIF), SOF0 with one component, EOI (enough for a header check).</summary>
    public static byte[] Jpeg(int largeur = 1, int hauteur = 1) =>
    [
        0xFF, 0xD8,
        0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
        0xFF, 0xC0, 0x00, 0x0B, 0x08, (byte)(hauteur >> 8), (byte)hauteur, (byte)(largeur >> 8), (byte)largeur, 0x01, 0x01, 0x11, 0x00,
        0xFF, 0xD9,
    ];

    public static byte[] Zlib(byte[] donnees)
    {
        using var sortie = new MemoryStream();
        using (var z = new ZLibStream(sortie, CompressionLevel.SmallestSize)) z.Write(donnees);
        return sortie.ToArray();
    }

    private static void Morceau(Stream sortie, string type, byte[] donnees)
    {
        Span<byte> longueur = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(longueur, (uint)donnees.Length);
        sortie.Write(longueur);
        var corps = Encoding.ASCII.GetBytes(type).Concat(donnees).ToArray();
        sortie.Write(corps);
        BinaryPrimitives.WriteUInt32BigEndian(longueur, Crc32(corps));
        sortie.Write(longueur);
    }

    private static uint Crc32(byte[] octets)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in octets)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
