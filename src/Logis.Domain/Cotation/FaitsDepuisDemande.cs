using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Eligibilite;
using Logis.Domain.Menages;

namespace Logis.Domain.Cotation;

/// <summary>
/// The one mapping from a demand (<see cref="Demande"/>) to the facts a grid reads
/// (<see cref="FaitsCotation"/>), taken at a date. Pure: the same demand at the same date always gives
/// the same facts. Where the demand does not record a fact, the mapping says what it assumes.
/// </summary>
public static class FaitsDepuisDemande
{
    /// <summary>
    /// The facts of <paramref name="demande"/> at <paramref name="date"/>. Consumption units follow
    /// <paramref name="echelle"/> (default: modified OECD scale, <see cref="EchelleUnitesConsommation.OcdeModifiee"/>);
    /// over-occupancy follows <paramref name="normes"/> (default: CCH L822-10).
    /// </summary>
    public static FaitsCotation Construire(Demande demande, DateOnly date, EchelleUnitesConsommation? echelle = null, NormesOccupation? normes = null)
    {
        var elements = Elements(demande);
        return Construire(in elements, date, echelle, normes);
    }

    /// <summary>
    /// What the facts of <paramref name="demande"/> are built from, at any date: persons, current housing, reasons, priority
    /// situations, refusals, deposit date. Stored with each demand (<c>cotation_demande</c>) so that the batch rescoring reads
    /// them without loading the aggregate.
    /// </summary>
    public static ElementsCotation Elements(Demande demande)
    {
        ArgumentNullException.ThrowIfNull(demande);
        var c = demande.Contenu;
        var personnes = new PersonneCotation[c.Personnes.Count];
        for (var i = 0; i < personnes.Length; i++)
        {
            var p = c.Personnes[i];
            personnes[i] = new PersonneCotation(p.Lien, p.DateNaissance, p.RessourcesMensuelles, p.CarteInvalidite);
        }
        var elements = new ElementsCotation
        {
            Personnes = personnes,
            Handicap = c.Handicap is not null,
            // A legal entity's demand has no current housing (it is never scored: CoteurDemandes); "autre" keeps the elements whole.
            StatutLogement = c.LogementActuel?.Statut ?? StatutLogementActuel.Autre,
            LoyerMensuel = c.LogementActuel?.LoyerMensuel,
            AideLogement = c.LogementActuel?.AideLogementMensuelle,
            Surface = c.LogementActuel?.Surface,
            LienCommune = c.LogementActuel?.Commune is { } commune && c.Souhaits.Communes.Contains(commune),
            DateDepot = demande.DateDepot,
            PersonneMorale = c.EstPersonneMorale,
        };
        foreach (var m in c.Motifs) elements.Motifs |= MasqueMotif(m);
        foreach (var s in demande.SituationsPrioritaires)
        {
            // A refused or expired situation is neither declared nor proven any more: it scores nothing.
            if (!s.EstEnCours) continue;
            elements.Priorites |= MasquePriorite(s.Critere);
            if (s.Statut == StatutJustification.ValideeParAgentHabilite) elements.PrioritesValidees |= MasquePriorite(s.Critere);
        }
        var rangDernier = int.MinValue;
        foreach (var e in demande.Evenements)
        {
            // Only the refusal of an offer its agent qualified as adapted counts (R441-2-17).
            if (e.Type != TypeEvenementDemande.Refus || !Demande.RefusCompteCommeAdapte(demande.Evenements, e)) continue;
            elements.Refus++;
            // The last refusal of the timeline (highest rank: the order of the acts, whatever order the events were loaded
            // in), at its calendar date in the instant's offset.
            if (e.Rang <= rangDernier) continue;
            rangDernier = e.Rang;
            elements.DernierRefus = HeureFrance.Jour(e.Quand);
        }
        return elements;
    }

