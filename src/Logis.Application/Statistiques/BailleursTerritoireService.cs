using System.Globalization;
using Logis.Domain.Organisations;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Statistiques;

/// <summary>The dwellings of a landlord in one commune.</summary>
public sealed record LogementsCommuneDto(CommuneVue Commune, int Logements);

/// <summary>A landlord of the territory, its kind, its dwellings in the territory and where they are.</summary>
public sealed record BailleurPublicDto(string Nom, string Forme, int Logements, IReadOnlyList<LogementsCommuneDto> ParCommune);

/// <summary>
/// « Les bailleurs du territoire » (L441-2-6: the public is told who the landlords are and where their dwellings are; R441-2-4 e: the
/// attestation lists the landlords with dwellings in the communes asked): each landlord of the territory with its number of social dwellings
/// by commune, from the stock (<c>logement</c>). Dwellings, not households: no statistical secret applies.
/// </summary>
public sealed class BailleursTerritoireService(LogisDbContext db)
{
    public async Task<IReadOnlyList<BailleurPublicDto>> ListerAsync(Siren epci, CancellationToken ct)
    {
        var communes = await new LieuxAccueilService(db).CommunesAsync(epci, ct);
        var noms = communes.ToDictionary(c => c.CodeInsee, c => c, StringComparer.Ordinal);
        var codes = communes.Select(c => CodeInsee.Create(c.CodeInsee)).ToList();
        var ids = await db.BailleursTerritoires.AsNoTracking().Where(b => b.EpciSiren == epci).Select(b => b.BailleurId).ToListAsync(ct);
        var bailleurs = await db.Bailleurs.AsNoTracking().Where(b => ids.Contains(b.Id)).ToListAsync(ct);
        var parc = await db.Logements.AsNoTracking().Where(l => codes.Contains(l.CommuneInsee))
            .GroupBy(l => new { l.BailleurId, l.CommuneInsee }).Select(g => new { g.Key.BailleurId, g.Key.CommuneInsee, N = g.Count() }).ToListAsync(ct);
        var fr = StringComparer.Create(CultureInfo.GetCultureInfo("fr-FR"), false);
        return
        [
            .. bailleurs.Select(b =>
                {
                    var lignes = parc.Where(p => p.BailleurId == b.Id && p.N > 0).Select(p => new LogementsCommuneDto(noms[p.CommuneInsee.Value], p.N))
                        .OrderBy(p => p.Commune.Nom, fr).ToList();
                    return new BailleurPublicDto(b.Nom, Bailleur.LibelleForme(b.Forme), lignes.Sum(p => p.Logements), lignes);
                })
                .OrderByDescending(b => b.Logements).ThenBy(b => b.Nom, fr),
        ];
    }
}
