using System.Security.Claims;
using Logis.Domain.Acces;
using Logis.Domain.Commun;
using Logis.Domain.Territoire;

namespace Logis.Application.Acces;

/// <summary>The signed-in agent or partner system, read from the claims set at sign-in.</summary>
public sealed record Agent(Guid Id, string Nom, Role Role, Perimetre Perimetre)
{
    public const string ClaimEpci = "logis:epci";
    public const string ClaimBailleur = "logis:bailleur";
    public const string ClaimReservataire = "logis:reservataire";
    public const string ClaimCommune = "logis:commune";

    public static IEnumerable<Claim> Claims(Guid id, string nom, Role role, Perimetre p)
    {
        yield return new Claim(ClaimTypes.NameIdentifier, id.ToString());
        yield return new Claim(ClaimTypes.Name, nom);
        yield return new Claim(ClaimTypes.Role, role.ToString());
        yield return new Claim(ClaimEpci, p.EpciSiren.Value);
        if (p.BailleurId is { } b) yield return new Claim(ClaimBailleur, b.Value.ToString());
        if (p.ReservataireId is { } r) yield return new Claim(ClaimReservataire, r.Value.ToString());
        if (p.CommuneInsee is { } c) yield return new Claim(ClaimCommune, c.Value);
    }

    public static Agent? Depuis(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        string? V(string type) => user.FindFirst(type)?.Value;
        if (!Guid.TryParse(V(ClaimTypes.NameIdentifier), out var id) || !Enum.TryParse<Role>(V(ClaimTypes.Role), out var role)
            || !Siren.TryCreate(V(ClaimEpci), out var epci)) return null;
        var perimetre = new Perimetre(
            epci,
            Guid.TryParse(V(ClaimBailleur), out var b) ? new BailleurId(b) : null,
            Guid.TryParse(V(ClaimReservataire), out var r) ? new ReservataireId(r) : null,
            CodeInsee.TryCreate(V(ClaimCommune), out var c) ? c : null);
        return new Agent(id, V(ClaimTypes.Name) ?? "", role, perimetre);
    }

    /// <summary>The operator's tool (<c>logis</c> on the command line) acts for the EPCI under this fixed author id.</summary>
    public static readonly Guid IdExploitant = Guid.Parse("00000000-0000-0000-0000-0000000c1100");

    /// <summary>The operator running a command: an EPCI agent of <paramref name="epci"/>, named as the command line in the timeline and the audit.</summary>
    public static Agent Exploitant(Siren epci) => new(IdExploitant, "logis (ligne de commande)", Role.AgentEpci, new Perimetre(epci));

    /// <summary>For endpoints behind the fallback policy: the user is authenticated by construction.</summary>
    public static Agent Requis(ClaimsPrincipal user) =>
        Depuis(user) ?? throw new InvalidOperationException("Utilisateur authentifié sans périmètre valide.");
}
