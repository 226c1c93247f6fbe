using System.Buffers;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Logis.Persistence.Cotation;
using Logis.Persistence.Seed;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Logis.Persistence.Demandes.Fichier;

/// <summary>Outcome of an import: the analysis report, and how many demands were written (0 for a dry run or a refused file).</summary>
public sealed record ResultatImport(RapportAnalyse Rapport, bool Essai, int Importees)
{
    public bool EstValide => Rapport.EstValide;
}

/// <summary>
/// Imports a demand file into the demand register of an EPCI. <b>All or nothing</b>: if one line is broken (or its number
/// already in the database) nothing is written. Otherwise every demand, its registration event, the numbering sequences and
/// one audit row are written in ONE transaction: a failure, a cancellation or a killed process leaves the database as it
/// was. A direct import writes while it analyses, in that transaction, and rolls it back at the first broken line
/// (the report still covers the whole file). On PostgreSQL the demand and event rows go through binary COPY
/// (BENCHMARKS.md, « Fichier de la demande »); on SQLite through EF Core in batches.
/// </summary>
public sealed class ImportDemandes(LogisDbContext db, TimeProvider horloge)
{
    /// <summary>Demands per COPY (or per SaveChanges): small enough that the batches in flight stay young for the garbage collector.</summary>
    public const int TailleLot = 2_000;

    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>Test hook called after each written batch (its number, from 1), inside the transaction.</summary>
    public Func<int, CancellationToken, Task>? ApresLot { get; init; }

    /// <summary>Forces the EF Core path on PostgreSQL too (benchmark comparison).</summary>
    public bool SansCopy { get; init; }

    public async Task<ContexteAnalyse> ContexteAsync(Siren epci, CancellationToken ct)
    {
        var communes = await db.Communes.AsNoTracking().Where(c => c.EpciSiren == epci).Select(c => c.CodeInsee).ToListAsync(ct);
        if (communes.Count == 0) throw new ArgumentException($"L'intercommunalité {epci.Value} n'a aucune commune dans la base : construisez d'abord le territoire (seed-demo).");
        return new ContexteAnalyse(epci, communes.Select(c => c.Value).ToHashSet(StringComparer.Ordinal), DateOnly.FromDateTime(Maintenant().DateTime));
    }

    public DateTimeOffset Maintenant() => TimeZoneInfo.ConvertTime(horloge.GetUtcNow(), Paris);

    /// <summary>
    /// Analyses the file and, unless <paramref name="essai"/> or broken lines, writes it in one transaction. A direct import
    /// writes as it analyses (<see cref="EcrireAsync"/>): the valid demands of the first lines are copied while the next ones are
    /// analysed, and everything is rolled back at the first broken line — the file is still analysed to its end, so the report
    /// is the one of a dry run.
    /// </summary>
    public async Task<ResultatImport> ImporterAsync(TextReader texte, Siren epci, Acteur acteur, string auteur, bool essai,
        IProgress<Avancement>? progression = null, CancellationToken ct = default)
    {
        var contexte = await ContexteAsync(epci, ct);
        if (essai) return await ImporterAsync(AnalyseurFichierDemandes.Analyser(texte, contexte), epci, acteur, auteur, essai, progression, ct);
        // Read twice (the numbers first, for the numbering), so kept in memory.
        var fichier = await texte.ReadToEndAsync(ct);
        var numeros = AnalyseurFichierDemandes.LireNumeros(new StringReader(fichier));
        // A broken header, line or number, or a number already in the database: the file is refused; the analysis says why.
        if (numeros is null || (await NumerosExistantsAsync(numeros.OfType<NumeroUnique>().ToList(), ct)).Count > 0)
            return await ImporterAsync(AnalyseurFichierDemandes.Analyser(new StringReader(fichier), contexte), epci, acteur, auteur, essai, progression, ct);
        RapportAnalyse? rapport = null;
        var importees = await EcrireAsync(numeros, (lot, ctAnalyse) =>
        {
            rapport = AnalyseurFichierDemandes.Analyser(new StringReader(fichier), contexte, TailleLot, lot, ctAnalyse);
            return rapport.EstValide;
        }, epci, acteur, auteur, progression, ct);
        return new ResultatImport(rapport!, false, importees);
    }

