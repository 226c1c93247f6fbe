using Logis.Domain.Demandes;
using Logis.Domain.Relances;
using Logis.Domain.Territoire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Logis.Persistence.Relances;

public enum StatutMessage
{
    AEnvoyer = 1,
    Envoye = 2,
    Echec = 3,
}

/// <summary>
/// A message to an applicant in the outbox (table <c>notification</c>): written in the same transaction as the act it
/// tells about, sent afterwards by <c>EnvoiMessages</c> (Logis.Application) with a capped number of attempts. Instants are UTC.
/// The recipient (e-mail, phone or postal address) and the body are personal data: they are kept with the demand and
/// fall under its retention (docs/protection-des-donnees.md §2 item 14). Never a NIR (<see cref="ModelesMessages"/>).
/// </summary>
public sealed class MessageDemandeur
{
    private MessageDemandeur() { Numero = ""; Destinataire = ""; Sujet = ""; Corps = ""; CleUnicite = ""; }

    public Guid Id { get; private set; }
    /// <summary>The demand the message is about; none for a message of the applicant space's accounts (address confirmation).</summary>
    public DemandeId? DemandeId { get; private set; }
    public string Numero { get; private set; }
    public Siren EpciSiren { get; private set; }
    public Guid? ExecutionId { get; private set; }
    public TypeRelance Type { get; private set; }
    public CanalMessage Canal { get; private set; }
    public string Destinataire { get; private set; }
    public string Sujet { get; private set; }
    public string Corps { get; private set; }
    public StatutMessage Statut { get; private set; }
    public int Tentatives { get; private set; }
    public DateTime CreeLe { get; private set; }
    public DateTime ProchaineTentativeLe { get; private set; }
    public DateTime? EnvoyeLe { get; private set; }
    public string? DerniereErreur { get; private set; }

    /// <summary>One message per demand, act, channel and validity period (unique index): a second run cannot queue it twice.</summary>
    public string CleUnicite { get; private set; }

    public static MessageDemandeur Creer(Demande demande, Siren epci, Guid? execution, TypeRelance type, MessageRedige m, DateTime maintenantUtc) => new()
    {
        Id = Guid.NewGuid(),
        DemandeId = demande.Id,
        Numero = demande.Numero.Valeur,
        EpciSiren = epci,
        ExecutionId = execution,
        Type = type,
        Canal = m.Canal,
        Destinataire = m.Destinataire,
        Sujet = m.Sujet,
        Corps = m.Corps,
        Statut = StatutMessage.AEnvoyer,
        CreeLe = maintenantUtc,
        ProchaineTentativeLe = maintenantUtc,
        // A reminder is due once per validity period; a warning or a radiation once in the life of the demand.
        CleUnicite = $"{demande.Id.Value:N}:{type}:{m.Canal}:{(type == TypeRelance.RappelRenouvellement ? demande.DateFinValidite.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "unique")}",
    };

    /// <summary>
    /// A message of the applicant space to the address of an account (the confirmation link): no demand, the territory of the
    /// account; one per token (<paramref name="cle"/>).
    /// </summary>
    public static MessageDemandeur PourCompte(Siren epci, string cle, MessageRedige m, DateTime maintenantUtc) => new()
    {
        Id = Guid.NewGuid(),
        DemandeId = null,
        Numero = "",
        EpciSiren = epci,
        Type = TypeRelance.CourrielCompte,
        Canal = m.Canal,
        Destinataire = m.Destinataire,
        Sujet = m.Sujet,
        Corps = m.Corps,
        Statut = StatutMessage.AEnvoyer,
        CreeLe = maintenantUtc,
        ProchaineTentativeLe = maintenantUtc,
        CleUnicite = $"compte:{cle}",
    };

    public void MarquerEnvoye(DateTime maintenantUtc)
    {
        Tentatives++;
        Statut = StatutMessage.Envoye;
        EnvoyeLe = maintenantUtc;
        DerniereErreur = null;
    }

