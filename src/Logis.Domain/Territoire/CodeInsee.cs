namespace Logis.Domain.Territoire;

/// <summary>
/// Code officiel géographique of a commune (INSEE): five characters, digits except Corsica
/// (2A / 2B). Validated once here so that the rest of the code can trust it.
/// </summary>
public readonly record struct CodeInsee
{
    public string Value { get; }

    private CodeInsee(string value) => Value = value;

    public static bool TryCreate(string? raw, out CodeInsee code)
    {
        code = default;
        if (raw is null) return false;
        var s = raw.Trim().ToUpperInvariant();
        if (s.Length != 5) return false;
        var corse = s.StartsWith("2A", StringComparison.Ordinal) || s.StartsWith("2B", StringComparison.Ordinal);
        var start = corse ? 2 : 0;
        for (var i = start; i < 5; i++)
        {
            if (!char.IsAsciiDigit(s[i])) return false;
        }
        code = new CodeInsee(s);
        return true;
    }

    public static CodeInsee Create(string raw) =>
        TryCreate(raw, out var c) ? c : throw new ArgumentException($"Code INSEE invalide : « {raw} ».", nameof(raw));

    /// <summary>Département code: two characters, three for overseas (971…976).</summary>
    public string Departement => Value.StartsWith("97", StringComparison.Ordinal) ? Value[..3] : Value[..2];

    public override string ToString() => Value;
}
