using Logis.Domain.Commun;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Logis.Application.Demandes;
using Logis.Application.Acces;

namespace Logis.Web.Features.Demandes;

public sealed class DemandeModel(DemandesService service, Logis.Application.Eligibilite.EligibiliteDemande eligibilite, EnregistrementService enregistrement,
    Logis.Application.Mixite.SuiviMixiteService mixite, Logis.Application.Espace.DeclarationsService declarations) : PageModel
{
    public Logis.Application.Mixite.QuartileDemandeVue? Quartile { get; private set; }

    /// <summary>The changes of situation the applicant declared from the applicant space (docs/espace-demandeur.md §4).</summary>
    public IReadOnlyList<Logis.Application.Espace.DeclarationVue> Declarations { get; private set; } = [];

    public CompletudeVue? Completude { get; private set; }
    public DemandeVue Demande { get; private set; } = null!;
    public Logis.Application.Eligibilite.EligibiliteDemandeVue? Eligibilite { get; private set; }
    public IReadOnlyList<EvenementVue> Evenements { get; private set; } = [];
    public string? Erreur { get; private set; }
    [TempData] public string? Confirmation { get; set; }
    public bool PeutAgir { get; private set; }

    public async Task<IActionResult> OnGetAsync(string numero, CancellationToken ct) => await AfficherAsync(numero, ct);

    public async Task<IActionResult> OnPostRenouvelerAsync(string numero, CancellationToken ct)
    {
        var issue = await service.RenouvelerAsync(Agent.Requis(User), numero, ct);
        return await ApresActeAsync(numero, issue, "La demande a été renouvelée.", ct);
    }

    public async Task<IActionResult> OnPostRadierAsync(string numero, string? motif, CancellationToken ct)
    {
        if (motif is null || !DemandesService.MotifsManuels.TryGetValue(motif, out var m))
        {
            var page = await AfficherAsync(numero, ct);
            if (page is not PageResult) return page;
            if (!PeutAgir)
            {
                Erreur = "Votre rôle permet de consulter les demandes, non d'agir sur elles.";
                Response.StatusCode = StatusCodes.Status403Forbidden;
            }
            else Erreur = "Choisissez le motif de radiation.";
            return page;
        }
        var issue = await service.RadierAsync(Agent.Requis(User), numero, m, ct);
        return await ApresActeAsync(numero, issue, "La demande a été radiée.", ct);
    }

    /// <summary>An agent who may update the demand validates (<paramref name="valider"/>) or rejects a declared change of situation.</summary>
    public async Task<IActionResult> OnPostTraiterDeclarationAsync(string numero, Guid declaration, bool valider, CancellationToken ct)
    {
        var issue = await declarations.TraiterAsync(Agent.Requis(User), numero, declaration, valider, ct);
        return await ApresActeAsync(numero, issue, valider
            ? "Le changement de situation est pris en compte : mettez la demande à jour avec les nouvelles informations."
            : "Le changement de situation n'est pas retenu.", ct);
    }

    private async Task<IActionResult> ApresActeAsync(string numero, Resultat<Logis.Domain.Demandes.Demande> issue, string message, CancellationToken ct)
    {
        if (!issue.EstReussi && issue.Probleme.Nature is NatureEchec.NonTrouve or NatureEchec.Invalide) return NotFound();
        if (!issue.EstReussi)
        {
            Erreur = issue.Motif;
            var page = await AfficherAsync(numero, ct);
            // A read-only role (administrator) gets the reason on the page with a 403, not a redirect.
            if (issue.Probleme.Nature == NatureEchec.Interdit) Response.StatusCode = StatusCodes.Status403Forbidden;
            return page;
        }
        Confirmation = message;
        return Redirect($"/demandes/{Uri.EscapeDataString(numero)}");
    }

    private async Task<IActionResult> AfficherAsync(string numero, CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        var issue = await service.LireAsync(agent, numero, ct);
        if (!issue.EstReussi) return NotFound();
        Demande = issue.Valeur!;
        PeutAgir = await service.PeutAgirAsync(agent, ct);
        // The page's read is recorded once, by LireAsync.
        Evenements = (await service.EvenementsAsync(agent, numero, ct, auditer: false)).Valeur!;
        Eligibilite = (await eligibilite.CalculerAsync(agent, numero, ct)).ValeurOuNull;
        if ((await service.ChargerPourAttestationAsync(agent, numero, ct)).ValeurOuNull is { } lue)
            Quartile = await mixite.QuartileAsync(agent.Perimetre.EpciSiren, lue, ct);
        Declarations = (await declarations.ListerAsync(agent, numero, ct)).ValeurOuNull ?? [];
        if (Demande.Statut == "Active") Completude = (await enregistrement.CompletudeAsync(agent, numero, ct)).ValeurOuNull;
        return Page();
    }
}
