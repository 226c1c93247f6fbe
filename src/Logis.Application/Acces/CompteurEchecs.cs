using Logis.Persistence.Acces;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Acces;

/// <summary>
/// The failure counter of every account that signs in with a password — agents (<see cref="Utilisateur"/>, <see cref="ComptesAgents"/>) and
/// applicants (<c>CompteDemandeur</c>, <c>Logis.Application.Espace.ComptesDemandeurs</c>) — in one place (docs/protection-des-donnees.md §2
/// items 27–28): <see cref="Utilisateur.EchecsAvantVerrouillage"/> attempts, then a lock of <see cref="Utilisateur.DureeVerrouillage"/>.
/// The counter moves only by one conditional UPDATE, atomic on SQLite and PostgreSQL alike: parallel attempts cannot read the same
/// count, so no more than the limit is ever checked.
/// </summary>
public static class CompteurEchecs
{
    /// <summary>
    /// Admits one attempt (password or second factor) through the counter: false while the account is locked. An expired lock
    /// starts a new count; the attempt that reaches the limit locks the account and renews its stamp (every session ends) in the
    /// same statement.
    /// </summary>
    public static async Task<bool> AdmettreEssaiAsync<T>(IQueryable<T> comptes, Guid id, DateTimeOffset maintenant, CancellationToken ct)
        where T : class, ICompteVerrouillable
    {
        const int limite = Utilisateur.EchecsAvantVerrouillage;
        DateTimeOffset? fin = maintenant + Utilisateur.DureeVerrouillage;
        var tampon = Secrets.NouveauTampon();
        // (lock expired ? 0 : failures) + 1.
        var admis = await comptes
            .Where(u => u.Id == id && ((u.VerrouilleJusqua == null && u.EchecsConnexion < limite) || u.VerrouilleJusqua <= maintenant))
            .ExecuteUpdateAsync(s => s
                .SetProperty(u => u.EchecsConnexion, u => (u.VerrouilleJusqua == null ? u.EchecsConnexion : 0) + 1)
                .SetProperty(u => u.VerrouilleJusqua, u => (u.VerrouilleJusqua == null ? u.EchecsConnexion : 0) + 1 >= limite ? fin : null)
                .SetProperty(u => u.TamponSecurite, u => (u.VerrouilleJusqua == null ? u.EchecsConnexion : 0) + 1 >= limite ? tampon : u.TamponSecurite), ct);
        return admis == 1;
    }

    /// <summary>A success clears the counter and any lock.</summary>
    public static Task RemettreAZeroAsync<T>(IQueryable<T> comptes, Guid id, CancellationToken ct) where T : class, ICompteVerrouillable =>
        comptes.Where(u => u.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.EchecsConnexion, 0).SetProperty(u => u.VerrouilleJusqua, (DateTimeOffset?)null), ct);
}
