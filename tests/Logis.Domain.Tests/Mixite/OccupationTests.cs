using Logis.Domain.Commun;
using Logis.Domain.Mixite;
using Logis.Domain.Territoire;

namespace Logis.Domain.Tests.Mixite;

/// <summary>The occupancy file's reader, the occupancy profile against hand counts, and the criteria of the résidences à enjeu (docs/occupation.md).</summary>
public class OccupationTests
{
    private static readonly DateOnly Aujourdhui = new(2026, 11, 27);

    private static Resultat<MenageOccupant> Lire(Dictionary<string, string> l) => MenageOccupant.Lire(c => l.GetValueOrDefault(c), Aujourdhui);

    private static Dictionary<string, string> Ligne() => new()
    {
        [FormatOccupation.DateObservation] = "2026-01-01", [FormatOccupation.Personnes] = "3", [FormatOccupation.EnfantsMineurs] = "2",
        [FormatOccupation.Ressources] = "20-40", [FormatOccupation.Monoparentale] = "oui", [FormatOccupation.SansAdulteEnEmploi] = "non",
        [FormatOccupation.AideLogement] = "oui", [FormatOccupation.DateEntree] = "2019-03-15",
    };

    [Fact]
    public void Une_ligne_valide_est_lue_champ_par_champ()
    {
        var m = Lire(Ligne());
        Assert.True(m.EstReussi);
        Assert.Equal(new MenageOccupant(new(2026, 1, 1), 3, 2, TrancheRessources.De20A40, true, false, true, new(2019, 3, 15)), m.Valeur);
        var sansRessources = Ligne();
        sansRessources[FormatOccupation.Ressources] = "";
        Assert.Null(Lire(sansRessources).Valeur.Ressources); // unknown: kept apart, never guessed
    }

    [Theory]
    [InlineData(FormatOccupation.DateObservation, "2027-01-01", "futur")]
    [InlineData(FormatOccupation.DateObservation, "32/01/2026", "n'est pas une date")]
    [InlineData(FormatOccupation.Personnes, "0", "de 1 à 20")]
    [InlineData(FormatOccupation.Personnes, "", "obligatoire")]
    [InlineData(FormatOccupation.EnfantsMineurs, "3", "moins nombreux")]
    [InlineData(FormatOccupation.Ressources, "15", "<20, 20-40")]
    [InlineData(FormatOccupation.Monoparentale, "peut-être", "oui ou non")]
    [InlineData(FormatOccupation.DateEntree, "2026-02-01", "précède")]
    public void Chaque_champ_fautif_est_signale_sur_sa_colonne_en_francais(string colonne, string valeur, string motif)
    {
        var l = Ligne();
        l[colonne] = valeur;
        var m = Lire(l);
        Assert.False(m.EstReussi);
        Assert.Contains(motif, Assert.Single(m.Probleme.Champs[colonne]), StringComparison.Ordinal);
    }

    private static OccupationLogement Menage(int personnes, int enfants, TrancheRessources? r, bool mono = false, bool sansEmploi = false, bool aide = false) =>
        OccupationLogement.Creer(new OccupationLogementId(Guid.NewGuid()), Siren.Create("248300543"), new BailleurId(Guid.Empty), new LogementId(Guid.NewGuid()),
            new ResidenceId(Guid.Empty), CodeInsee.Create("83137"), null, new MenageOccupant(new(2026, 1, 1), personnes, enfants, r, mono, sansEmploi, aide, new(2020, 1, 1)));

    [Fact]
    public void Profil_d_occupation_compte_a_la_main()
    {
        // 25 households: 5 under 20 %, 5 from 20 to 40 %, 5 from 40 to 60 %, 5 from 60 to 100 %, 5 unknown; 6 single parents (2 persons, 1 child);
        // 5 large families (5 persons with 3 children) (all in the « 40-60 » band); nobody without employed adult; all with
        // housing allowance. 30 dwellings, 6 leases over twelve months, 3 vacant.
        var m = new List<OccupationLogement>();
        for (var i = 0; i < 5; i++) m.Add(Menage(2, 1, TrancheRessources.Moins20, mono: true, aide: true));
        m.Add(Menage(2, 1, TrancheRessources.De20A40, mono: true, aide: true));
        for (var i = 0; i < 4; i++) m.Add(Menage(1, 0, TrancheRessources.De20A40, aide: true));
        for (var i = 0; i < 5; i++) m.Add(Menage(5, 3, TrancheRessources.De40A60, aide: true));
        for (var i = 0; i < 5; i++) m.Add(Menage(1, 0, TrancheRessources.De60A100, aide: true));
        for (var i = 0; i < 5; i++) m.Add(Menage(1, 0, null, aide: true));
        var p = ProfilOccupation.Calculer(m, logements: 30, bauxDouzeMois: 6, vacants: 3);
        Assert.Equal(new ProfilOccupation(30, 25, 20, Moins20: 25.0m, Moins40: 50.0m, Moins60: 75.0m, Monoparentales: 24.0m, FamillesNombreuses: 20.0m,
            SansAdulteEnEmploi: 0.0m, AideLogement: 100.0m, Rotation: 20.0m, Vacance: null), p); // 3 vacant dwellings: a group of 1 to 4, masked

        // A group of 4 households shows nothing.
        var petit = ProfilOccupation.Calculer(m.Take(4).ToList(), logements: 4, bauxDouzeMois: 0, vacants: 0);
        Assert.Equal(new ProfilOccupation(4, null, null, null, null, null, null, null, null, null, null, null), petit);
    }

    [Fact]
    public void Une_residence_est_suggeree_quand_assez_de_parts_depassent_la_moyenne()
    {
        var epci = new ProfilOccupation(1000, 900, 850, 10m, 30m, 50m, 12m, 8m, 30m, 45m, 9m, 2m);
        var fragile = new ProfilOccupation(40, 38, 36, 22m, 45m, 70m, 21.9m, 10m, 35m, 50m, 15m, 5m); // +12, +15, +9.9: two indicators
        var criteres = new CriteresEnjeu { EcartPoints = 10m, IndicateursMinimum = 2, MenagesMinimum = 10 };
        Assert.Equal(new[] { "ménages sous 20 % des plafonds", "ménages sous 40 % des plafonds" }, criteres.Depassements(fragile, epci));
        Assert.True(criteres.EstAEnjeu(fragile, epci));
        Assert.False((criteres with { IndicateursMinimum = 3 }).EstAEnjeu(fragile, epci));
        Assert.True((criteres with { EcartPoints = 9.9m, IndicateursMinimum = 3 }).EstAEnjeu(fragile, epci));
        Assert.False(criteres.EstAEnjeu(fragile with { Menages = 9 }, epci)); // too few households
        Assert.Empty(criteres.Depassements(fragile with { Moins20 = null, Moins40 = null }, epci)); // masked shares never count
    }
}
