using Logis.Application.Acces;
using Logis.Application.Mixite;
using Logis.Domain.Acces;
using Logis.Domain.Attributions;
using Logis.Domain.Commun;
using Logis.Domain.Mixite;
using Logis.Persistence;
using Logis.Persistence.Demandes;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Attributions;

/// <summary>
/// One pair suggested: the vacancy (dwelling, commune, QPV, contingent), the candidate by the number of its demand only (no name, no sensitive
/// detail), its score, quartile (« premier », « autres », « inconnu »), priority, its rank in the vacancy's pre-selection, why him, and whether
/// the agent may propose him (the existing act « proposer des candidats »).
/// </summary>
public sealed record PaireSuggeree(Guid Vacance, string NumeroRpls, string Commune, bool EnQpv, string? Contingent, string Numero, int? Cotation, int Rang,
    string Quartile, bool Prioritaire, IReadOnlyList<string> Raisons, bool PeutProposer);

/// <summary>
/// An objective of the year as the batch serves it: its nature and perimeter, the target rate, the leases the batch should give
/// (<see cref="MinimumLot"/>), and those the suggestion and the greedy matching would give.
/// </summary>
public sealed record ObjectifAppariement(string Nature, string Libelle, string Perimetre, decimal Cible, int VacancesDuLot, int MinimumLot, int Suggestion, int Glouton);

/// <summary>A matching in figures: vacancies filled, total score, leases missing to the objectives' minima, objectives reached.</summary>
public sealed record BilanAppariement(int Pourvues, long Cotation, int Manque, int ObjectifsAtteints);

/// <summary>
/// The matching suggested for the open vacancies without candidates of the agent's perimeter (<see cref="AppariementService"/>): the pairs,
/// the vacancies left without a suggestion, the objectives before (minimum) and after, the suggestion against the greedy matching.
/// <see cref="OptimalProuve"/>: no matching is better; otherwise <see cref="EcartCotationMax"/>, when known, bounds how far its total score may be
/// below the best (its missing leases and vacancies filled being the best possible), <see cref="ResultatAppariement.EcartCotationMax"/>.
/// </summary>
public sealed record AppariementVue(int Annee, int VacancesOuvertes, int VacancesDuLot, int CandidatsParVacance, IReadOnlyList<PaireSuggeree> Paires,
    IReadOnlyList<string> SansSuggestion, IReadOnlyList<ObjectifAppariement> Objectifs, BilanAppariement Suggestion, BilanAppariement Glouton, bool OptimalProuve,
    long? EcartCotationMax, decimal? SeuilPremierQuartile);

/// <summary>
/// Use case: the matching of the batch of open vacancies without candidates (oriented, or handed back to the landlord) of the agent's perimeter
/// (the EPCI: all; a landlord: its stock; a réservataire: its contingent), docs/appariement.md. Each vacancy's candidates are its pre-selection
/// (<see cref="PreselectionService"/>: the first <see cref="CandidatsParVacance"/> retained), the objectives those of the year in the
/// agent's perimeter (<see cref="SuiviMixiteService"/>), the minimum asked of the batch <see cref="ObjectifLot.MinimumSurLot"/>; the domain
/// matches (<see cref="Appariement"/>), and the greedy matching is given alongside. A suggestion only: no act is made here; the agent proposes
/// (<see cref="PropositionService"/>), the CALEOL decides. The read is written in the audit journal.
/// </summary>
public sealed class AppariementService(LogisDbContext db, TimeProvider horloge, VacancesService vacances, PreselectionService preselection, SuiviMixiteService mixite)
{
    /// <summary>Candidates read per vacancy: the head of its pre-selection.</summary>
    public const int CandidatsParVacance = 10;

    /// <summary>The batch: the first open vacancies without candidates, by deadline, date available, RPLS number.</summary>
    public const int LotMax = 100;