    /// <summary>
    /// The facts from the elements of a demand (<see cref="ElementsCotation"/>): the one rule of the mapping, shared by the
    /// aggregate above and by the batch rescoring, which reads only these elements from the stored demand.
    /// </summary>
    public static FaitsCotation Construire(in ElementsCotation e, DateOnly date, EchelleUnitesConsommation? echelle = null, NormesOccupation? normes = null)
    {
        echelle ??= EchelleUnitesConsommation.OcdeModifiee;
        normes ??= NormesOccupation.Defaut;
        var personnes = e.Personnes;
        int enfants = 0, demandeurs = 0, ageDemandeur = 0, cartes = 0;
        var conjoint = false;
        decimal ressources = 0m, uc = 0m;
        foreach (var p in personnes)
        {
            if (p.Lien == LienPersonne.Enfant) enfants++;
            if (p.Lien == LienPersonne.Conjoint) conjoint = true;
            if (p.CarteInvalidite) cartes++;
            ressources += p.RessourcesMensuelles;
            if (p.Lien == LienPersonne.Demandeur)
            {
                demandeurs++;
                ageDemandeur = Age(p.DateNaissance, date);
                uc += echelle.Demandeur;
            }
            else
            {
                uc += Age(p.DateNaissance, date) >= echelle.AgeAdulte ? echelle.AutrePersonne : echelle.Enfant;
            }
        }
        // A stored content names exactly one applicant (ContenuDemande.Creer): anything else is a corrupt row.
        if (demandeurs != 1) throw new InvalidOperationException("La demande doit désigner un et un seul demandeur parmi les personnes à loger.");
        // The rent the household pays: after the housing allowance it receives (APL or AL), as the effort rate counts it
        // (CCH R441-3-1; arrêté du 10 mars 2011: rent and charges minus the housing allowance).
        // The residual rent of some grids (Métropole de Lyon) may be negative: the allowance above the rent.
        var aide = e.AideLogement;
        var loyerResiduel = (e.LoyerMensuel ?? 0m) - (aide ?? 0m);
        var loyer = Math.Max(loyerResiduel, 0m);
        var anciennete = MoisEntiers(e.DateDepot, date);
        var motifs = e.Motifs;
        var priorites = e.Priorites;
        var validees = e.PrioritesValidees;
        StatutPreuve Priorite(CriterePrioritaire critere) =>
            (validees & MasquePriorite(critere)) != 0 ? StatutPreuve.Valide
            : (priorites & MasquePriorite(critere)) != 0 ? StatutPreuve.Declare
            : StatutPreuve.Aucun;
        StatutPreuve Motif(MotifDemande m, MotifDemande? autre = null) =>
            (motifs & (MasqueMotif(m) | (autre is { } a ? MasqueMotif(a) : 0))) != 0 ? StatutPreuve.Declare : StatutPreuve.Aucun;

        return new FaitsCotation
        {
            TailleMenage = personnes.Length,
            NombreEnfants = enfants,
            // Single parent: a child to house and no spouse or partner in the household.
            ParentIsole = enfants > 0 && !conjoint,
            // Persons holding the disability card (Cerfa 14069*05, per person); disability needs declared for the household
            // (R441-2-2 i) count one person at least.
            PersonnesHandicapees = Math.Max(cartes, e.Handicap ? 1 : 0),
            AgeDemandeur = ageDemandeur,
            RessourcesMensuelles = Euros(ressources),
            RessourcesParUc = Euros(ressources / uc),
            // Effort rate: current rent after the housing allowance over monthly resources (R441-3-1). Charges are not on
            // the demand; without rent or resources the rate is not computable: 0.
            TauxEffort = loyer > 0 && ressources > 0 ? Math.Round((double)(loyer / ressources) * 100, 2) : 0,
            LoyerResiduel = Euros(loyerResiduel),
            TauxEffortResiduel = ressources > 0 ? Math.Round((double)(loyerResiduel / ressources) * 100, 2) : 0,
            ResteAVivreParUc = Euros((ressources - loyer) / uc),
            SituationLogement = Situation(e.StatutLogement, motifs),
            SurOccupation = e.Surface is { } surface && surface < normes.SurfaceMinimale(personnes.Length),
            // The number of rooms is not on the demand: under-occupancy is the reason the household declares.
            SousOccupation = (motifs & MasqueMotif(MotifDemande.LogementTropGrand)) != 0,
            MotifViolence = Max(Motif(MotifDemande.ViolencesFamiliales), Priorite(CriterePrioritaire.ViolencesConjugalesOuSexuelles)),
            MotifHandicap = Max(Motif(MotifDemande.Handicap), Priorite(CriterePrioritaire.Handicap)),
            MotifSante = Motif(MotifDemande.RaisonsDeSante),
            MotifSeparation = Motif(MotifDemande.DivorceSeparation),
            MotifRapprochementTravail = Motif(MotifDemande.RapprochementTravail, MotifDemande.MutationProfessionnelle),
            MotifLogementTropPetit = Motif(MotifDemande.LogementTropPetit),
            MotifLogementTropCher = Motif(MotifDemande.LogementTropCher),
            MotifDecohabitation = Motif(MotifDemande.Decohabitation),
            MotifCongeBailleur = Motif(MotifDemande.LogementReprisOuVendu),
            Dalo = Priorite(CriterePrioritaire.ReconnuDalo),
            PrioriteA = Priorite(CriterePrioritaire.Handicap),
            PrioriteABis = Priorite(CriterePrioritaire.SortieAppartementCoordinationTherapeutique),
            PrioriteB = Priorite(CriterePrioritaire.MalLogeOuDefavorise),
            PrioriteC = Priorite(CriterePrioritaire.HebergeOuLogeTemporairement),
            PrioriteD = Priorite(CriterePrioritaire.RepriseActiviteApresChomageLongue),
            PrioriteE = Priorite(CriterePrioritaire.HabitatIndigne),
            PrioriteF = Priorite(CriterePrioritaire.ViolencesConjugalesOuSexuelles),
            PrioriteG = Priorite(CriterePrioritaire.SortieProstitution),
            PrioriteH = Priorite(CriterePrioritaire.TraiteOuProxenetisme),
            PrioriteI = Priorite(CriterePrioritaire.EnfantMineurLogementSurOccupeOuIndecent),
            PrioriteJ = Priorite(CriterePrioritaire.DepourvuDeLogement),
            PrioriteK = Priorite(CriterePrioritaire.MenaceExpulsionSansRelogement),
            PrioriteL = Priorite(CriterePrioritaire.JeuneSortantAse),
            // Seniority counts from the deposit date, kept by updates and renewals (R441-2-7).
            AncienneteMois = anciennete,
            AncienneteMoisEntamee = date > e.DateDepot.AddMonths(anciennete),
            AncienneteJours = Math.Max(0, date.DayNumber - e.DateDepot.DayNumber),
            // A sitting social tenant asks for another dwelling: a mutation demand (ContenuDemande.EstMutation).
            Mutation = e.StatutLogement == StatutLogementActuel.LocataireParcSocial,
            // Refusals of offers qualified adapted by the agent who made them (R441-2-17, Demande.RefusCompteCommeAdapte).
            RefusOffresAdaptees = e.Refus,
            MoisDepuisDernierRefus = e.Refus == 0 || e.DernierRefus is not { } dernier ? 0 : MoisEntiers(dernier, date),
            LienCommune = e.LienCommune,
            // Without the allowance (or the rent) on the demand, the residual rent is not known: no criterion fires on it.
            NonRenseignes = NonRenseignesParLaDemande
                | (aide is null || e.LoyerMensuel is null ? GrilleCompilee.Masque("loyer_residuel") | GrilleCompilee.Masque("taux_effort_residuel") : 0),
        };
    }

