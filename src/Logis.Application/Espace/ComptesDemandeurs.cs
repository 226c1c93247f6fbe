using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Logis.Application.Acces;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Relances;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Acces;
using Logis.Persistence.Espace;
using Logis.Persistence.Relances;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Espace;

/// <summary>A signed-in applicant: the account, its territory and the security stamp its session cookie carries.</summary>
public sealed record SessionDemandeur(Guid Compte, Siren Epci, string Courriel, string Tampon)
{
    public const string ClaimDemandeur = "logis:demandeur";
    public const string ClaimTampon = "logis:espace:tampon";

    public IEnumerable<Claim> Claims() =>
    [
        new(ClaimTypes.NameIdentifier, Compte.ToString()), new(ClaimTypes.Email, Courriel), new(ClaimDemandeur, Epci.Value),
        new(ClaimTampon, Tampon),
    ];

    /// <summary>The applicant of a principal set by the applicant space's cookie; null for any other (an agent's has no such claim).</summary>
    public static SessionDemandeur? Depuis(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        string? V(string type) => user.FindFirst(type)?.Value;
        return Guid.TryParse(V(ClaimTypes.NameIdentifier), out var id) && Siren.TryCreate(V(ClaimDemandeur), out var epci)
            && V(ClaimTampon) is { Length: > 0 } tampon ? new SessionDemandeur(id, epci, V(ClaimTypes.Email) ?? "", tampon) : null;
    }
}

/// <summary>The identity FranceConnect returned, its signatures, nonce, level and lifetime already checked.</summary>
public sealed record IdentiteFranceConnect(string Sujet, string? Courriel);

