using Logis.Domain.Acces;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Acces;

/// <summary>
/// Reads from a demand's timeline and the stock the facts the competence table needs (<see cref="FaitsCompetence"/>): the
/// service that sent the warning for no reply (c), the bailleur whose CALEOL pronounced the inadmissibility (d). Only what the
/// act needs is read.
/// </summary>
public static class FaitsCompetences
{
    public static async Task<FaitsCompetence> LireAsync(LogisDbContext db, Demande demande, Agent agent, ActeDemande acte, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var epci = agent.Perimetre.EpciSiren;
        if (Competences.De(acte).Qualite == QualiteActeur.ServiceEnregistreur)
            return new FaitsCompetence(ServiceEnregistreur: await new Demandes.GuichetsService(db).EstServiceEnregistreurAsync(agent, ct));
        switch (acte)
        {
            case ActeDemande.RadierAbsenceDeReponse:
                // The warning's event names its reason by its article (Demande.Avertir); the last one is the one that counts.
                var reference = MotifRadiation.AbsenceDeReponse.Reference();
                var avertissement = demande.Evenements.Where(e => e.Type == TypeEvenementDemande.Avertissement && e.Resume.Contains(reference, StringComparison.Ordinal))
                    .OrderBy(e => e.Rang).LastOrDefault();
                return avertissement is null ? FaitsCompetence.Aucun
                    : new FaitsCompetence(ExpediteurAvertissement: await ServiceAsync(db, avertissement.AuteurId.Value, epci, ct));
            case ActeDemande.RadierIrrecevabilite or ActeDemande.AvertirIrrecevabilite:
                // The decision is kept on the event; events recorded before it was kept name it at the end of their summary.
                var libelle = DecisionCaleol.Irrecevabilite.Libelle();
                var decision = demande.Evenements.Where(e => e.Type == TypeEvenementDemande.DecisionCaleol && e.LogementId is not null
                        && (e.DecisionCaleol == DecisionCaleol.Irrecevabilite || (e.DecisionCaleol is null && e.Resume.EndsWith(libelle, StringComparison.Ordinal))))
                    .OrderBy(e => e.Rang).LastOrDefault();
                if (decision?.LogementId is not { } logement) return FaitsCompetence.Aucun;
                var bailleur = await db.Logements.AsNoTracking().Where(l => l.Id == logement).Select(l => (Logis.Domain.Commun.BailleurId?)l.BailleurId).SingleOrDefaultAsync(ct);
                return new FaitsCompetence(BailleurCaleolIrrecevabilite: bailleur);
            default:
                return FaitsCompetence.Aucun;
        }
    }

    /// <summary>The service an author acted for: an agent, a partner system, or the daily process of the manager (the EPCI).</summary>
    private static async Task<Service?> ServiceAsync(LogisDbContext db, Guid auteur, Siren epci, CancellationToken ct)
    {
        if (auteur == Relances.TraitementRelances.Systeme.Value || auteur == Agent.IdExploitant)
            return Service.De(Role.AgentEpci, new Perimetre(epci));
        var u = await db.Utilisateurs.AsNoTracking().Where(x => x.Id == auteur).Select(x => new { x.Role, x.EpciSiren, x.BailleurId, x.ReservataireId, x.CommuneInsee }).SingleOrDefaultAsync(ct)
            ?? await db.ClientsApi.AsNoTracking().Where(x => x.Id == auteur).Select(x => new { x.Role, x.EpciSiren, x.BailleurId, x.ReservataireId, x.CommuneInsee }).SingleOrDefaultAsync(ct);
        return u is null ? null : Service.De(u.Role, new Perimetre(u.EpciSiren, u.BailleurId, u.ReservataireId, u.CommuneInsee));
    }
}
