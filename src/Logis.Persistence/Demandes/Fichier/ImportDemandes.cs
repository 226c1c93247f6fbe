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
/// Imports a demand file into the demand register of an EPCI. <b>All or nothing</b>: the file is analysed
/// first (<see cref="AnalyseurFichierDemandes"/>, plus numbers already in the database); if one line is
/// broken nothing is written. Otherwise every demand, its registration event, the numbering sequences and
/// one audit row are written in ONE transaction: a failure, a cancellation or a killed process leaves the
/// database as it was. On PostgreSQL the demand and event rows go through binary COPY (BENCHMARKS.md,
/// « Fichier de la demande »); on SQLite through EF Core in batches.
/// </summary>
public sealed class ImportDemandes(LogisDbContext db, TimeProvider horloge)
{
    public const int TailleLot = 5_000;

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

    /// <summary>Analyses the file and, unless <paramref name="essai"/> or broken lines, writes it in one transaction.</summary>
    public async Task<ResultatImport> ImporterAsync(TextReader texte, Siren epci, Acteur acteur, string auteur, bool essai,
        IProgress<Avancement>? progression = null, CancellationToken ct = default)
    {
        var contexte = await ContexteAsync(epci, ct);
        var rapport = AnalyseurFichierDemandes.Analyser(texte, contexte);
        return await ImporterAsync(rapport, epci, acteur, auteur, essai, progression, ct);
    }

    /// <summary>
    /// Same, from a file already analysed by <see cref="AnalyseurFichierDemandes.Analyser"/> against <see cref="ContexteAsync"/>
    /// (the benchmark times the two steps apart without analysing twice). The report is completed with the numbers
    /// already in the database.
    /// </summary>
    public async Task<ResultatImport> ImporterAsync(RapportAnalyse rapport, Siren epci, Acteur acteur, string auteur, bool essai,
        IProgress<Avancement>? progression = null, CancellationToken ct = default)
    {
        await VerifierNumerosExistantsAsync(rapport, ct);
        if (essai || !rapport.EstValide) return new ResultatImport(rapport, essai, 0);
        var importees = await EcrireAsync(rapport.Valides, epci, acteur, auteur, progression, ct);
        return new ResultatImport(rapport, false, importees);
    }

    /// <summary>A number given in the file must not already exist in the database (any EPCI: numbers are unique).</summary>
    private async Task VerifierNumerosExistantsAsync(RapportAnalyse rapport, CancellationToken ct)
    {
        var numerotees = rapport.Valides.Where(d => d.Numero is not null).ToList();
        var existants = new HashSet<string>(StringComparer.Ordinal);
        foreach (var lot in numerotees.Chunk(1_000))
        {
            var numeros = lot.Select(d => d.Numero!).ToList();
            foreach (var n in await db.Demandes.AsNoTracking().Where(d => numeros.Contains(d.Numero)).Select(d => d.Numero).ToListAsync(ct))
                existants.Add(n.Valeur);
        }
        if (existants.Count == 0) return;
        foreach (var d in numerotees.Where(d => existants.Contains(d.Numero!.Valeur)))
            rapport.Erreurs.Add(new ErreurLigne(d.Ligne, FormatFichierDemandes.Numero, $"Le numéro {d.Numero!.Valeur} existe déjà dans la base."));
        rapport.Valides.RemoveAll(d => d.Numero is not null && existants.Contains(d.Numero.Valeur));
        rapport.Erreurs.Sort((a, b) => a.Ligne.CompareTo(b.Ligne));
    }