    public async Task<Resultat<AppariementVue>> CalculerAsync(Agent agent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(agent);
        if (!AccesVacances.VoitPreselection(agent.Role))
            return Resultat.Interdit<AppariementVue>("L'appariement des vacances se lit par les réservataires, les bailleurs et l'intercommunalité, sur les vacances de leur périmètre.");
        var ouvertes = vacances.OuvertesSansCandidat(agent, await vacances.ReservatairesDeAsync(agent, ct));
        var total = await ouvertes.CountAsync(ct);
        var lot = await ouvertes.OrderBy(v => v.EcheanceProposition == null).ThenBy(v => v.EcheanceProposition).ThenBy(v => v.DateDisponibilite).ThenBy(v => v.NumeroRpls)
            .Take(LotMax).ToListAsync(ct);
        var noms = await vacances.NomsAsync(agent.Perimetre.EpciSiren, ct);
        var aujourdhui = horloge.AujourdhuiEnFrance();
        var voitRestreint = AccesDemandes.VoitDonneesSensibles(agent.Role);

        // Each vacancy's pre-selection, read as the vacancy page reads it (the same rule, the same order).
        var vacancesLot = new List<VacanceLot>();
        var candidats = new Dictionary<string, (CandidatLot Lot, LignePreselection Ligne)>(StringComparer.Ordinal);
        var paires = new List<PaireAdmissible>();
        var peutProposer = new Dictionary<string, bool>();
        decimal? seuil = null;
        foreach (var v in lot)
        {
            var (logement, parametres) = await preselection.ContexteAsync(v, ct);
            seuil ??= parametres.SeuilPremierQuartile;
            var id = v.Id.Value.ToString();
            vacancesLot.Add(new VacanceLot(id, v.NumeroRpls, v.EnQpv, v.ReservataireId?.Value.ToString(), v.BailleurId.Value.ToString(), v.CommuneInsee.Value));
            peutProposer[id] = (await PropositionService.ProposantAsync(db, agent, v, aujourdhui, vacances, ct)).EstReussi;
            var r = await preselection.ClasserAsync(v.EpciSiren, logement, parametres, CandidatsParVacance, 0, voitRestreint, ct);
            var rang = 0;
            foreach (var l in r.Retenues)
            {
                var numero = l.Candidat.Numero;
                if (!candidats.ContainsKey(numero))
                {
                    var quartile = l.Candidat.PersonneMorale ? null : ClassementQuartile.Classer(l.RevenuParUc, parametres.SeuilPremierQuartile);
                    candidats[numero] = (new CandidatLot(numero, l.Candidat.Cotation ?? 0, quartile switch
                    {
                        QuartileRevenu.Premier => true,
                        QuartileRevenu.Autres => false,
                        _ => null,
                    }, l.Prioritaire || l.Dalo), l);
                }
                paires.Add(new PaireAdmissible(id, numero, ++rang));
            }
        }

        // The objectives of the year, and what the batch should give each one.
        var (annee, etat) = await mixite.EtatAnneeAsync(agent, ct);
        var objectifs = new List<(ObjectifLot Lot, PorteeObjectif Portee, int Vacances)>();
        foreach (var (portee, baux, atteint) in etat)
        {
            var forme = new ObjectifLot(portee.Nature, portee.Reservataire?.Value.ToString(), 0, portee.Bailleur?.Value.ToString(), portee.Commune?.Value);
            var n = vacancesLot.Count(forme.Couvre);
            if (n == 0) continue;
            objectifs.Add((forme with { Minimum = ObjectifLot.MinimumSurLot(portee.Taux, baux, atteint, n) }, portee, n));
        }
        var listeCandidats = candidats.Values.Select(c => c.Lot).ToList();
        var lotObjectifs = objectifs.Select(o => o.Lot).ToList();
        var suggestion = Appariement.Optimal(vacancesLot, listeCandidats, paires, lotObjectifs);
        var glouton = Appariement.Glouton(vacancesLot, listeCandidats, paires, lotObjectifs);

        var parId = lot.ToDictionary(v => v.Id.Value.ToString());
        var vuesPaires = suggestion.Paires.Select(p =>
        {
            var v = parId[p.Vacance.Id];
            var c = candidats[p.Candidat.Id];
            return new PaireSuggeree(v.Id.Value, v.NumeroRpls, noms.Commune(v.CommuneInsee), v.EnQpv, v.ReservataireId is { } x ? noms.Reservataire(x) : null,
                p.Candidat.Id, c.Ligne.Candidat.Cotation, p.Rang, p.Candidat.PremierQuartile switch { true => "premier", false => "autres", null => "inconnu" },
                p.Candidat.Prioritaire, p.Raisons, peutProposer[p.Vacance.Id]);
        }).ToList();
        var pourvues = suggestion.Paires.Select(p => p.Vacance.Id).ToHashSet(StringComparer.Ordinal);
        var sans = lot.Where(v => !pourvues.Contains(v.Id.Value.ToString()))
            .Select(v => $"Logement {v.NumeroRpls} ({noms.Commune(v.CommuneInsee)}) : " + (paires.Any(p => p.Vacance == v.Id.Value.ToString())
                ? "ses candidats présélectionnés sont mieux placés ailleurs dans le lot."
                : "aucune demande retenue par sa présélection."))
            .ToList();
        var vuesObjectifs = objectifs.Select((o, i) => new ObjectifAppariement(o.Portee.Nature.Code(), o.Portee.Nature.Libelle(), SuiviMixiteService.Perimetre(o.Portee, noms),
            o.Portee.Taux, o.Vacances, o.Lot.Minimum, suggestion.Objectifs[i].Atteint, glouton.Objectifs[i].Atteint)).ToList();

        var acteur = await Acteurs.DeAsync(db, agent, ct);
        db.Audit.Add(new EntreeAudit
        {
            Quand = horloge.GetUtcNow(), AuteurId = agent.Id, Auteur = agent.Nom, Organisation = acteur.Organisation, Action = ActionsAuditVacances.Appariement,
            EpciSiren = agent.Perimetre.EpciSiren,
            Detail = $"Appariement de {lot.Count} vacance(s) : {suggestion.Pourvues} paire(s) suggérée(s), {listeCandidats.Count} demande(s) lue(s)",
        });
        await db.SaveChangesAsync(ct);
        return Resultat.Ok(new AppariementVue(annee, total, lot.Count, CandidatsParVacance, vuesPaires, sans, vuesObjectifs, Bilan(suggestion), Bilan(glouton),
            suggestion.OptimalProuve, suggestion.EcartCotationMax, seuil));
    }

    private static BilanAppariement Bilan(ResultatAppariement r) => new(r.Pourvues, r.Cotation, r.Manque, r.Objectifs.Count(o => o.EstAtteint));
}
