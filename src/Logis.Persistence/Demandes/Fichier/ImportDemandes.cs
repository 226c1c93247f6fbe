using Logis.Domain.Commun;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Logis.Persistence.Attributions;
using Logis.Persistence.Cotation;
using Logis.Persistence.Seed;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Logis.Persistence.Demandes.Fichier;

/// <summary>
/// How an import numbers the lines without a number: the territory code, the registering service that registers them and
/// the public portal's code for the lines deposited online (none: the registering service's).
/// </summary>
public sealed record NumerotationImport(string Territoire, string Guichet, string? GuichetEnLigne);

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
/// <param name="coteur">Scores each imported demand under the grid in force as it is written (the act's explicit side effect);
/// null leaves the score to the next rescoring (benchmarks).</param>
/// <param name="enregistrement">The bound on the deposit date of new registrations (<see cref="ReglesEnregistrement"/>); none: no bound.</param>
public sealed class ImportDemandes(LogisDbContext db, TimeProvider horloge, ICoteurDemandes? coteur = null, ReglesEnregistrement? enregistrement = null)
{
    /// <summary>Demands per group of COPYs (or per SaveChanges).</summary>
    public const int TailleLot = 2_000;

    /// <summary>
    /// Demands handed over by the analysis at a time, registered and turned into rows at once: few enough that they are dead
    /// before the next collection of the young generation (BENCHMARKS.md, « Fichier de la demande »).
    /// </summary>
    private const int TailleRemise = 512;


    /// <summary>Test hook called after each written batch (its number, from 1), inside the transaction.</summary>
    public Func<int, CancellationToken, Task>? ApresLot { get; init; }

    /// <summary>
    /// The demands the importing agent may see (none given: all, as for the operator's command). A number of the file already
    /// in the database outside them is refused without confirming that it exists (<see cref="MessageNumeroIndisponible"/>).
    /// </summary>
    public IQueryable<Demande>? Visibles { get; init; }

    /// <summary>
    /// How lines without a number are numbered (the use case gives the importing agent's registering service); none: the
    /// territory's configured or derived code and the EPCI's own registering service.
    /// </summary>
    public NumerotationImport? Numerotation { get; init; }

    /// <summary>Forces the EF Core path on PostgreSQL too (benchmark comparison).</summary>
    public bool SansCopy { get; init; }

    public async Task<ContexteAnalyse> ContexteAsync(Siren epci, CancellationToken ct)
    {
        var communes = await db.Communes.AsNoTracking().Where(c => c.EpciSiren == epci).Select(c => c.CodeInsee).ToListAsync(ct);
        if (communes.Count == 0) throw new ArgumentException($"L'intercommunalité {epci.Value} n'a aucune commune dans la base : construisez d'abord le territoire (seed-demo).");
        return new ContexteAnalyse(epci, communes.Select(c => c.Value).ToHashSet(StringComparer.Ordinal), horloge.AujourdhuiEnFrance(), enregistrement);
    }

    public DateTimeOffset Maintenant() => horloge.MaintenantEnFrance();

    /// <summary>
    /// Analyses the file and, unless <paramref name="essai"/> or broken lines, writes it in one transaction. A direct import
    /// writes as it analyses (<see cref="EcrireAsync"/>): the valid demands of the first lines are copied while the next ones are
    /// analysed, and everything is rolled back at the first broken line — the file is still analysed to its end, so the report
    /// is the one of a dry run. The text is kept in memory (it is read twice); a file on disk is better given by
    /// <see cref="ImporterAsync(Func{TextReader}, Siren, Acteur, string, bool, IProgress{Avancement}?, CancellationToken)"/>.
    /// </summary>
    public async Task<ResultatImport> ImporterAsync(TextReader texte, Siren epci, Acteur acteur, string auteur, bool essai,
        IProgress<Avancement>? progression = null, CancellationToken ct = default)
    {
        if (essai) return await ImporterAsync(AnalyseurFichierDemandes.Analyser(texte, await ContexteAsync(epci, ct)), epci, acteur, auteur, essai, progression, ct);
        var fichier = await texte.ReadToEndAsync(ct);
        return await ImporterAsync(() => new StringReader(fichier), epci, acteur, auteur, essai, progression, ct);
    }

