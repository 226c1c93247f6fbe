using Logis.Domain.Menages;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;

namespace Logis.Domain.Demandes;

// The headings of the demand (CCH R441-2-2 a–i) as declared on the Cerfa 14069 or online.
// These records are plain declarations; the rules that bind them are checked once, when they are
// assembled into a ContenuDemande (ContenuDemande.Creer).

public enum Sexe
{
    Feminin = 1,
    Masculin = 2,
}

/// <summary>
/// Nationality, only in the three classes the eligibility rules need (R441-1 1°: French, or regular
/// stay). Origin, place of birth and parents' country are never collected (docs/protection-des-donnees.md §2, item 2).
/// </summary>
public enum Nationalite
{
    Francaise = 1,
    UnionEuropeenne = 2,
    HorsUnionEuropeenne = 3,
}

/// <summary>Professional situation, R441-2-2 d) (Cerfa list [M]).</summary>
public enum SituationProfessionnelle
{
    Cdi = 1,
    Cdd = 2,
    Interim = 3,
    Independant = 4,
    Apprentissage = 5,
    Etudiant = 6,
    DemandeurEmploi = 7,
    Retraite = 8,
    SansActivite = 9,
    Autre = 10,
}

/// <summary>Monthly resources by type, R441-2-2 e); their sum is the "revenus mensuels" field used for Q1 (gazette 988305 [V]).</summary>
public enum TypeRessource
{
    Salaire = 1,
    AllocationChomage = 2,
    Retraite = 3,
    Rsa = 4,
    Aah = 5,
    PrestationsFamiliales = 6,
    PensionAlimentaire = 7,
    Autres = 8,
}

/// <summary>Family situation of the applicant, R441-2-2 c).</summary>
public enum SituationFamiliale
{
    Celibataire = 1,
    Marie = 2,
    Pacse = 3,
    Concubinage = 4,
    Separe = 5,
    Divorce = 6,
    Veuf = 7,
}

/// <summary>Current housing status, R441-2-2 f) (Cerfa list [M]). A sitting social tenant makes the demand a mutation.</summary>
public enum StatutLogementActuel
{
    LocataireParcSocial = 1,
    LocataireParcPrive = 2,
    Proprietaire = 3,
    HebergeParentsOuEnfants = 4,
    HebergeParticulier = 5,
    StructureHebergement = 6,
    LogementTemporaire = 7,
    ResidenceEtudiante = 8,
    Hotel = 9,
    LogementDeFonction = 10,
    SquatOuCamping = 11,
    SansAbri = 12,
    Autre = 13,

    /// <summary>Foyer (jeunes travailleurs, travailleurs migrants, foyer-logement), Cerfa 14069*05 [S].</summary>
    Foyer = 14,

    /// <summary>Résidence sociale or pension de famille (CCH L633-1), Cerfa 14069*05 [S].</summary>
    ResidenceSociale = 15,

    /// <summary>Appartement de coordination thérapeutique (CASF L312-1 I 9°), Cerfa 14069*05 [S].</summary>
    AppartementCoordinationTherapeutique = 16,
}

/// <summary>Reasons for the demand, R441-2-2 g) (Cerfa 14069 list [M]).</summary>
public enum MotifDemande
{
    SansLogementPropre = 1,
    LogementTemporaire = 2,
    LogementNonDecent = 3,
    ProcedureExpulsion = 4,
    LogementReprisOuVendu = 5,
    LogementTropCher = 6,
    LogementTropPetit = 7,
    LogementTropGrand = 8,
    DivorceSeparation = 9,
    Decohabitation = 10,
    ViolencesFamiliales = 11,
    FuturCouple = 12,
    Handicap = 13,
    RaisonsDeSante = 14,
    MutationProfessionnelle = 15,
    RapprochementTravail = 16,
    RapprochementFamille = 17,
    RapprochementServices = 18,
    EnvironnementVoisinage = 19,
    AccedantEnDifficulte = 20,
    Autre = 21,
}

public static class MotifsDemande
{
    /// <summary>
    /// Reasons that reveal violence, disability or health: shown, like the priority situations they echo, only to the roles
    /// that see restricted data (AccesDemandes.VoitDonneesSensibles) — as the score lines they trigger (CatalogueFaits.EstSensible).
    /// </summary>
    public static bool EstRestreint(this MotifDemande motif) => motif is MotifDemande.ViolencesFamiliales or MotifDemande.Handicap or MotifDemande.RaisonsDeSante;
}

/// <summary>Channel through which the demand reached the registration service.</summary>
public enum CanalDepot
{
    EnLigne = 1,
    Guichet = 2,
    Partenaire = 3,
}

