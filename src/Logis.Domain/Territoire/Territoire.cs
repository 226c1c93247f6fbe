namespace Logis.Domain.Territoire;

/// <summary>Établissement public de coopération intercommunale à fiscalité propre (CC, CA, CU, métropole).</summary>
public sealed record Epci(Siren Siren, string Nom, string Type, int Population, int NombreCommunes);

/// <summary>A commune with its legal population (COG 2026) and the ceiling zone derived from it.</summary>
public sealed record Commune(
    CodeInsee CodeInsee,
    string Nom,
    string Departement,
    string Region,
    int Population,
    Siren? EpciSiren,
    ZonePlafond Zone);

/// <summary>Quartier prioritaire de la politique de la ville, 2024 geography (décret n° 2023-1314).</summary>
public sealed record Qpv(string Code, string Nom, IReadOnlyList<CodeInsee> Communes, Siren? EpciSiren)
{
    public static bool CodeValide(string? code) =>
        code is { Length: 8 } && code.StartsWith("QN", StringComparison.Ordinal);
}
