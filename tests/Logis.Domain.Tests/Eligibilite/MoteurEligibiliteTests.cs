using FsCheck.Xunit;
using Logis.Domain.Eligibilite;
using Logis.Domain.Menages;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using static Logis.Domain.Tests.Eligibilite.Foyers;

namespace Logis.Domain.Tests.Eligibilite;

public class MoteurEligibiliteTests
{
    private static readonly MoteurEligibilite Moteur = new(DonneesDeReference.Plafonds, ParametresEligibilite.Defaut);
    private const ZonePlafond Ar = ZonePlafond.AutresRegions;

    [Fact]
    public void Un_menage_sous_le_plafond_est_eligible_et_la_decision_dit_pourquoi()
    {
        var menage = Foyer(30_000m, Demandeur(40), Conjoint(38), Enfant(10));

        var decision = Moteur.VerifierEligibilite(2026, Ar, Financement.Plus, menage);

        Assert.Equal(StatutEligibilite.Eligible, decision.Statut);
        Assert.Equal((3, 0, 37_584m, 0m), (decision.Categorie.Numero, decision.Categorie.PersonnesSupplementaires, decision.Plafond!.Montant, decision.Depassement));
        Assert.Equal(["categorie.nombre_personnes", "revenu.rfr_n2", "plafond.applicable", "plafond.respecte"], decision.Motifs.Select(m => m.Code));
        Assert.Equal(
            "Revenu retenu : revenu fiscal de référence 2024 du ménage, 30\u202F000 € (somme des revenus fiscaux de référence de chaque membre du ménage).",
            decision.Motifs[1].Texte);
        Assert.Equal("Plafond de ressources PLUS 2026, zone « Autres régions », catégorie 3 : 37\u202F584 €.", decision.Motifs[2].Texte);
        Assert.Equal("Arrêté du 29 juillet 1987 modifié, annexe I (PLUS) ; CCH R441-1", decision.SourceLegale);
    }

    [Fact]
    public void Un_depassement_est_chiffre_en_euros()
    {
        var decision = Moteur.VerifierEligibilite(2026, Ar, Financement.Plus, Foyer(25_000m, Demandeur(40)));

        Assert.Equal(StatutEligibilite.NonEligible, decision.Statut);
        Assert.Equal(1_597m, decision.Depassement);
        Assert.Equal(
            "Vos revenus retenus (25\u202F000 €) dépassent le plafond (23\u202F403 €) de 1\u202F597 € : vous ne remplissez pas la condition de ressources pour un logement PLUS.",
            decision.Motifs[^1].Texte);
    }

    [Fact]
    public void Un_revenu_egal_au_plafond_est_eligible()
    {
        Assert.True(Moteur.VerifierEligibilite(2026, Ar, Financement.Plus, Foyer(23_403m, Demandeur(40))).EstEligible);
    }

    [Fact]
    public void Sept_personnes_ajoutent_le_montant_par_personne_supplementaire()
    {
        var menage = Foyer(60_000m, [Demandeur(40), Conjoint(40), .. Enumerable.Range(1, 5).Select(i => Enfant(i * 2))]);

        var decision = Moteur.VerifierEligibilite(2026, ZonePlafond.ParisCommunesLimitrophes, Financement.Plus, menage);

        Assert.Equal(84_304m + 9_394m, decision.Plafond!.Montant);
        Assert.Equal("Plafond de ressources PLUS 2026, zone « Paris et communes limitrophes », catégorie 6 et 1 personne supplémentaire : 93\u202F698 € (84\u202F304 € + 1 × 9\u202F394 €).", decision.Motifs[2].Texte);
    }

    [Fact]
    public void Une_annee_inconnue_ne_donne_pas_de_refus_mais_une_decision_non_determinee()
    {
        var decision = Moteur.VerifierEligibilite(1850, Ar, Financement.Plus, Foyer(10_000m, Demandeur(40)));

        Assert.Equal(StatutEligibilite.NonDeterminee, decision.Statut);
        Assert.Null(decision.Plafond);
        Assert.Null(decision.Depassement);
        Assert.Contains(decision.Motifs, m => m.Code == "plafond.inconnu" && m.Texte.Contains("1850", StringComparison.Ordinal));
    }

    [Fact]
    public void Un_revenu_manquant_donne_une_decision_non_determinee()
    {
        var decision = Moteur.VerifierEligibilite(2026, Ar, Financement.Plai, Foyer((RevenuRetenu?)null, Demandeur(40)));

        Assert.Equal(StatutEligibilite.NonDeterminee, decision.Statut);
        Assert.Contains(decision.Motifs, m => m.Code == "revenu.manquant");
        Assert.Contains(decision.Motifs, m => m.Code == "plafond.applicable");
    }

    [Fact]
    public void Toutes_les_donnees_manquantes_sont_dites_ensemble()
    {
        var decision = Moteur.VerifierEligibilite(2026, Ar, Financement.Pli, Foyer((RevenuRetenu?)null, Demandeur(40)));

        Assert.Equal(["categorie.nombre_personnes", "revenu.manquant", "plafond.inconnu"], decision.Motifs.Select(m => m.Code));
    }