    /// <summary>
    /// Same, from a file already analysed by <see cref="AnalyseurFichierDemandes.Analyser(TextReader, ContexteAnalyse, int)"/> against
    /// <see cref="ContexteAsync"/>. The report is completed with the numbers already in the database.
    /// </summary>
    public async Task<ResultatImport> ImporterAsync(RapportAnalyse rapport, Siren epci, Acteur acteur, string auteur, bool essai,
        IProgress<Avancement>? progression = null, CancellationToken ct = default)
    {
        await VerifierNumerosExistantsAsync(rapport, ct);
        if (essai || !rapport.EstValide) return new ResultatImport(rapport, essai, 0);
        var importees = await EcrireAsync([.. rapport.Valides.Select(d => d.Numero)], (lot, _) =>
        {
            foreach (var morceau in rapport.Valides.Chunk(TailleLot)) lot(morceau);
            return true;
        }, epci, acteur, auteur, progression, ct);
        return new ResultatImport(rapport, false, importees);
    }

    /// <summary>A number given in the file must not already exist in the database (any EPCI: numbers are unique).</summary>
    private async Task VerifierNumerosExistantsAsync(RapportAnalyse rapport, CancellationToken ct)
    {
        var numerotees = rapport.Valides.Where(d => d.Numero is not null).ToList();
        var existants = await NumerosExistantsAsync([.. numerotees.Select(d => d.Numero!)], ct);
        if (existants.Count == 0) return;
        foreach (var d in numerotees.Where(d => existants.Contains(d.Numero!.Valeur)))
            rapport.Erreurs.Add(new ErreurLigne(d.Ligne, FormatFichierDemandes.Numero, $"Le numéro {d.Numero!.Valeur} existe déjà dans la base."));
        rapport.Valides.RemoveAll(d => d.Numero is not null && existants.Contains(d.Numero.Valeur));
        rapport.Erreurs.Sort((a, b) => a.Ligne.CompareTo(b.Ligne));
    }

