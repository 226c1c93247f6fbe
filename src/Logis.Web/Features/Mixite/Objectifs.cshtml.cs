using Logis.Application.Acces;
using Logis.Application.Mixite;
using Logis.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Logis.Web.Features.Mixite;

/// <summary>
/// /mixite/objectifs?annee=: the quantified objectives of the CIA for a year (per bailleur, optionally commune and réservataire, with local rates);
/// the EPCI's agent enters, replaces and removes them. Where the CIA sets none of a nature, the legal rate applies (25 %, 50 %, 25 %).
/// </summary>
public sealed class ObjectifsModel(SuiviMixiteService service) : PageModel
{
    public ObjectifsVue? Vue { get; private set; }
    public Dictionary<string, string[]> Erreurs { get; private set; } = [];
    [BindProperty] public SaisieFormulaire Saisie { get; set; } = new();
    [TempData] public string? Confirmation { get; set; }

    public sealed class SaisieFormulaire
    {
        public string? Annee { get; set; }
        public string? Nature { get; set; }
        public string? Taux { get; set; }
        public string? Bailleur { get; set; }
        public string? Commune { get; set; }
        public string? Reservataire { get; set; }
        public string? Source { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(string? annee, CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        var r = await service.ObjectifsAsync(agent, annee, ct);
        if (!r.EstReussi)
        {
            Erreurs = new() { ["annee"] = [.. r.Erreurs] };
            Response.StatusCode = StatusCodes.Status400BadRequest;
            r = await service.ObjectifsAsync(agent, null, ct);
        }
        Vue = r.Valeur;
        Saisie.Annee ??= Vue!.Annee.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        var s = Saisie;
        var issue = await service.DefinirObjectifAsync(agent, new SaisieObjectif(s.Annee, s.Nature, s.Taux, s.Bailleur, s.Commune, s.Reservataire, s.Source), ct);
        if (issue.EstReussi)
        {
            Confirmation = $"L'objectif « {issue.Valeur.Libelle} » ({issue.Valeur.Perimetre}) est enregistré.";
            return Redirect($"/mixite/objectifs?annee={issue.Valeur.Annee}");
        }
        Erreurs = issue.Probleme.Champs.Count > 0 ? issue.Probleme.Champs.ToDictionary(c => c.Key, c => c.Value) : new() { [""] = [issue.Probleme.Motif] };
        Vue = (await service.ObjectifsAsync(agent, int.TryParse(s.Annee, out var a) && a is >= 2017 and <= 2100 ? s.Annee : null, ct)).Valeur;
        Response.StatusCode = Problemes.Statut(issue.Probleme.Nature);
        return Page();
    }

    public async Task<IActionResult> OnPostSupprimerAsync(string? id, CancellationToken ct)
    {
        var agent = Agent.Requis(User);
        var issue = await service.SupprimerObjectifAsync(agent, id ?? "", ct);
        if (issue.EstReussi)
        {
            Confirmation = "L'objectif est retiré.";
            return Redirect($"/mixite/objectifs?annee={Saisie.Annee}");
        }
        Erreurs = new() { [""] = [issue.Probleme.Motif] };
        Vue = (await service.ObjectifsAsync(agent, null, ct)).Valeur;
        Response.StatusCode = Problemes.Statut(issue.Probleme.Nature);
        return Page();
    }

    public static string Id(string cle) => "objectif-" + (cle.Length == 0 ? "formulaire" : cle);
}
