using System.Diagnostics;
using Logis.Domain.Cotation;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Logis.Persistence.Demandes;
using Logis.Persistence.Seed;
using Microsoft.EntityFrameworkCore;

namespace Logis.Persistence.Cotation;

/// <summary>Outcome of a rescoring: demands read, demands scored (those of a territory with a grid in force), duration.</summary>
public sealed record ResultatRecalcul(int Demandes, int Cotees, int SansGrille, TimeSpan Duree);

/// <summary>
/// Batch rescoring of every active demand (<c>logis cotation recalculer</c>, the web background job): each demand is
/// mapped to facts at <c>date</c> (<see cref="FaitsDepuisDemande"/>), scored with the compiled grid in force
/// (<see cref="GrilleCompilee.Calculer"/>) and its score written back. All the writing happens in ONE transaction: either
/// every stored score moves to the new grid, or none does (a rescoring interrupted halfway never leaves demands ranked
/// under two grids).
/// <para>
/// On PostgreSQL, a streamed pipeline that reads only the stored scoring elements of each demand (<c>cotation_demande</c>),
/// scores on every core and writes by binary COPY then one set-based update (<see cref="RecalculPostgres"/>). On SQLite
/// (the embedded demo database), the aggregates are loaded by lots of <see cref="TailleLot"/> through EF Core, their scores
/// kept in a temporary table, then written by one set-based update in one short transaction. Both give the same scores (<c>RecalculCotationTests</c>).
/// </para>
/// </summary>
public static class RecalculCotation
{
    public const int TailleLot = 5_000;

