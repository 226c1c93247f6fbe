using Logis.Domain.Cotation;
using Logis.Domain.Demandes;
using Logis.Domain.Menages;
using Logis.Persistence.Cotation;

namespace Logis.Persistence.Tests;

/// <summary>The stored form of the scoring elements gives back exactly what was written, and refuses a corrupt value.</summary>
public class ElementsStockesTests
{
    private static readonly PersonneCotation[] Menage =
    [
        new(LienPersonne.Demandeur, new DateOnly(1981, 2, 28), 1_234.56m),
        new(LienPersonne.Conjoint, new DateOnly(1983, 12, 31), 0.005m, CarteInvalidite: true),
        new(LienPersonne.Enfant, new DateOnly(2019, 7, 14), 0m),
    ];

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(false, false, false)]
    [InlineData(true, false, true)]
    public void Ce_qui_est_ecrit_est_relu_a_l_identique(bool optionnels, bool handicap, bool lien)
    {
        var e = new ElementsCotation
        {
            Personnes = Menage,
            Handicap = handicap,
            LienCommune = lien,
            StatutLogement = StatutLogementActuel.HebergeParticulier,
            LoyerMensuel = optionnels ? 612.40m : null,
            Surface = optionnels ? 38.5m : null,
            AideLogement = optionnels ? 201.17m : null,
            Motifs = FaitsDepuisDemande.MasqueMotif(MotifDemande.LogementTropPetit) | (1UL << 63),
            Priorites = int.MinValue | 6,
            PrioritesValidees = 4,
            Refus = optionnels ? 2 : 0,
            DernierRefus = optionnels ? new DateOnly(2026, 3, 9) : null,
            DateDepot = new DateOnly(2024, 1, 31),
        };
        var octets = ElementsStockes.Ecrire(in e);
        var tampon = new PersonneCotation[1];
        var lu = default(ElementsCotation);
        ElementsStockes.Lire(octets, ref lu, ref tampon);
        Assert.Equal(Menage, lu.Personnes.ToArray());
        Assert.Equal(e.AideLogement, lu.AideLogement);
        Assert.Equal((e.Handicap, e.LienCommune, e.StatutLogement, e.LoyerMensuel, e.Surface, e.Motifs, e.Priorites, e.PrioritesValidees, e.Refus, e.DernierRefus, e.DateDepot),
            (lu.Handicap, lu.LienCommune, lu.StatutLogement, lu.LoyerMensuel, lu.Surface, lu.Motifs, lu.Priorites, lu.PrioritesValidees, lu.Refus, lu.DernierRefus, lu.DateDepot));
        // The decimal scale is kept (0.005 is not rounded), and the facts are those of the elements written.
        Assert.Equal("0.005", lu.Personnes[1].RessourcesMensuelles.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(FaitsDepuisDemande.Construire(in e, new DateOnly(2026, 11, 28)), FaitsDepuisDemande.Construire(in lu, new DateOnly(2026, 11, 28)));
    }

    [Theory]
    [InlineData(0, "absents")]
    [InlineData(3, "version inconnue")]
    [InlineData(-1, "tronqués")]
    [InlineData(+1, "tronqués")]
    public void Une_valeur_corrompue_est_refusee(int cas, string motif)
    {
        var e = new ElementsCotation { Personnes = Menage, DateDepot = new DateOnly(2024, 1, 31), LoyerMensuel = 500m };
        var bonne = ElementsStockes.Ecrire(in e);
        var octets = cas switch
        {
            0 => [],
            3 => [3, .. bonne[1..]],
            -1 => bonne[..^1],
            _ => [.. bonne, 0],
        };
        var erreur = Assert.Throws<InvalidDataException>(() =>
        {
            var tampon = new PersonneCotation[4];
            var lu = default(ElementsCotation);
            ElementsStockes.Lire(octets, ref lu, ref tampon);
        });
        Assert.Contains(motif, erreur.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A record of version 1 (stored before the housing allowance and the disability card) is the same record without them:
    /// it still reads, with neither.
    /// </summary>
    [Fact]
    public void Une_valeur_de_la_version_1_se_relit_sans_aide_ni_carte()
    {
        PersonneCotation[] sansCarte = [.. Menage.Select(p => p with { CarteInvalidite = false })];
        var e = new ElementsCotation { Personnes = sansCarte, DateDepot = new DateOnly(2024, 1, 31), LoyerMensuel = 500m };
        var octets = ElementsStockes.Ecrire(in e);
        octets[0] = 1;
        var tampon = new PersonneCotation[4];
        var lu = default(ElementsCotation);
        ElementsStockes.Lire(octets, ref lu, ref tampon);
        Assert.Equal(sansCarte, lu.Personnes.ToArray());
        Assert.Null(lu.AideLogement);
        Assert.Equal(500m, lu.LoyerMensuel);
    }
}
