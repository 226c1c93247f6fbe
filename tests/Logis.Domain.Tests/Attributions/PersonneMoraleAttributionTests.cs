using Logis.Domain.Attributions;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Eligibilite;
using Logis.Domain.Mixite;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Logis.Domain.Tests.Demandes;
using Logis.Domain.Tests.Eligibilite;

namespace Logis.Domain.Tests.Attributions;

/// <summary>
/// The attribution of a dwelling to a legal entity that sublets (CCH L442-8-1, R441-1 2°; docs/personne-morale.md): judged on its wishes only
/// by the pre-selection (household checks « sans objet »), proposed by the landlord on its own contingent or a vacancy handed back only, and
/// counted apart from the social-mix indicators.
/// </summary>
public class PersonneMoraleAttributionTests
{
    private static readonly CodeInsee Toulon = CodeInsee.Create("83137");
    private static readonly MoteurEligibilite Moteur = new(DonneesDeReference.Plafonds, ParametresEligibilite.Defaut);
    private static readonly ParametresPreselection Parametres = new(Moteur, 2026, NormesOccupation.Defaut, EchelleUnitesConsommation.OcdeModifiee, 9_000m, 2026);
    private static readonly LogementAPourvoir T3 = new(Toulon, "Toulon", false, ZonePlafond.AutresRegions, Financement.Plus, Typologie.T3, 3, 62m, 480m, 90m);
    private static readonly Siren Epci = Siren.Create("248300543");
    private static readonly BailleurId Bailleur = new(Guid.Parse("00000000-0000-0000-0000-0000000000b1"));
    private static readonly Acteur Agent = new(new AuteurId(Guid.Parse("00000000-0000-0000-0000-0000000000a1")), "Office public");
    private static readonly DateTimeOffset Le1erDecembre = new(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(1));

    private static ContenuDemande Association(Typologie typologie = Typologie.T3, decimal? loyerMaximum = 650m) =>
        ContenuDemande.CreerPersonneMorale(new PersonneMorale("Habitat et Insertion du Var", Siren.Create("775672272"), NaturePersonneMorale.OrganismeAgreeIntermediationLocative),
            Fabrique.Personne("Martin", "Sophie", new DateOnly(1971, 3, 8), salaire: 0m),
            new Coordonnees(new AdressePostale("12 boulevard de Strasbourg", null, "83000", "Toulon"), null, "contact@association.example", true),
            new Souhaits([typologie], [Toulon], false, loyerMaximum, null, false, false)).Valeur;

    private static CandidatResume Resume(ContenuDemande contenu) =>
        CandidatResume.De(new DemandeId(Guid.NewGuid()), Fabrique.Numero(), new DateOnly(2026, 1, 5), StatutDemande.Active, null, contenu, [], new DateOnly(2026, 6, 1));

    [Fact]
    public void La_preselection_juge_une_personne_morale_sur_ses_souhaits_et_dit_le_reste_sans_objet()
    {
        var resume = Resume(Association());
        Assert.True(resume.PersonneMorale);
        Assert.Null(resume.Menage);

        var l = Preselection.Evaluer(T3, resume, Parametres, voitDonneesRestreintes: false);
        Assert.True(l.Retenue, string.Join(" ", l.Exclusions));
        Assert.Contains("Souhaite Toulon.", l.Motifs);
        Assert.Contains(Preselection.SansObjetPersonneMorale, l.Motifs);
        Assert.Contains("sans objet", l.MotifsCourts(Candidature.LongueurMotifsMax), StringComparison.Ordinal);
        // No household: no persons, category, effort rate, income per UC nor social-mix objective — never a 0.
        Assert.Equal((null, null, null, null, null, null), (l.NombrePersonnes, l.Categorie, l.TauxEffort, l.ResteAVivreParUc, l.RevenuParUc, l.ObjectifMixite));

        // Its wishes still count: a T2 wished is not a T3, a maximum rent under the rent and charges excludes it; no household reason is added.
        var t2 = Preselection.Evaluer(T3, Resume(Association(Typologie.T2, 500m)), Parametres, false);
        Assert.False(t2.Retenue);
        Assert.Equal(2, t2.Exclusions.Count);
        Assert.Contains("Souhaite T2, pas un T3.", t2.Exclusions);
        Assert.Contains(t2.Exclusions, e => e.StartsWith("Loyer et charges (570 €) au-dessus du maximum souhaité (500 €)", StringComparison.Ordinal));
    }

