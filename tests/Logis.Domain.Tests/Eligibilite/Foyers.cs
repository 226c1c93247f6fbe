using Logis.Domain.Menages;

namespace Logis.Domain.Tests.Eligibilite;

/// <summary>Short hand to write households in test tables: ages are exact at <see cref="Reference"/>.</summary>
internal static class Foyers
{
    public static readonly DateOnly Reference = new(2026, 1, 1);

    public static Personne Demandeur(int age, bool handicap = false) => new(Ne(age), LienPersonne.Demandeur, handicap);

    public static Personne Conjoint(int age, bool handicap = false) => new(Ne(age), LienPersonne.Conjoint, handicap);

    public static Personne Enfant(int age, bool handicap = false, bool gardeAlternee = false) =>
        new(Ne(age), LienPersonne.Enfant, handicap, ACharge: !gardeAlternee, GardeAlternee: gardeAlternee);

    public static Personne Ascendant(int age, bool aCharge = true) => new(Ne(age), LienPersonne.Ascendant, ACharge: aCharge);

    public static DateOnly Ne(int age) => Reference.AddYears(-age);

    /// <summary>A valid household; fails the test at once if the rules refuse it.</summary>
    public static Menage Foyer(decimal revenu, params Personne[] personnes) =>
        Foyer(RevenuRetenu.RevenuFiscalDeReference(revenu), personnes);

    public static Menage Foyer(RevenuRetenu? revenu, params Personne[] personnes)
    {
        var resultat = Menage.Creer(personnes, revenu, Reference);
        Assert.True(resultat.EstReussi, string.Join(" ", resultat.Erreurs));
        return resultat.Valeur;
    }
}
