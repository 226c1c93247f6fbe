using Logis.Domain.Demandes;
using Logis.Domain.Demandes.Synthese;
using Logis.Domain.Territoire;
using static Logis.Domain.Tests.Demandes.Fabrique;

namespace Logis.Domain.Tests.Demandes;

public class DoublonsSynthetiquesTests
{
    private static readonly DateOnly Reference = J(2026, 1, 1);

    private static readonly CommuneDeGeneration[] Communes =
    [
        new(CodeInsee.Create("83137"), "Toulon", "83000", 179_116, 0.15),
        new(CodeInsee.Create("83126"), "La Seyne-sur-Mer", "83500", 63_732, 0.18),
    ];

    private static IReadOnlyList<Demande> Generer(int nombre) =>
        GenerateurDemandes.Generer(new ParametresGeneration(2026, nombre, "083", Reference, Communes, TroisMois, ProfilDemandes.Defaut)).Valeur;

    [Theory]
    [InlineData(5, 0)]
    [InlineData(300, 3)]
    [InlineData(16_000, 16)]
    public void Environ_un_menage_sur_mille_et_au_moins_trois(int total, int attendu) => Assert.Equal(attendu, DoublonsSynthetiques.Nombre(total));

    [Fact]
    public void Chaque_seconde_inscription_est_detectee_la_plus_ancienne_etant_conservee()
    {
        var originales = Generer(1_200);
        var doublons = DoublonsSynthetiques.Creer(originales, 4, Reference);
        Assert.Equal(4, doublons.Count);

        var paires = Doublons.Detecter([.. originales, .. doublons]);
        foreach (var d in doublons)
        {
            var paire = Assert.Single(paires, p => p.PlusRecente == d || p.PlusAncienne == d);
            Assert.Same(d, paire.PlusRecente);
            Assert.True(paire.Score >= Doublons.SeuilParDefaut);
            Assert.True(d.DateDepot <= Reference);
        }
        // Three kinds: same spelling, capitals without accents, married name (same first name and birth date).
        Assert.Contains(paires, p => p.Raisons.Any(r => r.EndsWith("mêmes premier prénom et date de naissance, nom différent", StringComparison.Ordinal)));
        Assert.Contains(paires, p => !p.PlusRecente.Contenu.Demandeur.Nom.Any(char.IsLower)
                                     && p.Raisons.Any(r => r.EndsWith("mêmes nom, premier prénom et date de naissance", StringComparison.Ordinal)));
        // Numbers are new and unique; the generation is deterministic.
        Assert.Equal(originales.Count + 4, originales.Concat(doublons).Select(x => x.Numero.Valeur).Distinct().Count());
        Assert.Equal(doublons.Select(x => x.Numero.Valeur), DoublonsSynthetiques.Creer(Generer(1_200), 4, Reference).Select(x => x.Numero.Valeur));
    }

    [Fact]
    public void La_detection_sur_projections_donne_les_memes_paires()
    {
        var demandes = Generer(1_200).Concat(DoublonsSynthetiques.Creer(Generer(1_200), 4, Reference)).ToList();
        var surDemandes = Doublons.Detecter(demandes).Select(p => (p.PlusAncienne.Numero.Valeur, p.PlusRecente.Numero.Valeur, p.Score));
        var surProjections = Doublons.Detecter(demandes.Select(d => new CandidatDoublon(d.Id, d.Numero, d.DateDepot, d.Contenu)))
            .Select(p => (p.PlusAncienne.Numero.Valeur, p.PlusRecente.Numero.Valeur, p.Score));
        Assert.Equal(surDemandes, surProjections);
        var (score, raisons) = Doublons.Evaluer(demandes[0].Contenu, demandes[0].Contenu);
        Assert.True(score >= 90);
        Assert.Contains(raisons, r => r.StartsWith("demandeur de la demande la plus ancienne", StringComparison.Ordinal)
                                      && r.EndsWith("mêmes nom, premier prénom et date de naissance", StringComparison.Ordinal));
    }
}
