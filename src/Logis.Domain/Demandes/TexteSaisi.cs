using System.Globalization;

namespace Logis.Domain.Demandes;

/// <summary>
/// Reading typed text into values, for the channels whose fields are text (the registration form, the demand file):
/// amounts, whole numbers, yes/no, dates, names of enumerations. The JSON API receives numbers and booleans already
/// typed. A value that cannot be read gives one French message per field, the same on every channel
/// (<see cref="MessageNombre"/>); the other checks are those of <see cref="DemandeSaisie.Lire"/>.
/// </summary>
public static class TexteSaisi
{
    /// <summary>Adds a message to a field (a field may collect several).</summary>
    public static void Ajouter(IDictionary<string, string[]> erreurs, string champ, string message) =>
        erreurs[champ] = erreurs.TryGetValue(champ, out var deja) ? [.. deja, message] : [message];

    /// <summary>An amount typed the French or the English way: "1 450,50", "1450.50", "1450 €"; null when it is not a number.</summary>
    public static decimal? Montant(string? brut)
    {
        if (string.IsNullOrWhiteSpace(brut)) return null;
        var t = brut.AsSpan().Trim();
        // The common case (digits and one separator) without the copies below.
        if (!t.ContainsAny(" \u00a0\u202f€,"))
            return decimal.TryParse(t, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var rapide) ? rapide : null;
        var s = brut.Replace(" ", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal).Replace("\u202f", "", StringComparison.Ordinal)
            .Replace("€", "", StringComparison.Ordinal).Replace(',', '.');
        return decimal.TryParse(s, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d) ? d : null;
    }

    /// <summary>The message given when the text of a numeric field is not a number, by field (camelCase path, person index ignored).</summary>
    public static string MessageNombre(string champ) => champ switch
    {
        "revenuFiscalReferenceN2" => "Le revenu fiscal de référence est un nombre d'euros (ex. 14200).",
        "logementActuel.loyerMensuel" => "Le loyer est un nombre d'euros par mois (ex. 650).",
        "logementActuel.surface" => "La surface est un nombre de mètres carrés (ex. 35).",
        "logementActuel.aideLogementMensuelle" => "L'aide au logement est un nombre d'euros par mois (ex. 180).",
        _ when champ.EndsWith(".revenuFiscalReferenceN2", StringComparison.Ordinal) => "Le revenu fiscal de référence est un nombre d'euros (ex. 14200).",
        "souhaits.loyerMaximum" => "Le loyer maximum est un nombre d'euros par mois (ex. 500).",
        "souhaits.etageMaximum" => "L'étage maximum est un nombre entier (0 pour le rez-de-chaussée).",
        _ when champ.EndsWith(".ressources", StringComparison.Ordinal) => "Un montant de ressources est un nombre d'euros par mois (ex. 1450 ou 1450,50).",
        _ => "La valeur est un nombre (ex. 650,50).",
    };

    /// <summary>An amount of a field, or null when empty; a text that is not a number adds the field's message.</summary>
    public static decimal? Nombre(string? brut, string champ, IDictionary<string, string[]> erreurs)
    {
        if (string.IsNullOrWhiteSpace(brut)) return null;
        if (Montant(brut) is { } m) return m;
        Ajouter(erreurs, champ, MessageNombre(champ));
        return null;
    }

    /// <summary>A whole number of a field (a sign allowed, the range is checked by the reader), or null when empty.</summary>
    public static int? Entier(string? brut, string champ, IDictionary<string, string[]> erreurs)
    {
        if (string.IsNullOrWhiteSpace(brut)) return null;
        if (int.TryParse(brut.AsSpan().Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)) return n;
        Ajouter(erreurs, champ, MessageNombre(champ));
        return null;
    }

    /// <summary>Yes or no: "oui"/"non" (also "true"/"false", "1"/"0"); empty is no.</summary>
    public static bool Booleen(string? brut, string champ, IDictionary<string, string[]> erreurs)
    {
        var v = brut?.Trim() ?? "";
        if (v.Length == 0 || v.Equals("non", StringComparison.OrdinalIgnoreCase) || v.Equals("false", StringComparison.OrdinalIgnoreCase) || v == "0") return false;
        if (v.Equals("oui", StringComparison.OrdinalIgnoreCase) || v.Equals("true", StringComparison.OrdinalIgnoreCase) || v == "1") return true;
        Ajouter(erreurs, champ, $"« {v} » : la valeur vaut oui ou non.");
        return false;
    }

    /// <summary>A date written AAAA-MM-JJ (or JJ/MM/AAAA, as typed in a French form); null when it is not a real date.</summary>
    public static DateOnly? Date(string? brut)
    {
        if (string.IsNullOrWhiteSpace(brut)) return null;
        var v = brut.AsSpan().Trim();
        if (DateIsoRapide(v, out var d)) return d;
        return DateOnly.TryParseExact(v, ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out d) ? d : null;
    }

    /// <summary>The common case, "AAAA-MM-JJ" in ASCII digits, read without the general parser.</summary>
    private static bool DateIsoRapide(ReadOnlySpan<char> v, out DateOnly d)
    {
        d = default;
        if (v.Length != 10 || v[4] != '-' || v[7] != '-') return false;
        var a = Chiffres(v.Slice(0, 4));
        var m = Chiffres(v.Slice(5, 2));
        var j = Chiffres(v.Slice(8, 2));
        if (a < 1 || m is < 1 or > 12 || j < 1 || j > DateTime.DaysInMonth(a, m)) return false;
        d = new DateOnly(a, m, j);
        return true;
    }

    private static int Chiffres(ReadOnlySpan<char> v)
    {
        var n = 0;
        foreach (var c in v)
        {
            if (!char.IsAsciiDigit(c)) return -1;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    /// <summary>A value of the enumeration by its exact name, case ignored; numbers and combinations are refused.</summary>
    public static T? Enumere<T>(string? brut)
        where T : struct, Enum =>
        brut is not null && Noms<T>.Valeurs.TryGetValue(brut.Trim(), out var v) ? v : null;

    /// <summary>The names a field of this enumeration admits, for the messages.</summary>
    public static string Admises<T>()
        where T : struct, Enum => Noms<T>.Liste;

    private static class Noms<T>
        where T : struct, Enum
    {
        public static readonly Dictionary<string, T> Valeurs = Enum.GetNames<T>().ToDictionary(n => n, Enum.Parse<T>, StringComparer.OrdinalIgnoreCase);
        public static readonly string Liste = string.Join(", ", Enum.GetNames<T>());
    }
}
