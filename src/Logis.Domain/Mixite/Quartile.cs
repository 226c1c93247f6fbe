using Logis.Domain.Statistiques;

namespace Logis.Domain.Mixite;

/// <summary>
/// Where a household stands against the first-quartile threshold of its year (CCH L441-1, docs/regles/01-mixite-sociale.md §1.6): in the first
/// quartile when its annual income per consumption unit is below the threshold, in the other three quartiles otherwise. The law names only the
/// first-quartile threshold, so Logis tells the first quartile from the other three, nothing finer.
/// </summary>
public enum QuartileRevenu
{
    Premier = 1,
    Autres = 2,
}

public static class ClassementQuartile
{
    /// <summary>
    /// The quartile of an income per UC against a threshold: <see cref="QuartileRevenu.Premier"/> when strictly below it (« inférieur au
    /// seuil »), <see cref="QuartileRevenu.Autres"/> from the threshold up; null when the income is unknown (household unreadable) or the
    /// threshold of the year is missing — Logis never guesses a quartile.
    /// </summary>
    public static QuartileRevenu? Classer(decimal? revenuParUc, decimal? seuil) =>
        revenuParUc is not { } r || seuil is not { } s ? null : r < s ? QuartileRevenu.Premier : QuartileRevenu.Autres;

    /// <summary>
    /// The day a demand is classified on: today while it is in the file, the day it left it once radiated (attribution, renunciation…) — the
    /// threshold that applies is that of this day's year (docs/mixite.md, « Quartile d'une demande »).
    /// </summary>
    public static DateOnly DateDeClassement(DateOnly aujourdhui, DateOnly? radiation) => radiation is { } r && r < aujourdhui ? r : aujourdhui;

    /// <summary>The code of the API and exports: <c>q1</c>, <c>q2-q4</c>.</summary>
    public static string Code(this QuartileRevenu q) => q switch
    {
        QuartileRevenu.Premier => "q1",
        QuartileRevenu.Autres => "q2-q4",
        _ => throw new ArgumentOutOfRangeException(nameof(q)),
    };

    public static string Libelle(this QuartileRevenu q) => q switch
    {
        QuartileRevenu.Premier => "Premier quartile",
        QuartileRevenu.Autres => "Autres quartiles",
        _ => throw new ArgumentOutOfRangeException(nameof(q)),
    };
}

/// <summary>
/// Logis's own estimate of the first-quartile threshold from the shared file: the first quartile (<see cref="Quantiles"/>, QUARTILE.INC) of the
/// annual income per UC of the applicants whose demand was active on 31 December of the year before. <see cref="Demandeurs"/> counts the
/// households read, <see cref="Illisibles"/> those whose household could not be read (left out). Masked under 5 households
/// (<see cref="SecretStatistique"/>). The official value is the ministerial order's; this estimate only lets the EPCI check it.
/// </summary>
public sealed record EstimationSeuil(DateOnly Reference, int Demandeurs, int Illisibles, decimal? PremierQuartile, decimal? Mediane)
{
    public static EstimationSeuil Calculer(DateOnly reference, IEnumerable<decimal?> revenusParUc)
    {
        ArgumentNullException.ThrowIfNull(revenusParUc);
        var lus = new List<decimal>();
        var illisibles = 0;
        foreach (var r in revenusParUc)
        {
            if (r is { } x) lus.Add(x);
            else illisibles++;
        }
        lus.Sort();
        return new EstimationSeuil(reference, lus.Count, illisibles,
            SecretStatistique.Valeur(lus.Count, () => decimal.Round(Quantiles.DeSerieTriee(lus, 0.25m)!.Value, 0, MidpointRounding.AwayFromZero)),
            SecretStatistique.Valeur(lus.Count, () => decimal.Round(Quantiles.DeSerieTriee(lus, 0.5m)!.Value, 0, MidpointRounding.AwayFromZero)));
    }

    /// <summary>The day the population is taken: 31 December of the year before the threshold's year.</summary>
    public static DateOnly ReferencePour(int annee) => new(annee - 1, 12, 31);
}
