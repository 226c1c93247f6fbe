namespace Logis.Persistence.Pieces;

/// <summary>
/// Writes a new piece, a replacement or a removal so that nothing is lost on a failure (docs/adr/0006): the new content is stored
/// first, then the metadata, the timeline event and the audit row (already in the context) are saved together; the replaced
/// content is deleted only after that SaveChanges succeeded. On any failure the context is cleared, the new content is undone
/// and the previous version stays as it was.
/// </summary>
public sealed class DepotPieces(LogisDbContext db, IStockagePieces stockage)
{
    public async Task EnregistrerAsync(PieceJustificative nouvelle, byte[] contenu, PieceJustificative? remplacee, CancellationToken ct)
    {
        var ecrit = false;
        try
        {
            db.Pieces.Add(nouvelle);
            if (remplacee is not null) db.Pieces.Remove(remplacee);
            await stockage.EcrireAsync(db, nouvelle.Id, contenu, ct);
            ecrit = true;
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            db.ChangeTracker.Clear();
            if (ecrit) stockage.AnnulerEcriture(nouvelle.Id);
            throw;
        }
        if (remplacee is not null) EffacerSansEchec(remplacee.Id);
    }

    public async Task RetirerAsync(PieceJustificative piece, CancellationToken ct)
    {
        try
        {
            db.Pieces.Remove(piece);
            await db.SaveChangesAsync(ct);
        }
        catch
        {
            db.ChangeTracker.Clear();
            throw;
        }
        EffacerSansEchec(piece.Id);
    }

    /// <summary>
    /// The metadata is committed: a content that could not be deleted is an unreachable file, never a visible piece. It is left
    /// for the operator rather than failing an act that succeeded.
    /// </summary>
    private void EffacerSansEchec(Guid id)
    {
        try
        {
            stockage.EffacerApresValidation(id);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
