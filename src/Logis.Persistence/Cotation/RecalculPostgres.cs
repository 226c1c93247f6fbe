using System.Threading.Channels;
using Logis.Domain.Cotation;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Logis.Persistence.Seed;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Logis.Persistence.Cotation;

/// <summary>
/// The batch rescoring on PostgreSQL, as a pipeline over the whole set of active demands (BENCHMARKS.md, « Cotation en
/// lot »):
/// <list type="number">
/// <item>one streamed query on a second connection reads, per active demand, only what the cotation needs: id, deposit
/// date, the JSON content as raw bytes, its priority situations as two bit sets and its refusals (count, date of the
/// last one), aggregated by PostgreSQL;</item>
/// <item>workers (one per core) read the needed fields of the JSON (<see cref="ContenuCotation"/>, no revalidation),
/// build the facts with the same rule as the aggregate (<see cref="FaitsDepuisDemande.Construire(in ElementsCotation, DateOnly, Domain.Eligibilite.EchelleUnitesConsommation?, Domain.Eligibilite.NormesOccupation?)"/>)
/// and score them with the compiled grid;</item>
/// <item>the writer streams the scores by binary COPY into a temporary table, in the transaction, then one set-based
/// statement brings <c>cotation_demande</c> up to date.</item>
/// </list>
/// Batches of <see cref="TailleLot"/> demands circulate between the three stages and are reused (no per-demand object).
/// </summary>
internal static class RecalculPostgres
{
    public const int TailleLot = 2_048;

    private sealed class Lot
    {
        public readonly Guid[] Ids = new Guid[TailleLot];
        public readonly int[] Jeux = new int[TailleLot];
        public readonly DateOnly[] Depots = new DateOnly[TailleLot];
        public readonly int[] Priorites = new int[TailleLot];
        public readonly int[] Validees = new int[TailleLot];
        public readonly int[] Refus = new int[TailleLot];
        public readonly DateOnly[] DerniersRefus = new DateOnly[TailleLot];
        public readonly int[] Debuts = new int[TailleLot + 1];
        public byte[] Contenus = new byte[TailleLot * 1_024];
        public readonly int[] Totaux = new int[TailleLot];
        public readonly short[] Grilles = new short[TailleLot];
        public int Nombre;
    }

