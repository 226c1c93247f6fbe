using Logis.Domain.Commun;
using Logis.Domain.Organisations;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Territoire;

public sealed record LigneCommune(string CodeInsee, string Nom, int Population, int LogementsSociaux, int NombreQpv, int LogementsEnQpv)
{
    /// <summary>Social dwellings per 100 inhabitants (the number of main residences per commune is not in the reference data).</summary>
    public decimal PourCentHabitants => Population == 0 ? 0 : Math.Round(100m * LogementsSociaux / Population, 1);
}

public sealed record ApercuTerritoire(Epci Epci, IReadOnlyList<LigneCommune> Communes, IReadOnlyList<Qpv> Qpvs, int Bailleurs)
{
    public int Population => Communes.Sum(c => c.Population);
    public int LogementsSociaux => Communes.Sum(c => c.LogementsSociaux);
    public int LogementsEnQpv => Communes.Sum(c => c.LogementsEnQpv);
}

public sealed record Repartition(string Libelle, int Nombre);

public sealed record LigneQpv(string Code, string Nom, int Logements);

public sealed record FicheCommune(Commune Commune, IReadOnlyList<LigneQpv> Qpvs, IReadOnlyList<Repartition> ParTypologie,
    IReadOnlyList<(Bailleur Bailleur, int Logements)> ParBailleur, int Total);

public sealed record FiltreLogements(CodeInsee? Commune, Typologie? Typologie, bool? EnQpv, Financement? Financement, BailleurId? Bailleur);

public sealed record LogementVue(
    string Id, string NumeroRpls, string CommuneInsee, string Commune, string Residence, string Adresse, string? Qpv, string Bailleur,
    string Typologie, int NombrePieces, decimal SurfaceHabitable, int Etage, bool Ascenseur, bool AccessiblePmr,
    string Financement, decimal LoyerPrincipal, decimal Charges, string? ClasseEnergie);

public sealed record PageResultats<T>(IReadOnlyList<T> Elements, int Page, int TaillePage, int Total)
{
    public int NombrePages => Total == 0 ? 1 : (Total + TaillePage - 1) / TaillePage;

    /// <summary>
    /// True when counting stopped at a ceiling: there are <b>more than</b> <see cref="Total"/> results, and more pages
    /// than <see cref="NombrePages"/> (a full page may be followed by another).
    /// </summary>
    public bool TotalPlafonne { get; init; }
}

/// <summary>Read side of the territory: what an agent of an EPCI sees of its territory and stock.</summary>
public sealed class TerritoireQueries(LogisDbContext db)
{
    public async Task<ApercuTerritoire?> ApercuAsync(Siren epciSiren, CancellationToken ct)
    {
        var epci = await db.Epcis.AsNoTracking().SingleOrDefaultAsync(e => e.Siren == epciSiren, ct);
        if (epci is null) return null;
        var communes = await db.Communes.AsNoTracking().Where(c => c.EpciSiren == epciSiren).OrderBy(c => c.Nom).ToListAsync(ct);
        var codes = communes.Select(c => c.CodeInsee).ToList();
        var stock = await db.Logements.AsNoTracking().Where(l => codes.Contains(l.CommuneInsee))
            .GroupBy(l => l.CommuneInsee)
            .Select(g => new { Commune = g.Key, Total = g.Count(), EnQpv = g.Count(l => l.QpvCode != null) })
            .ToListAsync(ct);
        var qpvs = await QpvsAsync(epciSiren, ct);
        var bailleurs = await db.BailleursTerritoires.CountAsync(b => b.EpciSiren == epciSiren, ct);
        var lignes = communes.Select(c =>
        {
            var s = stock.SingleOrDefault(x => x.Commune == c.CodeInsee);
            return new LigneCommune(c.CodeInsee.Value, c.Nom, c.Population, s?.Total ?? 0,
                qpvs.Count(q => q.Communes.Contains(c.CodeInsee)), s?.EnQpv ?? 0);
        }).ToList();
        return new ApercuTerritoire(epci, lignes, qpvs, bailleurs);
    }

    public async Task<IReadOnlyDictionary<string, Commune>> CommunesAsync(Siren epciSiren, CancellationToken ct) =>
        await db.Communes.AsNoTracking().Where(c => c.EpciSiren == epciSiren).ToDictionaryAsync(c => c.CodeInsee.Value, ct);

    public async Task<IReadOnlyList<Qpv>> QpvsAsync(Siren epciSiren, CancellationToken ct) =>
        (await db.Qpvs.AsNoTracking().ToListAsync(ct)).Where(q => q.EpciSiren == epciSiren).OrderBy(q => q.Code, StringComparer.Ordinal).ToList();

