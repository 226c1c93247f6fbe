namespace Logis.Domain.Commun;

/// <summary>
/// The one French clock. Every civil date of an act (deposit, renewal, expiry, radiation, reminder) is a date of the
/// French calendar, whatever the server's zone: the instant comes from the injected <see cref="TimeProvider"/>, the
/// calendar from Europe/Paris (metropolitan France — a team choice while the territories served are metropolitan;
/// an overseas EPCI would carry its own zone). The real clock is reachable only in the composition roots
/// (BannedSymbols.txt); tests give a <c>FakeTimeProvider</c>.
/// </summary>
public static class HeureFrance
{
#pragma warning disable RS0030 // The one place that names the French time zone.
    public static TimeZoneInfo Fuseau { get; } = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
#pragma warning restore RS0030

    /// <summary>The instant as French wall-clock time (offset +01:00 or +02:00).</summary>
    public static DateTimeOffset EnFrance(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Fuseau);

    /// <summary>The French calendar date of an instant.</summary>
    public static DateOnly Jour(DateTimeOffset instant) => DateOnly.FromDateTime(EnFrance(instant).DateTime);

    /// <summary>The first instant of a French civil day (midnight in Paris always exists: the clocks change at 2 or 3 a.m.).</summary>
    public static DateTimeOffset DebutJour(DateOnly jour)
    {
        var minuit = jour.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(minuit, Fuseau.GetUtcOffset(minuit)).ToUniversalTime();
    }

    /// <summary>The first instant after a French civil day (exclusive end; a day lasts 23, 24 or 25 hours).</summary>
    public static DateTimeOffset FinJour(DateOnly jour) => DebutJour(jour.AddDays(1));

    /// <summary>That wall-clock time of a French civil day, with the offset in force then (noon is noon, even on a day of clock change).</summary>
    public static DateTimeOffset A(DateOnly jour, TimeOnly heure)
    {
        var local = jour.ToDateTime(heure, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Fuseau.GetUtcOffset(local));
    }

    /// <summary>Now, as French wall-clock time.</summary>
    public static DateTimeOffset MaintenantEnFrance(this TimeProvider horloge) => EnFrance(horloge.GetUtcNow());

    /// <summary>Today in France.</summary>
    public static DateOnly AujourdhuiEnFrance(this TimeProvider horloge) => Jour(horloge.GetUtcNow());
}
