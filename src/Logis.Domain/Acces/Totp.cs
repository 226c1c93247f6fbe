using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Logis.Domain.Acces;

/// <summary>
/// Time-based one-time passwords (RFC 6238 over HOTP, RFC 4226): HMAC-SHA1, 30-second steps from the Unix epoch, 6 digits —
/// what every authenticator application reads from an <c>otpauth://totp/</c> secret. The instant is given by the caller.
/// </summary>
public static class Totp
{
    public const int Chiffres = 6;
    public static readonly TimeSpan Pas = TimeSpan.FromSeconds(30);

    /// <summary>Steps accepted either side of the present one (clock drift of the phone): one, as RFC 6238 §5.2 suggests.</summary>
    public const int Tolerance = 1;

    private const string AlphabetBase32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>The step number of an instant: whole 30-second periods since 1970-01-01T00:00:00Z.</summary>
    public static long PasDe(DateTimeOffset instant) => instant.ToUnixTimeSeconds() / (long)Pas.TotalSeconds;

    /// <summary>The HOTP value of <paramref name="secret"/> at step <paramref name="pas"/> (RFC 4226 §5.3, dynamic truncation).</summary>
    public static string Code(byte[] secret, long pas, int chiffres = Chiffres)
    {
        ArgumentNullException.ThrowIfNull(secret);
        Span<byte> compteur = stackalloc byte[8];
        for (var i = 7; i >= 0; i--, pas >>= 8) compteur[i] = (byte)(pas & 0xff);
        Span<byte> mac = stackalloc byte[20];
#pragma warning disable CA5350 // HMAC-SHA1 is what RFC 6238 and the authenticator applications use; HMAC keeps it sound.
        using (var hmac = new HMACSHA1(secret)) hmac.TryComputeHash(compteur, mac, out _);
#pragma warning restore CA5350
        var decalage = mac[19] & 0x0f;
        var binaire = ((mac[decalage] & 0x7f) << 24) | (mac[decalage + 1] << 16) | (mac[decalage + 2] << 8) | mac[decalage + 3];
        var modulo = (int)Math.Pow(10, chiffres);
        return (binaire % modulo).ToString(CultureInfo.InvariantCulture).PadLeft(chiffres, '0');
    }

    /// <summary>
    /// The step at which <paramref name="code"/> is valid around <paramref name="instant"/> (within <see cref="Tolerance"/>), or
    /// null. The caller refuses a step not later than the last one accepted (a code serves once).
    /// </summary>
    public static long? Verifier(byte[] secret, string code, DateTimeOffset instant)
    {
        var saisi = (code ?? "").Replace(" ", "", StringComparison.Ordinal);
        if (saisi.Length != Chiffres || !saisi.All(char.IsAsciiDigit)) return null;
        var present = PasDe(instant);
        for (var d = -Tolerance; d <= Tolerance; d++)
        {
            var attendu = Code(secret, present + d);
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(attendu), Encoding.ASCII.GetBytes(saisi))) return present + d;
        }
        return null;
    }

    /// <summary>Base32 (RFC 4648, no padding), the form in which the secret is shown and typed into the application.</summary>
    public static string Base32(byte[] octets)
    {
        ArgumentNullException.ThrowIfNull(octets);
        var texte = new StringBuilder();
        int tampon = 0, bits = 0;
        foreach (var o in octets)
        {
            tampon = (tampon << 8) | o;
            bits += 8;
            while (bits >= 5)
            {
                texte.Append(AlphabetBase32[(tampon >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) texte.Append(AlphabetBase32[(tampon << (5 - bits)) & 31]);
        return texte.ToString();
    }

    public static byte[] DepuisBase32(string texte)
    {
        ArgumentNullException.ThrowIfNull(texte);
        var octets = new List<byte>();
        int tampon = 0, bits = 0;
        foreach (var c in texte.ToUpperInvariant().Where(c => c is not (' ' or '=')))
        {
            var v = AlphabetBase32.IndexOf(c, StringComparison.Ordinal);
            if (v < 0) throw new FormatException($"« {c} » n'est pas un caractère base32.");
            tampon = (tampon << 5) | v;
            bits += 5;
            if (bits >= 8)
            {
                octets.Add((byte)((tampon >> (bits - 8)) & 0xff));
                bits -= 8;
            }
        }
        return [.. octets];
    }

    /// <summary>The address an authenticator application reads (typed or scanned): issuer « Logis », the account's identifier.</summary>
    public static string AdresseOtpauth(string secretBase32, string identifiant) =>
        $"otpauth://totp/Logis:{Uri.EscapeDataString(identifiant)}?secret={secretBase32}&issuer=Logis&algorithm=SHA1&digits={Chiffres}&period={(int)Pas.TotalSeconds}";
}

/// <summary>Who must give a second factor after the password: the agents of the EPCI and the administrators (README « Sécurité »).</summary>
public static class SecondFacteur
{
    public static bool Exige(Role role) => role is Role.AgentEpci or Role.Administrateur;
}
