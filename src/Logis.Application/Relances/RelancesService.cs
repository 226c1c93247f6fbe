using Logis.Persistence.Pieces;
using Logis.Domain.Commun;
using Logis.Domain.Acces;
using Logis.Domain.Relances;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Demandes;
using Logis.Persistence.Relances;
using Logis.Application.Demandes;
using Logis.Application.Territoire;
using Microsoft.EntityFrameworkCore;
using Logis.Application.Acces;
using Microsoft.Extensions.Logging;

namespace Logis.Application.Relances;

public sealed record ExecutionVue(
    Guid Id, DateOnly Jour, string Origine, string LanceePar, DateTimeOffset DebutLe, DateTimeOffset? FinLe, int Examinees, int Rappels,
    int Avertissements, int Radiations, int AExaminer, int Echecs, int MessagesCrees, string? Erreur);

public sealed record MessageVue(Guid Id, string Numero, string Type, string Canal, string Statut, int Tentatives, DateTimeOffset CreeLe,
    DateTimeOffset? EnvoyeLe, string? DerniereErreur);

public sealed record MessageDetail(MessageVue Message, string Destinataire, string Sujet, string Corps, bool EnEchec);

public sealed record PrevisionVue(string Type, string Libelle, int Nombre);

/// <summary>What /relances and GET /api/v1/relances show: next run and its forecast, last runs, messages by status.</summary>
public sealed record EtatRelances(
    bool Planifie, DateOnly ProchainJour, TimeOnly Heure, IReadOnlyList<PrevisionVue> Prevision, IReadOnlyList<ExecutionVue> Executions,
    int MessagesAEnvoyer, int MessagesEnvoyes, int MessagesEnEchec);

/// <summary>One demand of the list to examine: its number, validity, renewal notice and deadline, its reasons (no name: the number leads to the demand).</summary>
public sealed record LigneExamen(string Numero, DateOnly FinValidite, DateOnly? AvisEnvoyeLe, DateOnly DateLimiteRenouvellement,
    IReadOnlyList<string> Motifs, IReadOnlyList<string> Codes);

public sealed record CompteExamen(string Code, string Libelle, int Nombre);

/// <summary>What /relances/a-examiner and GET /api/v1/relances/a-examiner show: counts by reason, total, one page.</summary>
public sealed record ListeExamen(DateOnly Jour, IReadOnlyList<CompteExamen> Comptes, int Expirees, PageResultats<LigneExamen> Demandes);

/// <summary>Only one run at a time in this process (scheduled run, « lancer maintenant »).</summary>
public sealed class VerrouRelances
{
    public SemaphoreSlim Semaphore { get; } = new(1, 1);
}

