using Logis.Application.Acces;
using Logis.Domain.Acces;
using Logis.Domain.Attributions;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Persistence;
using Logis.Persistence.Cotation;
using Logis.Persistence.Demandes;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Attributions;

/// <summary>The candidates proposed for a vacancy (API body, form): the national numbers of their demands, in the order proposed.</summary>
public sealed record PropositionCandidats(IReadOnlyList<string>? Numeros);

/// <summary>A candidate proposed for a vacancy, as the API and the vacancy page show it.</summary>
public sealed record CandidatPropose(int Rang, string Numero, DateTimeOffset ProposeeLe, string Organisation, string Motifs);

/// <summary>
/// Use case « proposer des candidats » (before the CALEOL, R441-3): the réservataire holding the oriented vacancy, within its delay, or the
/// landlord once the vacancy is handed back (or for its own contingent) proposes 1 to <see cref="Candidature.NombreMaximum"/> demands, each
/// active and retained by the pre-selection for this dwelling (<see cref="Preselection.Evaluer"/>). The vacancy records the proposal, each
/// demand's timeline the candidature, the journal one row per demand; all in one save, all or nothing.
/// </summary>
public sealed class PropositionService(LogisDbContext db, TimeProvider horloge, VacancesService vacances, PreselectionService preselection,
    ICoteurDemandes? coteur = null)
{
    /// <summary>
    /// Whether <paramref name="agent"/> may propose candidates for <paramref name="vacance"/> today, and for whom: the réservataire holding it
    /// until its deadline, the landlord after a hand-back or for its own contingent. The failure says why not.
    /// </summary>
    internal static async Task<Resultat> ProposantAsync(LogisDbContext db, Agent agent, Vacance vacance, DateOnly aujourdhui, VacancesService vacances, CancellationToken ct)
    {
        if (vacance.Statut is not (StatutVacance.Orientee or StatutVacance.Rendue))
            return Resultat.Echec($"La vacance est {vacance.Statut.Libelle()} : des candidats se proposent sur une vacance orientée (ou rendue au bailleur).");
        var bailleur = AccesVacances.PeutGerer(agent.Role, agent.Perimetre, vacance.BailleurId);
        if (vacance.Statut == StatutVacance.Rendue)
            return bailleur ? Resultat.Ok() : Resultat.Echec(Echec.Interdit("La vacance est rendue au bailleur : c'est lui qui propose les candidats."));
        if (vacance.EcheanceProposition is not { } echeance)
            return bailleur ? Resultat.Ok() : Resultat.Echec(Echec.Interdit("La vacance relève du contingent propre du bailleur : c'est lui qui propose les candidats."));
        var siens = await vacances.ReservatairesDeAsync(agent, ct);
        if (vacance.ReservataireId is not { } r || !siens.Contains(r))
            return Resultat.Echec(Echec.Interdit("Seul le réservataire vers lequel la vacance est orientée propose les candidats, jusqu'à l'échéance de sa convention."));
        if (aujourdhui > echeance)
            return Resultat.Echec($"Le délai de proposition a pris fin le {echeance:dd/MM/yyyy} : la vacance revient au bailleur (article R441-5 du CCH, convention de réservation).");
        return Resultat.Ok();
    }

    public async Task<Resultat<IReadOnlyList<Candidature>>> ProposerAsync(Agent agent, string id, PropositionCandidats? saisie, CancellationToken ct)
    {
        var vacance = await vacances.TrouverAsync(agent, id, suivre: true, ct);
        if (vacance is null) return Resultat.NonTrouve<IReadOnlyList<Candidature>>(VacancesService.Introuvable(id));
        var aujourdhui = horloge.AujourdhuiEnFrance();
        var proposant = await ProposantAsync(db, agent, vacance, aujourdhui, vacances, ct);
        if (!proposant.EstReussi) return Abandonner(proposant.Probleme);

        var textes = (saisie?.Numeros ?? []).Select(n => (n ?? "").Replace(" ", "", StringComparison.Ordinal).Trim()).Where(n => n.Length > 0).ToList();
        var erreurs = new List<string>();
        var numeros = new List<NumeroUnique>();
        foreach (var t in textes)
        {
            if (NumeroUnique.TryParse(t, out var n)) numeros.Add(n);
            else erreurs.Add($"« {t} » n'est pas un numéro unique de demande ({NumeroUnique.Longueur} caractères).");
        }
        if (textes.Count == 0) erreurs.Add("Proposez au moins un candidat (numéro unique de sa demande).");
        if (erreurs.Count > 0) return Abandonner(Champ(erreurs));

        var epci = vacance.EpciSiren;
        var demandes = await db.Demandes.Where(d => numeros.Contains(d.Numero) && EF.Property<Domain.Territoire.Siren>(d, ColonnesDemande.Epci) == epci).ToListAsync(ct);
        var absentes = numeros.Where(n => demandes.All(d => d.Numero != n)).Select(n => $"Aucune demande de numéro {n.Valeur} dans le fichier partagé du territoire.").ToList();
        if (absentes.Count > 0) return Abandonner(Champ(absentes));
        var ids = demandes.Select(d => d.Id).ToList();
        var cotations = await db.CotationsDemandes.AsNoTracking().Where(c => ids.Contains(c.DemandeId)).ToDictionaryAsync(c => c.DemandeId, c => c.Total, ct);

        var (logement, parametres) = await preselection.ContexteAsync(vacance, ct);
        var candidats = numeros.Select(n => demandes.First(d => d.Numero == n))
            .Select(d => (d, Preselection.Evaluer(logement, CandidatResume.De(d, cotations.GetValueOrDefault(d.Id), aujourdhui), parametres, voitDonneesRestreintes: false)))
            .ToList();
        var acteur = await Acteurs.DeAsync(db, agent, ct);
        var quand = horloge.MaintenantEnFrance();
        var fait = Candidature.Proposer(vacance, candidats, quand, acteur);
        if (!fait.EstReussi) return Abandonner(fait.Probleme);
        db.Candidatures.AddRange(fait.Valeur);
        foreach (var c in fait.Valeur)
        {
            db.Audit.Add(new EntreeAudit
            {
                Quand = horloge.GetUtcNow(), AuteurId = agent.Id, Auteur = agent.Nom, Organisation = acteur.Organisation, Action = ActionsAuditVacances.Proposition,
                DemandeId = c.DemandeId, EpciSiren = agent.Perimetre.EpciSiren, Detail = $"Vacance {vacance.Id} (logement {vacance.NumeroRpls}), rang {c.RangProposition}",
            });
        }
        if (coteur is not null) await db.CoterChangementsAsync(coteur, ct);
        try
        {
            await db.SaveChangesAsync(ct);
            return fait;
        }
        catch (DbUpdateException e) when (ErreursEcriture.EnEchec(e) is { Nature: NatureEchec.Conflit })
        {
            return Abandonner(Echec.Conflit("La vacance vient d'être modifiée par un autre agent (candidats déjà proposés ?) : rechargez-la et recommencez."));
        }
    }

    /// <summary>The candidates proposed for a vacancy the agent sees, by rank.</summary>
    public async Task<Resultat<IReadOnlyList<CandidatPropose>>> ListerAsync(Agent agent, string id, CancellationToken ct)
    {
        var vacance = await vacances.TrouverAsync(agent, id, suivre: false, ct);
        if (vacance is null) return Resultat.NonTrouve<IReadOnlyList<CandidatPropose>>(VacancesService.Introuvable(id));
        if (!AccesVacances.VoitPreselection(agent.Role))
            return Resultat.Interdit<IReadOnlyList<CandidatPropose>>("Les candidats proposés se lisent par le réservataire de la vacance, son bailleur ou l'intercommunalité.");
        var liste = await db.Candidatures.AsNoTracking().Where(c => c.VacanceId == vacance.Id).OrderBy(c => c.RangProposition).ToListAsync(ct);
        return Resultat.Ok<IReadOnlyList<CandidatPropose>>([.. liste.Select(c => new CandidatPropose(c.RangProposition, c.Numero, HeureFrance.EnFrance(c.ProposeeLe), c.Organisation, c.Motifs))]);
    }

    private static Echec Champ(IReadOnlyList<string> erreurs) =>
        Echec.Invalide("Les candidats proposés ne conviennent pas.", new Dictionary<string, string[]> { ["numeros"] = [.. erreurs] });

    private Resultat<IReadOnlyList<Candidature>> Abandonner(Echec probleme)
    {
        db.ChangeTracker.Clear();
        return Resultat.Echec<IReadOnlyList<Candidature>>(probleme);
    }
}
