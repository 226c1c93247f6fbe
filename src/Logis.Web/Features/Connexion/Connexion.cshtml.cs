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

namespace Logis.Web.Features.Connexion;

/// <summary>
/// Sign-in: the password, then for the roles that need it the second factor (TOTP or a recovery code), enrolled at the first
/// sign-in with the secret shown as text. Between the two steps, the account travels in a protected, time-limited ticket.
/// </summary>
[AllowAnonymous]
public sealed class ConnexionModel(ComptesAgents comptes, LimiteurIdentifiants limiteur, IDataProtectionProvider protection, TimeProvider horloge,
    ILogger<ConnexionModel> logger) : PageModel
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

    private IDataProtector Protecteur => protection.CreateProtector("Logis.Connexion.SecondFacteur");

    public void OnGet()
    {
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
        var etape = resultat.Valeur;
        if (etape.SecondFacteur == EtapeSecondFacteur.AucunRequis) return await OuvrirAsync(etape.Session);
        Etape = etape.SecondFacteur;
        Ticket = Protecteur.Protect(string.Join('|', etape.Session.Agent.Id, etape.Session.Tampon,
            (horloge.GetUtcNow() + DureeEtape).UtcTicks.ToString(CultureInfo.InvariantCulture)));
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
        if (!LireTicket(out var id, out var tampon))
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
        if (resultat.Valeur.CodesSecours.Count == 0) return await OuvrirAsync(resultat.Valeur.Session);
        await OuvrirAsync(resultat.Valeur.Session);
        CodesSecours = resultat.Valeur.CodesSecours;
        return Page();
    }

    private bool LireTicket(out Guid id, out string tampon)
    {
        id = Guid.Empty;
        tampon = "";
        try
        {
            var parties = Protecteur.Unprotect(Ticket ?? "").Split('|');
            return parties.Length == 3 && Guid.TryParse(parties[0], out id) && (tampon = parties[1]).Length > 0
                && long.TryParse(parties[2], CultureInfo.InvariantCulture, out var fin) && horloge.GetUtcNow().UtcTicks <= fin;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return false;
        }
    }

    private async Task<IActionResult> OuvrirAsync(SessionAgent session)
    {
        var identite = new ClaimsIdentity(session.Claims(), CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identite));
        logger.LogInformation("Connexion de l'utilisateur {Utilisateur}", session.Agent.Id);
        return LocalRedirect(Suite);
    }
}
