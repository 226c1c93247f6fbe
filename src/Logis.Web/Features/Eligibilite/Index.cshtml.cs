using System.Globalization;
using Logis.Domain.Demandes;
using Logis.Domain.Menages;
using Logis.Domain.Territoire;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Champs = Logis.Application.Eligibilite.VerificationEligibilite.Champs;
using Logis.Application.Eligibilite;

namespace Logis.Web.Features.Eligibilite;

/// <summary>One row of the household on the form: the first row is always the applicant.</summary>
public sealed class LignePersonne
{
    public string? DateNaissance { get; set; }
    public string? Lien { get; set; }
    public bool Handicap { get; set; }
    public bool ACharge { get; set; }
    public bool GardeAlternee { get; set; }

    public bool EstVide => string.IsNullOrWhiteSpace(DateNaissance) && string.IsNullOrWhiteSpace(Lien) && !Handicap && !ACharge && !GardeAlternee;
}

/// <summary>An error of the form: the id of the field it concerns (the summary links to it) and its message.</summary>
public sealed record ErreurChamp(string Id, string Message);

/// <summary>
/// Public page « Suis-je éligible ? »: a household checks the income condition of PLAI, PLUS and PLS
/// dwellings in a commune. Works without JavaScript: the form has a few person rows, blank rows are
/// ignored, and « Ajouter une personne » re-renders it with one more. Nothing is stored.
/// </summary>
[AllowAnonymous]
public sealed class IndexModel(VerificationEligibilite verification) : PageModel
{
    public const int LignesAuDepart = 4;
    public const int LignesMax = 12;

    [BindProperty] public string? Commune { get; set; }
    [BindProperty] public string? AutreCommune { get; set; }
    [BindProperty] public string? Annee { get; set; }
    [BindProperty] public List<LignePersonne> Personnes { get; set; } = [];
    [BindProperty] public string? Revenu { get; set; }

    public IReadOnlyList<(Epci Epci, IReadOnlyList<Commune> Communes)> CommunesProposees { get; private set; } = [];
    public IReadOnlyList<int> Annees => verification.AnneesConnues;
    public List<ErreurChamp> Erreurs { get; } = [];
    public ResultatVerification? Resultat { get; private set; }

    /// <summary>The year shown in the help texts: the one chosen, else the latest known.</summary>
    public int AnneeAffichee => int.TryParse(Annee, NumberStyles.None, CultureInfo.InvariantCulture, out var a) && Annees.Contains(a) ? a : Annees[^1];

    public IEnumerable<string> ErreursDe(string id) => Erreurs.Where(e => e.Id == id).Select(e => e.Message);

    public bool EnErreur(string id) => Erreurs.Any(e => e.Id == id);

    /// <summary>The ids of a field's error messages, for aria-describedby.</summary>
    public string? DecritPar(string id, string? aide = null)
    {
        var ids = new[] { aide, EnErreur(id) ? id + "-erreur" : null }.Where(x => x is not null);
        var texte = string.Join(' ', ids);
        return texte.Length == 0 ? null : texte;
    }

    public static string IdDate(int i) => $"personne-{i}-date";
    public static string IdLien(int i) => $"personne-{i}-lien";
    public static string IdACharge(int i) => $"personne-{i}-a-charge";

    public async Task OnGetAsync(CancellationToken ct)
    {
        var annee = verification.Aujourdhui.Year;
        Annee = (Annees.Contains(annee) ? annee : Annees[^1]).ToString(CultureInfo.InvariantCulture);
        Personnes = Enumerable.Range(0, LignesAuDepart).Select(_ => new LignePersonne()).ToList();
        await ChargerAsync(ct);
    }

