using Logis.Domain.Cotation;

namespace Logis.Domain.Tests.Cotation;

public class AttenteObserveeTests
{
    [Fact]
    public void Quartiles_et_mediane_sur_un_petit_ensemble_verifie_a_la_main()
    {
        // 3, 5, 8, 12, 20 months: median 8; Q1 at rank 1 → 5; Q3 at rank 3 → 12.
        var a = AttenteObservee.Calculer([12, 3, 20, 8, 5]);
        Assert.Equal((5, 5.0, 8.0, 12.0), (a.Demandes, a.Q1Mois!.Value, a.MedianeMois!.Value, a.Q3Mois!.Value));
        // 1, 2, 3, 4: median 2.5; Q1 at 0.75 → 1.75 (1.8 rounded); Q3 at 2.25 → 3.25 (3.2, banker's rounding).
        var b = AttenteObservee.Calculer([4, 1, 3, 2]);
        Assert.Equal(2.5, b.MedianeMois);
        Assert.Equal(1.8, b.Q1Mois);
        Assert.Equal(3.2, b.Q3Mois);
        Assert.Equal(new AttenteObservee(0, null, null, null), AttenteObservee.Calculer([]));
    }

    [Fact]
    public void Positionnement_sur_un_petit_ensemble_verifie_a_la_main()
    {
        // Score 25 among 10, 20, 25, 30, 45: two higher (rank 3), centile (2 below + 1 tie / 2) / 5 = 50 %;
        // bins of 10 points: [0,10) none, [10,20) 10, [20,30) 20 and 25, [30,40) 30, [40,50) 45.
        var p = Positionnement.Calculer(25, [10, 20, 25, 30, 45], 10);
        Assert.Equal(3, p.Rang);
        Assert.Equal(5, p.DemandesAnalogues);
        Assert.Equal(50.0, p.Centile);
        Assert.Equal([0, 1, 2, 1, 1], p.Distribution.Select(c => c.Effectif));
        Assert.True(p.Distribution[2].ContientLeDemandeur);
    }
}
