using Logis.Domain.Commun;
using Logis.Domain.Organisations;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Logis.Persistence.Acces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Logis.Persistence;

/// <summary>The one EF Core model of Logis, shared by SQLite (embedded demo) and PostgreSQL (production).</summary>
public sealed class LogisDbContext(DbContextOptions<LogisDbContext> options) : DbContext(options)
{
    public DbSet<Epci> Epcis => Set<Epci>();
    public DbSet<Commune> Communes => Set<Commune>();
    public DbSet<Qpv> Qpvs => Set<Qpv>();
    public DbSet<TerritoireHeberge> TerritoiresHeberges => Set<TerritoireHeberge>();
    public DbSet<Bailleur> Bailleurs => Set<Bailleur>();
    public DbSet<BailleurTerritoire> BailleursTerritoires => Set<BailleurTerritoire>();
    public DbSet<Reservataire> Reservataires => Set<Reservataire>();
    public DbSet<Residence> Residences => Set<Residence>();
    public DbSet<Logement> Logements => Set<Logement>();
    public DbSet<Utilisateur> Utilisateurs => Set<Utilisateur>();
    public DbSet<ClientApi> ClientsApi => Set<ClientApi>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<CodeInsee>().HaveConversion<CodeInseeConverter>().HaveMaxLength(5);
        configurationBuilder.Properties<Siren>().HaveConversion<SirenConverter>().HaveMaxLength(9);
        configurationBuilder.Properties<BailleurId>().HaveConversion<BailleurIdConverter>();
        configurationBuilder.Properties<ReservataireId>().HaveConversion<ReservataireIdConverter>();
        configurationBuilder.Properties<ResidenceId>().HaveConversion<ResidenceIdConverter>();
        configurationBuilder.Properties<LogementId>().HaveConversion<LogementIdConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(12, 2);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Epci>(e =>
        {
            e.ToTable("epci");
            e.HasKey(x => x.Siren);
            e.Property(x => x.Nom).HasMaxLength(200);
            e.Property(x => x.Type).HasMaxLength(10);
        });
        modelBuilder.Entity<Commune>(e =>
        {
            e.ToTable("commune");
            e.HasKey(x => x.CodeInsee);
            e.Property(x => x.Nom).HasMaxLength(200);
            e.Property(x => x.Departement).HasMaxLength(3);
            e.Property(x => x.Region).HasMaxLength(3);
            e.HasIndex(x => x.EpciSiren);
        });
        modelBuilder.Entity<Qpv>(e =>
        {
            e.ToTable("qpv");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(8);
            e.Property(x => x.Nom).HasMaxLength(200);
            e.Property(x => x.Communes).HasConversion(new CodesInseeConverter(), CodesInseeConverter.Comparer).HasMaxLength(400);
            e.HasIndex(x => x.EpciSiren);
        });
        modelBuilder.Entity<TerritoireHeberge>(e =>
        {
            e.ToTable("territoire_heberge");
            e.HasKey(x => x.EpciSiren);
        });
        modelBuilder.Entity<Bailleur>(e =>
        {
            e.ToTable("bailleur");
            e.HasKey(x => x.Id);
            e.Property(x => x.Nom).HasMaxLength(200);
        });
        modelBuilder.Entity<BailleurTerritoire>(e =>
        {
            e.ToTable("bailleur_territoire");
            e.HasKey(x => new { x.BailleurId, x.EpciSiren });
        });
        modelBuilder.Entity<Reservataire>(e =>
        {
            e.ToTable("reservataire");
            e.HasKey(x => x.Id);
            e.Property(x => x.Nom).HasMaxLength(200);
            e.HasIndex(x => x.EpciSiren);
        });
        modelBuilder.Entity<Residence>(e =>
        {
            e.ToTable("residence");
            e.HasKey(x => x.Id);
            e.Property(x => x.Nom).HasMaxLength(200);
            e.Property(x => x.Adresse).HasMaxLength(300);
            e.Property(x => x.QpvCode).HasMaxLength(8);
            e.HasIndex(x => x.CommuneInsee);
            e.HasIndex(x => x.BailleurId);
        });
        modelBuilder.Entity<Logement>(e =>
        {
            e.ToTable("logement");
            e.HasKey(x => x.Id);
            e.Property(x => x.NumeroRpls).HasMaxLength(10);
            e.HasIndex(x => x.NumeroRpls).IsUnique();
            e.Property(x => x.QpvCode).HasMaxLength(8);
            e.HasIndex(x => new { x.CommuneInsee, x.Typologie });
            e.HasIndex(x => new { x.BailleurId, x.CommuneInsee });
            e.HasIndex(x => x.ResidenceId);
            e.Ignore(x => x.EnQpv);
        });
        modelBuilder.Entity<Utilisateur>(e =>
        {
            e.ToTable("utilisateur");
            e.HasKey(x => x.Id);
            e.Property(x => x.Identifiant).HasMaxLength(200);
            e.HasIndex(x => x.Identifiant).IsUnique();
            e.Property(x => x.NomComplet).HasMaxLength(200);
            e.Property(x => x.MotDePasseHache).HasMaxLength(200);
        });
        modelBuilder.Entity<ClientApi>(e =>
        {
            e.ToTable("client_api");
            e.HasKey(x => x.Id);
            e.Property(x => x.Nom).HasMaxLength(200);
            e.Property(x => x.EmpreinteCle).HasMaxLength(64);
            e.HasIndex(x => x.EmpreinteCle).IsUnique();
        });
    }

    private sealed class CodeInseeConverter() : ValueConverter<CodeInsee, string>(v => v.Value, v => CodeInsee.Create(v));
    private sealed class SirenConverter() : ValueConverter<Siren, string>(v => v.Value, v => Siren.Create(v));
    private sealed class BailleurIdConverter() : ValueConverter<BailleurId, Guid>(v => v.Value, v => new BailleurId(v));
    private sealed class ReservataireIdConverter() : ValueConverter<ReservataireId, Guid>(v => v.Value, v => new ReservataireId(v));
    private sealed class ResidenceIdConverter() : ValueConverter<ResidenceId, Guid>(v => v.Value, v => new ResidenceId(v));
    private sealed class LogementIdConverter() : ValueConverter<LogementId, Guid>(v => v.Value, v => new LogementId(v));

    private sealed class CodesInseeConverter() : ValueConverter<IReadOnlyList<CodeInsee>, string>(
        v => string.Join('|', v.Select(c => c.Value)),
        v => v.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(CodeInsee.Create).ToList())
    {
        public static readonly ValueComparer<IReadOnlyList<CodeInsee>> Comparer = new(
            (a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, c) => HashCode.Combine(h, c)), v => v.ToList());
    }
}

/// <summary>An EPCI whose territory this Logis instance hosts (seeded, configured).</summary>
public sealed class TerritoireHeberge
{
    public required Siren EpciSiren { get; init; }
    public required DateTimeOffset CreeLe { get; init; }
    public required int Graine { get; init; }
}

/// <summary>Where a bailleur holds stock.</summary>
public sealed class BailleurTerritoire
{
    public required BailleurId BailleurId { get; init; }
    public required Siren EpciSiren { get; init; }
}
