using Logis.Domain.Commun;
using Microsoft.Extensions.Time.Testing;

namespace Logis.Tests.Infrastructure;

/// <summary>
/// The clocks of the suite: every test lives at a fixed instant, never at the machine's date (BannedSymbols.txt).
/// </summary>
public static class Horloges
{
    /// <summary>The instant the suite lives at unless a test says otherwise: Friday 27 November 2026, 10:00 in Paris.</summary>
    public static readonly DateTimeOffset Reference = new(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(1));

    /// <summary>The French civil date of <see cref="Reference"/>.</summary>
    public static DateOnly Aujourdhui => HeureFrance.Jour(Reference);

    /// <summary>A clock stopped at <paramref name="instant"/> (by default <see cref="Reference"/>), moved only by the test.</summary>
    public static FakeTimeProvider Fixe(DateTimeOffset? instant = null) => new((instant ?? Reference).ToUniversalTime());

    /// <summary>A clock for a test that sets its own dates with <see cref="Le"/> (a fake clock only moves forward).</summary>
    public static FakeTimeProvider ARegler() => new(new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>Sets the clock to that French civil date at that hour (French time, summer or winter).</summary>
    public static void Le(this FakeTimeProvider horloge, DateOnly jour, int heure = 6) =>
        horloge.SetUtcNow(HeureFrance.DebutJour(jour).AddHours(heure));
}
