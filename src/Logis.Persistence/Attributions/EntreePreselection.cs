using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Microsoft.EntityFrameworkCore;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Logis.Persistence.Attributions;

/// <summary>
/// One row of the pre-selection index (table <c>preselection_demande</c>): an active demand × one wished commune (or
/// <see cref="ToutEpci"/>, the whole EPCI) × one wished typology, with the keys of the ranking (score, deposit date, number).
/// Only an index: it lets the pre-selection of a vacancy read the demands wishing its commune and typology in ranking order
/// (two ordered ranges merged) instead of walking the whole file; the domain (<c>Preselection</c>) still checks each demand read.
/// The rows of a demand are a function of it (<see cref="Pour"/>), rewritten by <see cref="LogisDbContext"/> on each save of the
/// demand, by the import's COPY and by the rescoring (score only). BENCHMARKS.md, « Présélection ».
/// </summary>
public sealed class EntreePreselection
{
    /// <summary>The commune marker of a demand wishing the whole EPCI (one row per typology instead of one per commune).</summary>
    public const string ToutEpci = "*";

    public required DemandeId DemandeId { get; init; }
    public required Siren EpciSiren { get; init; }
    public required string Commune { get; init; }
    public required string Typologie { get; init; }
    public int? Total { get; set; }
    public DateOnly DateDepot { get; set; }
    public required string Numero { get; set; }

    /// <summary>Persons to house (the content's persons, whatever the day): with <see cref="LoyerMaximumCentimes"/>, what lets the
    /// pre-selection exclude a demand from the index alone (<c>Preselection.ExclueParSonResume</c>) without loading its content.</summary>
    public int NombrePersonnes { get; set; }

    /// <summary>The maximum rent and charges wished, in cents rounded up (none: no maximum). Rounded up, a dwelling above it is above
    /// the exact maximum too: the exclusion it supports is never wrong.</summary>
    public int? LoyerMaximumCentimes { get; set; }

    /// <summary>The maximum rent wished as the index holds it (rounded up to the cent), in euros.</summary>
    public decimal? LoyerMaximum => LoyerMaximumCentimes / 100m;

    /// <summary>Cents rounded up, capped (a maximum beyond the cap excludes nothing a real rent could reach).</summary>
    public static int? Centimes(decimal? euros) => euros is { } e ? (int)Math.Min(Math.Ceiling(e * 100m), int.MaxValue) : null;

    /// <summary>
    /// The rows a demand must have: none unless it is active; else one per wished typology and wished commune (or one per typology
    /// with the <see cref="ToutEpci"/> marker when it wishes the whole EPCI), each with its current score <paramref name="total"/>.
    /// </summary>
    public static IEnumerable<EntreePreselection> Pour(Demande demande, Siren epci, int? total)
    {
        ArgumentNullException.ThrowIfNull(demande);
        // A legal entity's demand (CCH L442-8-1) has no household to weigh against a dwelling: never a candidate of the pre-selection.
        if (demande.Statut != StatutDemande.Active || demande.Contenu.EstPersonneMorale) yield break;
        var s = demande.Contenu.Souhaits;
        IEnumerable<string> communes = s.ToutEpci ? [ToutEpci] : s.Communes.Select(c => c.Value).Distinct();
        foreach (var commune in communes)
            foreach (var t in s.Typologies.Distinct())
                yield return new EntreePreselection
                {
                    DemandeId = demande.Id, EpciSiren = epci, Commune = commune, Typologie = t.ToString(), Total = total, DateDepot = demande.DateDepot,
                    Numero = demande.Numero.Valeur, NombrePersonnes = demande.Contenu.Personnes.Count, LoyerMaximumCentimes = Centimes(s.LoyerMaximum),
                };
    }

    /// <summary>Same key (demand, commune, typology).</summary>
    public bool MemeCle(EntreePreselection autre) => autre is not null && DemandeId == autre.DemandeId && Commune == autre.Commune && Typologie == autre.Typologie;

    public static void Configurer(ModelBuilder modelBuilder, bool sqlite)
    {
        modelBuilder.Entity<EntreePreselection>(e =>
        {
            e.ToTable("preselection_demande");
            e.HasKey(x => new { x.DemandeId, x.Commune, x.Typologie });
            e.Property(x => x.Commune).HasMaxLength(5);
            e.Property(x => x.Typologie).HasMaxLength(2);
            e.Property(x => x.Numero).HasMaxLength(NumeroUnique.Longueur);
            // Numbers are compared as the domain does (ordinal): PostgreSQL's "C" collation (SQLite compares text bytewise already).
            if (!sqlite) e.Property(x => x.Numero).UseCollation("C");
            // The ranking order of Preselection.Ordre: score descending with the unscored last, deposit date, number. The two ranges
            // of a pre-selection (commune, whole EPCI) are read in this order from this index, without sorting.
            var ordre = e.HasIndex(x => new { x.EpciSiren, x.Commune, x.Typologie, x.Total, x.DateDepot, x.Numero, x.DemandeId }, "IX_preselection_demande_ordre")
                .IsDescending(false, false, false, true, false, false, false)
                .HasNullSortOrder(NullSortOrder.Unspecified, NullSortOrder.Unspecified, NullSortOrder.Unspecified, NullSortOrder.NullsLast,
                    NullSortOrder.Unspecified, NullSortOrder.Unspecified, NullSortOrder.Unspecified);
            e.Ignore(x => x.LoyerMaximum);
            // Carried by the index (not keys): the pre-selection reads them with the ranking, from the index alone (index-only scan).
            if (!sqlite) ordre.IncludeProperties(x => new { x.NombrePersonnes, x.LoyerMaximumCentimes });
            e.HasOne<Demande>().WithMany().HasForeignKey(x => x.DemandeId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
