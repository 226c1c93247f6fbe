using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Microsoft.EntityFrameworkCore;

namespace Logis.Persistence.Demandes;

/// <summary>
/// Last sequence number of the national numbers of a territory for a month of first deposit (R441-2-4 c; docs/sne.md §1):
/// each (territory, year, month) has its own sequence, from 1, without gap or duplicate.
/// </summary>
public sealed class SequenceNumero
{
    public required string Territoire { get; init; }
    public required int Annee { get; init; }
    public required int Mois { get; init; }
    public int Dernier { get; set; }
}

/// <summary>
/// One audit row: who, for which organisation, when, what, on which demand. Never any content (no NIR,
/// no name, no priority criterion): the action name says what was done or read (docs/protection-des-donnees.md §2 items 4 and 18).
/// The journal is append-only for the application (<see cref="Journal.ProtectionJournal"/>); only the
/// retention purge (<c>PurgeJournal</c>, Logis.Application) deletes rows.
/// </summary>
public sealed class EntreeAudit
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public required DateTimeOffset Quand { get; init; }
    public required Guid AuteurId { get; init; }
    public required string Auteur { get; init; }
    public required string Organisation { get; init; }
    public required string Action { get; init; }
    public DemandeId? DemandeId { get; init; }

    /// <summary>
    /// The EPCI whose journal holds the row (the EPCI is the controller, docs/protection-des-donnees.md §3). Left empty by a writer
    /// that names a demand, it is taken from that demand when the row is saved.
    /// </summary>
    public Siren? EpciSiren { get; init; }

    /// <summary>A non-personal detail (a count, the filters of an export, the other demand of a merge). Never content.</summary>
    public string? Detail { get; init; }
}

/// <summary>Audit action names.</summary>
public static class ActionsAudit
{
    public const string Enregistrement = "demande.enregistrement";
    public const string MiseAJour = "demande.mise-a-jour";
    public const string Renouvellement = "demande.renouvellement";
    public const string Radiation = "demande.radiation";
    /// <summary>A page or an endpoint showed sensitive fields (masked NIR, priority situations, disability needs).</summary>
    public const string LectureDonneesSensibles = "demande.lecture-donnees-sensibles";
    /// <summary>A page or an endpoint showed a demand's nominative data without its sensitive fields (roles that do not see them).</summary>
    public const string LectureDemande = "demande.lecture";
    /// <summary>A demand's timeline was read through the API.</summary>
    public const string LectureChronologie = "demande.lecture-chronologie";
    /// <summary>A list of demands (names of applicants) was shown: a search page or the duplicates list; the detail gives the count.</summary>
    public const string LectureListe = "demande.lecture-liste";
    /// <summary>A demand file was imported (one row for the whole file, in the import's transaction).</summary>
    public const string Import = "demande.import-fichier";
    /// <summary>The demands of a perimeter were exported as a file (bulk export, docs/protection-des-donnees.md §2 item 32).</summary>
    public const string ExportMasse = "demande.export-masse";
    /// <summary>The attestation of registration was shown (name, address, composition of the household).</summary>
    public const string LectureAttestation = "demande.lecture-attestation";
    /// <summary>The explained score was shown (its lines reveal priority situations and disability).</summary>
    public const string LectureCotation = "demande.lecture-cotation";
    /// <summary>The household category, consumption units and eligibility computed from a demand were read through the API (incomes).</summary>
    public const string LectureEligibilite = "demande.lecture-eligibilite";
        /// <summary>Two demands were merged (one row on each; a team choice, not R441-2-8 f).</summary>
    public const string Fusion = "demande.fusion";
    /// <summary>The audit journal was exported (the filters are in the detail).</summary>
    public const string ExportJournal = "journal.export";
    /// <summary>The retention purge of the journal ran (the count and the horizon are in the detail).</summary>
    public const string PurgeJournal = "journal.purge";
    /// <summary>Demands radiated beyond the retention horizon were deleted (the count and the horizon are in the detail).</summary>
    public const string PurgeDemandes = "demande.purge-conservation";
}

/// <summary>Search columns derived from the content, kept as shadow properties of the demand row.</summary>
public static class ColonnesDemande
{
    public const string Epci = "EpciSiren";
    public const string NomDemandeur = "NomDemandeur";
    public const string Communes = "CommunesSouhaitees";
    public const string ToutEpci = "ToutEpci";
    public const string Typologies = "Typologies";
    public const string Prioritaire = "Prioritaire";
    /// <summary>The INSEE code of the commune of the household's current housing (null when the demand gives none): the communal-preference indicator.</summary>
    public const string CommuneActuelle = "CommuneActuelle";

