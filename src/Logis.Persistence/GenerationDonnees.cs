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
/// that changes none of those figures moves it too. Not seen here: writes made by another process (the CLI), for which the cache
/// also has a maximum age, and bulk SQL outside a transaction (ExecuteUpdate/ExecuteDelete alone: none touches demands, scores or
/// leases today; one that does must run in a transaction or call <see cref="Avancer"/>). Registered on both providers by <see cref="LogisDatabase.Configurer"/>.
/// </summary>
public sealed class GenerationDonnees : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public static readonly GenerationDonnees Instance = new();

    /// <summary>One counter per database (server or file, and database): the tests run several applications, each on its own base, in one process.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, StrongBox<long>> Compteurs = new(StringComparer.Ordinal);

    /// <summary>Contexts whose pending SaveChanges (or open transaction) writes more than audit rows.</summary>
    private static readonly ConditionalWeakTable<DbContext, object> Ecritures = [];

    private GenerationDonnees() { }

    private static StrongBox<long> Compteur(DbContext contexte)
    {
        // The server (or file) and the database, whatever the spelling of the connection string (pooling options, key order…).
        var connexion = contexte.Database.GetDbConnection();
        return Compteurs.GetOrAdd($"{connexion.DataSource}|{connexion.Database}", _ => new StrongBox<long>());
    }

    /// <summary>The current generation of the base of <paramref name="contexte"/>: read it <i>before</i> reading the rows a cached figure is computed from.</summary>
    public static long Valeur(DbContext contexte)
    {
        ArgumentNullException.ThrowIfNull(contexte);
        return Interlocked.Read(ref Compteur(contexte).Value);
    }

    /// <summary>Moves the counter of the base of <paramref name="contexte"/> (after a write that bypasses EF Core's transactions, e.g. on a raw connection).</summary>
    public static void Avancer(DbContext contexte)
    {
        ArgumentNullException.ThrowIfNull(contexte);
        Interlocked.Increment(ref Compteur(contexte).Value);
    }

    private static void Noter(DbContext? contexte)
    {
        if (contexte is null) return;
        // LogisDbContext has detected the changes already (search columns, scores): no second pass over the tracked entities.
        var detection = contexte.ChangeTracker.AutoDetectChangesEnabled;
        contexte.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            if (contexte.ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && e.Entity is not EntreeAudit))
                Ecritures.AddOrUpdate(contexte, Ecritures);
        }
        finally
        {
            contexte.ChangeTracker.AutoDetectChangesEnabled = detection;
        }
    }

    private static void Apres(DbContext? contexte)
    {
        if (contexte is null || !Ecritures.TryGetValue(contexte, out _)) return;
        // Inside a transaction the rows are visible to others only at its commit, which moves the counter (below).
        if (contexte.Database.CurrentTransaction is not null) return;
        Ecritures.Remove(contexte);
        Avancer(contexte);
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
        if (eventData.Context is not { } c) return;
        Ecritures.Remove(c);
        Avancer(c);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        TransactionCommitted(transaction, eventData);
        return Task.CompletedTask;
    }
}
