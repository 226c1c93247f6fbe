using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Eligibilite;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;

namespace Logis.Domain.Attributions;

/// <summary>Identifier of an attribution (one signed lease).</summary>
public readonly record struct AttributionId(Guid Value)
{
    public override string ToString() => Value.ToString();
}

/// <summary>The dates of a signed lease as the landlord records them: the signature, and the start of the lease (prise d'effet).</summary>
public sealed record SaisieBail(DateOnly DateSignature, DateOnly DateEffet);

/// <summary>
/// An attribution: a dwelling let to a household (or to a legal entity that sublets, <see cref="PersonneMorale"/>), recorded when the landlord records the signed lease (the demand is radiated for reason a,
/// R441-2-8). One flat row with everything the monitoring of attributions reads without joins, as it was on the day of the lease: the dwelling
/// (commune, QPV, typology, financing), the flux (réservataire, convention), the household (income per consumption unit, category, persons,
/// priority, mutation, commune of residence before) and its demand (channel, deposit and renewal dates, for the waiting times). A vacancy has at
/// most one attribution and a demand too (unique indexes).
/// </summary>
public sealed class Attribution
{
    /// <summary>A lease takes effect at most this many days after its signature.</summary>
    public const int EffetMaximumJours = 92;

    private Attribution() { NumeroDemande = ""; NumeroRpls = ""; }

    public AttributionId Id { get; private set; }
    public Siren EpciSiren { get; private set; }
    /// <summary>French civil year of the signature: the year the attribution counts in.</summary>
    public int Annee { get; private set; }
    public DateOnly DateSignature { get; private set; }
    public DateOnly DateEffet { get; private set; }
    public DateTimeOffset EnregistreeLe { get; private set; }
    public VacanceId VacanceId { get; private set; }
    public OffreId OffreId { get; private set; }
    public LogementId LogementId { get; private set; }
    public string NumeroRpls { get; private set; }
    public BailleurId BailleurId { get; private set; }
    /// <summary>The réservataire the vacancy was oriented to (the landlord's own contingent is one too); null for a vacancy never oriented.</summary>
    public ReservataireId? ReservataireId { get; private set; }
    /// <summary>The reservation convention between the landlord and that réservataire, if any (none for the own contingent).</summary>
    public ConventionId? ConventionId { get; private set; }
    /// <summary>The vacancy was in the flux base of its year (R441-5).</summary>
    public bool CompteDansFlux { get; private set; }
    /// <summary>
    /// Why the vacancy was out of the flux (R441-5), as on the day of the lease: among others, a rehousing for an urban-renewal operation or an
    /// ORCOD (<see cref="RelogementRenouvellement"/>). Null: the vacancy counted in the flux.
    /// </summary>
    public MotifHorsFlux? HorsFlux { get; private set; }
    public CodeInsee CommuneInsee { get; private set; }
    public string? QpvCode { get; private set; }
    public Typologie Typologie { get; private set; }
    public Financement Financement { get; private set; }
    public decimal Loyer { get; private set; }
    public decimal Charges { get; private set; }
    public DemandeId DemandeId { get; private set; }
    public string NumeroDemande { get; private set; }
    public CanalDepot Canal { get; private set; }
    public DateOnly DateDepot { get; private set; }
    public DateOnly? DateDernierRenouvellement { get; private set; }
    /// <summary>Monthly resources declared (the SNE field the first quartile is computed from).</summary>
    public decimal RessourcesMensuelles { get; private set; }
    /// <summary>Annual resources per consumption unit (<see cref="EchelleUnitesConsommation"/>), null when the household cannot be read.</summary>
    public decimal? RevenuParUc { get; private set; }
    /// <summary>Household category of the ceilings (arrêté du 29 juillet 1987, 1 to 6), null when the household cannot be read.</summary>
    public int? CategorieMenage { get; private set; }
    /// <summary>The persons of the demand (0 for a legal entity: its representative does not live in the dwelling).</summary>
    public int NombrePersonnes { get; private set; }

    /// <summary>
    /// The lease is signed with a legal entity that sublets (CCH L442-8-1): no household, so no income per UC, category nor quartile; the
    /// social-mix monitoring counts it apart, out of its indicators (docs/mixite.md).
    /// </summary>
    public bool PersonneMorale { get; private set; }
    /// <summary>A priority situation of L441-1 or a DALO decision validated on proof by a competent agent, on the day of the lease.</summary>
    public bool Prioritaire { get; private set; }
    /// <summary>The household was recognised priority and urgent by the COMED (DALO, L441-2-3), validated on proof.</summary>
    public bool Dalo { get; private set; }
    /// <summary>The applicant was already a social tenant (a mutation, docs/regles/07-attribution.md §7.5).</summary>
    public bool Mutation { get; private set; }
    /// <summary>The commune the household lived in before (its present dwelling as declared), when known.</summary>
    public CodeInsee? CommuneResidenceAvant { get; private set; }
    public bool Adaptee { get; private set; }
    public DecisionCaleol Decision { get; private set; }
    public int? RangCaleol { get; private set; }

