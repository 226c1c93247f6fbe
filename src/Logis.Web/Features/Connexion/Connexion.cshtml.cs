using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Logis.Persistence;
using Logis.Persistence.Acces;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Logis.Application.Acces;

namespace Logis.Web.Features.Connexion;

[AllowAnonymous]
public sealed class ConnexionModel(LogisDbContext db, TimeProvider horloge, ILogger<ConnexionModel> logger) : PageModel
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
        var maintenant = horloge.GetUtcNow();
        var identifiant = Identifiant.Trim().ToLowerInvariant();
        var utilisateur = await db.Utilisateurs.SingleOrDefaultAsync(u => u.Identifiant == identifiant, ct);
        if (utilisateur is not null && utilisateur.EstVerrouille(maintenant))
        {
            Erreur = $"Ce compte est verrouillé après {Utilisateur.EchecsAvantVerrouillage} essais infructueux. Réessayez dans {Utilisateur.DureeVerrouillage.TotalMinutes} minutes.";
            return Page();
        }
        if (utilisateur is null || !Secrets.VerifierMotDePasse(MotDePasse, utilisateur.MotDePasseHache))
        {
            utilisateur?.EnregistrerEchec(maintenant);
            await db.SaveChangesAsync(ct);
            logger.LogWarning("Échec de connexion pour un identifiant {Connu}", utilisateur is null ? "inconnu" : "connu");
            Erreur = "Identifiant ou mot de passe incorrect.";
            return Page();
        }
        utilisateur.EnregistrerSucces();
        await db.SaveChangesAsync(ct);
        var identite = new ClaimsIdentity(Agent.Claims(utilisateur.Id, utilisateur.NomComplet, utilisateur.Role, utilisateur.Perimetre),
            CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identite));
        logger.LogInformation("Connexion de l'utilisateur {Utilisateur}", utilisateur.Id);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/territoire");
    }
}
