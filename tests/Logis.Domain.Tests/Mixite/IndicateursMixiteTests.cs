using Logis.Domain.Commun;
using Logis.Domain.Eligibilite;
using Logis.Domain.Menages;
using Logis.Domain.Mixite;
using Logis.Domain.Statistiques;
using Logis.Domain.Territoire;
using static Logis.Domain.Tests.Eligibilite.Foyers;

namespace Logis.Domain.Tests.Mixite;

/// <summary>
/// The first-quartile estimate and classification and every social-mix indicator against counts made by hand on small files (docs/mixite.md).
/// </summary>
public class IndicateursMixiteTests
{
    private static decimal RevenuParUc(decimal mensuel, params Personne[] personnes) =>
        EchelleUnitesConsommation.OcdeModifiee.RevenuParUc(Foyer(null, personnes), mensuel * 12m);

    [Fact]
    public void Estimation_du_seuil_sur_un_petit_fichier_compte_a_la_main()
    {
        // Income per UC (modified OECD scale: 1 + 0.5 per other person of 14 or more + 0.3 per child under 14), by hand:
        decimal?[] revenus =
        [
            RevenuParUc(0m, Demandeur(40)),                                               // zero income: 0
            RevenuParUc(700m, Demandeur(30)),                                             // one person: 8 400
            RevenuParUc(1050m, Demandeur(30), Conjoint(31)),                              // 12 600 / 1.5 = 8 400 (a tie)
            RevenuParUc(2000m, Demandeur(40), Conjoint(38), Enfant(10), Enfant(8), Enfant(3)), // large: 24 000 / 2.4 = 10 000
            RevenuParUc(780m, Demandeur(35), Enfant(10)),                                 // 9 360 / 1.3 = 7 200
            RevenuParUc(1500m, Demandeur(50)),                                            // 18 000
            RevenuParUc(2100m, Demandeur(45), Conjoint(44), Enfant(15), Enfant(10)),      // 25 200 / 2.3 = 10 956.52 → 10 957
            RevenuParUc(0m, Demandeur(22)),                                               // zero income again (a tie at 0)
            null,                                                                         // household unreadable: left out
        ];
        Assert.Equal([0m, 8400m, 8400m, 10000m, 7200m, 18000m, 10957m, 0m], revenus.Take(8).Select(r => r!.Value));
        var e = EstimationSeuil.Calculer(EstimationSeuil.ReferencePour(2026), revenus);
        // Sorted: 0, 0, 7 200, 8 400, 8 400, 10 000, 10 957, 18 000 (n = 8). Q1: h = 7 × 0.25 = 1.75 → 0 + 0.75 × 7 200 = 5 400.
        // Median: h = 3.5 → 8 400 + 0.5 × (8 400 − 8 400) = 8 400.
        Assert.Equal(new DateOnly(2025, 12, 31), e.Reference);
        Assert.Equal(8, e.Demandeurs);
        Assert.Equal(1, e.Illisibles);
        Assert.Equal(5400m, e.PremierQuartile);
        Assert.Equal(8400m, e.Mediane);
        // Fewer than 5 households: no estimate is shown.
        var petit = EstimationSeuil.Calculer(new DateOnly(2025, 12, 31), [1000m, 2000m, 3000m, 4000m]);
        Assert.Null(petit.PremierQuartile);
        Assert.Equal(4, petit.Demandeurs);
    }

    [Theory]
    [InlineData(0, 8400, QuartileRevenu.Premier)]
    [InlineData(7200, 8400, QuartileRevenu.Premier)]
    [InlineData(8399, 8400, QuartileRevenu.Premier)]
    [InlineData(8400, 8400, QuartileRevenu.Autres)] // at the threshold: not below it
    [InlineData(10957, 8400, QuartileRevenu.Autres)]
    public void Classement_au_seuil_de_l_annee(int revenu, int seuil, QuartileRevenu attendu) =>
        Assert.Equal(attendu, ClassementQuartile.Classer(revenu, seuil));

    [Fact]
    public void Sans_revenu_lisible_ou_sans_seuil_le_quartile_est_inconnu()
    {
        Assert.Null(ClassementQuartile.Classer(null, 8400m));
        Assert.Null(ClassementQuartile.Classer(5000m, null));
    }

