using Logis.Domain.Cotation;
using Logis.Domain.Demandes;
using Logis.Domain.Menages;

namespace Logis.Domain.Tests.Cotation;

/// <summary>
/// Situations of published grids written in the grid format (data/grilles/extraits, sources in each file and in
/// docs/regles/03-cotation.md §3.1), with totals computed by hand; and the rules they need: facts not given never fire a
/// criterion, « strictly more than 36 months » to the day, points per month without a cap, negative quantities, no
/// refusal effect.
/// </summary>
public class GrillesReellesTests
{
    private static GrilleCompilee Extrait(string fichier) =>
        GrillesDemo.Charger(File.ReadAllText(Path.Combine(GrillesDemo.Dossier, "extraits", fichier)));

    private static readonly GrilleCompilee Toulouse = Extrait("toulouse-metropole.json");
    private static readonly GrilleCompilee Lyon = Extrait("metropole-lyon.json");
    private static readonly GrilleCompilee Paris = Extrait("ville-paris.json");

    /// <summary>Only the facts named are given, as in a simulation.</summary>
    private static FaitsCotation Donnes(params (string Nom, double Valeur)[] faits)
    {
        var f = FaitsCotation.Vides;
        foreach (var (nom, valeur) in faits)
        {
            Assert.True(CatalogueFaits.TryTrouver(nom, out var d), nom);
            f = d.Avec(f, valeur);
        }
        return f;
    }

    /// <summary>The fast delegate and the explanation agree, and the explanation's lines add up to the total.</summary>
    private static int Total(GrilleCompilee grille, FaitsCotation faits)
    {
        var explication = grille.Expliquer(in faits);
        Assert.Equal(explication.Total, grille.Calculer(in faits));
        Assert.Equal(explication.Total, explication.Lignes.Sum(l => l.Points));
        return explication.Total;
    }

    /// <summary>The facts of a one-person demand deposited on <paramref name="depot"/>, taken on <paramref name="date"/>.</summary>
    private static FaitsCotation Demande(DateOnly depot, DateOnly date)
    {
        var elements = new ElementsCotation
        {
            Personnes = new[] { new PersonneCotation(LienPersonne.Demandeur, new DateOnly(1985, 6, 1), 1400m) },
            StatutLogement = StatutLogementActuel.LocataireParcPrive,
            LoyerMensuel = 500m,
            DateDepot = depot,
        };
        return FaitsDepuisDemande.Construire(in elements, date);
    }

    private static readonly DateOnly Le20Mars2026 = new(2026, 3, 20);

    // Toulouse Métropole: 1 point per month of seniority without a cap, +20 beyond 36 months, DALO 50, PDALHPD 40.
    [Theory]
    [InlineData(2023, 3, 21, 35)]       // 35 whole months
    [InlineData(2023, 3, 20, 36)]       // exactly 36 months: not « more than 36 months »
    [InlineData(2023, 3, 19, 36 + 20)]  // 36 months and one day
    [InlineData(2014, 3, 20, 144 + 20)] // 12 years: 144 points, no cap
    public void Toulouse_anciennete_un_point_par_mois_sans_plafond_et_plus_de_36_mois_au_jour_pres(int annee, int mois, int jour, int attendu)
    {
        var faits = Demande(new DateOnly(annee, mois, jour), Le20Mars2026);
        Assert.Equal(attendu, Total(Toulouse, faits));
    }

    [Fact]
    public void Toulouse_plus_de_36_mois_a_la_fin_d_un_mois_court()
    {
        // Deposit 31 January 2023: 36 months are reached on 31 January 2026, « more than 36 months » from 1 February.
        Assert.Equal(36, Total(Toulouse, Demande(new DateOnly(2023, 1, 31), new DateOnly(2026, 1, 31))));
        Assert.Equal(36 + 20, Total(Toulouse, Demande(new DateOnly(2023, 1, 31), new DateOnly(2026, 2, 1))));
    }

    [Fact]
    public void Toulouse_public_prioritaire_du_pdalhpd_et_dalo()
    {
        Assert.Equal(12 + 40, Total(Toulouse, Donnes(("anciennete_mois", 12), ("pdalhpd", (int)StatutPreuve.Declare))));
        Assert.Equal(3 + 50, Total(Toulouse, Donnes(("anciennete_mois", 3), ("dalo", (int)StatutPreuve.Valide))));
        // The demand does not record the PDALHPD public yet: no points, and the explanation says the fact was not given.
        var demande = Toulouse.Expliquer(Demande(new DateOnly(2025, 3, 20), Le20Mars2026));
        Assert.Equal(12, demande.Total);
        Assert.Contains(demande.FaitsNonRenseignes, f => f.Nom == "pdalhpd");
    }

    // Métropole de Lyon (published example): threatened with eviction 20, single parent 5, effort rate on the rent after
    // housing allowance too high 10: 35 points, no cap on the total.
    [Fact]
    public void Lyon_exemple_publie_35_points_avec_le_loyer_apres_aides()
    {
        var faits = Donnes(("situation_logement", (int)SituationLogement.ProcedureExpulsion), ("parent_isole", 1),
            ("ressources_mensuelles", 1300), ("loyer_residuel", 500), ("taux_effort_residuel", 38.46));
        Assert.Equal(20 + 5 + 10, Total(Lyon, faits));
        var ligne = Assert.Single(Lyon.Expliquer(in faits).Lignes, l => l.Id == "taux_effort_eleve");
        Assert.Equal("Votre loyer une fois l'aide au logement déduite (500 €) représente 38,46 % de vos ressources : 10 points.", ligne.Explication);
    }

