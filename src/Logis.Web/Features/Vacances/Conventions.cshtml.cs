using Logis.Application.Acces;
using Logis.Application.Attributions;
using Logis.Domain.Demandes;
using Logis.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Vacances;

/// <summary>
/// /vacances/conventions: the reservation conventions the agent sees (with a link to each bilan) and, for the bailleur and the EPCI,
/// the form that saves one (the préfet's share checked against R441-5-2).
/// </summary>
public sealed class ConventionsModel(FluxService service) : PageModel
{
    public ConventionsVue? Vue { get; private set; }
    public Dictionary<string, string[]> Erreurs { get; private set; } = [];
    [BindProperty] public SaisieFormulaire Saisie { get; set; } = new();
    [TempData] public string? Confirmation { get; set; }

    public sealed class SaisieFormulaire
    {
        public Guid? Bailleur { get; set; }
        public Guid? Reservataire { get; set; }
        public string? Part { get; set; }
        public string? Delai { get; set; }
        public string? SousObjectifs { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Vue = await service.ListerAsync(Agent.Requis(User), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        var erreurs = new Dictionary<string, string[]>();
        var part = TexteSaisi.Nombre(Saisie.Part, "part", erreurs);
        var delai = TexteSaisi.Entier(Saisie.Delai, "delaiPropositionJours", erreurs);
        var issue = await service.EnregistrerAsync(agent, new SaisieConvention(Saisie.Bailleur, Saisie.Reservataire, part, delai, Saisie.SousObjectifs), ct);
        if (erreurs.Count == 0 && issue.EstReussi)
        {
            Confirmation = $"La convention {issue.Valeur.Bailleur} × {issue.Valeur.Reservataire} est enregistrée.";
            return Redirect("/vacances/conventions");
        }
        foreach (var (cle, messages) in issue.Probleme?.Champs ?? new Dictionary<string, string[]>()) erreurs.TryAdd(cle, messages);
        if (erreurs.Count == 0 && issue.Probleme is { } p) erreurs[""] = [p.Motif];
        Erreurs = erreurs;
        Vue = await service.ListerAsync(agent, ct);
        Response.StatusCode = issue.Probleme is { } probleme ? Problemes.Statut(probleme.Nature) : StatusCodes.Status400BadRequest;
        return Page();
    }

    public static string Id(string cle) => "convention-" + (cle.Length == 0 ? "formulaire" : cle);
}