    public async Task<IActionResult> OnPostAjouterPersonneAsync(CancellationToken ct)
    {
        ModelState.Clear();
        Compacter(plus: 1);
        await ChargerAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // The result shows a household's data: never kept by a browser or a proxy.
        Response.Headers.CacheControl = "no-store";
        // Values are bound as text and read below, with French messages; the framework's own
        // binding messages (in English) are not shown.
        ModelState.Clear();
        Compacter(plus: 0);
        await ChargerAsync(ct);

        int? annee = null;
        if (int.TryParse(Annee, NumberStyles.None, CultureInfo.InvariantCulture, out var a)) annee = a;
        else Erreurs.Add(new("annee", "Choisissez l'année."));

        var codeCommune = string.IsNullOrWhiteSpace(AutreCommune) ? Commune : AutreCommune;
        var idCommune = string.IsNullOrWhiteSpace(AutreCommune) ? "commune" : "autre-commune";
        if (string.IsNullOrWhiteSpace(codeCommune))
            Erreurs.Add(new("commune", "Choisissez la commune où vous cherchez un logement, ou indiquez son code INSEE."));

        decimal? revenu = null;
        if (string.IsNullOrWhiteSpace(Revenu))
            Erreurs.Add(new("revenu", "Indiquez le revenu fiscal de référence de votre foyer, en euros (0 si vous n'avez pas de revenu)."));
        else if (TexteSaisi.Montant(Revenu) is { } montant) revenu = montant;
        else Erreurs.Add(new("revenu", $"« {Revenu} » n'est pas un montant en euros (par exemple 18500)."));

        // The applicant's row is always sent; the other rows only when something was typed.
        var lignes = Personnes.Select((p, i) => (p, i)).Where(x => x.i == 0 || !x.p.EstVide).ToList();
        var saisies = lignes.Select(x => new PersonneEligibilite(x.p.DateNaissance, x.i == 0 ? VerificationEligibilite.CodeLien(LienPersonne.Demandeur) : x.p.Lien,
            x.p.Handicap, x.i != 0 && x.p.ACharge, x.i != 0 && x.p.GardeAlternee)).ToList();

        var issue = await verification.VerifierAsync(
            new DemandeVerification(annee, string.IsNullOrWhiteSpace(codeCommune) ? null : codeCommune, null, Libelles.FinancementsVerifies, saisies, revenu, null), ct);
        foreach (var (champ, messages) in issue.Probleme?.Champs ?? new Dictionary<string, string[]>())
        {
            var id = Id(champ, idCommune, lignes.Select(x => x.i).ToList());
            if (id is null || (id is "annee" && annee is null) || (id is "commune" or "autre-commune" && string.IsNullOrWhiteSpace(codeCommune))
                || (id == "revenu" && revenu is null))
                continue;
            Erreurs.AddRange(messages.Select(m => new ErreurChamp(id, m)));
        }

        if (Erreurs.Count == 0) Resultat = issue.ValeurOuNull;
        return Page();
    }

    /// <summary>The id of the form field for an error of the use case (keys: the API's JSON paths).</summary>
    private static string? Id(string champ, string idCommune, IReadOnlyList<int> lignes)
    {
        switch (champ)
        {
            case Champs.Annee: return "annee";
            case Champs.CommuneInsee: return idCommune;
            case Champs.Revenu: return "revenu";
            case Champs.Personnes or Champs.Menage: return IdDate(0);
            case Champs.Zone or Champs.Financement or Champs.DateReference: return null;
        }
        for (var k = 0; k < lignes.Count; k++)
        {
            var i = lignes[k];
            if (champ == Champs.Lien(k)) return i == 0 ? IdDate(0) : IdLien(i);
            if (champ == Champs.ACharge(k)) return i == 0 ? IdDate(0) : IdACharge(i);
            if (champ == Champs.DateNaissance(k) || champ == Champs.Personne(k)) return IdDate(i);
        }
        return IdDate(0);
    }

    /// <summary>Moves the rows typed to the top (the applicant stays first) and leaves blank rows after them.</summary>
    private void Compacter(int plus)
    {
        var demandeur = Personnes.Count > 0 ? Personnes[0] : new LignePersonne();
        var autres = Personnes.Skip(1).Where(p => !p.EstVide).ToList();
        var total = Math.Clamp(Math.Max(LignesAuDepart, autres.Count + 1 + plus), 1, LignesMax);
        Personnes = [demandeur, .. autres];
        while (Personnes.Count < total) Personnes.Add(new LignePersonne());
        if (Personnes.Count > LignesMax) Personnes = Personnes.Take(LignesMax).ToList();
    }

    private async Task ChargerAsync(CancellationToken ct) => CommunesProposees = await verification.CommunesHebergeesAsync(ct);
}
