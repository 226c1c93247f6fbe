using Logis.Domain.Territoire;

namespace Logis.Domain.Acces;

/// <summary>
/// How far an agent's nominative access to the shared file reaches (CCH R441-2-6, docs/regles/05-demande.md
/// « Accès aux données nominatives »).
/// </summary>
public enum PorteeNominative
{
    /// <summary>Every demand registered in the agent's EPCI.</summary>
    Territoire = 1,
    /// <summary>The demands that wish the whole EPCI or one of the communes given with the scope (a bailleur's stock, a réservataire's contingent).</summary>
    Communes = 2,
    /// <summary>No nominative demand: aggregated figures only (dashboards, public statistics).</summary>
    Aucune = 3,
}

/// <summary>
/// Who sees which demand of the shared file, and who sees its sensitive fields (docs/protection-des-donnees.md §2
/// items 4, 5, 8, 9). The rule, in business words (R441-2-6 as summarised in docs/regles/05-demande.md):
/// <list type="bullet">
/// <item>agents of the EPCI (which runs the shared file) and administrators (read only, team choice) see every demand
/// registered in their EPCI;</item>
/// <item>a commune or a réservataire that is a registering service (an active guichet enregistreur of the territory) sees
/// every demand of the EPCI, as every registering service does;</item>
/// <item>a réservataire that is not a registering service sees the demands relevant to its contingent: those that wish the
/// whole EPCI or a commune its reservation conventions cover;</item>
/// <item>a commune that is not a registering service sees no nominative demand, only aggregated figures;</item>
/// <item>a bailleur agent sees the demands of its EPCI that wish the whole EPCI or at least one commune where its bailleur
/// holds stock (narrower than the text allows: data minimisation, team choice);</item>
/// <item>sensitive fields (last two digits of the NIR, detail of priority situations, disability needs) are shown only
/// to the agents who instruct and attribute: EPCI and bailleur agents; the others see that a priority situation exists,
/// not which one;</item>
/// <item>who may do which act on a demand it sees is the competence table (<see cref="Competences"/>): each radiation
/// reason and the merge belong to the actor the law names; an administrator reads only.</item>
/// </list>
/// </summary>
public static class AccesDemandes
{
    /// <summary>The reach of the agent's nominative access, given whether its organisation is a registering service of the territory.</summary>
    public static PorteeNominative Portee(Role role, bool serviceEnregistreur) => role switch
    {
        Role.AgentEpci or Role.Administrateur => PorteeNominative.Territoire,
        Role.AgentBailleur => PorteeNominative.Communes,
        Role.AgentCommune => serviceEnregistreur ? PorteeNominative.Territoire : PorteeNominative.Aucune,
        Role.AgentReservataire => serviceEnregistreur ? PorteeNominative.Territoire : PorteeNominative.Communes,
        _ => PorteeNominative.Aucune,
    };

    /// <summary>What the agent is told about the reach of their access, in plain French (shown above the list of demands).</summary>
    public static string? Explication(Role role, PorteeNominative portee) => (role, portee) switch
    {
        (Role.AgentCommune, PorteeNominative.Aucune) =>
            "Votre commune n'est pas service enregistreur de la demande de logement social : l'article R441-2-6 du code de la construction "
            + "et de l'habitation ne vous ouvre pas les données nominatives des demandeurs. Vous disposez des chiffres d'ensemble : "
            + "tableau de bord de la mixité sociale et statistiques publiques par commune et typologie.",
        (Role.AgentReservataire, PorteeNominative.Communes) =>
            "Votre organisme n'est pas service enregistreur : vous voyez les demandes qui relèvent de votre contingent, c'est-à-dire celles "
            + "qui souhaitent tout le territoire ou une commune couverte par vos conventions de réservation (article R441-2-6 du code de la "
            + "construction et de l'habitation).",
        (Role.AgentBailleur, PorteeNominative.Communes) =>
            "Vous voyez les demandes qui souhaitent tout le territoire ou une commune où votre organisme a des logements.",
        _ => null,
    };

    /// <summary>Whether an agent with this reach sees a demand of <paramref name="epciDemande"/>.</summary>
    /// <param name="communesOuvertes">For <see cref="PorteeNominative.Communes"/>: the bailleur's communes with stock, or the communes of the réservataire's contingent.</param>
    public static bool PeutVoir(PorteeNominative portee, Perimetre perimetre, Siren epciDemande, bool toutEpci,
        IReadOnlyCollection<CodeInsee> communesSouhaitees, IReadOnlyCollection<CodeInsee> communesOuvertes)
    {
        ArgumentNullException.ThrowIfNull(perimetre);
        if (perimetre.EpciSiren != epciDemande) return false;
        return portee switch
        {
            PorteeNominative.Territoire => true,
            PorteeNominative.Communes => toutEpci || communesSouhaitees.Any(communesOuvertes.Contains),
            _ => false,
        };
    }

    public static bool VoitDonneesSensibles(Role role) => role is Role.AgentEpci or Role.AgentBailleur;

    /// <summary>Whether the role may do the acts open to every service enregistreur (register, update, renew, pieces) — the organisation must also be one (<see cref="Competences.Verifier"/>).</summary>
    public static bool PeutAgir(Role role) => Competences.De(ActeDemande.Enregistrer).Roles.Contains(role);

    /// <summary>Merging two demands of one household radiates one of them: the competence table gives it to the manager of the file (<see cref="ActeDemande.ConfirmerFusion"/>).</summary>
    public static bool PeutFusionner(Role role) => Competences.De(ActeDemande.ConfirmerFusion).Roles.Contains(role);
}

/// <summary>
/// Who reads the audit journal (docs/protection-des-donnees.md §2 items 17–18). The EPCI is the controller of the shared file: its
/// agents query and export the journal of their EPCI. The administrator is not given access: the journal records
/// who read which applicant's sensitive data, administrators included, and the controller checks them, not the reverse.
/// </summary>
public static class AccesJournal
{
    public static bool PeutConsulter(Role role) => role == Role.AgentEpci;
}