    /// <summary>Upper-case ASCII form used for the name search (accents, case and spacing ignored).</summary>
    public static string Normaliser(string nom)
    {
        var decompose = nom.Normalize(System.Text.NormalizationForm.FormD);
        var s = new System.Text.StringBuilder(decompose.Length);
        foreach (var c in decompose)
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(c)) s.Append(char.ToUpperInvariant(c));
            else if (s.Length > 0 && s[^1] != ' ') s.Append(' ');
        }
        return s.ToString().Trim().Replace("Œ", "OE", StringComparison.Ordinal).Replace("Æ", "AE", StringComparison.Ordinal);
    }

    public static string Liste(IEnumerable<string> valeurs) => "|" + string.Join("|", valeurs) + "|";

    /// <summary>The search column values of a demand (EPCI apart): the one rule, for EF Core and for the import's COPY.</summary>
    public static ValeursRecherche Valeurs(Demande demande)
    {
        ArgumentNullException.ThrowIfNull(demande);
        var s = demande.Contenu.Souhaits;
        return new ValeursRecherche(Normaliser(demande.Contenu.Demandeur.Nom), Liste(s.Communes.Select(c => c.Value)), s.ToutEpci,
            Liste(s.Typologies.Select(t => t.ToString())), demande.SituationsPrioritaires.Any(x => x.EstEnCours), demande.Contenu.LogementActuel?.Commune?.Value);
    }
}

/// <summary>The values of the search columns of a demand row (<see cref="ColonnesDemande"/>).</summary>
public readonly record struct ValeursRecherche(string NomDemandeur, string Communes, bool ToutEpci, string Typologies, bool Prioritaire, string? CommuneActuelle);

public static class DemandesDb
{
    /// <summary>Adds a new demand registered in the EPCI of the registering service.</summary>
    public static void AjouterDemande(this LogisDbContext db, Demande demande, Siren epci)
    {
        db.Demandes.Add(demande);
        db.Entry(demande).Property(ColonnesDemande.Epci).CurrentValue = epci;
    }

    public static Siren EpciDe(this LogisDbContext db, Demande demande) => (Siren)db.Entry(demande).Property(ColonnesDemande.Epci).CurrentValue!;

    /// <summary>
    /// Serialises the numbering of a territory until the caller's transaction ends: on PostgreSQL a transaction-level advisory
    /// lock keyed by the territory (a registration and a file import of the same territory wait for each other); SQLite
    /// transactions are already serial (BEGIN IMMEDIATE).
    /// </summary>
    public static async Task VerrouillerNumerotationAsync(this LogisDbContext db, string territoire, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return;
        long cle = 0x4C6F676973L << 24;
        foreach (var c in territoire) cle = (cle << 8) ^ c;
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT pg_advisory_xact_lock({cle})", ct);
    }

    /// <summary>
    /// Gives the next sequence number of the territory for the month of first deposit, in the caller's transaction: the
    /// numbering of the territory is locked, the row created if missing, then incremented by one UPDATE.
    /// </summary>
    public static async Task<int> ProchaineSequenceAsync(this LogisDbContext db, string territoire, DateOnly premierDepot, CancellationToken ct)
    {
        await db.VerrouillerNumerotationAsync(territoire, ct);
        var (annee, mois) = (premierDepot.Year, premierDepot.Month);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"INSERT INTO sequence_numero (\"Territoire\", \"Annee\", \"Mois\", \"Dernier\") VALUES ({territoire}, {annee}, {mois}, 0) ON CONFLICT DO NOTHING", ct);
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"UPDATE sequence_numero SET \"Dernier\" = \"Dernier\" + 1 WHERE \"Territoire\" = {territoire} AND \"Annee\" = {annee} AND \"Mois\" = {mois}", ct);
        return await db.SequencesNumero.AsNoTracking().Where(s => s.Territoire == territoire && s.Annee == annee && s.Mois == mois)
            .Select(s => s.Dernier).SingleAsync(ct);
    }

    /// <summary>
    /// Moves each sequence of <paramref name="derniers"/> (territory, year, month → last number used) up to that value, in the
    /// caller's transaction, under the lock of <see cref="VerrouillerNumerotationAsync"/> (imports and seeding).
    /// </summary>
    public static async Task AvancerSequencesAsync(this LogisDbContext db, IReadOnlyDictionary<(string Territoire, int Annee, int Mois), int> derniers, CancellationToken ct)
    {
        foreach (var ((territoire, annee, mois), dernier) in derniers)
        {
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"INSERT INTO sequence_numero (\"Territoire\", \"Annee\", \"Mois\", \"Dernier\") VALUES ({territoire}, {annee}, {mois}, 0) ON CONFLICT DO NOTHING", ct);
            await db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE sequence_numero SET \"Dernier\" = {dernier} WHERE \"Territoire\" = {territoire} AND \"Annee\" = {annee} AND \"Mois\" = {mois} AND \"Dernier\" < {dernier}", ct);
        }
    }
}
