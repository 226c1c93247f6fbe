using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Logis.Domain.Acces;
using Logis.Domain.Commun;
using Logis.Persistence;
using Logis.Persistence.Acces;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Acces;

/// <summary>Password hashing and checking, behind an interface so that a test can count the checks.</summary>
public interface IMotsDePasse
{
    string Hacher(string motDePasse);

    bool Verifier(string motDePasse, string hache);
}

/// <summary>PBKDF2-SHA256 (<see cref="Secrets"/>).</summary>
public sealed class MotsDePassePbkdf2 : IMotsDePasse
{
    public string Hacher(string motDePasse) => Secrets.HacherMotDePasse(motDePasse);

    public bool Verifier(string motDePasse, string hache) => Secrets.VerifierMotDePasse(motDePasse, hache);
}

/// <summary>
/// Protects secrets kept in the database (the TOTP keys) with the keys of the deployment (ASP.NET Core Data Protection, folder
/// <c>Logis:Cles:Dossier</c>): a copy of the database alone does not give the second factors away.
/// </summary>
public interface IProtectionSecrets
{
    string Proteger(string secret);

    /// <summary>The secret, or null when the value was not protected by these keys.</summary>
    string? Deproteger(string protege);
}

/// <summary>A signed-in account: the agent and the security stamp its session cookie carries.</summary>
public sealed record SessionAgent(Agent Agent, string Tampon)
{
    public const string ClaimTampon = "logis:tampon";

    public IEnumerable<Claim> Claims() =>
        Agent.Claims(Agent.Id, Agent.Nom, Agent.Role, Agent.Perimetre).Append(new Claim(ClaimTampon, Tampon));
}

/// <summary>What the password opens: the session, or first the second factor to check or to enrol (then the secret to show).</summary>
public enum EtapeSecondFacteur
{
    AucunRequis,
    AVerifier,
    AEnroler,
}

/// <summary>The outcome of the password step: the session is opened only when no second factor remains.</summary>
public sealed record EtapeConnexion(SessionAgent Session, EtapeSecondFacteur SecondFacteur, string? SecretAEnroler, string Identifiant);

/// <summary>
/// The person as ProConnect authenticated them: the stable subject, the professional address, the organisation (SIRET) they
/// chose at ProConnect, and whether it attests a multi-factor authentication (an <c>amr</c> value the configuration names,
/// <c>Logis:ProConnect:AmrSecondFacteur</c>).
/// </summary>
public sealed record IdentiteProConnect(string Sujet, string? Courriel, string? Siret, bool SecondFacteurAtteste);

/// <summary>The outcome of the second factor: the session, and the recovery codes to show once when it has just been enrolled.</summary>
public sealed record SessionConfirmee(SessionAgent Session, IReadOnlyList<string> CodesSecours);

