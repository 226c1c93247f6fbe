using System.Globalization;

namespace Logis.Web.Features.Public;

/// <summary>A bar of a public chart: its value, or null when it is not published (statistical secret, no figure).</summary>
public sealed record BarrePublique(string Libelle, decimal? Valeur, string Texte);

/// <summary>A horizontal bar chart of the public statistics (server-side SVG); its data is always given in a table on the same page.</summary>
public sealed record GraphiquePublic(string Id, string Titre, IReadOnlyList<BarrePublique> Barres);

/// <summary>How the public pages write their figures: « moins de 5 » for a masked count, « non publié » for a figure not computed.</summary>
public static class TextesPublics
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    public static string Compte(int? n) => n is { } x ? x.ToString("N0", Fr) : "moins de 5";

    public static string Mois(decimal? m) => m is { } x ? $"{x.ToString("0.#", Fr)} mois" : "non publié";

    public static string Tension(decimal? t) => t is { } x ? x.ToString("0.#", Fr) : "non publiée";

    public static string Pourcent(decimal? p) => p is { } x ? $"{x.ToString("0.#", Fr)} %" : "non publiée";

    public static string Date(DateOnly d) => d.ToString("d MMMM yyyy", Fr);
}
