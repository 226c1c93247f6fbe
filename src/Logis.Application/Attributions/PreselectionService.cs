using System.Globalization;
using Logis.Application.Acces;
using Logis.Application.Eligibilite;
using Logis.Domain.Acces;
using Logis.Domain.Attributions;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Eligibilite;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Attributions;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Attributions;

/// <summary>One line of the pre-selection as pages and the API show it (no name: the number identifies the demand).</summary>
public sealed record LigneCandidat(int? Rang, string Numero, int? Cotation, DateOnly DateDepot, IReadOnlyList<string> Motifs, IReadOnlyList<string> Exclusions,
    int? NombrePersonnes, string? Categorie, decimal? TauxEffort, decimal? ResteAVivreParUc, bool Prioritaire, bool Dalo, string? ObjectifMixite);

/// <summary>The pre-selection of a vacancy: the ranked lines retained, the nearest excluded with their reasons, the rules applied.</summary>
public sealed record PreselectionVue(Guid Vacance, string NumeroRpls, int AnneePlafonds, decimal? SeuilPremierQuartile, int? AnneeSeuil,
    IReadOnlyList<LigneCandidat> Candidats, IReadOnlyList<LigneCandidat> Exclus, bool PeutProposer, string? Proposant);

/// <summary>
/// Use case: the pre-selection of candidates for a vacancy over the shared file (docs/regles/07-attribution.md §7.6), computed by the domain
/// (<see cref="Preselection"/>) over compact summaries of the active demands wishing the dwelling's commune, read in the order of the
/// ranking (score, deposit date, number) and batch by batch until the lines asked for are found. Read by the réservataire holding the
/// vacancy, its landlord and the EPCI; each read is written in the audit journal.
/// </summary>
public sealed class PreselectionService(LogisDbContext db, TimeProvider horloge, ReferentielEligibilite referentiel, VacancesService vacances)
{
    public const int LimiteParDefaut = 20;
    public const int LimiteMax = 100;
    public const int ExclusMax = 10;
    private const int TailleLot = 100;
    private const int TailleLotMax = 3_200;
    private const int PartMin = 16;

    /// <summary>The pre-selection of vacancy <paramref name="id"/>, <paramref name="limite"/> lines at most (default 20).</summary>
    public async Task<Resultat<PreselectionVue>> CalculerAsync(Agent agent, string id, string? limite, CancellationToken ct)
    {
        var n = LimiteParDefaut;
        if (!string.IsNullOrWhiteSpace(limite) && (!int.TryParse(limite, NumberStyles.None, CultureInfo.InvariantCulture, out n) || n is < 1 or > LimiteMax))
            return Resultat.Invalide<PreselectionVue>("Paramètre invalide.", new Dictionary<string, string[]> { ["limite"] = [$"La limite est un nombre de lignes entre 1 et {LimiteMax}."] });
        var vacance = await vacances.TrouverAsync(agent, id, suivre: false, ct);
        if (vacance is null) return Resultat.NonTrouve<PreselectionVue>(VacancesService.Introuvable(id));
        if (!AccesVacances.VoitPreselection(agent.Role))
            return Resultat.Interdit<PreselectionVue>("La présélection se lit par le réservataire de la vacance, son bailleur ou l'intercommunalité.");
        var (logement, parametres) = await ContexteAsync(vacance, ct);
        var resultat = await ClasserAsync(vacance.EpciSiren, logement, parametres, n, ExclusMax, AccesDemandes.VoitDonneesSensibles(agent.Role), ct);
        var proposant = await PropositionService.ProposantAsync(db, agent, vacance, horloge.AujourdhuiEnFrance(), vacances, ct);
        var acteur = await Acteurs.DeAsync(db, agent, ct);
        db.Audit.Add(new Persistence.Demandes.EntreeAudit
        {
            Quand = horloge.GetUtcNow(), AuteurId = agent.Id, Auteur = agent.Nom, Organisation = acteur.Organisation, Action = ActionsAuditVacances.Preselection,
            EpciSiren = agent.Perimetre.EpciSiren,
            Detail = $"Vacance {vacance.Id} (logement {vacance.NumeroRpls}) : {resultat.Retenues.Count} candidat(s), {resultat.Exclues.Count} demande(s) écartée(s)",
        });
        await db.SaveChangesAsync(ct);
        var rang = 0;
        return Resultat.Ok(new PreselectionVue(vacance.Id.Value, vacance.NumeroRpls, parametres.AnneePlafonds, parametres.SeuilPremierQuartile, parametres.AnneeSeuil,
            [.. resultat.Retenues.Select(l => Vue(l, ++rang))], [.. resultat.Exclues.Select(l => Vue(l, null))], proposant.EstReussi,
            proposant.EstReussi ? null : proposant.Motif));
    }

