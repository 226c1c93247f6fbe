namespace Logis.Domain.Statistiques;

/// <summary>
/// The year over which attributions are counted for the public statistics, the tension and the observed waiting time: the twelve
/// months that end on the day of the figure, both ends included (from the same day a year before, plus one day, to today). A rolling
/// year rather than the last civil year so that the figures follow the leases as they are signed; team choice
/// (docs/information-publique.md).
/// </summary>
public readonly record struct PeriodeObservation(DateOnly Du, DateOnly Au)
{
    /// <summary>The twelve months ending on <paramref name="aujourdhui"/> (French civil day).</summary>
    public static PeriodeObservation DouzeMoisJusquA(DateOnly aujourdhui) => new(aujourdhui.AddYears(-1).AddDays(1), aujourdhui);

    public bool Contient(DateOnly jour) => jour >= Du && jour <= Au;
}
