using Logis.Application.Acces;
using Logis.Application.Mixite;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Mixite;

/// <summary>
/// /mixite/occupation: the occupancy diagnostics (profiles per résidence, QPV and commune against the EPCI, résidences à enjeu suggested) and,
/// for the bailleurs' and the EPCI's agents, the import of the occupancy file (trial first, then all or nothing).
/// </summary>
public sealed class OccupationModel(OccupationService service) : PageModel
{
    public OccupationVue Vue { get; private set; } = null!;
    public ResultatImportOccupation? Rapport { get; private set; }
    public string? Erreur { get; private set; }
    [TempData] public string? Confirmation { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Vue = await service.ProfilsAsync(Agent.Requis(User), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostImporterAsync(IFormFile? fichier, string? essai, CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        if (!OccupationService.PeutImporter(agent.Role))
        {
            Erreur = "Seuls les bailleurs (pour leur parc) et l'intercommunalité importent les données d'occupation.";
            Response.StatusCode = StatusCodes.Status403Forbidden;
        }
        else if (fichier is null || fichier.Length == 0)
        {
            Erreur = "Choisissez le fichier CSV des données d'occupation.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            using var lecteur = new StreamReader(fichier.OpenReadStream(), System.Text.Encoding.UTF8);
            var r = await service.ImporterAsync(agent, await lecteur.ReadToEndAsync(ct), essai is "true" or "on", ct);
            if (!r.EstReussi)
            {
                Erreur = r.Motif;
                Response.StatusCode = r.Probleme.Nature == Domain.Commun.NatureEchec.Interdit ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
            }
            else if (!r.Valeur.EstValide)
            {
                Rapport = r.Valeur;
                Erreur = $"{r.Valeur.LignesEnErreur} ligne(s) en erreur sur {r.Valeur.Lignes} : rien n'a été importé. Corrigez le fichier et relancez.";
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
            else if (r.Valeur.Essai) Rapport = r.Valeur;
            else
            {
                Confirmation = $"{r.Valeur.Importees} logement(s) occupé(s) importé(s).";
                return Redirect("/mixite/occupation");
            }
        }
        Vue = await service.ProfilsAsync(agent, ct);
        return Page();
    }
}
