using System.Globalization;

namespace Logis.Web.Features.Shared;

public sealed record Barre(string Libelle, int Valeur);

public sealed record Graphique(string Id, string Titre, IReadOnlyList<Barre> Barres);

public static class Formats
{
    public static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");

    public static string Nombre(int n) => n.ToString("N0", Fr);

    public static string Euros(decimal d) => d.ToString("N2", Fr) + " €";

    public static string Pourcent(decimal d) => d.ToString("N1", Fr) + " %";
}