    private static readonly BailleurId A = new(Guid.Parse("00000000-0000-0000-0000-00000000000a"));
    private static readonly BailleurId B = new(Guid.Parse("00000000-0000-0000-0000-00000000000b"));
    private static readonly ReservataireId R1 = new(Guid.Parse("00000000-0000-0000-0000-000000000001"));
    private static readonly ReservataireId R2 = new(Guid.Parse("00000000-0000-0000-0000-000000000002"));
    private static readonly CodeInsee C1 = CodeInsee.Create("83137");
    private static readonly CodeInsee C2 = CodeInsee.Create("83069");
    private const decimal Seuil = 9000m;

    private static LigneSuivi L(int mois, BailleurId b, ReservataireId r, CodeInsee c, bool qpv, int? revenu, string drapeaux = "", CodeInsee? avant = null) =>
        new(new DateOnly(2026, mois, 15), b, r, c, qpv, revenu, drapeaux.Contains('p'), drapeaux.Contains('d'), drapeaux.Contains('m'), avant, drapeaux.Contains('r'));

    /// <summary>30 leases of 2026: 20 outside QPV (6 first quartile of which 2 mutations, 13 others of which 1 mutation, 1 unknown), 10 in QPV
    /// (4 first quartile, 5 others of which 1 mutation, 1 unknown); 8 DALO or priority households.</summary>
    private static readonly LigneSuivi[] Baux =
    [
        L(1, A, R1, C1, false, 5000, "p", C1), L(1, A, R1, C1, false, 6000, "", C1), L(2, A, R1, C1, false, 7000, "m", C1),
        L(2, A, R2, C1, false, 8999, "", C1), L(3, A, R2, C1, false, 0, "d", C1), L(3, A, R2, C1, false, 4000, "m", C1),
        L(4, A, R2, C1, false, 9000, "", C2), L(4, A, R2, C1, false, 12000, "p", C2), L(5, A, R2, C1, false, 15000),
        L(5, A, R1, C1, false, 20000, "m", C2), L(6, A, R1, C1, false, null), L(6, A, R1, C1, false, 11000),
        L(7, B, R1, C2, false, 13000, "p", C2), L(7, B, R1, C2, false, 14000, "", C2), L(8, B, R1, C2, false, 16000, "", C2),
        L(8, B, R2, C2, false, 17000, "", C2), L(9, B, R2, C2, false, 18000, "p", C2), L(9, B, R2, C2, false, 19000, "", C1),
        L(10, B, R2, C2, false, 21000), L(10, B, R2, C2, false, 22000),
        L(1, B, R1, C2, true, 3000, "p"), L(2, B, R1, C2, true, 4000, "d"), L(3, B, R1, C2, true, 5000, "p"), L(4, B, R1, C2, true, 6000),
        L(5, B, R1, C2, true, 9500), L(6, B, R2, C2, true, 10000), L(7, B, R2, C2, true, 11000, "m"), L(8, B, R2, C2, true, 12000),
        L(9, B, R2, C2, true, 13000), L(11, B, R2, C2, true, null),
    ];

    private static ResultatObjectif Mesurer(PorteeObjectif o, decimal? seuil = Seuil) => IndicateursMixite.Mesurer(o, Baux, seuil, 12);

    [Fact]
    public void Objectifs_legaux_sans_objectif_de_la_CIA()
    {
        var objectifs = IndicateursMixite.Objectifs([], Baux);
        Assert.Equal(5, objectifs.Count); // three for the EPCI, then the priority objective of each réservataire
        Assert.All(objectifs, o => Assert.True(o.Legal));
        Assert.Equal([25m, 50m, 25m, 25m, 25m], objectifs.Select(o => o.Taux));
        Assert.Equal([R1, R2], objectifs.Skip(3).Select(o => o.Reservataire!.Value));

        // First quartile outside QPV: 6 of 20 = 30.0 %, target 25 % → ⌈5⌉ − 6 → nothing missing.
        var q1 = Mesurer(objectifs[0]);
        Assert.Equal(new MesureObjectif(20, 6, 30.0m, 0, false), q1.AvecMutations);
        // Without the 3 mutations: 4 of 17 — a group of 4 is masked (and its rate), the trajectory falls behind: 4 < 25 % × 17 = 4.25.
        Assert.Equal(new MesureObjectif(17, null, null, null, true), q1.SansMutations);
        // Other quartiles in QPV: 5 of 10 = 50.0 %, exactly the target.
        Assert.Equal(new MesureObjectif(10, 5, 50.0m, 0, false), Mesurer(objectifs[1]).AvecMutations);
        // Priority households, all leases: 8 of 30 = 26.7 %.
        Assert.Equal(new MesureObjectif(30, 8, 26.7m, 0, false), Mesurer(objectifs[2]).AvecMutations);
        // Réservataire R1: 14 leases, 5 priority = 35.7 %; R2: 16 leases, 3 priority (masked), behind: 3 < 25 % × 16 = 4.
        Assert.Equal(new MesureObjectif(14, 5, 35.7m, 0, false), Mesurer(objectifs[3]).AvecMutations);
        Assert.Equal(new MesureObjectif(16, null, null, null, true), Mesurer(objectifs[4]).AvecMutations);
    }

