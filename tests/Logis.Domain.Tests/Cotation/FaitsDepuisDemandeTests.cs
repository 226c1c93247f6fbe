using Logis.Domain.Cotation;
using Logis.Domain.Demandes;
using Logis.Domain.Menages;
using Logis.Domain.Territoire;
using static Logis.Domain.Tests.Demandes.Fabrique;

namespace Logis.Domain.Tests.Cotation;

/// <summary>
/// The facts read from a few hand-built demands, checked by hand at 20 March 2026. UC: modified OECD
/// scale (1 for the applicant, 0.5 from 14 years, 0.3 below).
/// </summary>
public class FaitsDepuisDemandeTests
{
    private static readonly DateOnly Date = J(2026, 3, 20);

    private static ContenuDemande ContenuDe(IReadOnlyList<PersonneALoger> personnes, LogementActuel logement, IReadOnlyList<MotifDemande> motifs,
        SituationFamiliale situation = SituationFamiliale.Celibataire, BesoinsHandicap? handicap = null, params CodeInsee[] communes) =>
        ContenuDemande.Creer(personnes,
            new Coordonnees(new AdressePostale("1 rue Nationale", null, "83000", "Toulon"), null, null, false),
            situation, 12000m, logement, motifs, motifs[0], SouhaitsT2(communes), handicap).Valeur;

    private static PersonneALoger Enfant(string prenom, DateOnly naissance) =>
        new("Durand", prenom, naissance, LienPersonne.Enfant, Sexe.Masculin, Nationalite.Francaise, null, null, []);

    [Fact]
    public void Personne_seule_locataire_du_prive()
    {
        // Léa Martin, 35 ans, 1 400 € de salaire, loyer 720 € pour 38 m² à Toulon ; déposée le 15/01/2025.
        var d = NouvelleDemande(J(2025, 1, 15));
        var f = FaitsDepuisDemande.Construire(d, Date);

        Assert.Equal(1, f.TailleMenage);
        Assert.Equal(0, f.NombreEnfants);
        Assert.False(f.ParentIsole);
        Assert.Equal(0, f.PersonnesHandicapees);
        Assert.Equal(35, f.AgeDemandeur);
        Assert.Equal(1400, f.RessourcesMensuelles);
        Assert.Equal(1400, f.RessourcesParUc);
        Assert.Equal(51.43, f.TauxEffort);            // 720 / 1 400
        Assert.Equal(680, f.ResteAVivreParUc);        // (1 400 − 720) / 1
        Assert.Equal(SituationLogement.LocataireParcPrive, f.SituationLogement);
        Assert.False(f.SurOccupation);                // 38 m² ≥ 9 m²
        Assert.Equal(StatutPreuve.Declare, f.MotifLogementTropCher);
        Assert.Equal(StatutPreuve.Declare, f.MotifLogementTropPetit);
        Assert.Equal(StatutPreuve.Aucun, f.MotifViolence);
        Assert.Equal(StatutPreuve.Aucun, f.Dalo);
        Assert.Equal(14, f.AncienneteMois);           // 15/01/2025 → 20/03/2026
        Assert.False(f.Mutation);
        Assert.Equal(0, f.RefusOffresAdaptees);
        Assert.True(f.LienCommune);                   // lives in Toulon, wishes Toulon
    }

