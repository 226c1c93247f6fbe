using System.Text.Json.Nodes;
using FsCheck.Xunit;
using Logis.Domain.Cotation;
using Logis.Domain.Territoire;

namespace Logis.Domain.Tests.Cotation;

/// <summary>Invariants of the engine, checked on random demands against both demo grids.</summary>
[Properties(Arbitrary = [typeof(ArbitrairesCotation)])]
public class ProprietesCotationTests
{
    public static readonly GrilleCompilee[] Grilles = [GrillesDemo.Primo, GrillesDemo.Mutation];

    [Property]
    public bool Le_total_est_la_somme_des_lignes(FaitsCotation faits) =>
        Grilles.All(g => g.Expliquer(faits) is var c && c.Total == c.Lignes.Sum(l => l.Points));

    [Property]
    public bool Le_calcul_compile_et_l_explication_donnent_le_meme_total(FaitsCotation faits) =>
        Grilles.All(g => g.Calculer(faits) == g.Expliquer(faits).Total);

    [Property]
    public bool Les_groupes_exclusifs_et_les_plafonds_tiennent(FaitsCotation faits) =>
        Grilles.All(g => RespecteGroupesEtPlafonds(g.Grille, g.Expliquer(faits)));

    [Property(MaxTest = 30)]
    public void L_ordre_des_criteres_ne_change_rien(int graine, FaitsCotation[] demandes)
    {
        foreach (var (texte, grille) in new[] { (GrillesDemo.TextePrimo, GrillesDemo.Primo), (GrillesDemo.TexteMutation, GrillesDemo.Mutation) })
        {
            var melangee = GrillesDemo.Charger(Melanger(texte, new Random(graine)));
            foreach (var faits in demandes)
            {
                Assert.Equal(grille.Calculer(faits), melangee.Calculer(faits));
                Assert.Equal(Resume(grille.Expliquer(faits)), Resume(melangee.Expliquer(faits)));
            }
        }
    }

    [Property]
    public void L_ordre_des_demandes_ne_change_rien(int graine, FaitsCotation[] faits)
    {
        var demandes = Demandes(faits);
        var melangees = demandes.ToArray();
        new Random(graine).Shuffle(melangees);
        var brouillon = GrillesDemo.Charger(GrillesDemo.TextePrimo.Replace("\"points\": 25,", "\"points\": 18,", StringComparison.Ordinal));
        var a = ComparaisonGrilles.Comparer(GrillesDemo.Primo, brouillon, demandes);
        var b = ComparaisonGrilles.Comparer(GrillesDemo.Primo, brouillon, melangees);
        Assert.Equal(a.Changements, b.Changements);
        Assert.Equal(a.ParTypeMenage, b.ParTypeMenage);
        Assert.Equal(a.ParCommune, b.ParCommune);
    }

    [Property]
    public bool Un_brouillon_identique_a_la_grille_en_vigueur_ne_change_personne(FaitsCotation[] faits)
    {
        var rapport = ComparaisonGrilles.Comparer(GrillesDemo.Primo, GrillesDemo.Charger(GrillesDemo.TextePrimo), Demandes(faits));
        return rapport.Gagnants == 0 && rapport.Perdants == 0 && rapport.Changements.Count == 0 && rapport.Inchanges == faits.Length;
    }

    internal static List<DemandeSimulee> Demandes(FaitsCotation[] faits) =>
    [
        .. faits.Select((f, i) => new DemandeSimulee(
            $"083{i:D7}", f, f.TailleMenage > 1 ? "famille" : "personne seule", CodeInsee.Create(i % 2 == 0 ? "83137" : "83069"))),
    ];

    private static string Melanger(string json, Random r)
    {
        var grille = JsonNode.Parse(json)!.AsObject();
        foreach (var nom in new[] { "criteres", "groupes" })
        {
            if (grille[nom] is not JsonArray tableau) continue;
            var elements = tableau.Select(e => e!.DeepClone()).ToArray();
            r.Shuffle(elements);
            grille[nom] = new JsonArray(elements);
        }
        return grille.ToJsonString();
    }

    private static string Resume(CotationExpliquee c) =>
        string.Join(" | ", c.Lignes.Select(l => $"{l.Id} {l.Points} {l.Remarque}")) + $" = {c.Total}";

    private static bool RespecteGroupesEtPlafonds(Grille grille, CotationExpliquee cotation)
    {
        var criteres = grille.Criteres.ToDictionary(c => c.Id);
        bool Sous(string? groupe, string ancetre)
        {
            for (var g = groupe; g is not null; g = grille.Groupes.Single(x => x.Id == g).Parent)
            {
                if (g == ancetre) return true;
            }
            return false;
        }
        var lignesCriteres = cotation.Lignes.Where(l => l.Nature == NatureLigne.Critere).ToList();
        foreach (var g in grille.Groupes)
        {
            var membres = lignesCriteres.Where(l => Sous(criteres[l.Id].Groupe, g.Id)).ToList();
            if (g.Mode == ModeGroupe.Exclusif && membres.Count(l => l.Points != 0 && criteres[l.Id].Groupe == g.Id) > 1) return false;
            var plafonds = cotation.Lignes.Where(l => l.Nature == NatureLigne.PlafondGroupe && (l.Id == g.Id || Sous(l.Id, g.Id)));
            if (g.Plafond is { } p && membres.Sum(l => l.Points) + plafonds.Sum(l => l.Points) > p) return false;
        }
        return lignesCriteres.All(l => criteres[l.Id].Plafond is not { } p || Math.Abs(l.Points) <= p)
            && cotation.Total >= 0
            && cotation.Total <= (grille.PlafondTotal ?? int.MaxValue);
    }
}
