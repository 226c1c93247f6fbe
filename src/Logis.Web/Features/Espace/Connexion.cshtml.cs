using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Logis.Application.Cotation;
using Logis.Application.Espace;
using Logis.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Logis.Web.Features.Espace;

/// <summary>Sign-in to the applicant space: one answer for every refusal, attempts limited per address and per e-mail.</summary>
[AllowAnonymous]
public sealed class ConnexionModel(ComptesDemandeurs comptes, GrillesCotation grilles, OptionsEspace options, LimiteurIdentifiants limiteur,
    OptionsFranceConnect franceConnect, ILogger<ConnexionModel> logger) : PageModel
{
    [BindProperty]
    [Display(Name = "Adresse électronique")]
    public string? Courriel { get; set; }

    [BindProperty]
    [DataType(DataType.Password)]
    public string? MotDePasse { get; set; }

    public string? Erreur { get; private set; }

    public bool FranceConnectActif => franceConnect.Actif;

    /// <summary>Back from FranceConnect with the address of an existing local account: its password is asked once, to link them.</summary>
    public bool LierFranceConnect { get; private set; }

    public const string MessageEchecFranceConnect =
        "La connexion par FranceConnect n'a pas abouti. Réessayez, ou connectez-vous avec votre adresse électronique et votre mot de passe.";

    public void OnGet([FromQuery(Name = "franceconnect")] string? etat)
    {
        if (etat == "echec") Erreur = MessageEchecFranceConnect;
    }

    /// <summary>« S'identifier avec FranceConnect »: to FranceConnect, which comes back to <see cref="OnGetFranceConnectAsync"/>.</summary>
    public IActionResult OnPostFranceConnect()
    {
        if (!franceConnect.Actif) return NotFound();
        return Challenge(new AuthenticationProperties { RedirectUri = "/espace/connexion?handler=FranceConnect" }, OptionsFranceConnect.Schema);
    }

    /// <summary>
    /// Back from FranceConnect (state, nonce, signatures, level and lifetime already checked by the OpenID Connect handler): the
    /// account of this identity, a new one, or the password of the existing account of its address to link them.
    /// </summary>
    public async Task<IActionResult> OnGetFranceConnectAsync(CancellationToken ct)
    {
        if (!franceConnect.Actif) return NotFound();
        if (await IdentiteFranceConnectAsync() is not { } identite)
        {
            Erreur = MessageEchecFranceConnect;
            return Page();
        }
        var r = await comptes.ConnecterParFranceConnectAsync(grilles.Territoire, identite.Identite, ct);
        if (r.Probleme?.Nature == Logis.Domain.Commun.NatureEchec.Conflit)
        {
            // The external cookie stays (10 minutes) for the password step.
            LierFranceConnect = true;
            Erreur = r.Motif;
            return Page();
        }
        return await OuvrirParFranceConnectAsync(r, identite.Jeton);
    }

    /// <summary>The password of the existing account, given once to link it to the FranceConnect identity.</summary>
    public async Task<IActionResult> OnPostLierFranceConnectAsync(CancellationToken ct)
    {
        if (!franceConnect.Actif) return NotFound();
        if (await IdentiteFranceConnectAsync() is not { } identite)
        {
            Erreur = MessageEchecFranceConnect;
            return Page();
        }
        var r = await comptes.LierFranceConnectAsync(grilles.Territoire, identite.Identite, MotDePasse, ct);
        MotDePasse = null;
        if (r.Probleme?.Nature == Logis.Domain.Commun.NatureEchec.Invalide)
        {
            logger.LogWarning("Échec de liaison FranceConnect à un compte de l'espace demandeur depuis {Ip}", HttpContext.Connection.RemoteIpAddress);
            LierFranceConnect = true;
            ModelState.AddModelError(nameof(MotDePasse), "Mot de passe incorrect.");
            Erreur = r.Motif;
            return Page();
        }
        return await OuvrirParFranceConnectAsync(r, identite.Jeton);
    }

    private async Task<(IdentiteFranceConnect Identite, string Jeton)?> IdentiteFranceConnectAsync()
    {
        var externe = await HttpContext.AuthenticateAsync(OptionsFranceConnect.SchemaExterne);
        if (!externe.Succeeded || externe.Principal.FindFirst("sub")?.Value is not { Length: > 0 } sujet
            || externe.Properties?.GetTokenValue(OpenIdConnectParameterNames.IdToken) is not { } jeton)
            return null;
        return (new IdentiteFranceConnect(sujet, externe.Principal.FindFirst("email")?.Value), jeton);
    }

    private async Task<IActionResult> OuvrirParFranceConnectAsync(Logis.Domain.Commun.Resultat<SessionDemandeur> r, string jeton)
    {
        await HttpContext.SignOutAsync(OptionsFranceConnect.SchemaExterne);
        if (!r.EstReussi)
        {
            logger.LogWarning("Connexion FranceConnect sans compte utilisable depuis {Ip}", HttpContext.Connection.RemoteIpAddress);
            Erreur = r.Motif;
            return Page();
        }
        await EspaceAuth.OuvrirAsync(HttpContext, r.Valeur!, jeton);
        logger.LogInformation("Connexion à l'espace demandeur du compte {Compte} par FranceConnect", r.Valeur!.Compte);
        return LocalRedirect("/espace");
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Courriel)) ModelState.AddModelError(nameof(Courriel), "Saisissez votre adresse électronique.");
        if (string.IsNullOrEmpty(MotDePasse)) ModelState.AddModelError(nameof(MotDePasse), "Saisissez votre mot de passe.");
        if (!ModelState.IsValid) return Page();
        // Per e-mail, known or not (per address: the middleware, LimitesDebit); a partition of its own, apart from agents' identifiers.
        if (limiteur.Attente("espace:" + Courriel) is { } secondes)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = secondes.ToString(CultureInfo.InvariantCulture);
            Erreur = Problemes.MessageTropDeRequetes(secondes);
            return Page();
        }
        var r = await comptes.ConnecterAsync(grilles.Territoire, Courriel, MotDePasse, EspaceAuth.AdresseSite(HttpContext, options), ct);
        MotDePasse = null;
        if (!r.EstReussi)
        {
            logger.LogWarning("Échec de connexion à l'espace demandeur depuis {Ip}", HttpContext.Connection.RemoteIpAddress);
            Erreur = r.Motif;
            return Page();
        }
        await EspaceAuth.OuvrirAsync(HttpContext, r.Valeur!);
        logger.LogInformation("Connexion à l'espace demandeur du compte {Compte}", r.Valeur!.Compte);
        return LocalRedirect("/espace");
    }
}
