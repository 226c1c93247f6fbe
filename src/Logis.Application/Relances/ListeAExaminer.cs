using Logis.Application.Territoire;
using Logis.Domain.Commun;
using Logis.Domain.Relances;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Relances;

/// <summary>The list of demands to examine (page /relances/a-examiner, its API and <c>logis demandes a-examiner</c>).</summary>
public sealed class ListeAExaminer(LogisDbContext db, TimeProvider horloge, OptionsRelances options)
{
    /// <summary>
    /// The active demands of the EPCI an agent should look at today (<see cref="ExamenDemandes"/>), with counts by reason and
    /// the number of expired active demands; filtered by a reason's code, by pages, oldest validity first.
    /// </summary>
    public async Task<ListeExamen> ListerAsync(Siren epci, string? code, int page, int taillePage, CancellationToken ct)
    {
        var jour = horloge.AujourdhuiEnFrance();
        var delais = options.Delais;
        var lignes = new List<LigneExamen>();
        var expirees = 0;
        var ids = await TraitementRelances.Candidates(db, epci, jour, delais).Select(d => d.Id).ToListAsync(ct);
        foreach (var lot in ids.Chunk(500))
        {
            var demandes = await db.Demandes.AsNoTracking().AsSplitQuery().Where(d => lot.Contains(d.Id)).ToListAsync(ct);
            foreach (var d in demandes)
            {
                if (d.EstExpiree(jour)) expirees++;
                var motifs = ExamenDemandes.Motifs(d, jour, delais);
                if (motifs.Count == 0) continue;
                lignes.Add(new LigneExamen(d.Numero.Valeur, d.DateFinValidite, d.RappelEnvoyeLe, d.DateLimiteRenouvellement,
                    motifs.Select(m => m.Libelle()).ToList(), motifs.Select(m => m.Code()).ToList()));
            }
        }
        var comptes = Enum.GetValues<MotifExamen>().Select(m => new CompteExamen(m.Code(), m.Libelle(), lignes.Count(l => l.Codes.Contains(m.Code())))).ToList();
        var filtrees = lignes.Where(l => code is null || l.Codes.Contains(code)).OrderBy(l => l.FinValidite).ThenBy(l => l.Numero, StringComparer.Ordinal).ToList();
        var pageLignes = filtrees.Skip((Math.Max(page, 1) - 1) * taillePage).Take(taillePage).ToList();
        return new ListeExamen(jour, comptes, expirees, new PageResultats<LigneExamen>(pageLignes, Math.Max(page, 1), taillePage, filtrees.Count));
    }

}
