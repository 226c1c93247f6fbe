using Logis.Persistence.Relances;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Logis.Application.Territoire;
using Logis.Application.Relances;
using Logis.Application.Acces;

namespace Logis.Web.Features.Relances;

/// <summary>
/// /relances: what the next daily run will do, the last runs, the message queue filtered by status, and
/// « Lancer maintenant » (EPCI agents). Administrators read only; other roles get 403 with the reason.
/// </summary>
public sealed class IndexModel(RelancesService service) : PageModel
{
    public EtatRelances Etat { get; private set; } = null!;
    public PageResultats<MessageVue> Messages { get; private set; } = null!;
    public ExecutionVue? Resultat { get; private set; }
    public string? Statut { get; private set; }
    public bool Refuse { get; private set; }
    public bool PeutLancer { get; private set; }
    public string? Erreur { get; private set; }

    /// <summary>Today in France (AAAA-MM-JJ), carried by the « Lancer maintenant » form.</summary>
    public string Aujourdhui => service.Aujourdhui().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<IActionResult> OnGetAsync(string? statut, [FromQuery(Name = "page")] int? page, Guid? execution, CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        if (!RelancesService.PeutVoir(agent.Role)) return Refus();
        if (execution is { } id) Resultat = await service.ExecutionAsync(agent.Perimetre.EpciSiren, id, ct);
        return await AfficherAsync(statut, page, ct);
    }

    /// <summary>
    /// The form names the day it launches (the day the agent saw the forecast for): a page left open since yesterday,
    /// or a form without its day, launches nothing (400 with the reason).
    /// </summary>
    public async Task<IActionResult> OnPostAsync(string? jour, CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        if (!RelancesService.PeutVoir(agent.Role)) return Refus();
        if (!RelancesService.PeutLancer(agent.Role))
        {
            Erreur = "Votre rôle permet de consulter les relances, non de lancer le traitement : il agit sur les demandes.";
            var page = await AfficherAsync(null, null, ct);
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return page;
        }
        if (jour != Aujourdhui)
        {
            Erreur = "Le jour du traitement manque ou n'est pas aujourd'hui : rechargez la page, vérifiez la prévision, puis relancez.";
            var page = await AfficherAsync(null, null, ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return page;
        }
        var resultat = await service.LancerAsync(agent, ct);
        if (resultat is null)
        {
            Erreur = "Un traitement est déjà en cours : attendez qu'il se termine puis rechargez la page.";
            var page = await AfficherAsync(null, null, ct);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return page;
        }
        return Redirect($"/relances?execution={resultat.Value.Relances.ExecutionId}");
    }

    private IActionResult Refus()
    {
        Refuse = true;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    private async Task<IActionResult> AfficherAsync(string? statut, int? page, CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        PeutLancer = RelancesService.PeutLancer(agent.Role);
        StatutMessage? filtre = statut switch
        {
            "a-envoyer" => StatutMessage.AEnvoyer,
            "envoye" => StatutMessage.Envoye,
            "echec" => StatutMessage.Echec,
            _ => null,
        };
        Statut = filtre is null ? null : statut;
        Etat = await service.EtatAsync(agent.Perimetre.EpciSiren, ct);
        Messages = await service.MessagesAsync(agent.Perimetre.EpciSiren, filtre, Math.Max(1, page ?? 1), ct);
        return Page();
    }
}