/// <summary>
/// The acts on agent accounts: sign-in, checking a session, sign-out, password change (README « Sécurité »).
/// <list type="bullet">
/// <item>One answer for every refusal — unknown identifier, wrong password, locked account — and one password check
/// (PBKDF2) on every path, against a dummy hash when there is no account to check, so that neither the message nor the
/// time tells whether an identifier exists.</item>
/// <item>The failure counter is moved by one conditional UPDATE before the check: an attempt is admitted only while the
/// account is not locked, and the attempt that reaches <see cref="Utilisateur.EchecsAvantVerrouillage"/> locks it in the
/// same statement. However many attempts arrive at once, at most that many passwords are checked before the lock.</item>
/// <item>The security stamp is renewed at sign-out, lock-out and password change: every session cookie carrying the old
/// stamp is refused at its next request.</item>
/// <item>Every sign-in, failure, lock-out, failure of the second factor, ProConnect sign-in and sign-out is written in the journal
/// (<see cref="JournalConnexions"/>), never with the password or the code.</item>
/// </list>
/// </summary>
public sealed class ComptesAgents(LogisDbContext db, TimeProvider horloge, IMotsDePasse motsDePasse, IProtectionSecrets protection,
    RegleMotsDePasse regle, JournalConnexions journal)
{
    public static readonly string MessageRefus =
        $"Identifiant ou mot de passe incorrect. Après {Utilisateur.EchecsAvantVerrouillage} essais infructueux, un compte est verrouillé " +
        $"pendant {Utilisateur.DureeVerrouillage.TotalMinutes} minutes.";

    public static readonly string MessageActuelIncorrect =
        $"Mot de passe actuel incorrect. Après {Utilisateur.EchecsAvantVerrouillage} essais infructueux, le compte est verrouillé " +
        $"pendant {Utilisateur.DureeVerrouillage.TotalMinutes} minutes.";

    public const int LongueurMaxMotDePasse = RegleMotsDePasse.LongueurMax;
    public const int LongueurMinNouveauMotDePasse = 12;
    public const int LongueurMinAdministrateur = 16;

    /// <summary>Checked when no account can be: same cost as a real check, never a match.</summary>
    internal static readonly Lazy<string> HacheFactice = new(() => Secrets.HacherMotDePasse(Secrets.NouveauTampon()));

    public async Task<Resultat<EtapeConnexion>> ConnecterAsync(string identifiant, string motDePasse, CancellationToken ct = default)
    {
        if (motDePasse.Length > LongueurMaxMotDePasse)
            return Resultat.Invalide<EtapeConnexion>($"Le mot de passe ne peut dépasser {LongueurMaxMotDePasse} caractères.",
                new Dictionary<string, string[]> { ["motDePasse"] = [$"Le mot de passe ne peut dépasser {LongueurMaxMotDePasse} caractères."] });
        var cle = identifiant.Trim().ToLowerInvariant();
        var compte = cle.Length is 0 or > 200 ? null : await db.Utilisateurs.AsNoTracking()
            .Where(u => u.Identifiant == cle).Select(u => new { u.Id, u.MotDePasseHache }).SingleOrDefaultAsync(ct);
        if (compte is null)
        {
            motsDePasse.Verifier(motDePasse, HacheFactice.Value);
            await journal.EcrireAsync(ActionsAuditConnexion.Echec, null, JournalConnexions.Empreinte(identifiant), OrganisationConnexion,
                await journal.TerritoireUniqueAsync(ct), "mot de passe", ct);
            return Resultat.Interdit<EtapeConnexion>(MessageRefus);
        }
        if (await EssayerAsync(compte.Id, compte.MotDePasseHache, motDePasse, ct) is { } refus)
        {
            await JournaliserAsync(compte.Id, refus.Action, refus.Precision, ct);
            return Resultat.Interdit<EtapeConnexion>(MessageRefus);
        }
        await RemettreAZeroAsync(compte.Id, ct);
        var etape = await EtapeApresPremierFacteurAsync(compte.Id, secondFacteurAtteste: false, ct);
        await JournaliserAsync(compte.Id, ActionsAuditConnexion.Reussie, etape.SecondFacteur switch
        {
            EtapeSecondFacteur.AVerifier => "mot de passe ; second facteur à vérifier",
            EtapeSecondFacteur.AEnroler => "mot de passe ; second facteur à enrôler",
            _ => "mot de passe",
        }, ct);
        return Resultat.Ok(etape);
    }

    public const string MessageProConnectSansCompte =
        "Aucun compte Logis n'est ouvert pour l'adresse que ProConnect a transmise. Demandez à la personne qui gère les comptes " +
        "de votre intercommunalité de vous en ouvrir un avec votre adresse professionnelle.";

    public const string MessageProConnectAutreIdentite =
        "Ce compte Logis est déjà relié à une autre identité ProConnect. Demandez à la personne qui gère les comptes de votre " +
        "intercommunalité de vérifier votre compte.";

    public const string MessageProConnectOrganisme =
        "ProConnect vous a identifié pour un organisme (SIRET) qui n'est pas celui de votre compte Logis ni un organisme connu de " +
        "l'intercommunalité. Choisissez dans ProConnect l'organisme pour lequel vous travaillez sur Logis.";

    public static readonly string MessageVerrouille =
        $"Ce compte est verrouillé après {Utilisateur.EchecsAvantVerrouillage} essais infructueux : réessayez dans " +
        $"{Utilisateur.DureeVerrouillage.TotalMinutes} minutes.";

    /// <summary>
    /// Sign-in through ProConnect (OpenID Connect), once the identity provider has authenticated the person: the account is the one
    /// already linked to this subject, or — the first time — the one whose identifier is the address ProConnect gives, which is then
    /// linked to the subject for good. ProConnect never creates an account: agents are declared by their intercommunality. The second
    /// factor is still asked of the roles that need it unless the provider attests a multi-factor authentication.
    /// </summary>
    public async Task<Resultat<EtapeConnexion>> ConnecterParProConnectAsync(IdentiteProConnect identite, IReadOnlySet<string> organismesDeclares,
        CancellationToken ct = default)
    {
        var sujet = identite.Sujet.Trim();
        if (sujet.Length is 0 or > 255) return await RefusProConnectAsync(null, identite.Courriel, MessageProConnectSansCompte, ct);
        var compte = await db.Utilisateurs.SingleOrDefaultAsync(u => u.SujetProConnect == sujet, ct);
        if (compte is null)
        {
            var courriel = (identite.Courriel ?? "").Trim().ToLowerInvariant();
            compte = courriel.Length is 0 or > 200 ? null : await db.Utilisateurs.SingleOrDefaultAsync(u => u.Identifiant == courriel, ct);
            if (compte is null) return await RefusProConnectAsync(null, identite.Courriel, MessageProConnectSansCompte, ct);
            if (compte.SujetProConnect is not null) return await RefusProConnectAsync(compte.Id, null, MessageProConnectAutreIdentite, ct);
            compte.LierProConnect(sujet);
            await db.SaveChangesAsync(ct);
        }
        if (compte.EstVerrouille(horloge.GetUtcNow())) return await RefusProConnectAsync(compte.Id, null, MessageVerrouille, ct);
        if (!await OrganismeReconnuAsync(compte, identite.Siret, organismesDeclares, ct))
            return await RefusProConnectAsync(compte.Id, null, MessageProConnectOrganisme, ct);
        await RemettreAZeroAsync(compte.Id, ct);
        var etape = await EtapeApresPremierFacteurAsync(compte.Id, identite.SecondFacteurAtteste, ct);
        await JournaliserAsync(compte.Id, ActionsAuditConnexion.ProConnect, etape.SecondFacteur == EtapeSecondFacteur.AucunRequis ? null : "second facteur à vérifier", ct);
        return Resultat.Ok(etape);
    }

    /// <summary>A ProConnect sign-in refused: journaled with the account when there is one, else with the fingerprint of the address ProConnect gave.</summary>
    private async Task<Resultat<EtapeConnexion>> RefusProConnectAsync(Guid? compte, string? courriel, string message, CancellationToken ct)
    {
        var precision = "ProConnect : " + (message == MessageVerrouille ? "compte verrouillé" : message == MessageProConnectOrganisme ? "organisme non reconnu"
            : message == MessageProConnectAutreIdentite ? "compte relié à une autre identité" : "aucun compte");
        if (compte is { } id) await JournaliserAsync(id, ActionsAuditConnexion.Echec, precision, ct);
        else await journal.EcrireAsync(ActionsAuditConnexion.Echec, null, JournalConnexions.Empreinte(courriel), OrganisationConnexion,
            await journal.TerritoireUniqueAsync(ct), precision, ct);
        return Resultat.Interdit<EtapeConnexion>(message);
    }

    /// <summary>The organisation column of an unknown identifier's row.</summary>
    public const string OrganisationConnexion = "Connexion des agents";

    /// <summary>One row of the sign-in journal about an existing account: its name, its organisation, the journal of its EPCI.</summary>
    private async Task JournaliserAsync(Guid id, string action, string? precision, CancellationToken ct)
    {
        var u = await db.Utilisateurs.AsNoTracking().SingleAsync(x => x.Id == id, ct);
        var acteur = await Acteurs.DeAsync(db, new Agent(u.Id, u.NomComplet, u.Role, u.Perimetre), ct);
        await journal.EcrireAsync(action, u.Id, u.NomComplet, acteur.Organisation, u.EpciSiren, precision, ct);
    }

    /// <summary>
    /// The organisation ProConnect names (SIRET, whose first nine digits are the SIREN) must be a known one: the landlord of a
    /// landlord's agent when its SIREN is recorded; otherwise the intercommunality, a landlord of the file, or one the
    /// configuration declares (communes, préfecture, Action Logement… whose SIREN Logis does not hold).
    /// </summary>
    private async Task<bool> OrganismeReconnuAsync(Utilisateur compte, string? siret, IReadOnlySet<string> organismesDeclares, CancellationToken ct)
    {
        if (siret is not { Length: 14 } || !siret.All(char.IsAsciiDigit)) return false;
        var siren = siret[..9];
        if (compte.BailleurId is { } bailleur
            && await db.Bailleurs.Where(b => b.Id == bailleur).Select(b => b.Siren).SingleOrDefaultAsync(ct) is { } sirenBailleur)
            return sirenBailleur.Value == siren;
        if (compte.EpciSiren.Value == siren || organismesDeclares.Contains(siren)) return true;
        var connus = await db.Bailleurs.Select(b => b.Siren).ToListAsync(ct);
        return connus.Any(s => s is { } connu && connu.Value == siren);
    }

    /// <summary>What remains once the first factor holds: nothing, the TOTP code, or its enrolment (a secret prepared if none is pending).</summary>
    private async Task<EtapeConnexion> EtapeApresPremierFacteurAsync(Guid id, bool secondFacteurAtteste, CancellationToken ct)
    {
        var u = await db.Utilisateurs.SingleAsync(x => x.Id == id, ct);
        if (!SecondFacteur.Exige(u.Role) || u.DispenseSecondFacteur || secondFacteurAtteste)
            return new EtapeConnexion(await SessionAsync(u.Id, ct), EtapeSecondFacteur.AucunRequis, null, u.Identifiant);
        if (u.SecondFacteurActif)
            return new EtapeConnexion(await SessionAsync(u.Id, ct), EtapeSecondFacteur.AVerifier, null, u.Identifiant);
        // Not enrolled yet: a secret is prepared (kept if one is already pending, so that the application already set up still works).
        if (SecretEnClair(u) is not { } secret)
        {
            secret = Totp.Base32(RandomNumberGenerator.GetBytes(20));
            u.PreparerSecondFacteur(protection.Proteger(secret));
        }
        await db.SaveChangesAsync(ct);
        return new EtapeConnexion(await SessionAsync(u.Id, ct), EtapeSecondFacteur.AEnroler, secret, u.Identifiant);
    }

    /// <summary>
    /// The second step: a TOTP code (a step later than the last accepted one) or an unused recovery code. The first valid code of a
    /// pending secret enrols it and creates ten recovery codes, shown once, stored as SHA-256 fingerprints. Attempts count towards the
    /// lock-out like passwords. <paramref name="tampon"/> is the stamp read at the password step: a changed stamp ends the attempt.
    /// </summary>
    public async Task<Resultat<SessionConfirmee>> ValiderSecondFacteurAsync(Guid utilisateur, string tampon, string code, CancellationToken ct = default)
    {
        var compte = await db.Utilisateurs.SingleOrDefaultAsync(u => u.Id == utilisateur, ct);
        if (compte is null || compte.TamponSecurite != tampon || SecretEnClair(compte) is not { } secret)
            return Resultat.Interdit<SessionConfirmee>(MessageEtapeExpiree);
        var saisi = (code ?? "").Trim();
        if (saisi.Length is 0 or > 40 || !await AdmettreEssaiAsync(compte.Id, ct))
        {
            await JournaliserAsync(compte.Id, ActionsAuditConnexion.EchecSecondFacteur, saisi.Length is 0 or > 40 ? "code illisible" : "compte verrouillé", ct);
            return Resultat.Invalide<SessionConfirmee>(MessageCodeIncorrect, new Dictionary<string, string[]> { ["code"] = [MessageCodeIncorrect] });
        }
        var pas = Totp.Verifier(Totp.DepuisBase32(secret), saisi, horloge.GetUtcNow());
        List<string> codes = [];
        if (pas is { } p && (compte.DernierPasTotp is null || p > compte.DernierPasTotp))
        {
            if (compte.SecondFacteurActif) compte.DernierPasTotp = p;
            else
            {
                codes = [.. Enumerable.Range(0, NombreCodesSecours).Select(_ => NouveauCodeSecours())];
                compte.ActiverSecondFacteur(p, codes.Select(EmpreinteCodeSecours));
            }
        }
        else if (!compte.SecondFacteurActif || !compte.UtiliserCodeSecours(EmpreinteCodeSecours(saisi)))
        {
            var verrouille = await db.Utilisateurs.AsNoTracking().Where(u => u.Id == compte.Id).Select(u => u.VerrouilleJusqua).SingleAsync(ct) > horloge.GetUtcNow();
            await JournaliserAsync(compte.Id, verrouille ? ActionsAuditConnexion.Verrouillage : ActionsAuditConnexion.EchecSecondFacteur, "code incorrect", ct);
            return Resultat.Invalide<SessionConfirmee>(MessageCodeIncorrect, new Dictionary<string, string[]> { ["code"] = [MessageCodeIncorrect] });
        }
        await db.SaveChangesAsync(ct);
        await RemettreAZeroAsync(compte.Id, ct);
        await JournaliserAsync(compte.Id, ActionsAuditConnexion.Reussie, codes.Count > 0 ? "second facteur enrôlé" : "second facteur", ct);
        return Resultat.Ok(new SessionConfirmee(await SessionAsync(compte.Id, ct), codes));
    }

    public const int NombreCodesSecours = 10;

    /// <summary>
    /// The TOTP secret in clear, from its protected form; null when there is none or it cannot be read (keys lost: the agent then
    /// enrols again after an operator resets the factor). A secret stored in clear before protection existed is protected on read.
    /// </summary>
    private string? SecretEnClair(Utilisateur compte)
    {
        if (compte.SecretTotp is not { } stocke) return null;
        if (protection.Deproteger(stocke) is { } secret) return secret;
        if (stocke.Length != 32 || !stocke.All(c => c is >= 'A' and <= 'Z' or >= '2' and <= '7')) return null;
        compte.ProtegerSecret(protection.Proteger(stocke));
        return stocke;
    }

    public static readonly string MessageCodeIncorrect =
        $"Code incorrect ou déjà utilisé. Après {Utilisateur.EchecsAvantVerrouillage} essais infructueux, le compte est verrouillé " +
        $"pendant {Utilisateur.DureeVerrouillage.TotalMinutes} minutes.";

    public const string MessageEtapeExpiree = "La connexion a expiré : saisissez de nouveau votre identifiant et votre mot de passe.";

    private const string AlphabetCodes = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>A recovery code: ten characters without look-alikes (no I, O, 0, 1), shown as « XXXXX-XXXXX ».</summary>
    private static string NouveauCodeSecours()
    {
        var c = RandomNumberGenerator.GetString(AlphabetCodes, 10);
        return $"{c[..5]}-{c[5..]}";
    }

    /// <summary>Fingerprint of a recovery code as typed: case, spaces and dashes do not matter.</summary>
    public static string EmpreinteCodeSecours(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(new string([.. code.ToUpperInvariant().Where(char.IsLetterOrDigit)]))));

    /// <summary>Whether a session cookie still opens the account: same stamp, account not locked.</summary>
    public async Task<bool> SessionValideAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        if (Agent.Depuis(principal) is not { } agent || principal.FindFirst(SessionAgent.ClaimTampon)?.Value is not { Length: > 0 } tampon) return false;
        var maintenant = horloge.GetUtcNow();
        return await db.Utilisateurs.AsNoTracking().AnyAsync(u => u.Id == agent.Id && u.TamponSecurite == tampon
            && (u.VerrouilleJusqua == null || u.VerrouilleJusqua <= maintenant), ct);
    }

    /// <summary>Sign-out: every session of the account ends (the stamp changes).</summary>
    public async Task DeconnecterAsync(Guid utilisateur, CancellationToken ct = default)
    {
        if (await db.Utilisateurs.Where(u => u.Id == utilisateur).ExecuteUpdateAsync(s => s.SetProperty(u => u.TamponSecurite, Secrets.NouveauTampon()), ct) == 1)
            await JournaliserAsync(utilisateur, ActionsAuditConnexion.Deconnexion, null, ct);
    }

    /// <summary>
    /// The agent changes their password: the current one is checked like a sign-in (it counts towards the lock-out), the new
    /// one follows <see cref="RegleMotsDePasse"/> (length, mixed characters, not a common or breached one); every other session ends, the returned one replaces the caller's.
    /// </summary>
    public async Task<Resultat<SessionAgent>> ChangerMotDePasseAsync(Guid utilisateur, string actuel, string nouveau, string confirmation,
        CancellationToken ct = default)
    {
        var compte = await db.Utilisateurs.SingleOrDefaultAsync(u => u.Id == utilisateur, ct);
        if (compte is null) return Resultat.NonTrouve<SessionAgent>("Ce compte n'existe plus.");
        var erreurs = new Dictionary<string, string[]>();
        if (await regle.VerifierAsync(nouveau, LongueurMinimale(compte.Role), ct) is { } refus) erreurs["nouveauMotDePasse"] = [refus];
        else if (nouveau == actuel) erreurs["nouveauMotDePasse"] = ["Le nouveau mot de passe doit être différent de l'actuel."];
        if (confirmation != nouveau) erreurs["confirmation"] = ["La confirmation ne reprend pas le nouveau mot de passe."];
        if (actuel.Length > LongueurMaxMotDePasse) erreurs["motDePasseActuel"] = [MessageActuelIncorrect];
        if (erreurs.Count > 0) return Resultat.Invalide<SessionAgent>(string.Join(" ", erreurs.Values.SelectMany(m => m)), erreurs);

        if (!await VerifierAsync(compte.Id, compte.MotDePasseHache, actuel, ct))
            return Resultat.Invalide<SessionAgent>(MessageActuelIncorrect,
                new Dictionary<string, string[]> { ["motDePasseActuel"] = [MessageActuelIncorrect] });
        compte.ChangerMotDePasse(motsDePasse.Hacher(nouveau));
        await db.SaveChangesAsync(ct);
        await RemettreAZeroAsync(compte.Id, ct);
        return Resultat.Ok(await SessionAsync(compte.Id, ct));
    }

    /// <summary>The shortest new password for a role: 16 characters for an administrator, 12 for the others.</summary>
    public static int LongueurMinimale(Role role) => role == Role.Administrateur ? LongueurMinAdministrateur : LongueurMinNouveauMotDePasse;

    /// <summary>
    /// Admits the attempt through the counter (<see cref="CompteurEchecs"/>), then checks the password. A refused attempt (the
    /// account is locked) still spends one check, on the dummy hash; a later success clears the counter.
    /// </summary>
    private async Task<bool> VerifierAsync(Guid id, string hache, string motDePasse, CancellationToken ct) =>
        await EssayerAsync(id, hache, motDePasse, ct) is null;

    /// <summary>
    /// <see cref="VerifierAsync"/> saying why a refused attempt is refused, as the journal writes it: the account was locked, this
    /// attempt locked it (the failure that reached the limit), or a wrong password. Null when the password is right.
    /// </summary>
    private async Task<(string Action, string Precision)?> EssayerAsync(Guid id, string hache, string motDePasse, CancellationToken ct)
    {
        if (!await AdmettreEssaiAsync(id, ct))
        {
            motsDePasse.Verifier(motDePasse, HacheFactice.Value);
            return (ActionsAuditConnexion.Echec, "mot de passe ; compte verrouillé");
        }
        if (motsDePasse.Verifier(motDePasse, hache)) return null;
        var verrouille = await db.Utilisateurs.AsNoTracking().Where(u => u.Id == id).Select(u => u.VerrouilleJusqua).SingleAsync(ct) > horloge.GetUtcNow();
        return verrouille ? (ActionsAuditConnexion.Verrouillage, "mot de passe incorrect") : (ActionsAuditConnexion.Echec, "mot de passe incorrect");
    }

    private Task<bool> AdmettreEssaiAsync(Guid id, CancellationToken ct) => CompteurEchecs.AdmettreEssaiAsync(db.Utilisateurs, id, horloge.GetUtcNow(), ct);

    private Task RemettreAZeroAsync(Guid id, CancellationToken ct) => CompteurEchecs.RemettreAZeroAsync(db.Utilisateurs, id, ct);

    private async Task<SessionAgent> SessionAsync(Guid id, CancellationToken ct)
    {
        var u = await db.Utilisateurs.AsNoTracking().SingleAsync(x => x.Id == id, ct);
        return new SessionAgent(new Agent(u.Id, u.NomComplet, u.Role, u.Perimetre), u.TamponSecurite);
    }
}
