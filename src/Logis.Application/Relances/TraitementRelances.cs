using Logis.Persistence.Pieces;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Relances;
using Logis.Domain.Territoire;
using Logis.Persistence.Demandes;
using Microsoft.EntityFrameworkCore;
using Logis.Persistence.Relances;
using Logis.Persistence;

namespace Logis.Application.Relances;

/// <summary>One demand concerned by a run (or a dry run): its number, what is due, the channels of its messages.</summary>
public sealed record LigneRelance(string Numero, TypeRelance Type, IReadOnlyList<CanalMessage> Canaux, string? Refus = null);

/// <summary>Outcome of a run: counts by kind, demands in failure (nothing written for them), messages queued.</summary>
public sealed record ResultatRelances(
    Guid? ExecutionId, Siren Epci, DateOnly Jour, bool Essai, int Examinees, IReadOnlyDictionary<TypeRelance, int> ParType,
    int Echecs, int MessagesCrees, IReadOnlyList<LigneRelance> Lignes)
{
    public int Nombre(TypeRelance type) => ParType.GetValueOrDefault(type);
}

/// <summary>Audit action names of the daily run (radiations use <see cref="ActionsAudit.Radiation"/>).</summary>
public static class ActionsAuditRelances
{
    public const string Rappel = "demande.rappel-renouvellement";
    public const string Avertissement = "demande.avertissement";
    /// <summary>An agent put a failed message back in the sending queue (the channel is in the detail).</summary>
    public const string MessageRepris = "relance.message-repris";
}

/// <summary>
/// The daily lifecycle run of one EPCI (R441-2-7, R441-2-8): for each active demand, what <see cref="PlanRelances"/>
/// says is due today is recorded through the demand's own transition, with its timeline event, its audit row and its
/// messages, in ONE SaveChanges per demand — a failure leaves that demand untouched and the run goes on. Safe to run
/// twice the same day: the acts refuse a second reminder, warning or radiation, and the outbox has a unique key.
/// </summary>
/// <param name="stockage">The piece store whose files go when the run radiates a demand (none: only the database contents go).</param>
public sealed class TraitementRelances(LogisDbContext db, TimeProvider horloge, ParametresRelances parametres, IStockagePieces? stockage = null)
{
    /// <summary>The author of the acts of the run in timelines and audit: the system manager, not a person.</summary>
    public static readonly AuteurId Systeme = PlanRelances.Systeme;

    public const string NomSysteme = PlanRelances.NomSysteme;


    /// <summary>Today in France.</summary>
    public DateOnly Aujourdhui() => horloge.AujourdhuiEnFrance();

