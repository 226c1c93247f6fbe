namespace Logis.Domain.Demandes;

/// <summary>
/// The one set of bounds of a demand's input, shared by the form, the API, the demand file and the eligibility check (issue 13,
/// « input bounds everywhere »). They are plausibility limits chosen by the team, not legal ones: a value beyond them is a typing
/// error (a misplaced comma, a pasted number), and refusing it keeps every later computation (cotation, effort rate, ceilings)
/// far from any overflow. Each is checked by <see cref="DemandeSaisie.Lire"/> with a French message naming the field.
/// </summary>
public static class BornesSaisie
{
    /// <summary>Persons to house in one demand (the form offers this many lines, the file this many column groups).</summary>
    public const int PersonnesMaximum = 12;

    /// <summary>One monthly resource of one person, in euros.</summary>
    public const decimal RessourceMensuelleMaximum = 100_000m;

    /// <summary>A reference tax income (of a person or of the household), in euros per year.</summary>
    public const decimal RevenuFiscalMaximum = 10_000_000m;

    /// <summary>A monthly rent (current or wished), in euros.</summary>
    public const decimal LoyerMensuelMaximum = 20_000m;

    /// <summary>A monthly housing allowance, in euros.</summary>
    public const decimal AideLogementMaximum = 5_000m;

    /// <summary>The surface of the current home, in m².</summary>
    public const decimal SurfaceMaximum = 2_000m;

    /// <summary>The highest floor wished.</summary>
    public const int EtageMaximum = 100;

    /// <summary>The French message of an amount beyond its bound: « Le loyer actuel est de 20 000 € au plus : vérifiez la saisie. »</summary>
    public static string AuPlus(string quoi, decimal borne) => $"{quoi} est de {Commun.TexteFr.Euros(borne)} au plus : vérifiez la saisie.";
}
