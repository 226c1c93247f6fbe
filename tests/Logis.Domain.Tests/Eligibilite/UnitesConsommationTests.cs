using FsCheck;
using FsCheck.Xunit;
using Logis.Domain.Eligibilite;
using Logis.Domain.Menages;
using static Logis.Domain.Tests.Eligibilite.Foyers;

namespace Logis.Domain.Tests.Eligibilite;

public class UnitesConsommationTests
{
    private static readonly EchelleUnitesConsommation Ocde = EchelleUnitesConsommation.OcdeModifiee;

    public static TheoryData<string, Personne[], decimal> Cas => new()
    {
        { "personne seule", [Demandeur(40)], 1m },
        { "couple", [Demandeur(40), Conjoint(38)], 1.5m },
        { "couple, enfants de 13 et 14 ans", [Demandeur(40), Conjoint(38), Enfant(13), Enfant(14)], 2.3m },
        { "parent seul, trois jeunes enfants", [Demandeur(30), Enfant(1), Enfant(4), Enfant(7)], 1.9m },
        { "demandeur mineur émancipé et ascendant", [Demandeur(17), Ascendant(70)], 1.5m },
    };

    [Theory]
    [MemberData(nameof(Cas))]
    public void Les_unites_suivent_l_echelle_OCDE_modifiee(string cas, Personne[] personnes, decimal attendu)
    {
        Assert.True(attendu == Ocde.UnitesConsommation(Foyer(0m, personnes)), cas);
    }

    [Fact]
    public void Le_revenu_par_unite_divise_le_revenu_annuel()
    {
        var menage = Foyer(0m, Demandeur(40), Conjoint(38), Enfant(13), Enfant(14));

        Assert.Equal(10_000m, Ocde.RevenuParUc(menage, 23_000m));
    }

    [Fact]
    public void L_echelle_se_configure_et_refuse_les_poids_nuls()
    {
        var echelle = EchelleUnitesConsommation.Creer(1m, 0.7m, 0.5m, 15).Valeur!;

        Assert.Equal(2.2m, echelle.UnitesConsommation(Foyer(0m, Demandeur(40), Conjoint(38), Enfant(14))));
        Assert.False(EchelleUnitesConsommation.Creer(1m, 0m, 0.3m, 14).EstReussi);
        Assert.False(EchelleUnitesConsommation.Creer(1m, 0.5m, 0.3m, 0).EstReussi);
    }

    [Property]
    public bool Un_menage_compte_au_moins_une_unite_et_chaque_personne_en_ajoute(byte ageDemandeur, byte[] ages)
    {
        var personnes = new List<Personne> { Demandeur(18 + ageDemandeur % 80) };
        var precedent = Ocde.UnitesConsommation(Foyer(0m, [.. personnes]));
        if (precedent < 1m) return false;
        foreach (var age in ages.Take(12))
        {
            personnes.Add(new Personne(Ne(age % 100), LienPersonne.Autre));
            var suivant = Ocde.UnitesConsommation(Foyer(0m, [.. personnes]));
            if (suivant <= precedent) return false;
            precedent = suivant;
        }
        return true;
    }
}
