using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Logis.Persistence;

/// <summary>
/// Npgsql writes only UTC instants to timestamptz: every <see cref="DateTimeOffset"/> column is stored in UTC on both
/// providers (the civil dates of a demand are DateOnly columns and keep the French calendar date).
/// </summary>
internal static class ConvertisseursInstant
{
    public static readonly ValueConverter<DateTimeOffset, DateTimeOffset> Utc = new(v => v.ToUniversalTime(), v => v);

    public static readonly ValueConverter<DateTimeOffset?, DateTimeOffset?> UtcNullable = new(v => v.HasValue ? v.Value.ToUniversalTime() : v, v => v);
}
