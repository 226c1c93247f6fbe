using Logis.Domain.Commun;
using Logis.Domain.Mixite;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Microsoft.EntityFrameworkCore;

namespace Logis.Persistence.Seed;

/// <summary>
/// Synthetic occupancy data of the demo territory (docs/occupation.md, docs/demo.md): one household for each dwelling of the synthetic stock
/// (about 4 % left empty), observed on 1 January of the year, as a landlord's OPS-like file would declare it. Deterministic for a seed: the
/// dwellings are read in RPLS order and each résidence draws its own fragility, higher in QPV, so that some résidences stand out from the
/// EPCI's average in every commune. Household size follows the typology; resources, single parents, employment and housing allowance follow the
/// résidence's fragility. Written once (nothing when the territory already has occupancy data).
/// </summary>
public sealed class OccupationDemo(LogisDbContext db)
{
    public async Task<int> SemerAsync(Siren epci, int graine, DateOnly aujourdhui, CancellationToken ct = default)
    {
        if (await db.Occupations.AnyAsync(o => o.EpciSiren == epci, ct)) return 0;
        var logements = await (from l in db.Logements.AsNoTracking()
                               join c in db.Communes.AsNoTracking() on l.CommuneInsee equals c.CodeInsee
                               where c.EpciSiren == epci
                               select l).ToListAsync(ct);
        logements = [.. logements.OrderBy(l => l.NumeroRpls, StringComparer.Ordinal)];
        var alea = new Random(unchecked(graine * 7919 + 17));
        var observation = new DateOnly(aujourdhui.Year, 1, 1);
        var fragilites = new Dictionary<ResidenceId, double>();
        var lignes = new List<OccupationLogement>();
        foreach (var l in logements)
        {
            if (!fragilites.TryGetValue(l.ResidenceId, out var f))
            {
                f = Math.Clamp((l.EnQpv ? 0.55 : 0.3) + (alea.NextDouble() - 0.5) * 0.5, 0.05, 0.95);
                fragilites[l.ResidenceId] = f;
            }
            if (alea.NextDouble() < 0.04) continue; // empty on the observation day
            var (min, max) = l.Typologie switch
            {
                Typologie.T1 => (1, 1),
                Typologie.T2 => (1, 2),
                Typologie.T3 => (2, 4),
                Typologie.T4 => (3, 5),
                _ => (4, 7),
            };
            var personnes = alea.Next(min, max + 1);
            var adultes = personnes == 1 ? 1 : alea.NextDouble() < 0.35 + 0.3 * f ? 1 : 2;
            var enfants = Math.Max(0, personnes - adultes);
            var monoparentale = adultes == 1 && enfants > 0;
            var tirage = alea.NextDouble() * (1.2 - f);
            TrancheRessources? ressources = alea.NextDouble() < 0.05 ? null
                : tirage < 0.15 ? TrancheRessources.Moins20 : tirage < 0.35 ? TrancheRessources.De20A40 : tirage < 0.55 ? TrancheRessources.De40A60
                : tirage < 0.85 ? TrancheRessources.De60A100 : TrancheRessources.Plus100;
            var sansEmploi = alea.NextDouble() < 0.15 + 0.5 * f;
            var aide = ressources is TrancheRessources.Moins20 or TrancheRessources.De20A40 ? alea.NextDouble() < 0.85 : alea.NextDouble() < 0.2 + 0.3 * f;
            var entree = observation.AddDays(-alea.Next(30, 365 * 25));
            lignes.Add(OccupationLogement.Creer(new OccupationLogementId(new Guid(Octets(alea))), epci, l.BailleurId, l.Id, l.ResidenceId, l.CommuneInsee, l.QpvCode,
                new MenageOccupant(observation, personnes, enfants, ressources, monoparentale, sansEmploi, aide, entree)));
        }
        db.Occupations.AddRange(lignes);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return lignes.Count;
    }

    private static byte[] Octets(Random alea)
    {
        var b = new byte[16];
        alea.NextBytes(b);
        return b;
    }
}