    /// <param name="avantEcriture">Test hook (PostgreSQL): called once every score is computed, before any is written, inside the transaction.</param>
    public static async Task<ResultatRecalcul> RecalculerAsync(LogisDbContext db, Func<Siren, JeuGrilles?> jeuEnVigueur, DateOnly date,
        DateTimeOffset maintenant, Siren? epci, IProgress<Avancement>? progression = null, Func<CancellationToken, Task>? avantEcriture = null,
        CancellationToken ct = default)
    {
        var chrono = Stopwatch.StartNew();
        if (db.Database.IsNpgsql())
            return await RecalculPostgres.RecalculerAsync(db, jeuEnVigueur, date, maintenant, epci, progression, chrono, avantEcriture, ct);
        var actives = db.Demandes.AsNoTracking().Where(d => d.Statut == StatutDemande.Active);
        if (epci is { } e) actives = actives.Where(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == e);
        var ids = await actives.Select(d => new { d.Id, Epci = EF.Property<Siren>(d, ColonnesDemande.Epci) }).ToListAsync(ct);
        var total = ids.Count;
        int fait = 0, cotees = 0, sansGrille = 0;
        progression?.Report(new Avancement("Demandes", 0, total));

        // The scores are computed lot by lot and kept in a temporary table of the connection (SQLite's temp database: writing
        // it takes no lock on the file), then moved into cotation_demande by ONE set-based update in one short transaction: the
        // rescoring stays all or nothing, and the other writers wait for that update only, never for the whole computation
        // (issue 13, item 5).
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var ecrivain = new EcrivainSqlite(db);
            await ecrivain.PreparerAsync(ct);
            foreach (var parEpci in ids.GroupBy(x => x.Epci))
            {
                var jeu = jeuEnVigueur(parEpci.Key);
                foreach (var lot in parEpci.Select(x => x.Id).Chunk(TailleLot))
                {
                    if (jeu is null)
                    {
                        sansGrille += lot.Length;
                    }
                    else
                    {
                        // The elements as they are before the demands are read: a demand changed after this instant has other
                        // elements at the final update, which leaves its newer score alone (as xmin does on PostgreSQL).
                        var liste = lot.ToList();
                        var elements = await db.CotationsDemandes.AsNoTracking().Where(c => liste.Contains(c.DemandeId))
                            .ToDictionaryAsync(c => c.DemandeId, c => c.Elements, ct);
                        var demandes = await ChargerAsync(db, lot, ct);
                        var lignes = new List<(Guid Id, int Total, string Grille, string Version, byte[] Elements)>(demandes.Count);
                        foreach (var d in demandes)
                        {
                            if (!elements.TryGetValue(d.Id, out var avant) || d.Contenu.EstPersonneMorale) continue;
                            var faits = FaitsDepuisDemande.Construire(d, date);
                            var grille = jeu.Pour(in faits);
                            lignes.Add((d.Id.Value, grille.Calculer(in faits), grille.Grille.Id, grille.Grille.Version, avant));
                        }
                        await ecrivain.RetenirAsync(lignes, ct);
                    }
                    fait += lot.Length;
                    progression?.Report(new Avancement("Demandes", fait, total));
                }
            }
            cotees = await ecrivain.EcrireAsync(maintenant, ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
        return new ResultatRecalcul(total, cotees, sansGrille, chrono.Elapsed);
    }

    /// <summary>A lot of demands with their timeline and priority situations, untracked (split query: no cartesian product).</summary>
    public static async Task<List<Demande>> ChargerAsync(LogisDbContext db, IReadOnlyCollection<DemandeId> ids, CancellationToken ct)
    {
        var liste = ids.ToList();
        return await db.Demandes.AsNoTracking().AsSplitQuery().Where(d => liste.Contains(d.Id)).ToListAsync(ct);
    }

    /// <summary>Keeps the computed scores in <c>temp.recalcul_cotation</c>, then writes them all in one update.</summary>
    private sealed class EcrivainSqlite(LogisDbContext db)
    {
        public async Task PreparerAsync(CancellationToken ct)
        {
            await ExecuterAsync("""
                CREATE TEMP TABLE IF NOT EXISTS recalcul_cotation ("DemandeId" TEXT PRIMARY KEY, "Total" INTEGER NOT NULL, "GrilleId" TEXT NOT NULL, "Version" TEXT NOT NULL, "Elements" BLOB NOT NULL);
                DELETE FROM temp.recalcul_cotation;
                """, ct);
        }

        public async Task RetenirAsync(List<(Guid Id, int Total, string Grille, string Version, byte[] Elements)> lignes, CancellationToken ct)
        {
            var connexion = db.Database.GetDbConnection();
            await using var tx = await connexion.BeginTransactionAsync(ct);
            await using var cmd = connexion.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = """INSERT INTO temp.recalcul_cotation ("DemandeId", "Total", "GrilleId", "Version", "Elements") VALUES ($id, $total, $grille, $version, $elements)""";
            var id = Parametre(cmd, "$id");
            var total = Parametre(cmd, "$total");
            var grille = Parametre(cmd, "$grille");
            var version = Parametre(cmd, "$version");
            var elements = Parametre(cmd, "$elements");
            await cmd.PrepareAsync(ct);
            foreach (var l in lignes)
            {
                elements.Value = l.Elements;
                // EF Core's SQLite provider stores Guids as upper-case text.
                id.Value = l.Id.ToString().ToUpperInvariant();
                total.Value = l.Total;
                grille.Value = l.Grille;
                version.Value = l.Version;
                await cmd.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
        }

        public async Task<int> EcrireAsync(DateTimeOffset quand, CancellationToken ct)
        {
            var connexion = db.Database.GetDbConnection();
            await using var tx = await connexion.BeginTransactionAsync(ct);
            await using var cmd = connexion.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = """
                UPDATE cotation_demande SET "Total" = r."Total", "GrilleId" = r."GrilleId", "Version" = r."Version", "CalculeeLe" = $quand
                FROM temp.recalcul_cotation AS r WHERE cotation_demande."DemandeId" = r."DemandeId" AND cotation_demande."Elements" = r."Elements"
                """;
            // Same text as EF Core's SQLite DateTimeOffset mapping, so that EF reads it back.
            Parametre(cmd, "$quand").Value = quand.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture);
            var ecrites = await cmd.ExecuteNonQueryAsync(ct);
            // The pre-selection index carries the score (its ranking key): its rows take the score now stored, where it changed.
            await using (var index = connexion.CreateCommand())
            {
                index.Transaction = tx;
                index.CommandText = """
                    UPDATE preselection_demande SET "Total" = c."Total"
                    FROM cotation_demande AS c JOIN temp.recalcul_cotation AS r ON r."DemandeId" = c."DemandeId"
                    WHERE preselection_demande."DemandeId" = c."DemandeId" AND preselection_demande."Total" IS NOT c."Total"
                    """;
                await index.ExecuteNonQueryAsync(ct);
            }
            await tx.CommitAsync(ct);
            // Committed on the raw connection, out of EF Core's sight: the figures kept in memory from the scores are stale.
            GenerationDonnees.Avancer(db);
            await ExecuterAsync("DELETE FROM temp.recalcul_cotation", ct);
            return ecrites;
        }

        private async Task ExecuterAsync(string sql, CancellationToken ct)
        {
            await using var cmd = db.Database.GetDbConnection().CreateCommand();
            cmd.CommandText = sql;
            await cmd.ExecuteNonQueryAsync(ct);
        }

        private static System.Data.Common.DbParameter Parametre(System.Data.Common.DbCommand cmd, string nom)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = nom;
            cmd.Parameters.Add(p);
            return p;
        }
    }
}
