using Logis.Application.Espace;
using Logis.Application.Pieces;
using Logis.Domain.Commun;
using Logis.Web.Features.Pieces;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Espace;

/// <summary>
/// The pieces of a linked demand (docs/espace-demandeur.md §5): the list, and a multipart form (no script needed) to send a piece or replace
/// one. A refused file comes back with its French message by field; a success comes back to the list with a confirmation.
/// </summary>
[Authorize(Policy = EspaceAuth.Politique)]
public sealed class PiecesDemandeurModel(PiecesDemandeurService service, PiecesService pieces) : PageModel
{
    public PiecesDemandeurVue? Vue { get; private set; }
    public Dictionary<string, string[]> Erreurs { get; private set; } = [];
    public string? Erreur { get; private set; }
    public string? TypeChoisi { get; private set; }
    public Guid? RemplaceChoisie { get; private set; }
    public string? Confirmation { get; private set; }

    public async Task<IActionResult> OnGetAsync(string numero, Guid? remplace, CancellationToken ct)
    {
        RemplaceChoisie = remplace;
        Confirmation = Request.Query["fait"].ToString() switch
        {
            "depot" => "Votre pièce est déposée. Les agents qui suivent votre demande la voient dès maintenant.",
            "remplacement" => "Votre pièce est remplacée. Les agents qui suivent votre demande voient la nouvelle version.",
            _ => null,
        };
        return await AfficherAsync(numero, ct);
    }

    public async Task<IActionResult> OnPostAsync(string numero, string? type, IFormFile? fichier, string? remplace, CancellationToken ct)
    {
        var session = EspaceAuth.Requis(User);
        TypeChoisi = type;
        Guid? ancienne = null;
        if (!string.IsNullOrWhiteSpace(remplace))
        {
            if (!Guid.TryParse(remplace, out var g))
            {
                Erreurs["remplace"] = ["Choisissez la pièce à remplacer dans la liste."];
                return await AfficherAsync(numero, ct);
            }
            ancienne = g;
        }
        RemplaceChoisie = ancienne;
        var recu = await PiecesEndpoints.LireAsync(fichier, pieces.Regles.TailleMaxOctets, ct);
        var issue = await service.DeposerAsync(session, numero, type, recu, ancienne, ct);
        if (issue.EstReussi)
            return Redirect($"/espace/demandes/{Uri.EscapeDataString(numero)}/pieces?fait={(ancienne is null ? "depot" : "remplacement")}");
        // Another applicant's demand, an unknown one, a forged piece id: not found, nothing changed.
        if (issue.Probleme!.Nature == NatureEchec.NonTrouve) return NotFound();
        Erreurs = issue.Probleme.Champs.ToDictionary(c => c.Key, c => c.Value);
        if (Erreurs.Count == 0) Erreur = issue.Motif;
        return await AfficherAsync(numero, ct);
    }

    private async Task<IActionResult> AfficherAsync(string numero, CancellationToken ct)
    {
        var liste = await service.ListerAsync(EspaceAuth.Requis(User), numero, ct);
        if (!liste.EstReussi) return NotFound();
        Vue = liste.Valeur;
        return Page();
    }
}
