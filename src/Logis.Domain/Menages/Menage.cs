using Logis.Domain.Commun;

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

public static class LiensPersonne
{
    public static string Libelle(this LienPersonne lien) => lien switch
    {
        LienPersonne.Demandeur => "demandeur",
        LienPersonne.Conjoint => "conjoint",
        LienPersonne.Enfant => "enfant",
        LienPersonne.Ascendant => "ascendant",
        LienPersonne.Autre => "autre personne",
        _ => throw new ArgumentOutOfRangeException(nameof(lien)),
    };
}

/// <summary>
/// A person to be housed, as the eligibility rules see them: birth date, link to the applicant,
/// disability (holder of the carte mobilité inclusion « invalidité » or the former carte d'invalidité)
/// and dependant status (personne à charge, CCH L442-12). A person has no rule of their own: whether
/// they are plausible depends on the household and its reference date, checked by <see cref="Menage.Creer"/>.
/// </summary>
public sealed record Personne(
    DateOnly DateNaissance,
    LienPersonne Lien,
    bool Handicap = false,
    bool ACharge = false,
    bool GardeAlternee = false)
{
    /// <summary>
    /// A child in alternating custody is a dependant in each parent's household
    /// (arrêté du 29 juillet 1987, art. 1), whether or not it was also ticked "à charge".
    /// </summary>
    public bool EstACharge => ACharge || GardeAlternee;

    /// <summary>Age in completed years (âge révolu) at <paramref name="date"/>.</summary>
    public int AgeAu(DateOnly date)
    {
        var age = date.Year - DateNaissance.Year;
        if (date < DateNaissance.AddYears(age)) age--;
        return age;
    }
}

/// <summary>
/// The household (ménage) of a demand, as it stands at a reference date: the persons to be housed
/// (CCH L442-12) and the income retained for the ceilings, if known. Built only through
/// <see cref="Creer"/>, which refuses an impossible household and lists every problem.
/// </summary>
public sealed class Menage
{
    /// <summary>Plausibility bound, not a rule of law: beyond it the birth date is a typing error.</summary>
    public const int AgeMaximal = 130;

    private Menage(IReadOnlyList<Personne> personnes, RevenuRetenu? revenu, DateOnly dateReference)
    {
        Personnes = personnes;
        Revenu = revenu;
        DateReference = dateReference;
    }

    public IReadOnlyList<Personne> Personnes { get; }

    /// <summary>The income retained for the ceilings, with its reason; null while not declared.</summary>
    public RevenuRetenu? Revenu { get; }

    /// <summary>The date at which ages are computed (jeune ménage, consumption units).</summary>
    public DateOnly DateReference { get; }

    public int NombrePersonnes => Personnes.Count;

    public int NombrePersonnesACharge => Personnes.Count(p => p.EstACharge);

    public bool ComprendUnePersonneHandicapee => Personnes.Any(p => p.Handicap);

    public Personne Demandeur => Personnes.Single(p => p.Lien == LienPersonne.Demandeur);

    public Personne? Conjoint => Personnes.SingleOrDefault(p => p.Lien == LienPersonne.Conjoint);

    /// <summary>
    /// The household, or every reason it cannot be one, each under the field it concerns (<c>personnes</c>,
    /// <c>personnes[i].dateNaissance</c>, <c>personnes[i].aCharge</c>, <c>revenu</c>): a form or an API attaches them without reading sentences.
    /// </summary>
    public static Resultat<Menage> Creer(IEnumerable<Personne> personnes, RevenuRetenu? revenu, DateOnly dateReference)
    {
        var liste = personnes.ToArray();
        var problemes = new Dictionary<string, List<string>>();
        void Ajouter(string champ, string message)
        {
            if (!problemes.TryGetValue(champ, out var messages)) problemes[champ] = messages = [];
            messages.Add(message);
        }

        if (liste.Length == 0)
        {
            Ajouter(ChampPersonnes, "Le ménage ne compte aucune personne : indiquez au moins le demandeur.");
        }
        else
        {
            var demandeurs = liste.Count(p => p.Lien == LienPersonne.Demandeur);
            if (demandeurs == 0)
                Ajouter(ChampPersonnes, "Le ménage ne compte aucun demandeur : une personne doit être le demandeur.");
            else if (demandeurs > 1)
                Ajouter(ChampPersonnes, $"Le ménage compte {demandeurs} demandeurs : une demande n'a qu'un seul demandeur.");

            var conjoints = liste.Count(p => p.Lien == LienPersonne.Conjoint);
            if (conjoints > 1)
                Ajouter(ChampPersonnes, $"Le ménage compte {conjoints} conjoints : le demandeur n'a qu'un seul conjoint.");
        }

        for (var i = 0; i < liste.Length; i++)
        {
            var p = liste[i];
            var qui = $"Personne {i + 1} ({p.Lien.Libelle()})";
            if (p.DateNaissance > dateReference)
                Ajouter($"{ChampPersonnes}[{i}].dateNaissance", $"{qui} : la date de naissance {TexteFr.Date(p.DateNaissance)} est postérieure à la date de référence {TexteFr.Date(dateReference)}.");
            else if (p.AgeAu(dateReference) > AgeMaximal)
                Ajouter($"{ChampPersonnes}[{i}].dateNaissance", $"{qui} : un âge de {p.AgeAu(dateReference)} ans n'est pas plausible ({AgeMaximal} ans au plus), vérifiez la date de naissance.");
            if (p.EstACharge && p.Lien is LienPersonne.Demandeur or LienPersonne.Conjoint)
                Ajouter($"{ChampPersonnes}[{i}].aCharge", $"{qui} : le {p.Lien.Libelle()} ne peut pas être une personne à charge.");
        }

        if (revenu is not null)
        {
            foreach (var probleme in revenu.Problemes()) Ajouter(ChampRevenu, probleme);
        }

        return problemes.Count == 0
            ? Resultat.Ok(new Menage(liste, revenu, dateReference))
            : Resultat.Invalide<Menage>(string.Join(" ", problemes.Values.SelectMany(m => m)), problemes.ToDictionary(c => c.Key, c => c.Value.ToArray()));
    }

    /// <summary>The field names of <see cref="Creer"/>'s errors.</summary>
    public const string ChampPersonnes = "personnes";

    public const string ChampRevenu = "revenu";
}
