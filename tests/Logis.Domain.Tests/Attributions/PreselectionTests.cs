using FsCheck.Xunit;
using Logis.Domain.Attributions;
using Logis.Domain.Demandes;
using Logis.Domain.Eligibilite;
using Logis.Domain.Menages;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Logis.Domain.Tests.Eligibilite;

namespace Logis.Domain.Tests.Attributions;

/// <summary>
/// The pre-selection (docs/regles/07-attribution.md §7.6): every condition with its reason, the restricted priorities hidden, the Q1 objective,
/// and two properties over random files: every line retained is eligible and suited to the dwelling's size, and the ranking does not depend
/// on the order the demands are read in.
/// </summary>
public class PreselectionTests
{
    private static readonly CodeInsee Toulon = CodeInsee.Create("83137");
    private static readonly CodeInsee LaSeyne = CodeInsee.Create("83126");
    private static readonly DateOnly Jour = new(2026, 6, 1);
    private static readonly MoteurEligibilite Moteur = new(DonneesDeReference.Plafonds, ParametresEligibilite.Defaut);
    private static readonly ParametresPreselection Parametres = new(Moteur, 2026, NormesOccupation.Defaut, EchelleUnitesConsommation.OcdeModifiee, 9_000m, 2026);

    /// <summary>A T3 of 62 m² in Toulon (PLUS), 480 € + 90 €.</summary>
    private static LogementAPourvoir T3(bool qpv = false, Financement f = Financement.Plus) =>
        new(Toulon, "Toulon", qpv, ZonePlafond.AutresRegions, f, Typologie.T3, 3, 62m, 480m, 90m);

    private static CandidatResume Candidat(string numero, int? cotation, int personnes, decimal? rfr, decimal ressources, Typologie typologie = Typologie.T3,
        CodeInsee? commune = null, decimal? loyerMax = null, DateOnly? depot = null, bool active = true, params CriterePrioritaire[] priorites)
    {
        var liste = new List<Personne> { new(new DateOnly(1970, 1, 1), LienPersonne.Demandeur) };
        for (var i = 1; i < personnes; i++) liste.Add(new(new DateOnly(2010, 1, 1).AddDays(i), LienPersonne.Enfant, ACharge: true));
        var menage = Menage.Creer(liste, rfr is { } r ? RevenuRetenu.RevenuFiscalDeReference(r) : null, Jour).Valeur;
        return new CandidatResume(new DemandeId(Guid.NewGuid()), numero, depot ?? new DateOnly(2025, 1, 1), active, cotation, [commune ?? Toulon], false,
            [typologie], loyerMax, menage, ressources, [.. priorites.Select(p => new PrioriteCandidat(p))]);
    }

    [Fact]
    public void Une_demande_qui_remplit_tout_est_retenue_avec_chaque_raison()
    {
        var l = Preselection.Evaluer(T3(), Candidat("A", 120, 2, 15_000m, 1_800m, loyerMax: 600m), Parametres, voitDonneesRestreintes: false);
        Assert.True(l.Retenue);
        Assert.Contains("Souhaite Toulon.", l.Motifs);
        Assert.Contains("Souhaite un T3.", l.Motifs);
        Assert.Contains(l.Motifs, m => m.StartsWith("Loyer et charges (570 €) dans le maximum souhaité", StringComparison.Ordinal));
        Assert.Contains(l.Motifs, m => m.Contains("sous le plafond PLUS 2026", StringComparison.Ordinal));
        Assert.Contains(l.Motifs, m => m.StartsWith("Taille adaptée", StringComparison.Ordinal));
        Assert.Equal(0.3167m, l.TauxEffort);
        Assert.Equal(2, l.NombrePersonnes);
        Assert.Null(l.ObjectifMixite); // 1 800 € × 12 ÷ 1,5 UC = 14 400 € par UC : hors premier quartile, hors QPV.
    }