    /// <summary>
    /// The same from a text that <paramref name="ouvrir"/> opens from its start each time it is called (twice for a direct import:
    /// the numbers first, for the numbering, then the analysis and the writing): a file is read from the disk by a buffer, never
    /// held whole in memory (on this machine, merely touching the fresh memory for the text of a file of 500 000 lines took
    /// longer than its analysis).
    /// </summary>
    public async Task<ResultatImport> ImporterAsync(Func<TextReader> ouvrir, Siren epci, Acteur acteur, string auteur, bool essai,
        IProgress<Avancement>? progression = null, CancellationToken ct = default)
    {
        var contexte = await ContexteAsync(epci, ct);
        RapportAnalyse Analyser()
        {
            using var texte = ouvrir();
            return AnalyseurFichierDemandes.Analyser(texte, contexte);
        }
        if (essai) return await ImporterAsync(Analyser(), epci, acteur, auteur, essai, progression, ct);
        List<NumeroUnique?>? numeros;
        using (var texte = ouvrir()) numeros = AnalyseurFichierDemandes.LireNumeros(texte);
        // A broken header, line or number, or a number already in the database: the file is refused; the analysis says why.
        if (numeros is null || (await NumerosExistantsAsync(numeros.OfType<NumeroUnique>().ToList(), ct)).Count > 0)
            return await ImporterAsync(Analyser(), epci, acteur, auteur, essai, progression, ct);
        RapportAnalyse? rapport = null;
        try
        {
            var importees = await EcrireAsync(numeros, (lot, ctAnalyse) =>
            {
                using var texte = ouvrir();
                rapport = AnalyseurFichierDemandes.Analyser(texte, contexte, TailleRemise, lot, ctAnalyse);
                return rapport.EstValide;
            }, epci, acteur, auteur, progression, ct);
            return new ResultatImport(rapport!, false, importees);
        }
        catch (SequenceEpuiseeException)
        {
            // Rolled back; the analysis of the whole file says which lines find no number (as the dry run does).
            return await ImporterAsync(Analyser(), epci, acteur, auteur, essai, progression, ct);
        }
    }

    /// <summary>
    /// Same, from a file already analysed by <see cref="AnalyseurFichierDemandes.Analyser(TextReader, ContexteAnalyse, int)"/> against
    /// <see cref="ContexteAsync"/>. The report is completed with the numbers already in the database.
    /// </summary>
    public async Task<ResultatImport> ImporterAsync(RapportAnalyse rapport, Siren epci, Acteur acteur, string auteur, bool essai,
        IProgress<Avancement>? progression = null, CancellationToken ct = default)
    {
        await VerifierNumerosExistantsAsync(rapport, ct);
        await VerifierSequencesAsync(rapport, epci, ct);
        if (essai || !rapport.EstValide) return new ResultatImport(rapport, essai, 0);
        var importees = await EcrireAsync([.. rapport.Valides.Select(d => d.Numero)], (lot, _) =>
        {
            foreach (var morceau in rapport.Valides.Chunk(TailleRemise)) lot(morceau);
            return true;
        }, epci, acteur, auteur, progression, ct);
        return new ResultatImport(rapport, false, importees);
    }

    /// <summary>
    /// The refusal of a number already in the database that the importing agent may not see: it does not say that a demand
    /// has it (nor where), only that the line cannot keep it.
    /// </summary>
    public static string MessageNumeroIndisponible(string numero) =>
        $"Le numéro {numero} ne peut pas être repris par cet import : laissez la colonne numero vide pour que la demande reçoive un numéro.";

