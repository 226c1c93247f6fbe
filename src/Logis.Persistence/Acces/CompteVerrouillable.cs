namespace Logis.Persistence.Acces;

/// <summary>
/// An account locked after repeated sign-in failures — an agent's (<see cref="Utilisateur"/>) or an applicant's
/// (<see cref="Espace.CompteDemandeur"/>): the columns the one failure counter (Logis.Application.Acces.CompteurEchecs) moves.
/// </summary>
public interface ICompteVerrouillable
{
    Guid Id { get; }
    int EchecsConnexion { get; }
    DateTimeOffset? VerrouilleJusqua { get; }
    string TamponSecurite { get; }
}