    /// <summary>
    /// Facts the demand does not record yet, so that no criterion fires on them: the PDALHPD priority public and the rooms
    /// of the current dwelling (hence persons per room).
    /// </summary>
    private static readonly ulong NonRenseignesParLaDemande =
        GrilleCompilee.Masque("pdalhpd") | GrilleCompilee.Masque("pieces_logement_actuel") | GrilleCompilee.Masque("personnes_par_piece");

    /// <summary>The bit of a reason in <see cref="ElementsCotation.Motifs"/> (0 for a value outside the bit range: no rule reads it).</summary>
    public static ulong MasqueMotif(MotifDemande motif) => (int)motif is >= 0 and < 64 ? 1UL << (int)motif : 0;

    /// <summary>The bit of a criterion in <see cref="ElementsCotation.Priorites"/>.</summary>
    public static int MasquePriorite(CriterePrioritaire critere) => (int)critere is >= 0 and < 32 ? 1 << (int)critere : 0;

    /// <summary>Whole months from <paramref name="debut"/> to <paramref name="fin"/> (0 when fin precedes debut).</summary>
    public static int MoisEntiers(DateOnly debut, DateOnly fin)
    {
        if (fin <= debut) return 0;
        var mois = ((fin.Year - debut.Year) * 12) + fin.Month - debut.Month;
        if (fin.Day < debut.Day && fin != new DateOnly(fin.Year, fin.Month, DateTime.DaysInMonth(fin.Year, fin.Month))) mois--;
        return Math.Max(0, mois);
    }

    /// <summary>The household type the comparison groups demands by (same classes as the synthetic generator).</summary>
    public static string TypeMenage(Demande demande)
    {
        ArgumentNullException.ThrowIfNull(demande);
        var p = demande.Contenu.Personnes;
        var enfants = p.Count(x => x.Lien == LienPersonne.Enfant);
        var conjoint = p.Any(x => x.Lien == LienPersonne.Conjoint);
        return (p.Count, conjoint, enfants) switch
        {
            (1, _, _) => "personne seule",
            (_, false, > 0) when p.Count == enfants + 1 => "famille monoparentale",
            (2, true, 0) => "couple sans enfant",
            (_, true, > 0) when p.Count == enfants + 2 => "couple avec enfants",
            _ => "autre ménage",
        };
    }

