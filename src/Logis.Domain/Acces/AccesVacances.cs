using Logis.Domain.Commun;

namespace Logis.Domain.Acces;

/// <summary>
/// Who sees and acts on vacancies and reservation conventions (gestion en flux, R441-5). The rule, in business words:
/// <list type="bullet">
/// <item>a bailleur agent sees, declares, orients and withdraws the vacancies of its own stock only, and reads and saves its own conventions;</item>
/// <item>the EPCI agents see every vacancy and convention of their territory and may save a convention (they keep the territory's shared
/// file); administrators read only;</item>
/// <item>a réservataire agent (and a commune agent, for the commune as réservataire) sees the vacancies oriented to its contingent and its
/// own conventions and bilans;</item>
/// <item>only the landlord declares, orients and withdraws.</item>
/// </list>
/// <c>reservatairesAgent</c> are the réservataires the agent acts for (its own, or its commune's).
/// </summary>
public static class AccesVacances
{
    public static bool VoitTout(Role role) => role is Role.AgentEpci or Role.Administrateur;

    public static bool Voit(Role role, Perimetre perimetre, BailleurId bailleur, ReservataireId? orienteeVers, IReadOnlyCollection<ReservataireId> reservatairesAgent)
    {
        ArgumentNullException.ThrowIfNull(perimetre);
        ArgumentNullException.ThrowIfNull(reservatairesAgent);
        if (VoitTout(role)) return true;
        if (role == Role.AgentBailleur) return perimetre.BailleurId == bailleur;
        return orienteeVers is { } r && reservatairesAgent.Contains(r);
    }

    /// <summary>Declare, orient, withdraw: the landlord's agents, on their own stock.</summary>
    public static bool PeutGerer(Role role, Perimetre perimetre, BailleurId bailleur)
    {
        ArgumentNullException.ThrowIfNull(perimetre);
        return role == Role.AgentBailleur && perimetre.BailleurId == bailleur;
    }

    /// <summary>Saving a convention: the EPCI's agents, or the bailleur's agents for their own.</summary>
    public static bool PeutEnregistrerConvention(Role role, Perimetre perimetre, BailleurId bailleur)
    {
        ArgumentNullException.ThrowIfNull(perimetre);
        return role == Role.AgentEpci || PeutGerer(role, perimetre, bailleur);
    }

    /// <summary>Reading a convention and its bilan: both parties, the EPCI and the administrators.</summary>
    public static bool VoitConvention(Role role, Perimetre perimetre, BailleurId bailleur, ReservataireId reservataire, IReadOnlyCollection<ReservataireId> reservatairesAgent)
    {
        ArgumentNullException.ThrowIfNull(perimetre);
        ArgumentNullException.ThrowIfNull(reservatairesAgent);
        if (VoitTout(role)) return true;
        if (role == Role.AgentBailleur) return perimetre.BailleurId == bailleur;
        return reservatairesAgent.Contains(reservataire);
    }

    /// <summary>
    /// Reading a vacancy's pre-selection (demands of the shared file, by number): among those who see the vacancy, the réservataire holding it,
    /// its landlord and the EPCI; not the administrators (no nominative reading of the file).
    /// </summary>
    public static bool VoitPreselection(Role role) => role is Role.AgentReservataire or Role.AgentCommune or Role.AgentBailleur or Role.AgentEpci;
}
