using Logis.Domain.Commun;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Logis.Application.Demandes;

namespace Logis.Web.Features.Demandes;

/// <summary>Registration of a demand at the guichet (L441-2-1), in five steps; same use case as <c>POST /api/v1/demandes</c>.</summary>
public sealed class NouvelleModel(DemandesService service, IDataProtectionProvider protection) : SaisieDemandeModel(service, protection)
{
    public override bool EstModification => false;
    public override string Adresse => "/demandes/nouvelle";
    public override string Titre => "Nouvelle demande";
    protected override string Objet => "nouvelle";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await PreparerAsync(ct)) return Page();
        return Afficher(FormulaireDemande.Vide(), 1);
    }

    public async Task<IActionResult> OnPostAsync(string? aller, CancellationToken ct)
    {
        if (!await PreparerAsync(ct)) return Page();
        return await EtapeAsync(aller, async f =>
        {
            var issue = await Service.EnregistrerAsync(AgentCourant, f.VersSaisie().Saisie, ct);
            if (issue.EstReussi)
            {
                TempData["Confirmation"] = $"La demande a été enregistrée sous le numéro unique {issue.Valeur!.Valeur}. Remettez au demandeur son attestation d'enregistrement.";
                return Redirect($"/demandes/{issue.Valeur.Valeur}");
            }
            if (issue.Probleme.Nature == NatureEchec.Interdit) return Refus();
            if (issue.Probleme.Champs.Count > 0) return AvecErreurs(f, issue.Probleme.Champs);
            Erreur = issue.Motif;
            return null;
        });
    }

    protected override Task<FormulaireDemande> BrouillonInitialAsync() => Task.FromResult(FormulaireDemande.Vide());
}
