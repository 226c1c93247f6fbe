using Logis.Domain.Commun;

namespace Logis.Domain.Tests.Temps;

/// <summary>The French clock around the year's end and the clock changes (last Sunday of March and of October).</summary>
public class HeureFranceTests
{
    [Theory]
    [InlineData("2026-12-31T22:59:00Z", "2026-12-31")]
    [InlineData("2026-12-31T23:00:00Z", "2027-01-01")]
    [InlineData("2026-06-30T21:59:00Z", "2026-06-30")]
    [InlineData("2026-06-30T22:00:00Z", "2026-07-01")]
    [InlineData("2028-02-28T23:30:00Z", "2028-02-29")]
    public void Le_jour_est_celui_du_calendrier_francais(string instant, string jour) =>
        Assert.Equal(DateOnly.Parse(jour, System.Globalization.CultureInfo.InvariantCulture),
            HeureFrance.Jour(DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-03-29", 23)]
    [InlineData("2026-10-25", 25)]
    [InlineData("2026-11-27", 24)]
    public void Un_jour_civil_dure_23_24_ou_25_heures(string jour, int heures)
    {
        var j = DateOnly.Parse(jour, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(heures), HeureFrance.FinJour(j) - HeureFrance.DebutJour(j));
        Assert.Equal(j, HeureFrance.Jour(HeureFrance.DebutJour(j)));
        Assert.Equal(j.AddDays(1), HeureFrance.Jour(HeureFrance.FinJour(j)));
    }

    [Theory]
    [InlineData("2026-01-15", 1)]
    [InlineData("2026-03-29", 2)]
    [InlineData("2026-10-25", 1)]
    public void Midi_est_midi_meme_le_jour_d_un_changement_d_heure(string jour, int decalage)
    {
        var midi = HeureFrance.A(DateOnly.Parse(jour, System.Globalization.CultureInfo.InvariantCulture), new TimeOnly(12, 0));
        Assert.Equal(TimeSpan.FromHours(decalage), midi.Offset);
        Assert.Equal(12, HeureFrance.EnFrance(midi).Hour);
    }
}