    public static async Task<ResultatRecalcul> RecalculerAsync(LogisDbContext db, Func<Siren, JeuGrilles?> jeuEnVigueur, DateOnly date,
        DateTimeOffset maintenant, Siren? epci, IProgress<Avancement>? progression, System.Diagnostics.Stopwatch chrono, CancellationToken ct)
    {
        // Active demands per EPCI (index-only on (EpciSiren, Statut)): the total for the progress, the EPCIs without a grid.
        var parEpci = new List<(string Epci, int Nombre)>();
        await db.Database.OpenConnectionAsync(ct);
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
                    CREATE TEMP TABLE cotation_lot ("DemandeId" uuid NOT NULL, "Total" integer NOT NULL, "Grille" smallint NOT NULL) ON COMMIT DROP;
                    """, ct);
                Trace(chrono, "debut");
                cotees = epcis.Count == 0 ? 0 : await CoterEtCopierAsync(connexion, epcis, jeux, date, total, progression, ct);
                Trace(chrono, "copie");
                await Executer(connexion, "ANALYZE cotation_lot", ct);
                Trace(chrono, "analyze");
                await using (var cmd = new NpgsqlCommand("""
                    INSERT INTO cotation_demande ("DemandeId", "Total", "GrilleId", "Version", "CalculeeLe")
                    SELECT l."DemandeId", l."Total", g.grille, g.version, @quand
                    FROM cotation_lot l JOIN unnest(@rangs, @ids, @versions) AS g(rang, grille, version) ON g.rang = l."Grille"
                    ON CONFLICT ("DemandeId") DO UPDATE SET "Total" = EXCLUDED."Total", "GrilleId" = EXCLUDED."GrilleId",
                        "Version" = EXCLUDED."Version", "CalculeeLe" = EXCLUDED."CalculeeLe"
                    """, connexion) { CommandTimeout = 0 })
                {
                    cmd.Parameters.AddWithValue("quand", maintenant.ToUniversalTime());
                    cmd.Parameters.AddWithValue("rangs", Enumerable.Range(0, grilles.Count).Select(i => (short)i).ToArray());
                    cmd.Parameters.AddWithValue("ids", grilles.Select(g => g.Grille.Id).ToArray());
                    cmd.Parameters.AddWithValue("versions", grilles.Select(g => g.Grille.Version).ToArray());
                    await cmd.ExecuteNonQueryAsync(ct);
                }
                Trace(chrono, "upsert");
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

    /// <summary>Runs the pipeline; returns the number of demands scored.</summary>
    private static async Task<int> CoterEtCopierAsync(NpgsqlConnection connexion, List<string> epcis, List<(JeuGrilles Jeu, short Primo, short Mutation)> jeux,
        DateOnly date, int total, IProgress<Avancement>? progression, CancellationToken ct)
    {
        var travailleurs = Math.Max(1, Environment.ProcessorCount);
        using var arret = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var libres = Channel.CreateUnbounded<Lot>();
        for (var i = 0; i < (2 * travailleurs) + 4; i++) libres.Writer.TryWrite(new Lot());
        var lus = Channel.CreateUnbounded<Lot>(new UnboundedChannelOptions { SingleWriter = true });
        var cotes = Channel.CreateUnbounded<Lot>(new UnboundedChannelOptions { SingleReader = true });

        // The reader: its own connection (the transaction's one is busy with the COPY), a snapshot of committed demands.
        var lecture = Task.Run(async () =>
        {
            try
            {
                // Same server and credentials; a larger read buffer: about 1 KB of JSON per demand, a gigabyte per million.
                var chaine = new NpgsqlConnectionStringBuilder(connexion.ConnectionString) { ReadBufferSize = 1 << 20 };
                await using var source = connexion.CloneWith(chaine.ConnectionString);
                await source.OpenAsync(arret.Token);
                await Lire(source, epcis, libres.Reader, lus.Writer, arret.Token);
                lus.Writer.Complete();
            }
            catch (Exception e)
            {
                lus.Writer.Complete(e);
                await arret.CancelAsync();
                throw;
            }
        }, arret.Token);

        var calcul = Enumerable.Range(0, travailleurs).Select(_ => Task.Run(async () =>
        {
            try
            {
                var contenu = new ContenuCotation();
                await foreach (var lot in lus.Reader.ReadAllAsync(arret.Token))
                {
                    Coter(lot, contenu, jeux, date);
                    await cotes.Writer.WriteAsync(lot, arret.Token);
                }
            }
            catch
            {
                await arret.CancelAsync();
                throw;
            }
        }, arret.Token)).ToArray();
        var finCalcul = Task.WhenAll(calcul).ContinueWith(t => cotes.Writer.Complete(t.Exception), TaskScheduler.Default);

        var ecrites = 0;
        try
        {
            await using var copie = await connexion.BeginBinaryImportAsync(
                "COPY cotation_lot (\"DemandeId\", \"Total\", \"Grille\") FROM STDIN (FORMAT BINARY)", arret.Token);
            await foreach (var lot in cotes.Reader.ReadAllAsync(arret.Token))
            {
                for (var i = 0; i < lot.Nombre; i++)
                {
                    copie.StartRow();
                    copie.Write(lot.Ids[i], NpgsqlDbType.Uuid);
                    copie.Write(lot.Totaux[i], NpgsqlDbType.Integer);
                    copie.Write(lot.Grilles[i], NpgsqlDbType.Smallint);
                }
                ecrites += lot.Nombre;
                lot.Nombre = 0;
                libres.Writer.TryWrite(lot);
                progression?.Report(new Avancement("Demandes", Math.Min(ecrites, total), total));
            }
            await copie.CompleteAsync(arret.Token);
        }
        catch (Exception erreur)
        {
            await arret.CancelAsync();
            // The first failure of a stage is the one to report, not the cancellations it caused in the others.
            await Task.WhenAll([lecture, .. calcul]).ContinueWith(_ => { }, TaskScheduler.Default);
            var cause = new[] { lecture }.Concat(calcul).Select(t => t.Exception?.InnerException)
                .FirstOrDefault(x => x is not null and not OperationCanceledException);
            if (cause is not null && erreur is OperationCanceledException or ChannelClosedException or AggregateException)
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(cause);
            throw;
        }
        await lecture;
        await finCalcul;
        return ecrites;
    }

    private static async Task Lire(NpgsqlConnection source, List<string> epcis, ChannelReader<Lot> libres, ChannelWriter<Lot> lus, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT d."Id", array_position(@epcis, d."EpciSiren"::text) - 1, d."DateDepot", d."Contenu",
                   coalesce(p.priorites, 0), coalesce(p.validees, 0), coalesce(r.nombre, 0), r.dernier
            FROM demande d
            LEFT JOIN (SELECT "DemandeId", bit_or(1 << "Critere") AS priorites,
                              bit_or(CASE WHEN "Statut" = @validee THEN 1 << "Critere" ELSE 0 END) AS validees
                       FROM demande_situation_prioritaire WHERE "Critere" BETWEEN 0 AND 30 GROUP BY "DemandeId") p ON p."DemandeId" = d."Id"
            LEFT JOIN (SELECT "DemandeId", count(*)::int AS nombre, (array_agg("Quand" ORDER BY "Rang" DESC))[1] AS dernier
                       FROM demande_evenement WHERE "Type" = @refus GROUP BY "DemandeId") r ON r."DemandeId" = d."Id"
            WHERE d."Statut" = @active AND d."EpciSiren" = ANY(@epcis)
            """, source) { CommandTimeout = 0 };
        cmd.Parameters.AddWithValue("epcis", epcis.ToArray());
        cmd.Parameters.AddWithValue("validee", (int)StatutJustification.ValideeParAgentHabilite);
        cmd.Parameters.AddWithValue("refus", (int)TypeEvenementDemande.Refus);
        cmd.Parameters.AddWithValue("active", (int)StatutDemande.Active);
        await using var lecteur = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        var lot = await libres.ReadAsync(ct);
        var fin = 0;
        while (lecteur.Read())
        {
            var i = lot.Nombre;
            lot.Ids[i] = lecteur.GetGuid(0);
            lot.Jeux[i] = lecteur.GetInt32(1);
            lot.Depots[i] = lecteur.GetFieldValue<DateOnly>(2);
            using (var flux = lecteur.GetStream(3))
            {
                while (true)
                {
                    if (fin == lot.Contenus.Length) Array.Resize(ref lot.Contenus, lot.Contenus.Length * 2);
                    var n = flux.Read(lot.Contenus, fin, lot.Contenus.Length - fin);
                    if (n == 0) break;
                    fin += n;
                }
            }
            lot.Debuts[i + 1] = fin;
            lot.Priorites[i] = lecteur.GetInt32(4);
            lot.Validees[i] = lecteur.GetInt32(5);
            lot.Refus[i] = lecteur.GetInt32(6);
            lot.DerniersRefus[i] = lecteur.IsDBNull(7) ? default : DateOnly.FromDateTime(lecteur.GetFieldValue<DateTime>(7));
            lot.Nombre = i + 1;
            if (lot.Nombre == TailleLot)
            {
                await lus.WriteAsync(lot, ct);
                lot = await libres.ReadAsync(ct);
                fin = 0;
            }
        }
        if (lot.Nombre > 0) await lus.WriteAsync(lot, ct);
    }

    private static void Coter(Lot lot, ContenuCotation contenu, List<(JeuGrilles Jeu, short Primo, short Mutation)> jeux, DateOnly date)
    {
        for (var i = 0; i < lot.Nombre; i++)
        {
            var e = new ElementsCotation
            {
                DateDepot = lot.Depots[i],
                Priorites = lot.Priorites[i],
                PrioritesValidees = lot.Validees[i],
                Refus = lot.Refus[i],
                DernierRefus = lot.Refus[i] > 0 ? lot.DerniersRefus[i] : null,
            };
            contenu.Lire(lot.Contenus.AsSpan(lot.Debuts[i], lot.Debuts[i + 1] - lot.Debuts[i]), ref e);
            var faits = FaitsDepuisDemande.Construire(in e, date);
            var (jeu, primo, mutation) = jeux[lot.Jeux[i]];
            var grille = jeu.Pour(in faits);
            lot.Totaux[i] = grille.Calculer(in faits);
            lot.Grilles[i] = ReferenceEquals(grille, jeu.PrimoDemandeurs) ? primo : mutation;
        }
    }
}
