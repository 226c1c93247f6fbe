using Logis.Domain.Cotation;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Logis.Persistence.Seed;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Logis.Persistence.Cotation;

/// <summary>
/// The batch rescoring on PostgreSQL (BENCHMARKS.md, « Cotation en lot »; ADR 0007), in one transaction:
/// <list type="number">
/// <item>one streamed query on a second connection reads, per active demand, its id, the version of its row of
/// <c>cotation_demande</c> (<c>xmin</c>) and its stored scoring elements (<see cref="ElementsStockes"/>, about a hundred
/// bytes) — never the demand itself;</item>
/// <item>each row is decoded, its facts built with the same rule as the aggregate
/// (<see cref="FaitsDepuisDemande.Construire(in ElementsCotation, DateOnly, Domain.Eligibilite.EchelleUnitesConsommation?, Domain.Eligibilite.NormesOccupation?)"/>),
/// scored with the compiled grid and written at once by binary COPY (<see cref="EcrivainCopieBinaire"/>) into a temporary
/// table on the transaction's connection. One thread does the three: the two connections' socket buffers pipeline the
/// reading server, this loop and the writing server (on two cores, handing lots between threads cost more than it gave);</item>
/// <item>one <c>UPDATE … FROM</c> rewrites the rows in place (HOT updates: the table keeps free room on its pages and no
/// index covers the score). A row changed since it was read (the demand was saved meanwhile, and scored by that save)
/// keeps its newer score.</item>
/// </list>
/// </summary>
internal static class RecalculPostgres
{
    public static async Task<ResultatRecalcul> RecalculerAsync(LogisDbContext db, Func<Siren, JeuGrilles?> jeuEnVigueur, DateOnly date,
        DateTimeOffset maintenant, Siren? epci, IProgress<Avancement>? progression, System.Diagnostics.Stopwatch chrono,
        Func<CancellationToken, Task>? avantEcriture, CancellationToken ct)
    {
        // Active demands per EPCI (index-only on demande (EpciSiren, Statut)): the total for the progress, the EPCIs without a grid.
        var parEpci = new List<(string Epci, int Nombre)>();
        await db.Database.OpenConnectionAsync(ct);
        Trace(chrono, "connexion");
        try
        {
            var connexion = (NpgsqlConnection)db.Database.GetDbConnection();
            // Two texts rather than « @epci IS NULL OR … »: a generic plan of that form scans the whole table.
            await using (var cmd = new NpgsqlCommand(epci is null
                ? "SELECT \"EpciSiren\", count(*)::int FROM demande WHERE \"Statut\" = @active GROUP BY 1"
                : "SELECT \"EpciSiren\", count(*)::int FROM demande WHERE \"EpciSiren\" = @epci AND \"Statut\" = @active GROUP BY 1", connexion))
            {
                cmd.Parameters.AddWithValue("active", (int)StatutDemande.Active);
                if (epci is { } filtre) cmd.Parameters.Add(new NpgsqlParameter("epci", NpgsqlDbType.Text) { Value = filtre.Value });
                await using var lecteur = await cmd.ExecuteReaderAsync(ct);
                while (await lecteur.ReadAsync(ct)) parEpci.Add((lecteur.GetString(0), lecteur.GetInt32(1)));
            }
            Trace(chrono, "decompte");
            var total = parEpci.Sum(x => x.Nombre);
            progression?.Report(new Avancement("Demandes", 0, total));

            // The grids: each EPCI with a set in force gets an index; each distinct grid a number written with the score.
            var epcis = new List<string>();
            var jeux = new List<(JeuGrilles Jeu, short Primo, short Mutation)>();
            var grilles = new List<GrilleCompilee>();
            short Numero(GrilleCompilee g)
            {
                var i = grilles.IndexOf(g);
                if (i < 0) { grilles.Add(g); i = grilles.Count - 1; }
                return (short)i;
            }
            var sansGrille = 0;
            foreach (var (code, nombre) in parEpci)
            {
                if (jeuEnVigueur(Siren.Create(code)) is not { } jeu) { sansGrille += nombre; continue; }
                epcis.Add(code);
                jeux.Add((jeu, Numero(jeu.PrimoDemandeurs), jeu.Mutation is null ? (short)-1 : Numero(jeu.Mutation)));
            }

            var cotees = 0;
            var strategie = db.Database.CreateExecutionStrategy();
            await strategie.ExecuteAsync(async () =>
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await Executer(connexion, """
                    SET LOCAL jit = off;
                    SET LOCAL work_mem = '256MB';
                    CREATE TEMP TABLE cotation_lot ("DemandeId" uuid NOT NULL, "Lu" xid NOT NULL, "Total" integer NOT NULL, "Grille" smallint NOT NULL) ON COMMIT DROP;
                    """, ct);
                Trace(chrono, "debut");
                if (epcis.Count > 0) await CoterEtCopierAsync(connexion, epcis, jeux, date, total, progression, ct);
                Trace(chrono, "copie");
                await Executer(connexion, "ANALYZE cotation_lot", ct);
                Trace(chrono, "analyze");
                if (avantEcriture is not null) await avantEcriture(ct);
                await using (var cmd = new NpgsqlCommand("""
                    UPDATE cotation_demande c SET "Total" = l."Total", "GrilleId" = g.grille, "Version" = g.version, "CalculeeLe" = @quand
                    FROM cotation_lot l JOIN unnest(@rangs, @ids, @versions) AS g(rang, grille, version) ON g.rang = l."Grille"
                    WHERE c."DemandeId" = l."DemandeId" AND c.xmin = l."Lu"
                    """, connexion) { CommandTimeout = 0 })
                {
                    cmd.Parameters.AddWithValue("quand", maintenant.ToUniversalTime());
                    cmd.Parameters.AddWithValue("rangs", Enumerable.Range(0, grilles.Count).Select(i => (short)i).ToArray());
                    cmd.Parameters.AddWithValue("ids", grilles.Select(g => g.Grille.Id).ToArray());
                    cmd.Parameters.AddWithValue("versions", grilles.Select(g => g.Grille.Version).ToArray());
                    cotees = await cmd.ExecuteNonQueryAsync(ct);
                }
                Trace(chrono, "update");
                // The pre-selection index carries the score (its ranking key): its rows take the score now stored, where it changed.
                await Executer(connexion, """
                    UPDATE preselection_demande p SET "Total" = c."Total"
                    FROM cotation_lot l JOIN cotation_demande c ON c."DemandeId" = l."DemandeId"
                    WHERE p."DemandeId" = l."DemandeId" AND p."Total" IS DISTINCT FROM c."Total"
                    """, ct);
                Trace(chrono, "preselection");
                await tx.CommitAsync(ct);
                Trace(chrono, "commit");
            });
            return new ResultatRecalcul(total, cotees, sansGrille, chrono.Elapsed);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void Trace(System.Diagnostics.Stopwatch chrono, string etape)
    {
        if (Environment.GetEnvironmentVariable("LOGIS_TRACE_RECALCUL") is not null)
            Console.Error.WriteLine($"[recalcul] {etape} {chrono.Elapsed.TotalSeconds:F2} s cpu {Environment.CpuUsage.TotalTime.TotalSeconds:F2} s");
    }

    private static async Task Executer(NpgsqlConnection connexion, string sql, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(sql, connexion) { CommandTimeout = 0 };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Every active demand of <paramref name="epcis"/> read, scored and copied into the temporary table.</summary>
    private static async Task CoterEtCopierAsync(NpgsqlConnection connexion, List<string> epcis, List<(JeuGrilles Jeu, short Primo, short Mutation)> jeux,
        DateOnly date, int total, IProgress<Avancement>? progression, CancellationToken ct)
    {
        // The reader: its own connection (the transaction's one carries the COPY in), a snapshot of committed rows; same
        // server and credentials, a larger read buffer.
        var chaine = new NpgsqlConnectionStringBuilder(connexion.ConnectionString) { ReadBufferSize = 1 << 18 };
        await using var source = connexion.CloneWith(chaine.ConnectionString);
        await source.OpenAsync(ct);
        await using var cmd = new NpgsqlCommand("""
            SELECT "DemandeId", xmin, array_position(@epcis, "EpciSiren"::text) - 1, "Elements"
            FROM cotation_demande WHERE "Statut" = @active AND "EpciSiren" = ANY(@epcis)
            """, source) { CommandTimeout = 0 };
        cmd.Parameters.AddWithValue("epcis", epcis.ToArray());
        cmd.Parameters.AddWithValue("active", (int)StatutDemande.Active);
        await using var lecteur = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        var entree = await connexion.BeginRawBinaryCopyAsync("COPY cotation_lot (\"DemandeId\", \"Lu\", \"Total\", \"Grille\") FROM STDIN (FORMAT BINARY)", ct);
        try
        {
            var ecrivain = new EcrivainCopieBinaire(entree);
            var elements = new byte[256];
            var personnes = new PersonneCotation[8];
            var fait = 0;
            while (lecteur.Read())
            {
                var id = lecteur.GetGuid(0);
                var lu = lecteur.GetFieldValue<uint>(1);
                var (jeu, primo, mutation) = jeux[lecteur.GetInt32(2)];
                var taille = (int)lecteur.GetBytes(3, 0, null, 0, 0);
                if (taille > elements.Length) elements = new byte[taille * 2];
                lecteur.GetBytes(3, 0, elements, 0, taille);
                // A legal entity's demand is never scored: its row keeps no total.
                if (Coter(elements.AsSpan(0, taille), ref personnes, jeu, date) is not var (points, primoDemandeur)) continue;
                ecrivain.Ligne(4);
                ecrivain.Uuid(id);
                ecrivain.UInt32(lu);
                ecrivain.Int32(points);
                ecrivain.Int16(primoDemandeur ? primo : mutation);
                if (++fait % 16_384 == 0)
                {
                    ct.ThrowIfCancellationRequested();
                    progression?.Report(new Avancement("Demandes", Math.Min(fait, total), total));
                }
            }
            ecrivain.Terminer();
            progression?.Report(new Avancement("Demandes", Math.Min(fait, total), total));
        }
        catch
        {
            // The transaction is rolled back by the caller; the COPY in is abandoned, not committed half-way.
            await entree.CancelAsync();
            throw;
        }
        finally
        {
            await entree.DisposeAsync();
        }
    }

    /// <summary>The score of one demand from its stored elements: total, and whether the first-time applicants' grid gave it.</summary>
    private static (int Total, bool Primo)? Coter(ReadOnlySpan<byte> octets, ref PersonneCotation[] personnes, JeuGrilles jeu, DateOnly date)
    {
        var e = default(ElementsCotation);
        ElementsStockes.Lire(octets, ref e, ref personnes);
        if (e.PersonneMorale) return null;
        var faits = FaitsDepuisDemande.Construire(in e, date);
        var grille = jeu.Pour(in faits);
        return (grille.Calculer(in faits), ReferenceEquals(grille, jeu.PrimoDemandeurs));
    }
}
