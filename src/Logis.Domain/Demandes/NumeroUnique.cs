using System.Globalization;
using System.Text;
using Logis.Domain.Commun;

namespace Logis.Domain.Demandes;

/// <summary>
/// The numéro unique national of a demand (CCH R441-2-4 c), its legal identifier, in the structure of the national
/// registration system (SNE) that a système particulier must reproduce (arrêté du 23 mars 2015, annexe §3):
/// 18 characters written without separators, <c>TTT MMAA SSSSSS GGGGG</c> = territory code (3), month and year of the
/// first deposit (4), sequence number (6 digits) and code of the registering service (guichet enregistreur) that
/// registered the first demand (5). Example from the SNE's test data: <c>111 0318 016982 G1104</c>.
/// <para>
/// No check character is known (docs/sne-cerfa.md §1: every position is explained): a number is well formed when each
/// part is. A number given by the SNE or another système particulier is read as it is; Logis builds one only for the
/// demands its own registering services register.
/// </para>
/// </summary>
public sealed record NumeroUnique
{
    public const int Longueur = 18;
    public const int SequenceMaximum = 999_999;

    /// <summary>The code of the SNE's public online portal (« Guichet internet grand public »), docs/sne-cerfa.md §1.</summary>
    public const string GuichetPortailPublic = "GDPUB";

    private NumeroUnique(string valeur, string territoire, int mois, int annee, int sequence, string guichet)
    {
        Valeur = valeur;
        Territoire = territoire;
        Mois = mois;
        Annee = annee;
        Sequence = sequence;
        Guichet = guichet;
    }

    /// <summary>The canonical form, 18 characters without separators: <c>0830326000123G0001</c>…</summary>
    public string Valeur { get; }

    /// <summary>Territory code of the registration file (3 characters: <c>111</c> for Île-de-France).</summary>
    public string Territoire { get; }

    /// <summary>Month of the first deposit (1 to 12).</summary>
    public int Mois { get; }

    /// <summary>Two-digit year of the first deposit (26 for 2026).</summary>
    public int Annee { get; }

    /// <summary>Sequence number within the territory and the month of first deposit.</summary>
    public int Sequence { get; }

    /// <summary>Code of the registering service that registered the first demand (<c>G1104</c>, <c>GDPUB</c>).</summary>
    public string Guichet { get; }

    /// <summary>The number written in its four parts, as on the SNE's attestations: <c>111 0318 016982 G1104</c>.</summary>
    public string Lisible => $"{Valeur[..3]} {Valeur[3..7]} {Valeur[7..13]} {Valeur[13..]}";

    /// <summary>Whether the month and year of the number are those of <paramref name="premierDepot"/>.</summary>
    public bool CorrespondAuDepot(DateOnly premierDepot) => premierDepot.Month == Mois && premierDepot.Year % 100 == Annee;

    /// <summary>Builds the number of the n-th demand first deposited in <paramref name="premierDepot"/>'s month in a territory.</summary>
    public static Resultat<NumeroUnique> Creer(string territoire, DateOnly premierDepot, int sequence, string guichet)
    {
        var t = territoire?.Trim().ToUpperInvariant() ?? "";
        var g = guichet?.Trim().ToUpperInvariant() ?? "";
        if (!CodeTerritoireValide(t))
            return Resultat.Echec<NumeroUnique>($"Le code de territoire « {territoire} » est invalide : 3 chiffres ou lettres majuscules.");
        if (!CodeGuichetValide(g))
            return Resultat.Echec<NumeroUnique>($"Le code du guichet enregistreur « {guichet} » est invalide : 5 chiffres ou lettres majuscules.");
        if (premierDepot.Year is < 2000 or > 2099)
            return Resultat.Echec<NumeroUnique>($"Année de dépôt {premierDepot.Year} hors de la plage 2000–2099.");
        if (sequence is < 1 or > SequenceMaximum)
            return Resultat.Echec<NumeroUnique>($"Le numéro d'ordre doit être compris entre 1 et {SequenceMaximum}.");
        var valeur = string.Create(CultureInfo.InvariantCulture, $"{t}{premierDepot.Month:00}{premierDepot.Year % 100:00}{sequence:000000}{g}");
        return Resultat.Ok(new NumeroUnique(valeur, t, premierDepot.Month, premierDepot.Year % 100, sequence, g));
    }

    /// <summary>Reads a number typed by an agent or an applicant, or read from a file: spaces and hyphens are ignored, letters may be lower case.</summary>
    public static bool TryParse(string? saisie, out NumeroUnique numero)
    {
        numero = null!;
        var texte = Normaliser(saisie);
        if (texte is not { Length: Longueur }) return false;
        var territoire = texte[..3];
        var guichet = texte[13..];
        if (!CodeTerritoireValide(territoire) || !CodeGuichetValide(guichet)) return false;
        for (var i = 3; i < 13; i++)
        {
            if (!char.IsAsciiDigit(texte[i])) return false;
        }
        var mois = int.Parse(texte.AsSpan(3, 2), CultureInfo.InvariantCulture);
        var annee = int.Parse(texte.AsSpan(5, 2), CultureInfo.InvariantCulture);
        var sequence = int.Parse(texte.AsSpan(7, 6), CultureInfo.InvariantCulture);
        if (mois is < 1 or > 12 || sequence == 0) return false;
        numero = new NumeroUnique(texte, territoire, mois, annee, sequence, guichet);
        return true;
    }

    /// <summary>A territory code: 3 digits or upper-case letters.</summary>
    public static bool CodeTerritoireValide(string? code) => code is { Length: 3 } && code.All(EstCaractere);

    /// <summary>A registering service's code: 5 digits or upper-case letters (<c>G1104</c>, <c>GDPUB</c>).</summary>
    public static bool CodeGuichetValide(string? code) => code is { Length: 5 } && code.All(EstCaractere);

    /// <summary>
    /// The territory code Logis takes for a département when none is configured: the département on three characters
    /// (<c>83</c> → <c>083</c>, <c>2A</c> → <c>02A</c>, <c>974</c>). Only <c>111</c> (Île-de-France) is attested; this
    /// rule is unverified [M] (docs/sne-cerfa.md §1) and the configured code of the territory wins.
    /// </summary>
    public static string TerritoireParDefaut(string departement)
    {
        var d = departement.Trim().ToUpperInvariant();
        return d.Length >= 3 ? d[..3] : d.PadLeft(3, '0');
    }

    /// <summary>
    /// Reads a former Logis reference (the number Logis gave before the national number: département, year, sequence and a
    /// Damm check digit, 12 or 13 characters), kept on the demands registered before: it still finds them.
    /// </summary>
    public static bool EstAncienneReference(string? saisie, out string reference)
    {
        reference = Normaliser(saisie) ?? "";
        return reference.Length is 12 or 13 && reference.All(c => char.IsAsciiDigit(c) || c is 'A' or 'B');
    }

    public override string ToString() => Valeur;

    private static bool EstCaractere(char c) => char.IsAsciiDigit(c) || c is >= 'A' and <= 'Z';

    private static string? Normaliser(string? saisie)
    {
        if (saisie is null || saisie.Length > 64) return null;
        var s = new StringBuilder(saisie.Length);
        foreach (var c in saisie)
        {
            if (c is ' ' or '-' or '\u00A0' or '\u202F') continue;
            s.Append(char.ToUpperInvariant(c));
        }
        return s.ToString();
    }
}
