using Logis.Application.Acces;
using Logis.Domain.Acces;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Pieces;
using Logis.Persistence;
using Logis.Persistence.Demandes;
using Logis.Persistence.Pieces;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Demandes;

/// <summary>A priority situation as one agent may see it (a restricted one is not listed for the roles that may not see it).</summary>
public sealed record SituationPrioritaireVue(string Code, string Reference, string Libelle, string Statut, bool Sensible, DateTimeOffset DeclareeLe,
    string? DecisionReference, DateOnly? DecisionDate, string? DecisionCommission, DateTimeOffset? ValideeLe, Guid? Piece, string? PieceLibelle,
    DateOnly? ValableJusquau, DateTimeOffset? RefuseeLe, bool ADecider);

public sealed record CritereVue(string Code, string Reference, string Libelle);

/// <summary>A piece of the demand the agent may choose as the proof of a validation.</summary>
public sealed record PieceChoix(Guid Id, string Libelle, string NomFichier, DateTimeOffset DeposeeLe);

/// <summary>
/// The priority situations of a demand for one agent: those they may see, the number of restricted ones, what they may do, the
/// criteria to choose from and the pieces a validation may cite.
/// </summary>
public sealed record SituationsPrioritairesVue(string Numero, bool DemandeActive, IReadOnlyList<SituationPrioritaireVue> Situations,
    int SituationsRestreintes, bool PeutDeclarer, bool PeutDecider, IReadOnlyList<CritereVue> Criteres, IReadOnlyList<PieceChoix> Pieces);

/// <summary>
/// The use cases of the priority situations (L441-1 a to l, DALO L441-2-3), shared by the API, the page and the demo seeding: enter a
/// situation or a DALO decision, validate it against a piece of the demand, refuse it, expire those whose proof ended. Each act is
/// checked by the domain, recorded in the timeline and the audit, and the demand is rescored in the same save (explicit side effect,
/// <see cref="DemandesService.SauverAsync"/>). Who may do what: <see cref="AccesSituationsPrioritaires"/>.
/// </summary>
public sealed class SituationsPrioritairesService(LogisDbContext db, DemandesService demandes, CataloguePieces catalogue, TimeProvider horloge)
{
    public async Task<Resultat<SituationsPrioritairesVue>> ListerAsync(Agent agent, string numero, CancellationToken ct)
    {
        var lecture = await demandes.ChargerPourAttestationAsync(agent, numero, ct);
        if (!lecture.EstReussi) return lecture.Relayer<SituationsPrioritairesVue>();
        var demande = lecture.Valeur!;
        var role = agent.Role;
        var pieces = await PiecesAsync(agent, demande.Id, ct);
        var libelles = pieces.ToDictionary(p => p.Id, p => p.Libelle);
        var visibles = demande.SituationsPrioritaires.Where(s => AccesSituationsPrioritaires.Voit(role, s.Critere)).OrderBy(s => s.Critere).ToList();
        // Every read of the list is in the journal, whoever reads (issue 12, point 7); it may name health, disability or violence
        // for the roles that see them.
        Auditer(agent, (await demandes.ActeurAsync(agent, ct)).Organisation,
            AccesDemandes.VoitDonneesSensibles(role) ? ActionsAudit.LectureDonneesSensibles : ActionsAudit.LectureDemande, demande.Id);
        await db.SaveChangesAsync(ct);
        var situations = visibles.Select(s => new SituationPrioritaireVue(s.Critere.Code(), s.Critere.Reference(), s.Critere.Libelle(), s.Statut.Libelle(),
            s.Critere.EstSensible(), HeureFrance.EnFrance(s.DeclareeLe), s.DecisionDalo?.Reference, s.DecisionDalo?.Date, s.DecisionDalo?.Commission,
            s.ValideeLe is { } v ? HeureFrance.EnFrance(v) : null, s.PieceId, s.PieceId is { } p ? libelles.GetValueOrDefault(p) : null, s.ValableJusquau,
            s.RefuseeLe is { } r ? HeureFrance.EnFrance(r) : null, s.Statut == StatutJustification.Declaree)).ToList();
        var criteres = CriteresPrioritaires.Tous.Where(c => AccesSituationsPrioritaires.Voit(role, c) || AccesSituationsPrioritaires.PeutDeclarer(role))
            .Select(c => new CritereVue(c.Code(), c.Reference(), c.Libelle())).ToList();
        return Resultat.Ok(new SituationsPrioritairesVue(demande.Numero.Valeur, demande.Statut == StatutDemande.Active, situations,
            demande.SituationsPrioritaires.Count - visibles.Count, AccesSituationsPrioritaires.PeutDeclarer(role), AccesSituationsPrioritaires.PeutDecider(role),
            criteres, AccesSituationsPrioritaires.PeutDecider(role) ? pieces : []));
    }

