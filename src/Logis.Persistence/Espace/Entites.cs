using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Logis.Persistence.Acces;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Logis.Persistence.Espace;

/// <summary>
/// An applicant's account in the applicant space (table <c>compte_demandeur</c>, docs/espace-demandeur.md): an e-mail address,
/// a hashed password (same PBKDF2 as agents), the confirmation of the address, the lock-out counter moved by one conditional
/// UPDATE and the security stamp carried by the session cookie — as for agents (<see cref="Utilisateur"/>), in a table of its
/// own: an applicant is never an agent. <see cref="SujetExterne"/> is the FranceConnect subject of an account opened or linked
/// through FranceConnect.
/// </summary>
public sealed class CompteDemandeur : ICompteVerrouillable
{
    public const int EchecsAvantVerrouillage = Utilisateur.EchecsAvantVerrouillage;
    public static readonly TimeSpan DureeVerrouillage = Utilisateur.DureeVerrouillage;

    public Guid Id { get; init; }

    /// <summary>The territory whose applicant space holds the account (its demands only can be linked).</summary>
    public required Siren EpciSiren { get; init; }

    /// <summary>Lower-case, trimmed.</summary>
    public required string Courriel { get; set; }

    /// <summary>
    /// PBKDF2 of the password; for an account opened through FranceConnect that has no password of its own yet, a mark
    /// (<see cref="MarquerSansMotDePasse"/>) followed by the hash of a random secret nobody knows (checking against it costs the same and always fails).
    /// </summary>
    public required string MotDePasseHache { get; set; }
    public required DateTimeOffset CreeLe { get; init; }
    public DateTimeOffset? CourrielConfirmeLe { get; set; }
    public int EchecsConnexion { get; private set; }
    public DateTimeOffset? VerrouilleJusqua { get; private set; }
    public string TamponSecurite { get; private set; } = Secrets.NouveauTampon();

    /// <summary>OpenID Connect subject of the FranceConnect identity linked to the account (ADR 0014), null for a password-only account.</summary>
    public string? SujetExterne { get; set; }

    /// <summary>
    /// The prefix of <see cref="MotDePasseHache"/> of an account with no password of its own (opened through FranceConnect). The only place
    /// that reads or writes it (the migration CompteFranceConnectSansMotDePasse wrote it in SQL, once).
    /// </summary>
    private const string SansMotDePasse = "!";

    /// <summary>The stored hash of an account with no password of its own: the mark, then the hash of a random secret nobody knows.</summary>
    public static string MarquerSansMotDePasse(string hacheSecret) => SansMotDePasse + hacheSecret;

    /// <summary>
    /// Reads a stored <see cref="MotDePasseHache"/>: the hash to check a password against (after the mark, if any: checking costs the same
    /// with or without a password of one's own) and whether it is the account's own password.
    /// </summary>
    public static (string AVerifier, bool Propre) LireHache(string stocke) =>
        stocke.StartsWith(SansMotDePasse, StringComparison.Ordinal) ? (stocke[SansMotDePasse.Length..], false) : (stocke, true);

    /// <summary>Whether the account has a password of its own (false for an account opened through FranceConnect until one is set).</summary>
    public bool AMotDePasse() => LireHache(MotDePasseHache).Propre;

    public void RenouvelerTampon() => TamponSecurite = Secrets.NouveauTampon();

    public void ChangerMotDePasse(string hache)
    {
        MotDePasseHache = hache;
        RenouvelerTampon();
    }
}

/// <summary>A single-use token sent by e-mail (address confirmation): only its SHA-256 is stored, with its end of validity.</summary>
public sealed class JetonCompte
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public required Guid CompteId { get; init; }
    public required string Empreinte { get; init; }
    public required DateTimeOffset ExpireLe { get; init; }
    public DateTimeOffset? UtiliseLe { get; set; }
}

/// <summary>A demand linked to an account (table <c>lien_demandeur</c>): what the account may see (Logis.Domain.Acces.AccesDemandeur).</summary>
public sealed class LienDemandeur
{
    public required Guid CompteId { get; init; }
    public required DemandeId DemandeId { get; init; }
    public required DateTimeOffset LieLe { get; init; }
}

/// <summary>The fingerprint of the access code printed on the latest attestation of a demand (one row per demand, replaced at each edition).</summary>
public sealed class CodeAccesDemande
{
    public required DemandeId DemandeId { get; init; }
    public required string Empreinte { get; set; }
    public required DateTimeOffset EmisLe { get; set; }
}

public enum StatutDeclaration
{
    EnAttente = 1,
    Validee = 2,
    Refusee = 3,
}

