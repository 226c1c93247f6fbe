using Logis.Domain.Commun;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Logis.Application.Doublons;
using Logis.Application.Acces;

namespace Logis.Web.Features.Doublons;

/// <summary>
/// /demandes/doublons/{numero}/{doublon}: two demands side by side, differences marked; the merge in two steps (ask, then confirm),
/// for the roles that may merge (<see cref="Domain.Acces.AccesDemandes.PeutFusionner"/>).
/// </summary>
public sealed class ComparerModel(DoublonsService service) : PageModel
{
    public ComparaisonVue Comparaison { get; private set; } = null!;
    public bool AConfirmer { get; private set; }
    public string? Erreur { get; private set; }

    public async Task<IActionResult> OnGetAsync(string numero, string doublon, CancellationToken ct) => await AfficherAsync(numero, doublon, ct);

    public async Task<IActionResult> OnPostFusionnerAsync(string numero, string doublon, string? confirmation, CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        if (confirmation != "oui")
        {
            var page = await AfficherAsync(numero, doublon, ct);
            if (page is not PageResult) return page;
            if (!Comparaison.PeutFusionner) return Refuser(Domain.Acces.Competences.Motif(Domain.Acces.Competences.De(Domain.Acces.ActeDemande.ConfirmerFusion), "Votre rôle permet de comparer les demandes, non de les fusionner. "));
            if (Comparaison.ObstacleFusion is { } obstacle) Erreur = obstacle;
            else AConfirmer = true;
            return page;
        }
        var issue = await service.FusionnerAsync(agent, numero, doublon, ct);
        if (!issue.EstReussi && issue.Probleme.Nature is NatureEchec.NonTrouve or NatureEchec.Invalide) return NotFound();
        if (!issue.EstReussi)
        {
            var page = await AfficherAsync(numero, doublon, ct);
            if (page is not PageResult) return page;
            if (issue.Probleme.Nature == NatureEchec.Interdit) return Refuser(issue.Motif);
            Erreur = issue.Motif;
            return page;
        }
        var gardee = issue.Valeur!;
        TempData["Confirmation"] = $"Les demandes ont été fusionnées : la demande {gardee.Numero} est conservée avec la date de dépôt du "
            + $"{gardee.DateDepot.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)} ; l'autre est radiée pour fusion.";
        return Redirect($"/demandes/{Uri.EscapeDataString(gardee.Numero)}");
    }

    private IActionResult Refuser(string motif)
    {
        Erreur = motif;
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Page();
    }

    private async Task<IActionResult> AfficherAsync(string a, string b, CancellationToken ct)
    {
        var issue = await service.ComparerAsync(Agent.Requis(User), a, b, ct);
        if (!issue.EstReussi) return NotFound();
        Comparaison = issue.Valeur!;
        return Page();
    }
}
