using Logis.Domain.Demandes;
using Microsoft.EntityFrameworkCore;

namespace Logis.Persistence.Pieces;

/// <summary>
/// The explicit side effect of every act that radiates a demand (renunciation, no reply, non-renewal, signed lease, merge;
/// ADR 0010): before the save, the database contents of its pieces are deleted and their metadata marked « purgée » in the
/// same transaction, the timeline records how many pieces went (docs/protection-des-donnees.md §2 item 14); once the save
/// succeeded, the files of the folder store are deleted through the application's <see cref="IStockagePieces"/>.
/// </summary>
public static class PurgePiecesRadiation
{
    /// <summary>Purges the pieces of the demands radiated in this unit of work; returns the pieces whose files go after the save.</summary>
    public static async Task<IReadOnlyList<Guid>> PreparerAsync(LogisDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.ChangeTracker.AutoDetectChangesEnabled) db.ChangeTracker.DetectChanges();
        var radiees = db.ChangeTracker.Entries<Demande>()
            .Where(e => e.State == EntityState.Modified && e.Entity.Statut == StatutDemande.Radiee
                        && e.Property(x => x.Statut).OriginalValue != StatutDemande.Radiee)
            .Select(e => e.Entity).ToList();
        if (radiees.Count == 0) return [];
        var ids = radiees.Select(d => d.Id).ToList();
        var pieces = await db.Pieces.Where(p => ids.Contains(p.DemandeId) && p.Statut == StatutPiece.Disponible).ToListAsync(ct);
        // Tracked values win over the database: a piece moved to another demand in this save (merge) is not purged.
        pieces = pieces.Where(p => ids.Contains(p.DemandeId)).ToList();
        if (pieces.Count == 0) return [];
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
        return pieceIds;
    }

    /// <summary>After a successful save: deletes the purged pieces' files of the folder store (nothing to do for the database store).</summary>
    public static void EffacerFichiers(IStockagePieces? stockage, IReadOnlyList<Guid> pieces)
    {
        ArgumentNullException.ThrowIfNull(pieces);
        if (stockage is null) return;
        foreach (var id in pieces)
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