    [Fact]
    public void Parent_isole_sur_occupe_avec_violences_validees_et_dalo_declare()
    {
        var mere = Personne("Durand", "Inès", J(1992, 9, 1), salaire: 1200m);
        var contenu = ContenuDe(
            [mere, Enfant("Noé", J(2015, 6, 1)), Enfant("Lou", J(2020, 1, 1)), Enfant("Tom", J(2022, 2, 2)), Enfant("Zoé", J(2024, 3, 3))],
            new LogementActuel(StatutLogementActuel.LocataireParcPrive, LaSeyne, 720m, 38m),
            [MotifDemande.ViolencesFamiliales, MotifDemande.LogementTropPetit],
            SituationFamiliale.Separe, new BesoinsHandicap(false, true, false), Toulon);
        var d = NouvelleDemande(J(2025, 12, 1), contenu);
        Assert.True(d.DeclarerSituationPrioritaire(CriterePrioritaire.ViolencesConjugalesOuSexuelles, null, Le(J(2025, 12, 2)), Agent).EstReussi);
        Assert.True(d.ValiderSituationPrioritaire(CriterePrioritaire.ViolencesConjugalesOuSexuelles, Piece, null, Le(J(2025, 12, 10)), AgentHabilite).EstReussi);
        Assert.True(d.DeclarerSituationPrioritaire(CriterePrioritaire.ReconnuDalo, Dalo(), Le(J(2026, 1, 5)), Agent).EstReussi);

        var f = FaitsDepuisDemande.Construire(d, Date);

        Assert.Equal(5, f.TailleMenage);
        Assert.Equal(4, f.NombreEnfants);
        Assert.True(f.ParentIsole);
        Assert.Equal(1, f.PersonnesHandicapees);
        Assert.Equal(33, f.AgeDemandeur);
        Assert.Equal(545, f.RessourcesParUc);         // 1 200 / (1 + 4 × 0.3)
        Assert.Equal(60, f.TauxEffort);
        Assert.Equal(218, f.ResteAVivreParUc);        // 480 / 2.2
        Assert.True(f.SurOccupation);                 // 38 m² < 16 + 3 × 9 = 43 m² (L822-10)
        Assert.Equal(StatutPreuve.Valide, f.MotifViolence);
        Assert.Equal(StatutPreuve.Valide, f.PrioriteF);
        Assert.Equal(StatutPreuve.Declare, f.Dalo);
        Assert.Equal(StatutPreuve.Aucun, f.MotifHandicap);  // disability needs alone are not the reason "handicap"
        Assert.Equal(3, f.AncienneteMois);
        Assert.False(f.LienCommune);                  // lives in La Seyne, wishes Toulon
        Assert.Equal("famille monoparentale", FaitsDepuisDemande.TypeMenage(d));
    }

    [Fact]
    public void Couple_en_mutation_menace_d_expulsion_dont_un_seul_refus_d_offre_adaptee_compte()
    {
        var contenu = ContenuDe(
            [Personne("Roux", "Paul", J(1960, 5, 20), salaire: 1000m), Personne("Roux", "Anne", J(1962, 7, 1), LienPersonne.Conjoint, salaire: 800m)],
            new LogementActuel(StatutLogementActuel.LocataireParcSocial, Toulon, 450m, 80m),
            [MotifDemande.ProcedureExpulsion, MotifDemande.LogementTropGrand, MotifDemande.RapprochementTravail],
            SituationFamiliale.Marie, null, Toulon);
        var d = NouvelleDemande(J(2024, 3, 20), contenu);
        Assert.True(d.Renouveler(Le(J(2025, 3, 1)), Agent, TroisMois).EstReussi);
        // R441-2-17: only the refusal of an offer its agent qualified as adapted counts. Adapted offer then refusal (counts);
        // offer not qualified adapted then refusal (does not); refusal recorded without an offer (does not).
        var autre = new Logis.Domain.Commun.LogementId(Guid.Parse("00000000-0000-0000-0000-0000000000b2"));
        var sansOffre = new Logis.Domain.Commun.LogementId(Guid.Parse("00000000-0000-0000-0000-0000000000b3"));
        Assert.True(d.NoterOffre(Logement, J(2025, 5, 10), adaptee: true, Le(J(2025, 4, 28)), Agent).EstReussi);
        Assert.True(d.NoterRefus(Logement, MotifRefus.Localisation, Le(J(2025, 5, 2)), Agent).EstReussi);
        Assert.True(d.NoterOffre(autre, J(2025, 12, 1), adaptee: false, Le(J(2025, 11, 20)), Agent).EstReussi);
        Assert.True(d.NoterRefus(autre, MotifRefus.LoyerOuCharges, Le(J(2025, 11, 25)), Agent).EstReussi);
        Assert.True(d.NoterRefus(sansOffre, MotifRefus.Autre, Le(J(2025, 12, 5)), Agent).EstReussi);

        var f = FaitsDepuisDemande.Construire(d, Date);

        Assert.Equal(2, f.TailleMenage);
        Assert.False(f.ParentIsole);
        Assert.Equal(65, f.AgeDemandeur);
        Assert.Equal(1800, f.RessourcesMensuelles);
        Assert.Equal(1200, f.RessourcesParUc);        // 1 800 / 1.5
        Assert.Equal(25, f.TauxEffort);
        Assert.Equal(900, f.ResteAVivreParUc);        // 1 350 / 1.5
        Assert.Equal(SituationLogement.ProcedureExpulsion, f.SituationLogement);
        Assert.True(f.SousOccupation);                // declared "logement trop grand"
        Assert.Equal(StatutPreuve.Declare, f.MotifRapprochementTravail);
        Assert.Equal(24, f.AncienneteMois);           // seniority kept by the renewal
        Assert.True(f.Mutation);
        Assert.Equal(1, f.RefusOffresAdaptees);
        Assert.Equal(10, f.MoisDepuisDernierRefus);   // 02/05/2025 (the adapted offer's refusal) → 20/03/2026
        Assert.Contains(d.Evenements, e => e.Resume == "Offre adaptée refusée : localisation (le refus compte dans la cotation)");
        Assert.Contains(d.Evenements, e => e.Resume == "Offre refusée : loyer ou charges");
        Assert.Equal("couple sans enfant", FaitsDepuisDemande.TypeMenage(d));
    }

