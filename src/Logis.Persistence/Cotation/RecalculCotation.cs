using System.Diagnostics;
using Logis.Domain.Cotation;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Logis.Persistence.Demandes;
using Logis.Persistence.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace Logis.Persistence.Cotation;

/// <summary>Outcome of a rescoring: demands read, demands scored (those of a territory with a grid in force), duration.</summary>
public sealed record ResultatRecalcul(int Demandes, int Cotees, int SansGrille, TimeSpan Duree);

/// <summary>
/// Batch rescoring of every active demand (<c>logis cotation recalculer</c>, the web background job): demands are read
/// by lots of <see cref="TailleLot"/>, mapped to facts at <c>date</c> (<see cref="FaitsDepuisDemande"/>), scored with the
/// compiled grid in force (<see cref="GrilleCompilee.Calculer"/>) and written back. All the writing happens in ONE
/// transaction: either every stored score moves to the new grid, or none does (a rescoring interrupted halfway never
/// leaves demands ranked under two grids). On PostgreSQL each lot goes through a binary COPY into a temporary table and
/// one INSERT … ON CONFLICT; on SQLite, one prepared upsert per demand.
/// </summary>
public static class RecalculCotation
{
    public const int TailleLot = 5_000;

    public static async Task<ResultatRecalcul> RecalculerAsync(LogisDbContext db, Func<Siren, JeuGrilles?> jeuEnVigueur, DateOnly date,
        DateTimeOffset maintenant, Siren? epci, IProgress<Avancement>? progression = null, CancellationToken ct = default)
    {
        var chrono = Stopwatch.StartNew();
        var actives = db.Demandes.AsNoTracking().Where(d => d.Statut == StatutDemande.Active);
        if (epci is { } e) actives = actives.Where(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == e);
        var ids = await actives.Select(d => new { d.Id, Epci = EF.Property<Siren>(d, ColonnesDemande.Epci) }).ToListAsync(ct);
        var total = ids.Count;
        int fait = 0, cotees = 0, sansGrille = 0;
        progression?.Report(new Avancement("Demandes", 0, total));

        var strategie = db.Database.CreateExecutionStrategy();
        await strategie.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var ecrivain = db.Database.IsNpgsql() ? (IEcrivain)new EcrivainPostgres(db) : new EcrivainSqlite(db);
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
                        var demandes = await ChargerAsync(db, lot, ct);
                        var lignes = new List<(Guid Id, int Total, string Grille, string Version)>(demandes.Count);
                        foreach (var d in demandes)
                        {
                            var faits = FaitsDepuisDemande.Construire(d, date);
                            var grille = jeu.Pour(in faits);
                            lignes.Add((d.Id.Value, grille.Calculer(in faits), grille.Grille.Id, grille.Grille.Version));
                        }
                        await ecrivain.EcrireAsync(lignes, maintenant, ct);
                        cotees += lignes.Count;
                    }
                    fait += lot.Length;
                    progression?.Report(new Avancement("Demandes", fait, total));
                }
            }
            await tx.CommitAsync(ct);
        });
        return new ResultatRecalcul(total, cotees, sansGrille, chrono.Elapsed);
    }

    /// <summary>A lot of demands with their timeline and priority situations, untracked (split query: no cartesian product).</summary>
    public static async Task<List<Demande>> ChargerAsync(LogisDbContext db, IReadOnlyCollection<DemandeId> ids, CancellationToken ct)
    {
        var liste = ids.ToList();
        return await db.Demandes.AsNoTracking().AsSplitQuery().Where(d => liste.Contains(d.Id)).ToListAsync(ct);
    }

    private interface IEcrivain
    {
        Task PreparerAsync(CancellationToken ct);
        Task EcrireAsync(List<(Guid Id, int Total, string Grille, string Version)> lignes, DateTimeOffset quand, CancellationToken ct);
    }

    private sealed class EcrivainPostgres(LogisDbContext db) : IEcrivain
    {
        private NpgsqlConnection Connexion => (NpgsqlConnection)db.Database.GetDbConnection();

        public async Task PreparerAsync(CancellationToken ct) => await db.Database.ExecuteSqlRawAsync(
            "CREATE TEMP TABLE cotation_lot (\"DemandeId\" uuid, \"Total\" integer, \"GrilleId\" varchar(100), \"Version\" varchar(50)) ON COMMIT DROP", ct);

        public async Task EcrireAsync(List<(Guid Id, int Total, string Grille, string Version)> lignes, DateTimeOffset quand, CancellationToken ct)
        {
            await db.Database.ExecuteSqlRawAsync("TRUNCATE cotation_lot", ct);
            await using (var copie = await Connexion.BeginBinaryImportAsync(
                "COPY cotation_lot (\"DemandeId\", \"Total\", \"GrilleId\", \"Version\") FROM STDIN (FORMAT BINARY)", ct))
            {
                foreach (var l in lignes)
                {
                    await copie.StartRowAsync(ct);
                    await copie.WriteAsync(l.Id, NpgsqlDbType.Uuid, ct);
                    await copie.WriteAsync(l.Total, NpgsqlDbType.Integer, ct);
                    await copie.WriteAsync(l.Grille, NpgsqlDbType.Varchar, ct);
                    await copie.WriteAsync(l.Version, NpgsqlDbType.Varchar, ct);
                }
                await copie.CompleteAsync(ct);
            }
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO cotation_demande ("DemandeId", "Total", "GrilleId", "Version", "CalculeeLe")
                SELECT "DemandeId", "Total", "GrilleId", "Version", {quand.ToUniversalTime()} FROM cotation_lot
                ON CONFLICT ("DemandeId") DO UPDATE SET "Total" = EXCLUDED."Total", "GrilleId" = EXCLUDED."GrilleId",
                    "Version" = EXCLUDED."Version", "CalculeeLe" = EXCLUDED."CalculeeLe"
                """, ct);
        }
    }

    private sealed class EcrivainSqlite(LogisDbContext db) : IEcrivain
    {
        public Task PreparerAsync(CancellationToken ct) => Task.CompletedTask;

        public async Task EcrireAsync(List<(Guid Id, int Total, string Grille, string Version)> lignes, DateTimeOffset quand, CancellationToken ct)
        {
            var connexion = db.Database.GetDbConnection();
            await using var cmd = connexion.CreateCommand();
            cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            cmd.CommandText = """
                INSERT INTO cotation_demande ("DemandeId", "Total", "GrilleId", "Version", "CalculeeLe") VALUES ($id, $total, $grille, $version, $quand)
                ON CONFLICT ("DemandeId") DO UPDATE SET "Total" = excluded."Total", "GrilleId" = excluded."GrilleId",
                    "Version" = excluded."Version", "CalculeeLe" = excluded."CalculeeLe"
                """;
            var id = Parametre(cmd, "$id");
            var total = Parametre(cmd, "$total");
            var grille = Parametre(cmd, "$grille");
            var version = Parametre(cmd, "$version");
            // Same text as EF Core's SQLite DateTimeOffset mapping, so that EF reads it back.
            Parametre(cmd, "$quand").Value = quand.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture);
            await cmd.PrepareAsync(ct);
            foreach (var l in lignes)
            {
                // EF Core's SQLite provider stores Guids as upper-case text.
                id.Value = l.Id.ToString().ToUpperInvariant();
                total.Value = l.Total;
                grille.Value = l.Grille;
                version.Value = l.Version;
                await cmd.ExecuteNonQueryAsync(ct);
            }
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
