using Logis.Domain.Pieces;
using Logis.Tests.Infrastructure;

namespace Logis.Domain.Tests.Pieces;

/// <summary>Image bombs: dimensions read from the header, PNG data inflating beyond its dimensions; ordinary images pass.</summary>
public class GardeImageTests
{
    [Fact]
    public void Une_image_ordinaire_passe_et_ses_dimensions_sont_lues_dans_l_en_tete()
    {
        var scan = ImagesDeTest.Png(2480, 3508); // A4 at 300 dpi
        Assert.Null(GardeImage.Erreur(FormatPiece.Png, scan));
        Assert.Equal((2480, 3508), GardeImage.Dimensions(FormatPiece.Png, scan));
        Assert.True(FichierPiece.Verifier("scan.png", scan, ReglesDepot.ParDefaut).EstReussi);
        var photo = ImagesDeTest.Jpeg(4032, 3024);
        Assert.Null(GardeImage.Erreur(FormatPiece.Jpeg, photo));
        Assert.Equal((4032, 3024), GardeImage.Dimensions(FormatPiece.Jpeg, photo));
    }

    [Fact]
    public void Une_image_de_20000_pixels_de_cote_est_refusee_sans_etre_decodee()
    {
        // 20 000 × 20 000 in 8-bit grey: 400 MB of pixels announced by a small file (its data is never inflated).
        var png = ImagesDeTest.Png(20_000, 20_000, new byte[4096]);
        var refus = FichierPiece.Verifier("bombe.png", png, ReglesDepot.ParDefaut);
        Assert.Equal(GardeImage.MotifDimensions(20_000, 20_000), refus.Erreurs.Single());
        Assert.Contains("20\u00A0000 × 20\u00A0000 pixels", refus.Erreurs.Single(), StringComparison.Ordinal);
        Assert.Equal(GardeImage.MotifDimensions(20_000, 20_000), GardeImage.Erreur(FormatPiece.Jpeg, ImagesDeTest.Jpeg(20_000, 20_000)));
        // A thin strip is refused by its side, a big square by its area.
        Assert.NotNull(GardeImage.Erreur(FormatPiece.Jpeg, ImagesDeTest.Jpeg(60_000, 10)));
        Assert.NotNull(GardeImage.Erreur(FormatPiece.Jpeg, ImagesDeTest.Jpeg(9_000, 9_000)));
    }

    [Fact]
    public void Un_png_dont_les_donnees_depassent_ses_dimensions_est_refuse()
    {
        // A 100 × 100 image (10 100 raw bytes) whose compressed data inflates to 20 MB.
        var png = ImagesDeTest.Png(100, 100, new byte[20 * 1024 * 1024]);
        Assert.Equal(GardeImage.MotifBombe, FichierPiece.Verifier("bombe.png", png, ReglesDepot.ParDefaut).Erreurs.Single());
        Assert.Null(GardeImage.Erreur(FormatPiece.Png, ImagesDeTest.Png(100, 100)));
    }

    [Fact]
    public void Une_image_sans_en_tete_lisible_est_refusee()
    {
        byte[] pngTronque = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R'];
        Assert.Equal(GardeImage.MotifIllisible(FormatPiece.Png), GardeImage.Erreur(FormatPiece.Png, pngTronque));
        byte[] jpegSansTrame = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0xFF, 0xD9];
        Assert.Equal(GardeImage.MotifIllisible(FormatPiece.Jpeg), GardeImage.Erreur(FormatPiece.Jpeg, jpegSansTrame));
        Assert.Contains("image JPEG est illisible", GardeImage.MotifIllisible(FormatPiece.Jpeg), StringComparison.Ordinal);
    }
}