    /// <summary>Age in whole years at <paramref name="date"/> (as <see cref="PersonneALoger.AgeAu"/>).</summary>
    private static int Age(DateOnly naissance, DateOnly date)
    {
        var age = date.Year - naissance.Year;
        if (date < naissance.AddYears(age)) age--;
        return age;
    }

    private static SituationLogement Situation(StatutLogementActuel statut, ulong motifs)
    {
        // A tenant or owner threatened with eviction, or living in a non-decent dwelling, is scored on that situation.
        var occupant = statut is StatutLogementActuel.LocataireParcPrive or StatutLogementActuel.LocataireParcSocial
            or StatutLogementActuel.Proprietaire or StatutLogementActuel.LogementDeFonction or StatutLogementActuel.Autre;
        if (occupant && (motifs & MasqueMotif(MotifDemande.ProcedureExpulsion)) != 0) return SituationLogement.ProcedureExpulsion;
        if (occupant && (motifs & MasqueMotif(MotifDemande.LogementNonDecent)) != 0) return SituationLogement.LogementNonDecent;
        return statut switch
        {
            StatutLogementActuel.SansAbri or StatutLogementActuel.SquatOuCamping => SituationLogement.SansLogement,
            StatutLogementActuel.HebergeParticulier => SituationLogement.HebergeChezTiers,
            StatutLogementActuel.HebergeParentsOuEnfants => SituationLogement.HebergeChezParents,
            StatutLogementActuel.StructureHebergement or StatutLogementActuel.Hotel => SituationLogement.StructureHebergement,
            StatutLogementActuel.LogementTemporaire or StatutLogementActuel.ResidenceEtudiante => SituationLogement.LogementTemporaire,
            StatutLogementActuel.LocataireParcPrive => SituationLogement.LocataireParcPrive,
            StatutLogementActuel.LocataireParcSocial => SituationLogement.LocataireParcSocial,
            StatutLogementActuel.Proprietaire => SituationLogement.Proprietaire,
            _ => SituationLogement.NonRenseignee,
        };
    }

    private static StatutPreuve Max(StatutPreuve a, StatutPreuve b) => a >= b ? a : b;

    private static int Euros(decimal montant) => (int)Math.Round(montant, 0, MidpointRounding.AwayFromZero);
}

/// <summary>What the mapping reads of a person to house: link, birth date, total monthly resources, disability card.</summary>
public readonly record struct PersonneCotation(LienPersonne Lien, DateOnly DateNaissance, decimal RessourcesMensuelles, bool CarteInvalidite = false);

/// <summary>
/// The elements of a demand the facts are built from (<see cref="FaitsDepuisDemande.Construire(in ElementsCotation, DateOnly, EchelleUnitesConsommation?, NormesOccupation?)"/>):
/// filled from the aggregate, or stored with the demand and read back in bulk without building it (batch rescoring).
/// Reasons and priority criteria are bit sets (bit n: the value n of the enum).
/// </summary>
public ref struct ElementsCotation
{
    public ReadOnlySpan<PersonneCotation> Personnes { get; set; }
    /// <summary>The demand records disability needs (R441-2-2 i).</summary>
    public bool Handicap { get; set; }
    public StatutLogementActuel StatutLogement { get; set; }
    public decimal? LoyerMensuel { get; set; }
    /// <summary>Monthly housing allowance received (APL or AL), when declared.</summary>
    public decimal? AideLogement { get; set; }
    public decimal? Surface { get; set; }
    /// <summary>The current commune is one of the communes wished.</summary>
    public bool LienCommune { get; set; }
    /// <summary>Reasons ticked, one bit per <see cref="MotifDemande"/> (<see cref="FaitsDepuisDemande.MasqueMotif"/>).</summary>
    public ulong Motifs { get; set; }
    /// <summary>Priority situations declared or validated, one bit per <see cref="CriterePrioritaire"/>.</summary>
    public int Priorites { get; set; }
    /// <summary>Priority situations whose proof an authorised agent validated.</summary>
    public int PrioritesValidees { get; set; }
    /// <summary>Refusals in the timeline, and the date of the last one.</summary>
    public int Refus { get; set; }
    public DateOnly? DernierRefus { get; set; }
    public DateOnly DateDepot { get; set; }
    /// <summary>The demand of a legal entity (CCH L442-8-1): it has no household, and the grid, which scores households, never scores it.</summary>
    public bool PersonneMorale { get; set; }
}
