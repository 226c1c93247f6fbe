using System.Globalization;
using System.Text;
using Logis.Domain.Commun;

namespace Logis.Domain.Demandes;

/// <summary>
/// Numéro d'inscription au répertoire (NIR, "numéro de sécurité sociale"), asked by CCH R441-2-2 a)
/// for the applicant and every adult (L442-12). It is optional in Logis: a demand without NIR is
/// created, renewed and ranked like any other.
/// <para>
/// Data protection: the NIR never prints itself. <see cref="ToString"/> shows only the last two
/// digits (the key); the full value is read through <see cref="ValeurComplete"/>, for storage only.
/// </para>
/// <para>
/// Checks: 13 characters + a 2-digit key, first digit 1, 2 (or 3, 4, 7, 8 for provisional numbers),
/// Corsican département 2A/2B allowed, key = 97 − (number mod 97) with 2A read as 19 and 2B as 18
/// (INSEE rule).
/// </para>
/// </summary>
public sealed record Nir
{
    private Nir(string valeur) => ValeurComplete = valeur;

    /// <summary>The 15 characters. Never display, log or export it (docs/protection-des-donnees.md §2, item 4).</summary>
    public string ValeurComplete { get; }

    /// <summary>Masked form, the only one shown in lists and screens: <c>*************NN</c>.</summary>
    public string Masque => new string('*', 13) + ValeurComplete[13..];

    public static bool TryCreate(string? saisie, out Nir nir)
    {
        nir = null!;
        if (saisie is null) return false;
        var s = new StringBuilder(15);
        foreach (var c in saisie)
        {
            if (c is ' ' or '.' or '-' or '\u00A0') continue;
            s.Append(char.ToUpperInvariant(c));
        }
        var texte = s.ToString();
        if (texte.Length != 15 || "123478".IndexOf(texte[0], StringComparison.Ordinal) < 0) return false;
        var departement = texte.Substring(5, 2);
        var corps = departement switch
        {
            "2A" => texte[..5] + "19" + texte[7..13],
            "2B" => texte[..5] + "18" + texte[7..13],
            _ => texte[..13],
        };
        if (!corps.All(char.IsAsciiDigit) || !texte[13..].All(char.IsAsciiDigit)) return false;
        var cle = int.Parse(texte.AsSpan(13, 2), CultureInfo.InvariantCulture);
        if (cle != Cle(corps)) return false;
        nir = new Nir(texte);
        return true;
    }

    public static Resultat<Nir> Creer(string? saisie) =>
        TryCreate(saisie, out var nir) ? Resultat.Ok(nir) : Resultat.Echec<Nir>("Le NIR saisi n'est pas valide (longueur, caractères ou clé).");

    /// <summary>The key of a 13-digit body: 97 − (body mod 97).</summary>
    public static int Cle(string corpsNumerique) =>
        97 - (int)(ulong.Parse(corpsNumerique, CultureInfo.InvariantCulture) % 97);

    public override string ToString() => Masque;
}