/// <summary>
/// A change of situation the applicant declared from the applicant space (table <c>declaration_changement</c>): free text and typed
/// fields, pending until an agent who may update the demand validates it (and enters it by updating the demand) or rejects it. Kept with
/// the demand and deleted with it (its retention). The free text may hold personal details: it is shown on the demand's page only.
/// </summary>
public sealed class DeclarationChangement
{
    public const int LongueurTexteMax = 2000;

    public Guid Id { get; init; } = Guid.NewGuid();
    public required DemandeId DemandeId { get; init; }
    public required Guid CompteId { get; init; }
    public required DateTimeOffset DeclareeLe { get; init; }
    public required string Texte { get; init; }
    public int? PersonnesAuFoyer { get; init; }
    public decimal? RessourcesMensuelles { get; init; }
    public string? NouvelleAdresse { get; init; }
    public StatutDeclaration Statut { get; set; } = StatutDeclaration.EnAttente;
    public DateTimeOffset? TraiteeLe { get; set; }
    public Guid? TraiteePar { get; set; }
}

/// <summary>Mapping of the applicant space, called from <see cref="LogisDbContext"/>.</summary>
public static class EspaceModele
{
    public static void Configurer(ModelBuilder modelBuilder, bool sqlite)
    {
        modelBuilder.Entity<CompteDemandeur>(e =>
        {
            e.ToTable("compte_demandeur");
            e.HasKey(x => x.Id);
            e.Property(x => x.Courriel).HasMaxLength(254);
            e.HasIndex(x => new { x.EpciSiren, x.Courriel }).IsUnique();
            e.Property(x => x.MotDePasseHache).HasMaxLength(200);
            e.Property(x => x.TamponSecurite).HasMaxLength(64);
            e.Property(x => x.SujetExterne).HasMaxLength(255);
            e.HasIndex(x => x.SujetExterne).IsUnique();
            e.Property(x => x.CreeLe).HasConversion(ConvertisseursInstant.Utc);
            e.Property(x => x.CourrielConfirmeLe).HasConversion(ConvertisseursInstant.UtcNullable);
            // The lock-out is compared in SQL (one conditional UPDATE): on SQLite the instant is stored as UTC ticks.
            if (sqlite)
                e.Property(x => x.VerrouilleJusqua).HasConversion(new ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero)));
            else e.Property(x => x.VerrouilleJusqua).HasConversion(ConvertisseursInstant.UtcNullable);
        });
        modelBuilder.Entity<JetonCompte>(e =>
        {
            e.ToTable("jeton_compte");
            e.HasKey(x => x.Id);
            e.Property(x => x.Empreinte).HasMaxLength(64);
            e.HasIndex(x => x.Empreinte).IsUnique();
            e.HasOne<CompteDemandeur>().WithMany().HasForeignKey(x => x.CompteId).OnDelete(DeleteBehavior.Cascade);
            e.Property(x => x.UtiliseLe).HasConversion(ConvertisseursInstant.UtcNullable);
            if (sqlite)
                e.Property(x => x.ExpireLe).HasConversion(new ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero)));
            else e.Property(x => x.ExpireLe).HasConversion(ConvertisseursInstant.Utc);
        });
        modelBuilder.Entity<LienDemandeur>(e =>
        {
            e.ToTable("lien_demandeur");
            e.HasKey(x => new { x.CompteId, x.DemandeId });
            e.HasIndex(x => x.DemandeId);
            e.Property(x => x.LieLe).HasConversion(ConvertisseursInstant.Utc);
            e.HasOne<CompteDemandeur>().WithMany().HasForeignKey(x => x.CompteId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Demande>().WithMany().HasForeignKey(x => x.DemandeId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<DeclarationChangement>(e =>
        {
            e.ToTable("declaration_changement");
            e.HasKey(x => x.Id);
            e.Property(x => x.Texte).HasMaxLength(DeclarationChangement.LongueurTexteMax);
            e.Property(x => x.NouvelleAdresse).HasMaxLength(300);
            e.Property(x => x.DeclareeLe).HasConversion(ConvertisseursInstant.Utc);
            e.Property(x => x.TraiteeLe).HasConversion(ConvertisseursInstant.UtcNullable);
            e.HasIndex(x => new { x.DemandeId, x.Statut });
            e.HasOne<Demande>().WithMany().HasForeignKey(x => x.DemandeId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<CompteDemandeur>().WithMany().HasForeignKey(x => x.CompteId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<CodeAccesDemande>(e =>
        {
            e.ToTable("code_acces_demande");
            e.HasKey(x => x.DemandeId);
            e.Property(x => x.Empreinte).HasMaxLength(64);
            e.Property(x => x.EmisLe).HasConversion(ConvertisseursInstant.Utc);
            e.HasOne<Demande>().WithMany().HasForeignKey(x => x.DemandeId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
