namespace Logis.Domain.Cotation;

/// <summary>
/// Current housing situation of the applicant, as declared in the demand (Cerfa 14069, « situation
/// actuelle »). The grid reads it through the fact <c>situation_logement</c>.
/// </summary>
public enum SituationLogement : byte
{
    NonRenseignee = 0,
    SansLogement = 1,
    HebergeChezTiers = 2,
    HebergeChezParents = 3,
    StructureHebergement = 4,
    LogementNonDecent = 5,
    ProcedureExpulsion = 6,
    LocataireParcPrive = 7,
    LocataireParcSocial = 8,
    Proprietaire = 9,
    LogementTemporaire = 10,
}

/// <summary>
/// Proof status of a situation that may need a supporting document (décret n° 2019-1378 : some
/// criteria count only once an authorised agent has validated the proof, e.g. violence).
/// </summary>
public enum StatutPreuve : byte
{
    Aucun = 0,
    Declare = 1,
    Valide = 2,
}

/// <summary>
/// The facts a cotation grid reads, flattened from a demand: numbers, flags and small enums only,
/// so that a compiled grid scores a demand without allocating. It carries no rule of its own: it is
/// a snapshot that the demand model fills (one mapping, written next to the demand). Amounts are
/// whole euros per month; <see cref="TauxEffort"/> is a percentage (R441-3-1, arrêté du 10 mars 2011).
/// Each property is published to grid authors under a stable snake_case name in <see cref="CatalogueFaits"/>.
/// </summary>
public readonly record struct FaitsCotation
{
    // Household
    public int TailleMenage { get; init; }
    public int NombreEnfants { get; init; }
    public bool ParentIsole { get; init; }
    public int PersonnesHandicapees { get; init; }
    public int AgeDemandeur { get; init; }

    // Resources (R441-3-1; reste à vivre: local assessment tool, see docs/regles/06-eligibilite.md §6.6)
    public int RessourcesMensuelles { get; init; }
    public int RessourcesParUc { get; init; }
    public double TauxEffort { get; init; }
    /// <summary>Reste à vivre per consumption unit; negative when the rent exceeds the resources.</summary>
    public int ResteAVivreParUc { get; init; }
    /// <summary>Current rent minus the housing allowance (« loyer résiduel », Métropole de Lyon); may be negative.</summary>
    public int LoyerResiduel { get; init; }
    /// <summary>Residual rent over monthly resources, in % (Métropole de Lyon: « taux d'effort » on the rent once the aid is deducted).</summary>
    public double TauxEffortResiduel { get; init; }

    // Current housing
    public SituationLogement SituationLogement { get; init; }
    public bool SurOccupation { get; init; }
    public bool SousOccupation { get; init; }
    /// <summary>Main rooms of the current dwelling (Ville de Paris: persons per room).</summary>
    public int PiecesLogementActuel { get; init; }
    /// <summary>Persons to house per main room of the current dwelling.</summary>
    public double PersonnesParPiece { get; init; }

    // Reasons for the demand (Cerfa « motifs »), with their proof status
    public StatutPreuve MotifViolence { get; init; }
    public StatutPreuve MotifHandicap { get; init; }
    public StatutPreuve MotifSante { get; init; }
    public StatutPreuve MotifSeparation { get; init; }
    public StatutPreuve MotifRapprochementTravail { get; init; }
    public StatutPreuve MotifLogementTropPetit { get; init; }
    public StatutPreuve MotifLogementTropCher { get; init; }
    public StatutPreuve MotifDecohabitation { get; init; }
    public StatutPreuve MotifCongeBailleur { get; init; }

    // Priorities: DALO (L441-2-3) and the L441-1 criteria a) to l)
    public StatutPreuve Dalo { get; init; }
    public StatutPreuve PrioriteA { get; init; }
    public StatutPreuve PrioriteABis { get; init; }
    public StatutPreuve PrioriteB { get; init; }
    public StatutPreuve PrioriteC { get; init; }
    public StatutPreuve PrioriteD { get; init; }
    public StatutPreuve PrioriteE { get; init; }
    public StatutPreuve PrioriteF { get; init; }
    public StatutPreuve PrioriteG { get; init; }
    public StatutPreuve PrioriteH { get; init; }
    public StatutPreuve PrioriteI { get; init; }
    public StatutPreuve PrioriteJ { get; init; }
    public StatutPreuve PrioriteK { get; init; }
    public StatutPreuve PrioriteL { get; init; }
    /// <summary>Household recognised in the priority public of the PDALHPD (Toulouse Métropole: « titulaire PDALHPD »).</summary>
    public StatutPreuve Pdalhpd { get; init; }

    // The demand itself
    public int AncienneteMois { get; init; }
    /// <summary>
    /// The seniority runs past its last whole month by at least one day (deposit on the 15th, today the 16th or later):
    /// « strictly more than 36 months » is then true at 36 whole months. Not a catalogue fact: it makes a comparison
    /// <c>anciennete_mois &gt; n</c> exact to the day.
    /// </summary>
    public bool AncienneteMoisEntamee { get; init; }
    /// <summary>Whole days since the deposit date.</summary>
    public int AncienneteJours { get; init; }
    public bool Mutation { get; init; }
    public int RefusOffresAdaptees { get; init; }
    public int MoisDepuisDernierRefus { get; init; }

    /// <summary>Lives or works in one of the communes wished (CCH L441: never a ground on its own).</summary>
    public bool LienCommune { get; init; }

    /// <summary>
    /// The facts that were not given, one bit per catalogue fact (<see cref="DefinitionFait.Indice"/>): a criterion never
    /// fires on them (<see cref="GrilleCompilee"/>). Zero, the default, means every fact was given.
    /// </summary>
    public ulong NonRenseignes { get; init; }

    /// <summary>Facts with nothing given, to be filled one by one with <see cref="DefinitionFait.Avec"/> (simulations).</summary>
    public static FaitsCotation Vides => new() { NonRenseignes = CatalogueFaits.MasqueTous };
}
