namespace Logis.Domain.Espace;

/// <summary>
/// The access code printed on the attestation of registration (docs/espace-demandeur.md §2): twelve characters from an alphabet
/// without look-alikes (no I, O, 0, 1), shown in three groups of four. Only a fingerprint of it is stored; each edition of the
/// attestation issues a new code and the previous one stops working (a team choice [D]: the attestation is the paper the
/// applicant holds, the latest one is the one that counts).
/// </summary>
public static class CodeAcces
{
    public const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    public const int Longueur = 12;

    /// <summary>The code as typed, reduced to its characters: case, spaces and dashes do not matter. Null when it cannot be one.</summary>
    public static string? Normaliser(string? saisi)
    {
        if (saisi is null || saisi.Length > 40) return null;
        var c = new string([.. saisi.ToUpperInvariant().Where(ch => ch is not (' ' or '-' or '\t'))]);
        return c.Length == Longueur && c.All(Alphabet.Contains) ? c : null;
    }

    /// <summary>« ABCD-EFGH-JKLM ».</summary>
    public static string Lisible(string code) =>
        code.Length == Longueur ? $"{code[..4]}-{code[4..8]}-{code[8..]}" : code;
}
