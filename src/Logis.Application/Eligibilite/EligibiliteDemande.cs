using Logis.Application.Acces;
using Logis.Application.Demandes;
using Logis.Domain.Acces;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Eligibilite;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Demandes;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Eligibilite;

/// <summary>The income condition of a registered demand in one ceiling zone of the communes it wishes: one decision per financing.</summary>
public sealed record EligibiliteZone(ZonePlafond Zone, IReadOnlyList<string> Communes, IReadOnlyList<DecisionEligibilite> Decisions);

/// <summary>
/// What a registered demand's content gives for the ceilings, today: the household category (with the clause applied), the
/// consumption units, the revenu fiscal de référence retained, and the eligibility to PLAI, PLUS and PLS housing in each
/// ceiling zone of the wished communes. <see cref="Probleme"/> says why nothing could be computed (a birth date after today).
/// </summary>
public sealed record EligibiliteDemandeVue(
    int Annee,
    DateOnly DateReference,
    CategorieMenage? Categorie,
    decimal UnitesConsommation,
    decimal? RevenuFiscalReference,
    IReadOnlyList<EligibiliteZone> Zones,
    string? Probleme);

/// <summary>
/// Use case: the household category, consumption units and eligibility of a registered demand, computed from its content
/// by the domain (<see cref="ContenuDemande.Menage"/>, <see cref="MoteurEligibilite"/>, <see cref="EchelleUnitesConsommation"/>),
/// for an agent allowed to read the demand. Nothing is stored: the figures follow the content and the reference data.
/// </summary>
public sealed class EligibiliteDemande(LogisDbContext db, DemandesService demandes, ReferentielEligibilite referentiel, TimeProvider horloge,
    Journal.JournalService journal)
{
    private static readonly Financement[] Financements = [Financement.Plai, Financement.Plus, Financement.Pls];

    /// <summary>
    /// The figures of the demand <paramref name="numero"/>. With <paramref name="journaliser"/> (the API), the read of the household's
    /// incomes is recorded (docs/protection-des-donnees.md §2 item 18); the demand's page records its own read.
    /// </summary>
    public async Task<Resultat<EligibiliteDemandeVue>> CalculerAsync(Agent agent, string numero, CancellationToken ct, bool journaliser = false)
    {
        var charge = await demandes.ChargerPourAttestationAsync(agent, numero, ct);
        if (!charge.EstReussi) return Resultat.Echec<EligibiliteDemandeVue>(charge.Probleme);
        var demande = charge.Valeur;
        if (journaliser) await journal.EcrireAsync(agent, ActionsAudit.LectureEligibilite, demande.Id, null, ct);
        var c = demande.Contenu;
        var aujourdhui = horloge.AujourdhuiEnFrance();
        // The ceilings of the year when loaded, else the latest year known (the page says which year applies).
        var annee = referentiel.Bareme.AnneeApplicable(aujourdhui.Year);

        var menage = c.Menage(aujourdhui);
        if (!menage.EstReussi)
            return Resultat.Ok(new EligibiliteDemandeVue(annee, aujourdhui, null, 0m, c.RevenuFiscalReferenceN2, [], menage.Motif));

        // A role that does not see restricted data gets the category without the disability clause that set it (the card is restricted).
        var sensibles = AccesDemandes.VoitDonneesSensibles(agent.Role);
        var communes = await CommunesSouhaiteesAsync(demande, ct);
        var zones = communes.GroupBy(x => x.Zone).OrderBy(g => g.Key)
            .Select(g => new EligibiliteZone(g.Key, [.. g.Select(x => x.Nom).Order(StringComparer.Ordinal)],
                [.. Financements.Select(f => referentiel.Moteur.VerifierEligibilite(annee, g.Key, f, menage.Valeur))
                    .Select(d => sensibles ? d : d.SansSituationRestreinte())]))
            .ToList();
        var categorie = CategorieMenage.Determiner(menage.Valeur, ParametresEligibilite.Defaut);
        return Resultat.Ok(new EligibiliteDemandeVue(annee, aujourdhui, sensibles ? categorie : categorie.SansSituationRestreinte(),
            EchelleUnitesConsommation.OcdeModifiee.UnitesConsommation(menage.Valeur), c.RevenuFiscalReferenceN2, zones, null));
    }

    /// <summary>The wished communes, or every commune of the demand's intercommunality when it wishes all of it.</summary>
    private async Task<List<Commune>> CommunesSouhaiteesAsync(Demande demande, CancellationToken ct)
    {
        var s = demande.Contenu.Souhaits;
        if (!s.ToutEpci)
        {
            var codes = s.Communes.ToList();
            return await db.Communes.AsNoTracking().Where(x => codes.Contains(x.CodeInsee)).ToListAsync(ct);
        }
        var epci = await db.Demandes.AsNoTracking().Where(d => d.Id == demande.Id).Select(d => EF.Property<Siren>(d, ColonnesDemande.Epci)).SingleAsync(ct);
        return await db.Communes.AsNoTracking().Where(x => x.EpciSiren == epci).ToListAsync(ct);
    }
}
