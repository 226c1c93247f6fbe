using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Logis.Persistence.Demandes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Logis.Persistence.Journal;

/// <summary>
/// Guards the audit journal on every SaveChanges (docs/protection-des-donnees.md §2 items 17–18):
/// <list type="bullet">
/// <item>the journal is append-only for the application: a tracked change or deletion of an audit row is a
/// programming error and fails the whole SaveChanges (the retention purge deletes in bulk, outside the tracker);</item>
/// <item>a new row that names a demand but not its EPCI takes the demand's EPCI, so that every writer's row lands in
/// the journal of the right controller without each writer looking it up.</item>
/// </list>
/// Registered by <see cref="LogisDatabase.Configurer"/> on both providers.
/// </summary>
public sealed class ProtectionJournal : SaveChangesInterceptor
{
    public static readonly ProtectionJournal Instance = new();

    private ProtectionJournal() { }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is LogisDbContext db) PreparerAsync(db, synchrone: true, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is LogisDbContext db) await PreparerAsync(db, synchrone: false, cancellationToken);
        return result;
    }

    private static async Task PreparerAsync(LogisDbContext db, bool synchrone, CancellationToken ct)
    {
        var entrees = db.ChangeTracker.Entries<EntreeAudit>().ToList();
        if (entrees.Count == 0) return;
        if (entrees.Any(e => e.State is EntityState.Modified or EntityState.Deleted))
            throw new InvalidOperationException("Le journal d'audit est en ajout seul : une entrée ne peut être ni modifiée ni supprimée (seule la purge de conservation supprime).");

        var aCompleter = entrees.Where(e => e.State == EntityState.Added && e.Entity.EpciSiren is null && e.Entity.DemandeId is not null).ToList();
        if (aCompleter.Count == 0) return;
        var suivies = db.ChangeTracker.Entries<Demande>()
            .GroupBy(e => e.Entity.Id)
            .ToDictionary(g => g.Key, g => (Siren?)g.First().Property(ColonnesDemande.Epci).CurrentValue);
        var manquantes = aCompleter.Select(e => e.Entity.DemandeId!.Value).Where(id => !suivies.ContainsKey(id)).Distinct().ToList();
        if (manquantes.Count > 0)
        {
            var q = db.Demandes.AsNoTracking().Where(d => manquantes.Contains(d.Id))
                .Select(d => new { d.Id, Epci = EF.Property<Siren>(d, ColonnesDemande.Epci) });
            var lues = synchrone ? [.. q] : await q.ToListAsync(ct);
            foreach (var l in lues) suivies[l.Id] = l.Epci;
        }
        foreach (var e in aCompleter)
        {
            if (suivies.GetValueOrDefault(e.Entity.DemandeId!.Value) is { } epci) e.Property(x => x.EpciSiren).CurrentValue = epci;
        }
    }
}
