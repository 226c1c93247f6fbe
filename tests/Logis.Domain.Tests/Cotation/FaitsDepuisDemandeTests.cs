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
    public void Couple_en_mutation_menace_d_expulsion_avec_deux_refus()
    {
        var contenu = ContenuDe(
            [Personne("Roux", "Paul", J(1960, 5, 20), salaire: 1000m), Personne("Roux", "Anne", J(1962, 7, 1), LienPersonne.Conjoint, salaire: 800m)],
            new LogementActuel(StatutLogementActuel.LocataireParcSocial, Toulon, 450m, 80m),
            [MotifDemande.ProcedureExpulsion, MotifDemande.LogementTropGrand, MotifDemande.RapprochementTravail],
            SituationFamiliale.Marie, null, Toulon);
        var d = NouvelleDemande(J(2024, 3, 20), contenu);
        Assert.True(d.Renouveler(Le(J(2025, 3, 1)), Agent, TroisMois).EstReussi);
        Assert.True(d.NoterRefus(Logement, MotifRefus.Localisation, Le(J(2025, 5, 2)), Agent).EstReussi);
        Assert.True(d.NoterRefus(Logement, MotifRefus.LoyerOuCharges, Le(J(2025, 11, 25)), Agent).EstReussi);

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
        Assert.Equal(2, f.RefusOffresAdaptees);
        Assert.Equal(3, f.MoisDepuisDernierRefus);    // 25/11/2025 → 20/03/2026
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
