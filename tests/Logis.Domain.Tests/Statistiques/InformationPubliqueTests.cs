using Logis.Domain.Statistiques;

namespace Logis.Domain.Tests.Statistiques;

public class InformationPubliqueTests
{
    [Theory]
    [InlineData(100, 10, 10.0)]
    [InlineData(47, 6, 7.8)] // 7.833…
    [InlineData(15, 6, 2.5)] // 2.5 exactly
    [InlineData(0, 5, 0.0)]
    public void La_tension_est_le_nombre_de_demandes_actives_pour_une_attribution(int demandes, int attributions, double attendue) =>
        Assert.Equal((decimal)attendue, Tension.Calculer(demandes, attributions));

    [Theory]
    [InlineData(50, 0)] // no attribution: no ratio
    [InlineData(50, 3)] // 3 attributions: the ratio and the demands would give them back
    [InlineData(4, 10)] // 4 demands: likewise
    [InlineData(1, 1)]
    public void La_tension_n_est_pas_donnee_sans_attribution_ni_sur_un_groupe_de_moins_de_5(int demandes, int attributions) =>
        Assert.Null(Tension.Calculer(demandes, attributions));

    [Fact]
    public void Le_delai_d_attente_constate_est_compte_en_mois_entiers_du_depot_au_bail()
    {
        Assert.Equal(0, DelaiAttente.Mois(new(2026, 3, 15), new(2026, 4, 14)));
        Assert.Equal(1, DelaiAttente.Mois(new(2026, 3, 15), new(2026, 4, 15)));
        Assert.Equal(1, DelaiAttente.Mois(new(2026, 1, 31), new(2026, 2, 28))); // last day of a shorter month
        Assert.Equal(26, DelaiAttente.Mois(new(2024, 2, 1), new(2026, 4, 30)));
        Assert.Equal(0, DelaiAttente.Mois(new(2026, 5, 1), new(2026, 4, 1))); // a lease before the deposit reads 0
    }

    [Fact]
    public void Le_delai_d_attente_constate_donne_mediane_et_quartiles_des_menages_loges()
    {
        // Waits 1, 2, 3, 4, 10, 12 months, h = 5p: Q1 at 1.25 → 2.25, median at 2.5 → 3.5, Q3 at 3.75 → 4 + 0.75 × 6 = 8.5 (QUARTILE.INCLURE).
        var baux = new (DateOnly, DateOnly)[]
        {
            (new(2025, 1, 10), new(2025, 2, 10)), (new(2025, 1, 10), new(2025, 3, 10)), (new(2025, 1, 10), new(2025, 4, 10)),
            (new(2025, 1, 10), new(2025, 5, 10)), (new(2025, 1, 10), new(2025, 11, 10)), (new(2025, 1, 10), new(2026, 1, 10)),
        };
        var d = DelaiAttente.DesMenagesLoges(baux);
        Assert.Equal(new DelaiAttente(6, 2.3m, 3.5m, 8.5m), d); // 2.25 rounded half away from zero
        Assert.Equal(6, d.MenagesDiffuses);
        Assert.True(d.Publie);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Le_delai_d_attente_n_est_pas_calcule_sur_moins_de_5_menages(int menages)
    {
        var d = DelaiAttente.DepuisMois(Enumerable.Repeat(7, menages));
        Assert.Null(d.MenagesDiffuses);
        Assert.Null(d.Q1Mois);
        Assert.Null(d.MedianeMois);
        Assert.Null(d.Q3Mois);
        Assert.False(d.Publie);
        var vide = DelaiAttente.DepuisMois([]);
        Assert.Equal(0, vide.MenagesDiffuses);
        Assert.False(vide.Publie);
    }

    [Fact]
    public void La_periode_d_observation_est_les_douze_mois_qui_finissent_aujourd_hui()
    {
        var p = PeriodeObservation.DouzeMoisJusquA(new(2026, 12, 6));
        Assert.Equal(new DateOnly(2025, 12, 7), p.Du);
        Assert.Equal(new DateOnly(2026, 12, 6), p.Au);
        Assert.True(p.Contient(new(2025, 12, 7)));
        Assert.False(p.Contient(new(2025, 12, 6)));
        Assert.True(p.Contient(new(2026, 12, 6)));
        Assert.False(p.Contient(new(2026, 12, 7)));
    }

    [Fact]
    public void Une_seule_case_masquee_d_une_repartition_en_entraine_une_seconde()
    {
        // Total 35 shown: 3 alone would be 35 − 20 − 12 = 3; the smallest other non-empty cell (12) is masked too.
        Assert.Equal([false, true, true, false], MasquageSecondaire.Masquer([20, 3, 12, 0]));
        // Two cells already masked: nothing more. No other non-empty cell: nothing to add.
        Assert.Equal([true, true, false], MasquageSecondaire.Masquer([2, 4, 30]));
        Assert.Equal([true, false], MasquageSecondaire.Masquer([2, 0]));
        Assert.Equal([false, false], MasquageSecondaire.Masquer([5, 0]));
    }
}
