using Logis.Domain.Cotation;

namespace Logis.Domain.Tests.Cotation;

/// <summary>
/// A grid file that breaks a rule is refused with a message naming the line, and nothing is
/// compiled. Each test changes one thing in <see cref="Valide"/>, whose line numbers are fixed.
/// </summary>
public class ChargeurGrilleTests
{
    private const string Valide = """
        {
          "id": "essai",
          "libelle": "Grille d'essai",
          "territoire": "248300543",
          "version": "1",
          "dateEffet": "2026-01-01",
          "nature": "primo-demandeurs",
          "refusOffreAdaptee": { "pointsParRefus": 0, "explication": "Un refus n'a pas d'effet sur la cotation." },
          "groupes": [
            { "id": "logement", "libelle": "Logement", "mode": "exclusif", "plafond": 20 }
          ],
          "criteres": [
            { "id": "sans_logement", "libelle": "Sans logement", "groupe": "logement", "condition": { "fait": "situation_logement", "op": "=", "valeur": "sans_logement" }, "points": 20, "explication": "{points} points." },
            { "id": "anciennete", "libelle": "Ancienneté", "points": { "fait": "anciennete_mois", "parUnite": 1 }, "plafond": 24, "explication": "{anciennete_mois}." }
          ]
        }
        """;

    private const string LigneGroupe = "    { \"id\": \"logement\", \"libelle\": \"Logement\", \"mode\": \"exclusif\", \"plafond\": 20 }";
    private const string FinCriteres = "\"explication\": \"{anciennete_mois}.\" }";

    [Fact]
    public void La_grille_d_essai_est_valide()
    {
        var grille = GrillesDemo.Charger(Valide);
        Assert.Equal(20 + 12, grille.Calculer(new FaitsCotation { SituationLogement = SituationLogement.SansLogement, AncienneteMois = 12 }));
    }

    [Theory]
    [InlineData("\"fait\": \"anciennete_mois\"", "\"fait\": \"anciennete_moi\"", 14, "fait inconnu « anciennete_moi »")]
    [InlineData("\"plafond\": 24", "\"plafond\": -3", 14, "plafond négatif (-3)")]
    [InlineData("\"plafond\": 20", "\"plafond\": -1", 10, "plafond négatif (-1)")]
    [InlineData("\"version\": \"1\",", "", 1, "propriété « version » manquante")]
    [InlineData("\"dateEffet\": \"2026-01-01\",", "", 1, "propriété « dateEffet » manquante")]
    [InlineData("\"2026-01-01\"", "\"01/01/2026\"", 6, "n'est pas une date AAAA-MM-JJ")]
    [InlineData("\"248300543\"", "\"24830054\"", 4, "n'est pas un SIREN")]
    [InlineData("\"id\": \"anciennete\"", "\"id\": \"sans_logement\"", 14, "identifiant « sans_logement » en double")]
    [InlineData("\"points\": 20,", "\"pointz\": 20,", 13, "propriété « pointz » inconnue")]
    [InlineData("\"valeur\": \"sans_logement\"", "\"valeur\": \"a_la_rue\"", 13, "situation de logement inconnue")]
    [InlineData("\"groupe\": \"logement\",", "\"groupe\": \"logemen\",", 13, "groupe inconnu « logemen »")]
    [InlineData("\"points\": 20,", "\"points\": -5,", 13, "ne peut pas appartenir à un groupe exclusif")]
    [InlineData("\"parUnite\": 1 }", "\"parUnite\": 1, \"auDelaDe\": -2 }", 14, "« auDelaDe » ne peut pas être négatif : le fait « anciennete_mois » ne l'est jamais")]
    [InlineData("\"mode\": \"exclusif\"", "\"mode\": \"max\"", 10, "mode « max » inconnu")]
    [InlineData("\"explication\": \"{anciennete_mois}.\"", "\"explication\": \"{anciennete}.\"", 14, "l'explication cite « {anciennete} »")]
    [InlineData("\"pointsParRefus\": 0", "\"pointsParRefus\": 5", 8, "ne peut pas être positif")]
    [InlineData("\"fait\": \"situation_logement\", \"op\": \"=\"", "\"fait\": \"situation_logement\", \"op\": \">\"", 13, "se compare avec = ou != seulement")]
    [InlineData("\"points\": 20, \"explication\": \"{points} points.\" },", "\"points\": 20, \"explication\": \"{points} points.\" }", 14, "JSON mal formé")]
    public void Une_grille_mal_formee_est_refusee_en_nommant_la_ligne(string avant, string apres, int ligne, string message)
    {
        Assert.Contains(avant, Valide, StringComparison.Ordinal);
        AssertErreur(Valide.Replace(avant, apres, StringComparison.Ordinal), ligne, message);
    }

    [Fact]
    public void Un_cycle_entre_groupes_est_refuse()
    {
        var json = Valide.Replace(LigneGroupe, """
                { "id": "logement", "libelle": "Logement", "mode": "exclusif", "groupe": "detail" },
                { "id": "detail", "libelle": "Détail", "mode": "cumul", "groupe": "logement" }
            """.TrimEnd(), StringComparison.Ordinal);
        AssertErreur(json, 10, "cycle entre groupes : logement → detail → logement");
        AssertErreur(json, 11, "cycle entre groupes : detail → logement → detail");
    }

    [Fact]
    public void Un_critere_preuve_requise_doit_lire_une_situation_justifiable() =>
        AssertErreur(Valide.Replace("\"groupe\": \"logement\",", "\"groupe\": \"logement\", \"preuveRequise\": true,", StringComparison.Ordinal),
            13, "ne lit aucune situation justifiable");

