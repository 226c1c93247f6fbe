using System.Globalization;
using System.Text;
using Logis.Domain.Commun;

namespace Logis.Domain.Demandes;

/// <summary>
/// Registration number of a demand (numéro unique, CCH R441-2-4 c). Logis uses its own documented,
/// SNE-like format, written without separators:
/// <c>DD[D] AA SSSSSSS C</c> = département (2 characters, 2A/2B for Corsica, or 3 digits overseas 971–976),
/// year of registration (2 digits), sequence within the département and year (7 digits, zero-padded),
/// and one check digit.
/// <para>
/// The check digit is the Damm algorithm (H. M. Damm, 2004) over the digit string, where the Corsican
/// letters count as two digits each (A = 10, B = 11, as in ISO 13616). Damm detects every single-digit
/// error and every transposition of two adjacent digits, which Luhn does not (09 ↔ 90). A number is
/// valid when Damm over all its digits, check digit included, gives 0.
/// </para>
/// </summary>
public sealed record NumeroUnique
{
    /// <summary>Weakly totally anti-symmetric quasigroup of order 10 (Damm 2004, table used by most implementations).</summary>
    private static readonly byte[,] TableDamm =
    {
        { 0, 3, 1, 7, 5, 9, 8, 6, 4, 2 },
        { 7, 0, 9, 2, 1, 5, 4, 8, 6, 3 },
        { 4, 2, 0, 6, 8, 7, 1, 3, 5, 9 },
        { 1, 7, 5, 0, 9, 8, 3, 4, 2, 6 },
        { 6, 1, 2, 3, 0, 4, 5, 9, 7, 8 },
        { 3, 6, 7, 4, 2, 0, 9, 5, 8, 1 },
        { 5, 8, 6, 9, 7, 2, 0, 1, 3, 4 },
        { 8, 9, 4, 5, 3, 6, 2, 0, 1, 7 },
        { 9, 4, 3, 8, 6, 1, 7, 2, 0, 5 },
        { 2, 5, 8, 1, 4, 3, 6, 7, 9, 0 },
    };

    public const int SequenceMaximum = 9_999_999;

    private NumeroUnique(string valeur, string departement, int annee, int sequence)
    {
        Valeur = valeur;
        Departement = departement;
        Annee = annee;
        Sequence = sequence;
    }

    /// <summary>The canonical form, without separators: <c>83</c> <c>26</c> <c>0001234</c> and the check digit.</summary>
    public string Valeur { get; }

    /// <summary>Département of the registering service: "83", "2A", "974".</summary>
    public string Departement { get; }

    /// <summary>Two-digit year of registration (26 for 2026).</summary>
    public int Annee { get; }

    public int Sequence { get; }

    /// <summary>Builds the number given to the n-th demand registered in a département in a year.</summary>
    public static Resultat<NumeroUnique> Creer(string departement, int anneeEnregistrement, int sequence)
    {
        var dep = departement?.Trim().ToUpperInvariant() ?? "";
        if (!DepartementValide(dep))
            return Resultat.Echec<NumeroUnique>($"Département « {departement} » inconnu pour un numéro unique.");
        if (anneeEnregistrement is < 2000 or > 2099)
            return Resultat.Echec<NumeroUnique>($"Année d'enregistrement {anneeEnregistrement} hors de la plage 2000–2099.");
        if (sequence is < 1 or > SequenceMaximum)
            return Resultat.Echec<NumeroUnique>($"Le numéro d'ordre doit être compris entre 1 et {SequenceMaximum}.");
        var corps = string.Create(CultureInfo.InvariantCulture, $"{dep}{anneeEnregistrement % 100:00}{sequence:0000000}");
        var valeur = corps + (char)('0' + Damm(corps));
        return Resultat.Ok(new NumeroUnique(valeur, dep, anneeEnregistrement % 100, sequence));
    }

    /// <summary>Reads a number typed by an agent or an applicant: spaces and hyphens are ignored, letters may be lower case.</summary>
    public static bool TryParse(string? saisie, out NumeroUnique numero)
    {
        numero = null!;
        if (saisie is null) return false;
        var s = new StringBuilder(saisie.Length);
        foreach (var c in saisie)
        {
            if (c is ' ' or '-' or '\u00A0') continue;
            s.Append(char.ToUpperInvariant(c));
        }
        var texte = s.ToString();
        var longueurDepartement = texte.Length switch { 12 => 2, 13 => 3, _ => 0 };
        if (longueurDepartement == 0) return false;
        var dep = texte[..longueurDepartement];
        var reste = texte[longueurDepartement..];
        if (!DepartementValide(dep) || !reste.All(char.IsAsciiDigit)) return false;
        if (Damm(texte) != 0) return false;
        var annee = int.Parse(reste.AsSpan(0, 2), CultureInfo.InvariantCulture);
        var sequence = int.Parse(reste.AsSpan(2, 7), CultureInfo.InvariantCulture);
        if (sequence == 0) return false;
        numero = new NumeroUnique(texte, dep, annee, sequence);
        return true;
    }

    public override string ToString() => Valeur;

    private static bool DepartementValide(string dep) => dep.Length switch
    {
        2 => dep is "2A" or "2B"
             || (dep.All(char.IsAsciiDigit) && dep is not ("00" or "20") && string.CompareOrdinal(dep, "95") <= 0),
        3 => dep is "971" or "972" or "973" or "974" or "976",
        _ => false,
    };

    /// <summary>Damm's interim digit over the string; Corsican A and B count as the digits 1,0 and 1,1.</summary>
    private static int Damm(string texte)
    {
        var interim = 0;
        foreach (var c in texte)
        {
            switch (c)
            {
                case 'A':
                    interim = TableDamm[TableDamm[interim, 1], 0];
                    break;
                case 'B':
                    interim = TableDamm[TableDamm[interim, 1], 1];
                    break;
                default:
                    interim = TableDamm[interim, c - '0'];
                    break;
            }
        }
        return interim;
    }
}