    private static LigneCandidat Vue(LignePreselection l, int? rang) => new(rang, l.Candidat.Numero, l.Candidat.Cotation, l.Candidat.DateDepot, l.Motifs, l.Exclusions,
        l.NombrePersonnes, l.Categorie, l.TauxEffort, l.ResteAVivreParUc, l.Prioritaire, l.Dalo, l.ObjectifMixite);

    /// <summary>The dwelling as the pre-selection reads it, and the rules of today: ceilings of the year, size norms, UC scale, Q1 threshold.</summary>
    internal async Task<(LogementAPourvoir Logement, ParametresPreselection Parametres)> ContexteAsync(Vacance vacance, CancellationToken ct)
    {
        var logement = await db.Logements.AsNoTracking().SingleAsync(l => l.Id == vacance.LogementId, ct);
        var commune = await db.Communes.AsNoTracking().SingleAsync(c => c.CodeInsee == vacance.CommuneInsee, ct);
        var jour = horloge.AujourdhuiEnFrance();
        // The ceilings of the year when loaded, else the latest year known before it (as the demand's eligibility page).
        var annee = referentiel.Bareme.AnneeApplicable(jour.Year);
        var seuil = await Mixite.SeuilsPremierQuartile.EnVigueurAsync(db, vacance.EpciSiren, jour.Year, ct);
        return (LogementAPourvoir.De(vacance, logement, commune.Zone, commune.Nom),
            new ParametresPreselection(referentiel.Moteur, annee, NormesOccupation.Defaut, EchelleUnitesConsommation.OcdeModifiee, seuil?.Montant, seuil?.Annee));
    }

    /// <summary>
    /// Reads the active demands of the vacancy's EPCI wishing its commune (or the whole EPCI) and its typology in the ranking order, in
    /// batches, and lets the domain rank them until <paramref name="limite"/> retained lines are found (or the file ends), with at most
    /// <paramref name="exclusMax"/> excluded lines ranked before the last of them.
    /// The order comes from the pre-selection index (<see cref="EntreePreselection"/>): two ranges read in the ranking order of the domain
    /// (<see cref="Preselection.Ordre"/>), the commune's and the whole EPCI's, merged; only the demands of each batch are then loaded, and
    /// the domain checks every one of them (status, wishes, ceiling, size, rent), so the prefix read ranks as the whole file would.
    /// </summary>
    internal async Task<ResultatPreselection> ClasserAsync(Siren epci, LogementAPourvoir logement, ParametresPreselection parametres, int limite, int exclusMax,
        bool voitRestreint, CancellationToken ct)
    {
        var jour = horloge.AujourdhuiEnFrance();
        // Only the demands wishing the dwelling's commune (or the whole EPCI) and its typology are read: the nearest excluded are among them
        // (turned away by the ceiling, the size or the rent), which is what the landlord needs to know; a demand wishing another typology is
        // not a near miss (docs/regles/07-attribution.md, « Présélection »).
        // Each batch comes after the previous ones in the ranking order: its lines follow theirs, so the domain ranks each batch alone, for
        // the places still open. Batches double (100, 200, 400…) so that a rare profile costs a few queries, not hundreds.
        // A demand the index alone shows excluded (size, maximum rent: Preselection.ExclueParSonResume) can only be an excluded line: its
        // content is loaded only while excluded lines may still be wanted. Once exclusMax of them are loaded, any later one comes after
        // exclusMax excluded lines and would not be shown: skipping it changes neither list.
        var retenues = new List<LignePreselection>();
        var exclues = new List<LignePreselection>();
        var excluesChargees = 0;
        var exclueParTaille = new Dictionary<(int, decimal?), bool>();
        var taille = TailleLot;
        for (var debut = 0; ; debut += taille, taille = Math.Min(taille * 2, TailleLotMax))
        {
            var lignes = await PlageAsync(epci.Value, logement.Commune.Value, logement.Typologie.ToString(), debut, taille, ct);
            var ids = new List<DemandeId>(lignes.Count);
            foreach (var l in lignes)
            {
                var cle = (l.NombrePersonnes, l.LoyerMaximum);
                if (!exclueParTaille.TryGetValue(cle, out var exclue))
                    exclueParTaille[cle] = exclue = Preselection.ExclueParSonResume(logement, parametres, l.NombrePersonnes, l.LoyerMaximum);
                if (!exclue) ids.Add(l.DemandeId);
                else if (excluesChargees < exclusMax) { ids.Add(l.DemandeId); excluesChargees++; }
            }
            // Contents are loaded part by part, each part as large as the lines still wanted: a batch of index rows costs little, a
            // loaded content much more. Each part follows the previous ones in the ranking order, like the batches.
            for (var i = 0; i < ids.Count;)
            {
                var n = Math.Min(ids.Count - i, Math.Max(PartMin, limite - retenues.Count + exclusMax - exclues.Count));
                var r = Preselection.Classer(logement, await ResumesAsync(ids.GetRange(i, n), jour, ct), parametres, limite - retenues.Count,
                    exclusMax - exclues.Count, voitRestreint);
                i += n;
                retenues.AddRange(r.Retenues);
                exclues.AddRange(r.Exclues);
                if (r.Complete) return new ResultatPreselection(retenues, exclues, true);
            }
            if (lignes.Count < taille) return new ResultatPreselection(retenues, exclues, false);
        }
    }

