using Logis.Application.Cotation;
using Logis.Application.Acces;
using Logis.Application.Demandes;
using Logis.Domain.Acces;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Pieces;
using Logis.Persistence.Relances;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Logis.Application.Relances;

/// <summary>
/// The platform's daily acts, as the scheduler of the web app runs them (section « Logis:Relances »): the daily run of the
/// reminders of every hosted EPCI, the expiry of priority situations, the hand-back of vacancies whose proposal delay ended, the offers left unanswered past their deadline (R441-10), then the retention purge of radiated demands (<see cref="PurgeDemandes"/>), the
/// nightly rescoring (<see cref="RecalculerCotations"/>), the sending of the outbox (<see cref="EnvoiMessages"/>). The command
/// line runs the same acts one by one (<c>logis demandes relancer</c>, <c>demandes purger</c>, <c>cotation recalculer</c>).
/// </summary>
public sealed class TachesQuotidiennes(LogisDbContext db, OptionsRelances options, TimeProvider horloge, VerrouRelances verrou,
    RecalculerCotations recalcul, IStockagePieces stockage, SituationsPrioritairesService situations, Attributions.VacancesService vacances,
    Attributions.OffresService offres, ILogger<TachesQuotidiennes> journal)
{
    /// <summary>The reminders of the French day <paramref name="jour"/> for every hosted EPCI not yet done that day, then the purge.</summary>
    public async Task RelancerAsync(DateOnly jour, CancellationToken ct)
    {
        await verrou.Semaphore.WaitAsync(ct);
        try
        {
            foreach (var epci in await EpcisAsync(ct))
            {
                // A scheduled run already finished today (another instance, or before a restart): nothing to do.
                if (await db.ExecutionsRelances.AnyAsync(x => x.EpciSiren == epci && x.Jour == jour && x.Origine == OrigineExecution.Planifiee && x.FinLe != null, ct))
                    continue;
                var r = await new TraitementRelances(db, horloge, options.Parametres, stockage).ExecuterAsync(epci, jour, essai: false, OrigineExecution.Planifiee, "planification", ct);
                journal.LogInformation("Relances {Epci} du {Jour} : {Examinees} demandes examinées, {Messages} messages, {Echecs} échecs", epci, jour, r.Examinees, r.MessagesCrees, r.Echecs);
            }
            // The priority situations whose proof ended yesterday or before stop counting (timeline, audit, rescoring).
            foreach (var epci in await EpcisAsync(ct))
            {
                var systeme = new Agent(TraitementRelances.Systeme.Value, TraitementRelances.NomSysteme, Role.AgentEpci, new Perimetre(epci));
                var expirees = await situations.ExpirerAsync(systeme, jour, ct);
                if (expirees > 0) journal.LogInformation("Situations prioritaires {Epci} : {Nombre} expirées le {Jour}", epci, expirees, jour);
                // Gestion en flux: the vacancies whose réservataire did not propose within its convention's delay go back to their landlord.
                var rendues = await vacances.RendreEchuesAsync(systeme, jour, ct);
                if (rendues > 0) journal.LogInformation("Vacances {Epci} : {Nombre} rendues au bailleur le {Jour} (délai de proposition échu)", epci, rendues, jour);
                // Offers left unanswered past their deadline count as refusals (R441-10): the landlord then offers to the next candidate.
                var sansReponse = await offres.ConstaterSansReponseAsync(systeme, jour, ct);
                if (sansReponse > 0) journal.LogInformation("Offres {Epci} : {Nombre} restées sans réponse au {Jour}, enregistrées comme refus", epci, sansReponse, jour);
            }
            // Then the retention of radiated demands (docs/protection-des-donnees.md §2 point 14): those radiated beyond the horizon go.
            var purge = await new PurgeDemandes(db).PurgerAsync(jour, options.ConservationDemandesMois, essai: false, horloge.GetUtcNow(), ct);
            if (purge.Total > 0) journal.LogInformation("Conservation : {Nombre} demandes radiées avant le {Limite} supprimées", purge.Total, purge.RadieesAvant);
        }
        finally
        {
            verrou.Semaphore.Release();
        }
    }

    /// <summary>The nightly rescoring of every hosted EPCI (scores age with seniority).</summary>
    public async Task RecalculerAsync(CancellationToken ct)
    {
        foreach (var epci in await EpcisAsync(ct))
        {
            var r = await recalcul.ExecuterAsync(epci, null, ct);
            journal.LogInformation("Recalcul nocturne des cotations {Epci} : {Cotees} demandes en {Duree}", epci, r.Cotees, r.Duree);
        }
    }

    /// <summary>Sends the messages waiting in the outbox.</summary>
    public async Task EnvoyerAsync(CancellationToken ct)
    {
        var envoi = await new EnvoiMessages(db, options.CreerExpediteur(journal), horloge, options.Politique).EnvoyerAsync(null, ct);
        if (envoi.Envoyes + envoi.EnEchec + envoi.AReessayer > 0)
            journal.LogInformation("Messages aux demandeurs : {Envoyes} envoyés, {Reessais} à réessayer, {Echecs} en échec", envoi.Envoyes, envoi.AReessayer, envoi.EnEchec);
    }

    private async Task<List<Siren>> EpcisAsync(CancellationToken ct) =>
        await db.TerritoiresHeberges.AsNoTracking().Select(t => t.EpciSiren).ToListAsync(ct);
}
