using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Logis.Application.Acces;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Compte;

/// <summary>An agent changes their own password; every other session of the account ends (README « Sécurité »).</summary>
public sealed class MotDePasseModel(ComptesAgents comptes, ILogger<MotDePasseModel> logger) : PageModel
{
    [BindProperty]
    [Required(ErrorMessage = "Saisissez votre mot de passe actuel.")]
    [DataType(DataType.Password)]
    public string MotDePasseActuel { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Saisissez le nouveau mot de passe.")]
    [DataType(DataType.Password)]
    public string NouveauMotDePasse { get; set; } = "";

    [BindProperty]
    [Required(ErrorMessage = "Saisissez de nouveau le nouveau mot de passe.")]
    [DataType(DataType.Password)]
    public string Confirmation { get; set; } = "";

    public bool Change { get; private set; }

    /// <summary>Only a person signed in with a password has one to change (an API key has none).</summary>
    private bool ParCookie => User.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme;

    public IActionResult OnGet() => ParCookie ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ParCookie) return Forbid();
        if (!ModelState.IsValid) return Page();
        var agent = Agent.Requis(User);
        var resultat = await comptes.ChangerMotDePasseAsync(agent.Id, MotDePasseActuel, NouveauMotDePasse, Confirmation, ct);
        if (!resultat.EstReussi)
        {
            foreach (var (champ, messages) in resultat.Probleme.Champs)
                foreach (var m in messages) ModelState.AddModelError(Propriete(champ), m);
            if (resultat.Probleme.Champs.Count == 0) ModelState.AddModelError("", resultat.Motif);
            return Page();
        }
        var identite = new ClaimsIdentity(resultat.Valeur.Claims(), CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identite));
        logger.LogInformation("Mot de passe changé par l'utilisateur {Utilisateur}", agent.Id);
        Change = true;
        return Page();
    }

    private static string Propriete(string champ) => champ switch
    {
        "motDePasseActuel" => nameof(MotDePasseActuel),
        "nouveauMotDePasse" => nameof(NouveauMotDePasse),
        "confirmation" => nameof(Confirmation),
        _ => "",
    };
}