    [Fact]
    public void Chaque_condition_manquee_donne_sa_raison()
    {
        var l = Preselection.Evaluer(T3(), Candidat("B", 10, 8, 95_000m, 1_000m, Typologie.T5, LaSeyne, loyerMax: 400m, active: false), Parametres, false);
        Assert.False(l.Retenue);
        Assert.Contains("La demande n'est pas active.", l.Exclusions);
        Assert.Contains("Ne souhaite pas Toulon.", l.Exclusions);
        Assert.Contains("Souhaite T5, pas un T3.", l.Exclusions);
        Assert.Contains(l.Exclusions, e => e.StartsWith("Loyer et charges (570 €) au-dessus du maximum souhaité (400 €)", StringComparison.Ordinal));
        Assert.Contains(l.Exclusions, e => e.Contains("au-dessus du plafond PLUS 2026", StringComparison.Ordinal));
        Assert.Contains(l.Exclusions, e => e.StartsWith("Sur-occupation", StringComparison.Ordinal));

        var seul = Preselection.Evaluer(T3(), Candidat("C", 10, 1, null, 1_000m), Parametres, false);
        Assert.Contains(seul.Exclusions, e => e.StartsWith("Sous-occupation", StringComparison.Ordinal));
        Assert.Contains("Revenu fiscal de référence non renseigné : la condition de ressources ne peut pas être vérifiée.", seul.Exclusions);
    }

