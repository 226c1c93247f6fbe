using Logis.Tests.Infrastructure;
using Logis.Application.Commun;

namespace Logis.Web.Tests;

/// <summary>The shifted clock of an acceptance session or of the browser tests (« Logis:Horloge:Depart »).</summary>
public class HorlogeDecaleeTests
{
    [Fact]
    public void Sans_reglage_l_horloge_est_celle_donnee()
    {
        var reelle = Horloges.Fixe();
        Assert.Same(reelle, HorlogeDecalee.Depuis(null, reelle));
        Assert.Same(reelle, HorlogeDecalee.Depuis(" ", reelle));
    }

    [Fact]
    public void L_horloge_part_de_l_instant_choisi_puis_avance_au_rythme_reel()
    {
        var reelle = Horloges.Fixe(new DateTimeOffset(2031, 5, 4, 8, 0, 0, TimeSpan.Zero));
        var horloge = HorlogeDecalee.Depuis("2026-12-31T23:30:00+01:00", reelle);
        Assert.Equal(new DateTimeOffset(2026, 12, 31, 22, 30, 0, TimeSpan.Zero), horloge.GetUtcNow());
        reelle.Advance(TimeSpan.FromHours(1));
        Assert.Equal(new DateOnly(2027, 1, 1), Logis.Domain.Commun.HeureFrance.AujourdhuiEnFrance(horloge));
    }

    [Fact]
    public void Un_reglage_mal_forme_arrete_le_demarrage_avec_un_message_clair()
    {
        var e = Assert.Throws<InvalidOperationException>(() => HorlogeDecalee.Depuis("demain matin", Horloges.Fixe()));
        Assert.Contains("Logis:Horloge:Depart", e.Message, StringComparison.Ordinal);
    }
}