    /// <summary>Enters a priority situation or a DALO decision: declared, to be justified.</summary>
    public async Task<Resultat<Demande>> DeclarerAsync(Agent agent, string numero, SituationSaisie? saisie, CancellationToken ct)
    {
        var (demande, refus) = await ChargerAsync(agent, numero, AccesSituationsPrioritaires.PeutDeclarer, "Votre rôle permet de consulter les demandes, non d'y saisir une situation prioritaire.", ct);
        if (demande is null) return refus!;
        var lue = (saisie ?? new SituationSaisie(null, null)).Lire(horloge.AujourdhuiEnFrance());
        if (!lue.EstReussi) return Abandonner(lue.Probleme!);
        var (critere, decision) = lue.Valeur;
        return await AgirAsync(agent, demande, ActionsAuditSituations.Declaration, (d, quand, acteur) => d.DeclarerSituationPrioritaire(critere, decision, quand, acteur), ct);
    }

    /// <summary>
    /// The competent agent validates a declared situation against a piece of this demand that they may see and that is still available
    /// (not removed, not purged); the demand is rescored.
    /// </summary>
    public async Task<Resultat<Demande>> ValiderAsync(Agent agent, string numero, string? code, ValidationSaisie? saisie, CancellationToken ct)
    {
        var (demande, refus) = await ChargerAsync(agent, numero, AccesSituationsPrioritaires.PeutDecider, RefusDecision, ct);
        if (demande is null) return refus!;
        if (LireCritere(agent, demande, code) is { } inconnu) return Abandonner(inconnu);
        var critere = CriteresPrioritaires.Lire(code)!.Value;
        var lue = (saisie ?? new ValidationSaisie(null, null)).Lire();
        if (!lue.EstReussi) return Abandonner(lue.Probleme!);
        var (pieceId, fin) = lue.Valeur;
        var piece = await db.Pieces.AsNoTracking().SingleOrDefaultAsync(p => p.Id == pieceId && p.DemandeId == demande.Id, ct);
        if (piece is null || piece.Statut != StatutPiece.Disponible || !AccesPieces.Voit(agent.Role, piece.Sensibilite))
            return Abandonner(Echec.Invalide("La pièce justificative n'a pas été trouvée parmi les pièces disponibles de la demande.",
                new Dictionary<string, string[]> { ["piece"] = ["Choisissez une pièce déposée sur cette demande (déposez-la d'abord si besoin)."] }));
        return await AgirAsync(agent, demande, ActionsAuditSituations.Validation, (d, quand, acteur) => d.ValiderSituationPrioritaire(critere, pieceId, fin, quand, acteur), ct);
    }

    /// <summary>The competent agent refuses a declared situation (proof insufficient): it stops counting; the demand is rescored.</summary>
    public async Task<Resultat<Demande>> RefuserAsync(Agent agent, string numero, string? code, CancellationToken ct)
    {
        var (demande, refus) = await ChargerAsync(agent, numero, AccesSituationsPrioritaires.PeutDecider, RefusDecision, ct);
        if (demande is null) return refus!;
        if (LireCritere(agent, demande, code) is { } inconnu) return Abandonner(inconnu);
        var critere = CriteresPrioritaires.Lire(code)!.Value;
        return await AgirAsync(agent, demande, ActionsAuditSituations.Refus, (d, quand, acteur) => d.RefuserSituationPrioritaire(critere, quand, acteur), ct);
    }

