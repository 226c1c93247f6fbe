using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Logis.Application.Territoire;
using Logis.Application.Demandes;
using Logis.Application.Acces;

namespace Logis.Web.Features.Demandes;

/// <summary>
/// The search of demands. An applicant's name never travels in the address (proxy and server logs, browser history,
/// Referer): the form is posted, and the result page's address carries, in place of the name, an opaque token
/// (<c>recherche</c>) that only this server can read, for this agent and for a few hours — so that the result page, its
/// pages and the back button work without JavaScript. The other filters (number, commune, size, status) stay readable.
/// </summary>
public sealed class IndexModel(DemandesService service, IDataProtectionProvider protection) : PageModel
{
    /// <summary>How long a search token reads (a working session).</summary>
    public static readonly TimeSpan DureeRecherche = TimeSpan.FromHours(8);

    [BindProperty(SupportsGet = true)] public string? Numero { get; set; }
    [BindProperty] public string? Nom { get; set; }
    [BindProperty(SupportsGet = true)] public string? Commune { get; set; }
    [BindProperty(SupportsGet = true)] public string? Typologie { get; set; }
    [BindProperty(SupportsGet = true)] public string? Statut { get; set; }
    [BindProperty(SupportsGet = true)] public string? Prioritaire { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tri { get; set; }
    /// <summary>The name of the search, protected (see the class).</summary>
    [BindProperty(SupportsGet = true)] public string? Recherche { get; set; }

    public PageResultats<LigneDemande>? Resultats { get; private set; }
    public Dictionary<string, string[]> Erreurs { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Communes { get; private set; } = new Dictionary<string, string>();
    /// <summary>What the agent is told about the reach of their access (R441-2-6), when it is not the whole territory.</summary>
    public string? Portee { get; private set; }
    public bool PeutEnregistrer { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // An old address with the name in it: the same search at an address without it.
        if (!string.IsNullOrWhiteSpace(Request.Query["nom"].FirstOrDefault()))
        {
            Nom = Request.Query["nom"].FirstOrDefault();
            return Redirect(Lien(1));
        }
        if (!string.IsNullOrEmpty(Recherche))
        {
            Nom = LireNom(Recherche);
            if (Nom is null)
                Erreurs["nom"] = ["La recherche par nom a expiré ou ne vient pas de votre session : saisissez de nouveau le nom."];
        }
        return await RechercherAsync(ct);
    }

    /// <summary>The form: redirected to the search at an address without the name (followed as a GET).</summary>
    public IActionResult OnPost() => Redirect(Lien(1));

    private async Task<IActionResult> RechercherAsync(CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        Communes = await service.NomsCommunesAsync(agent, ct);
        Portee = Logis.Domain.Acces.AccesDemandes.Explication(agent.Role, (await service.PorteeAsync(agent, ct)).Portee);
        PeutEnregistrer = await service.PeutAgirAsync(agent, ct);
        var (filtre, page, taille, erreurs) = DemandesService.LireFiltre(Numero, Nom, Commune, Typologie, Statut, Prioritaire,
            Request.Query["page"].FirstOrDefault(), "25", Tri); // "page" is a reserved route value in Razor Pages: read from the query
        foreach (var (champ, messages) in erreurs) Erreurs[champ] = messages;
        if (filtre is not null && Erreurs.Count == 0) Resultats = await service.RechercherAsync(agent, filtre, page, taille, ct);
        return Page();
    }

    public string Lien(int page)
    {
        var recherche = string.IsNullOrWhiteSpace(Nom) ? "" : Uri.EscapeDataString(Protecteur().Protect(Nom, DureeRecherche));
        return $"/demandes?numero={Uri.EscapeDataString(Numero ?? "")}&recherche={recherche}&commune={Uri.EscapeDataString(Commune ?? "")}"
               + $"&typologie={Uri.EscapeDataString(Typologie ?? "")}&statut={Uri.EscapeDataString(Statut ?? "")}&prioritaire={Uri.EscapeDataString(Prioritaire ?? "")}"
               + $"&tri={Uri.EscapeDataString(Tri ?? "")}&page={page}";
    }

    private string? LireNom(string jeton)
    {
        try
        {
            return Protecteur().Unprotect(jeton);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>A protector of this purpose and this agent: a token copied to another session does not read.</summary>
    private ITimeLimitedDataProtector Protecteur() =>
        protection.CreateProtector("Logis.Demandes.Recherche.Nom", Agent.Requis(User).Id.ToString()).ToTimeLimitedDataProtector();
}
