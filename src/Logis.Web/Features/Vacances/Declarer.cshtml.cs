using Logis.Application.Acces;
using Logis.Application.Attributions;
using Logis.Domain.Acces;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Vacances;

/// <summary>/vacances/declarer: a landlord's agent declares the vacancy of one of its dwellings (the others get the reason with a 403).</summary>
public sealed class DeclarerModel(VacancesService service) : PageModel
{
    public bool Refuse { get; private set; }
    public Dictionary<string, string[]> Erreurs { get; private set; } = [];
    [BindProperty] public SaisieFormulaire Saisie { get; set; } = new();
    [TempData] public string? Confirmation { get; set; }

    public sealed class SaisieFormulaire
    {
        public string? Logement { get; set; }
        public string? DateDisponibilite { get; set; }
        public string? Loyer { get; set; }
        public string? Charges { get; set; }
        public string? HorsFlux { get; set; }
    }

    public IActionResult OnGet(string? logement)
    {
        if (!Autorise()) return Page();
        Saisie.Logement = logement;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Autorise()) return Page();
        var erreurs = new Dictionary<string, string[]>();
        var loyer = TexteSaisi.Nombre(Saisie.Loyer, "loyer", erreurs);
        var charges = TexteSaisi.Nombre(Saisie.Charges, "charges", erreurs);
        // An amount that is not a number is not left out (it would fall back on the dwelling's): nothing is declared.
        var issue = erreurs.Count > 0 ? null
            : await service.DeclarerAsync(Agent.Requis(User), new DeclarationVacance(Saisie.Logement, Saisie.DateDisponibilite, loyer, charges, Saisie.HorsFlux), ct);
        if (issue is { EstReussi: true })
        {
            Confirmation = "La vacance a été déclarée. Orientez-la maintenant vers un réservataire.";
            return Redirect($"/vacances/{issue.Valeur.Id}");
        }
        foreach (var (cle, messages) in issue?.Probleme?.Champs ?? new Dictionary<string, string[]>()) erreurs.TryAdd(cle, messages);
        if (erreurs.Count == 0 && issue?.Probleme is { } p) erreurs[""] = [p.Motif];
        Erreurs = erreurs;
        Response.StatusCode = issue?.Probleme?.Nature == NatureEchec.Conflit ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
        return Page();
    }

    public static string Id(string cle) => "vacance-" + (cle.Length == 0 ? "formulaire" : cle);

    private bool Autorise()
    {
        if (Agent.Requis(User).Role == Role.AgentBailleur) return true;
        Refuse = true;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return false;
    }
}
