using Logis.Domain.Attributions;
using Logis.Domain.Demandes;
using Logis.Domain.Organisations;
using Logis.Domain.Patrimoine;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Logis.Persistence.Attributions;

/// <summary>
/// Tables of the gestion en flux: vacancies (<c>vacance</c>, their history <c>vacance_evenement</c>), the candidates proposed for them
/// (<c>candidature</c>), reservation conventions (<c>convention_reservation</c>) and the first-quartile thresholds (<c>seuil_premier_quartile</c>);
/// of the CALEOL: sessions (<c>caleol_seance</c>, members <c>caleol_membre</c>) and dossiers (<c>caleol_dossier</c>, candidates and
/// decisions <c>caleol_candidat</c>, votes <c>caleol_vote</c>).
/// </summary>
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
        modelBuilder.Entity<Offre>(e =>
        {
            e.ToTable("offre");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasConversion(v => v.Value, v => new OffreId(v)).ValueGeneratedNever();
            e.Property(x => x.VacanceId).HasConversion(v => v.Value, v => new VacanceId(v));
            e.Property(x => x.NumeroRpls).HasMaxLength(10);
            e.Property(x => x.NumeroDemande).HasMaxLength(20);
            e.Property(x => x.FaiteLe).HasConversion(utc);
            e.Property(x => x.RepondueLe).HasConversion(utcNullable);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Ignore(x => x.EstEnAttente);
            e.Ignore(x => x.VautRefus);
            // Concurrency in the database too: one pending offer per vacancy, one per demand (two agents at once: the second insert fails).
            e.HasIndex(x => x.VacanceId).IsUnique().HasFilter(FiltreEnAttente).HasDatabaseName("IX_offre_une_en_attente_par_vacance");
            e.HasIndex(x => x.DemandeId).IsUnique().HasFilter(FiltreEnAttente).HasDatabaseName("IX_offre_une_en_attente_par_demande");
            e.HasIndex(x => new { x.VacanceId, x.FaiteLe });
            e.HasIndex(x => new { x.DemandeId, x.FaiteLe });
            e.HasIndex(x => new { x.EpciSiren, x.Statut, x.Echeance });
            e.HasIndex(x => new { x.BailleurId, x.Statut });
            e.HasOne<Vacance>().WithMany().HasForeignKey(x => x.VacanceId).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<Attribution>(e =>
        {
            e.ToTable("attribution");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasConversion(v => v.Value, v => new AttributionId(v)).ValueGeneratedNever();
            e.Property(x => x.VacanceId).HasConversion(v => v.Value, v => new VacanceId(v));
            e.Property(x => x.OffreId).HasConversion(v => v.Value, v => new OffreId(v));
            e.Property(x => x.ConventionId).HasConversion(new ValueConverter<ConventionId, Guid>(v => v.Value, v => new ConventionId(v)));
            e.Property(x => x.NumeroRpls).HasMaxLength(10);
            e.Property(x => x.NumeroDemande).HasMaxLength(20);
            e.Property(x => x.QpvCode).HasMaxLength(8);
            e.Property(x => x.EnregistreeLe).HasConversion(utc);
            e.Ignore(x => x.EnQpv);
            e.Ignore(x => x.RelogementRenouvellement);
            // A dwelling's vacancy is attributed once, a demand gets one lease: enforced by the database as well as by the use case.
            e.HasIndex(x => x.VacanceId).IsUnique();
            e.HasIndex(x => x.DemandeId).IsUnique();
            e.HasIndex(x => x.OffreId).IsUnique();
            // The monitoring reads by territory and year (GET /api/v1/attributions?annee=), by landlord and by réservataire.
            e.HasIndex(x => new { x.EpciSiren, x.Annee, x.DateSignature });
            e.HasIndex(x => new { x.BailleurId, x.Annee });
            e.HasIndex(x => new { x.ReservataireId, x.Annee });
            e.HasOne<Vacance>().WithMany().HasForeignKey(x => x.VacanceId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Offre>().WithMany().HasForeignKey(x => x.OffreId).OnDelete(DeleteBehavior.Restrict);
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
        ConfigurerCaleol(modelBuilder);
    }

    private static void ConfigurerCaleol(ModelBuilder modelBuilder)
    {
        var (utc, utcNullable) = (ConvertisseursInstant.Utc, ConvertisseursInstant.UtcNullable);
        modelBuilder.Entity<SeanceCaleol>(e =>
        {
            e.ToTable("caleol_seance");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasConversion(v => v.Value, v => new SeanceCaleolId(v)).ValueGeneratedNever();
            e.Property(x => x.ClotureVotes).HasConversion(utcNullable);
            e.Property(x => x.CreeeLe).HasConversion(utc);
            e.Property(x => x.CloseLe).HasConversion(utcNullable);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Ignore(x => x.EstClose);
            e.Ignore(x => x.President);
            e.HasIndex(x => new { x.EpciSiren, x.BailleurId, x.Date });
            e.OwnsMany(x => x.Membres, m =>
            {
                m.ToTable("caleol_membre");
                m.WithOwner().HasForeignKey("SeanceId");
                m.HasKey("SeanceId", nameof(MembreCaleol.Rang));
                m.Property(x => x.Rang).ValueGeneratedNever();
                m.Property(x => x.Nom).HasMaxLength(SeanceCaleol.LongueurNomMax);
                m.Ignore(x => x.VoixDeliberative);
            });
            e.Navigation(x => x.Membres).UsePropertyAccessMode(PropertyAccessMode.Field);
        });
        modelBuilder.Entity<DossierCaleol>(e =>
        {
            e.ToTable("caleol_dossier");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasConversion(v => v.Value, v => new DossierCaleolId(v)).ValueGeneratedNever();
            e.Property(x => x.SeanceId).HasConversion(v => v.Value, v => new SeanceCaleolId(v));
            e.Property(x => x.VacanceId).HasConversion(v => v.Value, v => new VacanceId(v));
            e.Property(x => x.NumeroRpls).HasMaxLength(10);
            e.Property(x => x.InscritLe).HasConversion(utc);
            e.Property(x => x.DecideLe).HasConversion(utcNullable);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.Ignore(x => x.EstDecide);
            e.Ignore(x => x.Attributions);
            e.HasIndex(x => new { x.SeanceId, x.Ordre }).IsUnique();
            e.HasIndex(x => x.VacanceId);
            e.HasIndex(x => new { x.EpciSiren, x.ReservataireId });
            e.HasOne<SeanceCaleol>().WithMany().HasForeignKey(x => x.SeanceId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Vacance>().WithMany().HasForeignKey(x => x.VacanceId).OnDelete(DeleteBehavior.Restrict);
            e.OwnsMany(x => x.Candidats, c =>
            {
                c.ToTable("caleol_candidat");
                c.WithOwner().HasForeignKey("DossierId");
                c.HasKey("DossierId", nameof(CandidatCaleol.Rang));
                c.Property(x => x.Rang).ValueGeneratedNever();
                c.Property(x => x.Numero).HasMaxLength(30);
                c.Property(x => x.Precision).HasMaxLength(DossierCaleol.LongueurPrecisionMax);
                c.Property(x => x.DecideLe).HasConversion(utcNullable);
                c.Property<List<MotifDecisionCaleol>>("_motifs").HasColumnName("Motifs").HasMaxLength(300)
                    .HasConversion(new MotifsConverter(), MotifsConverter.Comparer);
                c.Ignore(x => x.Motifs);
                c.Ignore(x => x.Motivation);
                c.HasIndex(x => x.DemandeId);
            });
            e.Navigation(x => x.Candidats).UsePropertyAccessMode(PropertyAccessMode.Field);
            e.OwnsMany(x => x.Votes, v =>
            {
                v.ToTable("caleol_vote");
                v.WithOwner().HasForeignKey("DossierId");
                v.HasKey("DossierId", nameof(VoteCaleol.Candidat), nameof(VoteCaleol.Membre));
                v.Property(x => x.Candidat).ValueGeneratedNever();
                v.Property(x => x.Membre).ValueGeneratedNever();
                v.Property(x => x.Quand).HasConversion(utc);
            });
            e.Navigation(x => x.Votes).UsePropertyAccessMode(PropertyAccessMode.Field);
        });
    }

    /// <summary>The motives of a decision as their codes (<c>taux-effort;autre</c>), read back by the same codes.</summary>
    private sealed class MotifsConverter() : ValueConverter<List<MotifDecisionCaleol>, string>(
        v => string.Join(';', v.Select(m => m.Code())),
        v => v.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(c => LibellesDemande.LireMotifDecision(c)!.Value).ToList())
    {
        public static readonly ValueComparer<List<MotifDecisionCaleol>> Comparer = new(
            (a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)), v => v.ToList());
    }

    /// <summary>The filter of the « one pending offer » indexes (<see cref="StatutOffre.EnAttente"/>), the same SQL on SQLite and PostgreSQL.</summary>
    private const string FiltreEnAttente = "\"Statut\" = 1";

    /// <summary>The sub-targets as the text the form reads (<c>T3:40;hors-qpv:30</c>): one short column, read back by the same reader.</summary>
    private sealed class SousObjectifsConverter() : ValueConverter<List<SousObjectif>, string>(
        v => string.Join(';', v.Select(s => s.Texte())),
        v => SousObjectif.LireTexte(v).Liste)
    {
        public static readonly ValueComparer<List<SousObjectif>> Comparer = new(
            (a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, s) => HashCode.Combine(h, s)), v => v.ToList());
    }
}
