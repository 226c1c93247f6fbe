using Logis.Persistence.Demandes;
using Microsoft.EntityFrameworkCore;
using Logis.Persistence;

namespace Logis.Application.Journal;

/// <summary>Retention of the audit journal (section « Logis:Journal »).</summary>
public sealed class OptionsJournal
{
    public const string Section = "Logis:Journal";

    /// <summary>CNIL recommendation 2021-122: access logs are kept 6 to 12 months (docs/protection-des-donnees.md §2 item 17).</summary>
    public const int DureeMinimumMois = 6;
    public const int DureeMaximumMois = 12;

    public int DureeConservationMois { get; set; } = DureeMaximumMois;

    /// <summary>A French message when the horizon is outside 6–12 months; null when valid.</summary>
    public static string? Erreur(int mois) =>
        mois is >= DureeMinimumMois and <= DureeMaximumMois
            ? null
            : $"La durée de conservation du journal est comprise entre {DureeMinimumMois} et {DureeMaximumMois} mois (recommandation CNIL 2021-122) : {mois} reçu.";
}

public sealed record ResultatPurgeJournal(DateTimeOffset Limite, int Supprimees);

/// <summary>
/// Deletes the audit rows older than the retention horizon (docs/protection-des-donnees.md §2 item 17), then records the purge itself
/// in the journal of every hosted EPCI, in one transaction. Idempotent: a second run deletes nothing more (and is
/// recorded too). This is the only path that removes audit rows; the scheduled runner calls this method.
/// </summary>
public sealed class PurgeJournal(LogisDbContext db, TimeProvider horloge)
{
    public const string AuteurPurge = "purge du journal";

    /// <summary>Fixed author id of the purge in the journal.</summary>
    public static readonly Guid AuteurId = Guid.Parse("00000000-0000-0000-0000-00000000a0d1");

    public async Task<ResultatPurgeJournal> PurgerAsync(int dureeMois, CancellationToken ct = default)
    {
        if (OptionsJournal.Erreur(dureeMois) is { } erreur) throw new ArgumentOutOfRangeException(nameof(dureeMois), erreur);
        var maintenant = horloge.GetUtcNow();
        var limite = maintenant.AddMonths(-dureeMois);
        var strategie = db.Database.CreateExecutionStrategy();
        return await strategie.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var parEpci = await db.Audit.Where(a => a.Quand < limite).GroupBy(a => a.EpciSiren)
                .Select(g => new { Epci = g.Key, N = g.Count() }).ToListAsync(ct);
            var supprimees = await db.Audit.Where(a => a.Quand < limite).ExecuteDeleteAsync(ct);
            var epcis = await db.TerritoiresHeberges.AsNoTracking().Select(t => t.EpciSiren).ToListAsync(ct);
            foreach (var epci in epcis.Concat(parEpci.Where(p => p.Epci is { } e && !epcis.Contains(e)).Select(p => p.Epci!.Value)))
            {
                var n = parEpci.Where(p => p.Epci == epci).Sum(p => p.N);
                db.Audit.Add(new EntreeAudit
                {
                    Quand = maintenant, AuteurId = AuteurId, Auteur = AuteurPurge, Organisation = "Logis", Action = ActionsAudit.PurgeJournal,
                    EpciSiren = epci,
                    Detail = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                        $"{n} entrée(s) antérieure(s) au {limite.UtcDateTime:dd/MM/yyyy HH:mm} UTC supprimée(s) (conservation {dureeMois} mois)"),
                });
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
            return new ResultatPurgeJournal(limite, supprimees);
        });
    }
}