/// <summary>
/// The use cases of /relances and its API. EPCI agents see and launch; an administrator sees only (the run performs
/// acts on demands, which the administrator role never does — README); the other roles get 403.
/// </summary>
public sealed class RelancesService(LogisDbContext db, TimeProvider horloge, OptionsRelances options, VerrouRelances verrou, DemandesService demandes,
    IStockagePieces stockage, ILogger<RelancesService> journal)
{
    public const int TaillePage = 50;

    public static bool PeutVoir(Role role) => role is Role.AgentEpci or Role.Administrateur;

    public static bool PeutLancer(Role role) => role == Role.AgentEpci;

    public static string LibelleStatut(StatutMessage s) => s switch
    {
        StatutMessage.AEnvoyer => "À envoyer",
        StatutMessage.Envoye => "Envoyé",
        _ => "Échec",
    };

    public static string LibelleCanal(CanalMessage c) => c switch
    {
        CanalMessage.Courriel => "Courriel",
        CanalMessage.Sms => "SMS",
        _ => "Courrier postal",
    };

    public static string LibelleOrigine(OrigineExecution o) => o switch
    {
        OrigineExecution.Planifiee => "Planifié",
        OrigineExecution.Manuelle => "Lancé depuis la page",
        _ => "Ligne de commande",
    };

    public static DateTimeOffset EnHeureFrancaise(DateTime utc) => HeureFrance.EnFrance(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    public DateOnly Aujourdhui() => horloge.AujourdhuiEnFrance();

    /// <summary>The day of the next scheduled run: today before the hour, tomorrow after.</summary>
    public DateOnly ProchainJour()
    {
        var local = horloge.MaintenantEnFrance();
        var jour = DateOnly.FromDateTime(local.DateTime);
        return TimeOnly.FromDateTime(local.DateTime) < options.HeureRelances ? jour : jour.AddDays(1);
    }

    public async Task<EtatRelances> EtatAsync(Siren epci, CancellationToken ct)
    {
        var jour = ProchainJour();
        var essai = await new TraitementRelances(db, horloge, options.Parametres).ExecuterAsync(epci, jour, essai: true, OrigineExecution.Manuelle, "prévision", ct);
        var prevision = Logis.Domain.Relances.PlanRelances.DuTraitement().Select(t => new PrevisionVue(t.ToString(), t.Libelle(), essai.Nombre(t))).ToList();
        var executions = await db.ExecutionsRelances.AsNoTracking().Where(x => x.EpciSiren == epci).OrderByDescending(x => x.DebutLe).Take(10).ToListAsync(ct);
        var parStatut = await db.Messages.AsNoTracking().Where(m => m.EpciSiren == epci).GroupBy(m => m.Statut)
            .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.N, ct);
        return new EtatRelances(options.Actif, jour, options.HeureRelances, prevision, executions.Select(Vue).ToList(),
            parStatut.GetValueOrDefault(StatutMessage.AEnvoyer), parStatut.GetValueOrDefault(StatutMessage.Envoye), parStatut.GetValueOrDefault(StatutMessage.Echec));
    }

    /// <summary>The active demands of the EPCI an agent should look at today (<see cref="ListeAExaminer"/>).</summary>
    public Task<ListeExamen> AExaminerAsync(Siren epci, string? code, int page, CancellationToken ct) =>
        new ListeAExaminer(db, horloge, options).ListerAsync(epci, code, page, TaillePage, ct);

    /// <summary>The codes of the reasons of the list to examine.</summary>
    public static IReadOnlyList<string> CodesExamen { get; } = Enum.GetValues<MotifExamen>().Select(m => m.Code()).ToList();

    public async Task<ExecutionVue?> ExecutionAsync(Siren epci, Guid id, CancellationToken ct) =>
        await db.ExecutionsRelances.AsNoTracking().Where(x => x.EpciSiren == epci && x.Id == id).SingleOrDefaultAsync(ct) is { } e ? Vue(e) : null;

    public async Task<PageResultats<MessageVue>> MessagesAsync(Siren epci, StatutMessage? statut, int page, CancellationToken ct)
    {
        var q = db.Messages.AsNoTracking().Where(m => m.EpciSiren == epci);
        if (statut is { } s) q = q.Where(m => m.Statut == s);
        var total = await q.CountAsync(ct);
        var lignes = await q.OrderByDescending(m => m.CreeLe).ThenBy(m => m.Numero).Skip((page - 1) * TaillePage).Take(TaillePage).ToListAsync(ct);
        return new PageResultats<MessageVue>(lignes.Select(Vue).ToList(), page, TaillePage, total);
    }

    public async Task<MessageDetail?> MessageAsync(Siren epci, Guid id, CancellationToken ct) =>
        await db.Messages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id && m.EpciSiren == epci, ct) is { } m
            ? new MessageDetail(Vue(m), m.Destinataire, m.Sujet, m.Corps, m.Statut == StatutMessage.Echec)
            : null;

    /// <summary>
    /// Puts a failed message of the agent's EPCI back in the sending queue (after its address was corrected in the demand,
    /// for instance), with an audit row; the next sending takes it. Null when the message is not the EPCI's, false when it
    /// is not in failure (nothing changes).
    /// </summary>
    public async Task<bool?> ReprendreAsync(Agent agent, Guid id, CancellationToken ct)
    {
        var epci = agent.Perimetre.EpciSiren;
        if (await db.Messages.SingleOrDefaultAsync(m => m.Id == id && m.EpciSiren == epci, ct) is not { } message) return null;
        if (message.Statut != StatutMessage.Echec) return false;
        var maintenant = horloge.GetUtcNow();
        message.Reprendre(maintenant.UtcDateTime);
        db.Audit.Add(new EntreeAudit
        {
            Quand = maintenant, AuteurId = agent.Id, Auteur = agent.Nom, Organisation = (await demandes.ActeurAsync(agent, ct)).Organisation,
            Action = ActionsAuditRelances.MessageRepris, DemandeId = message.DemandeId, EpciSiren = epci, Detail = LibelleCanal(message.Canal),
        });
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>« Lancer maintenant »: today's run for the agent's EPCI, then the sending of the queue. Null when a run is already going.</summary>
    public async Task<(ResultatRelances Relances, ResultatEnvoi Envoi)?> LancerAsync(Agent agent, CancellationToken ct)
    {
        if (!await verrou.Semaphore.WaitAsync(TimeSpan.Zero, ct)) return null;
        try
        {
            var resultat = await new TraitementRelances(db, horloge, options.Parametres, stockage)
                .ExecuterAsync(agent.Perimetre.EpciSiren, null, essai: false, OrigineExecution.Manuelle, agent.Nom, ct);
            var envoi = await new EnvoiMessages(db, options.CreerExpediteur(journal), horloge, options.Politique).EnvoyerAsync(agent.Perimetre.EpciSiren, ct);
            return (resultat, envoi);
        }
        finally
        {
            verrou.Semaphore.Release();
        }
    }

    private static ExecutionVue Vue(ExecutionRelances e) => new(e.Id, e.Jour, LibelleOrigine(e.Origine), e.LanceePar, EnHeureFrancaise(e.DebutLe),
        e.FinLe is { } f ? EnHeureFrancaise(f) : null, e.Examinees, e.Rappels, e.Avertissements, e.Radiations, e.AExaminer, e.Echecs, e.MessagesCrees, e.Erreur);

    private static MessageVue Vue(MessageDemandeur m) => new(m.Id, m.Numero, m.Type.Libelle(), LibelleCanal(m.Canal), LibelleStatut(m.Statut), m.Tentatives,
        EnHeureFrancaise(m.CreeLe), m.EnvoyeLe is { } e ? EnHeureFrancaise(e) : null, m.DerniereErreur);
}
