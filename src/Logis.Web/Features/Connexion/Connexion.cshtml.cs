using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Logis.Application.Acces;
using Logis.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Connexion;

[AllowAnonymous]
public sealed class ConnexionModel(ComptesAgents comptes, LimiteurIdentifiants limiteur, ILogger<ConnexionModel> logger) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Saisissez votre identifiant.")]
    [Display(Name = "Identifiant")]
    public string Identifiant { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Saisissez votre mot de passe.")]
    [DataType(DataType.Password)]
    [Display(Name = "Mot de passe")]
    public string MotDePasse { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Erreur { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();
        // Per identifier, known or not (per address: the middleware, LimitesDebit).
        if (limiteur.Attente(Identifiant) is { } secondes)
        {
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = secondes.ToString(CultureInfo.InvariantCulture);
            Erreur = Problemes.MessageTropDeRequetes(secondes);
            return Page();
        }
        var resultat = await comptes.ConnecterAsync(Identifiant, MotDePasse, ct);
        if (!resultat.EstReussi)
        {
            logger.LogWarning("Échec de connexion depuis {Ip}", HttpContext.Connection.RemoteIpAddress);
            Erreur = resultat.Motif;
            return Page();
        }
        var session = resultat.Valeur;
        var identite = new ClaimsIdentity(session.Claims(), CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identite));
        logger.LogInformation("Connexion de l'utilisateur {Utilisateur}", session.Agent.Id);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/territoire");
    }
}