    /// <summary>
    /// The demands ranked <paramref name="debut"/> to <paramref name="debut"/> + <paramref name="taille"/> among those wishing
    /// <paramref name="commune"/> (or the whole EPCI) and <paramref name="typologie"/>: each range is read from the index in the ranking
    /// order and stops at the rows needed, the two are merged (PostgreSQL: Merge Append, no sort of the ranges).
    /// A demand has rows for its communes or for the whole EPCI, never both: the two ranges do not overlap.
    /// </summary>
    private async Task<List<EntreePreselection>> PlageAsync(string epci, string commune, string typologie, int debut, int taille, CancellationToken ct)
    {
        var fin = debut + taille;
        var tout = EntreePreselection.ToutEpci;
        return await db.Set<EntreePreselection>().FromSql($"""
            SELECT * FROM (SELECT * FROM preselection_demande WHERE "EpciSiren" = {epci} AND "Commune" = {commune} AND "Typologie" = {typologie}
                           ORDER BY "Total" DESC NULLS LAST, "DateDepot", "Numero" LIMIT {fin}) AS c
            UNION ALL
            SELECT * FROM (SELECT * FROM preselection_demande WHERE "EpciSiren" = {epci} AND "Commune" = {tout} AND "Typologie" = {typologie}
                           ORDER BY "Total" DESC NULLS LAST, "DateDepot", "Numero" LIMIT {fin}) AS e
            ORDER BY "Total" DESC NULLS LAST, "DateDepot", "Numero" LIMIT {taille} OFFSET {debut}
            """).AsNoTracking().ToListAsync(ct);
    }

    /// <summary>The summaries the domain ranks, for the demands <paramref name="ids"/>: content, score, priority situations validated.</summary>
    private async Task<List<CandidatResume>> ResumesAsync(List<DemandeId> ids, DateOnly jour, CancellationToken ct)
    {
        var lot = await (from d in db.Demandes.AsNoTracking()
                         join c in db.CotationsDemandes.AsNoTracking() on d.Id equals c.DemandeId
                         where ids.Contains(d.Id)
                         select new
                         {
                             d.Id, d.Numero, d.DateDepot, d.Statut, c.Total, d.Contenu,
                             Situations = d.SituationsPrioritaires.Where(s => s.Statut == StatutJustification.ValideeParAgentHabilite).Select(s => s.Critere).ToList(),
                         }).ToListAsync(ct);
        return [.. lot.Select(x => CandidatResume.De(x.Id, x.Numero, x.DateDepot, x.Statut, x.Total, x.Contenu, x.Situations, jour))];
    }
}