    [Fact]
    public void Une_priorite_a_acces_restreint_n_est_nommee_qu_aux_roles_qui_la_voient()
    {
        var c = Candidat("D", 300, 2, 12_000m, 700m, priorites: [CriterePrioritaire.ViolencesConjugalesOuSexuelles, CriterePrioritaire.ReconnuDalo]);
        var cache = Preselection.Evaluer(T3(), c, Parametres, voitDonneesRestreintes: false);
        Assert.True(cache.Prioritaire && cache.Dalo);
        Assert.Contains("Ménage prioritaire (situation à accès restreint, validée sur pièce).", cache.Motifs);
        Assert.DoesNotContain(cache.Motifs, m => m.Contains("violence", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain("violence", cache.MotifsCourts(Candidature.LongueurMotifsMax), StringComparison.OrdinalIgnoreCase);
        var vu = Preselection.Evaluer(T3(), c, Parametres, voitDonneesRestreintes: true);
        Assert.Contains(vu.Motifs, m => m.Contains(CriterePrioritaire.ViolencesConjugalesOuSexuelles.Libelle(), StringComparison.Ordinal));
        // 700 € × 12 ÷ 1,5 UC = 5 600 € par UC, sous le seuil de 9 000 € : hors QPV, l'objectif du premier quartile.
        Assert.StartsWith("Hors QPV : ménage du premier quartile", cache.ObjectifMixite, StringComparison.Ordinal);
        Assert.Null(Preselection.Evaluer(T3(qpv: true), c, Parametres, false).ObjectifMixite);
    }

    [Fact]
    public void L_ordre_est_la_cotation_puis_la_date_de_depot_puis_le_numero()
    {
        var lignes = Preselection.Classer(T3(), [
            Candidat("0003", 50, 2, 15_000m, 1_500m, depot: new(2024, 1, 1)),
            Candidat("0002", 80, 2, 15_000m, 1_500m, depot: new(2025, 1, 1)),
            Candidat("0001", 50, 2, 15_000m, 1_500m, depot: new(2024, 1, 1)),
            Candidat("0000", null, 2, 15_000m, 1_500m, depot: new(2020, 1, 1)),
            Candidat("0004", 50, 2, 15_000m, 1_500m, depot: new(2023, 1, 1)),
        ], Parametres, 10, 5, false).Retenues.Select(l => l.Candidat.Numero);
        Assert.Equal(["0002", "0004", "0001", "0003", "0000"], lignes);
    }

    [Fact]
    public void Les_ecartees_les_plus_proches_sont_classees_avant_le_dernier_retenu()
    {
        // 90 over the ceiling, 80 and 60 retained (limit 2), 70 a T5: only 90 and 70 are near misses; 50 (over the ceiling) comes after the
        // last retained and is not read.
        var r = Preselection.Classer(T3(), [
            Candidat("0001", 90, 2, 95_000m, 1_500m),
            Candidat("0002", 80, 2, 15_000m, 1_500m),
            Candidat("0003", 70, 2, 15_000m, 1_500m, Typologie.T5),
            Candidat("0004", 60, 2, 15_000m, 1_500m),
            Candidat("0005", 50, 2, 95_000m, 1_500m),
        ], Parametres, 2, 10, false);
        Assert.Equal(["0002", "0004"], r.Retenues.Select(l => l.Candidat.Numero));
        Assert.Equal(["0001", "0003"], r.Exclues.Select(l => l.Candidat.Numero));
        Assert.True(r.Complete);
        // Fewer retained than asked: the whole input was read, every excluded is listed (up to the maximum), not complete.
        var tous = Preselection.Classer(T3(), [Candidat("0001", 90, 2, 95_000m, 1_500m), Candidat("0005", 50, 2, 95_000m, 1_500m)], Parametres, 2, 10, false);
        Assert.Equal((0, 2, false), (tous.Retenues.Count, tous.Exclues.Count, tous.Complete));
    }

    private static List<CandidatResume> Fichier(int graine, int nombre)
    {
        var h = new Random(graine);
        return [.. Enumerable.Range(0, nombre).Select(i => Candidat($"{i % 7:D3}{i:D5}", h.Next(4) == 0 ? null : h.Next(0, 40), h.Next(1, 8),
            h.Next(5) == 0 ? null : h.Next(0, 60_000), h.Next(0, 5_000), (Typologie)h.Next(1, 7), h.Next(3) == 0 ? LaSeyne : Toulon,
            h.Next(2) == 0 ? null : h.Next(300, 900), new DateOnly(2020, 1, 1).AddDays(h.Next(0, 30)), h.Next(10) > 0))];
    }

    /// <summary>Property: every line retained is active, eligible under the dwelling's ceiling and suited to its size (no over- or under-occupation).</summary>
    [Property(MaxTest = 100)]
    public void Chaque_candidat_retenu_est_eligible_et_adapte_a_la_taille(int graine, bool plai)
    {
        var logement = T3(f: plai ? Financement.Plai : Financement.Plus);
        var r = Preselection.Classer(logement, Fichier(graine, 120), Parametres, 100, 10, false);
        Assert.All(r.Retenues, l =>
        {
            Assert.True(l.Candidat.Active);
            Assert.True(Moteur.VerifierEligibilite(2026, logement.Zone, logement.Financement, l.Candidat.Menage!).EstEligible);
            Assert.True(AdequationLogement.Evaluer(logement.NombrePieces, logement.SurfaceHabitable, l.Candidat.Menage!.NombrePersonnes, NormesOccupation.Defaut).Valeur.EstAdapte);
        });
        Assert.All(r.Exclues, l => Assert.NotEmpty(l.Exclusions));
    }

    /// <summary>Property: the ranking (retained and nearest excluded) is the same whatever the order the demands come in.</summary>
    [Property(MaxTest = 100)]
    public void Le_classement_ne_depend_pas_de_l_ordre_de_lecture(int graine, int melange)
    {
        var fichier = Fichier(graine, 80);
        var melangee = fichier.ToList();
        new Random(melange).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(melangee));
        var a = Preselection.Classer(T3(), fichier, Parametres, 15, 5, false);
        var b = Preselection.Classer(T3(), melangee, Parametres, 15, 5, false);
        Assert.Equal(a.Retenues.Select(l => l.Candidat.Numero), b.Retenues.Select(l => l.Candidat.Numero));
        Assert.Equal(a.Exclues.Select(l => l.Candidat.Numero), b.Exclues.Select(l => l.Candidat.Numero));
    }
}
