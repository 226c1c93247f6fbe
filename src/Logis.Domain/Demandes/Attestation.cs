using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Logis.Domain.Commun;

namespace Logis.Domain.Demandes;

/// <summary>
/// The délai anormalement long of a département (L441-1-4), set by préfectoral arrêté per typology
/// (no national rule: e.g. Rennes 2013, 30 months for T1–T3 and 24 for T4+ [S]). Reference data, never a constant.
/// </summary>
public sealed class DelaiAnormalementLong
{
    private DelaiAnormalementLong(string departement, IReadOnlyDictionary<Typologie, int> moisParTypologie, string source)
    {
        Departement = departement;
        MoisParTypologie = moisParTypologie;
        Source = source;
    }

    public string Departement { get; }

    public IReadOnlyDictionary<Typologie, int> MoisParTypologie { get; }

    /// <summary>The arrêté that sets the delay (title and date).</summary>
    public string Source { get; }

    public static Resultat<DelaiAnormalementLong> Creer(string departement, IReadOnlyDictionary<Typologie, int> moisParTypologie, string source)
    {
        if (string.IsNullOrWhiteSpace(departement))
            return Resultat.Echec<DelaiAnormalementLong>("Le délai anormalement long est fixé pour un département.");
        if (Enum.GetValues<Typologie>().Any(t => !moisParTypologie.ContainsKey(t)))
            return Resultat.Echec<DelaiAnormalementLong>("Le délai anormalement long doit être donné pour chaque typologie, de T1 à T6 et plus.");
        if (moisParTypologie.Values.Any(m => m is < 1 or > 240))
            return Resultat.Echec<DelaiAnormalementLong>("Un délai anormalement long se compte entre 1 et 240 mois.");
        if (string.IsNullOrWhiteSpace(source))
            return Resultat.Echec<DelaiAnormalementLong>("Le délai anormalement long doit citer l'arrêté préfectoral qui le fixe.");
        return Resultat.Ok(new DelaiAnormalementLong(departement.Trim().ToUpperInvariant(), new Dictionary<Typologie, int>(moisParTypologie), source));
    }

    /// <summary>
    /// Date from which the COMED may be seized for abnormally long delay: deposit date (seniority) plus the
    /// delay. With several typologies wished, the shortest delay applies, the reading most favourable to the
    /// applicant [M].
    /// </summary>
    public DateOnly DateSaisineComed(Demande demande) =>
        demande.DateDepot.AddMonths(demande.Contenu.Souhaits.Typologies.Min(t => MoisParTypologie[t]));
}

/// <summary>The registration service (guichet enregistreur) that issues the attestation.</summary>
public sealed record ServiceEnregistreur(string Nom, AdressePostale Adresse);

/// <summary>
/// Territory information the attestation needs besides the demand: the registering service, the délai
/// anormalement long of the département, the COMED address, the bailleurs owning dwellings in each commune,
/// and how to get information later (PPGD, R441-2-10).
/// </summary>
public sealed record ContexteAttestation(
    ServiceEnregistreur Service,
    DelaiAnormalementLong Delai,
    string AdresseComed,
    IReadOnlyDictionary<CodeInsee, IReadOnlyList<string>> BailleursParCommune,
    string ModalitesInformation);

/// <summary>
/// The attestation of registration (CCH R441-2-4 a–i [V]), built purely from the demand and the territory:
/// a document, not a value with rules. Rendering (letter, PDF, page) belongs to the web layer.
/// </summary>
public sealed record AttestationEnregistrement(
    string NomDemandeur,
    string PrenomsDemandeur,
    AdressePostale AdresseDemandeur,
    ServiceEnregistreur Service,
    NumeroUnique Numero,
    DateOnly DateDepot,
    DateOnly? DateDernierRenouvellement,
    IReadOnlyList<string> Bailleurs,
    IReadOnlyList<string> CasSaisineComed,
    DateOnly DateSaisineComedDelaiAnormalementLong,
    string AdresseComed,
    DateOnly DateFinValidite,
    string ModalitesValidite,
    IReadOnlyList<string> ConditionsRadiation,
    string ModalitesInformation)
{
    /// <summary>Cases in which the COMED can be seized (L441-2-3 II, R441-14-1 [V, older wording]).</summary>
    public static readonly IReadOnlyList<string> CasDeSaisineComed =
    [
        "être dépourvu de logement ;",
        "être logé dans des locaux impropres à l'habitation, insalubres ou dangereux ;",
        "avoir fait l'objet d'une décision de justice prononçant l'expulsion, sans solution de relogement ;",
        "être hébergé dans une structure d'hébergement depuis plus de six mois, ou logé dans un logement de transition depuis plus de dix-huit mois ;",
        "être handicapé, ou avoir à charge une personne handicapée ou au moins un enfant mineur, et occuper un logement non décent ou suroccupé ;",
        "n'avoir reçu aucune proposition adaptée à l'issue du délai anormalement long fixé dans le département.",
    ];

    /// <summary>
    /// a) to i) of R441-2-4: applicant, service, number, dates, bailleurs of the communes sought (all of the
    /// EPCI when the whole EPCI is sought), COMED cases and date, validity, radiation conditions, information.
    /// </summary>
    public static Resultat<AttestationEnregistrement> Etablir(Demande demande, ContexteAttestation contexte)
    {
        if (demande.Statut == StatutDemande.Radiee)
            return Resultat.Echec<AttestationEnregistrement>($"La demande {demande.Numero} est radiée : aucune attestation ne peut être délivrée.");

        var souhaits = demande.Contenu.Souhaits;
        var communes = souhaits.ToutEpci ? contexte.BailleursParCommune.Keys : souhaits.Communes;
        var bailleurs = communes
            .SelectMany(c => contexte.BailleursParCommune.TryGetValue(c, out var b) ? b : [])
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
        var fin = demande.DateFinValidite;
        var demandeur = demande.Contenu.Demandeur;

        return Resultat.Ok(new AttestationEnregistrement(
            demandeur.Nom,
            demandeur.Prenoms,
            demande.Contenu.Contact.Adresse,
            contexte.Service,
            demande.Numero,
            demande.DateDepot,
            demande.DateDernierRenouvellement,
            bailleurs,
            CasDeSaisineComed,
            contexte.Delai.DateSaisineComed(demande),
            contexte.AdresseComed,
            fin,
            $"Votre demande est valable jusqu'au {Demande.F(fin)}. Vous pouvez la mettre à jour à tout moment sans perdre "
            + "son ancienneté. Elle doit être renouvelée chaque année : un rappel vous est envoyé au moins un mois avant l'expiration.",
            [.. Enum.GetValues<MotifRadiation>().Select(ConditionRadiation)],
            contexte.ModalitesInformation));
    }

    private static string ConditionRadiation(MotifRadiation motif) => motif switch
    {
        MotifRadiation.AbsenceDeReponse or MotifRadiation.Irrecevabilite =>
            $"{motif.Libelle()} ({motif.Reference()}), un mois après un avertissement",
        MotifRadiation.Renonciation => $"{motif.Libelle()} ({motif.Reference()}), immédiatement",
        _ => $"{motif.Libelle()} ({motif.Reference()})",
    };
}
