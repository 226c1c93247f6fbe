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

    [Fact]
    public void En_memoire_les_lignes_seules_avec_dates_horodatages_textes_json_et_nuls_puis_effacees()
    {
        var ecrivain = new EcrivainCopieBinaire(capacite: 8);
        using var json = new System.Text.Json.Utf8JsonWriter(ecrivain);
        for (var tour = 0; tour < 2; tour++)
        {
            ecrivain.Effacer();
            ecrivain.Ligne(7);
            ecrivain.Date(new DateOnly(2000, 1, 2));
            ecrivain.Horodatage(new DateTimeOffset(2000, 1, 1, 1, 0, 1, TimeSpan.FromHours(1)).AddTicks(19));
            ecrivain.Booleen(true);
            ecrivain.Texte("é");
            ecrivain.Octets([7, 8]);
            ecrivain.Nul();
            ecrivain.Json(json, 42, (w, v) => w.WriteNumberValue(v));
        }

        byte[] attendu =
        [
            0, 7,
            0, 0, 0, 4, 0, 0, 0, 1,
            // 00:00:01 UTC and 1.9 µs: microseconds since 2000-01-01 UTC, truncated.
            0, 0, 0, 8, 0, 0, 0, 0, 0, 0x0F, 0x42, 0x41,
            0, 0, 0, 1, 1,
            0, 0, 0, 2, 0xC3, 0xA9,
            0, 0, 0, 2, 7, 8,
            0xFF, 0xFF, 0xFF, 0xFF,
            0, 0, 0, 2, (byte)'4', (byte)'2',
        ];
        Assert.Equal(attendu, ecrivain.Lignes.ToArray());
    }
}
