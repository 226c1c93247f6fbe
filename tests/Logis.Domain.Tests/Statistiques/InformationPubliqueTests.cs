using Logis.Domain.Information;
using Logis.Domain.Patrimoine;
using Logis.Domain.Statistiques;
using Logis.Domain.Territoire;

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

    [Fact]
    public void Dans_un_tableau_les_lignes_les_colonnes_et_les_totaux_ne_laissent_retrouver_aucune_case_masquee()
    {
        // Rows: communes A, B; columns: T2, T3. B × T3 = 2 is masked; B's total (12) is shown, so B × T2 (10) is masked for its row;
        // then column T2 (40) has one masked cell (10), so A × T2 goes, and column T3 (22) likewise A × T3: in a 2 × 2 table whose
        // totals are shown, one small cell masks every cell.
        var (m, lignes, colonnes, total) = MasquageSecondaire.MasquerTableau(new[,] { { 30, 20 }, { 10, 2 } });
        Assert.Equal(new[,] { { true, true }, { true, true } }, m);
        Assert.Equal([false, false], lignes);
        Assert.Equal([false, false], colonnes);
        Assert.False(total);
        // A small commune (row total 3) is masked with its cells; the row totals then have one masked cell: the smallest other goes too.
        var (m2, l2, c2, t2) = MasquageSecondaire.MasquerTableau(new[,] { { 40, 12 }, { 3, 0 }, { 8, 9 } });
        Assert.Equal([false, true, true], l2);
        Assert.True(m2[1, 0]);
        Assert.False(m2[1, 1]); // 0 reveals nobody
        Assert.False(t2);
        // Whatever the table, no row or column with a shown total has exactly one masked non-empty cell.
        var (m3, l3, c3, _) = MasquageSecondaire.MasquerTableau(new[,] { { 1, 50, 7 }, { 6, 0, 2 }, { 9, 9, 9 } });
        for (var i = 0; i < 3; i++) if (!l3[i]) Assert.NotEqual(1, Enumerable.Range(0, 3).Count(j => m3[i, j]));
        for (var j = 0; j < 3; j++) if (!c3[j]) Assert.NotEqual(1, Enumerable.Range(0, 3).Count(i => m3[i, j]));
    }

    [Fact]
    public void Les_statistiques_par_commune_et_typologie_comptees_a_la_main_et_une_petite_commune_masquee()
    {
        var jour = new DateOnly(2026, 6, 1);
        BailObserve B(string c, Typologie t, int attente, bool prio = false) => new(c, t, jour.AddMonths(-attente), jour, prio);
        // Grande: 8 leases of T3 (waits 2, 4, 6, 8, 10, 12, 14, 16 months; 2 priority), 6 of T2 (waits 1 to 6, 3 priority).
        // Petite: 2 leases of T3 (waits 20, 30): a group of 2, masked with everything computed on it.
        var baux = new List<BailObserve>();
        baux.AddRange(Enumerable.Range(1, 8).Select(i => B("11111", Typologie.T3, 2 * i, prio: i <= 2)));
        baux.AddRange(Enumerable.Range(1, 6).Select(i => B("11111", Typologie.T2, i, prio: i <= 3)));
        baux.Add(B("22222", Typologie.T3, 20));
        baux.Add(B("22222", Typologie.T3, 30));
        var demandes = new[]
        {
            new GroupeDemandes([Typologie.T3], ["11111"], false, 40),
            new GroupeDemandes([Typologie.T2, Typologie.T3], ["11111", "22222"], false, 10),
            new GroupeDemandes([Typologie.T2], [], true, 3), // the whole territory: counts in every commune
            new GroupeDemandes([Typologie.T4], ["22222"], false, 2),
        };
        var s = TableauStatistiques.Calculer(["11111", "22222"], demandes, baux);

        var grandeT3 = s[("11111", Typologie.T3)];
        Assert.Equal(50, grandeT3.DemandesActives); // 40 + 10
        // Column T3 (10 leases, shown) would give the small commune back as 10 − 8: Grande × T3 is masked too, and its tension with it;
        // its quartiles stay (8 households). Likewise Grande's total (14) against the territory's (16).
        Assert.Null(grandeT3.Attributions);
        Assert.Null(grandeT3.Tension);
        Assert.Equal(new DelaiAttente(8, 5.5m, 9m, 12.5m), grandeT3.Delai); // h = 7p: 4 + 0.75 × 2, 8 + 0.5 × 2, 12 + 0.25 × 2
        Assert.Null(grandeT3.PartPrioritaires); // 2 priority households of 8: a group of 2
        Assert.Null(s[("11111", null)].Attributions);
        var grandeT2 = s[("11111", Typologie.T2)];
        Assert.Equal(13, grandeT2.DemandesActives); // 10 + 3 (the whole territory)
        Assert.Equal(6, grandeT2.Attributions);
        Assert.Equal(2.2m, grandeT2.Tension); // 13 / 6 = 2.17
        Assert.Null(grandeT2.PartPrioritaires); // 3 of 6: the numerator is a group of 3

        var petiteT3 = s[("22222", Typologie.T3)];
        Assert.Equal(10, petiteT3.DemandesActives);
        Assert.Null(petiteT3.Attributions);
        Assert.Null(petiteT3.Tension);
        Assert.False(petiteT3.Delai.Publie);
        Assert.Null(petiteT3.Delai.MenagesDiffuses);
        Assert.Null(s[("22222", null)].Attributions); // the small commune's total is 2
        Assert.Null(s[("22222", Typologie.T4)].DemandesActives); // 2 demands: « moins de 5 »
        Assert.Equal(0, s[("22222", Typologie.T4)].Attributions);
        Assert.Equal(10, s[(null, Typologie.T3)].Attributions);
        Assert.Equal(6, s[(null, Typologie.T2)].Attributions);
        // Grand total: 16 leases, 55 demands counted once each.
        Assert.Equal(16, s[(null, null)].Attributions);
        Assert.Equal(55, s[(null, null)].DemandesActives);
        // Waits 1 2 2 3 4 4 5 6 6 8 10 12 14 16 20 30, h = 15p: 3 + 0.75 → 3.8, 6 + 0.5 × 0 → 6, 12 + 0.25 × 2 → 12.5.
        Assert.Equal(new DelaiAttente(16, 3.8m, 6m, 12.5m), s[(null, null)].Delai);
    }

    /// <summary>
    /// The table computed in one pass over the leases gives, cell by cell, what its definition gives written plainly: for each commune ×
    /// typology (null: every), the leases of that cell filtered again from the whole list (a commune outside the list only in the totals).
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void Le_tableau_calcule_en_un_passage_donne_chaque_case_de_sa_definition(int graine)
    {
        var hasard = new Random(graine);
        string[] communes = ["11111", "22222", "33333", "44444"];
        string[] lieux = [.. communes, "99999"]; // 99999: a lease outside the list
        var typologies = Enum.GetValues<Typologie>();
        var jour = new DateOnly(2026, 6, 1);
        var baux = Enumerable.Range(0, hasard.Next(20, 300)).Select(_ => new BailObserve(lieux[hasard.Next(hasard.Next(6) == 0 ? lieux.Length : communes.Length)],
            typologies[hasard.Next(typologies.Length)], jour.AddDays(-hasard.Next(0, 2000)), jour.AddDays(hasard.Next(0, 200)), hasard.Next(3) == 0,
            PersonneMorale: hasard.Next(10) == 0)).ToList();
        var demandes = Enumerable.Range(0, hasard.Next(5, 60)).Select(_ => new GroupeDemandes(
            [.. typologies.Where(_ => hasard.Next(3) == 0)], [.. communes.Where(_ => hasard.Next(3) == 0)], hasard.Next(8) == 0, hasard.Next(1, 30))).ToList();

        var s = TableauStatistiques.Calculer(communes, demandes, baux);

        var tableau = new int[communes.Length, typologies.Length];
        foreach (var b in baux.Where(b => communes.Contains(b.Commune))) tableau[Array.IndexOf(communes, b.Commune), Array.IndexOf(typologies, b.Typologie)]++;
        var (mCellules, mLignes, mColonnes, mTotal) = MasquageSecondaire.MasquerTableau(tableau);
        Assert.Equal((communes.Length + 1) * (typologies.Length + 1), s.Count);
        foreach (var c in communes.Select(x => (string?)x).Prepend(null))
            foreach (var t in typologies.Select(x => (Typologie?)x).Prepend(null))
            {
                var ici = baux.Where(b => (c is null || b.Commune == c) && (t is null || b.Typologie == t)).ToList();
                var n = demandes.Where(g => c is null || g.ToutLeTerritoire || g.Communes.Contains(c)).Where(g => t is null || g.Typologies.Contains(t.Value)).Sum(g => g.Nombre);
                var masque = (c, t) switch
                {
                    (null, null) => mTotal,
                    (null, { } x) => mColonnes[Array.IndexOf(typologies, x)],
                    ({ } k, null) => mLignes[Array.IndexOf(communes, k)],
                    ({ } k, { } x) => mCellules[Array.IndexOf(communes, k), Array.IndexOf(typologies, x)],
                };
                var menages = ici.Where(b => !b.PersonneMorale).ToList();
                var attendue = new CelluleStatistique(c, t, SecretStatistique.Compte(n), masque ? null : ici.Count, masque ? null : Tension.Calculer(n, ici.Count),
                    DelaiAttente.DesMenagesLoges(menages.Select(b => (b.Depot, b.Signature))), SecretStatistique.Taux(menages.Count(b => b.Prioritaire), menages.Count));
                Assert.Equal(attendue, s[(c, t)]);
            }
        // Not an empty comparison: some cells show leases and a waiting time.
        Assert.Contains(s.Values, x => x.Attributions > 0 && x.Delai.Publie);
    }

    [Fact]
    public void Un_bail_a_une_personne_morale_est_une_attribution_mais_n_entre_ni_dans_l_attente_ni_dans_la_part_des_prioritaires()
    {
        var jour = new DateOnly(2026, 6, 1);
        // 5 households housed after 1 to 5 months (none priority), and 5 leases to associations that waited 40 months.
        var baux = Enumerable.Range(1, 5).Select(i => new BailObserve("11111", Typologie.T2, jour.AddMonths(-i), jour, false))
            .Concat(Enumerable.Range(1, 5).Select(_ => new BailObserve("11111", Typologie.T2, jour.AddMonths(-40), jour, true, PersonneMorale: true))).ToList();
        var s = TableauStatistiques.Calculer(["11111"], [new GroupeDemandes([Typologie.T2], ["11111"], false, 30)], baux)[("11111", Typologie.T2)];

        Assert.Equal(10, s.Attributions);
        Assert.Equal(3m, s.Tension); // 30 demands for 10 dwellings let
        Assert.Equal(new DelaiAttente(5, 2m, 3m, 4m), s.Delai); // the households' waits 1 to 5 only
        Assert.Equal(0m, s.PartPrioritaires);
    }

    [Fact]
    public void Un_lieu_d_accueil_dit_ce_qu_il_fait_et_celui_qui_enregistre_porte_un_code_de_guichet()
    {
        var epci = Siren.Create("248300543");
        LieuAccueil? Creer(MissionsLieu m, string? guichet, string? commune = "83137", string accessibilite = "Accès de plain-pied") =>
            LieuAccueil.Creer(epci, "ccas-83137", "CCAS de Toulon", TypeLieuAccueil.Ccas, m, "Hôtel de ville", commune, "Le matin", "04 00 00 00 00",
                accessibilite, ["83137", "83137"], guichet).ValeurOuNull;
        var lieu = Creer(MissionsLieu.Informer | MissionsLieu.Accompagner, null)!;
        Assert.Equal("CCAS-83137", lieu.Code);
        Assert.Single(lieu.CommunesServies);
        Assert.True(lieu.Sert(CodeInsee.Create("83137")));
        Assert.False(lieu.Sert(CodeInsee.Create("83069")));
        Assert.Equal(["informer", "accompagner"], LieuAccueil.Codes(lieu.Missions));
        Assert.Null(Creer(MissionsLieu.Enregistrer, null)); // registers: a guichet code is required
        Assert.Null(Creer(MissionsLieu.Informer, "G0001")); // a guichet code without registering
        Assert.NotNull(Creer(MissionsLieu.Enregistrer | MissionsLieu.Informer, "g0030"));
        Assert.Null(Creer(MissionsLieu.Aucune, null));
        Assert.Null(Creer(MissionsLieu.Informer, null, commune: null)); // a place somewhere: its commune
        Assert.Null(Creer(MissionsLieu.Informer, null, accessibilite: "")); // accessibility is always said
        Assert.Equal(MissionsLieu.Informer | MissionsLieu.Enregistrer, LieuAccueil.LireMissions("Informer, enregistrer"));
        Assert.Null(LieuAccueil.LireMissions("loger"));
    }
}
