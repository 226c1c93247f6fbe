using Logis.Application.Demandes;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Logis.Web.Features.Demandes;

/// <summary>
/// The demand of a legal entity that rents to sublet (CCH L442-8-1): one page, the headings a), b) and h) only (R441-2-2).
/// Registration, or update with <c>?numero=</c>; the same use cases as <c>POST</c> and <c>PUT /api/v1/demandes</c> with
/// <c>personneMorale</c>.
/// </summary>
public sealed class PersonneMoraleModel(DemandesService service) : PageSaisie(service)
{
    [BindProperty(SupportsGet = true)] public string? Numero { get; set; }
    [BindProperty] public FormulairePersonneMorale F { get; set; } = new();

    public Dictionary<string, string[]> Erreurs { get; private set; } = [];
    public string? Erreur { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await PreparerAsync(ct)) return Page();
        if (Numero is null) return Page();
        var issue = await Service.ChargerPourAttestationAsync(AgentCourant, Numero, ct);
        if (!issue.EstReussi || issue.Valeur!.Contenu.PersonneMorale is null || issue.Valeur.Statut != StatutDemande.Active) return NotFound();
        F = FormulairePersonneMorale.Depuis(issue.Valeur.Contenu);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!await PreparerAsync(ct)) return Page();
        var syntaxe = new Dictionary<string, string[]>();
        var saisie = F.VersSaisie(syntaxe);
        if (syntaxe.Count > 0) return Echec(Logis.Domain.Commun.Echec.Invalide("Saisie invalide.", syntaxe));
        if (Numero is null)
        {
            var issue = await Service.EnregistrerAsync(AgentCourant, saisie, ct);
            if (issue.EstReussi)
            {
                TempData["Confirmation"] = $"La demande de la personne morale a été enregistrée sous le numéro unique {issue.Valeur!.Valeur}.";
                return Redirect($"/demandes/{issue.Valeur.Valeur}");
            }
            return Echec(issue.Probleme);
        }
        var maj = await Service.MettreAJourAsync(AgentCourant, Numero, saisie, ct);
        if (maj.EstReussi)
        {
            TempData["Confirmation"] = "La demande a été mise à jour. Son numéro et sa date de dépôt sont conservés.";
            return Redirect($"/demandes/{Uri.EscapeDataString(Numero)}");
        }
        if (Problemes.Introuvable(maj.Probleme)) return NotFound();
        return Echec(maj.Probleme);
    }

    public string? ErreurDe(string cle) => Erreurs.TryGetValue(cle, out var m) ? string.Join(" ", m) : null;

    private IActionResult Echec(Echec probleme)
    {
        if (probleme.Nature == NatureEchec.Interdit) return Refus();
        Erreurs = probleme.Champs.ToDictionary(c => c.Key, c => c.Value);
        Erreur = Erreurs.Count > 0 ? "La demande n'est pas enregistrée : corrigez les champs signalés." : probleme.Motif;
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return Page();
    }
}

/// <summary>The fields of the legal entity's page, read into the one input record of every channel (<see cref="DemandeSaisie"/>).</summary>
public sealed class FormulairePersonneMorale
{
    public string? RaisonSociale { get; set; }
    public string? Siren { get; set; }
    public string? Nature { get; set; }
    public string? NomRepresentant { get; set; }
    public string? PrenomsRepresentant { get; set; }
    public string? NaissanceRepresentant { get; set; }
    public string? AdresseLigne1 { get; set; }
    public string? AdresseLigne2 { get; set; }
    public string? CodePostal { get; set; }
    public string? Commune { get; set; }
    public string? Telephone { get; set; }
    public string? Courriel { get; set; }
    public bool AccepteCourriel { get; set; }
    public List<string> Typologies { get; set; } = [];
    public List<string> CommunesSouhaitees { get; set; } = [];
    public bool ToutEpci { get; set; }
    public string? LoyerMaximum { get; set; }

    public DemandeSaisie VersSaisie(Dictionary<string, string[]> syntaxe) => new(
        [new PersonneSaisie(NomRepresentant, PrenomsRepresentant, NaissanceRepresentant, nameof(Domain.Menages.LienPersonne.Demandeur), null, null, null, null, null)],
        new AdresseSaisie(AdresseLigne1, AdresseLigne2, CodePostal, Commune), Telephone, Courriel, AccepteCourriel,
        null, null, null, null, null,
        new SouhaitsSaisie(Typologies, CommunesSouhaitees, ToutEpci, TexteSaisi.Nombre(LoyerMaximum, "souhaits.loyerMaximum", syntaxe), null, false, false),
        null, PersonneMorale: new PersonneMoraleSaisie(RaisonSociale, Siren, Nature));

    public static FormulairePersonneMorale Depuis(ContenuDemande c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var pm = c.PersonneMorale ?? throw new ArgumentException("Pas une demande de personne morale.", nameof(c));
        var r = c.Demandeur;
        var a = c.Contact.Adresse;
        return new FormulairePersonneMorale
        {
            RaisonSociale = pm.RaisonSociale, Siren = pm.Siren.Value, Nature = pm.Nature.ToString(),
            NomRepresentant = r.Nom, PrenomsRepresentant = r.Prenoms, NaissanceRepresentant = r.DateNaissance.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            AdresseLigne1 = a.Ligne1, AdresseLigne2 = a.Ligne2, CodePostal = a.CodePostal, Commune = a.Commune,
            Telephone = c.Contact.Telephone, Courriel = c.Contact.Courriel, AccepteCourriel = c.Contact.AccepteCourriel,
            Typologies = [.. c.Souhaits.Typologies.Select(t => t.ToString())], CommunesSouhaitees = [.. c.Souhaits.Communes.Select(x => x.Value)],
            ToutEpci = c.Souhaits.ToutEpci,
            LoyerMaximum = c.Souhaits.LoyerMaximum?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture),
        };
    }
}
