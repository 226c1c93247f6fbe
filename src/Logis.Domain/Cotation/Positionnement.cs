namespace Logis.Domain.Cotation;

/// <summary>A bin of the distribution of scores: [<see cref="Min"/>, <see cref="MaxExclu"/>).</summary>
public sealed record ClasseScores(int Min, int MaxExclu, int Effectif, bool ContientLeDemandeur);

/// <summary>
/// Where a demand stands among demands for an analogous dwelling (R441-2-17: the applicant may know
/// their score and the distribution of the scores of applicants for an analogous dwelling).
/// </summary>
public sealed record Positionnement(
    int Score,
    int Rang,
    int DemandesAnalogues,
    double? Centile,
    IReadOnlyList<ClasseScores> Distribution)
{
    /// <summary>The position in plain French, for the applicant's space.</summary>
    public string Resume => DemandesAnalogues == 0
        ? $"Votre cotation est de {Score} points. Aucune autre demande analogue n'est enregistrée."
        : $"Votre cotation est de {Score} points. {Rang - 1} demande(s) analogue(s) sur {DemandesAnalogues} ont une cotation plus élevée.";

    /// <summary>
    /// <paramref name="scoresAnalogues"/>: the scores of the other analogous demands (without this one).
    /// Rank: 1 + the number of higher scores (ties share a rank). Centile: share of analogous demands
    /// below, ties counted half (percentile rank). Bins of <paramref name="largeurClasse"/> points from 0.
    /// </summary>
    public static Positionnement Calculer(int score, IReadOnlyCollection<int> scoresAnalogues, int largeurClasse)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(largeurClasse);
        var n = scoresAnalogues.Count;
        var plusHauts = scoresAnalogues.Count(s => s > score);
        var egaux = scoresAnalogues.Count(s => s == score);
        double? centile = n == 0 ? null : Math.Round(100.0 * (n - plusHauts - egaux + egaux / 2.0) / n, 1);
        var max = scoresAnalogues.Append(score).Max();
        var classes = new List<ClasseScores>();
        for (var min = 0; min <= max; min += largeurClasse)
        {
            var haut = min + largeurClasse;
            classes.Add(new ClasseScores(min, haut, scoresAnalogues.Count(s => s >= min && s < haut), score >= min && score < haut));
        }
        return new Positionnement(score, plusHauts + 1, n, centile, classes);
    }
}
