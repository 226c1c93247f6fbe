using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Logis.Application.Cotation;
using Logis.Application.Espace;
using Logis.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Espace;

/// <summary>Sign-in to the applicant space: one answer for every refusal, attempts limited per address and per e-mail.</summary>
[AllowAnonymous]
public sealed class ConnexionModel(ComptesDemandeurs comptes, GrillesCotation grilles, OptionsEspace options, LimiteurIdentifiants limiteur,
    ILogger<ConnexionModel> logger) : PageModel
{
    [BindProperty]
    [Display(Name = "Adresse électronique")]
    public string? Courriel { get; set; }

    [BindProperty]
    [DataType(DataType.Password)]
    public string? MotDePasse { get; set; }

    public string? Erreur { get; private set; }

    public void OnGet()
    {
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
