using Logis.Domain.Commun;

namespace Logis.Domain.Acces;

/// <summary>
/// Who sees and acts on the CALEOL (L441-2, R441-3). The rule, in business words:
/// <list type="bullet">
/// <item>a landlord's agents create the sessions of their landlord's commission, put its vacancies on the agenda, record the votes and the
/// decisions, close the sessions, and read the minutes and the letters;</item>
/// <item>the EPCI's agents and the administrators read every session of the territory, its minutes and letters (the EPCI president sits in the
/// commission and the EPCI keeps the shared file), without acting;</item>
/// <item>a réservataire's agents (and a commune's, for the commune as réservataire) read the decisions on the dossiers of the vacancies oriented
/// to their contingent, not the other dossiers nor the minutes.</item>
/// </list>
/// </summary>
public static class AccesCaleol
{
    public static bool VoitTout(Role role) => role is Role.AgentEpci or Role.Administrateur;

    /// <summary>Create a session, put dossiers on its agenda, record votes and decisions, close it: the landlord's agents.</summary>
    public static bool PeutGerer(Role role, Perimetre perimetre, BailleurId bailleur)
    {
        ArgumentNullException.ThrowIfNull(perimetre);
        return role == Role.AgentBailleur && perimetre.BailleurId == bailleur;
    }

    /// <summary>The minutes and the letters: the landlord's agents, the EPCI and the administrators.</summary>
    public static bool LitDocuments(Role role, Perimetre perimetre, BailleurId bailleur) => VoitTout(role) || PeutGerer(role, perimetre, bailleur);
}
