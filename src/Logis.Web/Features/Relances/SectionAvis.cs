using Logis.Application.Relances;
using Microsoft.AspNetCore.Mvc;

namespace Logis.Web.Features.Relances;

/// <summary>What the « Avis et preuves » section shows: the notices of the demand, its forms, and the errors of a refused act.</summary>
public sealed record SectionAvis(AvisDemandeVue Vue, IReadOnlyDictionary<string, string[]> Erreurs, string? Erreur = null, string? Formulaire = null)
{
    public const string CheminVue = "/Features/Relances/_AvisEtPreuves.cshtml";
}

/// <summary>The section on the demand page (<c>/demandes/{numero}</c>): renewal notice, warnings, proofs, and the agent's forms.</summary>
public sealed class AvisEtPreuvesViewComponent(AvisService service) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(string numero)
    {
        var agent = Logis.Application.Acces.Agent.Requis(UserClaimsPrincipal);
        var issue = await service.LireAsync(agent, numero, HttpContext.RequestAborted);
        return issue.EstReussi
            ? View(SectionAvis.CheminVue, new SectionAvis(issue.Valeur!, new Dictionary<string, string[]>()))
            : Content("");
    }
}
