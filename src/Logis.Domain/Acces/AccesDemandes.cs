using Logis.Domain.Territoire;

namespace Logis.Domain.Acces;

/// <summary>
/// Who sees which demand of the shared file, and who sees its sensitive fields (docs/protection-des-donnees.md §2
/// items 4, 5, 8). The rule, in business words:
/// <list type="bullet">
/// <item>agents of the EPCI, of réservataires and of communes, and administrators, see every demand
/// registered in their EPCI;</item>
/// <item>a bailleur agent sees the demands of its EPCI that wish the whole EPCI or at least one commune
/// where its bailleur holds stock;</item>
/// <item>sensitive fields (last two digits of the NIR, detail of priority situations, disability needs)
/// are shown only to the agents who instruct and attribute: EPCI and bailleur agents; the others see
/// that a priority situation exists, not which one;</item>
/// <item>who may do which act on a demand it sees is the competence table (<see cref="Competences"/>): each radiation
/// reason and the merge belong to the actor the law names; an administrator reads only.</item>
/// </list>
/// </summary>
public static class AccesDemandes
{
    public static bool PeutVoir(Role role, Perimetre perimetre, Siren epciDemande, bool toutEpci,
        IReadOnlyCollection<CodeInsee> communesSouhaitees, IReadOnlyCollection<CodeInsee> communesDuBailleur)
    {
        if (perimetre.EpciSiren != epciDemande) return false;
        if (role != Role.AgentBailleur) return true;
        return toutEpci || communesSouhaitees.Any(communesDuBailleur.Contains);
    }

    public static bool VoitDonneesSensibles(Role role) => role is Role.AgentEpci or Role.AgentBailleur;

    /// <summary>Whether the role may do the acts open to every service enregistreur (register, update, renew, pieces).</summary>
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