    [Fact]
    public void Lyon_sans_le_loyer_apres_aides_le_critere_ne_compte_pas_et_le_fait_est_signale()
    {
        var faits = Donnes(("situation_logement", (int)SituationLogement.ProcedureExpulsion), ("parent_isole", 1));
        var explication = Lyon.Expliquer(in faits);
        Assert.Equal(25, Total(Lyon, faits));
        Assert.Equal(["taux_effort_residuel"], explication.FaitsNonRenseignes.Select(f => f.Nom));
    }

    [Fact]
    public void Lyon_une_aide_superieure_au_loyer_donne_un_loyer_residuel_negatif()
    {
        var faits = Donnes(("situation_logement", (int)SituationLogement.LocataireParcPrive), ("parent_isole", 0),
            ("loyer_residuel", -20), ("taux_effort_residuel", -1.54));
        Assert.Equal(0, Total(Lyon, faits));
        Assert.Empty(Lyon.Expliquer(in faits).FaitsNonRenseignes);
    }

    // Ville de Paris: in a heading only the strongest criterion counts (2 for no longer living with another person, 1 for
    // living with one's parents); persons per room of the current dwelling (demonstration points: 3 beyond 2 persons per
    // room, strictly); effort rate 0 below 33 % (demonstration points above).
    [Theory]
    [InlineData(2.5, 72.0, 2 + 3 + 4)]
    [InlineData(2.0, 72.0, 2 + 0 + 4)]   // exactly 2 persons per room: not « more than 2 »
    [InlineData(2.01, 32.9, 2 + 3 + 0)]  // below 33 %: no point
    public void Paris_rubrique_exclusive_personnes_par_piece_et_taux_d_effort(double parPiece, double tauxEffort, int attendu)
    {
        var faits = Donnes(("motif_separation", (int)StatutPreuve.Declare), ("situation_logement", (int)SituationLogement.HebergeChezParents),
            ("pieces_logement_actuel", 2), ("personnes_par_piece", parPiece), ("taux_effort", tauxEffort));
        Assert.Equal(attendu, Total(Paris, faits));
    }

    [Fact]
    public void Sans_effet_du_refus_dans_la_grille_un_refus_ne_retire_rien()
    {
        Assert.Null(Toulouse.Grille.Refus);
        Assert.Equal(12, Total(Toulouse, Donnes(("anciennete_mois", 12), ("refus_offres_adaptees", 3))));
    }

    [Fact]
    public void Un_critere_ne_se_declenche_jamais_sur_un_fait_non_donne()
    {
        // The demo grid gives 10 points when the reste à vivre is under 300 €: a simulation given only the seniority used to
        // earn them (the reste à vivre read as 0 €). 24 months: 12 points, nothing else.
        var faits = Donnes(("anciennete_mois", 24));
        var explication = GrillesDemo.Primo.Expliquer(in faits);
        Assert.Equal(12, Total(GrillesDemo.Primo, faits));
        Assert.Equal(["anciennete"], explication.Lignes.Select(l => l.Id));
        Assert.Contains(explication.FaitsNonRenseignes, f => f.Nom == "reste_a_vivre_uc");
        Assert.DoesNotContain(explication.FaitsNonRenseignes, f => f.Nom == "anciennete_mois");
        Assert.Equal(GrillesDemo.Primo.FaitsLus.Count - 1, explication.FaitsNonRenseignes.Count);
    }

    [Fact]
    public void Ou_et_non_sur_des_faits_non_donnes()
    {
        // « ou »: one known true term is enough; « et »: every term must be known; « non » of an unknown stays unknown.
        Assert.Equal(30, Total(GrillesDemo.Primo, Donnes(("motif_violence", (int)StatutPreuve.Valide))));  // priorite_f not given
        Assert.Equal(0, Total(GrillesDemo.Primo, Donnes(("age_demandeur", 25))));
        Assert.Equal(3, Total(GrillesDemo.Primo, Donnes(("age_demandeur", 25), ("taille_menage", 2))));
        var grille = GrillesDemo.Charger(GrilleNon);
        Assert.Equal(0, Total(grille, FaitsCotation.Vides));
        Assert.Equal(7, Total(grille, Donnes(("parent_isole", 0))));
        Assert.Equal(0, Total(grille, Donnes(("parent_isole", 1))));
    }

    private const string GrilleNon = """
        {
          "id": "essai_non", "libelle": "Essai", "territoire": "248300543", "version": "1", "dateEffet": "2026-01-01",
          "nature": "primo-demandeurs",
          "criteres": [
            { "id": "pas_parent_isole", "libelle": "Pas parent isolé", "condition": { "non": { "fait": "parent_isole" } }, "points": 7, "explication": "{points}." }
          ]
        }
        """;

    [Fact]
    public void Un_fait_qui_peut_etre_negatif_accepte_un_seuil_negatif()
    {
        var grille = GrillesDemo.Charger("""
            {
              "id": "essai_negatif", "libelle": "Essai", "territoire": "248300543", "version": "1", "dateEffet": "2026-01-01",
              "nature": "primo-demandeurs",
              "criteres": [
                { "id": "reste_negatif", "libelle": "Reste à vivre négatif", "condition": { "fait": "reste_a_vivre_uc", "op": "<", "valeur": 0 }, "points": 15, "explication": "{points}." },
                { "id": "par_tranche", "libelle": "Par tranche de 100 € au-dessus de −300 €", "points": { "fait": "reste_a_vivre_uc", "parUnite": 1, "tranche": 100, "auDelaDe": -300 }, "explication": "{points}." }
              ]
            }
            """);
        Assert.Equal(15 + 1, Total(grille, Donnes(("reste_a_vivre_uc", -150))));  // −150 is one whole tranche above −300
        Assert.Equal(0 + 3, Total(grille, Donnes(("reste_a_vivre_uc", 0))));
    }
}
