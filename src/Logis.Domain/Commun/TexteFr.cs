using System.Globalization;

namespace Logis.Domain.Commun;

/// <summary>French formatting of amounts, rates and dates for the reasons shown to applicants and agents.</summary>
internal static class TexteFr
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    /// <summary>"37 584 €", or "1 234,50 €" when there are cents.</summary>
    public static string Euros(decimal montant) => montant.ToString("#,##0.##", Fr) + " €";

    /// <summary>A fraction as a percentage: 0.3125 → "31,3 %".</summary>
    public static string Pourcentage(decimal fraction) => (fraction * 100m).ToString("0.#", Fr) + " %";

    /// <summary>"45,5 m²".</summary>
    public static string Surface(decimal metresCarres) => metresCarres.ToString("0.##", Fr) + " m²";

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", Fr);
}
