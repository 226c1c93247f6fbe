namespace Logis.Domain.Statistiques;

/// <summary>
/// The rule every aggregated view, export and public statistic of Logis follows so that no household can be singled out: a group of fewer
/// than <see cref="Seuil"/> households (1 to 4) is never shown — its count reads « moins de 5 » and no rate, median or amount is computed
/// on it. An empty group (0) is shown: it reveals nobody. Team choice in the spirit of the statistical secret (loi n° 51-711 du 7 juin 1951,
/// art. 6; CNIL guidance on aggregated data), docs/regles/11-statistiques.md; the issues ask for « no group under 5 households ».
/// </summary>
public static class SecretStatistique
{
    /// <summary>The smallest group of households whose figures are shown.</summary>
    public const int Seuil = 5;

    /// <summary>What is shown in place of a masked count.</summary>
    public const string Libelle = "moins de 5";

    /// <summary>True when a group of this many households may be shown (0, or at least <see cref="Seuil"/>).</summary>
    public static bool Diffusable(int nombre)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nombre);
        return nombre == 0 || nombre >= Seuil;
    }

    /// <summary>The count itself when it may be shown, null when it is masked.</summary>
    public static int? Compte(int nombre) => Diffusable(nombre) ? nombre : null;

    /// <summary>
    /// A figure computed on a group of <paramref name="effectif"/> households (a rate, a median, an amount): shown only when the group has at
    /// least <see cref="Seuil"/> households — on an empty group there is nothing to compute either.
    /// </summary>
    public static T? Valeur<T>(int effectif, Func<T> calcul) where T : struct
    {
        ArgumentNullException.ThrowIfNull(calcul);
        ArgumentOutOfRangeException.ThrowIfNegative(effectif);
        return effectif >= Seuil ? calcul() : null;
    }

    /// <summary>A rate (numerator ÷ group) in percent, rounded to one decimal: null when the group is under the threshold, and when the
    /// numerator itself is a group of 1 to 4 households that a reader could rebuild from the rate and the group (numerator masked too).</summary>
    public static decimal? Taux(int numerateur, int effectif)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(numerateur);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(numerateur, effectif);
        if (effectif < Seuil || !Diffusable(numerateur) || !Diffusable(effectif - numerateur)) return null;
        return decimal.Round(100m * numerateur / effectif, 1, MidpointRounding.AwayFromZero);
    }

    /// <summary>The text of a count for a page or an export: the number, or « moins de 5 ».</summary>
    public static string Texte(int nombre) => Diffusable(nombre) ? nombre.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("fr-FR")) : Libelle;
}
