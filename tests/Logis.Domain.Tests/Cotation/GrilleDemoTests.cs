using Logis.Domain.Cotation;

namespace Logis.Domain.Tests.Cotation;

/// <summary>
/// Scores of the demo grid (data/grilles/tpm-demo-2026*.json), computed by hand. Each row starts
/// from <see cref="Locataire"/> (tenant of the private sector, 40 years old, effort rate 20 %,
/// 800 € left per UC: 0 point) and changes what the row describes. Reminder of the primo grid:
/// situation (exclusive) sans logement 25, structure / expulsion 20, non décent 15, tiers / temporaire 10,
/// parents 5; size (exclusive) sur-occupation 10, trop petit 4; both capped at 30. Priorities (validated
/// proof) DALO 40, violences 30, handicap 15, ASE 10, others 10, capped at 50. Effort rate 33/40/50/70 %
/// → 5/10/15/20, reste à vivre &lt; 300 € → 10, &lt; 500 € → 5, capped at 25. Seniority 1 pt / 2 months, max 36.
/// Parent isolé 5, jeune ménage (18–29 years, ≥ 2 persons) 3. Motives capped at 8: séparation 4,
/// travail 3 (validated), santé 4 (validated). Lien commune 3. Refusal −10 each, at most −30. Total ≤ 120, ≥ 0.
/// </summary>
public class GrilleDemoTests
{
    private static readonly FaitsCotation Locataire = new()
    {
        TailleMenage = 1,
        AgeDemandeur = 40,
        TauxEffort = 20,
        ResteAVivreParUc = 800,
        SituationLogement = SituationLogement.LocataireParcPrive,
    };

    private const StatutPreuve Declare = StatutPreuve.Declare;
    private const StatutPreuve Valide = StatutPreuve.Valide;

    public static TheoryData<string, FaitsCotation, int> Primo => new()
    {
        { "01 rien de particulier", Locataire, 0 },
        { "02 ancienneté 13 mois : 6 tranches de 2 mois", Locataire with { AncienneteMois = 13 }, 6 },
        { "03 ancienneté 100 mois : plafonnée à 36", Locataire with { AncienneteMois = 100 }, 36 },
        { "04 sans logement 25 + 24 mois 12 + reste à vivre 150 € 10", Locataire with { SituationLogement = SituationLogement.SansLogement, TauxEffort = 0, ResteAVivreParUc = 150, AncienneteMois = 24 }, 47 },
        { "05 chez ses parents 5 + jeune ménage 3 + 6 mois 3", Locataire with { SituationLogement = SituationLogement.HebergeChezParents, AgeDemandeur = 24, TailleMenage = 2, AncienneteMois = 6 }, 11 },
        { "06 chez des tiers 10 + sur-occupé 10 (trop petit 4 non retenu)", Locataire with { SituationLogement = SituationLogement.HebergeChezTiers, SurOccupation = true, MotifLogementTropPetit = Declare }, 20 },
        { "07 sans logement 25 + sur-occupé 10 : logement plafonné à 30", Locataire with { SituationLogement = SituationLogement.SansLogement, SurOccupation = true }, 30 },
        { "08 exemple lyonnais : expulsion 20 + parent isolé 5 + taux d'effort 45 % 10", Locataire with { SituationLogement = SituationLogement.ProcedureExpulsion, ParentIsole = true, TauxEffort = 45, TailleMenage = 2 }, 35 },
        { "09 violences déclarées sans justificatif validé : 0", Locataire with { MotifViolence = Declare }, 0 },
        { "10 violences, justificatif validé : 30", Locataire with { MotifViolence = Valide }, 30 },
        { "11 DALO 40 + violences L441-1 f) 30 : priorités plafonnées à 50", Locataire with { Dalo = Valide, PrioriteF = Valide }, 50 },
        { "12 DALO seulement déclaré 0 + handicap validé 15", Locataire with { Dalo = Declare, PrioriteA = Valide }, 15 },
        { "13 taux d'effort 33 % exactement : 5", Locataire with { TauxEffort = 33 }, 5 },
        { "14 taux d'effort 32,99 % : 0", Locataire with { TauxEffort = 32.99 }, 0 },
        { "15 taux d'effort 69,9 % : 15", Locataire with { TauxEffort = 69.9 }, 15 },
        { "16 taux d'effort 70 % : 20", Locataire with { TauxEffort = 70 }, 20 },
        { "17 reste à vivre 300 € : 5", Locataire with { ResteAVivreParUc = 300 }, 5 },
        { "18 reste à vivre négatif : 10", Locataire with { ResteAVivreParUc = -50 }, 10 },
        { "19 taux 75 % 20 + reste 100 € 10 : ressources plafonnées à 25", Locataire with { TauxEffort = 75, ResteAVivreParUc = 100 }, 25 },
        { "20 séparation 4 + travail 3 + santé 4 : motifs plafonnés à 8", Locataire with { MotifSeparation = Declare, MotifRapprochementTravail = Valide, MotifSante = Valide }, 8 },
        { "21 séparation 4 + santé seulement déclarée 0", Locataire with { MotifSeparation = Declare, MotifSante = Declare }, 4 },
        { "22 lien avec la commune : 3", Locataire with { LienCommune = true }, 3 },
        { "23 jeune ménage à 30 ans : 0", Locataire with { AgeDemandeur = 30, TailleMenage = 3 }, 0 },
        { "24 40 mois 20 − 2 refus 20", Locataire with { AncienneteMois = 40, RefusOffresAdaptees = 2 }, 0 },
        { "25 40 mois 20 − 5 refus (retrait limité à 30) : jamais négatif", Locataire with { AncienneteMois = 40, RefusOffresAdaptees = 5 }, 0 },
        { "26 sans logement 25 + 30 mois 15 − 1 refus 10", Locataire with { SituationLogement = SituationLogement.SansLogement, AncienneteMois = 30, RefusOffresAdaptees = 1 }, 30 },
        { "27 tout : 50 + 30 + 25 + 36 + 5 = 146, plafonné à 120", Tout, 120 },
        { "28 tout − 3 refus : 146 − 30 = 116", Tout with { RefusOffresAdaptees = 3 }, 116 },
    };