    public async Task<FicheCommune?> CommuneAsync(Siren epciSiren, CodeInsee code, CancellationToken ct)
    {
        var commune = await db.Communes.AsNoTracking().SingleOrDefaultAsync(c => c.CodeInsee == code && c.EpciSiren == epciSiren, ct);
        if (commune is null) return null;
        var logements = db.Logements.AsNoTracking().Where(l => l.CommuneInsee == code);
        var parTypologie = await logements.GroupBy(l => l.Typologie).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        var parBailleur = await logements.GroupBy(l => l.BailleurId).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        var parQpv = await logements.Where(l => l.QpvCode != null).GroupBy(l => l.QpvCode).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        var ids = parBailleur.Select(b => b.Key).ToList();
        var bailleurs = await db.Bailleurs.AsNoTracking().Where(b => ids.Contains(b.Id)).ToListAsync(ct);
        var qpvs = (await QpvsAsync(epciSiren, ct)).Where(q => q.Communes.Contains(code))
            .Select(q => new LigneQpv(q.Code, q.Nom, parQpv.SingleOrDefault(x => x.Key == q.Code)?.N ?? 0)).ToList();
        return new FicheCommune(
            commune, qpvs,
            Enum.GetValues<Typologie>().Select(t => new Repartition(t.Libelle(), parTypologie.SingleOrDefault(x => x.Key == t)?.N ?? 0)).ToList(),
            parBailleur.Select(x => (bailleurs.Single(b => b.Id == x.Key), x.N)).OrderByDescending(x => x.N).ToList(),
            parTypologie.Sum(x => x.N));
    }

    public async Task<IReadOnlyList<Bailleur>> BailleursAsync(Siren epciSiren, CancellationToken ct)
    {
        var ids = await db.BailleursTerritoires.Where(b => b.EpciSiren == epciSiren).Select(b => b.BailleurId).ToListAsync(ct);
        return await db.Bailleurs.AsNoTracking().Where(b => ids.Contains(b.Id)).OrderBy(b => b.Nom).ToListAsync(ct);
    }

    public async Task<Bailleur?> BailleurAsync(Siren epciSiren, BailleurId id, CancellationToken ct) =>
        await db.BailleursTerritoires.AnyAsync(b => b.EpciSiren == epciSiren && b.BailleurId == id, ct)
            ? await db.Bailleurs.AsNoTracking().SingleAsync(b => b.Id == id, ct)
            : null;

    public async Task<IReadOnlyList<Repartition>> ParTypologieAsync(Siren epciSiren, BailleurId bailleur, CancellationToken ct)
    {
        var codes = await CodesCommunesAsync(epciSiren, ct);
        var parTypologie = await db.Logements.AsNoTracking().Where(l => l.BailleurId == bailleur && codes.Contains(l.CommuneInsee))
            .GroupBy(l => l.Typologie).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);
        return Enum.GetValues<Typologie>().Select(t => new Repartition(t.Libelle(), parTypologie.SingleOrDefault(x => x.Key == t)?.N ?? 0)).ToList();
    }

    /// <summary>Dwellings of the EPCI matching the filter, ordered by commune, residence and RPLS number (stable paging).</summary>
    public async Task<PageResultats<LogementVue>> LogementsAsync(Siren epciSiren, FiltreLogements f, int page, int taillePage, CancellationToken ct)
    {
        var codes = await CodesCommunesAsync(epciSiren, ct);
        var q = db.Logements.AsNoTracking().Where(l => codes.Contains(l.CommuneInsee));
        if (f.Commune is { } c) q = q.Where(l => l.CommuneInsee == c);
        if (f.Typologie is { } t) q = q.Where(l => l.Typologie == t);
        if (f.EnQpv is { } enQpv) q = enQpv ? q.Where(l => l.QpvCode != null) : q.Where(l => l.QpvCode == null);
        if (f.Financement is { } fin) q = q.Where(l => l.Financement == fin);
        if (f.Bailleur is { } b) q = q.Where(l => l.BailleurId == b);
        var total = await q.CountAsync(ct);
        var lignes = await q.OrderBy(l => l.CommuneInsee).ThenBy(l => l.NumeroRpls)
            .Skip((page - 1) * taillePage).Take(taillePage)
            .Join(db.Residences, l => l.ResidenceId, r => r.Id, (l, r) => new { l, r })
            .Join(db.Bailleurs, x => x.l.BailleurId, b => b.Id, (x, b) => new { x.l, x.r, BailleurNom = b.Nom })
            .Join(db.Communes, x => x.l.CommuneInsee, c => c.CodeInsee, (x, c) => new { x.l, x.r, x.BailleurNom, CommuneNom = c.Nom })
            .ToListAsync(ct);
        var elements = lignes
            .OrderBy(x => x.l.CommuneInsee.Value, StringComparer.Ordinal).ThenBy(x => x.l.NumeroRpls, StringComparer.Ordinal)
            .Select(x => new LogementVue(
                x.l.Id.ToString(), x.l.NumeroRpls, x.l.CommuneInsee.Value, x.CommuneNom, x.r.Nom, x.r.Adresse, x.l.QpvCode, x.BailleurNom,
                x.l.Typologie.Libelle(), x.l.NombrePieces, x.l.SurfaceHabitable, x.l.Etage, x.l.Ascenseur, x.l.AccessiblePmr,
                x.l.Financement.Libelle(), x.l.LoyerPrincipal, x.l.Charges, x.l.ClasseEnergie?.ToString()))
            .ToList();
        return new PageResultats<LogementVue>(elements, page, taillePage, total);
    }

    private async Task<List<CodeInsee>> CodesCommunesAsync(Siren epciSiren, CancellationToken ct) =>
        await db.Communes.Where(c => c.EpciSiren == epciSiren).Select(c => c.CodeInsee).ToListAsync(ct);
}
