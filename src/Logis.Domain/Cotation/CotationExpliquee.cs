namespace Logis.Domain.Cotation;

/// <summary>What a line of the explanation is.</summary>
public enum NatureLigne
{
    /// <summary>Points of a criterion (zero when an exclusive group kept a stronger one).</summary>
    Critere,
    /// <summary>Points removed because a group reached its cap.</summary>
    PlafondGroupe,
    /// <summary>Points removed for refusing suitable offers (R441-2-17).</summary>
    Refus,
    /// <summary>Points removed because the grid's total cap was reached.</summary>
    PlafondTotal,
    /// <summary>Points given back because a score is never negative.</summary>
    Plancher,
}

/// <summary>A fact as it was read for a line, with its value in plain French.</summary>
public sealed record FaitConstate(string Nom, string Libelle, double Valeur, string Texte);

/// <summary>One line of a score explanation: the applicant sees why they got these points (R441-2-17, CRPA L311-3-1).</summary>
public sealed record LigneCotation(
    NatureLigne Nature,
    string Id,
    string Libelle,
    int Points,
    string Explication,
    IReadOnlyList<FaitConstate> Faits,
    string? Remarque);

/// <summary>
/// The score of a demand under one grid, with its lines. The total is the sum of the lines: caps,
/// exclusive groups and refusals appear as lines of their own.
/// </summary>
public sealed class CotationExpliquee
{
    internal CotationExpliquee(string grilleId, string version, int total, IReadOnlyList<LigneCotation> lignes, IReadOnlyList<DefinitionFait> nonRenseignes)
    {
        GrilleId = grilleId;
        Version = version;
        Total = total;
        Lignes = lignes;
        FaitsNonRenseignes = nonRenseignes;
    }

    public string GrilleId { get; }
    public string Version { get; }
    public int Total { get; }
    public IReadOnlyList<LigneCotation> Lignes { get; }
    /// <summary>The facts the grid reads that were not given: no criterion fired on them.</summary>
    public IReadOnlyList<DefinitionFait> FaitsNonRenseignes { get; }
}
