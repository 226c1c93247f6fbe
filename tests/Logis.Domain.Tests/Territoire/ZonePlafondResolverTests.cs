using Logis.Domain.Territoire;

namespace Logis.Domain.Tests.Territoire;

public class ZonePlafondResolverTests
{
    private static readonly ZonePlafondResolver Resolver = new(new[] { "75056", "92012", "93001" }.Select(CodeInsee.Create));

    [Theory]
    [InlineData("75056", "11", ZonePlafond.ParisCommunesLimitrophes)] // Paris
    [InlineData("75112", "11", ZonePlafond.ParisCommunesLimitrophes)] // Paris 12e arrondissement
    [InlineData("92012", "11", ZonePlafond.ParisCommunesLimitrophes)] // Boulogne-Billancourt
    [InlineData("78646", "11", ZonePlafond.IleDeFranceHorsParis)]     // Versailles
    [InlineData("83137", "93", ZonePlafond.AutresRegions)]            // Toulon
    [InlineData("2A004", "94", ZonePlafond.AutresRegions)]            // Ajaccio
    public void La_zone_se_deduit_de_la_commune(string insee, string region, ZonePlafond attendue) =>
        Assert.Equal(attendue, Resolver.Resoudre(CodeInsee.Create(insee), region));

    [Theory]
    [InlineData("8313")]
    [InlineData("831370")]
    [InlineData("2C004")]
    [InlineData("")]
    [InlineData(null)]
    public void Un_code_insee_mal_forme_est_refuse(string? raw) => Assert.False(CodeInsee.TryCreate(raw, out _));
}
