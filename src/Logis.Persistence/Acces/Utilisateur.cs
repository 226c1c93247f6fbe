using Logis.Domain.Acces;
using Logis.Domain.Commun;
using Logis.Domain.Territoire;

namespace Logis.Persistence.Acces;

/// <summary>
/// An agent account. Personal (one person), with a hashed password and lock-out after repeated
/// failures (docs/protection-des-donnees.md §2 items 12, 27, 28). The failure counter is moved only by one
/// conditional UPDATE (Logis.Application.Acces.ComptesAgents); the security stamp, carried by the session cookie and
/// checked on each request, is renewed at sign-out, lock-out and password change, which ends every open session.
/// </summary>
public sealed class Utilisateur : ICompteVerrouillable
{
    public const int EchecsAvantVerrouillage = 5;
    public static readonly TimeSpan DureeVerrouillage = TimeSpan.FromMinutes(15);

    public Guid Id { get; init; }
    public required string Identifiant { get; init; }
    public required string NomComplet { get; init; }
    public required Role Role { get; init; }
    public required Siren EpciSiren { get; init; }
    public BailleurId? BailleurId { get; init; }
    public ReservataireId? ReservataireId { get; init; }
    public CodeInsee? CommuneInsee { get; init; }
    public required string MotDePasseHache { get; set; }
    public int EchecsConnexion { get; private set; }
    public DateTimeOffset? VerrouilleJusqua { get; private set; }

    /// <summary>Random value copied into the session cookie; a cookie whose stamp differs is refused.</summary>
    public string TamponSecurite { get; private set; } = Secrets.NouveauTampon();

    public Perimetre Perimetre => new(EpciSiren, BailleurId, ReservataireId, CommuneInsee);

    public bool EstVerrouille(DateTimeOffset maintenant) => VerrouilleJusqua is { } fin && fin > maintenant;

    /// <summary>
    /// TOTP secret, protected by the deployment's keys (<c>IProtectionSecrets</c>; never the base32 in clear): pending until the first
    /// code confirms it (<see cref="SecondFacteurActif"/>).
    /// </summary>
    public string? SecretTotp { get; private set; }

    public bool SecondFacteurActif { get; private set; }

    /// <summary>The last TOTP step accepted: a code serves once.</summary>
    public long? DernierPasTotp { get; set; }

    /// <summary>SHA-256 fingerprints of the unused recovery codes, separated by spaces (each serves once).</summary>
    public string? CodesSecours { get; private set; }

    /// <summary>Demo accounts only (seed-demo, never in production): no second factor asked, whatever the role.</summary>
    public bool DispenseSecondFacteur { get; init; }

    public void PreparerSecondFacteur(string secretProtege)
    {
        SecretTotp = secretProtege;
        SecondFacteurActif = false;
    }

    /// <summary>Replaces a secret stored in clear by its protected form (same secret).</summary>
    public void ProtegerSecret(string secretProtege) => SecretTotp = secretProtege;

    /// <summary>
    /// An operator resets the second factor of an agent who lost their device and recovery codes: the agent enrols again at the next
    /// sign-in; every session ends.
    /// </summary>
    public void ReinitialiserSecondFacteur()
    {
        SecretTotp = null;
        SecondFacteurActif = false;
        DernierPasTotp = null;
        CodesSecours = null;
        RenouvelerTampon();
    }

    public void ActiverSecondFacteur(long pas, IEnumerable<string> empreintesCodesSecours)
    {
        SecondFacteurActif = true;
        DernierPasTotp = pas;
        CodesSecours = string.Join(' ', empreintesCodesSecours);
    }

    /// <summary>Spends a recovery code given by its fingerprint; false when it is not (or no longer) one of them.</summary>
    public bool UtiliserCodeSecours(string empreinte)
    {
        var codes = (CodesSecours ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (!codes.Remove(empreinte)) return false;
        CodesSecours = string.Join(' ', codes);
        return true;
    }

    /// <summary>
    /// The subject (<c>sub</c>) of the agent's ProConnect identity, recorded at the first ProConnect sign-in matched by e-mail; from
    /// then on only this subject opens the account through ProConnect, even if another identity later carries the same address.
    /// </summary>
    public string? SujetProConnect { get; private set; }

    public void LierProConnect(string sujet) => SujetProConnect = sujet;

    /// <summary>Ends every session of the account (sign-out, lock-out, new password).</summary>
    public void RenouvelerTampon() => TamponSecurite = Secrets.NouveauTampon();

    public void ChangerMotDePasse(string hache)
    {
        MotDePasseHache = hache;
        RenouvelerTampon();
    }
}

/// <summary>A partner system authenticated by an API key; only the SHA-256 of the key is stored.</summary>
public sealed class ClientApi
{
    public Guid Id { get; init; }
    public required string Nom { get; init; }
    public required Role Role { get; init; }
    public required Siren EpciSiren { get; init; }
    public BailleurId? BailleurId { get; init; }
    public ReservataireId? ReservataireId { get; init; }
    public CodeInsee? CommuneInsee { get; init; }
    public required string EmpreinteCle { get; init; }
    public bool Actif { get; init; } = true;

    public Perimetre Perimetre => new(EpciSiren, BailleurId, ReservataireId, CommuneInsee);
}