    [Fact]
    public void Taux_local_de_la_CIA_par_bailleur_et_nombre_de_baux_manquants()
    {
        var epci = Siren.Create("248300543");
        var local = ObjectifMixite.Definir(new ObjectifMixiteId(Guid.NewGuid()), epci, 2026, NatureObjectif.PremierQuartileHorsQpv, null, null, null, 40m, "CIA", DateTimeOffset.UnixEpoch).Valeur;
        var deA = ObjectifMixite.Definir(new ObjectifMixiteId(Guid.NewGuid()), epci, 2026, NatureObjectif.PremierQuartileHorsQpv, A, null, null, 60m, null, DateTimeOffset.UnixEpoch).Valeur;
        var objectifs = IndicateursMixite.Objectifs([deA, local], Baux);
        // The CIA set the first-quartile objectives only: the legal ones stand for the other natures.
        Assert.Equal(6, objectifs.Count);
        Assert.False(objectifs[0].Legal);
        Assert.Equal([false, false, true, true, true, true], objectifs.Select(o => o.Legal));
        // EPCI, 40 %: 6 of 20 = 30.0 %, ⌈40 % × 20⌉ = 8 → 2 more leases to first-quartile households, behind.
        Assert.Equal(new MesureObjectif(20, 6, 30.0m, 2, true), Mesurer(objectifs[0]).AvecMutations);
        // Bailleur A, 60 %: its 12 leases outside QPV, 6 first quartile = 50.0 %, ⌈7.2⌉ = 8 → 2 missing.
        Assert.Equal(A, objectifs[1].Bailleur);
        Assert.Equal(new MesureObjectif(12, 6, 50.0m, 2, true), Mesurer(objectifs[1]).AvecMutations);
        // A commune objective counts only its leases: C2 outside QPV = 8 leases, none first quartile → 0.0 %, ⌈25 % × 8⌉ = 2 missing.
        Assert.Equal(new MesureObjectif(8, 0, 0.0m, 2, true),
            Mesurer(new PorteeObjectif(NatureObjectif.PremierQuartileHorsQpv, 25m, null, C2, null, false)).AvecMutations);
    }

    [Fact]
    public void Sans_seuil_de_l_annee_les_objectifs_de_quartile_ne_sont_pas_mesures()
    {
        var r = Mesurer(new PorteeObjectif(NatureObjectif.PremierQuartileHorsQpv, 25m, null, null, null, true), seuil: null);
        Assert.True(r.SeuilManquant);
        Assert.Equal(20, r.AvecMutations.Baux);
        Assert.Null(r.AvecMutations.TauxAtteint);
        Assert.False(Mesurer(new PorteeObjectif(NatureObjectif.PrioritairesEtDalo, 25m, null, null, null, true), seuil: null).SeuilManquant);
    }

    [Fact]
    public void Trajectoire_mensuelle_cumulee()
    {
        var t = Mesurer(new PorteeObjectif(NatureObjectif.PremierQuartileHorsQpv, 25m, null, null, null, true)).Trajectoire;
        Assert.Equal(12, t.Count);
        Assert.Equal(new PointTrajectoire(2, null, null), t[1]);        // 4 leases so far: masked
        Assert.Equal(new PointTrajectoire(3, null, 100.0m), t[2]);      // 6 of 6 (an empty complement reveals nobody); March added 2: count masked
        Assert.Equal(new PointTrajectoire(6, null, 50.0m), t[5]);       // 6 of 12
        Assert.Equal(new PointTrajectoire(10, null, 30.0m), t[9]);      // 6 of 20, October added 2
        Assert.Equal(new PointTrajectoire(11, 20, 30.0m), t[10]);       // November added none: the count is shown
        Assert.Equal(new PointTrajectoire(12, 20, 30.0m), t[11]);
    }

