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
        ArgumentNullException.ThrowIfNull(demande);
        echelle ??= EchelleUnitesConsommation.OcdeModifiee;
        normes ??= NormesOccupation.Defaut;
        var c = demande.Contenu;
        var personnes = c.Personnes;
        var enfants = personnes.Count(p => p.Lien == LienPersonne.Enfant);
        var conjoint = personnes.Any(p => p.Lien == LienPersonne.Conjoint);
        var ressources = c.RessourcesMensuelles;
        var uc = UnitesConsommation(personnes, date, echelle);
        var loyer = c.LogementActuel.LoyerMensuel ?? 0m;
        var priorites = demande.SituationsPrioritaires.ToDictionary(s => s.Critere, s => Statut(s.Statut));
        StatutPreuve Priorite(CriterePrioritaire critere) => priorites.GetValueOrDefault(critere);
        StatutPreuve Motif(params MotifDemande[] motifs) => motifs.Any(c.Motifs.Contains) ? StatutPreuve.Declare : StatutPreuve.Aucun;
        var refus = demande.Evenements.Where(e => e.Type == TypeEvenementDemande.Refus).ToList();

        return new FaitsCotation
        {
            TailleMenage = personnes.Count,
            NombreEnfants = enfants,
            // Single parent: a child to house and no spouse or partner in the household.
            ParentIsole = enfants > 0 && !conjoint,
            // The demand records disability needs for the household (R441-2-2 i), not per person: one person at least.
            PersonnesHandicapees = c.Handicap is not null ? 1 : 0,
            AgeDemandeur = c.Demandeur.AgeAu(date),
            RessourcesMensuelles = Euros(ressources),
            RessourcesParUc = Euros(ressources / uc),
            // Effort rate: current rent over monthly resources (R441-3-1). Charges and housing allowance are not
            // on the demand (Cerfa 14069 gives the rent only); without rent or resources the rate is not computable: 0.
            TauxEffort = loyer > 0 && ressources > 0 ? Math.Round((double)(loyer / ressources) * 100, 2) : 0,
            ResteAVivreParUc = Euros((ressources - loyer) / uc),
            SituationLogement = Situation(c.LogementActuel.Statut, c.Motifs),
            SurOccupation = c.LogementActuel.Surface is { } surface && surface < normes.SurfaceMinimale(personnes.Count),
            // The number of rooms is not on the demand: under-occupancy is the reason the household declares.
            SousOccupation = c.Motifs.Contains(MotifDemande.LogementTropGrand),
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
            AncienneteMois = MoisEntiers(demande.DateDepot, date),
            Mutation = demande.EstMutation,
            // The timeline does not say whether a refused offer was suitable (R441-2-17): every refusal counts.
            RefusOffresAdaptees = refus.Count,
            MoisDepuisDernierRefus = refus.Count == 0 ? 0 : MoisEntiers(DateOnly.FromDateTime(refus[^1].Quand.DateTime), date),
            LienCommune = c.LogementActuel.Commune is { } commune && c.Souhaits.Communes.Contains(commune),
        };
    }

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

    private static decimal UnitesConsommation(IReadOnlyList<PersonneALoger> personnes, DateOnly date, EchelleUnitesConsommation echelle) =>
        personnes.Sum(p => p.Lien == LienPersonne.Demandeur ? echelle.Demandeur
            : p.AgeAu(date) >= echelle.AgeAdulte ? echelle.AutrePersonne
            : echelle.Enfant);

    private static SituationLogement Situation(StatutLogementActuel statut, IReadOnlyList<MotifDemande> motifs)
    {
        // A tenant or owner threatened with eviction, or living in a non-decent dwelling, is scored on that situation.
        var occupant = statut is StatutLogementActuel.LocataireParcPrive or StatutLogementActuel.LocataireParcSocial
            or StatutLogementActuel.Proprietaire or StatutLogementActuel.LogementDeFonction or StatutLogementActuel.Autre;
        if (occupant && motifs.Contains(MotifDemande.ProcedureExpulsion)) return SituationLogement.ProcedureExpulsion;
        if (occupant && motifs.Contains(MotifDemande.LogementNonDecent)) return SituationLogement.LogementNonDecent;
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

    private static StatutPreuve Statut(StatutJustification s) =>
        s == StatutJustification.ValideeParAgentHabilite ? StatutPreuve.Valide : StatutPreuve.Declare;

    private static StatutPreuve Max(StatutPreuve a, StatutPreuve b) => a >= b ? a : b;

    private static int Euros(decimal montant) => (int)Math.Round(montant, 0, MidpointRounding.AwayFromZero);
}