    public async Task<ResultatRelances> ExecuterAsync(Siren epci, DateOnly? date, bool essai, OrigineExecution origine, string lanceePar, CancellationToken ct = default)
    {
        var jour = date ?? Aujourdhui();
        var quand = Instant(jour);
        var nomEpci = await db.Epcis.AsNoTracking().Where(e => e.Siren == epci).Select(e => e.Nom).SingleOrDefaultAsync(ct) ?? epci.Value;
        var expediteur = new Expediteur(nomEpci);
        var acteur = new Acteur(Systeme, nomEpci);
        var ids = await CandidatesAsync(epci, jour, ct);

        if (essai) return await EssaiAsync(epci, jour, ids, ct);

        var execution = ExecutionRelances.Commencer(epci, jour, origine, lanceePar, horloge.GetUtcNow().UtcDateTime);
        execution.Examinees = ids.Count;
        db.Add(execution);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var parType = new Dictionary<TypeRelance, int>();
        var lignes = new List<LigneRelance>();
        int echecs = 0, messages = 0;
        var enEchec = new List<string>();
        foreach (var id in ids)
        {
            ct.ThrowIfCancellationRequested();
            db.ChangeTracker.Clear();
            var demande = await db.Demandes.SingleAsync(d => d.Id == id, ct);
            if (PlanRelances.Decider(demande, jour, parametres) is not { } type) continue;
            var canaux = ModelesMessages.Canaux(type, demande);
            if (type == TypeRelance.AExaminer)
            {
                Compter(parType, type);
                lignes.Add(new LigneRelance(demande.Numero.Valeur, type, canaux));
                continue;
            }
            var acte = PlanRelances.Appliquer(demande, type, quand, acteur, parametres);
            if (!acte.EstReussi)
            {
                echecs++;
                lignes.Add(new LigneRelance(demande.Numero.Valeur, type, [], acte.Motif));
                continue;
            }
            var redaction = ModelesMessages.Rediger(type, demande, jour, expediteur);
            var maintenant = horloge.GetUtcNow().UtcDateTime;
            foreach (var m in redaction) db.Add(MessageDemandeur.Creer(demande, epci, execution.Id, type, m, maintenant));
            db.Audit.Add(new EntreeAudit
            {
                Quand = horloge.GetUtcNow(), AuteurId = Systeme.Value, Auteur = $"{NomSysteme} ({lanceePar})", Organisation = nomEpci, DemandeId = demande.Id,
                Action = type switch
                {
                    TypeRelance.RappelRenouvellement => ActionsAuditRelances.Rappel,
                    TypeRelance.AvertissementIrrecevabilite => ActionsAuditRelances.Avertissement,
                    _ => ActionsAudit.Radiation,
                },
            });
            // The run's journal row counts this act in the same transaction: a run killed midway (kill -9, power loss) leaves a
            // row without end whose counts are exactly the acts committed before the interruption.
            var siReussi = new Dictionary<TypeRelance, int>(parType);
            Compter(siReussi, type);
            db.Attach(execution);
            Reporter(execution, siReussi, echecs, messages + redaction.Count);
            db.Entry(execution).State = EntityState.Modified;
            try
            {
                // The act, its event, its audit row, its messages and the purge of a radiated demand's pieces: one SaveChanges, one transaction.
                var fichiers = await PurgePiecesRadiation.PreparerAsync(db, ct);
                await db.SaveChangesAsync(ct);
                PurgePiecesRadiation.EffacerFichiers(stockage, fichiers);
                Compter(parType, type);
                messages += redaction.Count;
                lignes.Add(new LigneRelance(demande.Numero.Valeur, type, canaux));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Nothing of this demand was written; the next run will try again. No exception text is kept: it may quote data.
                echecs++;
                enEchec.Add($"{demande.Numero.Valeur} ({e.GetType().Name})");
                lignes.Add(new LigneRelance(demande.Numero.Valeur, type, [], "Erreur à l'enregistrement : rien n'a été écrit pour cette demande."));
            }
        }
        db.ChangeTracker.Clear();

        db.Attach(execution);
        Reporter(execution, parType, echecs, messages);
        db.Entry(execution).State = EntityState.Modified;
        if (enEchec.Count > 0)
        {
            var texte = $"{enEchec.Count} demande(s) en échec, inchangées : {string.Join(", ", enEchec.Take(20))}";
            execution.Erreur = texte.Length > 1000 ? texte[..1000] : texte;
        }
        execution.Terminer(horloge.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return new ResultatRelances(execution.Id, epci, jour, false, ids.Count, parType, echecs, messages, lignes);
    }

    /// <summary>The counts of the run's journal row.</summary>
    private static void Reporter(ExecutionRelances execution, Dictionary<TypeRelance, int> parType, int echecs, int messages)
    {
        execution.Rappels = parType.GetValueOrDefault(TypeRelance.RappelRenouvellement);
        execution.Avertissements = parType.GetValueOrDefault(TypeRelance.AvertissementIrrecevabilite);
        execution.Radiations = parType.GetValueOrDefault(TypeRelance.RadiationNonRenouvellement)
            + parType.GetValueOrDefault(TypeRelance.RadiationAbsenceDeReponse) + parType.GetValueOrDefault(TypeRelance.RadiationIrrecevabilite);
        execution.AExaminer = parType.GetValueOrDefault(TypeRelance.AExaminer);
        execution.Echecs = echecs;
        execution.MessagesCrees = messages;
    }

    /// <summary>The dry run (forecast of /relances, <c>--essai</c>): the same decisions, read by lots, nothing written.</summary>
    private async Task<ResultatRelances> EssaiAsync(Siren epci, DateOnly jour, List<DemandeId> ids, CancellationToken ct)
    {
        var parType = new Dictionary<TypeRelance, int>();
        var lignes = new List<LigneRelance>();
        foreach (var lot in ids.Chunk(500))
        {
            var demandes = await db.Demandes.AsNoTracking().AsSplitQuery().Where(d => lot.Contains(d.Id)).ToListAsync(ct);
            foreach (var demande in demandes.OrderBy(d => d.DateDepot).ThenBy(d => d.Numero.Valeur, StringComparer.Ordinal))
            {
                if (PlanRelances.Decider(demande, jour, parametres) is not { } type) continue;
                Compter(parType, type);
                lignes.Add(new LigneRelance(demande.Numero.Valeur, type, ModelesMessages.Canaux(type, demande)));
            }
        }
        return new ResultatRelances(null, epci, jour, true, ids.Count, parType, 0, 0, lignes);
    }

    /// <summary>
    /// Active demands that may have something due: validity started long enough ago for the notice (with a margin the
    /// domain then settles), or a CALEOL inadmissibility, or a pending warning, or a notice returned undelivered.
    /// </summary>
    private Task<List<DemandeId>> CandidatesAsync(Siren epci, DateOnly jour, CancellationToken ct) =>
        Candidates(db, epci, jour, parametres.Delais).OrderBy(d => d.DateDepot).ThenBy(d => d.Numero).Select(d => d.Id).ToListAsync(ct);

    /// <summary>The query of <see cref="CandidatesAsync"/>, shared with the list of demands to examine.</summary>
    internal static IQueryable<Demande> Candidates(LogisDbContext db, Siren epci, DateOnly jour, DelaisAvis delais)
    {
        // Validity started on or before this date: the notice may be due (its day is the end of validity less the
        // notice and the advance; three days of margin for the month ends, the domain settles the exact day).
        var borne = jour.AddMonths(delais.PreavisRenouvellementMois).AddDays(delais.AnticipationAvisJours + 3).AddYears(-1);
        return db.Demandes.AsNoTracking()
            .Where(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == epci && d.Statut == StatutDemande.Active
                        && ((d.DateDernierRenouvellement ?? d.DateDepot) <= borne || d.IrrecevabiliteLe != null || d.Avertissements.Any()
                            || d.RappelNonDistribueLe != null));
    }

    /// <summary>The instant of the acts: now for today, noon (French time) for another day given to the command line.</summary>
    private DateTimeOffset Instant(DateOnly jour)
    {
        var maintenant = horloge.MaintenantEnFrance();
        if (HeureFrance.Jour(maintenant) == jour) return maintenant;
        return HeureFrance.A(jour, new TimeOnly(12, 0));
    }

    private static void Compter(Dictionary<TypeRelance, int> parType, TypeRelance type) => parType[type] = parType.GetValueOrDefault(type) + 1;
}
