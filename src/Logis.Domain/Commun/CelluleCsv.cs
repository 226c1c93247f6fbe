using System.Text;

namespace Logis.Domain.Commun;

/// <summary>
/// The one writer of a CSV cell for every file the product writes (export of the demands, export of the journal): RFC 4180
/// quoting, and neutralisation of a formula (CSV injection, OWASP) — a value starting with <c>=</c>, <c>+</c>, <c>-</c>,
/// <c>@</c>, a tab or a carriage return is written after an apostrophe, so a spreadsheet shows it as text and never runs it.
/// The mark is reversible: <see cref="Lire"/> removes it when a file of the product is read back (import of an export),
/// and a value that itself starts with apostrophes before such a character gets one more, so that every value comes back as
/// it was.
/// </summary>
public static class CelluleCsv
{
    private const char Marque = '\'';

    /// <summary>The value as a spreadsheet may show it without running it (no quoting).</summary>
    public static string Neutraliser(string valeur) => AMarquer(valeur) ? Marque + valeur : valeur;

    /// <summary>The value of a cell written by <see cref="Neutraliser"/>: one neutralising apostrophe removed.</summary>
    public static string Lire(string cellule) => cellule.Length > 1 && cellule[0] == Marque && AMarquer(cellule) ? cellule[1..] : cellule;

    /// <summary>The cell as written in the file: neutralised, then quoted when it holds a comma, a quote or a line break.</summary>
    public static string Ecrire(string? valeur)
    {
        if (string.IsNullOrEmpty(valeur)) return "";
        var v = Neutraliser(valeur);
        return v.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + v.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : v;
    }

    /// <summary>One record: the cells separated by commas, each written by <see cref="Ecrire"/>, without the line end.</summary>
    public static StringBuilder Ligne(IEnumerable<string?> valeurs, StringBuilder? sb = null)
    {
        sb ??= new StringBuilder(512);
        var premier = true;
        foreach (var v in valeurs)
        {
            if (!premier) sb.Append(',');
            premier = false;
            sb.Append(Ecrire(v));
        }
        return sb;
    }

    /// <summary>A formula character, possibly behind apostrophes (so that an apostrophe written by the mark can be told apart).</summary>
    private static bool AMarquer(string valeur)
    {
        var i = 0;
        while (i < valeur.Length && valeur[i] == Marque) i++;
        return i < valeur.Length && valeur[i] is '=' or '+' or '-' or '@' or '\t' or '\r';
    }
}
