using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Microsoft.EntityFrameworkCore;
using Logis.Persistence.Demandes;
using Logis.Persistence;

namespace Logis.Application.Demandes;

/// <summary>What a retention purge of radiated demands found (and, unless a dry run, deleted), by EPCI.</summary>
public sealed record ResultatPurgeDemandes(DateOnly Jour, DateOnly RadieesAvant, bool Essai, IReadOnlyDictionary<Siren, int> ParEpci)
{
    public int Total => ParEpci.Values.Sum();
}

/// <summary>
/// Retention of radiated demands (docs/protection-des-donnees.md §2 item 14: at most 12 months after radiation, configurable, default 12).
/// A demand radiated more than <c>mois</c> months before the day is deleted with everything that hangs on it — timeline,
/// priority situations, warnings, scoring row, outgoing messages, piece records (their contents went at radiation), candidatures — by the
/// database's cascades, in one transaction; the attributions, offers, commission minutes and vacancy histories that outlive it name it no
/// more; one audit row per EPCI says how many and up to which radiation date (the
/// audit rows that name those demands hold no content and follow their own retention). Idempotent: a second run the same
/// day finds nothing more.
/// </summary>
public sealed class PurgeDemandes(LogisDbContext db)
{
    public const int DureeMaximumMois = 12;
    public const string AuteurPurge = "purge des demandes radiées";

    /// <summary>Fixed author id of the purge in the journal.</summary>
    public static readonly Guid AuteurId = Guid.Parse("00000000-0000-0000-0000-00000000d3e1");

    /// <summary>A French message when the horizon is outside 1–12 months; null when valid.</summary>
    public static string? Erreur(int mois) =>
        mois is >= 1 and <= DureeMaximumMois
            ? null
            : $"Les demandes radiées se conservent de 1 à {DureeMaximumMois} mois après leur radiation (décret 2017-917) : {mois} reçu.";

    /// <param name="jour">Today (French date): demands radiated strictly before this day minus <paramref name="mois"/> months go.</param>
    public async Task<ResultatPurgeDemandes> PurgerAsync(DateOnly jour, int mois, bool essai, DateTimeOffset maintenant, CancellationToken ct = default)
    {
        if (Erreur(mois) is { } erreur) throw new ArgumentOutOfRangeException(nameof(mois), erreur);
        var limite = jour.AddMonths(-mois);
        IQueryable<Demande> Anciennes() => db.Demandes.Where(d => d.Statut == StatutDemande.Radiee && d.DateRadiation < limite);
        var strategie = db.Database.CreateExecutionStrategy();
        return await strategie.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var parEpci = (await Anciennes().GroupBy(d => EF.Property<Siren>(d, ColonnesDemande.Epci))
                    .Select(g => new { Epci = g.Key, N = g.Count() }).ToListAsync(ct))
                .ToDictionary(g => g.Epci, g => g.N);
            if (essai || parEpci.Count == 0) return new ResultatPurgeDemandes(jour, limite, essai, parEpci);
            await OublierDansLesAttributionsAsync(Anciennes(), ct);
            await Anciennes().ExecuteDeleteAsync(ct);
            foreach (var (epci, n) in parEpci)
            {
                db.Audit.Add(new EntreeAudit
                {
                    Quand = maintenant, AuteurId = AuteurId, Auteur = AuteurPurge, Organisation = "Logis", Action = ActionsAudit.PurgeDemandes,
                    EpciSiren = epci,
                    Detail = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"{n} demande(s) radiée(s) avant le {limite:dd/MM/yyyy} supprimée(s) (conservation {mois} mois après radiation)"),
                });
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return new ResultatPurgeDemandes(jour, limite, essai, parEpci);
        });
    }

    /// <summary>
    /// The records of the allocation chain outlive the demand (the attributions are counted in the social-mix monitoring and the CIL's yearly
    /// report; the offers and the commission's minutes are the landlord's record): they name it no more (its national number is
    /// replaced by « supprimée », here and in the vacancies' histories, its id by one linked to nothing), the commission's free text goes; the candidatures go with the demand
    /// (cascade). Saved with the rest of the purge.
    /// </summary>
    private async Task OublierDansLesAttributionsAsync(IQueryable<Demande> anciennes, CancellationToken ct)
    {
        var demandes = await anciennes.Select(d => new { d.Id, d.Numero }).ToListAsync(ct);
        foreach (var lot in demandes.Chunk(500))
        {
            var ids = lot.Select(d => d.Id).ToList();
            var numeros = lot.Select(d => d.Numero.Valeur).ToList();
            var vacances = await db.Offres.Where(o => ids.Contains(o.DemandeId)).Select(o => o.VacanceId)
                .Concat(db.Candidatures.Where(c => ids.Contains(c.DemandeId)).Select(c => c.VacanceId)).Distinct().ToListAsync(ct);
            foreach (var a in await db.Attributions.Where(a => ids.Contains(a.DemandeId)).ToListAsync(ct)) a.OublierDemande();
            foreach (var o in await db.Offres.Where(o => ids.Contains(o.DemandeId)).ToListAsync(ct)) o.OublierDemande();
            var ensemble = ids.ToHashSet();
            foreach (var dossier in await db.DossiersCaleol.Where(d => d.Candidats.Any(c => ids.Contains(c.DemandeId))).ToListAsync(ct))
            {
                dossier.OublierDemandes(ensemble);
                vacances.Add(dossier.VacanceId);
            }
            foreach (var vacance in await db.Vacances.Where(v => vacances.Contains(v.Id)).ToListAsync(ct)) vacance.OublierDemandes(numeros);
        }
    }
}
