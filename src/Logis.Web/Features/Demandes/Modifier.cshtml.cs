using Logis.Web.Infrastructure;
using Logis.Domain.Commun;
using Logis.Domain.Acces;
using Logis.Domain.Demandes;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Logis.Application.Demandes;

namespace Logis.Web.Features.Demandes;

/// <summary>
/// Update of a demand (R441-2-7: number and deposit date kept, an event recorded); same steps and validation
/// as the registration, same use case as <c>PUT /api/v1/demandes/{numero}</c>.
/// </summary>
public sealed class ModifierModel(DemandesService service, IDataProtectionProvider protection, Logis.Application.Journal.JournalService journal) : SaisieDemandeModel(service, protection)
{
    private FormulaireDemande? _initial;
    private DemandeId? _demandeId;

    [FromRoute] public string Numero { get; set; } = "";
    public bool Radiee { get; private set; }

    public override bool EstModification => true;
    public override string Adresse => $"/demandes/{Numero}/modifier";
    public override string Titre => $"Modifier la demande {Numero}";
    protected override string Objet => "modifier:" + Numero;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await ChargerAsync(ct) is { } resultat) return resultat;
        // The prefilled form shows the demand's nominative data (and the restricted fields to the roles that see them): a recorded read, whoever reads.
        if (_demandeId is { } id)
            await journal.EcrireAsync(AgentCourant, DonneesRestreintesMasquees ? Persistence.Demandes.ActionsAudit.LectureDemande : Persistence.Demandes.ActionsAudit.LectureDonneesSensibles, id, null, ct);
        return Radiee ? Page() : Afficher(_initial!, 1);
    }

    public async Task<IActionResult> OnPostAsync(string? aller, CancellationToken ct)
    {
        if (await ChargerAsync(ct) is { } resultat) return resultat;
        if (Radiee) return Page();
        return await EtapeAsync(aller, async f =>
        {
            var issue = await Service.MettreAJourAsync(AgentCourant, Numero, f.VersSaisie().Saisie, ct);
            if (issue.EstReussi)
            {
                TempData["Confirmation"] = "La demande a été mise à jour. Son numéro et sa date de dépôt sont conservés.";
                return Redirect($"/demandes/{Uri.EscapeDataString(Numero)}");
            }
            if (Problemes.Introuvable(issue.Probleme)) return NotFound();
            if (issue.Probleme.Nature == NatureEchec.Interdit) return Refus();
            if (issue.Probleme.Champs.Count > 0) return AvecErreurs(f, issue.Probleme.Champs);
            Erreur = issue.Motif;
            return null;
        });
    }

    /// <summary>Loads the demand within the agent's perimeter: 404 outside it (existence not revealed), 403 for read-only roles.</summary>
    private async Task<IActionResult?> ChargerAsync(CancellationToken ct)
    {
        var issue = await Service.ChargerPourAttestationAsync(AgentCourant, Numero, ct);
        if (!issue.EstReussi) return NotFound();
        if (!await PreparerAsync(ct)) return Page();
        var demande = issue.Valeur!;
        // A legal entity's demand has its own one-page form (headings a, b and h only).
        if (demande.Contenu.PersonneMorale is not null) return Redirect($"/demandes/personne-morale?numero={Uri.EscapeDataString(demande.Numero.Valeur)}");
        Numero = demande.Numero.Valeur;
        Radiee = demande.Statut == StatutDemande.Radiee;
        DonneesRestreintesMasquees = !AccesDemandes.VoitDonneesSensibles(AgentCourant.Role);
        _initial = FormulaireDemande.Depuis(demande.Contenu);
        _demandeId = demande.Id;
        return null;
    }

    protected override Task<FormulaireDemande> BrouillonInitialAsync() => Task.FromResult(_initial!);
}