    [Fact]
    public void Le_lien_avec_la_commune_exige_une_justification() =>
        AssertErreur(AvecLienCommune(points: 2, justification: null), 15, "doit expliquer en quoi il reste « un critère parmi d'autres »");

    [Fact]
    public void Le_lien_avec_la_commune_justifie_et_leger_est_admis()
    {
        // Theoretical maximum: logement 20 + ancienneté 24 + lien 2 = 46; 2 ≤ 10 % of 46.
        var grille = GrillesDemo.Charger(AvecLienCommune(points: 2, justification: "Un critère parmi d'autres, de faible poids."));
        Assert.Equal(2, grille.Calculer(new FaitsCotation { LienCommune = true }));
    }

    [Fact]
    public void Le_lien_avec_la_commune_ne_peut_pas_dominer() =>
        // 6 > 10 % of (20 + 24 + 6).
        AssertErreur(AvecLienCommune(points: 6, justification: "Un critère parmi d'autres."), 15, "pèsent 6 points sur un maximum théorique de 50");

    [Fact]
    public void Une_grille_sur_le_seul_lien_avec_la_commune_est_refusee()
    {
        const string json = """
            {
              "id": "communale", "libelle": "Préférence communale", "territoire": "248300543", "version": "1",
              "dateEffet": "2026-01-01", "nature": "primo-demandeurs",
              "refusOffreAdaptee": { "pointsParRefus": 0, "explication": "Sans effet." },
              "criteres": [
                { "id": "lien", "libelle": "Lien", "condition": { "fait": "lien_commune" }, "points": 10, "justification": "Un critère parmi d'autres.", "explication": "{points}" }
              ]
            }
            """;
        AssertErreur(json, 6, "ne peut pas reposer sur le seul lien avec la commune");
    }

    [Fact]
    public void Les_paliers_ne_se_chevauchent_pas() =>
        AssertErreur(Valide.Replace("\"points\": { \"fait\": \"anciennete_mois\", \"parUnite\": 1 }",
            "\"points\": { \"fait\": \"anciennete_mois\", \"paliers\": [ { \"auMoins\": 0, \"moinsDe\": 12, \"points\": 1 }, { \"auMoins\": 6, \"points\": 2 } ] }",
            StringComparison.Ordinal), 14, "deux paliers se chevauchent");

    [Fact]
    public void L_erreur_se_lit_ligne_puis_message()
    {
        var resultat = ChargeurGrille.Charger(Valide.Replace("\"plafond\": 24", "\"plafond\": -3", StringComparison.Ordinal));
        Assert.False(resultat.Reussi);
        Assert.Null(resultat.Grille);
        Assert.Equal("ligne 14 : plafond négatif (-3) : un plafond est un nombre de points positif ou nul.", resultat.Erreurs.Single().ToString());
    }

    [Fact]
    public void Toutes_les_erreurs_sont_rapportees_en_une_fois()
    {
        var json = Valide
            .Replace("\"version\": \"1\",", "", StringComparison.Ordinal)
            .Replace("\"fait\": \"anciennete_mois\"", "\"fait\": \"age\"", StringComparison.Ordinal)
            .Replace("\"plafond\": 20", "\"plafond\": -1", StringComparison.Ordinal);
        var erreurs = ChargeurGrille.Charger(json).Erreurs;
        Assert.Equal([1, 10, 14], erreurs.Select(e => e.Ligne));
    }

    private static string AvecLienCommune(int points, string? justification)
    {
        var j = justification is null ? "" : $", \"justification\": \"{justification}\"";
        var lien = $$"""
                { "id": "lien", "libelle": "Lien avec la commune", "condition": { "fait": "lien_commune" }, "points": {{points}}{{j}}, "explication": "{points} points." }
            """;
        return Valide.Replace(FinCriteres, FinCriteres + ",\n" + lien, StringComparison.Ordinal);
    }

    private static void AssertErreur(string json, int ligne, string message)
    {
        var resultat = ChargeurGrille.Charger(json);
        Assert.False(resultat.Reussi, "la grille aurait dû être refusée");
        Assert.True(resultat.Erreurs.Any(e => e.Ligne == ligne && e.Message.Contains(message, StringComparison.Ordinal)),
            $"attendu ligne {ligne} : {message}{Environment.NewLine}reçu :{Environment.NewLine}{string.Join(Environment.NewLine, resultat.Erreurs)}");
    }
}

/// <summary>The JSON Schema that editors use must name exactly the facts the loader knows.</summary>
public class SchemaGrilleTests
{
    private static readonly System.Text.Json.JsonElement Definitions = System.Text.Json.JsonDocument
        .Parse(File.ReadAllText(Path.Combine(GrillesDemo.Dossier, "grille.schema.json"))).RootElement.GetProperty("$defs");

    private static IEnumerable<string> Enumeration(string definition) =>
        Definitions.GetProperty(definition).GetProperty("enum").EnumerateArray().Select(e => e.GetString()!);

    [Fact]
    public void Le_schema_liste_les_faits_du_catalogue()
    {
        Assert.Equal(CatalogueFaits.Tous.Select(f => f.Nom).Order(), Enumeration("fait").Order());
        Assert.Equal(CatalogueFaits.Tous.Where(f => f.Type is TypeFait.Entier or TypeFait.Nombre).Select(f => f.Nom).Order(),
            Enumeration("faitNumerique").Order());
    }

    [Fact]
    public void Le_schema_liste_les_situations_de_logement() =>
        Assert.Equal(CatalogueFaits.CodesSituation.Order(),
            Definitions.GetProperty("valeur").GetProperty("oneOf")[2].GetProperty("enum").EnumerateArray().Select(e => e.GetString()!).Order());
}