    private static readonly FaitsCotation Tout = Locataire with
    {
        Dalo = Valide,
        MotifViolence = Valide,
        SituationLogement = SituationLogement.SansLogement,
        SurOccupation = true,
        TauxEffort = 75,
        ResteAVivreParUc = 100,
        AncienneteMois = 72,
        ParentIsole = true,
        TailleMenage = 3,
    };

    private static readonly FaitsCotation Mutant = Locataire with
    {
        Mutation = true,
        SituationLogement = SituationLogement.LocataireParcSocial,
    };

    /// <summary>
    /// Mutation grid: inadaptation (exclusive) sous-occupation 15, sur-occupation 15, loyer trop cher
    /// (declared and effort ≥ 35 %) 10; situations (validated) handicap 20, violences 30, santé 10,
    /// capped at 40; travail 5; seniority 1 pt / 3 months, max 24, counted from the last refusal;
    /// refusal −5 each, at most −20.
    /// </summary>
    public static TheoryData<string, FaitsCotation, int> Mutation => new()
    {
        { "M1 sous-occupation 15 + 12 mois 4", Mutant with { SousOccupation = true, AncienneteMois = 12 }, 19 },
        { "M2 sur-occupé 15 + 36 mois mais refus il y a 6 mois : 2 − 5", Mutant with { SurOccupation = true, AncienneteMois = 36, RefusOffresAdaptees = 1, MoisDepuisDernierRefus = 6 }, 12 },
        { "M3 handicap 20 + violences 30 + santé 10 → 40 ; sous-occupé 15 (loyer 10 non retenu)", Mutant with { PrioriteA = Valide, MotifViolence = Valide, MotifSante = Valide, SousOccupation = true, MotifLogementTropCher = Declare, TauxEffort = 40 }, 55 },
        { "M4 loyer trop cher déclaré mais taux 30 % : 0", Mutant with { MotifLogementTropCher = Declare, TauxEffort = 30 }, 0 },
        { "M5 primo-demandeur avec le jeu de grilles : grille primo", Locataire with { SousOccupation = true, AncienneteMois = 12 }, 6 },
    };

    [Theory]
    [MemberData(nameof(Primo))]
    public void Grille_primo_demandeurs(string cas, FaitsCotation faits, int attendu)
    {
        Assert.True(attendu == GrillesDemo.Primo.Calculer(faits), cas);
        Assert.Equal(attendu, GrillesDemo.Primo.Expliquer(faits).Total);
    }

    [Theory]
    [MemberData(nameof(Mutation))]
    public void Jeu_de_grilles_avec_grille_mutation(string cas, FaitsCotation faits, int attendu)
    {
        Assert.True(JeuGrilles.TryCreate(GrillesDemo.Primo, GrillesDemo.Mutation, out var jeu, out var raison), raison);
        Assert.True(attendu == jeu!.Calculer(faits), cas);
        Assert.Equal(attendu, jeu.Expliquer(faits).Total);
    }

    [Fact]
    public void Le_maximum_theorique_de_la_grille_primo_est_son_plafond() =>
        Assert.Equal(120, GrillesDemo.Primo.MaximumTheorique);
}
