using System.Data.Common;
using System.Runtime.CompilerServices;
using Logis.Persistence.Demandes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Logis.Persistence;

/// <summary>
/// A counter of this process's writes, for the figures computed from many rows and kept in memory between requests (the positioning
/// among analogous demands and the observed waiting time, <c>CacheAnalogues</c>): a figure computed when the counter read
/// <c>n</c> is reused only while it still reads <c>n</c>. The counter moves after every committed write except one that only adds
/// audit rows (each read of a demand writes one): a SaveChanges that adds, changes or deletes anything else, and every transaction
/// committed through EF Core (the batch rescoring, the file import and the purges write in SQL inside one). Conservative: a write
/// that changes none of those figures moves it too. Writes made by another process (the CLI) are not seen here: the cache also has
/// a maximum age. Registered on both providers by <see cref="LogisDatabase.Configurer"/>.
/// </summary>
public sealed class GenerationDonnees : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public static readonly GenerationDonnees Instance = new();

    private static long valeur;

    /// <summary>Contexts whose pending SaveChanges (or open transaction) writes more than audit rows.</summary>
    private static readonly ConditionalWeakTable<DbContext, object> Ecritures = [];

    private GenerationDonnees() { }

    /// <summary>The current generation: read it <i>before</i> reading the rows a cached figure is computed from.</summary>
    public static long Valeur => Interlocked.Read(ref valeur);

    /// <summary>Moves the counter (after a write that bypasses EF Core's transactions, e.g. on a raw connection).</summary>
    public static void Avancer() => Interlocked.Increment(ref valeur);

    private static void Noter(DbContext? contexte)
    {
        if (contexte is null) return;
        if (contexte.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is not EntreeAudit))
            Ecritures.AddOrUpdate(contexte, Ecritures);
    }

    private static void Apres(DbContext? contexte)
    {
        if (contexte is null || !Ecritures.TryGetValue(contexte, out _)) return;
        // Inside a transaction the rows are visible to others only at its commit, which moves the counter (below).
        if (contexte.Database.CurrentTransaction is not null) return;
        Ecritures.Remove(contexte);
        Avancer();
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Noter(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Noter(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Apres(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        Apres(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } c) Ecritures.Remove(c);
        Avancer();
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }
}
