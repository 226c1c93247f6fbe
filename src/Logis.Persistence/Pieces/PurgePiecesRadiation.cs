using System.Runtime.CompilerServices;
using Logis.Domain.Demandes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Logis.Persistence.Pieces;

/// <summary>
/// Purges the pieces of a demand in the SaveChanges that radiates it, whichever act radiates it (renunciation, no reply,
/// non-renewal, signed lease, merge): the database contents are deleted and the metadata marked « purgée » in the same
/// transaction, the timeline records how many pieces went (docs/protection-des-donnees.md §2 item 14). Files of the folder store are deleted once
/// the SaveChanges succeeded, through the application's <see cref="IStockagePieces"/>.
/// </summary>
public sealed class PurgePiecesRadiation : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<Guid>> _fichiersAEffacer = [];

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is LogisDbContext db) await PurgerAsync(db, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is LogisDbContext db) PurgerAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        EffacerFichiers(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        EffacerFichiers(eventData.Context);
        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        if (eventData.Context is { } c) _fichiersAEffacer.Remove(c);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveChangesFailed(eventData);
        return Task.CompletedTask;
    }

    private async Task PurgerAsync(LogisDbContext db, CancellationToken ct)
    {
        // LogisDbContext.SaveChanges has just detected the changes (search columns): no second pass over large batches (imports).
        var radiees = db.ChangeTracker.Entries<Demande>()
            .Where(e => e.State == EntityState.Modified && e.Entity.Statut == StatutDemande.Radiee
                        && e.Property(x => x.Statut).OriginalValue != StatutDemande.Radiee)
            .Select(e => e.Entity).ToList();
        if (radiees.Count == 0) return;
        var ids = radiees.Select(d => d.Id).ToList();
        var pieces = await db.Pieces.Where(p => ids.Contains(p.DemandeId) && p.Statut == StatutPiece.Disponible).ToListAsync(ct);
        // Tracked values win over the database: a piece moved to another demand in this save (merge) is not purged.
        pieces = pieces.Where(p => ids.Contains(p.DemandeId)).ToList();
        if (pieces.Count == 0) return;
        var pieceIds = pieces.Select(p => p.Id).ToList();
        var contenus = await db.ContenusPieces.AsNoTracking().Where(c => pieceIds.Contains(c.PieceId)).Select(c => c.PieceId).ToListAsync(ct);
        foreach (var id in contenus)
        {
            if (db.ContenusPieces.Local.FirstOrDefault(c => c.PieceId == id) is { } suivi) db.ContenusPieces.Remove(suivi);
            else db.Entry(new ContenuPiece(id, [])).State = EntityState.Deleted;
        }
        foreach (var demande in radiees)
        {
            var siennes = pieces.Where(p => p.DemandeId == demande.Id).ToList();
            if (siennes.Count == 0) continue;
            var quand = demande.Evenements.Last(e => e.Type == TypeEvenementDemande.Radiation).Quand;
            foreach (var p in siennes) p.Purger(quand);
            demande.NoterPiecesPurgees(siennes.Count);
        }
        _fichiersAEffacer.AddOrUpdate(db, pieceIds);
    }

    private void EffacerFichiers(DbContext? db)
    {
        if (db is null || !_fichiersAEffacer.TryGetValue(db, out var ids)) return;
        _fichiersAEffacer.Remove(db);
        var stockage = db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?
            .GetService(typeof(IStockagePieces)) as IStockagePieces;
        if (stockage is null) return;
        foreach (var id in ids)
        {
            try
            {
                stockage.EffacerApresValidation(id);
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }
}
