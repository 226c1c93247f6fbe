using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Logis.Application.Acces;
using Logis.Domain.Acces;
using Logis.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Logis.Web.Features.Connexion;

/// <summary>
/// Sign-in: the password, then for the roles that need it the second factor (TOTP or a recovery code), enrolled at the first
/// sign-in with the secret shown as text. Between the two steps, the account travels in a protected, time-limited ticket.
/// </summary>
[AllowAnonymous]
public sealed class ConnexionModel(ComptesAgents comptes, LimiteurIdentifiants limiteur, IDataProtectionProvider protection, TimeProvider horloge,
    OptionsProConnect proConnect, ILogger<ConnexionModel> logger) : PageModel
{
    /// <summary>Time allowed between the password and the code.</summary>
    public static readonly TimeSpan DureeEtape = TimeSpan.FromMinutes(10);

    [BindProperty]
    [Display(Name = "Identifiant")]
    public string? Identifiant { get; set; }

    [BindProperty]
    [DataType(DataType.Password)]
    [Display(Name = "Mot de passe")]
    public string? MotDePasse { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Ticket { get; set; }

    [BindProperty]
    [Display(Name = "Code")]
    public string? Code { get; set; }

    public string? Erreur { get; private set; }

    public EtapeSecondFacteur Etape { get; private set; } = EtapeSecondFacteur.AucunRequis;

    public string? Secret { get; private set; }

    public string? AdresseOtpauth { get; private set; }

    public IReadOnlyList<string> CodesSecours { get; private set; } = [];

    public string Suite => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/territoire";

    public bool ProConnectActif => proConnect.Actif;

    public const string MessageEchecProConnect =
        "La connexion par ProConnect n'a pas abouti. Réessayez, ou connectez-vous avec votre identifiant et votre mot de passe.";

    private IDataProtector Protecteur => protection.CreateProtector("Logis.Connexion.SecondFacteur");

    public void OnGet([FromQuery(Name = "proconnect")] string? proConnectEtat)
    {
        if (proConnectEtat == "echec") Erreur = MessageEchecProConnect;
    }

    /// <summary>« S'identifier avec ProConnect »: to ProConnect, which comes back to <see cref="OnGetProConnectAsync"/>.</summary>
    public IActionResult OnPostProConnect()
    {
        if (!proConnect.Actif) return NotFound();
        var retour = "/connexion?handler=ProConnect" + (Url.IsLocalUrl(ReturnUrl) ? "&ReturnUrl=" + Uri.EscapeDataString(ReturnUrl) : "");
        return Challenge(new AuthenticationProperties { RedirectUri = retour }, OptionsProConnect.Schema);
    }

    /// <summary>
    /// Back from ProConnect (state, nonce, signature and lifetime already checked by the OpenID Connect handler): the account of
    /// this identity, then the second factor when the role needs it and ProConnect does not attest one.
    /// </summary>
    public async Task<IActionResult> OnGetProConnectAsync(CancellationToken ct)
    {
        if (!proConnect.Actif) return NotFound();
        var externe = await HttpContext.AuthenticateAsync(OptionsProConnect.SchemaExterne);
        await HttpContext.SignOutAsync(OptionsProConnect.SchemaExterne);
        if (!externe.Succeeded || externe.Principal.FindFirst("sub")?.Value is not { } sujet
            || externe.Properties?.GetTokenValue(OpenIdConnectParameterNames.IdToken) is not { } jeton)
        {
            Erreur = MessageEchecProConnect;
            return Page();
        }
        var identite = new IdentiteProConnect(sujet, externe.Principal.FindFirst("email")?.Value, externe.Principal.FindFirst("siret")?.Value,
            proConnect.SecondFacteurAtteste(externe.Principal));
        var resultat = await comptes.ConnecterParProConnectAsync(identite, proConnect.OrganismesDeclares, ct);
        if (!resultat.EstReussi)
        {
            logger.LogWarning("Connexion ProConnect sans compte utilisable depuis {Ip}", HttpContext.Connection.RemoteIpAddress);
            Erreur = resultat.Motif;
            return Page();
        }
        return await EtapeSuivanteAsync(resultat.Valeur, jeton);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Identifiant)) ModelState.AddModelError(nameof(Identifiant), "Saisissez votre identifiant.");
        if (string.IsNullOrEmpty(MotDePasse)) ModelState.AddModelError(nameof(MotDePasse), "Saisissez votre mot de passe.");
        if (!ModelState.IsValid) return Page();
        // Per identifier, known or not (per address: the middleware, LimitesDebit).
        if (limiteur.Attente(Identifiant!) is { } secondes)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = secondes.ToString(CultureInfo.InvariantCulture);
            Erreur = Problemes.MessageTropDeRequetes(secondes);
            return Page();
        }
        var resultat = await comptes.ConnecterAsync(Identifiant!, MotDePasse!, ct);
        if (!resultat.EstReussi)
        {
            logger.LogWarning("Échec de connexion depuis {Ip}", HttpContext.Connection.RemoteIpAddress);
            Erreur = resultat.Motif;
            return Page();
        }
        return await EtapeSuivanteAsync(resultat.Valeur, jetonProConnect: null);
    }

    /// <summary>The session when no second factor remains; otherwise the code step, the account travelling in a protected ticket.</summary>
    private async Task<IActionResult> EtapeSuivanteAsync(EtapeConnexion etape, string? jetonProConnect)
    {
        if (etape.SecondFacteur == EtapeSecondFacteur.AucunRequis) return await OuvrirAsync(etape.Session, jetonProConnect);
        Etape = etape.SecondFacteur;
        Ticket = Protecteur.Protect(string.Join('|', etape.Session.Agent.Id, etape.Session.Tampon,
            (horloge.GetUtcNow() + DureeEtape).UtcTicks.ToString(CultureInfo.InvariantCulture), jetonProConnect ?? ""));
        if (etape.SecretAEnroler is { } secret)
        {
            Secret = string.Join(' ', secret.Chunk(4).Select(c => new string(c)));
            AdresseOtpauth = Totp.AdresseOtpauth(secret, etape.Identifiant);
        }
        MotDePasse = "";
        return Page();
    }

    public async Task<IActionResult> OnPostSecondFacteurAsync(CancellationToken ct)
    {
        if (!LireTicket(out var id, out var tampon, out var jeton))
        {
            Erreur = ComptesAgents.MessageEtapeExpiree;
            return Page();
        }
        var resultat = await comptes.ValiderSecondFacteurAsync(id, tampon, Code ?? "", ct);
        if (!resultat.EstReussi)
        {
            if (resultat.Probleme.Nature != Logis.Domain.Commun.NatureEchec.Invalide)
            {
                Erreur = resultat.Motif;
                return Page();
            }
            // Same step again, with the message by the field.
            Etape = EtapeSecondFacteur.AVerifier;
            ModelState.AddModelError(nameof(Code), resultat.Motif);
            return Page();
        }
        if (resultat.Valeur.CodesSecours.Count == 0) return await OuvrirAsync(resultat.Valeur.Session, jeton);
        await OuvrirAsync(resultat.Valeur.Session, jeton);
        CodesSecours = resultat.Valeur.CodesSecours;
        return Page();
    }

    private bool LireTicket(out Guid id, out string tampon, out string? jetonProConnect)
    {
        id = Guid.Empty;
        tampon = "";
        jetonProConnect = null;
        try
        {
            var parties = Protecteur.Unprotect(Ticket ?? "").Split('|');
            if (parties.Length == 4 && parties[3].Length > 0) jetonProConnect = parties[3];
            return parties.Length == 4 && Guid.TryParse(parties[0], out id) && (tampon = parties[1]).Length > 0
                && long.TryParse(parties[2], CultureInfo.InvariantCulture, out var fin) && horloge.GetUtcNow().UtcTicks <= fin;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    private async Task<IActionResult> OuvrirAsync(SessionAgent session, string? jetonProConnect)
    {
        var claims = session.Claims();
        var proprietes = new AuthenticationProperties();
        if (jetonProConnect is not null)
        {
            // Kept for the sign-out at ProConnect (id_token_hint).
            claims = claims.Append(new Claim(OptionsProConnect.ClaimFournisseur, OptionsProConnect.Schema));
            proprietes.StoreTokens([new AuthenticationToken { Name = OpenIdConnectParameterNames.IdToken, Value = jetonProConnect }]);
        }
        var identite = new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identite), proprietes);
        logger.LogInformation("Connexion de l'utilisateur {Utilisateur}{Moyen}", session.Agent.Id, jetonProConnect is null ? "" : " par ProConnect");
        return LocalRedirect(Suite);
    }
}