    /// <summary>
    /// <see cref="IndicateursMixite.Mesurer"/> reads the leases once (counts by month, mutations apart): on random years of leases, every objective
    /// (EPCI, bailleur, commune, réservataire; each nature; with and without threshold; a full or partial year) gives what the plain definition
    /// below gives — the leases of the perimeter filtered again for each month of the trajectory.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void La_mesure_en_un_passage_donne_la_mesure_de_la_definition(int graine)
    {
        var hasard = new Random(graine);
        var communes = new[] { C1, C2, CodeInsee.Create("83126") };
        T Un<T>(IReadOnlyList<T> choix) => choix[hasard.Next(choix.Count)];
        var lignes = Enumerable.Range(0, hasard.Next(50, 400)).Select(_ => new LigneSuivi(new DateOnly(2026, hasard.Next(1, 13), hasard.Next(1, 29)), Un([A, B]),
            Un<ReservataireId?>([R1, R2, null]), Un(communes), hasard.Next(3) == 0, hasard.Next(10) == 0 ? null : hasard.Next(0, 20000), hasard.Next(4) == 0,
            hasard.Next(10) == 0, hasard.Next(5) == 0, hasard.Next(2) == 0 ? Un(communes) : null, hasard.Next(15) == 0)).ToList();
        var portees = new List<PorteeObjectif>();
        foreach (var nature in NaturesObjectif.Toutes)
        {
            portees.Add(new PorteeObjectif(nature, nature.TauxLegal(), null, null, null, true));
            portees.Add(new PorteeObjectif(nature, 30m, A, null, null, false));
            portees.Add(new PorteeObjectif(nature, 40m, B, C2, null, false));
            portees.Add(new PorteeObjectif(nature, 27.5m, null, null, R1, false));
            portees.Add(new PorteeObjectif(nature, 20m, A, C1, R2, false));
        }
        foreach (var o in portees)
            foreach (var seuil in new decimal?[] { Seuil, null })
                foreach (var dernierMois in new[] { 12, hasard.Next(1, 12) })
                {
                    var attendu = MesureDeLaDefinition(o, lignes, seuil, dernierMois);
                    var lu = IndicateursMixite.Mesurer(o, lignes, seuil, dernierMois);
                    Assert.Equal((attendu.SeuilManquant, attendu.AvecMutations, attendu.SansMutations), (lu.SeuilManquant, lu.AvecMutations, lu.SansMutations));
                    Assert.Equal(attendu.Trajectoire, lu.Trajectoire);
                }
        // Not an empty comparison: some objectives are reached by a shown number of leases.
        Assert.Contains(portees, o => IndicateursMixite.Mesurer(o, lignes, Seuil, 12).AvecMutations.Atteint > 0);
    }

    /// <summary>The measure as docs/mixite.md defines it, written plainly: the leases of the perimeter, those that serve, each month's cumulated leases.</summary>
    private static ResultatObjectif MesureDeLaDefinition(PorteeObjectif o, List<LigneSuivi> lignes, decimal? seuil, int dernierMois)
    {
        var dedans = lignes.Where(l => IndicateursMixite.DansPerimetre(o, l)).ToList();
        if (seuil is null && o.Nature != NatureObjectif.PrioritairesEtDalo)
            return new ResultatObjectif(o, true, new MesureObjectif(SecretStatistique.Compte(dedans.Count), null, null, null, false),
                new MesureObjectif(SecretStatistique.Compte(dedans.Count(l => !l.Mutation)), null, null, null, false), []);
        var sert = dedans.Where(l => IndicateursMixite.Sert(o.Nature, l, seuil)).ToList();
        var trajectoire = Enumerable.Range(1, dernierMois).Select(m =>
        {
            var jusque = dedans.Where(l => l.Date.Month <= m).ToList();
            var duMois = dedans.Count(l => l.Date.Month == m);
            return new PointTrajectoire(m, SecretStatistique.Diffusable(duMois) ? SecretStatistique.Compte(jusque.Count) : null,
                SecretStatistique.Taux(jusque.Count(l => IndicateursMixite.Sert(o.Nature, l, seuil)), jusque.Count));
        }).ToList();
        return new ResultatObjectif(o, false, IndicateursMixite.Mesure(o.Taux, dedans.Count, sert.Count),
            IndicateursMixite.Mesure(o.Taux, dedans.Count(l => !l.Mutation), sert.Count(l => !l.Mutation)), trajectoire);
    }

