namespace Logis.Domain.Territoire;

/// <summary>SIREN of a legal entity (nine digits): identifies an EPCI, a commune or a bailleur.</summary>
public readonly record struct Siren
{
    public string Value { get; }

    private Siren(string value) => Value = value;

    public static bool TryCreate(string? raw, out Siren siren)
    {
        siren = default;
        var s = raw?.Trim();
        if (s is null || s.Length != 9 || !s.All(char.IsAsciiDigit)) return false;
        siren = new Siren(s);
        return true;
    }

    public static Siren Create(string raw) =>
        TryCreate(raw, out var s) ? s : throw new ArgumentException($"SIREN invalide : « {raw} ».", nameof(raw));

    public override string ToString() => Value;
}