    /// <summary>
    /// A number given in the file must not already exist in the database (any EPCI: numbers are unique); the agent is told
    /// that it exists only for a demand it may see (<see cref="Visibles"/>).
    /// </summary>
    private async Task VerifierNumerosExistantsAsync(RapportAnalyse rapport, CancellationToken ct)
    {
        var numerotees = rapport.Valides.Where(d => d.Numero is not null).ToList();
        var existants = await NumerosExistantsAsync([.. numerotees.Select(d => d.Numero!)], ct);
        if (existants.Count == 0) return;
        var vus = existants;
        if (Visibles is not null)
        {
            vus = new HashSet<string>(StringComparer.Ordinal);
            foreach (var lot in numerotees.Select(d => d.Numero!).Where(n => existants.Contains(n.Valeur)).Chunk(1_000))
            {
                var numeros = lot.ToList();
                foreach (var n in await Visibles.AsNoTracking().Where(d => numeros.Contains(d.Numero)).Select(d => d.Numero).ToListAsync(ct))
                    vus.Add(n.Valeur);
            }
        }
        foreach (var d in numerotees.Where(d => existants.Contains(d.Numero!.Valeur)))
            rapport.Erreurs.Add(new ErreurLigne(d.Ligne, FormatFichierDemandes.Numero, vus.Contains(d.Numero!.Valeur)
                ? $"Le numéro {d.Numero!.Valeur} existe déjà dans la base."
                : MessageNumeroIndisponible(d.Numero!.Valeur)));
        rapport.Valides.RemoveAll(d => d.Numero is not null && existants.Contains(d.Numero.Valeur));
        rapport.Erreurs.Sort((a, b) => a.Ligne.CompareTo(b.Ligne));
    }

    /// <summary>
    /// A line without a number takes the next one of its territory for the month of its deposit (<see cref="Attribuer"/>); the
    /// sequence of a month stops at <see cref="NumeroUnique.SequenceMaximum"/>, and a number given by the file moves it past
    /// itself. The lines that would find no number left are refused here, at the dry run as at the import — without this check
    /// the dry run said the file valid and the import failed (issue 13).
    /// </summary>
    private async Task VerifierSequencesAsync(RapportAnalyse rapport, Siren epci, CancellationToken ct)
    {
        if (!rapport.Valides.Any(d => d.Numero is null)) return;
        var territoire = (Numerotation ?? await NumerotationParDefautAsync(epci, ct)).Territoire;
        var sequences = await db.SequencesNumero.AsNoTracking().Where(s => s.Territoire == territoire).ToDictionaryAsync(s => (s.Annee, s.Mois), s => s.Dernier, ct);
        foreach (var n in rapport.Valides.Select(d => d.Numero).OfType<NumeroUnique>().Where(n => n.Territoire == territoire))
        {
            var cle = (2000 + n.Annee, n.Mois);
            sequences[cle] = Math.Max(sequences.GetValueOrDefault(cle), n.Sequence);
        }
        var refusees = new HashSet<int>();
        foreach (var d in rapport.Valides.Where(d => d.Numero is null))
        {
            var cle = (d.DateDepot.Year, d.DateDepot.Month);
            var suivant = sequences.GetValueOrDefault(cle) + 1;
            if (suivant > NumeroUnique.SequenceMaximum)
            {
                refusees.Add(d.Ligne);
                rapport.Erreurs.Add(new ErreurLigne(d.Ligne, FormatFichierDemandes.Numero, MessageSequenceEpuisee(territoire, cle.Month, cle.Year)));
            }
            else sequences[cle] = suivant;
        }
        if (refusees.Count == 0) return;
        rapport.Valides.RemoveAll(d => refusees.Contains(d.Ligne));
        rapport.Erreurs.Sort((a, b) => a.Ligne.CompareTo(b.Ligne));
    }

    public static string MessageSequenceEpuisee(string territoire, int mois, int annee) =>
        $"Plus aucun numéro libre pour une demande déposée en {mois:00}/{annee} dans le territoire {territoire} : les numéros d'ordre du mois " +
        $"s'arrêtent à {NumeroUnique.SequenceMaximum} (déjà atteint, ou pris par un numéro du fichier). Vérifiez la date de dépôt ou le numéro donné.";

