using Logis.Persistence.Cotation;

namespace Logis.Persistence.Tests;

/// <summary>
/// The binary COPY writer of the batch rescoring writes exactly PostgreSQL's format (the PostgreSQL tests of
/// <c>RecalculCotationTests</c> then have the server read it).
/// </summary>
public class CopieBinaireTests
{
    [Fact]
    public void L_ecrivain_produit_le_format_binaire_de_copy_octet_pour_octet()
    {
        using var sortie = new MemoryStream();
        // A buffer smaller than the data: the rows cross several flushes.
        var ecrivain = new EcrivainCopieBinaire(sortie, taille: 24);
        var id = Guid.Parse("01234567-89ab-cdef-0123-456789abcdef");
        for (var i = 0; i < 3; i++)
        {
            ecrivain.Ligne(4);
            ecrivain.Uuid(id);
            ecrivain.UInt32(0xFFFFFFFE);
            ecrivain.Int32(-2);
            ecrivain.Int16(258);
        }
        ecrivain.Terminer();

        byte[] entete = [.. "PGCOPY\n"u8, 0xFF, .. "\r\n"u8, 0, 0, 0, 0, 0, 0, 0, 0, 0];
        byte[] ligne =
        [
            0, 4,
            0, 0, 0, 16, 0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF, 0x01, 0x23, 0x45, 0x67, 0x89, 0xAB, 0xCD, 0xEF,
            0, 0, 0, 4, 0xFF, 0xFF, 0xFF, 0xFE,
            0, 0, 0, 4, 0xFF, 0xFF, 0xFF, 0xFE,
            0, 0, 0, 2, 0x01, 0x02,
        ];
        Assert.Equal([.. entete, .. ligne, .. ligne, .. ligne, 0xFF, 0xFF], sortie.ToArray());
    }
}
