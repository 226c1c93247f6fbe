using System.Globalization;

namespace Logis.Application.Commun;

/// <summary>A day typed by an agent or sent by a partner: ISO (2026-12-06) or French (06/12/2026), the one reading of the use cases.</summary>
internal static class DateSaisie
{
    public static bool Lire(string? texte, out DateOnly date) =>
        DateOnly.TryParseExact(texte?.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
