using System.Collections.Frozen;
using System.Reflection;

namespace Logis.Application.Acces;

/// <summary>
/// A list of passwords seen in data breaches, asked on each new password (docs/protection-des-donnees.md §2 point 27): true when the
/// password is known there, false when it is not, null when the source could not answer (then the bundled list alone decides).
/// </summary>
public interface ISourceFuites
{
    Task<bool?> CompromisAsync(string motDePasse, CancellationToken ct);
}

/// <summary>
/// The one password rule of Logis, for agents and applicants alike (docs/protection-des-donnees.md §2 points 27–28, ANSSI and
/// CNIL recommendations): a length from a minimum (12, 16 for an administrator) to 256, three kinds of characters out of four, and
/// not a common or breached password — checked against the bundled list (offline, read once) and, when
/// <c>Logis:MotsDePasse:ApiFuites</c> is set, against a breach list asked by k-anonymity (<see cref="ISourceFuites"/>).
/// </summary>
public sealed class RegleMotsDePasse(IEnumerable<ISourceFuites> sources)
{
    public const int LongueurMax = 256;

    public const string MessageCourant =
        "Le nouveau mot de passe est trop courant ou a déjà circulé après le piratage d'un site : choisissez-en un autre, par exemple "
        + "une courte phrase de plusieurs mots.";

    /// <summary>The bundled list (<c>mots-de-passe-courants.txt</c>, lower case, sorted), read once.</summary>
    private static readonly Lazy<FrozenSet<string>> Liste = new(Lire);

    public static int NombreCourants => Liste.Value.Count;

    /// <summary>Null when the password follows the rule, else the French message saying what to change.</summary>
    public async Task<string?> VerifierAsync(string motDePasse, int minimum, CancellationToken ct)
    {
        if (Composition(motDePasse, minimum) is { } regle) return regle;
        if (Courant(motDePasse)) return MessageCourant;
        foreach (var source in sources)
            if (await source.CompromisAsync(motDePasse, ct) == true) return MessageCourant;
        return null;
    }

    /// <summary>Length and mixed kinds: null when it holds.</summary>
    public static string? Composition(string motDePasse, int minimum)
    {
        if (motDePasse.Length < minimum || motDePasse.Length > LongueurMax)
            return $"Le nouveau mot de passe doit compter de {minimum} à {LongueurMax} caractères.";
        var sortes = new[] { motDePasse.Any(char.IsLower), motDePasse.Any(char.IsUpper), motDePasse.Any(char.IsDigit),
            motDePasse.Any(c => !char.IsLetterOrDigit(c)) }.Count(x => x);
        return sortes >= 3 ? null
            : "Le nouveau mot de passe doit mêler au moins trois sortes de caractères parmi : minuscules, majuscules, chiffres, autres signes.";
    }

    /// <summary>
    /// Whether the password is in the bundled list, whatever its case, or is a listed word dressed up to pass the composition rule:
    /// digits and signs added before or after it (« Soleil2024! », « !!Password123 ») — the commonest way of doing so, which
    /// guessing tools try first.
    /// </summary>
    public static bool Courant(string motDePasse)
    {
        var minuscules = motDePasse.ToLowerInvariant();
        if (Liste.Value.Contains(minuscules)) return true;
        var debut = 0;
        var fin = minuscules.Length;
        while (debut < fin && !char.IsLetter(minuscules[debut])) debut++;
        while (fin > debut && !char.IsLetter(minuscules[fin - 1])) fin--;
        return fin - debut >= 4 && Liste.Value.Contains(minuscules[debut..fin]);
    }

    private static FrozenSet<string> Lire()
    {
        using var flux = Assembly.GetExecutingAssembly().GetManifestResourceStream("Logis.Application.Acces.mots-de-passe-courants.txt")
            ?? throw new InvalidOperationException("La liste des mots de passe courants manque à Logis.Application.");
        using var lecteur = new StreamReader(flux);
        var mots = new HashSet<string>(StringComparer.Ordinal);
        while (lecteur.ReadLine() is { } ligne)
            if (ligne.Length > 0 && !ligne.StartsWith('#')) mots.Add(ligne);
        return mots.ToFrozenSet(StringComparer.Ordinal);
    }
}
