using Logis.Domain.Menages;

namespace Logis.Domain.Eligibilite;

/// <summary>The clause of art. 2 of the arrêté du 29 juillet 1987 that sets a household's category.</summary>
public enum RegleCategorie
{
    NombreDePersonnes = 1,
    PersonneSeuleAvecPersonnesACharge = 2,
    JeuneMenage = 3,
    PersonneHandicapee = 4,

    /// <summary>
    /// The clause applied, as shown to a role that does not see restricted data (Logis.Domain.Acces.AccesDemandes.VoitDonneesSensibles):
    /// the disability clause would reveal a disability card (<see cref="CategorieMenage.SansSituationRestreinte"/>).
    /// </summary>
    SituationRestreinte = 5,
}

/// <summary>
/// The household category for the income ceilings (arrêté du 29 juillet 1987 modifié, art. 2):
/// categories 1 to 6, plus a number of persons beyond category 6, each paid the "par personne
/// supplémentaire" amount. Says which clause applied, in French.
/// </summary>
public sealed class CategorieMenage
{
    public const string SourceLegale = "Arrêté du 29 juillet 1987 modifié, art. 2";

    private CategorieMenage(int numero, int personnesSupplementaires, RegleCategorie regle, string explication)
    {
        Numero = numero;
        PersonnesSupplementaires = personnesSupplementaires;
        Regle = regle;
        Explication = explication;
    }

    /// <summary>1 to 6.</summary>
    public int Numero { get; }

    /// <summary>Persons beyond category 6 (0 for categories 1 to 5).</summary>
    public int PersonnesSupplementaires { get; }

    public RegleCategorie Regle { get; }

    /// <summary>Stable code of the clause applied, for the API and the audit trail.</summary>
    public string CodeRegle => Regle switch
    {
        RegleCategorie.NombreDePersonnes => "categorie.nombre_personnes",
        RegleCategorie.PersonneSeuleAvecPersonnesACharge => "categorie.personne_seule_a_charge",
        RegleCategorie.JeuneMenage => "categorie.jeune_menage",
        RegleCategorie.PersonneHandicapee => "categorie.personne_handicapee",
        RegleCategorie.SituationRestreinte => "categorie.situation_restreinte",
        _ => throw new InvalidOperationException($"Règle inconnue : {Regle}."),
    };

    public string Explication { get; }

    /// <summary>
    /// This category as a role without access to restricted data reads it: the same number (the ceilings follow from it), but a
    /// category set by the disability clause does not say so (docs/protection-des-donnees.md §2 item 8).
    /// </summary>
    public CategorieMenage SansSituationRestreinte() => Regle != RegleCategorie.PersonneHandicapee ? this
        : new CategorieMenage(Numero, PersonnesSupplementaires, RegleCategorie.SituationRestreinte,
            $"Catégorie fixée par une situation à accès restreint : {Libelle} ({SourceLegale}).");

    /// <summary>"catégorie 3", or "catégorie 6 et 2 personnes supplémentaires".</summary>
    public string Libelle => Libeller(Numero, PersonnesSupplementaires);

    /// <summary>
    /// Each clause of art. 2 gives the household a "rank" (category 1 to 6, then 6 + n for each
    /// additional person); the household takes the highest. The clauses do not add up: a single
    /// disabled parent with one child is category 3 by either clause, not 4.
    /// </summary>
    public static CategorieMenage Determiner(Menage menage, ParametresEligibilite parametres)
    {
        var n = menage.NombrePersonnes;
        var aCharge = menage.NombrePersonnesACharge;
        var sommeAgesCouple = menage.Conjoint is { } conjoint
            ? menage.Demandeur.AgeAu(menage.DateReference) + conjoint.AgeAu(menage.DateReference)
            : (int?)null;
        var coupleSansPersonneACharge = sommeAgesCouple is not null && aCharge == 0;

        // Listed from the plainest clause: on a tie, the explanation names the simplest one.
        var clauses = new List<(int Rang, RegleCategorie Regle, string Texte)>
        {
            (n, RegleCategorie.NombreDePersonnes, n == 1
                ? "Personne seule"
                : n == 2 && coupleSansPersonneACharge && sommeAgesCouple > parametres.SommeAgesMaxJeuneMenage
                    ? $"Ménage de {n} personnes (couple dont la somme des âges, {sommeAgesCouple} ans, dépasse {parametres.SommeAgesMaxJeuneMenage} ans : ce n'est pas un jeune ménage)"
                    : $"Ménage de {n} personnes"),
        };
        if (aCharge > 0 && n - aCharge == 1)
            clauses.Add((aCharge + 2, RegleCategorie.PersonneSeuleAvecPersonnesACharge,
                $"Personne seule avec {aCharge} personne{(aCharge > 1 ? "s" : "")} à charge"));
        if (coupleSansPersonneACharge && sommeAgesCouple <= parametres.SommeAgesMaxJeuneMenage)
            clauses.Add((3, RegleCategorie.JeuneMenage,
                $"Jeune ménage : couple sans personne à charge dont la somme des âges ({sommeAgesCouple} ans) ne dépasse pas {parametres.SommeAgesMaxJeuneMenage} ans"));
        if (menage.ComprendUnePersonneHandicapee)
            clauses.Add((n + 1, RegleCategorie.PersonneHandicapee, n == 1
                ? "Personne seule en situation de handicap (carte mobilité inclusion « invalidité »)"
                : $"Ménage de {n} personnes dont au moins une en situation de handicap (carte mobilité inclusion « invalidité »)"));

        var retenue = clauses.MaxBy(c => c.Rang);
        var numero = Math.Min(retenue.Rang, 6);
        var supplementaires = Math.Max(retenue.Rang - 6, 0);
        var gardeAlternee = menage.Personnes.Any(p => p.GardeAlternee)
            ? " Un enfant en garde alternée compte dans le foyer de chacun de ses parents (arrêté du 29 juillet 1987, art. 1)."
            : "";
        return new CategorieMenage(numero, supplementaires, retenue.Regle,
            $"{retenue.Texte} : {Libeller(numero, supplementaires)} ({SourceLegale}).{gardeAlternee}");
    }

    private static string Libeller(int numero, int supplementaires) => supplementaires switch
    {
        0 => $"catégorie {numero}",
        1 => $"catégorie {numero} et 1 personne supplémentaire",
        _ => $"catégorie {numero} et {supplementaires} personnes supplémentaires",
    };
}
