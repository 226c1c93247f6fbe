using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Logis.Application.Demandes;

namespace Logis.Web.Features.Demandes;

/// <summary>
/// The multi-step form shared by registration (<c>/demandes/nouvelle</c>) and update
/// (<c>/demandes/{numero}/modifier</c>). Works without JavaScript: each step is a POST to the same address;
/// the answers travel in a hidden field encrypted and signed with ASP.NET Core data protection (bound to the
/// agent and the demand, valid a few hours), so no personal data ever reaches the URL and the full NIR is
/// never written into the page.
/// </summary>
public abstract class SaisieDemandeModel(DemandesService service, IDataProtectionProvider protection) : PageSaisie(service)
{
    private static readonly TimeSpan DureeBrouillon = TimeSpan.FromHours(4);

    [BindProperty] public FormulaireDemande F { get; set; } = FormulaireDemande.Vide();
    [BindProperty] public string? Brouillon { get; set; }
    [BindProperty] public int Etape { get; set; } = 1;

    public Dictionary<string, string[]> Erreurs { get; private set; } = [];
    public string? Erreur { get; protected set; }

    /// <summary>Update by an agent who may not see sensitive data: NIR and disability are kept, not shown.</summary>
    public bool DonneesRestreintesMasquees { get; protected set; }

    public abstract bool EstModification { get; }
    public abstract string Adresse { get; }
    public abstract string Titre { get; }
    protected abstract string Objet { get; }


    protected IActionResult Afficher(FormulaireDemande f, int etape)
    {
        F = f;
        Etape = Math.Clamp(etape, 1, FormulaireDemande.EtapeVerification);
        Brouillon = Proteger(f);
        ModelState.Clear();
        return Page();
    }

    /// <summary>One POST per step: take the step's answers, then go where the button says.</summary>
    protected async Task<IActionResult> EtapeAsync(string? aller, Func<FormulaireDemande, Task<IActionResult?>> enregistrer)
    {
        var f = FormulaireDemande.Vide();
        if (!string.IsNullOrEmpty(Brouillon))
        {
            if (Deproteger(Brouillon) is { } lu) f = lu;
            else
            {
                Erreur = "Les réponses précédentes ont expiré ou ne sont plus lisibles : reprenez la saisie.";
                return Afficher(await BrouillonInitialAsync(), 1);
            }
        }
        else f = await BrouillonInitialAsync();
        var etape = Math.Clamp(Etape, 1, FormulaireDemande.EtapeVerification);
        f.Reprendre(etape, F, DonneesRestreintesMasquees);

        switch (aller)
        {
            case "ajouter-personne" when etape == 1:
                if (f.Personnes.Count < FormulaireDemande.PersonnesMaximum) f.Personnes.Add(new PersonneFormulaire());
                return Afficher(f, 1);
            case "precedent":
                return Afficher(f, etape - 1);
            case { } a when a.StartsWith("etape-", StringComparison.Ordinal) && int.TryParse(a.AsSpan(6), out var n):
                return Afficher(f, n);
            case "enregistrer":
                var toutes = f.Valider();
                if (toutes.Count > 0) return AvecErreurs(f, toutes);
                return await enregistrer(f) ?? Afficher(f, FormulaireDemande.EtapeVerification);
            default: // "suivant"
                var erreurs = f.Valider().Where(e => FormulaireDemande.EtapeDe(e.Key) == etape).ToDictionary(e => e.Key, e => e.Value);
                if (erreurs.Count > 0)
                {
                    Erreurs = erreurs;
                    return Afficher(f, etape);
                }
                return Afficher(f, etape + 1);
        }
    }

    /// <summary>Shows the first step that has errors, with its errors (the API keys its errors the same way).</summary>
    protected IActionResult AvecErreurs(FormulaireDemande f, IReadOnlyDictionary<string, string[]> erreurs)
    {
        var premiere = erreurs.Keys.Min(FormulaireDemande.EtapeDe);
        Erreurs = erreurs.Where(e => FormulaireDemande.EtapeDe(e.Key) == premiere).ToDictionary(e => e.Key, e => e.Value);
        return Afficher(f, premiere);
    }

    protected abstract Task<FormulaireDemande> BrouillonInitialAsync();

    private IDataProtector Protecteur() =>
        protection.CreateProtector("Logis.Demandes.Saisie.v1", AgentCourant.Id.ToString(), Objet);

    private string Proteger(FormulaireDemande f) =>
        Protecteur().ToTimeLimitedDataProtector().Protect(JsonSerializer.Serialize(f), DureeBrouillon);

    private FormulaireDemande? Deproteger(string brouillon)
    {
        try
        {
            return JsonSerializer.Deserialize<FormulaireDemande>(Protecteur().ToTimeLimitedDataProtector().Unprotect(brouillon));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Helpers for the view: one id per error key, so the error summary links to the field.
    public static string Id(string cle) =>
        "champ-" + cle.Replace("[", "-", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Replace('.', '-');

    public string? ErreurDe(string cle) => Erreurs.TryGetValue(cle, out var m) ? string.Join(" ", m) : null;

    public string NomCommune(string code) => Communes.GetValueOrDefault(code, code);
}
