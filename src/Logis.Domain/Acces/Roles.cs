using Logis.Domain.Commun;
using Logis.Domain.Territoire;

namespace Logis.Domain.Acces;

/// <summary>
/// Roles of the agents of the partners of the shared demand file. Each role reads within a perimeter
/// (<see cref="Perimetre"/>); sensitive data needs a further habilitation (added with the demand file).
/// </summary>
public enum Role
{
    AgentEpci = 1,
    AgentBailleur = 2,
    AgentReservataire = 3,
    AgentCommune = 4,
    Administrateur = 5,
}

/// <summary>What an agent belongs to: their EPCI, and for some roles their bailleur, réservataire or commune.</summary>
public sealed record Perimetre(Siren EpciSiren, BailleurId? BailleurId = null, ReservataireId? ReservataireId = null, CodeInsee? CommuneInsee = null)
{
    /// <summary>A bailleur agent sees the detail of its own stock only; the other roles see the whole territory's stock.</summary>
    public bool PeutVoirDetailDuParcDe(Role role, BailleurId bailleur) =>
        role != Role.AgentBailleur || BailleurId == bailleur;
}

public static class Roles
{
    public const string AgentEpci = nameof(Role.AgentEpci);
    public const string AgentBailleur = nameof(Role.AgentBailleur);
    public const string AgentReservataire = nameof(Role.AgentReservataire);
    public const string AgentCommune = nameof(Role.AgentCommune);
    public const string Administrateur = nameof(Role.Administrateur);

    public static string Libelle(this Role role) => role switch
    {
        Role.AgentEpci => "Agent de l'intercommunalité",
        Role.AgentBailleur => "Agent d'un bailleur",
        Role.AgentReservataire => "Agent d'un réservataire",
        Role.AgentCommune => "Agent d'une commune",
        Role.Administrateur => "Administrateur",
        _ => throw new ArgumentOutOfRangeException(nameof(role)),
    };
}