/// <summary>
/// How a child of separated parents lives in the household (Cerfa 14069 notice: a child in alternating custody or
/// visited under a droit de visite et d'hébergement is a person living in the household, CCH L442-12 [S]).
/// </summary>
public enum GardeEnfant
{
    /// <summary>Résidence alternée: the child is a dependant of each parent (arrêté du 29 juillet 1987, art. 1).</summary>
    Alternee = 1,

    /// <summary>Droit de visite et d'hébergement: the child lives in the household part of the time.</summary>
    DroitDeVisite = 2,
}

/// <summary>The applicant's declaration that a DALO recourse was lodged (CCH L441-2-3), with its date when known; the priority workflow is separate.</summary>
public sealed record RecoursDalo(DateOnly? DateRecours);

/// <summary>A monthly amount of one type of resource, in euros.</summary>
public sealed record Ressource(TypeRessource Type, decimal MontantMensuel);

/// <summary>
/// A person to be housed, R441-2-2 a), c), d), e), i), per the Cerfa 14069*05: identity, link to the applicant,
/// nationality class, optional NIR, professional situation (employer and commune of the workplace), monthly
/// resources and revenu fiscal de référence N-2; whether the person is the co-applicant (conjoint or future
/// co-holder of the lease), a dependant (personne fiscalement à charge), a child in alternating custody or under a
/// visiting right, and holds the carte mobilité inclusion « invalidité » (category of the household, arrêté du
/// 29 juillet 1987, art. 2). The fields after <see cref="Ressources"/> are optional: a content stored before them reads
/// with their defaults (docs/contenu-demande.md).
/// </summary>
public sealed record PersonneALoger(
    string Nom,
    string Prenoms,
    DateOnly DateNaissance,
    LienPersonne Lien,
    Sexe? Sexe,
    Nationalite? Nationalite,
    Nir? Nir,
    SituationProfessionnelle? SituationProfessionnelle,
    IReadOnlyList<Ressource> Ressources,
    bool CoDemandeur = false,
    bool ACharge = false,
    GardeEnfant? Garde = null,
    bool CarteInvalidite = false,
    decimal? RevenuFiscalReferenceN2 = null,
    string? Employeur = null,
    CodeInsee? CommuneTravail = null)
{
    public decimal RessourcesMensuelles => Ressources.Sum(r => r.MontantMensuel);

    public int AgeAu(DateOnly date)
    {
        var age = date.Year - DateNaissance.Year;
        if (date < DateNaissance.AddYears(age)) age--;
        return age;
    }
}

public sealed record AdressePostale(string Ligne1, string? Ligne2, string CodePostal, string Commune);

/// <summary>Address and contact details, R441-2-2 b). E-mail is used for notices only if accepted (R441-2-7).</summary>
public sealed record Coordonnees(AdressePostale Adresse, string? Telephone, string? Courriel, bool AccepteCourriel);

/// <summary>
/// Current housing, R441-2-2 f): status, monthly rent (if any) and surface; per the Cerfa 14069*05, the monthly housing
/// allowance received (APL or AL), the current landlord and the date of entry. The last three are optional (older contents).
/// </summary>
public sealed record LogementActuel(
    StatutLogementActuel Statut,
    CodeInsee? Commune,
    decimal? LoyerMensuel,
    decimal? Surface,
    decimal? AideLogementMensuelle = null,
    string? Bailleur = null,
    DateOnly? DateEntree = null)
{
    /// <summary>Rent left to pay after the housing allowance (never below 0); null without a rent.</summary>
    public decimal? LoyerResiduel => LoyerMensuel is { } loyer ? Math.Max(loyer - (AideLogementMensuelle ?? 0m), 0m) : null;
}

/// <summary>
/// Wishes, R441-2-2 h): typologies, up to <see cref="ContenuDemande.NombreMaximumCommunes"/> communes or the
/// whole EPCI, maximum rent, floor and lift, accessibility for reduced mobility.
/// </summary>
public sealed record Souhaits(
    IReadOnlyList<Typologie> Typologies,
    IReadOnlyList<CodeInsee> Communes,
    bool ToutEpci,
    decimal? LoyerMaximum,
    int? EtageMaximum,
    bool AscenseurNecessaire,
    bool AccessiblePmr);

/// <summary>Disability needs requiring an adapted dwelling, R441-2-2 i) (Cerfa "complément handicap").</summary>
public sealed record BesoinsHandicap(bool FauteuilRoulant, bool MobiliteReduite, bool AutreAdaptation);
