using System.Diagnostics;
using Logis.Domain.Cotation;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Logis.Persistence.Demandes;
using Logis.Persistence.Seed;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

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
/// (the embedded demo database), the aggregates are loaded by lots of <see cref="TailleLot"/> through EF Core and written
/// by one prepared update per demand. Both give the same scores (<c>RecalculCotationTests</c>).
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

        var strategie = db.Database.CreateExecutionStrategy();
        await strategie.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
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
                        var demandes = await ChargerAsync(db, lot, ct);
                        var lignes = new List<(Guid Id, int Total, string Grille, string Version)>(demandes.Count);
                        foreach (var d in demandes)
                        {
                            var faits = FaitsDepuisDemande.Construire(d, date);
                            var grille = jeu.Pour(in faits);
                            lignes.Add((d.Id.Value, grille.Calculer(in faits), grille.Grille.Id, grille.Grille.Version));
                        }
                        cotees += await ecrivain.EcrireAsync(lignes, maintenant, ct);
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

    private sealed class EcrivainSqlite(LogisDbContext db)
    {
        public Task PreparerAsync(CancellationToken ct) => Task.CompletedTask;

        public async Task<int> EcrireAsync(List<(Guid Id, int Total, string Grille, string Version)> lignes, DateTimeOffset quand, CancellationToken ct)
        {
            var connexion = db.Database.GetDbConnection();
            await using var cmd = connexion.CreateCommand();
            cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            cmd.CommandText = """
                UPDATE cotation_demande SET "Total" = $total, "GrilleId" = $grille, "Version" = $version, "CalculeeLe" = $quand WHERE "DemandeId" = $id
                """;
            var id = Parametre(cmd, "$id");
            var total = Parametre(cmd, "$total");
            var grille = Parametre(cmd, "$grille");
            var version = Parametre(cmd, "$version");
            // Same text as EF Core's SQLite DateTimeOffset mapping, so that EF reads it back.
            Parametre(cmd, "$quand").Value = quand.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", System.Globalization.CultureInfo.InvariantCulture);
            await cmd.PrepareAsync(ct);
            var ecrites = 0;
            foreach (var l in lignes)
            {
                // EF Core's SQLite provider stores Guids as upper-case text.
                id.Value = l.Id.ToString().ToUpperInvariant();
                total.Value = l.Total;
                grille.Value = l.Grille;
                version.Value = l.Version;
                ecrites += await cmd.ExecuteNonQueryAsync(ct);
            }
            return ecrites;
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
