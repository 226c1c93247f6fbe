using Logis.Web.Infrastructure;
using Logis.Domain.Commun;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Logis.Application.Pieces;
using Logis.Application.Acces;

namespace Logis.Web.Features.Pieces;

/// <summary>
/// The pieces of a demand (<c>/demandes/{numero}/pieces</c>): upload and removal from the section of the
/// demand page. A refused upload comes back here with its French messages; a success goes back to the demand page.
/// </summary>
public sealed class PiecesModel(PiecesService service) : PageModel
{
    public string Numero { get; private set; } = "";
    public SectionPieces? Section { get; private set; }
    public string? Erreur { get; private set; }

    public async Task<IActionResult> OnGetAsync(string numero, CancellationToken ct)
    {
        Numero = numero;
        return await AfficherAsync(numero, new Dictionary<string, string[]>(), null, null, ct);
    }

    public async Task<IActionResult> OnPostDeposerAsync(string numero, string? type, IFormFile? fichier, string? remplace, CancellationToken ct)
    {
        Numero = numero;
        Guid? ancienne = null;
        if (!string.IsNullOrWhiteSpace(remplace))
        {
            if (!Guid.TryParse(remplace, out var g))
                return await AfficherAsync(numero, new() { ["remplace"] = ["Choisissez la pièce à remplacer dans la liste."] }, null, type, ct);
            ancienne = g;
        }
        var recu = await PiecesEndpoints.LireAsync(fichier, service.Regles.TailleMaxOctets, ct);
        var issue = await service.DeposerAsync(Agent.Requis(User), numero, type, recu, ancienne, ct);
        if (issue.EstReussi)
        {
            TempData["Confirmation"] = ancienne is null ? "La pièce a été déposée." : "La pièce a été remplacée.";
            return Redirect($"/demandes/{Uri.EscapeDataString(numero)}#pieces");
        }
        return await EchecAsync(numero, issue, type, ct);
    }

    public async Task<IActionResult> OnPostRetirerAsync(string numero, Guid id, CancellationToken ct)
    {
        Numero = numero;
        var issue = await service.RetirerAsync(Agent.Requis(User), numero, id, ct);
        if (issue.EstReussi)
        {
            TempData["Confirmation"] = "La pièce a été retirée.";
            return Redirect($"/demandes/{Uri.EscapeDataString(numero)}#pieces");
        }
        return await EchecAsync(numero, issue, null, ct);
    }

    private async Task<IActionResult> EchecAsync<T>(string numero, Resultat<T> issue, string? type, CancellationToken ct)
    {
        // Out of perimeter, unknown demand or piece: 404, as for the demand page.
        if (Problemes.Introuvable(issue.Probleme!)) return NotFound();
        var erreurs = issue.Probleme!.Champs.ToDictionary(c => c.Key, c => c.Value);
        var page = await AfficherAsync(numero, erreurs, erreurs.Count == 0 ? issue.Motif : null, type, ct);
        // A read-only role (administrator) gets the reason on the page with a 403.
        if (issue.Probleme.Nature == NatureEchec.Interdit) Response.StatusCode = StatusCodes.Status403Forbidden;
        return page;
    }

    private async Task<IActionResult> AfficherAsync(string numero, Dictionary<string, string[]> erreurs, string? erreur, string? type, CancellationToken ct)
    {
        var liste = await service.ListerAsync(Agent.Requis(User), numero, ct);
        if (!liste.EstReussi) return NotFound();
        Section = new SectionPieces(liste.Valeur!, erreurs, erreur, type);
        if (!liste.Valeur!.PeutDeposer && erreur is not null) Erreur = erreur;
        return Page();
    }
}