    [Fact]
    public void Une_baisse_de_ressources_d_au_moins_10_pour_cent_fait_retenir_les_revenus_recents()
    {
        var revenu = RevenuRetenu.BaisseDeRessources(30_000m, 27_000m, PeriodeRevenus.DouzeDerniersMois);

        var decision = Moteur.VerifierEligibilite(2026, Ar, Financement.Plus, Foyer(revenu, Demandeur(40)));

        Assert.Equal(27_000m, decision.RevenuRetenu);
        Assert.Equal("revenu.baisse_ressources", decision.Motifs[1].Code);
        Assert.Equal(
            "Revenu retenu : vos revenus des douze derniers mois, 27\u202F000 €, car vos ressources ont baissé de 10 % par rapport au revenu fiscal de référence 2024 du ménage, 30\u202F000 € (baisse d'au moins 10 %).",
            decision.Motifs[1].Texte);
    }

    [Fact]
    public void Une_baisse_de_moins_de_10_pour_cent_laisse_le_revenu_fiscal_N_2()
    {
        var revenu = RevenuRetenu.BaisseDeRessources(30_000m, 27_500m, PeriodeRevenus.AnneeN1);

        var decision = Moteur.VerifierEligibilite(2026, Ar, Financement.Plus, Foyer(revenu, Demandeur(40)));

        Assert.Equal(30_000m, decision.RevenuRetenu);
        Assert.Equal(
            "Revenu retenu : revenu fiscal de référence 2024 du ménage, 30\u202F000 €. Vos revenus de l'année 2025 (27\u202F500 €) ne sont pas retenus : la baisse de vos ressources (8,3 %) est inférieure à 10 %.",
            decision.Motifs[1].Texte);
    }

    [Fact]
    public void Un_demandeur_en_instance_de_divorce_n_est_juge_que_sur_ses_revenus()
    {
        var revenu = RevenuRetenu.RevenusPropresDuDemandeur(18_000m, MotifSeparation.InstanceDeDivorce);

        var decision = Moteur.VerifierEligibilite(2026, Ar, Financement.Plus, Foyer(revenu, Demandeur(40), Enfant(8)));

        Assert.True(decision.EstEligible);
        Assert.Equal(new Motif("revenu.separation", "Revenu retenu : vos seuls revenus (18\u202F000 €, revenu fiscal de référence 2024), car vous êtes en instance de divorce : seules les ressources du demandeur comptent.", "CCH L441-1"), decision.Motifs[1]);
    }

    [Property(MaxTest = 300)]
    public bool Un_revenu_plus_eleve_n_est_jamais_plus_eligible(byte demandeur, bool avecConjoint, byte conjoint, byte[] autres, byte revenuA, byte revenuB, byte situation)
    {
        var personnes = Composer(demandeur, avecConjoint, conjoint, autres);
        var (annee, zone, financement) = Situation(situation);
        var (bas, haut) = (Math.Min(revenuA, revenuB) * 500m, Math.Max(revenuA, revenuB) * 500m);

        var decisionBas = Moteur.VerifierEligibilite(annee, zone, financement, Foyer(bas, personnes));
        var decisionHaut = Moteur.VerifierEligibilite(annee, zone, financement, Foyer(haut, personnes));

        return !decisionHaut.EstEligible || decisionBas.EstEligible;
    }

    [Property(MaxTest = 300)]
    public bool Un_menage_plus_grand_n_a_jamais_un_plafond_plus_bas(byte demandeur, bool avecConjoint, byte conjoint, byte[] autres, byte ajout, byte situation)
    {
        var personnes = Composer(demandeur, avecConjoint, conjoint, autres);
        var (annee, zone, financement) = Situation(situation);

        var avant = Moteur.VerifierEligibilite(annee, zone, financement, Foyer(0m, personnes)).Plafond!.Montant;
        var apres = Moteur.VerifierEligibilite(annee, zone, financement, Foyer(0m, [.. personnes, Autre(ajout)])).Plafond!.Montant;

        return apres >= avant;
    }

    /// <summary>Any household the rules accept: each byte sets an age, and by its remainders a link, a disability, a dependant status.</summary>
    private static Personne[] Composer(byte demandeur, bool avecConjoint, byte conjoint, byte[] autres) =>
    [
        Demandeur(18 + demandeur % 80, handicap: demandeur % 7 == 0),
        .. avecConjoint ? [Conjoint(18 + conjoint % 80, handicap: conjoint % 7 == 0)] : Array.Empty<Personne>(),
        .. autres.Take(9).Select(Autre),
    ];

    private static Personne Autre(byte b) => new(
        Ne(b % 90),
        (b % 3) switch { 0 => LienPersonne.Enfant, 1 => LienPersonne.Ascendant, _ => LienPersonne.Autre },
        Handicap: b % 11 == 0,
        ACharge: b % 5 != 0,
        GardeAlternee: b % 13 == 0);

    private static (int Annee, ZonePlafond Zone, Financement Financement) Situation(byte b) =>
        (2020 + b % 7, (ZonePlafond)(1 + b / 7 % 3), (b / 21 % 3) switch { 0 => Financement.Plai, 1 => Financement.Plus, _ => Financement.Pls });
}