    private async Task<HashSet<string>> NumerosExistantsAsync(List<NumeroUnique> numerotes, CancellationToken ct)
    {
        var existants = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lot in numerotes.Chunk(1_000))
        {
            var numeros = lot.ToList();
            foreach (var n in await db.Demandes.AsNoTracking().Where(d => numeros.Contains(d.Numero)).Select(d => d.Numero).ToListAsync(ct))
                existants.Add(n.Valeur);
        }
        return existants;
    }

    /// <summary>
    /// Writes in ONE transaction the demands <paramref name="source"/> hands over by batch, in file order (<paramref name="numeros"/>:
    /// the number of each line, given or not, known before the first one is written). The source runs on another thread, ahead of
    /// the writing by two batches at most; it returns false when the file is refused, and then everything written is rolled back.
    /// Each batch is registered (<see cref="Demande.Enregistrer"/>) and serialised on every core while the previous one is copied.
    /// </summary>
    /// <returns>The demands written, 0 when the source refused the file.</returns>
    private async Task<int> EcrireAsync(IReadOnlyList<NumeroUnique?> numeros, Func<Action<DemandeLue[]>, CancellationToken, bool> source,
        Siren epci, Acteur acteur, string auteur, IProgress<Avancement>? progression, CancellationToken ct)
    {
        var quand = Maintenant();
        var departement = await db.Communes.AsNoTracking().Where(c => c.EpciSiren == epci)
            .OrderByDescending(c => c.Population).Select(c => c.Departement).FirstAsync(ct);
        var copy = db.Database.IsNpgsql() && !SansCopy;
        var strategie = db.Database.CreateExecutionStrategy();
        return await strategie.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            using var arret = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var lots = Channel.CreateBounded<DemandeLue[]>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
            Task<bool>? producteur = null;
            var tampons = new ConcurrentBag<ArrayBufferWriter<byte>>();
            var coteur = copy ? db.Coteur() : null;
            try
            {
                var prochain = await NumeroterAsync(numeros, departement, quand, ct);
                producteur = Task.Run(() =>
                {
                    try
                    {
                        return source(lues => Deposer(lots.Writer, lues, arret.Token), arret.Token);
                    }
                    finally
                    {
                        lots.Writer.Complete();
                    }
                }, CancellationToken.None);
                var fait = 0;
                var lot = 0;
                Task<LotPrepare>? enPreparation = null;
                async Task EcrireLotAsync(LotPrepare prepare)
                {
                    if (copy)
                    {
                        await CopierAsync(prepare, ct);
                        prepare.Rendre(tampons);
                    }
                    else
                    {
                        foreach (var d in prepare.Demandes) db.AjouterDemande(d, epci);
                        await db.SaveChangesAsync(ct);
                        db.ChangeTracker.Clear();
                    }
                    fait += prepare.Demandes.Length;
                    progression?.Report(new Avancement("Demandes", fait, numeros.Count));
                    if (ApresLot is { } crochet) await crochet(++lot, ct);
                }
                await foreach (var lues in lots.Reader.ReadAllAsync(ct))
                {
                    // Numbers in file order (one thread); registration and serialisation of the batch on the other cores.
                    var attribues = new NumeroUnique[lues.Length];
                    for (var i = 0; i < lues.Length; i++) attribues[i] = lues[i].Numero ?? NumeroUnique.Creer(departement, quand.Year, prochain++).Valeur;
                    var preparation = Task.Run(() => LotPrepare.Preparer(lues, attribues, quand, acteur, epci, copy, coteur, tampons), CancellationToken.None);
                    if (enPreparation is not null) await EcrireLotAsync(await enPreparation);
                    enPreparation = preparation;
                }
                if (enPreparation is not null) await EcrireLotAsync(await enPreparation);
                if (!await producteur) return 0;
                db.Audit.Add(new EntreeAudit
                {
                    Quand = horloge.GetUtcNow(), AuteurId = acteur.Id.Value, Auteur = auteur, Organisation = acteur.Organisation, Action = ActionsAudit.Import, EpciSiren = epci,
                });
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return fait;
            }
            catch when (producteur is not null && !producteur.IsCompleted)
            {
                // The writing failed or was cancelled: the analysis stops too before the transaction is rolled back.
                await arret.CancelAsync();
                try
                {
                    await producteur;
                }
                catch (OperationCanceledException)
                {
                }
                throw;
            }
            finally
            {
                db.ChangeTracker.Clear();
                db.ChangeTracker.AutoDetectChangesEnabled = true;
            }
        });
    }

    /// <summary>Hands a batch to the writing from the analysis thread, waiting while two batches are already waiting.</summary>
    private static void Deposer(ChannelWriter<DemandeLue[]> lots, DemandeLue[] lues, CancellationToken ct)
    {
        while (!lots.TryWrite(lues))
        {
            if (!lots.WaitToWriteAsync(ct).AsTask().GetAwaiter().GetResult()) throw new InvalidOperationException("L'écriture de l'import s'est arrêtée.");
        }
    }

    /// <summary>
    /// Keeps the numbers given in the file (the sequence of their département and year is moved past them), and
    /// reserves for the others a block of the EPCI's département sequence for this year, in the transaction.
    /// </summary>
    /// <returns>The first number of the block, given to the lines without number in file order.</returns>
    private async Task<int> NumeroterAsync(IReadOnlyList<NumeroUnique?> numeros, string departement, DateTimeOffset quand, CancellationToken ct)
    {
        foreach (var g in numeros.OfType<NumeroUnique>().GroupBy(n => (n.Departement, n.Annee)))
        {
            var annee = 2000 + g.Key.Annee;
            var max = g.Max(n => n.Sequence);
            await AssurerSequenceAsync(g.Key.Departement, annee, ct);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE sequence_numero SET \"Dernier\" = {max} WHERE \"Departement\" = {g.Key.Departement} AND \"Annee\" = {annee} AND \"Dernier\" < {max}", ct);
        }
        var sans = numeros.Count(n => n is null);
        if (sans == 0) return 0;
        await AssurerSequenceAsync(departement, quand.Year, ct);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE sequence_numero SET \"Dernier\" = \"Dernier\" + {sans} WHERE \"Departement\" = {departement} AND \"Annee\" = {quand.Year}", ct);
        var dernier = await db.SequencesNumero.AsNoTracking().Where(s => s.Departement == departement && s.Annee == quand.Year).Select(s => s.Dernier).SingleAsync(ct);
        if (dernier > NumeroUnique.SequenceMaximum)
            throw new InvalidOperationException($"La séquence des numéros du département {departement} pour {quand.Year} serait épuisée.");
        return dernier - sans + 1;
    }

    private Task AssurerSequenceAsync(string departement, int annee, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO sequence_numero (\"Departement\", \"Annee\", \"Dernier\") VALUES ({departement}, {annee}, 0) ON CONFLICT DO NOTHING", ct);

    /// <summary>
    /// A batch of registered demands and, for the COPY, the values computed before it (JSON content, search columns, scoring
    /// elements and score): the CPU part of the writing, done on every core. The JSON contents are UTF-8 bytes in a few buffers reused from one
    /// batch to the next (<see cref="Rendre"/>): no string per content, and nothing for the garbage collector to copy while
    /// the batch waits for its COPY.
    /// </summary>
    private sealed class LotPrepare
    {
        private readonly ArrayBufferWriter<byte>[] _tampons;
        private readonly int[] _debuts;
        private readonly int[] _longueurs;
        private readonly int _parMorceau;

        private LotPrepare(int n, string epci, bool copy)
        {
            Demandes = new Demande[n];
            Epci = epci;
            Recherche = copy ? new ValeursRecherche[n] : [];
            Cotations = copy ? new CotationDemande[n] : [];
            _debuts = copy ? new int[n] : [];
            _longueurs = copy ? new int[n] : [];
            // Contiguous pieces, a few per core: each is registered and serialised in order into one buffer.
            var morceaux = Math.Max(1, Math.Min(n, Environment.ProcessorCount * 2));
            _parMorceau = (n + morceaux - 1) / morceaux;
            _tampons = new ArrayBufferWriter<byte>[copy ? morceaux : 0];
        }

        public Demande[] Demandes { get; }
        public string Epci { get; }
        public ValeursRecherche[] Recherche { get; }

        /// <summary>The row of cotation_demande of each demand (scoring elements, score).</summary>
        public CotationDemande[] Cotations { get; }

        /// <summary>The JSON content of row <paramref name="i"/>, UTF-8.</summary>
        public ReadOnlyMemory<byte> Contenu(int i) => _tampons[i / _parMorceau].WrittenMemory.Slice(_debuts[i], _longueurs[i]);

        public static LotPrepare Preparer(DemandeLue[] lues, NumeroUnique[] numeros, DateTimeOffset quand, Acteur acteur, Siren epci, bool copy,
            ICoteurDemandes? coteur, ConcurrentBag<ArrayBufferWriter<byte>> tampons)
        {
            var n = lues.Length;
            var lot = new LotPrepare(n, epci.Value, copy);
            var morceaux = (n + lot._parMorceau - 1) / lot._parMorceau;
            Parallel.For(0, morceaux, m =>
            {
                var debut = m * lot._parMorceau;
                var fin = Math.Min(n, debut + lot._parMorceau);
                ArrayBufferWriter<byte>? tampon = null;
                Utf8JsonWriter? json = null;
                if (copy)
                {
                    tampon = lot._tampons[m] = tampons.TryTake(out var t) ? t : new ArrayBufferWriter<byte>(lot._parMorceau * 1_024);
                    json = new Utf8JsonWriter(tampon);
                }
                for (var i = debut; i < fin; i++)
                {
                    var l = lues[i];
                    var enregistrement = Demande.Enregistrer(new DemandeId(Guid.CreateVersion7()), numeros[i], l.Contenu, l.Canal, l.DateDepot, quand, acteur);
                    // The analysis applied the same rules on the same date: a refusal here is a bug, not a user error.
                    var d = lot.Demandes[i] = enregistrement.ValeurOuNull ?? throw new InvalidOperationException($"Ligne {l.Ligne} : {enregistrement.Motif}");
                    if (json is null) continue;
                    lot._debuts[i] = tampon!.WrittenCount;
                    ContenuJson.Ecrire(json, d.Contenu);
                    json.Flush();
                    json.Reset();
                    lot._longueurs[i] = tampon.WrittenCount - lot._debuts[i];
                    lot.Recherche[i] = ColonnesDemande.Valeurs(d);
                    lot.Cotations[i] = CotationDemande.Pour(d, epci, coteur);
                }
                json?.Dispose();
            });
            return lot;
        }

        /// <summary>Gives the buffers back for the next batches, once the batch is copied.</summary>
        public void Rendre(ConcurrentBag<ArrayBufferWriter<byte>> tampons)
        {
            foreach (var t in _tampons)
            {
                t.ResetWrittenCount();
                tampons.Add(t);
            }
        }
    }

    /// <summary>
    /// Binary COPY of a batch into demande, demande_evenement and cotation_demande, on the context's connection and transaction. The rows are
    /// written with the synchronous calls (they only fill Npgsql's buffer, flushed when full), the end of each COPY asynchronously.
    /// </summary>
    private async Task CopierAsync(LotPrepare lot, CancellationToken ct)
    {
        var connexion = (NpgsqlConnection)db.Database.GetDbConnection();
        await using (var w = await connexion.BeginBinaryImportAsync(
            "COPY demande (\"Id\", \"Numero\", \"Canal\", \"Statut\", \"DateDepot\", \"Contenu\", \"EpciSiren\", \"NomDemandeur\", " +
            "\"CommunesSouhaitees\", \"ToutEpci\", \"Typologies\", \"Prioritaire\") FROM STDIN (FORMAT BINARY)", ct))
        {
            EcrireDemandes(w, lot);
            await w.CompleteAsync(ct);
        }
        await using (var w = await connexion.BeginBinaryImportAsync(
            "COPY demande_evenement (\"DemandeId\", \"Rang\", \"Type\", \"Quand\", \"AuteurId\", \"Organisation\", \"Resume\") FROM STDIN (FORMAT BINARY)", ct))
        {
            EcrireEvenements(w, lot.Demandes);
            await w.CompleteAsync(ct);
        }
        // The row of cotation_demande of each demand (LogisDbContext keeps it on the EF Core path).
        await using (var w = await connexion.BeginBinaryImportAsync(
            "COPY cotation_demande (\"DemandeId\", \"EpciSiren\", \"Statut\", \"Elements\", \"Total\", \"GrilleId\", \"Version\", \"CalculeeLe\") FROM STDIN (FORMAT BINARY)", ct))
        {
            EcrireCotations(w, lot);
            await w.CompleteAsync(ct);
        }
    }

    // The row loops run a few dozen times per import, each over thousands of rows: compiled optimised from the first call
    // (in an async method, the loop would start in the unoptimised tier).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EcrireDemandes(NpgsqlBinaryImporter w, LotPrepare lot)
    {
        var demandes = lot.Demandes;
        for (var i = 0; i < demandes.Length; i++)
        {
            var d = demandes[i];
            var r = lot.Recherche[i];
            w.StartRow();
            w.Write(d.Id.Value, NpgsqlDbType.Uuid);
            w.Write(d.Numero.Valeur, NpgsqlDbType.Varchar);
            w.Write((int)d.Canal, NpgsqlDbType.Integer);
            w.Write((int)d.Statut, NpgsqlDbType.Integer);
            w.Write(d.DateDepot, NpgsqlDbType.Date);
            // The UTF-8 bytes of the JSON: in binary COPY a text value is its bytes in the client encoding (UTF-8 for Npgsql), the
            // same bytes Npgsql would send for the string; PostgreSQL still checks them as text of the column.
            w.Write(lot.Contenu(i), NpgsqlDbType.Bytea);
            w.Write(lot.Epci, NpgsqlDbType.Varchar);
            w.Write(r.NomDemandeur, NpgsqlDbType.Varchar);
            w.Write(r.Communes, NpgsqlDbType.Varchar);
            w.Write(r.ToutEpci, NpgsqlDbType.Boolean);
            w.Write(r.Typologies, NpgsqlDbType.Varchar);
            w.Write(r.Prioritaire, NpgsqlDbType.Boolean);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EcrireEvenements(NpgsqlBinaryImporter w, Demande[] demandes)
    {
        foreach (var d in demandes)
        {
            foreach (var e in d.Evenements)
            {
                w.StartRow();
                w.Write(d.Id.Value, NpgsqlDbType.Uuid);
                w.Write(e.Rang, NpgsqlDbType.Integer);
                w.Write((int)e.Type, NpgsqlDbType.Integer);
                w.Write(e.Quand.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                w.Write(e.AuteurId.Value, NpgsqlDbType.Uuid);
                w.Write(e.Organisation, NpgsqlDbType.Varchar);
                w.Write(e.Resume, NpgsqlDbType.Varchar);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void EcrireCotations(NpgsqlBinaryImporter w, LotPrepare lot)
    {
        foreach (var c in lot.Cotations)
        {
            w.StartRow();
            w.Write(c.DemandeId.Value, NpgsqlDbType.Uuid);
            w.Write(c.EpciSiren.Value, NpgsqlDbType.Varchar);
            w.Write((int)c.Statut, NpgsqlDbType.Integer);
            w.Write(c.Elements, NpgsqlDbType.Bytea);
            if (c.Total is not { } total)
            {
                for (var k = 0; k < 4; k++) w.WriteNull();
            }
            else
            {
                w.Write(total, NpgsqlDbType.Integer);
                w.Write(c.GrilleId!, NpgsqlDbType.Varchar);
                w.Write(c.Version!, NpgsqlDbType.Varchar);
                w.Write(c.CalculeeLe!.Value.ToUniversalTime(), NpgsqlDbType.TimestampTz);
            }
        }
    }
}

/// <summary>Writes the active demands of a perimeter in the file format, without any NIR column (DATA-PROTECTION §2, item 4).</summary>
public static class ExportDemandes
{
    public static async Task<int> EcrireAsync(IQueryable<Demande> demandes, TextWriter w, CancellationToken ct)
    {
        await FormatFichierDemandes.EcrireLigneAsync(w, FormatFichierDemandes.EnteteExport(), ct);
        var n = 0;
        var lignes = demandes.AsNoTracking().Where(d => d.Statut == StatutDemande.Active).OrderBy(d => d.Numero)
            .Select(d => new { d.Numero, d.DateDepot, d.Canal, d.Contenu }).AsAsyncEnumerable();
        await foreach (var d in lignes.WithCancellation(ct))
        {
            await FormatFichierDemandes.EcrireLigneAsync(w, FormatFichierDemandes.Champs(d.Numero, d.DateDepot, d.Canal, d.Contenu), ct);
            n++;
        }
        await w.FlushAsync(ct);
        return n;
    }
}