    public bool EnQpv => QpvCode is not null;

    /// <summary>The household was rehoused by an urban-renewal operation or an ORCOD (counted with the first quartile outside QPV, L441-1).</summary>
    public bool RelogementRenouvellement => HorsFlux.EstRelogementRenouvellement();

    /// <summary>
    /// The demand was deleted at the end of its retention (docs/protection-des-donnees.md §2 item 14): the attribution stays for the monitoring
    /// but names it no more — no number, and the demand's id replaced by the attribution's own (still unique, linked to nothing).
    /// </summary>
    public void OublierDemande()
    {
        NumeroDemande = Demandes.Demande.NumeroSupprime;
        DemandeId = new DemandeId(Id.Value);
    }

    /// <summary>The errors of the lease dates, by field: signed between the acceptance and today, taking effect within three months after it.</summary>
    public static Dictionary<string, string[]> Verifier(SaisieBail bail, DateOnly acceptation, DateOnly aujourdhui)
    {
        ArgumentNullException.ThrowIfNull(bail);
        var erreurs = new Dictionary<string, string[]>();
        if (bail.DateSignature > aujourdhui)
            erreurs["dateSignature"] = ["La date de signature du bail ne peut pas être postérieure à aujourd'hui."];
        else if (bail.DateSignature < acceptation)
            erreurs["dateSignature"] = [$"Le bail est signé après l'acceptation de l'offre (le {Offre.F(acceptation)})."];
        if (bail.DateEffet < bail.DateSignature || bail.DateEffet > bail.DateSignature.AddDays(EffetMaximumJours))
            erreurs["dateEffet"] = ["La date de prise d'effet du bail est comprise entre sa signature et trois mois après."];
        return erreurs;
    }

    /// <summary>
    /// The attribution of the accepted <paramref name="offre"/> of <paramref name="vacance"/> to <paramref name="demande"/>, as it stands at the
    /// signature (the demand is read before its radiation).
    /// </summary>
    public static Attribution Enregistrer(AttributionId id, Vacance vacance, Offre offre, Demande demande, ConventionId? convention, SaisieBail bail,
        DateTimeOffset quand, EchelleUnitesConsommation echelle, ParametresEligibilite parametres)
    {
        ArgumentNullException.ThrowIfNull(vacance);
        ArgumentNullException.ThrowIfNull(offre);
        ArgumentNullException.ThrowIfNull(demande);
        ArgumentNullException.ThrowIfNull(bail);
        ArgumentNullException.ThrowIfNull(echelle);
        var contenu = demande.Contenu;
        var menage = contenu.Menage(bail.DateSignature);
        var valides = demande.SituationsPrioritaires.Where(s => s.Statut == StatutJustification.ValideeParAgentHabilite).ToList();
        return new Attribution
        {
            Id = id, EpciSiren = vacance.EpciSiren, Annee = bail.DateSignature.Year, DateSignature = bail.DateSignature, DateEffet = bail.DateEffet,
            EnregistreeLe = quand, VacanceId = vacance.Id, OffreId = offre.Id, LogementId = vacance.LogementId, NumeroRpls = vacance.NumeroRpls,
            BailleurId = vacance.BailleurId, ReservataireId = vacance.ReservataireId, ConventionId = convention, CompteDansFlux = vacance.CompteDansFlux,
            HorsFlux = vacance.HorsFlux,
            CommuneInsee = vacance.CommuneInsee, QpvCode = vacance.QpvCode, Typologie = vacance.Typologie, Financement = vacance.Financement,
            Loyer = vacance.Loyer, Charges = vacance.Charges, DemandeId = demande.Id, NumeroDemande = demande.Numero.Valeur, Canal = demande.Canal,
            DateDepot = demande.DateDepot, DateDernierRenouvellement = demande.DateDernierRenouvellement,
            RessourcesMensuelles = contenu.RessourcesMensuelles,
            RevenuParUc = menage.EstReussi ? echelle.RevenuParUc(menage.Valeur, contenu.RessourcesMensuelles * 12m) : null,
            CategorieMenage = menage.EstReussi ? Eligibilite.CategorieMenage.Determiner(menage.Valeur, parametres).Numero : null,
            NombrePersonnes = contenu.EstPersonneMorale ? 0 : contenu.Personnes.Count, PersonneMorale = contenu.EstPersonneMorale, Prioritaire = valides.Count > 0, Dalo = valides.Any(s => s.Critere == CriterePrioritaire.ReconnuDalo),
            Mutation = contenu.EstMutation, CommuneResidenceAvant = contenu.LogementActuel?.Commune, Adaptee = offre.Adaptee, Decision = offre.Decision,
            RangCaleol = offre.RangCaleol,
        };
    }
}