    private async Task<int> EcrireAsync(IReadOnlyList<DemandeLue> lues, Siren epci, Acteur acteur, string auteur, IProgress<Avancement>? progression, CancellationToken ct)
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
            try
            {
                var demandes = await NumeroterAsync(lues, departement, quand, acteur, ct);
                var fait = 0;
                var lot = 0;
                var morceaux = demandes.Chunk(TailleLot).ToList();
                // COPY: the rows of the next batch are prepared on the other cores while PostgreSQL takes the current one.
                var coteur = db.Coteur();
                var suivant = copy && morceaux.Count > 0 ? Task.Run(() => LignesCopy.Preparer(morceaux[0], epci, coteur)) : null;
                for (var k = 0; k < morceaux.Count; k++)
                {
                    var morceau = morceaux[k];
                    if (suivant is not null)
                    {
                        var lignes = await suivant;
                        var prochain = k + 1 < morceaux.Count ? morceaux[k + 1] : null;
                        suivant = prochain is null ? null : Task.Run(() => LignesCopy.Preparer(prochain, epci, coteur));
                        await CopierAsync(lignes, ct);
                    }
                    else
                    {
                        foreach (var d in morceau) db.AjouterDemande(d, epci);
                        await db.SaveChangesAsync(ct);
                        db.ChangeTracker.Clear();
                    }
                    fait += morceau.Length;
                    progression?.Report(new Avancement("Demandes", fait, demandes.Count));
                    if (ApresLot is { } crochet) await crochet(++lot, ct);
                }
                db.Audit.Add(new EntreeAudit
                {
                    Quand = horloge.GetUtcNow(), AuteurId = acteur.Id.Value, Auteur = auteur, Organisation = acteur.Organisation, Action = ActionsAudit.Import, EpciSiren = epci,
                });
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
                return demandes.Count;
            }
            finally
            {
                db.ChangeTracker.Clear();
                db.ChangeTracker.AutoDetectChangesEnabled = true;
            }
        });
    }

    /// <summary>
    /// Keeps the numbers given in the file (the sequence of their département and year is moved past them), and
    /// gives the others a block of the EPCI's département sequence for this year, in the transaction.
    /// </summary>
    private async Task<List<Demande>> NumeroterAsync(IReadOnlyList<DemandeLue> lues, string departement, DateTimeOffset quand, Acteur acteur, CancellationToken ct)
    {
        foreach (var g in lues.Where(d => d.Numero is not null).GroupBy(d => (d.Numero!.Departement, d.Numero.Annee)))
        {
            var annee = 2000 + g.Key.Annee;
            var max = g.Max(d => d.Numero!.Sequence);
            await AssurerSequenceAsync(g.Key.Departement, annee, ct);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE sequence_numero SET \"Dernier\" = {max} WHERE \"Departement\" = {g.Key.Departement} AND \"Annee\" = {annee} AND \"Dernier\" < {max}", ct);
        }
        var sans = lues.Count(d => d.Numero is null);
        var prochain = 0;
        if (sans > 0)
        {
            await AssurerSequenceAsync(departement, quand.Year, ct);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE sequence_numero SET \"Dernier\" = \"Dernier\" + {sans} WHERE \"Departement\" = {departement} AND \"Annee\" = {quand.Year}", ct);
            var dernier = await db.SequencesNumero.AsNoTracking().Where(s => s.Departement == departement && s.Annee == quand.Year).Select(s => s.Dernier).SingleAsync(ct);
            prochain = dernier - sans + 1;
            if (dernier > NumeroUnique.SequenceMaximum)
                throw new InvalidOperationException($"La séquence des numéros du département {departement} pour {quand.Year} serait épuisée.");
        }
        var demandes = new List<Demande>(lues.Count);
        foreach (var l in lues)
        {
            var numero = l.Numero ?? NumeroUnique.Creer(departement, quand.Year, prochain++).Valeur;
            var demande = Demande.Enregistrer(new DemandeId(Guid.CreateVersion7()), numero, l.Contenu, l.Canal, l.DateDepot, quand, acteur);
            // The analysis applied the same rules on the same date: a refusal here is a bug, not a user error.
            demandes.Add(demande.ValeurOuNull ?? throw new InvalidOperationException($"Ligne {l.Ligne} : {demande.Motif}"));
        }
        return demandes;
    }

    private Task AssurerSequenceAsync(string departement, int annee, CancellationToken ct) =>
        db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO sequence_numero (\"Departement\", \"Annee\", \"Dernier\") VALUES ({departement}, {annee}, 0) ON CONFLICT DO NOTHING", ct);

    /// <summary>
    /// The values of a batch of demand rows, computed before the COPY (JSON content, search columns, scoring elements and
    /// score: the CPU part).
    /// </summary>
    private sealed record LignesCopy(Demande[] Demandes, Siren Epci, string[] Contenus, string[] Noms, string[] Communes, string[] Typologies,
        byte[][] Elements, CotationCalculee?[] Cotations)
    {
        public static LignesCopy Preparer(Demande[] demandes, Siren epci, ICoteurDemandes? coteur)
        {
            var n = demandes.Length;
            var lignes = new LignesCopy(demandes, epci, new string[n], new string[n], new string[n], new string[n], new byte[n][], new CotationCalculee?[n]);
            Parallel.For(0, n, i =>
            {
                var d = demandes[i];
                var s = d.Contenu.Souhaits;
                lignes.Contenus[i] = ContenuJson.Ecrire(d.Contenu);
                lignes.Noms[i] = ColonnesDemande.Normaliser(d.Contenu.Demandeur.Nom);
                lignes.Communes[i] = ColonnesDemande.Liste(s.Communes.Select(c => c.Value));
                lignes.Typologies[i] = ColonnesDemande.Liste(s.Typologies.Select(t => t.ToString()));
                lignes.Elements[i] = ElementsStockes.De(d);
                lignes.Cotations[i] = coteur?.Coter(d, epci);
            });
            return lignes;
        }
    }

    /// <summary>Binary COPY of a batch into demande and demande_evenement, on the context's connection and transaction.</summary>
    private async Task CopierAsync(LignesCopy lignes, CancellationToken ct)
    {
        var connexion = (NpgsqlConnection)db.Database.GetDbConnection();
        var demandes = lignes.Demandes;
        await using (var w = await connexion.BeginBinaryImportAsync(
            "COPY demande (\"Id\", \"Numero\", \"Canal\", \"Statut\", \"DateDepot\", \"Contenu\", \"EpciSiren\", \"NomDemandeur\", " +
            "\"CommunesSouhaitees\", \"ToutEpci\", \"Typologies\", \"Prioritaire\") FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < demandes.Length; i++)
            {
                var d = demandes[i];
                await w.StartRowAsync(ct);
                await w.WriteAsync(d.Id.Value, NpgsqlDbType.Uuid, ct);
                await w.WriteAsync(d.Numero.Valeur, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync((int)d.Canal, NpgsqlDbType.Integer, ct);
                await w.WriteAsync((int)d.Statut, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(d.DateDepot, NpgsqlDbType.Date, ct);
                await w.WriteAsync(lignes.Contenus[i], NpgsqlDbType.Text, ct);
                await w.WriteAsync(lignes.Epci.Value, NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(lignes.Noms[i], NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(lignes.Communes[i], NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(d.Contenu.Souhaits.ToutEpci, NpgsqlDbType.Boolean, ct);
                await w.WriteAsync(lignes.Typologies[i], NpgsqlDbType.Varchar, ct);
                await w.WriteAsync(d.SituationsPrioritaires.Count > 0, NpgsqlDbType.Boolean, ct);
            }
            await w.CompleteAsync(ct);
        }
        await using (var w = await connexion.BeginBinaryImportAsync(
            "COPY demande_evenement (\"DemandeId\", \"Rang\", \"Type\", \"Quand\", \"AuteurId\", \"Organisation\", \"Resume\") FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var d in demandes)
            {
                foreach (var e in d.Evenements)
                {
                    await w.StartRowAsync(ct);
                    await w.WriteAsync(d.Id.Value, NpgsqlDbType.Uuid, ct);
                    await w.WriteAsync(e.Rang, NpgsqlDbType.Integer, ct);
                    await w.WriteAsync((int)e.Type, NpgsqlDbType.Integer, ct);
                    await w.WriteAsync(e.Quand.ToUniversalTime(), NpgsqlDbType.TimestampTz, ct);
                    await w.WriteAsync(e.AuteurId.Value, NpgsqlDbType.Uuid, ct);
                    await w.WriteAsync(e.Organisation, NpgsqlDbType.Varchar, ct);
                    await w.WriteAsync(e.Resume, NpgsqlDbType.Varchar, ct);
                }
            }
            await w.CompleteAsync(ct);
        }
        // The row of cotation_demande of each demand (LogisDbContext keeps it on the EF Core path).
        await using (var w = await connexion.BeginBinaryImportAsync(
            "COPY cotation_demande (\"DemandeId\", \"EpciSiren\", \"Statut\", \"Elements\", \"Total\", \"GrilleId\", \"Version\", \"CalculeeLe\") FROM STDIN (FORMAT BINARY)", ct))
        {
            for (var i = 0; i < demandes.Length; i++)
            {
                var d = demandes[i];
                var c = lignes.Cotations[i];
                w.StartRow();
                w.Write(d.Id.Value, NpgsqlDbType.Uuid);
                w.Write(lignes.Epci.Value, NpgsqlDbType.Varchar);
                w.Write((int)d.Statut, NpgsqlDbType.Integer);
                w.Write(lignes.Elements[i], NpgsqlDbType.Bytea);
                if (c is null)
                {
                    for (var k = 0; k < 4; k++) w.WriteNull();
                }
                else
                {
                    w.Write(c.Total, NpgsqlDbType.Integer);
                    w.Write(c.GrilleId, NpgsqlDbType.Varchar);
                    w.Write(c.Version, NpgsqlDbType.Varchar);
                    w.Write(c.CalculeeLe.ToUniversalTime(), NpgsqlDbType.TimestampTz);
                }
            }
            await w.CompleteAsync(ct);
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
