using Logis.Domain.Cotation;
using Logis.Domain.Territoire;

namespace Logis.Domain.Tests.Cotation;

public class ComparaisonEtPositionnementTests
{
    private static readonly CodeInsee Toulon = CodeInsee.Create("83137");
    private static readonly CodeInsee LaSeyne = CodeInsee.Create("83126");

    private static readonly FaitsCotation Locataire = new() { TailleMenage = 1, AgeDemandeur = 40, TauxEffort = 20, ResteAVivreParUc = 800 };

    [Fact]
    public void Un_brouillon_qui_baisse_sans_logement_de_25_a_18_points()
    {
        var brouillon = GrillesDemo.Charger(GrillesDemo.TextePrimo.Replace("\"points\": 25,", "\"points\": 18,", StringComparison.Ordinal));
        DemandeSimulee[] demandes =
        [
            new("B", Locataire with { SituationLogement = SituationLogement.HebergeChezParents }, "personne seule", Toulon), // 5 → 5
            new("A", Locataire with { SituationLogement = SituationLogement.SansLogement }, "personne seule", Toulon),        // 25 → 18
            new("C", Locataire with { SituationLogement = SituationLogement.SansLogement, SurOccupation = true, TailleMenage = 4 }, "famille", LaSeyne), // 30 (plafond) → 28
            new("D", Locataire with { SituationLogement = SituationLogement.StructureHebergement, TailleMenage = 3 }, "famille", LaSeyne), // 20 → 20
        ];

        var rapport = ComparaisonGrilles.Comparer(GrillesDemo.Primo, brouillon, demandes);

        Assert.Equal((4, 0, 2, 2), (rapport.Demandes, rapport.Gagnants, rapport.Perdants, rapport.Inchanges));
        Assert.Equal([new("A", "personne seule", Toulon, 25, 18), new EcartDemande("C", "famille", LaSeyne, 30, 28)], rapport.Changements);
        Assert.Equal([new("famille", 2, 0, 1, -2, 0, -1), new AgregatEcarts("personne seule", 2, 0, 1, -7, 0, -3.5)], rapport.ParTypeMenage);
        Assert.Equal([new("83126", 2, 0, 1, -2, 0, -1), new AgregatEcarts("83137", 2, 0, 1, -7, 0, -3.5)], rapport.ParCommune);
    }

    [Fact]
    public void Position_parmi_les_demandes_analogues()
    {
        var p = Positionnement.Calculer(30, [10, 20, 30, 30, 40, 55], largeurClasse: 20);

        Assert.Equal(3, p.Rang);          // 40 and 55 are higher; the two 30 share the rank
        Assert.Equal(50.0, p.Centile);    // (2 below + 2 ties / 2) / 6
        Assert.Equal(
            [new(0, 20, 1, false), new(20, 40, 3, true), new ClasseScores(40, 60, 2, false)],
            p.Distribution);
        Assert.Equal("Votre cotation est de 30 points. 2 demande(s) analogue(s) sur 6 ont une cotation plus élevée.", p.Resume);
    }

    [Fact]
    public void Position_sans_demande_analogue()
    {
        var p = Positionnement.Calculer(5, [], largeurClasse: 10);

        Assert.Equal((1, 0, (double?)null), (p.Rang, p.DemandesAnalogues, p.Centile));
        Assert.Equal([new ClasseScores(0, 10, 0, true)], p.Distribution);
    }
}
