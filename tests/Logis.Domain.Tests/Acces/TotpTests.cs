using System.Text;
using Logis.Domain.Acces;

namespace Logis.Domain.Tests.Acces;

public class TotpTests
{
    private static readonly byte[] SecretRfc = Encoding.ASCII.GetBytes("12345678901234567890");

    /// <summary>RFC 6238, appendix B (SHA-1, 8 digits).</summary>
    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Les_vecteurs_de_la_rfc_6238(long secondes, string attendu) =>
        Assert.Equal(attendu, Totp.Code(SecretRfc, Totp.PasDe(DateTimeOffset.FromUnixTimeSeconds(secondes)), 8));

    [Fact]
    public void Six_chiffres_par_defaut_et_un_pas_de_tolerance_de_chaque_cote()
    {
        var instant = DateTimeOffset.FromUnixTimeSeconds(59);
        Assert.Equal("287082", Totp.Code(SecretRfc, Totp.PasDe(instant)));
        Assert.Equal(1L, Totp.Verifier(SecretRfc, "287082", instant));
        Assert.Equal(1L, Totp.Verifier(SecretRfc, "287 082", instant.AddSeconds(30)));
        Assert.Null(Totp.Verifier(SecretRfc, "287082", instant.AddSeconds(61)));
        Assert.Null(Totp.Verifier(SecretRfc, "28708", instant));
        Assert.Null(Totp.Verifier(SecretRfc, "abcdef", instant));
    }

    [Fact]
    public void Le_secret_s_ecrit_en_base32()
    {
        Assert.Equal("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", Totp.Base32(SecretRfc));
        Assert.Equal(SecretRfc, Totp.DepuisBase32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq"));
        Assert.Throws<FormatException>(() => Totp.DepuisBase32("GEZ1"));
        Assert.Equal("otpauth://totp/Logis:epci%40tpm.demo?secret=ABC&issuer=Logis&algorithm=SHA1&digits=6&period=30", Totp.AdresseOtpauth("ABC", "epci@tpm.demo"));
    }
}