    [Fact]
    public void Repartition_par_bailleur_et_melange_des_quartiles()
    {
        var parBailleur = IndicateursMixite.Repartir(Baux, l => l.Bailleur == A ? "A" : "B", Seuil);
        // A: 12 leases all outside QPV, 6 first quartile = 50.0 %; 3 priority and 3 mutations: masked.
        Assert.Equal(new LigneRepartition("A", 12, 12, 50.0m, 0, null, null, null), parBailleur[0]);
        // B: 18 leases; 8 outside QPV none first quartile = 0.0 %; 10 in QPV, 5 other quartiles = 50.0 %; 5 priority = 27.8 %; 1 mutation: masked.
        Assert.Equal(new LigneRepartition("B", 18, 8, 0.0m, 10, 50.0m, 27.8m, null), parBailleur[1]);
        var melange = IndicateursMixite.Melange(Baux, Seuil);
        // Outside QPV: 6 first quartile, 13 others, 1 unknown of 20 — the unknown is masked, and so is the smallest other part (6), or 20 − 13 − 6
        // would give it back.
        Assert.Equal(new MelangeQuartiles(false, 20, null, 13, null, 0), melange[0]);
        Assert.Equal(new MelangeQuartiles(true, 10, null, 5, null, 0), melange[1]);
    }

    /// <summary>
    /// L441-1: outside QPV, a household rehoused by an urban-renewal operation or an ORCOD serves the first-quartile objective whatever its
    /// income. The same 30 leases, six of them rehousings: outside QPV the first-quartile one of 5 000 € (already counted), three of other quartiles
    /// (9 000, 15 000, 13 000) and the unknown one; in QPV the first-quartile one of 3 000 €.
    /// </summary>
    [Fact]
    public void Les_relogements_ANRU_ou_ORCOD_hors_QPV_servent_l_objectif_du_premier_quartile()
    {
        int[] relogements = [0, 6, 8, 10, 12, 20];
        Assert.Equal([5000m, 9000m, 15000m, null, 13000m, 3000m], relogements.Select(i => Baux[i].RevenuParUc));
        Assert.Equal([false, false, false, false, false, true], relogements.Select(i => Baux[i].EnQpv));
        var baux = Baux.Select((l, i) => relogements.Contains(i) ? l with { RelogementRenouvellement = true } : l).ToList();
        var q1 = new PorteeObjectif(NatureObjectif.PremierQuartileHorsQpv, 25m, null, null, null, true);

        // Outside QPV: 6 first quartile + 4 rehoused of other or unknown quartile = 10 of 20 = 50.0 % (30.0 % without the rehousings).
        var r = IndicateursMixite.Mesurer(q1, baux, Seuil, 12);
        Assert.Equal(new MesureObjectif(20, 10, 50.0m, 0, false), r.AvecMutations);
        // Without the 3 mutations (none rehoused): 4 first quartile + 4 rehoused = 8 of 17 = 47.1 %.
        Assert.Equal(new MesureObjectif(17, 8, 47.1m, 0, false), r.SansMutations);
        // Bailleur A at 60 %: 6 + 3 rehoused = 9 of its 12 = 75 %, on target; its complement of 3 masks the count and the rate.
        Assert.Equal(new MesureObjectif(12, null, null, null, false),
            IndicateursMixite.Mesurer(q1 with { Taux = 60m, Bailleur = A, Legal = false }, baux, Seuil, 12).AvecMutations);
        // Bailleur B: 1 rehoused of 8 outside QPV (13 000 €), no first quartile → 1 of 8, masked, behind (1 < 2).
        Assert.Equal(new MesureObjectif(8, null, null, null, true),
            IndicateursMixite.Mesurer(q1 with { Bailleur = B, Legal = false }, baux, Seuil, 12).AvecMutations);
        // In QPV a rehousing changes nothing: 5 of 10 other quartiles still (the rehoused household of 3 000 € is first quartile).
        Assert.Equal(new MesureObjectif(10, 5, 50.0m, 0, false),
            IndicateursMixite.Mesurer(new PorteeObjectif(NatureObjectif.AutresQuartilesEnQpv, 50m, null, null, null, true), baux, Seuil, 12).AvecMutations);
        // Without the threshold of the year, the objective is not measured, rehousings or not.
        Assert.True(IndicateursMixite.Mesurer(q1, baux, null, 12).SeuilManquant);

        // The split outside / in QPV reads the same rate: 50.0 %.
        Assert.Equal(50.0m, IndicateursMixite.Repartir(baux, l => l.EnQpv ? "En QPV" : "Hors QPV", Seuil).Single(l => l.Cle == "Hors QPV").TauxQ1HorsQpv);
        // The quartile mix counts the rehousings apart (any quartile): 5 outside QPV (complement 15), 1 in QPV masked.
        var melange = IndicateursMixite.Melange(baux, Seuil);
        Assert.Equal(new MelangeQuartiles(false, 20, null, 13, null, 5), melange[0]);
        Assert.Equal(new MelangeQuartiles(true, 10, null, 5, null, null), melange[1]);
    }