    /// <summary>
    /// The daily expiry of one EPCI: every active demand with a validated situation whose proof ended before <paramref name="jour"/>
    /// gets the expiry in its timeline, is audited and rescored, one save per demand. Returns how many situations expired.
    /// </summary>
    public async Task<int> ExpirerAsync(Agent systeme, DateOnly jour, CancellationToken ct)
    {
        var epci = systeme.Perimetre.EpciSiren;
        var ids = await db.Demandes.AsNoTracking()
            .Where(d => EF.Property<Domain.Territoire.Siren>(d, ColonnesDemande.Epci) == epci && d.Statut == StatutDemande.Active
                && d.SituationsPrioritaires.Any(s => s.Statut == StatutJustification.ValideeParAgentHabilite && s.ValableJusquau < jour))
            .Select(d => d.Id).ToListAsync(ct);
        var acteur = await demandes.ActeurAsync(systeme, ct);
        // Today: now; another day (catching up, tests): noon of that French day, as the daily run of the reminders.
        var quand = jour == horloge.AujourdhuiEnFrance() ? demandes.Maintenant() : HeureFrance.A(jour, new TimeOnly(12, 0));
        var total = 0;
        foreach (var id in ids)
        {
            var demande = await db.Demandes.SingleAsync(d => d.Id == id, ct);
            var fait = demande.ExpirerSituationsPrioritaires(quand, acteur);
            if (!fait.EstReussi || fait.Valeur == 0)
            {
                db.ChangeTracker.Clear();
                continue;
            }
            Auditer(systeme, acteur.Organisation, ActionsAuditSituations.Expiration, demande.Id);
            await demandes.SauverAsync(ct);
            db.ChangeTracker.Clear();
            total += fait.Valeur;
        }
        return total;
    }

    private const string RefusDecision = "Seuls les agents qui instruisent la demande (intercommunalité, bailleur) valident ou refusent une situation prioritaire.";

    private async Task<(Demande? Demande, Resultat<Demande>? Refus)> ChargerAsync(Agent agent, string numero, Func<Role, bool> autorise, string interdit, CancellationToken ct)
    {
        var lecture = await demandes.ChargerPourAttestationAsync(agent, numero, ct);
        if (!lecture.EstReussi) return (null, lecture);
        // Out of perimeter is a 404 first; the role is judged once the demand is seen; the body last.
        if (!autorise(agent.Role)) return (null, Resultat.Interdit<Demande>(interdit));
        if (!await demandes.PeutAgirAsync(agent, ct)) return (null, Resultat.Interdit<Demande>(DemandesService.NonServiceEnregistreur));
        return (await db.Demandes.SingleAsync(d => d.Id == lecture.Valeur!.Id, ct), null);
    }

    /// <summary>An unknown code, or a sensitive one the agent may not see, is answered alike: nothing is said of a restricted situation.</summary>
    private static Echec? LireCritere(Agent agent, Demande demande, string? code)
    {
        var critere = CriteresPrioritaires.Lire(code);
        if (critere is null || !AccesSituationsPrioritaires.Voit(agent.Role, critere.Value))
            return Echec.NonTrouve($"Aucune situation prioritaire « {code} » sur la demande {demande.Numero}.");
        return null;
    }

    private Resultat<Demande> Abandonner(Echec probleme)
    {
        db.ChangeTracker.Clear();
        return Resultat.Echec<Demande>(probleme);
    }

    private async Task<Resultat<Demande>> AgirAsync(Agent agent, Demande demande, string action, Func<Demande, DateTimeOffset, Acteur, Resultat> acte, CancellationToken ct)
    {
        var acteur = await demandes.ActeurAsync(agent, ct);
        var fait = acte(demande, demandes.Maintenant(), acteur);
        if (!fait.EstReussi) return Abandonner(fait.Probleme);
        Auditer(agent, acteur.Organisation, action, demande.Id);
        await demandes.SauverAsync(ct);
        return Resultat.Ok(demande);
    }

    private async Task<List<PieceChoix>> PiecesAsync(Agent agent, DemandeId demande, CancellationToken ct)
    {
        var pieces = await db.Pieces.AsNoTracking().Where(p => p.DemandeId == demande && p.Statut == StatutPiece.Disponible).ToListAsync(ct);
        return [.. pieces.Where(p => AccesPieces.Voit(agent.Role, p.Sensibilite)).OrderBy(p => p.DeposeeLe)
            .Select(p => new PieceChoix(p.Id, catalogue.Trouver(p.TypeCode)?.Libelle ?? p.TypeCode, p.NomFichier, HeureFrance.EnFrance(p.DeposeeLe)))];
    }

    private void Auditer(Agent agent, string organisation, string action, DemandeId demande) =>
        db.Audit.Add(new EntreeAudit
        {
            Quand = horloge.GetUtcNow(), AuteurId = agent.Id, Auteur = agent.Nom, Organisation = organisation, Action = action, DemandeId = demande,
            EpciSiren = agent.Perimetre.EpciSiren,
        });
}

/// <summary>Audit actions of the priority situations (docs/protection-des-donnees.md §2 item 18).</summary>
public static class ActionsAuditSituations
{
    public const string Declaration = "situation-prioritaire.declaration";
    public const string Validation = "situation-prioritaire.validation";
    public const string Refus = "situation-prioritaire.refus";
    public const string Expiration = "situation-prioritaire.expiration";
}
