using System.Globalization;

namespace Logis.Application.Commun;

/// <summary>
/// A clock that starts at a chosen instant and then runs at the speed of the real one (web setting « Logis:Horloge:Depart », for the
/// CLI the environment variable « Logis__Horloge__Depart »,
/// ISO 8601 with its offset): an acceptance session or the browser tests live the platform at a fixed date, whatever the
/// machine's. Unset in production, where the real clock is used.
/// </summary>
public sealed class HorlogeDecalee : TimeProvider
{
    public const string Reglage = "Logis:Horloge:Depart";

    private readonly TimeProvider _reelle;
    private readonly TimeSpan _decalage;

    public HorlogeDecalee(TimeProvider reelle, DateTimeOffset depart)
    {
        ArgumentNullException.ThrowIfNull(reelle);
        _reelle = reelle;
        _decalage = depart.ToUniversalTime() - reelle.GetUtcNow();
    }

    public override DateTimeOffset GetUtcNow() => _reelle.GetUtcNow() + _decalage;

    public override long GetTimestamp() => _reelle.GetTimestamp();

    public override long TimestampFrequency => _reelle.TimestampFrequency;

    /// <summary>The real clock, or the shifted one when <see cref="Reglage"/> is set; a malformed value stops the start.</summary>
    public static TimeProvider Depuis(string? depart, TimeProvider reelle)
    {
        if (string.IsNullOrWhiteSpace(depart)) return reelle;
        return DateTimeOffset.TryParse(depart, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
            ? new HorlogeDecalee(reelle, instant)
            : throw new InvalidOperationException($"{Reglage} doit être un instant ISO 8601 avec son décalage (ex. 2026-11-27T10:00:00+01:00), reçu « {depart} ».");
    }
}