    [Theory]
    [InlineData(new[] { 3, 10, 7 }, new[] { -1, 10, -1 })]  // one part masked: the smallest other goes too
    [InlineData(new[] { 0, 3, 2 }, new[] { 0, -1, -1 })]    // two masked already: nothing more
    [InlineData(new[] { 0, 4, 9 }, new[] { 0, -1, -1 })]    // an empty part reveals nobody and hides nothing
    [InlineData(new[] { 5, 6 }, new[] { 5, 6 })]
    public void Masquage_secondaire_des_parties_d_un_total(int[] parties, int[] attendu) =>
        Assert.Equal(attendu.Select(x => x < 0 ? (int?)null : x), IndicateursMixite.MasquerParties(parties));

    [Fact]
    public void Preference_communale()
    {
        DemandeLocale D(CodeInsee? res, params CodeInsee[] souhaits) => new(res, souhaits);
        var demandes = Enumerable.Repeat(D(C1, C1), 5).Concat(Enumerable.Repeat(D(C2, C1), 5))
            .Concat(Enumerable.Repeat(D(C2, C2), 10)).Concat(Enumerable.Repeat(D(null, C2), 10)).ToList();
        var p = IndicateursMixite.Preference([C1, C2], Baux, demandes);
        // C1: 12 leases, 6 to households already living in C1 = 50.0 %; 10 demands naming C1, 5 living there = 50.0 % → 0 points.
        Assert.Equal(new PreferenceCommunale(C1, 12, 50.0m, 10, 50.0m, 0.0m), p[0]);
        // C2: 18 leases, 5 to its residents = 27.8 %; 20 demands, 10 residents = 50.0 % → −22.2 points.
        Assert.Equal(new PreferenceCommunale(C2, 18, 27.8m, 20, 50.0m, -22.2m), p[1]);
    }

    /// <summary>
    /// The application counts the active demands by current commune × wished communes in the database (<see cref="DemandeLocale.Nombre"/>): the
    /// same demands given as counted groups give the same indicator as given one by one (the hand counts above).
    /// </summary>
    [Fact]
    public void Preference_communale_sur_des_demandes_comptees_par_groupe()
    {
        DemandeLocale D(CodeInsee? res, int n, params CodeInsee[] souhaits) => new(res, souhaits, n);
        var groupes = new[] { D(C1, 5, C1), D(C2, 5, C1), D(C2, 10, C2), D(null, 7, C2), D(null, 3, C2) };
        var p = IndicateursMixite.Preference([C1, C2], Baux, groupes);
        Assert.Equal(new PreferenceCommunale(C1, 12, 50.0m, 10, 50.0m, 0.0m), p[0]);
        Assert.Equal(new PreferenceCommunale(C2, 18, 27.8m, 20, 50.0m, -22.2m), p[1]);
        // A group wishing both communes counts in each; 1 to 4 demands naming a commune are masked with their share.
        var deux = IndicateursMixite.Preference([C1, C2], Baux, [D(C1, 3, C1, C2), D(C2, 1, C2)]);
        Assert.Equal((int?)null, deux[0].Demandes);
        Assert.Equal((int?)null, deux[0].PartDemandesResidents);
        Assert.Equal((int?)null, deux[1].Demandes);
        var dix = IndicateursMixite.Preference([C2], Baux, [D(C1, 5, C1, C2), D(C2, 5, C2)]);
        Assert.Equal(((int?)10, (decimal?)50.0m), (dix[0].Demandes, dix[0].PartDemandesResidents));
    }

    [Fact]
    public void Objectif_invalide_refuse_avec_ses_raisons()
    {
        var r = ObjectifMixite.Definir(new ObjectifMixiteId(Guid.NewGuid()), Siren.Create("248300543"), 2010, NatureObjectif.PrioritairesEtDalo, null, null, null, 0m, null, DateTimeOffset.UnixEpoch);
        Assert.False(r.EstReussi);
        Assert.Equal(["annee", "taux"], r.Probleme.Champs.Keys.Order());
    }
}
