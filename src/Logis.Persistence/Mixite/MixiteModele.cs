using Logis.Domain.Mixite;
using Logis.Domain.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Logis.Persistence.Mixite;

/// <summary>The quantified objectives of the CIA (<c>objectif_mixite</c>), one row per year × nature × perimeter (docs/mixite.md); the occupancy data (<c>occupation_logement</c>, docs/occupation.md).</summary>
public static class MixiteModele
{
    public static void Configurer(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ObjectifMixite>(e =>
        {
            e.ToTable("objectif_mixite");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasConversion(v => v.Value, v => new ObjectifMixiteId(v)).ValueGeneratedNever();
            e.Property(x => x.Taux).HasPrecision(5, 1);
            e.Property(x => x.Source).HasMaxLength(ObjectifMixite.LongueurSourceMax);
            e.Property(x => x.DefiniLe).HasConversion(ConvertisseursInstant.Utc);
            // The indicators read the objectives of a territory and year; uniqueness of the perimeter is kept by the use case (nullable columns).
            e.HasIndex(x => new { x.EpciSiren, x.Annee });
            e.HasOne<Bailleur>().WithMany().HasForeignKey(x => x.BailleurId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Reservataire>().WithMany().HasForeignKey(x => x.ReservataireId).OnDelete(DeleteBehavior.Restrict);
        });

        // The landlords' occupancy data (docs/occupation.md): one row per occupied dwelling, replaced by each new file.
        modelBuilder.Entity<OccupationLogement>(e =>
        {
            e.ToTable("occupation_logement");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasConversion(v => v.Value, v => new OccupationLogementId(v)).ValueGeneratedNever();
            e.Property(x => x.QpvCode).HasMaxLength(8);
            e.HasIndex(x => x.LogementId).IsUnique();
            e.HasIndex(x => x.EpciSiren);
            e.Ignore(x => x.FamilleNombreuse);
            e.Ignore(x => x.EnQpv);
            e.HasOne<Logis.Domain.Patrimoine.Logement>().WithMany().HasForeignKey(x => x.LogementId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Bailleur>().WithMany().HasForeignKey(x => x.BailleurId).OnDelete(DeleteBehavior.Restrict);
        });
    }
}
