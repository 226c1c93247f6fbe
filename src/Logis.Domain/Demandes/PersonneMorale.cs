using Logis.Domain.Territoire;

namespace Logis.Domain.Demandes;

/// <summary>
/// The legal entities to which a social landlord may let a dwelling to sublet it (CCH L442-8-1 I, version in force since
/// 23 February 2022 [S]: list read on a consolidated copy, docs/contenu-demande.md). One value per indent of the article.
/// </summary>
public enum NaturePersonneMorale
{
    /// <summary>Organisme agréé pour l'intermédiation locative et la gestion locative sociale (L365-4), en vue de sous-louer.</summary>
    OrganismeAgreeIntermediationLocative = 1,

    /// <summary>Organisme déclaré qui sous-loue à titre temporaire à des personnes âgées, handicapées, de moins de 30 ans ou en mobilité professionnelle.</summary>
    OrganismeSousLocationTemporaire = 2,

    /// <summary>Centre régional des œuvres universitaires et scolaires (Code de l'éducation L822-3), pour des étudiants.</summary>
    Crous = 3,

    /// <summary>Association qui favorise le logement des étudiants et gère des résidences universitaires.</summary>
    AssociationLogementEtudiant = 4,

    /// <summary>Personne morale de CASF L444-1, pour des accueillants familiaux et les personnes qu'ils accueillent.</summary>
    AccueilFamilial = 5,

    /// <summary>Centre communal ou intercommunal d'action sociale, pour une sous-location temporaire à des personnes physiques.</summary>
    CentreActionSociale = 6,

    /// <summary>CCAS, CIAS ou association déclarée qui sous-loue meublé pour une courte durée (travailleurs saisonniers, [M] : fin du texte non relue).</summary>
    SousLocationMeubleeCourteDuree = 7,
}

/// <summary>
/// The applicant of a demand made by a legal entity (CCH L442-8-1) : its name, its SIREN and what it is. Such a demand fills
/// only the headings a), b) and h) of R441-2-2 [V] : the entity and its representative, its address, the dwelling sought.
/// The households it will house are not known at this stage : the ceilings apply to the sub-tenants when they enter (team
/// reading of L442-8-1 and L441-1, docs/contenu-demande.md), so the demand has no household, no category and no score.
/// </summary>
public sealed record PersonneMorale(string RaisonSociale, Siren Siren, NaturePersonneMorale Nature)
{
    public const int LongueurMaximumRaisonSociale = 120;

    /// <summary>Why a name cannot be the entity's (trimmed: required, at most <see cref="LongueurMaximumRaisonSociale"/>, one line), or null.</summary>
    public static string? ErreurRaisonSociale(string? raisonSociale)
    {
        var raison = raisonSociale?.Trim() ?? "";
        if (raison.Length == 0) return "La raison sociale de la personne morale est obligatoire.";
        if (raison.Length > LongueurMaximumRaisonSociale) return $"La raison sociale compte au plus {LongueurMaximumRaisonSociale} caractères.";
        if (raison.Any(char.IsControl)) return "La raison sociale ne doit pas contenir de saut de ligne ni de caractère de contrôle.";
        return null;
    }

    /// <summary>What the entity is, in plain French, with the indent of L442-8-1 I it falls under.</summary>
    public static string Libelle(NaturePersonneMorale nature) => nature switch
    {
        NaturePersonneMorale.OrganismeAgreeIntermediationLocative => "Organisme agréé pour l'intermédiation locative et la gestion locative sociale (CCH L365-4)",
        NaturePersonneMorale.OrganismeSousLocationTemporaire => "Organisme déclaré qui sous-loue temporairement (personnes âgées, handicapées, de moins de 30 ans, mobilité professionnelle)",
        NaturePersonneMorale.Crous => "Centre régional des œuvres universitaires et scolaires (Crous), pour des étudiants",
        NaturePersonneMorale.AssociationLogementEtudiant => "Association pour le logement des étudiants",
        NaturePersonneMorale.AccueilFamilial => "Personne morale d'accueil familial (CASF L444-1)",
        NaturePersonneMorale.CentreActionSociale => "Centre communal ou intercommunal d'action sociale (CCAS, CIAS)",
        NaturePersonneMorale.SousLocationMeubleeCourteDuree => "CCAS, CIAS ou association : sous-location meublée de courte durée",
        _ => throw new ArgumentOutOfRangeException(nameof(nature), nature, null),
    };
}
