using Logis.Web.Infrastructure;
using Logis.Domain.Commun;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Logis.Application.Pieces;
using Logis.Application.Acces;

namespace Logis.Web.Features.Pieces;

/// <summary>Download of a piece (<c>/demandes/{numero}/pieces/{id}</c>): always an attachment; a refused read shows why, with a 403.</summary>
public sealed class PieceModel(PiecesService service) : PageModel
{
    public string Numero { get; private set; } = "";
    public string? Erreur { get; private set; }

    public async Task<IActionResult> OnGetAsync(string numero, Guid id, CancellationToken ct)
    {
        Numero = numero;
        var issue = await service.TelechargerAsync(Agent.Requis(User), numero, id, ct);
        if (issue.EstReussi)
        {
            Response.Headers.XContentTypeOptions = "nosniff";
            return File(issue.Valeur!.Octets, issue.Valeur.TypeMedia, issue.Valeur.NomFichier);
        }
        if (issue.Probleme.Nature is NatureEchec.NonTrouve or NatureEchec.Invalide) return NotFound();
        Erreur = issue.Motif;
        Response.StatusCode = Problemes.Statut(issue.Probleme.Nature);
        return Page();
    }
}
