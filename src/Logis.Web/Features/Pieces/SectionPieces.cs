using Microsoft.AspNetCore.Mvc;
using Logis.Application.Pieces;

namespace Logis.Web.Features.Pieces;

/// <summary>What the « Pièces justificatives » section shows: the pieces, the upload form, and the errors of a refused upload.</summary>
public sealed record SectionPieces(PiecesDemandeVue Vue, IReadOnlyDictionary<string, string[]> Erreurs, string? Erreur = null, string? TypeChoisi = null)
{
    public const string CheminVue = "/Features/Pieces/_PiecesJustificatives.cshtml";

    /// <summary>Id of the form field an error key points to (error summary links).</summary>
    public static string Id(string cle) => cle switch
    {
        "type" => "piece-type",
        "remplace" => "piece-remplace",
        _ => "piece-fichier",
    };
}

/// <summary>The section on the demand page (<c>/demandes/{numero}</c>), rendered from the agent's rights.</summary>
public sealed class PiecesJustificativesViewComponent(PiecesService service) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string numero)
    {
        var agent = Logis.Application.Acces.Agent.Requis(UserClaimsPrincipal);
        var issue = await service.ListerAsync(agent, numero, HttpContext.RequestAborted);
        return issue.EstReussi
            ? View(SectionPieces.CheminVue, new SectionPieces(issue.Valeur!, new Dictionary<string, string[]>()))
            : Content("");
    }
}