    private static Vacance NouvelleVacance()
    {
        var residence = new Residence(new ResidenceId(Guid.NewGuid()), "Les Pins", "1 rue des Pins", Toulon, null, Bailleur, 1975);
        var logement = Logement.Creer(new LogementId(Guid.NewGuid()), "8300000042", residence, 3, 62, 2, true, false, false, Financement.Plus, 480, 90, null);
        return Vacance.Declarer(new VacanceId(Guid.NewGuid()), Epci, logement, new SaisieVacance(new DateOnly(2026, 12, 20), 480, 90, null), Le1erDecembre, Agent).Valeur;
    }

    [Fact]
    public void Une_personne_morale_se_propose_sur_le_contingent_propre_ou_une_vacance_rendue_pas_sur_celui_d_un_reservataire()
    {
        var association = Fabrique.NouvelleDemande(new DateOnly(2026, 1, 5), Association());
        var menage = Fabrique.NouvelleDemande(new DateOnly(2026, 1, 5), sequence: 2);

        var reservee = NouvelleVacance();
        Assert.True(reservee.Orienter(new ReservataireId(Guid.NewGuid()), false, "Action Logement", 30, null, Le1erDecembre, Agent).EstReussi);
        Assert.False(reservee.CandidatsDuBailleur);
        var refus = Candidature.RefusPersonneMorale(reservee, association);
        Assert.NotNull(refus);
        Assert.Contains("L442-8-1", refus, StringComparison.Ordinal);
        Assert.Contains(association.Numero.Valeur, refus, StringComparison.Ordinal);
        Assert.Null(Candidature.RefusPersonneMorale(reservee, menage));

        // The proposal act refuses it with the field « numeros » and changes nothing.
        var ligne = Preselection.Evaluer(T3, CandidatResume.De(association, null, new DateOnly(2026, 12, 1)), Parametres, false);
        var proposee = Candidature.Proposer(reservee, [(association, ligne)], Le1erDecembre, Agent);
        Assert.False(proposee.EstReussi);
        Assert.Equal(refus, proposee.Probleme!.Champs["numeros"].Single());
        Assert.Equal(StatutVacance.Orientee, reservee.Statut);

        // Handed back the day after the deadline, the landlord may propose it.
        Assert.True(reservee.Rendre(new DateOnly(2027, 1, 1), Le1erDecembre.AddDays(31), Agent).EstReussi);
        Assert.Null(Candidature.RefusPersonneMorale(reservee, association));

        var propre = NouvelleVacance();
        Assert.True(propre.Orienter(new ReservataireId(Guid.NewGuid()), true, "Office (contingent propre)", null, null, Le1erDecembre, Agent).EstReussi);
        Assert.True(propre.CandidatsDuBailleur);
        var faite = Candidature.Proposer(propre, [(association, ligne)], Le1erDecembre, Agent);
        Assert.True(faite.EstReussi, faite.Probleme?.ToString());
        Assert.Contains("sans objet", faite.Valeur.Single().Motifs, StringComparison.Ordinal);
    }

    [Fact]
    public void Un_bail_a_une_personne_morale_est_compte_a_part_et_ne_change_aucun_objectif()
    {
        var b = new BailleurId(Guid.NewGuid());
        var r = new ReservataireId(Guid.NewGuid());
        LigneSuivi Bail(int? revenu, bool morale = false) => new(new DateOnly(2026, 3, 1), b, r, Toulon, false, revenu, false, false, false, null, false, morale);
        // Outside QPV: 5 first-quartile households of 10 (9 000 threshold); and 5 leases to legal entities (no income per UC).
        var baux = new List<LigneSuivi>();
        for (var i = 0; i < 5; i++) baux.AddRange([Bail(5000 + i), Bail(12000 + i), Bail(null, morale: true)]);

        var (menages, morales) = IndicateursMixite.BauxDeMenages(baux);
        Assert.Equal(10, menages.Count);
        Assert.Equal(5, morales);
        Assert.DoesNotContain(menages, l => l.PersonneMorale);

        var objectifs = IndicateursMixite.Objectifs([], menages);
        var q1 = IndicateursMixite.Mesurer(objectifs[0], menages, 9000m, 12);
        Assert.Equal((10, 5, 50.0m), (q1.AvecMutations.Baux, q1.AvecMutations.Atteint, q1.AvecMutations.TauxAtteint));
        Assert.Equal(0, IndicateursMixite.Melange(menages, 9000m)[0].Inconnu);
        // Read with them, they would be five « quartile inconnu » leases lowering the rate to 5 of 15: what the separation avoids.
        Assert.Equal(33.3m, IndicateursMixite.Mesurer(objectifs[0], baux, 9000m, 12).AvecMutations.TauxAtteint);
        Assert.Equal(5, IndicateursMixite.Melange(baux, 9000m)[0].Inconnu);
    }
}
