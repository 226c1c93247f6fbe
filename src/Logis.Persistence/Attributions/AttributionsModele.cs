using Logis.Domain.Attributions;
using Logis.Domain.Organisations;
using Logis.Domain.Patrimoine;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Logis.Persistence.Attributions;

/// <summary>Tables of the gestion en flux: vacancies (<c>vacance</c>, their history <c>vacance_evenement</c>), the candidates proposed for them
/// (<c>candidature</c>) and reservation conventions (<c>convention_reservation</c>).</summary>
public static class AttributionsModele
{
    public static void Configurer(ModelBuilder modelBuilder)
    {
        var (utc, utcNullable) = (ConvertisseursInstant.Utc, ConvertisseursInstant.UtcNullable);
        modelBuilder.Entity<Vacance>(e =>
        {
            e.ToTable("vacance");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasConversion(v => v.Value, v => new VacanceId(v)).ValueGeneratedNever();
            e.Property(x => x.NumeroRpls).HasMaxLength(10);
            e.Property(x => x.QpvCode).HasMaxLength(8);
            e.Property(x => x.DeclareeLe).HasConversion(utc);
            e.Property(x => x.OrienteeLe).HasConversion(utcNullable);
            e.Property(x => x.RendueLe).HasConversion(utcNullable);
            e.Property(x => x.CandidatsProposesLe).HasConversion(utcNullable);
            e.Property(x => x.RetireeLe).HasConversion(utcNullable);
            e.Property(x => x.MotifOrientation).HasMaxLength(500);
            e.Property(x => x.MotifRetrait).HasMaxLength(Vacance.LongueurMotifMax);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Ignore(x => x.EnQpv);
            e.Ignore(x => x.CompteDansFlux);
            e.Ignore(x => x.EstOuverte);
            e.Ignore(x => x.CompteCommeRecue);
            e.HasIndex(x => new { x.EpciSiren, x.Statut });
            e.HasIndex(x => new { x.BailleurId, x.AnneeFlux });
            e.HasIndex(x => new { x.ReservataireId, x.Statut });
            e.HasIndex(x => x.LogementId);
            e.HasOne<Logement>().WithMany().HasForeignKey(x => x.LogementId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Reservataire>().WithMany().HasForeignKey(x => x.ReservataireId).OnDelete(DeleteBehavior.Restrict);
            e.OwnsMany(x => x.Evenements, ev =>
            {
                ev.ToTable("vacance_evenement");
                ev.WithOwner().HasForeignKey("VacanceId");
                ev.HasKey("VacanceId", nameof(EvenementVacance.Rang));
                ev.Property(x => x.Rang).ValueGeneratedNever();
                ev.Property(x => x.Quand).HasConversion(utc);
                ev.Property(x => x.Organisation).HasMaxLength(200);
                ev.Property(x => x.Resume).HasMaxLength(500);
            });
            e.Navigation(x => x.Evenements).UsePropertyAccessMode(PropertyAccessMode.Field);
        });
        modelBuilder.Entity<Candidature>(e =>
        {
            e.ToTable("candidature");
            e.HasKey(x => new { x.VacanceId, x.DemandeId });
            e.Property(x => x.VacanceId).HasConversion(v => v.Value, v => new VacanceId(v));
            e.Property(x => x.Numero).HasMaxLength(Domain.Demandes.NumeroUnique.Longueur);
            e.Property(x => x.ProposeeLe).HasConversion(utc);
            e.Property(x => x.Organisation).HasMaxLength(200);
            e.Property(x => x.Motifs).HasMaxLength(Candidature.LongueurMotifsMax);
            e.HasIndex(x => new { x.VacanceId, x.RangProposition }).IsUnique();
            e.HasIndex(x => x.DemandeId);
            e.HasOne<Vacance>().WithMany().HasForeignKey(x => x.VacanceId).OnDelete(DeleteBehavior.Cascade);
            // A radiated demand purged at the end of its retention period takes its candidatures with it.
            e.HasOne<Domain.Demandes.Demande>().WithMany().HasForeignKey(x => x.DemandeId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Domain.Mixite.SeuilPremierQuartile>(e =>
        {
            e.ToTable("seuil_premier_quartile");
            e.HasKey(x => new { x.EpciSiren, x.Annee });
            e.Property(x => x.Source).HasMaxLength(Domain.Mixite.SeuilPremierQuartile.LongueurSourceMax);
            e.Property(x => x.DefiniLe).HasConversion(utc);
        });
        modelBuilder.Entity<ConventionReservation>(e =>
        {
            e.ToTable("convention_reservation");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasConversion(v => v.Value, v => new ConventionId(v)).ValueGeneratedNever();
            e.Property(x => x.EnregistreeLe).HasConversion(utc);
            e.Property(x => x.Part).HasPrecision(5, 2);
            e.Property<List<SousObjectif>>("_sousObjectifs").HasColumnName("SousObjectifs").HasMaxLength(1000)
                .HasConversion(new SousObjectifsConverter(), SousObjectifsConverter.Comparer);
            e.Ignore(x => x.SousObjectifs);
            // One convention per bailleur × réservataire (R441-5): saving again replaces its terms.
            e.HasIndex(x => new { x.BailleurId, x.ReservataireId }).IsUnique();
            e.HasIndex(x => new { x.EpciSiren, x.BailleurId });
            e.HasOne<Reservataire>().WithMany().HasForeignKey(x => x.ReservataireId).OnDelete(DeleteBehavior.Restrict);
        });
    }

    /// <summary>The sub-targets as the text the form reads (<c>T3:40;hors-qpv:30</c>): one short column, read back by the same reader.</summary>
    private sealed class SousObjectifsConverter() : ValueConverter<List<SousObjectif>, string>(
        v => string.Join(';', v.Select(s => s.Texte())),
        v => SousObjectif.LireTexte(v).Liste)
    {
        public static readonly ValueComparer<List<SousObjectif>> Comparer = new(
            (a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)), v => v.ToList());
    }
}
