using Microsoft.EntityFrameworkCore;

namespace Logis.Persistence.Pieces;

/// <summary>Where the contents of the pieces are kept (<c>Logis:Pieces:Stockage</c>).</summary>
public enum ModeStockage
{
    /// <summary>In the database (<c>piece_contenu</c>): content and metadata are written by the same SaveChanges.</summary>
    Base = 1,
    /// <summary>In a folder outside the web root, one file per piece named by its random id.</summary>
    Dossier = 2,
}

/// <summary>
/// The store of the contents. A write goes in two steps so that a failure never loses the previous version nor leaves a visible
/// orphan (docs/adr/0006): <see cref="EcrireAsync"/> before the metadata's SaveChanges, then either <see cref="AnnulerEcriture"/>
/// if that SaveChanges fails, or <see cref="EffacerApresValidation"/> of the replaced content once it succeeded.
/// </summary>
public interface IStockagePieces
{
    ModeStockage Mode { get; }

    /// <summary>Stores the content of a new piece. Database: added to the context, written by the caller's SaveChanges. Folder: written durably now.</summary>
    Task EcrireAsync(LogisDbContext db, Guid pieceId, byte[] contenu, CancellationToken ct);

    /// <summary>The content, or null when it is missing (purged, or never written).</summary>
    Task<byte[]?> LireAsync(LogisDbContext db, Guid pieceId, CancellationToken ct);

    /// <summary>Undoes <see cref="EcrireAsync"/> after the metadata could not be saved.</summary>
    void AnnulerEcriture(Guid pieceId);

    /// <summary>Deletes the content of a piece whose metadata row was removed or purged by a committed SaveChanges.</summary>
    void EffacerApresValidation(Guid pieceId);
}

/// <summary>Contents in the <c>piece_contenu</c> table; the row goes with its metadata row (cascade) in the same transaction.</summary>
public sealed class StockageBase : IStockagePieces
{
    public ModeStockage Mode => ModeStockage.Base;

    public Task EcrireAsync(LogisDbContext db, Guid pieceId, byte[] contenu, CancellationToken ct)
    {
        db.ContenusPieces.Add(new ContenuPiece(pieceId, contenu));
        return Task.CompletedTask;
    }

    public async Task<byte[]?> LireAsync(LogisDbContext db, Guid pieceId, CancellationToken ct) =>
        await db.ContenusPieces.AsNoTracking().Where(c => c.PieceId == pieceId).Select(c => c.Octets).SingleOrDefaultAsync(ct);

    // The transaction that failed wrote nothing: there is nothing to undo.
    public void AnnulerEcriture(Guid pieceId) { }

    // Deleted with the metadata row by the foreign key's cascade, or by the purge, in the same transaction.
    public void EffacerApresValidation(Guid pieceId) { }
}

/// <summary>
/// Contents as files under a configured folder (<c>Logis:Pieces:Dossier</c>), outside the web root, named by the piece's random
/// id (never by the uploaded name). Each file is written to a temporary name, flushed to disk, then moved into place in one
/// rename, so a reader never sees half a file.
/// </summary>
public sealed class StockageDossier : IStockagePieces
{
    private readonly string _racine;
    private readonly string _temporaire;

    public StockageDossier(string dossier)
    {
        if (string.IsNullOrWhiteSpace(dossier)) throw new ArgumentException("Le dossier des pièces est obligatoire.", nameof(dossier));
        _racine = Path.GetFullPath(dossier);
        _temporaire = Path.Combine(_racine, "tmp");
        Directory.CreateDirectory(_temporaire);
    }

    public ModeStockage Mode => ModeStockage.Dossier;

    public string Racine => _racine;

    /// <summary>The file of a piece: two levels by the first characters of the id keep folders small.</summary>
    public string Chemin(Guid pieceId)
    {
        var nom = pieceId.ToString("N");
        return Path.Combine(_racine, nom[..2], nom);
    }

    public async Task EcrireAsync(LogisDbContext db, Guid pieceId, byte[] contenu, CancellationToken ct)
    {
        var final = Chemin(pieceId);
        Directory.CreateDirectory(Path.GetDirectoryName(final)!);
        var temporaire = Path.Combine(_temporaire, $"{pieceId:N}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var flux = new FileStream(temporaire, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await flux.WriteAsync(contenu, ct);
                flux.Flush(flushToDisk: true);
            }
            File.Move(temporaire, final, overwrite: false);
        }
        catch
        {
            File.Delete(temporaire);
            throw;
        }
    }

    public async Task<byte[]?> LireAsync(LogisDbContext db, Guid pieceId, CancellationToken ct)
    {
        var chemin = Chemin(pieceId);
        return File.Exists(chemin) ? await File.ReadAllBytesAsync(chemin, ct) : null;
    }

    public void AnnulerEcriture(Guid pieceId) => File.Delete(Chemin(pieceId));

    public void EffacerApresValidation(Guid pieceId) => File.Delete(Chemin(pieceId));
}
