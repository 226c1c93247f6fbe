using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Persistence.Demandes;
using Logis.Domain.Organisations;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Logis.Persistence.Acces;
using Logis.Persistence.Attributions;
using Logis.Persistence.Cotation;
using Logis.Persistence.Pieces;
using Logis.Persistence.Relances;
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
    public DbSet<Demande> Demandes => Set<Demande>();
    public DbSet<SequenceNumero> SequencesNumero => Set<SequenceNumero>();
    public DbSet<GuichetEnregistreur> Guichets => Set<GuichetEnregistreur>();
    public DbSet<Domain.Information.LieuAccueil> LieuxAccueil => Set<Domain.Information.LieuAccueil>();
    public DbSet<EntreeAudit> Audit => Set<EntreeAudit>();
    public DbSet<CotationDemande> CotationsDemandes => Set<CotationDemande>();
    public DbSet<MessageDemandeur> Messages => Set<MessageDemandeur>();
    public DbSet<ExecutionRelances> ExecutionsRelances => Set<ExecutionRelances>();
    public DbSet<PieceJustificative> Pieces => Set<PieceJustificative>();
    public DbSet<ContenuPiece> ContenusPieces => Set<ContenuPiece>();
    public DbSet<Domain.Attributions.Vacance> Vacances => Set<Domain.Attributions.Vacance>();
    public DbSet<Domain.Attributions.ConventionReservation> Conventions => Set<Domain.Attributions.ConventionReservation>();
    public DbSet<Domain.Attributions.Candidature> Candidatures => Set<Domain.Attributions.Candidature>();
    public DbSet<Domain.Mixite.SeuilPremierQuartile> SeuilsPremierQuartile => Set<Domain.Mixite.SeuilPremierQuartile>();
    public DbSet<Domain.Attributions.SeanceCaleol> SeancesCaleol => Set<Domain.Attributions.SeanceCaleol>();
    public DbSet<Domain.Attributions.DossierCaleol> DossiersCaleol => Set<Domain.Attributions.DossierCaleol>();
    public DbSet<Domain.Attributions.Offre> Offres => Set<Domain.Attributions.Offre>();
    public DbSet<Domain.Attributions.Attribution> Attributions => Set<Domain.Attributions.Attribution>();
    public DbSet<Domain.Mixite.ObjectifMixite> ObjectifsMixite => Set<Domain.Mixite.ObjectifMixite>();
    public DbSet<Domain.Mixite.OccupationLogement> Occupations => Set<Domain.Mixite.OccupationLogement>();
    public DbSet<Espace.CompteDemandeur> ComptesDemandeurs => Set<Espace.CompteDemandeur>();
    public DbSet<Espace.JetonCompte> JetonsComptes => Set<Espace.JetonCompte>();
    public DbSet<Espace.LienDemandeur> LiensDemandeurs => Set<Espace.LienDemandeur>();
    public DbSet<Espace.CodeAccesDemande> CodesAcces => Set<Espace.CodeAccesDemande>();
    public DbSet<Espace.DeclarationChangement> DeclarationsChangement => Set<Espace.DeclarationChangement>();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var changees = await SuivreCotationsAsync(null, cancellationToken);
        var aCharger = EntreesACharger(changees);
        if (aCharger.Count > 0) await Set<EntreePreselection>().Where(p => aCharger.Contains(p.DemandeId)).LoadAsync(cancellationToken);
        SuivrePreselection(changees);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        var (changees, aCharger) = Changees();
        if (aCharger.Count > 0) CotationsDemandes.Where(c => aCharger.Contains(c.DemandeId)).Load();
        SuivreCotations(changees, null);
        var entrees = EntreesACharger(changees);
        if (entrees.Count > 0) Set<EntreePreselection>().Where(p => entrees.Contains(p.DemandeId)).Load();
        SuivrePreselection(changees);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    /// <summary>
    /// The explicit side effect of an act on demands (ADR 0010): each demand changed in this unit of work gets its score under
    /// the grid in force, given by <paramref name="coteur"/>, before it is saved. Storage alone (SaveChanges) only keeps each
    /// demand's row of <c>cotation_demande</c> in step with its content (elements, status), never computes a score.
    /// </summary>
    public Task CoterChangementsAsync(ICoteurDemandes coteur, CancellationToken ct) => SuivreCotationsAsync(coteur, ct);

    private async Task<List<(EntityEntry<Demande> Entree, Siren Epci)>> SuivreCotationsAsync(ICoteurDemandes? coteur, CancellationToken ct)
    {
        var (changees, aCharger) = Changees();
        if (aCharger.Count > 0) await CotationsDemandes.Where(c => aCharger.Contains(c.DemandeId)).LoadAsync(ct);
        SuivreCotations(changees, coteur);
        return changees;
    }

    /// <summary>The stored demands changed here: their rows of <c>preselection_demande</c> are loaded (one query) to be compared.</summary>
    private static List<DemandeId> EntreesACharger(List<(EntityEntry<Demande> Entree, Siren Epci)> changees) =>
        [.. changees.Where(c => c.Entree.State != EntityState.Added).Select(c => c.Entree.Entity.Id)];

    /// <summary>
    /// The one maintenance point of the pre-selection index on the EF Core path: each demand changed in this unit of work (registration,
    /// update, renewal, radiation, score) gets exactly the rows <see cref="EntreePreselection.Pour"/> gives for it now, with the score of its
    /// row of <c>cotation_demande</c>; rows no longer wished are removed, the others updated in place.
    /// </summary>
    private void SuivrePreselection(List<(EntityEntry<Demande> Entree, Siren Epci)> changees)
    {
        if (changees.Count == 0) return;
        var ids = changees.Select(c => c.Entree.Entity.Id).ToHashSet();
        var existantes = ChangeTracker.Entries<EntreePreselection>()
            .Where(e => e.State is not (EntityState.Deleted or EntityState.Detached) && ids.Contains(e.Entity.DemandeId))
            .GroupBy(e => e.Entity.DemandeId).ToDictionary(g => g.Key, g => g.Select(e => e.Entity).ToList());
        var totaux = CotationsDemandes.Local.Where(c => ids.Contains(c.DemandeId)).ToDictionary(c => c.DemandeId, c => c.Total);
        foreach (var (entree, epci) in changees)
        {
            var demande = entree.Entity;
            var voulues = EntreePreselection.Pour(demande, epci, totaux.GetValueOrDefault(demande.Id)).ToList();
            var actuelles = existantes.GetValueOrDefault(demande.Id) ?? [];
            foreach (var a in actuelles)
            {
                if (voulues.Find(a.MemeCle) is not { } v) { Set<EntreePreselection>().Remove(a); continue; }
                if (a.Total != v.Total) a.Total = v.Total;
                if (a.DateDepot != v.DateDepot) a.DateDepot = v.DateDepot;
                if (a.Numero != v.Numero) a.Numero = v.Numero;
                if (a.NombrePersonnes != v.NombrePersonnes) a.NombrePersonnes = v.NombrePersonnes;
                if (a.LoyerMaximumCentimes != v.LoyerMaximumCentimes) a.LoyerMaximumCentimes = v.LoyerMaximumCentimes;
            }
            foreach (var v in voulues)
                if (!actuelles.Exists(v.MemeCle)) Set<EntreePreselection>().Add(v);
        }
    }

    /// <summary>The demands changed in this unit of work (search columns brought up to date) and those whose row must be loaded.</summary>
    private (List<(EntityEntry<Demande> Entree, Siren Epci)> Changees, List<DemandeId> ACharger) Changees()
    {
        MettreAJourColonnesDemandes();
        var changees = DemandesChangees();
        return (changees, changees.Count == 0 ? [] : LignesACharger(changees));
    }

    /// <summary>
    /// The demands this SaveChanges registers or changes (the demand itself, or its timeline and priority situations),
    /// with their EPCI: their row of <c>cotation_demande</c> (elements, status, score) is written in the same transaction
    /// as the change (a demand is never saved with the elements or the score of its former content).
    /// </summary>
    private List<(EntityEntry<Demande> Entree, Siren Epci)> DemandesChangees()
    {
        var demandes = ChangeTracker.Entries<Demande>().Where(e => e.State is not (EntityState.Deleted or EntityState.Detached)).ToList();
        if (demandes.Count == 0) return [];
        var changees = demandes.Where(e => e.State is EntityState.Added or EntityState.Modified).Select(e => e.Entity.Id).ToHashSet();
        foreach (var e in ChangeTracker.Entries().Where(e => e.Metadata.IsOwned() && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            if (e.Metadata.FindProperty("DemandeId") is not null && e.Property("DemandeId").CurrentValue is DemandeId id) changees.Add(id);
        }
        return [.. demandes.Where(e => changees.Contains(e.Entity.Id)).Select(e => (e, (Siren)e.Property(ColonnesDemande.Epci).CurrentValue!))];
    }

    /// <summary>The stored demands changed here whose row of <c>cotation_demande</c> is not tracked yet (loaded in one query).</summary>
    private List<DemandeId> LignesACharger(List<(EntityEntry<Demande> Entree, Siren Epci)> changees)
    {
        var suivies = CotationsDemandes.Local.Select(c => c.DemandeId).ToHashSet();
        return [.. changees.Where(c => c.Entree.State != EntityState.Added && !suivies.Contains(c.Entree.Entity.Id)).Select(c => c.Entree.Entity.Id)];
    }

    /// <summary>Each changed demand's row takes its elements, status and EPCI, and its score when a scorer is given.</summary>
    private void SuivreCotations(List<(EntityEntry<Demande> Entree, Siren Epci)> changees, ICoteurDemandes? coteur)
    {
        if (changees.Count == 0) return;
        var lignes = CotationsDemandes.Local.ToDictionary(c => c.DemandeId);
        foreach (var (entree, epci) in changees)
        {
            var demande = entree.Entity;
            if (lignes.GetValueOrDefault(demande.Id) is { } ligne) ligne.Actualiser(demande, epci, coteur);
            else CotationsDemandes.Add(CotationDemande.Pour(demande, epci, coteur));
        }
    }

    /// <summary>Keeps the search columns of each demand in step with its content, in the same SaveChanges.</summary>
    private void MettreAJourColonnesDemandes()
    {
        if (ChangeTracker.AutoDetectChangesEnabled) ChangeTracker.DetectChanges();
        foreach (var entree in ChangeTracker.Entries<Demande>())
        {
            if (entree.State is EntityState.Deleted or EntityState.Detached) continue;
            var v = ColonnesDemande.Valeurs(entree.Entity);
            Fixer(entree, ColonnesDemande.NomDemandeur, v.NomDemandeur);
            Fixer(entree, ColonnesDemande.Communes, v.Communes);
            Fixer(entree, ColonnesDemande.ToutEpci, v.ToutEpci);
            Fixer(entree, ColonnesDemande.Typologies, v.Typologies);
            Fixer(entree, ColonnesDemande.Prioritaire, v.Prioritaire);
            Fixer(entree, ColonnesDemande.CommuneActuelle, v.CommuneActuelle);
        }
    }

    private static void Fixer(Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry entree, string nom, object? valeur)
    {
        var propriete = entree.Property(nom);
        if (!Equals(propriete.CurrentValue, valeur)) propriete.CurrentValue = valeur;
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<CodeInsee>().HaveConversion<CodeInseeConverter>().HaveMaxLength(5);
        configurationBuilder.Properties<Siren>().HaveConversion<SirenConverter>().HaveMaxLength(9);
        configurationBuilder.Properties<BailleurId>().HaveConversion<BailleurIdConverter>();
        configurationBuilder.Properties<ReservataireId>().HaveConversion<ReservataireIdConverter>();
        configurationBuilder.Properties<ResidenceId>().HaveConversion<ResidenceIdConverter>();
        configurationBuilder.Properties<LogementId>().HaveConversion<LogementIdConverter>();
        configurationBuilder.Properties<decimal>().HavePrecision(12, 2);
        configurationBuilder.Properties<DemandeId>().HaveConversion<DemandeIdConverter>();
        configurationBuilder.Properties<AuteurId>().HaveConversion<AuteurIdConverter>();
        configurationBuilder.Properties<NumeroUnique>().HaveConversion<NumeroUniqueConverter>().HaveMaxLength(NumeroUnique.Longueur);
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
            e.Property(x => x.CodeTerritoireSne).HasMaxLength(3);
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
            e.Property(x => x.TamponSecurite).HasMaxLength(64);
            e.Property(x => x.SecretTotp).HasMaxLength(400);
            e.Property(x => x.CodesSecours).HasMaxLength(1000);
            e.Property(x => x.SujetProConnect).HasMaxLength(255);
            e.HasIndex(x => x.SujetProConnect).IsUnique();
            // The lock-out is compared in SQL (one conditional UPDATE): on SQLite the instant is stored as UTC ticks.
            if (Database.IsSqlite())
                e.Property(x => x.VerrouilleJusqua).HasConversion(new ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero)));
        });
        modelBuilder.Entity<ClientApi>(e =>
        {
            e.ToTable("client_api");
            e.HasKey(x => x.Id);
            e.Property(x => x.Nom).HasMaxLength(200);
            e.Property(x => x.EmpreinteCle).HasMaxLength(64);
            e.HasIndex(x => x.EmpreinteCle).IsUnique();
        });
        ConfigurerDemandes(modelBuilder, Database.IsSqlite());
        ModeleRelances.Configurer(modelBuilder);
        PiecesModele.Configurer(modelBuilder);
        Persistence.Attributions.AttributionsModele.Configurer(modelBuilder);
        EntreePreselection.Configurer(modelBuilder, Database.IsSqlite());
        Persistence.Information.InformationModele.Configurer(modelBuilder);
        Persistence.Mixite.MixiteModele.Configurer(modelBuilder);
        Persistence.Espace.EspaceModele.Configurer(modelBuilder, Database.IsSqlite());
    }

    private static void ConfigurerDemandes(ModelBuilder modelBuilder, bool sqlite)
    {
        var (utc, utcNullable) = (ConvertisseursInstant.Utc, ConvertisseursInstant.UtcNullable);

        modelBuilder.Entity<Demande>(e =>
        {
            e.ToTable("demande");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.HasIndex(x => x.Numero).IsUnique();
            e.Property(x => x.AncienneReference).HasMaxLength(13);
            e.HasIndex(x => x.AncienneReference);
            e.Property(x => x.Contenu).HasConversion(new ContenuJson.Converter(), ContenuJson.Comparer);
            e.Property<Siren>(ColonnesDemande.Epci);
            e.Property<string>(ColonnesDemande.NomDemandeur).HasMaxLength(100);
            e.Property<string>(ColonnesDemande.Communes).HasMaxLength(60);
            e.Property<bool>(ColonnesDemande.ToutEpci);
            e.Property<string>(ColonnesDemande.Typologies).HasMaxLength(30);
            e.Property<bool>(ColonnesDemande.Prioritaire);
            e.Property<string?>(ColonnesDemande.CommuneActuelle).HasMaxLength(5);
            e.HasIndex(ColonnesDemande.Epci, nameof(Demande.Statut));
            // The social-mix indicators (tension, communal preference) group the demands active on a reference day — deposited by then, not
            // radiated then, not merged — by their search columns: on PostgreSQL an index-only scan of this partial covering index
            // (BENCHMARKS.md, indicateurs de mixité), without reading the rows and their JSON content.
            if (!sqlite)
                e.HasIndex(ColonnesDemande.Epci, nameof(Demande.DateDepot)).HasDatabaseName("IX_demande_actives_mixite").HasFilter("\"FusionneeDans\" IS NULL")
                    .IncludeProperties(nameof(Demande.DateRadiation), ColonnesDemande.Typologies, ColonnesDemande.Communes, ColonnesDemande.ToutEpci,
                        ColonnesDemande.CommuneActuelle);
            e.HasIndex(ColonnesDemande.Epci, ColonnesDemande.NomDemandeur);
            // Search pages are sorted by deposit date then number: the index serves the ORDER BY … LIMIT (BENCHMARKS.md).
            e.HasIndex(ColonnesDemande.Epci, nameof(Demande.DateDepot), nameof(Demande.Numero));

            e.OwnsMany(x => x.Evenements, ev =>
            {
                ev.ToTable("demande_evenement");
                ev.WithOwner().HasForeignKey("DemandeId");
                ev.HasKey("DemandeId", nameof(EvenementDemande.Rang));
                ev.Property(x => x.Rang).ValueGeneratedNever();
                ev.Property(x => x.Quand).HasConversion(utc);
                ev.Property(x => x.Organisation).HasMaxLength(200);
                ev.Property(x => x.Resume).HasMaxLength(500);
                // The CALEOL decisions and offers of one dwelling are found across demands by its id (order of offers of a vacancy).
                ev.HasIndex(x => new { x.LogementId, x.Type });
            });
            e.Navigation(x => x.Evenements).UsePropertyAccessMode(PropertyAccessMode.Field);

            e.OwnsMany(x => x.SituationsPrioritaires, sp =>
            {
                sp.ToTable("demande_situation_prioritaire");
                sp.WithOwner().HasForeignKey("DemandeId");
                sp.HasKey("DemandeId", nameof(SituationPrioritaire.Critere));
                sp.Property(x => x.Critere).ValueGeneratedNever();
                sp.Property(x => x.DeclareeLe).HasConversion(utc);
                sp.Property(x => x.ValideeLe).HasConversion(utcNullable);
                sp.Property(x => x.RefuseeLe).HasConversion(utcNullable);
                sp.OwnsOne(x => x.DecisionDalo, dalo =>
                {
                    dalo.Property(x => x.Reference).HasColumnName("DaloReference").HasMaxLength(DecisionDalo.LongueurMax);
                    dalo.Property(x => x.Date).HasColumnName("DaloDate");
                    dalo.Property(x => x.Commission).HasColumnName("DaloCommission").HasMaxLength(DecisionDalo.LongueurMax);
                });
                sp.Navigation(x => x.DecisionDalo).IsRequired(false);
            });
            e.Navigation(x => x.SituationsPrioritaires).UsePropertyAccessMode(PropertyAccessMode.Field);

            e.OwnsMany(x => x.Avertissements, av =>
            {
                av.ToTable("demande_avertissement");
                av.WithOwner().HasForeignKey("DemandeId");
                av.HasKey("DemandeId", nameof(Avertissement.Motif));
                av.Property(x => x.Motif).ValueGeneratedNever();
                av.Property(x => x.Preuve).HasMaxLength(100);
            });
            e.Navigation(x => x.Avertissements).UsePropertyAccessMode(PropertyAccessMode.Field);
        });
        modelBuilder.Entity<SequenceNumero>(e =>
        {
            e.ToTable("sequence_numero");
            e.HasKey(x => new { x.Territoire, x.Annee, x.Mois });
            e.Property(x => x.Territoire).HasMaxLength(3);
        });
        modelBuilder.Entity<GuichetEnregistreur>(e =>
        {
            e.ToTable("guichet_enregistreur");
            e.HasKey(x => new { x.EpciSiren, x.Code });
            e.Property(x => x.Code).HasMaxLength(5);
            e.Property(x => x.Nom).HasMaxLength(GuichetEnregistreur.LongueurNomMax);
            e.Property(x => x.Adresse).HasMaxLength(GuichetEnregistreur.LongueurAdresseMax);
            e.Property(x => x.Horaires).HasMaxLength(GuichetEnregistreur.LongueurHorairesMax);
            e.Property(x => x.Organisation).HasMaxLength(40);
        });
        modelBuilder.Entity<EntreeAudit>(e =>
        {
            e.ToTable("audit");
            e.HasKey(x => x.Id);
            e.Property(x => x.Quand).HasConversion(utc);
            e.Property(x => x.Auteur).HasMaxLength(200);
            e.Property(x => x.Organisation).HasMaxLength(200);
            e.Property(x => x.Action).HasMaxLength(60);
            e.Property(x => x.Detail).HasMaxLength(300);
            e.HasIndex(x => x.DemandeId);
            // The journal is read by EPCI and period, newest first (Features/Journal).
            e.HasIndex(x => new { x.EpciSiren, x.Quand });
            // SQLite cannot compare or sort DateTimeOffset values: there the instant is stored as UTC ticks (PostgreSQL: timestamptz).
            if (sqlite) e.Property(x => x.Quand).HasConversion(new ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero)));
        });
        modelBuilder.Entity<CotationDemande>(e =>
        {
            e.ToTable("cotation_demande");
            e.HasKey(x => x.DemandeId);
            e.Property(x => x.DemandeId).ValueGeneratedNever();
            e.Property(x => x.GrilleId).HasMaxLength(100);
            e.Property(x => x.Version).HasMaxLength(50);
            e.Property(x => x.CalculeeLe).HasConversion(utcNullable);
            // Room on each page for the new version of a row: the nightly rescoring updates every row in place (HOT update,
            // no index entry written: no index covers the columns it changes). BENCHMARKS.md, « Cotation en lot ».
            if (!sqlite) e.HasStorageParameter("fillfactor", 50);
            e.HasOne<Demande>().WithOne().HasForeignKey<CotationDemande>(x => x.DemandeId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    private sealed class CodeInseeConverter() : ValueConverter<CodeInsee, string>(v => v.Value, v => CodeInsee.Create(v));
    private sealed class SirenConverter() : ValueConverter<Siren, string>(v => v.Value, v => Siren.Create(v));
    private sealed class BailleurIdConverter() : ValueConverter<BailleurId, Guid>(v => v.Value, v => new BailleurId(v));
    private sealed class ReservataireIdConverter() : ValueConverter<ReservataireId, Guid>(v => v.Value, v => new ReservataireId(v));
    private sealed class ResidenceIdConverter() : ValueConverter<ResidenceId, Guid>(v => v.Value, v => new ResidenceId(v));
    private sealed class DemandeIdConverter() : ValueConverter<DemandeId, Guid>(v => v.Value, v => new DemandeId(v));
    private sealed class AuteurIdConverter() : ValueConverter<AuteurId, Guid>(v => v.Value, v => new AuteurId(v));
    private sealed class NumeroUniqueConverter() : ValueConverter<NumeroUnique, string>(v => v.Valeur, v => LireNumero(v));

    private static NumeroUnique LireNumero(string v) =>
        NumeroUnique.TryParse(v, out var n) ? n : throw new InvalidOperationException("Numéro unique stocké invalide.");

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

    /// <summary>
    /// The territory code of the national numbers this territory gives (3 characters, <c>111</c> in Île-de-France), set by the
    /// operator (<c>logis guichets territoire</c>); null: the département of its most populous commune on three characters [M]
    /// (<see cref="NumeroUnique.TerritoireParDefaut"/>, docs/sne.md §1).
    /// </summary>
    public string? CodeTerritoireSne { get; set; }
}

/// <summary>Where a bailleur holds stock.</summary>
public sealed class BailleurTerritoire
{
    public required BailleurId BailleurId { get; init; }
    public required Siren EpciSiren { get; init; }
}
