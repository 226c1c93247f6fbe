using Logis.Domain.Acces;
using Logis.Domain.Demandes;
using Logis.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Acces;

/// <summary>The author of an act, as the timelines and the journal name it: the agent and the organisation they act for.</summary>
public static class Acteurs
{
    public static async Task<Acteur> DeAsync(LogisDbContext db, Agent agent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(agent);
        var p = agent.Perimetre;
        string? nom = agent.Role switch
        {
            Role.AgentBailleur when p.BailleurId is { } b => await db.Bailleurs.AsNoTracking().Where(x => x.Id == b).Select(x => x.Nom).SingleOrDefaultAsync(ct),
            Role.AgentReservataire when p.ReservataireId is { } r => await db.Reservataires.AsNoTracking().Where(x => x.Id == r).Select(x => x.Nom).SingleOrDefaultAsync(ct),
            Role.AgentCommune when p.CommuneInsee is { } c => await db.Communes.AsNoTracking().Where(x => x.CodeInsee == c).Select(x => "Commune de " + x.Nom).SingleOrDefaultAsync(ct),
            _ => await db.Epcis.AsNoTracking().Where(x => x.Siren == p.EpciSiren).Select(x => x.Nom).SingleOrDefaultAsync(ct),
        };
        return new Acteur(new AuteurId(agent.Id), nom ?? agent.Role.Libelle());
    }
}
