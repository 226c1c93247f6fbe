using Logis.Domain.Demandes;
using Logis.Persistence.Demandes;
using Logis.Persistence.Cotation;
using Logis.Application.Territoire;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Demandes;

/// <summary>
/// The search of <c>/demandes</c> and <c>GET /api/v1/demandes</c>, written to stay fast over a million demands
/// (BENCHMARKS.md, « Fichier de la demande »):
/// <list type="bullet">
/// <item>the page is chosen on the narrow search columns (deposit date, number, filter columns), then only its rows
/// are read with their content: the JSON column is never sorted nor scanned;</item>
/// <item>the count stops at <see cref="PlafondTotal"/>: beyond, the result says « more than 10 000 »
/// (<see cref="PageResultats{T}.TotalPlafonne"/>) instead of counting a whole perimeter on each page;</item>
/// <item>a page that is not full gives the exact total without any count.</item>
/// </list>
/// On PostgreSQL the indexes of the migrations <c>IndexRechercheDemandes</c> and <c>IndexRechercheDemandesPostgres</c> serve these queries.
/// </summary>
public static class RechercheDemandes
{
    /// <summary>Above this many results the total is not counted further (« plus de 10 000 »).</summary>
    public const int PlafondTotal = 10_000;

    /// <param name="plafond">Ceiling of the count (<see cref="PlafondTotal"/>; tests lower it).</param>
    /// <param name="cotations">The stored scores (<see cref="CotationDemande"/>): shown on each row, and the order when sorted by score.</param>
    public static async Task<PageResultats<LigneDemande>> ExecuterAsync(IQueryable<Demande> visibles, IQueryable<CotationDemande> cotations, FiltreDemandes f,
        int page, int taille, IReadOnlyDictionary<string, string> nomsCommunes, CancellationToken ct, int plafond = PlafondTotal)
    {
        var filtrees = Filtrer(visibles, f);
        var saut = (page - 1) * taille;
        // The numbers of the page first (sorted on the index), then the rows of those numbers only.
        IQueryable<NumeroUnique> numerosPage = f.Tri == TriDemandes.Score
            // Highest score first; a demand not scored yet comes after the scored ones; then seniority and number.
            ? (from d in filtrees
               join c in cotations on d.Id equals c.DemandeId into cs
               from c in cs.DefaultIfEmpty()
               orderby (c == null || c.Total == null ? 1 : 0), c!.Total descending, d.DateDepot, d.Numero
               select d.Numero).Skip(saut).Take(taille)
            : filtrees.OrderBy(d => d.DateDepot).ThenBy(d => d.Numero).Skip(saut).Take(taille).Select(d => d.Numero);
        var lignes = await visibles.AsNoTracking().Where(d => numerosPage.Contains(d.Numero))
            .Select(d => new
            {
                d.Numero, d.Contenu, d.DateDepot, d.Statut, Prioritaire = EF.Property<bool>(d, ColonnesDemande.Prioritaire),
                Score = cotations.Where(c => c.DemandeId == d.Id).Select(c => c.Total).FirstOrDefault(),
            })
            .ToListAsync(ct);
        lignes = f.Tri == TriDemandes.Score
            ? [.. lignes.OrderBy(l => l.Score is null ? 1 : 0).ThenByDescending(l => l.Score).ThenBy(l => l.DateDepot).ThenBy(l => l.Numero.Valeur, StringComparer.Ordinal)]
            : [.. lignes.OrderBy(l => l.DateDepot).ThenBy(l => l.Numero.Valeur, StringComparer.Ordinal)];

        int total;
        var plafonne = false;
        if ((lignes.Count > 0 && lignes.Count < taille) || (page == 1 && lignes.Count == 0)) total = saut + lignes.Count;
        else
        {
            var compte = await filtrees.Take(plafond + 1).CountAsync(ct);
            plafonne = compte > plafond;
            total = Math.Min(compte, plafond);
        }
        return new PageResultats<LigneDemande>(lignes.Select(l => new LigneDemande(l.Numero.Valeur,
            $"{l.Contenu.Demandeur.Nom} {l.Contenu.Demandeur.Prenoms}", l.DateDepot, DemandesService.LibelleStatut(l.Statut),
            l.Contenu.Souhaits.Typologies.Select(t => t.ToString()).ToList(),
            l.Contenu.Souhaits.Communes.Select(c => nomsCommunes.GetValueOrDefault(c.Value, c.Value)).ToList(), l.Contenu.Souhaits.ToutEpci, l.Prioritaire, l.Score)).ToList(),
            page, taille, total) { TotalPlafonne = plafonne };
    }

    private static IQueryable<Demande> Filtrer(IQueryable<Demande> q, FiltreDemandes f)
    {
        if (f.Numero is { } numero) q = DemandesService.Designees(q, numero);
        if (!string.IsNullOrWhiteSpace(f.Nom))
        {
            var nom = ColonnesDemande.Normaliser(f.Nom);
            q = q.Where(d => EF.Property<string>(d, ColonnesDemande.NomDemandeur).StartsWith(nom));
        }
        if (f.Commune is { } commune)
        {
            var motif = $"|{commune.Value}|";
            q = q.Where(d => EF.Property<bool>(d, ColonnesDemande.ToutEpci) || EF.Property<string>(d, ColonnesDemande.Communes).Contains(motif));
        }
        if (f.Typologie is { } typo)
        {
            var motif = $"|{typo}|";
            q = q.Where(d => EF.Property<string>(d, ColonnesDemande.Typologies).Contains(motif));
        }
        if (f.Statut is { } statut) q = q.Where(d => d.Statut == statut);
        if (f.Prioritaire is { } prioritaire) q = q.Where(d => EF.Property<bool>(d, ColonnesDemande.Prioritaire) == prioritaire);
        return q;
    }
}
