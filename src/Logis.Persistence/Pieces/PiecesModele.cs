using Logis.Domain.Demandes;
using Microsoft.EntityFrameworkCore;

namespace Logis.Persistence.Pieces;

/// <summary>Tables of the supporting documents: metadata (<c>piece_justificative</c>) and, for the database store, contents (<c>piece_contenu</c>).</summary>
public static class PiecesModele
{
    public static void Configurer(ModelBuilder modelBuilder)
    {
        var (utc, utcNullable) = (ConvertisseursInstant.Utc, ConvertisseursInstant.UtcNullable);
        modelBuilder.Entity<PieceJustificative>(e =>
        {
            e.ToTable("piece_justificative");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.TypeCode).HasMaxLength(Domain.Pieces.TypePieceJustificative.LongueurCodeMax);
            e.Property(x => x.NomFichier).HasMaxLength(255);
            e.Property(x => x.TypeMedia).HasMaxLength(50);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.DeposeePar).HasMaxLength(200);
            e.Property(x => x.Organisation).HasMaxLength(200);
            e.Property(x => x.DeposeeLe).HasConversion(utc);
            e.Property(x => x.PurgeeLe).HasConversion(utcNullable);
            e.HasIndex(x => x.DemandeId);
            e.HasOne<Demande>().WithMany().HasForeignKey(x => x.DemandeId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ContenuPiece>(e =>
        {
            e.ToTable("piece_contenu");
            e.HasKey(x => x.PieceId);
            e.Property(x => x.PieceId).ValueGeneratedNever();
            e.HasOne<PieceJustificative>().WithOne().HasForeignKey<ContenuPiece>(x => x.PieceId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