/// <summary>
/// The applicants' accounts (docs/espace-demandeur.md §1), built like the agents' (<see cref="ComptesAgents"/>) on the same pieces:
/// PBKDF2 through <see cref="IMotsDePasse"/>, the same password rule (<see cref="RegleMotsDePasse"/>), the same dummy check when there is no account, a failure
/// counter moved by one conditional UPDATE, a security stamp renewed at sign-out, lock-out and password change.
/// <list type="bullet">
/// <item>Sign-up never tells whether an address has an account: the same answer, the same password hashing; the owner of an address
/// that already has one receives a message saying so instead of a link.</item>
/// <item>The address is confirmed by a single-use link valid <see cref="ValiditeJeton"/>, sent through the outbox; only the SHA-256
/// of its token is stored.</item>
/// </list>
/// </summary>
public sealed class ComptesDemandeurs(LogisDbContext db, TimeProvider horloge, IMotsDePasse motsDePasse, RegleMotsDePasse regle,
    JournalConnexions journal)
{
    public static readonly TimeSpan ValiditeJeton = TimeSpan.FromHours(24);
    public const int LongueurMinMotDePasse = ComptesAgents.LongueurMinNouveauMotDePasse;

    public const string MessageCreation =
        "Si cette adresse n'a pas encore de compte, un message vient de lui être envoyé : ouvrez le lien qu'il contient pour confirmer "
        + "votre adresse (il est valable 24 heures). Pensez à regarder dans vos courriers indésirables.";

    public static readonly string MessageRefus =
        $"Adresse électronique ou mot de passe incorrect. Après {CompteDemandeur.EchecsAvantVerrouillage} essais infructueux, le compte est "
        + $"verrouillé pendant {CompteDemandeur.DureeVerrouillage.TotalMinutes} minutes.";

    public const string MessageNonConfirme =
        "Votre adresse électronique n'est pas encore confirmée : un nouveau lien de confirmation vient de vous être envoyé.";

    public const string MessageJetonInvalide =
        "Ce lien de confirmation n'est pas valable : il a déjà servi, il a expiré (24 heures) ou il est incomplet. Connectez-vous : "
        + "si votre adresse n'est pas confirmée, un nouveau lien vous sera envoyé.";

    /// <summary>Sign-up: the same answer whether the address has an account or not (<see cref="MessageCreation"/>).</summary>
    public async Task<Resultat> CreerAsync(Siren epci, string? courriel, string? motDePasse, string? confirmation, string adresseSite, CancellationToken ct)
    {
        var adresse = (courriel ?? "").Trim().ToLowerInvariant();
        var erreurs = new Dictionary<string, string[]>();
        if (adresse.Length == 0) erreurs["courriel"] = ["Indiquez votre adresse électronique."];
        else if (!DemandeSaisie.CourrielValide(adresse)) erreurs["courriel"] = ["L'adresse électronique n'est pas valide (ex. prenom.nom@exemple.fr)."];
        if (await regle.VerifierAsync(motDePasse ?? "", LongueurMinMotDePasse, ct) is { } refus)
            erreurs["motDePasse"] = [refus.Replace("Le nouveau mot de passe", "Le mot de passe", StringComparison.Ordinal)];
        if (confirmation != motDePasse) erreurs["confirmation"] = ["La confirmation ne reprend pas le mot de passe."];
        if (erreurs.Count > 0) return Resultat.Echec(Echec.Invalide("Le formulaire comporte des erreurs.", erreurs));

        // Hashed in every case: the time does not tell whether the address has an account.
        var hache = motsDePasse.Hacher(motDePasse!);
        var maintenant = horloge.GetUtcNow();
        var existant = await db.ComptesDemandeurs.AsNoTracking().Where(c => c.EpciSiren == epci && c.Courriel == adresse)
            .Select(c => new { c.Id }).SingleOrDefaultAsync(ct);
        if (existant is not null)
        {
            Envoyer(epci, $"{existant.Id:N}:existe:{maintenant.UtcTicks}", adresse, "Votre compte de l'espace demandeur existe déjà",
                "Bonjour,\n\nQuelqu'un (vous, sans doute) a demandé à créer un compte dans l'espace demandeur de logement social avec cette adresse. "
                + "Un compte existe déjà pour elle : connectez-vous avec votre mot de passe.\n\n"
                + $"Adresse de connexion : {adresseSite}/espace/connexion\n\n"
                + "Si ce n'est pas vous, vous n'avez rien à faire : votre compte n'a pas changé.\n", maintenant);
            await db.SaveChangesAsync(ct);
            return Resultat.Ok();
        }
        var compte = new CompteDemandeur { Id = Guid.NewGuid(), EpciSiren = epci, Courriel = adresse, MotDePasseHache = hache, CreeLe = maintenant };
        db.ComptesDemandeurs.Add(compte);
        NouveauLien(compte, adresseSite, maintenant);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two sign-ups at once for one address: the other one made the account; same answer.
            db.ChangeTracker.Clear();
        }
        return Resultat.Ok();
    }

    /// <summary>Confirms the address with the token of the link: valid once, before its end.</summary>
    public async Task<Resultat> ConfirmerAsync(string? jeton, CancellationToken ct)
    {
        if (jeton is not { Length: > 20 and < 100 }) return Resultat.Echec(Echec.Invalide(MessageJetonInvalide, new Dictionary<string, string[]> { ["jeton"] = [MessageJetonInvalide] }));
        var empreinte = Empreinte(jeton);
        var maintenant = horloge.GetUtcNow();
        // One conditional UPDATE: a token serves once, even when the link is opened twice at the same time.
        var pris = await db.JetonsComptes.Where(j => j.Empreinte == empreinte && j.UtiliseLe == null && j.ExpireLe > maintenant)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.UtiliseLe, maintenant), ct);
        if (pris == 0) return Resultat.Echec(Echec.Invalide(MessageJetonInvalide, new Dictionary<string, string[]> { ["jeton"] = [MessageJetonInvalide] }));
        var compte = await db.JetonsComptes.AsNoTracking().Where(j => j.Empreinte == empreinte).Select(j => j.CompteId).SingleAsync(ct);
        await db.ComptesDemandeurs.Where(c => c.Id == compte && c.CourrielConfirmeLe == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.CourrielConfirmeLe, maintenant), ct);
        return Resultat.Ok();
    }

    /// <summary>
    /// Sign-in: one answer for an unknown address, a wrong password and a locked account, one password check on every path. The
    /// right password of an account whose address is not confirmed sends a new link and opens nothing.
    /// </summary>
    public async Task<Resultat<SessionDemandeur>> ConnecterAsync(Siren epci, string? courriel, string? motDePasse, string adresseSite, CancellationToken ct)
    {
        var mdp = motDePasse ?? "";
        var adresse = (courriel ?? "").Trim().ToLowerInvariant();
        var compte = adresse.Length is 0 or > 254 || mdp.Length > ComptesAgents.LongueurMaxMotDePasse ? null : await db.ComptesDemandeurs.AsNoTracking()
            .Where(c => c.EpciSiren == epci && c.Courriel == adresse).Select(c => new { c.Id, c.MotDePasseHache, c.Courriel }).SingleOrDefaultAsync(ct);
        if (compte is null)
        {
            if (mdp.Length <= ComptesAgents.LongueurMaxMotDePasse) motsDePasse.Verifier(mdp, ComptesAgents.HacheFactice.Value);
            await journal.EcrireAsync(ActionsAuditConnexion.Echec, null, JournalConnexions.Empreinte(courriel), JournalConnexions.OrganisationEspace, epci,
                mdp.Length > ComptesAgents.LongueurMaxMotDePasse ? "mot de passe trop long" : "mot de passe", ct);
            return Resultat.Interdit<SessionDemandeur>(MessageRefus);
        }
        Task JournaliserAsync(string action, string precision) =>
            journal.EcrireAsync(action, compte.Id, compte.Courriel, JournalConnexions.OrganisationEspace, epci, precision, ct);
        if (!await AdmettreEssaiAsync(compte.Id, ct))
        {
            motsDePasse.Verifier(mdp, ComptesAgents.HacheFactice.Value);
            await JournaliserAsync(ActionsAuditConnexion.Echec, "mot de passe ; compte verrouillé");
            return Resultat.Interdit<SessionDemandeur>(MessageRefus);
        }
        if (!Verifier(mdp, compte.MotDePasseHache))
        {
            var verrouille = await db.ComptesDemandeurs.AsNoTracking().Where(c => c.Id == compte.Id).Select(c => c.VerrouilleJusqua).SingleAsync(ct) > horloge.GetUtcNow();
            await JournaliserAsync(verrouille ? ActionsAuditConnexion.Verrouillage : ActionsAuditConnexion.Echec, "mot de passe incorrect");
            return Resultat.Interdit<SessionDemandeur>(MessageRefus);
        }
        await RemettreAZeroAsync(compte.Id, ct);
        var c = await db.ComptesDemandeurs.SingleAsync(x => x.Id == compte.Id, ct);
        if (c.CourrielConfirmeLe is null)
        {
            NouveauLien(c, adresseSite, horloge.GetUtcNow());
            await db.SaveChangesAsync(ct);
            await JournaliserAsync(ActionsAuditConnexion.Echec, "adresse non confirmée (nouveau lien envoyé)");
            return Resultat.Conflit<SessionDemandeur>(MessageNonConfirme);
        }
        await JournaliserAsync(ActionsAuditConnexion.Reussie, "mot de passe");
        return Resultat.Ok(new SessionDemandeur(c.Id, c.EpciSiren, c.Courriel, c.TamponSecurite));
    }

    public const string MessageFranceConnectLier =
        "Un compte de l'espace demandeur existe déjà pour l'adresse électronique que FranceConnect nous a transmise. Pour le relier à "
        + "FranceConnect, saisissez une fois le mot de passe de ce compte. Ensuite, FranceConnect suffira.";

    public const string MessageFranceConnectSansCourriel =
        "FranceConnect ne nous a pas transmis d'adresse électronique valable : connectez-vous avec votre adresse et votre mot de passe.";

    public const string MessageFranceConnectAutreIdentite =
        "Ce compte est déjà relié à une autre identité FranceConnect : connectez-vous avec votre adresse et votre mot de passe.";

    public static readonly string MessageFranceConnectVerrouille =
        $"Ce compte est verrouillé après des essais de mot de passe infructueux. Réessayez dans {CompteDemandeur.DureeVerrouillage.TotalMinutes} minutes.";

    /// <summary>
    /// Sign-in through FranceConnect (ADR 0014): the account already held by this FranceConnect subject; else, when no account has the
    /// address FranceConnect returned, a new one holding it, already confirmed (FranceConnect returns an address its identity provider
    /// verified) and with no usable password; else a conflict: the existing account is linked only once its password is given
    /// (<see cref="LierFranceConnectAsync"/>) — never by the address alone.
    /// </summary>
    public async Task<Resultat<SessionDemandeur>> ConnecterParFranceConnectAsync(Siren epci, IdentiteFranceConnect identite, CancellationToken ct)
    {
        var maintenant = horloge.GetUtcNow();
        var tenu = await db.ComptesDemandeurs.AsNoTracking().SingleOrDefaultAsync(c => c.EpciSiren == epci && c.SujetExterne == identite.Sujet, ct);
        if (tenu is not null)
        {
            var verrouille = tenu.VerrouilleJusqua is { } fin && fin > maintenant;
            await journal.EcrireAsync(verrouille ? ActionsAuditConnexion.Echec : ActionsAuditConnexion.FranceConnect, tenu.Id, tenu.Courriel,
                JournalConnexions.OrganisationEspace, epci, verrouille ? "FranceConnect ; compte verrouillé" : null, ct);
            return verrouille ? Resultat.Interdit<SessionDemandeur>(MessageFranceConnectVerrouille)
                : Resultat.Ok(new SessionDemandeur(tenu.Id, tenu.EpciSiren, tenu.Courriel, tenu.TamponSecurite));
        }
        var adresse = (identite.Courriel ?? "").Trim().ToLowerInvariant();
        if (adresse.Length is 0 or > 254 || !DemandeSaisie.CourrielValide(adresse)) return Resultat.Interdit<SessionDemandeur>(MessageFranceConnectSansCourriel);
        if (await db.ComptesDemandeurs.AnyAsync(c => c.EpciSiren == epci && c.Courriel == adresse, ct))
            return Resultat.Conflit<SessionDemandeur>(MessageFranceConnectLier);
        // No password yet: marked as such, over the hash of a random secret nobody knows (the column is required); the account opens
        // through FranceConnect, and its holder may set a password of their own there (DefinirMotDePasseAsync).
        var compte = new CompteDemandeur
        {
            Id = Guid.NewGuid(), EpciSiren = epci, Courriel = adresse, MotDePasseHache = CompteDemandeur.MarquerSansMotDePasse(motsDePasse.Hacher(Secrets.NouveauTampon())),
            CreeLe = maintenant,
            CourrielConfirmeLe = maintenant, SujetExterne = identite.Sujet,
        };
        db.ComptesDemandeurs.Add(compte);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same address or subject registered meanwhile (two tabs): the next attempt finds it.
            db.ChangeTracker.Clear();
            return Resultat.Conflit<SessionDemandeur>(MessageFranceConnectLier);
        }
        await journal.EcrireAsync(ActionsAuditConnexion.FranceConnect, compte.Id, compte.Courriel, JournalConnexions.OrganisationEspace, epci, "compte ouvert", ct);
        return Resultat.Ok(new SessionDemandeur(compte.Id, compte.EpciSiren, compte.Courriel, compte.TamponSecurite));
    }

    /// <summary>
    /// Links the local account of the address FranceConnect returned to its FranceConnect subject, once the account's password is
    /// given (it counts towards the lock-out like a sign-in). The address is then confirmed: FranceConnect returned it verified.
    /// </summary>
    public async Task<Resultat<SessionDemandeur>> LierFranceConnectAsync(Siren epci, IdentiteFranceConnect identite, string? motDePasse, CancellationToken ct)
    {
        var adresse = (identite.Courriel ?? "").Trim().ToLowerInvariant();
        var mdp = motDePasse ?? "";
        var compte = adresse.Length is 0 or > 254 ? null : await db.ComptesDemandeurs.SingleOrDefaultAsync(c => c.EpciSiren == epci && c.Courriel == adresse, ct);
        if (compte is null) return await ConnecterParFranceConnectAsync(epci, identite, ct);
        if (compte.SujetExterne is { } autre && autre != identite.Sujet) return Resultat.Interdit<SessionDemandeur>(MessageFranceConnectAutreIdentite);
        var incorrect = Resultat.Invalide<SessionDemandeur>(MessageRefus, new Dictionary<string, string[]> { ["motDePasse"] = ["Mot de passe incorrect."] });
        Task JournaliserAsync(string action, string precision) =>
            journal.EcrireAsync(action, compte.Id, compte.Courriel, JournalConnexions.OrganisationEspace, epci, precision, ct);
        if (mdp.Length > ComptesAgents.LongueurMaxMotDePasse || !await AdmettreEssaiAsync(compte.Id, ct))
        {
            motsDePasse.Verifier(mdp, ComptesAgents.HacheFactice.Value);
            await JournaliserAsync(ActionsAuditConnexion.Echec, "FranceConnect à relier ; mot de passe ; compte verrouillé");
            return incorrect;
        }
        if (!Verifier(mdp, compte.MotDePasseHache))
        {
            await JournaliserAsync(ActionsAuditConnexion.Echec, "FranceConnect à relier ; mot de passe incorrect");
            return incorrect;
        }
        await RemettreAZeroAsync(compte.Id, ct);
        await db.Entry(compte).ReloadAsync(ct);
        compte.SujetExterne = identite.Sujet;
        compte.CourrielConfirmeLe ??= horloge.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await JournaliserAsync(ActionsAuditConnexion.FranceConnect, "compte relié");
        return Resultat.Ok(new SessionDemandeur(compte.Id, compte.EpciSiren, compte.Courriel, compte.TamponSecurite));
    }

    /// <summary>Whether a session cookie still opens the account: same stamp, address confirmed, not locked.</summary>
    public async Task<bool> SessionValideAsync(ClaimsPrincipal principal, CancellationToken ct = default)
    {
        if (SessionDemandeur.Depuis(principal) is not { } s) return false;
        var maintenant = horloge.GetUtcNow();
        return await db.ComptesDemandeurs.AsNoTracking().AnyAsync(c => c.Id == s.Compte && c.EpciSiren == s.Epci && c.TamponSecurite == s.Tampon
            && c.CourrielConfirmeLe != null && (c.VerrouilleJusqua == null || c.VerrouilleJusqua <= maintenant), ct);
    }

    /// <summary>Sign-out: every session of the account ends (the stamp changes).</summary>
    public async Task DeconnecterAsync(Guid compte, CancellationToken ct = default)
    {
        if (await db.ComptesDemandeurs.Where(c => c.Id == compte).ExecuteUpdateAsync(s => s.SetProperty(c => c.TamponSecurite, Secrets.NouveauTampon()), ct) == 0) return;
        var c = await db.ComptesDemandeurs.AsNoTracking().Where(x => x.Id == compte).Select(x => new { x.Courriel, x.EpciSiren }).SingleAsync(ct);
        await journal.EcrireAsync(ActionsAuditConnexion.Deconnexion, compte, c.Courriel, JournalConnexions.OrganisationEspace, c.EpciSiren, null, ct);
    }

    /// <summary>A new password: the current one checked (it counts towards the lock-out), the rule of sign-up; every other session ends.</summary>
    public async Task<Resultat<SessionDemandeur>> ChangerMotDePasseAsync(Guid compte, string? actuel, string? nouveau, string? confirmation, CancellationToken ct)
    {
        var c = await db.ComptesDemandeurs.SingleOrDefaultAsync(x => x.Id == compte, ct);
        if (c is null) return Resultat.NonTrouve<SessionDemandeur>("Ce compte n'existe plus.");
        if (!c.AMotDePasse()) return Resultat.Conflit<SessionDemandeur>(MessageSansMotDePasse);
        var erreurs = new Dictionary<string, string[]>();
        if (await regle.VerifierAsync(nouveau ?? "", LongueurMinMotDePasse, ct) is { } refus) erreurs["nouveauMotDePasse"] = [refus];
        else if (nouveau == actuel) erreurs["nouveauMotDePasse"] = ["Le nouveau mot de passe doit être différent de l'actuel."];
        if (confirmation != nouveau) erreurs["confirmation"] = ["La confirmation ne reprend pas le nouveau mot de passe."];
        if (erreurs.Count > 0) return Resultat.Invalide<SessionDemandeur>("Le formulaire comporte des erreurs.", erreurs);
        var incorrect = Resultat.Invalide<SessionDemandeur>(MessageRefus, new Dictionary<string, string[]> { ["motDePasseActuel"] = ["Mot de passe actuel incorrect."] });
        if ((actuel ?? "").Length > ComptesAgents.LongueurMaxMotDePasse || !await AdmettreEssaiAsync(c.Id, ct)) return incorrect;
        if (!Verifier(actuel!, c.MotDePasseHache)) return incorrect;
        c.ChangerMotDePasse(motsDePasse.Hacher(nouveau!));
        await db.SaveChangesAsync(ct);
        await RemettreAZeroAsync(c.Id, ct);
        return Resultat.Ok(new SessionDemandeur(c.Id, c.EpciSiren, c.Courriel, c.TamponSecurite));
    }

    public const string MessageSansMotDePasse =
        "Votre compte a été ouvert par FranceConnect et n'a pas encore de mot de passe : vous pouvez en définir un depuis votre espace, "
        + "après vous être connecté par FranceConnect.";

    public const string MessageDefinirParFranceConnect =
        "Pour définir un mot de passe, connectez-vous par FranceConnect : seule une session ouverte par FranceConnect peut le faire.";

    public const string MessageMotDePasseDejaDefini =
        "Votre compte a déjà un mot de passe. Pour le changer, utilisez « Changer mon mot de passe ».";

    /// <summary>Whether the account has a password of its own (an account opened through FranceConnect has none until its holder sets one).</summary>
    public async Task<bool> AMotDePasseAsync(Guid compte, CancellationToken ct = default) =>
        await db.ComptesDemandeurs.AsNoTracking().Where(c => c.Id == compte).Select(c => c.MotDePasseHache).SingleOrDefaultAsync(ct) is { } hache
        && CompteDemandeur.LireHache(hache).Propre;

    /// <summary>
    /// The holder of an account opened through FranceConnect sets a password of their own, to sign in also with their address: only from a
    /// session opened through FranceConnect (<paramref name="sessionFranceConnect"/>, the identity FranceConnect vouched for), only while the
    /// account has none (afterwards it is changed with the current one, <see cref="ChangerMotDePasseAsync"/>), by the rule of sign-up. Every
    /// other session of the account ends (new stamp); journalled.
    /// </summary>
    public async Task<Resultat<SessionDemandeur>> DefinirMotDePasseAsync(Guid compte, bool sessionFranceConnect, string? motDePasse, string? confirmation,
        CancellationToken ct)
    {
        if (!sessionFranceConnect) return Resultat.Interdit<SessionDemandeur>(MessageDefinirParFranceConnect);
        var c = await db.ComptesDemandeurs.SingleOrDefaultAsync(x => x.Id == compte, ct);
        if (c is null) return Resultat.NonTrouve<SessionDemandeur>("Ce compte n'existe plus.");
        if (c.AMotDePasse()) return Resultat.Conflit<SessionDemandeur>(MessageMotDePasseDejaDefini);
        var erreurs = new Dictionary<string, string[]>();
        if (await regle.VerifierAsync(motDePasse ?? "", LongueurMinMotDePasse, ct) is { } refus)
            erreurs["motDePasse"] = [refus.Replace("Le nouveau mot de passe", "Le mot de passe", StringComparison.Ordinal)];
        if (confirmation != motDePasse) erreurs["confirmation"] = ["La confirmation ne reprend pas le mot de passe."];
        if (erreurs.Count > 0) return Resultat.Invalide<SessionDemandeur>("Le formulaire comporte des erreurs.", erreurs);
        c.ChangerMotDePasse(motsDePasse.Hacher(motDePasse!));
        await db.SaveChangesAsync(ct);
        await journal.EcrireAsync(ActionsAuditConnexion.MotDePasseDefini, c.Id, c.Courriel, JournalConnexions.OrganisationEspace, c.EpciSiren, "FranceConnect", ct);
        return Resultat.Ok(new SessionDemandeur(c.Id, c.EpciSiren, c.Courriel, c.TamponSecurite));
    }

    /// <summary>
    /// A password check that costs the same whether the account has a password or not (<see cref="CompteDemandeur.LireHache"/>: the
    /// hash of a random secret after the mark, checked all the same), and fails for an account without one.
    /// </summary>
    private bool Verifier(string motDePasse, string stocke)
    {
        var (aVerifier, propre) = CompteDemandeur.LireHache(stocke);
        return motsDePasse.Verifier(motDePasse, aVerifier) && propre;
    }

    private void NouveauLien(CompteDemandeur compte, string adresseSite, DateTimeOffset maintenant)
    {
        var jeton = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var ligne = new JetonCompte { CompteId = compte.Id, Empreinte = Empreinte(jeton), ExpireLe = maintenant + ValiditeJeton };
        db.JetonsComptes.Add(ligne);
        Envoyer(compte.EpciSiren, ligne.Id.ToString("N"), compte.Courriel, "Confirmez votre adresse pour l'espace demandeur",
            "Bonjour,\n\nPour confirmer votre adresse et ouvrir votre espace demandeur de logement social, ouvrez ce lien :\n\n"
            + $"{adresseSite}/espace/confirmer?jeton={jeton}\n\n"
            + "Ce lien est valable 24 heures et ne sert qu'une fois. Si vous n'avez pas demandé de compte, ne faites rien : "
            + "sans confirmation, le compte ne s'ouvre pas.\n", maintenant);
    }

    /// <summary>Queued in the outbox with the change, sent by the outbox's sender (<see cref="Relances.EnvoiMessages"/>).</summary>
    private void Envoyer(Siren epci, string cle, string adresse, string sujet, string corps, DateTimeOffset maintenant) =>
        db.Messages.Add(MessageDemandeur.PourCompte(epci, cle, new MessageRedige(CanalMessage.Courriel, adresse, sujet, corps), maintenant.UtcDateTime));

    public static string Empreinte(string jeton) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(jeton)));

    /// <summary>The one failure counter of password accounts (<see cref="CompteurEchecs"/>), shared with the agents'.</summary>
    private Task<bool> AdmettreEssaiAsync(Guid id, CancellationToken ct) => CompteurEchecs.AdmettreEssaiAsync(db.ComptesDemandeurs, id, horloge.GetUtcNow(), ct);

    private Task RemettreAZeroAsync(Guid id, CancellationToken ct) => CompteurEchecs.RemettreAZeroAsync(db.ComptesDemandeurs, id, ct);
}
