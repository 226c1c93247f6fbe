using Logis.Domain.Acces;
using Logis.Domain.Commun;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Acces;

/// <summary>An agent account as an operator sees it: never a secret, a hash or a recovery code.</summary>
public sealed record CompteVue(string Identifiant, string Nom, Role Role, bool SecondFacteurActif, bool SecondFacteurEnAttente,
    bool RelieProConnect, DateTimeOffset? VerrouilleJusqua);

/// <summary>
/// The operator's acts on agent accounts (command <c>logis comptes</c>): list them, and reset the second factor of an agent who lost
/// both their device and their recovery codes (the agent enrols again at the next sign-in; every session ends).
/// </summary>
public sealed class GestionComptes(LogisDbContext db)
{
    public async Task<IReadOnlyList<CompteVue>> ListerAsync(Siren epci, CancellationToken ct) =>
        (await db.Utilisateurs.AsNoTracking().Where(u => u.EpciSiren == epci).ToListAsync(ct))
            .OrderBy(u => u.Identifiant, StringComparer.Ordinal)
            .Select(u => new CompteVue(u.Identifiant, u.NomComplet, u.Role, u.SecondFacteurActif, !u.SecondFacteurActif && u.SecretTotp is not null,
                u.SujetProConnect is not null, u.VerrouilleJusqua))
            .ToList();

    public async Task<Resultat> ReinitialiserSecondFacteurAsync(string identifiant, CancellationToken ct)
    {
        var cle = identifiant.Trim().ToLowerInvariant();
        var compte = await db.Utilisateurs.SingleOrDefaultAsync(u => u.Identifiant == cle, ct);
        if (compte is null) return Resultat.Echec(Echec.NonTrouve($"Aucun compte n'a l'identifiant « {identifiant.Trim()} »."));
        if (compte.SecretTotp is null) return Resultat.Echec($"Le compte {compte.Identifiant} n'a pas de second facteur à réinitialiser.");
        compte.ReinitialiserSecondFacteur();
        await db.SaveChangesAsync(ct);
        return Resultat.Ok();
    }
}