    /// <summary>A line without a number finds none left in its month (<see cref="VerifierSequencesAsync"/> says it before any writing).</summary>
    private sealed class SequenceEpuiseeException(string message) : InvalidOperationException(message);

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
    /// the number of each line, given or not, known before the first one is written). The source runs on another thread; each
    /// batch it hands over is numbered there, in file order, then registered (<see cref="Demande.Enregistrer"/>) and turned into
    /// the rows of its four COPYs on every core, at once: the demands die young, only bytes in reused buffers wait for the
    /// writing (<see cref="LotPrepare"/>). The writing copies them by groups of <see cref="TailleLot"/> demands while the next
    /// ones are prepared. The source returns false when the file is refused, and then everything written is rolled back.
    /// </summary>
    /// <returns>The demands written, 0 when the source refused the file.</returns>
    private async Task<int> EcrireAsync(IReadOnlyList<NumeroUnique?> numeros, Func<Action<DemandeLue[]>, CancellationToken, bool> source,
        Siren epci, Acteur acteur, string auteur, IProgress<Avancement>? progression, CancellationToken ct)
    {
        var quand = Maintenant();
        var numerotation = Numerotation ?? await NumerotationParDefautAsync(epci, ct);
        var copy = db.Database.IsNpgsql() && !SansCopy;
        var strategie = db.Database.CreateExecutionStrategy();
        return await strategie.ExecuteAsync(async () =>
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            using var arret = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var lots = Channel.CreateBounded<LotPrepare>(new BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
            Task<bool>? producteur = null;
            var preparation = new Preparation(epci, quand, acteur, copy ? coteur : null, copy);
            try
            {
                var sequences = await NumeroterAsync(numeros, numerotation.Territoire, ct);
                var sansVerifications = copy && await SansVerificationsAsync(ct);
                producteur = Task.Run(() =>
                {
                    try
                    {
                        return source(lues =>
                        {
                            // Numbers in file order (this thread); the rest of the batch on every core.
                            var attribues = new NumeroUnique[lues.Length];
                            for (var i = 0; i < lues.Length; i++) attribues[i] = lues[i].Numero ?? Attribuer(numerotation, sequences, lues[i]);
                            Deposer(lots.Writer, preparation.Preparer(lues, attribues), arret.Token);
                        }, arret.Token);
                    }
                    finally
                    {
                        lots.Writer.Complete();
                    }
                }, CancellationToken.None);
                var fait = 0;
                var groupe = 0;
                var enAttente = new List<LotPrepare>();
                async Task EcrireGroupeAsync()
                {
                    if (copy) await CopierAsync(enAttente, ct);
                    else
                    {
                        foreach (var d in enAttente.SelectMany(l => l.Demandes)) db.AjouterDemande(d, epci);
                        if (coteur is not null) await db.CoterChangementsAsync(coteur, ct);
                        await db.SaveChangesAsync(ct);
                        db.ChangeTracker.Clear();
                    }
                    foreach (var l in enAttente)
                    {
                        fait += l.Nombre;
                        preparation.Rendre(l);
                    }
                    enAttente.Clear();
                    progression?.Report(new Avancement("Demandes", fait, numeros.Count));
                    if (ApresLot is { } crochet) await crochet(++groupe, ct);
                }
                await foreach (var lot in lots.Reader.ReadAllAsync(ct))
                {
                    enAttente.Add(lot);
                    if (enAttente.Sum(l => l.Nombre) >= TailleLot) await EcrireGroupeAsync();
                }
                if (enAttente.Count > 0) await EcrireGroupeAsync();
                if (!await producteur) return 0;
                await db.AvancerSequencesAsync(sequences.ToDictionary(s => (numerotation.Territoire, s.Key.Annee, s.Key.Mois), s => s.Value), ct);
                if (sansVerifications) await db.Database.ExecuteSqlRawAsync("SET LOCAL session_replication_role = DEFAULT", ct);
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

    /// <summary>
    /// The rows of demande_evenement and cotation_demande copied by an import refer only to demands copied before them in the same
    /// transaction, under identifiers made here: their foreign-key checks (one query per row, a third of the server's work for
    /// the import) cannot fail. When the database role may, they are skipped for the rest of the transaction, as pg_restore does:
    /// <c>SET LOCAL session_replication_role = replica</c> (superuser, or <c>GRANT SET ON PARAMETER session_replication_role</c>,
    /// PostgreSQL 15; ADR 0008). Otherwise they run; the result is the same.
    /// </summary>
    /// <returns>Whether the checks are skipped (to be restored before anything else is written).</returns>
    private async Task<bool> SansVerificationsAsync(CancellationToken ct)
    {
        var connexion = (NpgsqlConnection)db.Database.GetDbConnection();
        var privilege = connexion.PostgreSqlVersion.Major >= 15
            ? "SELECT has_parameter_privilege('session_replication_role', 'SET') AS \"Value\""
            : "SELECT rolsuper AS \"Value\" FROM pg_roles WHERE rolname = current_user";
        if (!await db.Database.SqlQueryRaw<bool>(privilege).SingleAsync(ct)) return false;
        await db.Database.ExecuteSqlRawAsync("SET LOCAL session_replication_role = replica", ct);
        return true;
    }

    /// <summary>Hands a prepared batch to the writing from the analysis thread, waiting while the channel is full.</summary>
    private static void Deposer(ChannelWriter<LotPrepare> lots, LotPrepare lot, CancellationToken ct)
    {
        while (!lots.TryWrite(lot))
        {
            if (!lots.WaitToWriteAsync(ct).AsTask().GetAwaiter().GetResult()) throw new InvalidOperationException("L'écriture de l'import s'est arrêtée.");
        }
    }

    /// <summary>
    /// Locks the numbering of the territory for the transaction, keeps the numbers given in the file (the sequence of their
    /// territory and month is moved past them), and reads the territory's sequences, from which the lines without a number
    /// are numbered in file order (<see cref="Attribuer"/>) and which are written back before the commit.
    /// </summary>
    private async Task<Dictionary<(int Annee, int Mois), int>> NumeroterAsync(IReadOnlyList<NumeroUnique?> numeros, string territoire, CancellationToken ct)
    {
        await db.VerrouillerNumerotationAsync(territoire, ct);
        var donnes = numeros.OfType<NumeroUnique>().GroupBy(n => (n.Territoire, 2000 + n.Annee, n.Mois)).ToDictionary(g => g.Key, g => g.Max(n => n.Sequence));
        if (donnes.Count > 0) await db.AvancerSequencesAsync(donnes, ct);
        return await db.SequencesNumero.AsNoTracking().Where(s => s.Territoire == territoire).ToDictionaryAsync(s => (s.Annee, s.Mois), s => s.Dernier, ct);
    }

    /// <summary>The next national number of the territory for the month of the line's deposit, under its registering service.</summary>
    private static NumeroUnique Attribuer(NumerotationImport numerotation, Dictionary<(int Annee, int Mois), int> sequences, DemandeLue ligne)
    {
        var cle = (ligne.DateDepot.Year, ligne.DateDepot.Month);
        var suivant = sequences.GetValueOrDefault(cle) + 1;
        if (suivant > NumeroUnique.SequenceMaximum)
            throw new SequenceEpuiseeException(MessageSequenceEpuisee(numerotation.Territoire, cle.Month, cle.Year));
        sequences[cle] = suivant;
        var guichet = ligne.Canal == CanalDepot.EnLigne && numerotation.GuichetEnLigne is { } enLigne ? enLigne : numerotation.Guichet;
        var numero = NumeroUnique.Creer(numerotation.Territoire, ligne.DateDepot, suivant, guichet);
        return numero.ValeurOuNull ?? throw new InvalidOperationException($"Ligne {ligne.Ligne} : {numero.Motif}");
    }

    /// <summary>The territory's code (configured, or derived from its main département) and the EPCI's own registering service.</summary>
    private async Task<NumerotationImport> NumerotationParDefautAsync(Siren epci, CancellationToken ct)
    {
        var territoire = await db.TerritoiresHeberges.AsNoTracking().Where(t => t.EpciSiren == epci).Select(t => t.CodeTerritoireSne).SingleOrDefaultAsync(ct)
            ?? NumeroUnique.TerritoireParDefaut(await db.Communes.AsNoTracking().Where(c => c.EpciSiren == epci)
                .OrderByDescending(c => c.Population).Select(c => c.Departement).FirstAsync(ct));
        var guichets = await db.Guichets.AsNoTracking().Where(g => g.EpciSiren == epci && g.Actif
            && (g.TypeOrganisation == OrganisationGuichet.Epci || g.TypeOrganisation == OrganisationGuichet.PortailPublic)).ToListAsync(ct);
        var propre = guichets.Where(g => g.TypeOrganisation == OrganisationGuichet.Epci).OrderBy(g => g.Code, StringComparer.Ordinal).FirstOrDefault()
            ?? throw new InvalidOperationException($"L'intercommunalité {epci.Value} n'a pas de guichet enregistreur : déclarez-le (logis guichets ajouter).");
        return new NumerotationImport(territoire, propre.Code, guichets.FirstOrDefault(g => g.TypeOrganisation == OrganisationGuichet.PortailPublic)?.Code);
    }

    /// <summary>
    /// A batch ready to be written: its registered demands (EF Core path), or only the rows of its four COPYs (PostgreSQL), in
    /// contiguous parts prepared each on one core, in file order.
    /// </summary>
    private sealed class LotPrepare
    {
        public int Nombre { get; init; }
        public Demande[] Demandes { get; init; } = [];
        public Parties[] Parties { get; init; } = [];
    }

    /// <summary>The rows of the four COPYs of a part of a batch, in buffers reused from one batch to the next.</summary>
    private sealed class Parties
    {
        public Parties() => Json = new Utf8JsonWriter(Demandes);

        public EcrivainCopieBinaire Demandes { get; } = new(1 << 18);
        public EcrivainCopieBinaire Evenements { get; } = new(1 << 16);
        public EcrivainCopieBinaire Cotations { get; } = new(1 << 15);
        public EcrivainCopieBinaire Preselection { get; } = new(1 << 15);

        /// <summary>The writer of the JSON contents, into <see cref="Demandes"/>.</summary>
        public Utf8JsonWriter Json { get; }

        public void Effacer()
        {
            Demandes.Effacer();
            Evenements.Effacer();
            Cotations.Effacer();
            Preselection.Effacer();
        }
    }

    /// <summary>What every batch of an import is prepared with, and the buffers it reuses.</summary>
    private sealed class Preparation(Siren epci, DateTimeOffset quand, Acteur acteur, ICoteurDemandes? coteur, bool copy)
    {
        private readonly ConcurrentBag<Parties> _libres = [];

        /// <summary>Registers the batch and, for the COPY, writes its rows, on every core; the demands are kept only for EF Core.</summary>
        public LotPrepare Preparer(DemandeLue[] lues, NumeroUnique[] numeros)
        {
            var n = lues.Length;
            var demandes = copy ? [] : new Demande[n];
            // Contiguous parts, a few per core: each is registered and written in order into its own buffers.
            var nombre = Math.Max(1, Math.Min(n / 32, Environment.ProcessorCount * 2));
            var parties = copy ? new Parties[nombre] : [];
            var parPartie = (n + nombre - 1) / nombre;
            Parallel.For(0, nombre, m =>
            {
                var p = copy ? parties[m] = _libres.TryTake(out var libre) ? libre : new Parties() : null;
                for (var i = m * parPartie; i < Math.Min(n, (m + 1) * parPartie); i++)
                {
                    var l = lues[i];
                    var enregistrement = Demande.Enregistrer(new DemandeId(Guid.CreateVersion7()), numeros[i], l.Contenu, l.Canal, l.DateDepot, quand, acteur, l.MotifDateDepot);
                    // The analysis applied the same rules on the same date: a refusal here is a bug, not a user error.
                    var d = enregistrement.ValeurOuNull ?? throw new InvalidOperationException($"Ligne {l.Ligne} : {enregistrement.Motif}");
                    if (p is null) demandes[i] = d;
                    else Ecrire(p, d, epci, coteur);
                }
            });
            return new LotPrepare { Nombre = n, Demandes = demandes, Parties = parties };
        }

        /// <summary>Gives the buffers of a written batch back for the next ones.</summary>
        public void Rendre(LotPrepare lot)
        {
            foreach (var p in lot.Parties)
            {
                p.Effacer();
                _libres.Add(p);
            }
        }
    }

    private const string CopyDemandes = "COPY demande (\"Id\", \"Numero\", \"Canal\", \"Statut\", \"DateDepot\", \"Contenu\", \"EpciSiren\", \"NomDemandeur\", " +
        "\"CommunesSouhaitees\", \"ToutEpci\", \"Typologies\", \"Prioritaire\", \"CommuneActuelle\", \"ServiceEnLigneUtilise\") FROM STDIN (FORMAT BINARY)";

    private const string CopyEvenements =
        "COPY demande_evenement (\"DemandeId\", \"Rang\", \"Type\", \"Quand\", \"AuteurId\", \"Organisation\", \"Resume\") FROM STDIN (FORMAT BINARY)";

    private const string CopyCotations =
        "COPY cotation_demande (\"DemandeId\", \"EpciSiren\", \"Statut\", \"Elements\", \"Total\", \"GrilleId\", \"Version\", \"CalculeeLe\") FROM STDIN (FORMAT BINARY)";

    private const string CopyPreselection =
        "COPY preselection_demande (\"DemandeId\", \"EpciSiren\", \"Commune\", \"Typologie\", \"Total\", \"DateDepot\", \"Numero\", \"NombrePersonnes\", \"LoyerMaximumCentimes\") FROM STDIN (FORMAT BINARY)";

    /// <summary>
    /// The rows of a demand in the four COPYs, in the columns of <see cref="CopyDemandes"/>, <see cref="CopyEvenements"/>,
    /// <see cref="CopyCotations"/> and <see cref="CopyPreselection"/>: the demand with its search columns and its JSON content, its events,
    /// its row of cotation_demande, its rows of the pre-selection index (LogisDbContext writes the same rows on the EF Core path).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Ecrire(Parties p, Demande d, Siren epci, ICoteurDemandes? coteur)
    {
        var r = ColonnesDemande.Valeurs(d);
        var w = p.Demandes;
        w.Ligne(14);
        w.Uuid(d.Id.Value);
        w.Texte(d.Numero.Valeur);
        w.Int32((int)d.Canal);
        w.Int32((int)d.Statut);
        w.Date(d.DateDepot);
        w.Json(p.Json, d.Contenu, ContenuJson.Ecrire);
        w.Texte(epci.Value);
        w.Texte(r.NomDemandeur);
        w.Texte(r.Communes);
        w.Booleen(r.ToutEpci);
        w.Texte(r.Typologies);
        w.Booleen(r.Prioritaire);
        if (r.CommuneActuelle is { } commune) w.Texte(commune);
        else w.Nul();
        // Registered online: the renewal notice goes by e-mail (R441-2-7 2°). The other notice columns start empty (their defaults).
        w.Booleen(d.ServiceEnLigneUtilise);

        w = p.Evenements;
        foreach (var e in d.Evenements)
        {
            w.Ligne(7);
            w.Uuid(d.Id.Value);
            w.Int32(e.Rang);
            w.Int32((int)e.Type);
            w.Horodatage(e.Quand);
            w.Uuid(e.AuteurId.Value);
            w.Texte(e.Organisation);
            w.Texte(e.Resume);
        }

        var c = CotationDemande.Pour(d, epci, coteur);
        w = p.Cotations;
        w.Ligne(8);
        w.Uuid(c.DemandeId.Value);
        w.Texte(c.EpciSiren.Value);
        w.Int32((int)c.Statut);
        w.Octets(c.Elements);
        if (c.Total is not { } total)
        {
            for (var k = 0; k < 4; k++) w.Nul();
        }
        else
        {
            w.Int32(total);
            w.Texte(c.GrilleId!);
            w.Texte(c.Version!);
            w.Horodatage(c.CalculeeLe!.Value);
        }

        w = p.Preselection;
        foreach (var e in EntreePreselection.Pour(d, epci, c.Total))
        {
            w.Ligne(9);
            w.Uuid(e.DemandeId.Value);
            w.Texte(e.EpciSiren.Value);
            w.Texte(e.Commune);
            w.Texte(e.Typologie);
            if (e.Total is { } t) w.Int32(t);
            else w.Nul();
            w.Date(e.DateDepot);
            w.Texte(e.Numero);
            w.Int32(e.NombrePersonnes);
            if (e.LoyerMaximumCentimes is { } loyer) w.Int32(loyer);
            else w.Nul();
        }
    }

    /// <summary>The four COPYs of a group of batches, on the context's connection and transaction (demands first: the others refer to them).</summary>
    private async Task CopierAsync(List<LotPrepare> lots, CancellationToken ct)
    {
        var connexion = (NpgsqlConnection)db.Database.GetDbConnection();
        var parties = lots.SelectMany(l => l.Parties).ToList();
        await EcrivainCopieBinaire.EnvoyerAsync(connexion, CopyDemandes, parties.Select(p => p.Demandes), ct);
        await EcrivainCopieBinaire.EnvoyerAsync(connexion, CopyEvenements, parties.Select(p => p.Evenements), ct);
        await EcrivainCopieBinaire.EnvoyerAsync(connexion, CopyCotations, parties.Select(p => p.Cotations), ct);
        await EcrivainCopieBinaire.EnvoyerAsync(connexion, CopyPreselection, parties.Select(p => p.Preselection), ct);
    }
}

/// <summary>Writes the active demands of a perimeter in the file format, without any NIR column (docs/protection-des-donnees.md §2, item 4).</summary>
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