    [Fact]
    public void Sans_abri_sans_ressources()
    {
        var contenu = ContenuDe(
            [Personne("Blanc", "Marc", J(2004, 1, 1), salaire: 0m)],
            new LogementActuel(StatutLogementActuel.SansAbri, null, null, null),
            [MotifDemande.SansLogementPropre], communes: Toulon);
        var f = FaitsDepuisDemande.Construire(NouvelleDemande(J(2026, 3, 1), contenu), Date);

        Assert.Equal(SituationLogement.SansLogement, f.SituationLogement);
        Assert.Equal(0, f.RessourcesMensuelles);
        Assert.Equal(0, f.TauxEffort);                // no rent: not computable
        Assert.Equal(0, f.ResteAVivreParUc);
        Assert.False(f.SurOccupation);
        Assert.False(f.LienCommune);
        Assert.Equal(22, f.AgeDemandeur);
        Assert.Equal(0, f.AncienneteMois);
    }

    [Fact]
    public void Les_faits_d_une_demande_donnent_la_cotation_de_la_grille_de_demonstration()
    {
        // Léa Martin on the demo grid: the engine scores the mapped facts like any other.
        var f = FaitsDepuisDemande.Construire(NouvelleDemande(J(2025, 1, 15)), Date);
        var explication = GrillesDemo.Primo.Expliquer(in f);
        Assert.Equal(GrillesDemo.Primo.Calculer(in f), explication.Total);
        Assert.Equal(explication.Total, explication.Lignes.Sum(l => l.Points));
        Assert.True(explication.Total > 0);
    }

    /// <summary>
    /// The housing allowance lowers the rent the effort rate and the rest-to-live count (R441-3-1), and each holder of the
    /// disability card counts. By hand: rent 720 − allowance 220 = 500 over 1 400 → 35,71 %; (1 400 − 500) / 1.5 UC = 600.
    /// </summary>
    [Fact]
    public void L_aide_au_logement_et_les_cartes_d_invalidite_comptent()
    {
        var lea = Personne("Martin", "Léa", J(1990, 4, 12));
        var odette = Personne("Giraud", "Odette", J(1950, 2, 1), LienPersonne.Ascendant, salaire: 0) with { CarteInvalidite = true, ACharge = true };
        var contenu = ContenuDe([lea with { CarteInvalidite = true }, odette],
            new LogementActuel(StatutLogementActuel.LocataireParcPrive, Toulon, 720m, 38m, 220m, "SCI Les Pins", J(2019, 9, 1)),
            [MotifDemande.LogementTropCher]);
        var f = FaitsDepuisDemande.Construire(NouvelleDemande(J(2025, 1, 15), contenu), Date);

        Assert.Equal(2, f.PersonnesHandicapees);
        Assert.Equal(35.71, f.TauxEffort);
        Assert.Equal(600, f.ResteAVivreParUc);
    }

    [Theory]
    [InlineData("2025-01-15", "2026-03-20", 14)]
    [InlineData("2025-01-31", "2025-02-28", 1)]
    [InlineData("2025-01-20", "2025-02-19", 0)]
    [InlineData("2025-01-20", "2025-02-20", 1)]
    [InlineData("2026-03-20", "2026-03-01", 0)]
    public void Mois_entiers(string debut, string fin, int attendu) =>
        Assert.Equal(attendu, FaitsDepuisDemande.MoisEntiers(DateOnly.Parse(debut, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(fin, System.Globalization.CultureInfo.InvariantCulture)));
}

public class DefinitionFaitAvecTests
{
    [Theory]
    [InlineData("anciennete_mois", 14)]
    [InlineData("taux_effort", 45.5)]
    [InlineData("parent_isole", 1)]
    [InlineData("situation_logement", 2)]
    [InlineData("motif_violence", 2)]
    public void Ecrire_puis_lire_un_fait(string nom, double valeur)
    {
        Assert.True(CatalogueFaits.TryTrouver(nom, out var fait));
        var faits = fait.Avec(new FaitsCotation(), valeur);
        Assert.Equal(valeur, fait.Lire(in faits));
    }
}
