using Logis.Application.Acces;
using Logis.Application.Attributions;
using Logis.Domain.Commun;
using Logis.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Vacances;

/// <summary>
/// /vacances/{id}/offres: the offer and the lease of one vacancy — the CALEOL's order with the next candidate, the written offer (qualified
/// adapted or not, with its deadline, R441-10), the applicant's answer, the signed lease; for the landlord, who acts, and the EPCI, who reads.
/// </summary>
public sealed class OffresVacanceModel(OffresService service) : PageModel
{
    public OffresVacanceVue? Vue { get; private set; }
    public Dictionary<string, string[]> Erreurs { get; private set; } = [];
    public string? Formulaire { get; private set; }
    public string? Erreur { get; private set; }
    [TempData] public string? Confirmation { get; set; }

    public Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => AfficherAsync(id, ct);

    public async Task<IActionResult> OnPostOffrirAsync(Guid id, string? demande, string? adaptee, string? echeance, CancellationToken ct)
    {
        bool? qualifiee = adaptee switch { "oui" => true, "non" => false, _ => null };
        var issue = await service.FaireAsync(Agent.Requis(User), id.ToString(), new SaisieOffre(demande, qualifiee, echeance), ct);
        return await ApresAsync(id, issue.EstReussi ? null : issue.Probleme,
            issue.EstReussi ? $"L'offre est enregistrée : le demandeur a jusqu'au {Offre(issue.Valeur.Echeance)} inclus pour répondre." : "", "offre", ct);
    }

    public async Task<IActionResult> OnPostRepondreAsync(Guid id, string? reponse, string? motif, CancellationToken ct)
    {
        var lue = await service.OffresVacanceAsync(Agent.Requis(User), id.ToString(), ct);
        if (!lue.EstReussi) return NotFound();
        if (lue.Valeur.OffreEnCours is not { Statut: "en-attente" } offre)
            return await ApresAsync(id, Echec.Conflit("Aucune offre de ce logement n'attend de réponse."), "", "reponse", ct);
        bool? acceptee = reponse switch { "acceptee" => true, "refusee" => false, _ => null };
        var issue = await service.RepondreAsync(Agent.Requis(User), offre.Id.ToString(), new SaisieReponseOffre(acceptee, motif), ct);
        var message = !issue.EstReussi ? "" : acceptee == true ? "L'acceptation est enregistrée : enregistrez le bail une fois signé."
            : issue.Valeur.ProchainCandidat is { } suivant ? $"Le refus est enregistré. Candidat suivant dans l'ordre de la CALEOL : demande {suivant}."
            : "Le refus est enregistré. Aucun autre candidat ne peut recevoir l'offre pour l'instant.";
        return await ApresAsync(id, issue.EstReussi ? null : issue.Probleme, message, "reponse", ct);
    }

    public async Task<IActionResult> OnPostBailAsync(Guid id, string? dateSignature, string? dateEffet, CancellationToken ct)
    {
        var lue = await service.OffresVacanceAsync(Agent.Requis(User), id.ToString(), ct);
        if (!lue.EstReussi) return NotFound();
        if (lue.Valeur.OffreEnCours is not { Statut: "acceptee" } offre)
            return await ApresAsync(id, Echec.Conflit("Aucune offre acceptée : le bail s'enregistre après l'acceptation de l'offre."), "", "bail", ct);
        var issue = await service.SignerBailAsync(Agent.Requis(User), offre.Id.ToString(), new SaisieBailSigne(dateSignature, dateEffet), ct);
        return await ApresAsync(id, issue.EstReussi ? null : issue.Probleme,
            "Le bail est enregistré : le logement est attribué et la demande radiée (article R441-2-8 a du CCH).", "bail", ct);
    }

    private static string Offre(DateOnly d) => d.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<IActionResult> ApresAsync(Guid id, Echec? probleme, string message, string formulaire, CancellationToken ct)
    {
        if (probleme is null)
        {
            Confirmation = message;
            return Redirect($"/vacances/{id}/offres");
        }
        if (probleme.Nature == NatureEchec.NonTrouve) return NotFound();
        Erreurs = probleme.Champs.ToDictionary(c => c.Key, c => c.Value);
        Erreur = probleme.Motif;
        Formulaire = formulaire;
        var page = await AfficherAsync(id, ct);
        Response.StatusCode = Problemes.Statut(probleme.Nature);
        return page;
    }

    private async Task<IActionResult> AfficherAsync(Guid id, CancellationToken ct)
    {
        var lue = await service.OffresVacanceAsync(Agent.Requis(User), id.ToString(), ct);
        if (!lue.EstReussi) return NotFound();
        Vue = lue.Valeur;
        return Page();
    }
}
