namespace Logis.Domain.Menages;

/// <summary>Link of a person to the applicant (Cerfa 14069 "lien avec le demandeur").</summary>
public enum LienPersonne
{
    Demandeur = 1,
    Conjoint = 2,
    Enfant = 3,
    Ascendant = 4,
    Autre = 5,
}

/// <summary>
/// A person to be housed, as the eligibility rules see them: birth date, link to the applicant,
/// disability (carte mobilité inclusion « invalidité ») and dependant status (CCH L442-12).
/// A child in alternating custody is a dependant in both parents' households.
/// </summary>
public sealed record Personne(DateOnly DateNaissance, LienPersonne Lien, bool Handicap, bool ACharge, bool GardeAlternee = false)
{
    public int AgeAu(DateOnly date)
    {
        var age = date.Year - DateNaissance.Year;
        if (date < DateNaissance.AddYears(age)) age--;
        return age;
    }
}

/// <summary>
/// The household (ménage) of a demand: the persons to be housed and the household's revenu fiscal
/// de référence of year N-2 (euros per year).
/// </summary>
public sealed record Menage(IReadOnlyList<Personne> Personnes, decimal RevenuFiscalReference)
{
    public int NombrePersonnes => Personnes.Count;
}