    /// <summary>A failed attempt: retried after a growing delay, until the cap; then the message stays in failure, visible.</summary>
    public void NoterEchec(DateTime maintenantUtc, string erreur, int tentativesMax, TimeSpan delaiBase)
    {
        Tentatives++;
        DerniereErreur = erreur.Length > 500 ? erreur[..500] : erreur;
        if (Tentatives >= tentativesMax) Statut = StatutMessage.Echec;
        else ProchaineTentativeLe = maintenantUtc + delaiBase * Math.Pow(2, Tentatives - 1);
    }

    /// <summary>An agent puts a failed message back in the queue (after correcting the address, for instance).</summary>
    public void Reprendre(DateTime maintenantUtc)
    {
        if (Statut != StatutMessage.Echec) return;
        Statut = StatutMessage.AEnvoyer;
        Tentatives = 0;
        ProchaineTentativeLe = maintenantUtc;
    }
}

public enum OrigineExecution
{
    Planifiee = 1,
    Manuelle = 2,
    LigneDeCommande = 3,
}

/// <summary>One daily run for one EPCI (table <c>relance_execution</c>): when, who started it, what it did.</summary>
public sealed class ExecutionRelances
{
    private ExecutionRelances() { LanceePar = ""; }

    public Guid Id { get; private set; }
    public Siren EpciSiren { get; private set; }
    public DateOnly Jour { get; private set; }
    public OrigineExecution Origine { get; private set; }
    public string LanceePar { get; private set; }
    public DateTime DebutLe { get; private set; }
    public DateTime? FinLe { get; private set; }
    public int Examinees { get; set; }
    public int Rappels { get; set; }
    public int Avertissements { get; set; }
    public int Radiations { get; set; }
    public int AExaminer { get; set; }
    public int Echecs { get; set; }
    public int MessagesCrees { get; set; }
    public string? Erreur { get; set; }

    public static ExecutionRelances Commencer(Siren epci, DateOnly jour, OrigineExecution origine, string lanceePar, DateTime maintenantUtc) => new()
    {
        Id = Guid.NewGuid(), EpciSiren = epci, Jour = jour, Origine = origine, LanceePar = lanceePar, DebutLe = maintenantUtc,
    };

    public void Terminer(DateTime maintenantUtc) => FinLe = maintenantUtc;
}

/// <summary>Mapping of the outbox and the run history, called from <see cref="LogisDbContext"/>.</summary>
public static class ModeleRelances
{
    public static void Configurer(ModelBuilder modelBuilder)
    {
        // Instants are UTC DateTime: comparable and sortable on SQLite as on PostgreSQL (timestamptz).
        var utc = new ValueConverter<DateTime, DateTime>(v => DateTime.SpecifyKind(v, DateTimeKind.Utc), v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
        var utcNullable = new ValueConverter<DateTime?, DateTime?>(
            v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v, v => v.HasValue ? DateTime.SpecifyKind(v.Value, DateTimeKind.Utc) : v);
        modelBuilder.Entity<MessageDemandeur>(e =>
        {
            e.ToTable("notification");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Numero).HasMaxLength(NumeroUnique.Longueur);
            e.Property(x => x.Destinataire).HasMaxLength(400);
            e.Property(x => x.Sujet).HasMaxLength(300);
            e.Property(x => x.Corps).HasMaxLength(8000);
            e.Property(x => x.DerniereErreur).HasMaxLength(500);
            e.Property(x => x.CleUnicite).HasMaxLength(120);
            e.Property(x => x.CreeLe).HasConversion(utc);
            e.Property(x => x.ProchaineTentativeLe).HasConversion(utc);
            e.Property(x => x.EnvoyeLe).HasConversion(utcNullable);
            e.HasIndex(x => x.CleUnicite).IsUnique();
            e.HasIndex(x => new { x.Statut, x.ProchaineTentativeLe });
            e.HasIndex(x => new { x.EpciSiren, x.CreeLe });
            e.HasIndex(x => x.DemandeId);
            e.HasOne<Demande>().WithMany().HasForeignKey(x => x.DemandeId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ExecutionRelances>(e =>
        {
            e.ToTable("relance_execution");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.LanceePar).HasMaxLength(200);
            e.Property(x => x.Erreur).HasMaxLength(1000);
            e.Property(x => x.DebutLe).HasConversion(utc);
            e.Property(x => x.FinLe).HasConversion(utcNullable);
            e.HasIndex(x => new { x.EpciSiren, x.DebutLe });
        });
    }
}
