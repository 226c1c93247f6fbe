using System.Security.Cryptography;
using System.Text;

namespace Logis.Persistence.Acces;

/// <summary>Password hashing (PBKDF2-SHA256, 210 000 iterations, per-user salt) and API-key fingerprints.</summary>
public static class Secrets
{
    private const int Iterations = 210_000;
    private const int TailleSel = 16;
    private const int TailleHash = 32;

    public static string HacherMotDePasse(string motDePasse)
    {
        var sel = RandomNumberGenerator.GetBytes(TailleSel);
        var hash = Rfc2898DeriveBytes.Pbkdf2(motDePasse, sel, Iterations, HashAlgorithmName.SHA256, TailleHash);
        return $"pbkdf2-sha256${Iterations}${Convert.ToBase64String(sel)}${Convert.ToBase64String(hash)}";
    }

    public static bool VerifierMotDePasse(string motDePasse, string stocke)
    {
        var parts = stocke.Split('$');
        if (parts.Length != 4 || parts[0] != "pbkdf2-sha256" || !int.TryParse(parts[1], out var iterations)) return false;
        var sel = Convert.FromBase64String(parts[2]);
        var attendu = Convert.FromBase64String(parts[3]);
        var hash = Rfc2898DeriveBytes.Pbkdf2(motDePasse, sel, iterations, HashAlgorithmName.SHA256, attendu.Length);
        return CryptographicOperations.FixedTimeEquals(hash, attendu);
    }

    /// <summary>A session security stamp: 128 random bits, in hexadecimal.</summary>
    public static string NouveauTampon() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string EmpreinteCleApi(string cle) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(cle)));
}
