using Logis.Application.Acces;
using Logis.Domain.Acces;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Demandes;

/// <summary>A registering service as the pages and the command line show it: its organisation named.</summary>
public sealed record GuichetVue(string Code, string Nom, string Adresse, string Horaires, string TypeOrganisation, string Organisation, bool Actif);

/// <summary>How a new demand of a territory is numbered: the territory code and the registering service that registers it.</summary>
public sealed record Numerotation(string Territoire, GuichetEnregistreur Guichet, GuichetEnregistreur? PortailPublic)
{
    /// <summary>The code of the registering service for a demand deposited through <paramref name="canal"/>.</summary>
    public string CodePour(CanalDepot canal) =>
        canal == CanalDepot.EnLigne && PortailPublic is { } p ? p.Code : Guichet.Code;
}

/// <summary>
/// The registering services (guichets enregistreurs) of a territory and its territory code: listed for everyone, managed by
/// the operator (<c>logis guichets</c>), and the one rule saying under which service an agent registers a demand
/// (CCH L441-2-1: only registering services register; docs/sne.md §1).
/// </summary>
public sealed class GuichetsService(LogisDbContext db)
{
    public async Task<IReadOnlyList<GuichetVue>> ListerAsync(Siren epci, bool inactifs, CancellationToken ct)
    {
        var guichets = await db.Guichets.AsNoTracking().Where(g => g.EpciSiren == epci && (inactifs || g.Actif)).ToListAsync(ct);
        var noms = await NomsOrganisationsAsync(epci, ct);
        return [.. guichets.OrderBy(g => g.TypeOrganisation).ThenBy(g => g.Nom, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("fr-FR"), false))
            .Select(g => new GuichetVue(g.Code, g.Nom, g.Adresse, g.Horaires, GuichetEnregistreur.Libelle(g.TypeOrganisation),
                noms.GetValueOrDefault($"{g.TypeOrganisation}:{g.Organisation}", g.Organisation), g.Actif))];
    }

    /// <summary>The territory code of the national numbers of the EPCI (configured, or derived from its main département [M]).</summary>
    public async Task<string> CodeTerritoireAsync(Siren epci, CancellationToken ct)
    {
        var configure = await db.TerritoiresHeberges.AsNoTracking().Where(t => t.EpciSiren == epci).Select(t => t.CodeTerritoireSne).SingleOrDefaultAsync(ct);
        if (configure is not null) return configure;
        var departement = await db.Communes.AsNoTracking().Where(c => c.EpciSiren == epci)
            .OrderByDescending(c => c.Population).Select(c => c.Departement).FirstOrDefaultAsync(ct);
        return departement is null ? "000" : NumeroUnique.TerritoireParDefaut(departement);
    }

    /// <summary>Sets the territory code of a hosted territory (3 characters).</summary>
    public async Task<Resultat> DefinirCodeTerritoireAsync(Siren epci, string code, CancellationToken ct)
    {
        var c = code.Trim().ToUpperInvariant();
        if (!NumeroUnique.CodeTerritoireValide(c)) return Resultat.Echec(Echec.Invalide($"Le code de territoire « {code} » est invalide : 3 chiffres ou lettres majuscules (111 en Île-de-France).",
            new Dictionary<string, string[]> { ["code"] = ["3 chiffres ou lettres majuscules."] }));
        var territoire = await db.TerritoiresHeberges.SingleOrDefaultAsync(t => t.EpciSiren == epci, ct);
        if (territoire is null) return Resultat.Echec(Echec.NonTrouve($"Le territoire {epci.Value} n'est pas hébergé par cette instance."));
        territoire.CodeTerritoireSne = c;
        await db.SaveChangesAsync(ct);
        return Resultat.Ok();
    }

    /// <summary>Adds a registering service, or replaces the one with the same code in the same EPCI.</summary>
    public async Task<Resultat> EnregistrerAsync(GuichetEnregistreur guichet, CancellationToken ct)
    {
        if (guichet.TypeOrganisation != OrganisationGuichet.PortailPublic && guichet.TypeOrganisation != OrganisationGuichet.Epci
            && !(await NomsOrganisationsAsync(guichet.EpciSiren, ct)).ContainsKey($"{guichet.TypeOrganisation}:{guichet.Organisation}"))
            return Resultat.Echec(Echec.Invalide($"L'organisation {guichet.Organisation} n'est pas une organisation de ce type sur le territoire.",
                new Dictionary<string, string[]> { ["organisation"] = ["Organisation inconnue sur le territoire."] }));
        var existant = await db.Guichets.SingleOrDefaultAsync(g => g.EpciSiren == guichet.EpciSiren && g.Code == guichet.Code, ct);
        if (existant is not null) db.Guichets.Remove(existant);
        await db.SaveChangesAsync(ct);
        db.Guichets.Add(guichet);
        await db.SaveChangesAsync(ct);
        return Resultat.Ok();
    }

    /// <summary>
    /// The registering service under which <paramref name="agent"/> registers, from their organisation: the EPCI's own service
    /// for its agents and the command line, the bailleur's, the commune's or the réservataire's for theirs. An organisation
    /// that is not an active registering service of the territory may not register (L441-2-1): the refusal says where to go.
    /// </summary>
    public async Task<Resultat<Numerotation>> NumerotationAsync(Agent agent, CancellationToken ct)
    {
        var p = agent.Perimetre;
        var (type, organisation) = OrganisationDe(agent);
        var guichets = await db.Guichets.AsNoTracking().Where(g => g.EpciSiren == p.EpciSiren && g.Actif).ToListAsync(ct);
        var guichet = guichets.Where(g => g.TypeOrganisation == type && g.Organisation == organisation).OrderBy(g => g.Code, StringComparer.Ordinal).FirstOrDefault();
        if (guichet is null)
            return Resultat.Interdit<Numerotation>(
                "Votre organisation n'est pas service enregistreur de la demande de logement social sur ce territoire : seuls les services "
                + "enregistreurs enregistrent une demande (article L441-2-1 du code de la construction et de l'habitation). Orientez le demandeur "
                + "vers un guichet enregistreur (page « Guichets enregistreurs ») ou vers le dépôt en ligne.");
        var portail = guichets.FirstOrDefault(g => g.TypeOrganisation == OrganisationGuichet.PortailPublic);
        return Resultat.Ok(new Numerotation(await CodeTerritoireAsync(p.EpciSiren, ct), guichet, portail));
    }

    /// <summary>The kind and identifier of the organisation an agent acts for, as a registering service names it.</summary>
    private static (OrganisationGuichet Type, string Organisation) OrganisationDe(Agent agent)
    {
        var p = agent.Perimetre;
        return agent.Role switch
        {
            Role.AgentEpci => (OrganisationGuichet.Epci, p.EpciSiren.Value),
            Role.AgentBailleur => (OrganisationGuichet.Bailleur, p.BailleurId?.Value.ToString() ?? ""),
            Role.AgentCommune => (OrganisationGuichet.Commune, p.CommuneInsee?.Value ?? ""),
            Role.AgentReservataire => (OrganisationGuichet.Reservataire, p.ReservataireId?.Value.ToString() ?? ""),
            _ => (OrganisationGuichet.PortailPublic, "-"),
        };
    }

    /// <summary>
    /// Whether the agent's organisation is a registering service of its territory (R441-2-1, R441-2-6): the EPCI that runs the shared
    /// file and every bailleur are; a commune or a réservataire is when it has an active guichet enregistreur of the territory.
    /// </summary>
    public async Task<bool> EstServiceEnregistreurAsync(Agent agent, CancellationToken ct)
    {
        if (agent.Role is Role.AgentEpci or Role.AgentBailleur) return true;
        if (agent.Role is not (Role.AgentCommune or Role.AgentReservataire)) return false;
        var (type, organisation) = OrganisationDe(agent);
        var epci = agent.Perimetre.EpciSiren;
        return await db.Guichets.AsNoTracking().AnyAsync(g => g.EpciSiren == epci && g.Actif && g.TypeOrganisation == type && g.Organisation == organisation, ct);
    }

    /// <summary>Names of the organisations of the territory, keyed « type:identifier ».</summary>
    private async Task<Dictionary<string, string>> NomsOrganisationsAsync(Siren epci, CancellationToken ct)
    {
        var noms = new Dictionary<string, string>(StringComparer.Ordinal);
        var nomEpci = await db.Epcis.AsNoTracking().Where(e => e.Siren == epci).Select(e => e.Nom).SingleOrDefaultAsync(ct);
        if (nomEpci is not null) noms[$"{OrganisationGuichet.Epci}:{epci.Value}"] = nomEpci;
        foreach (var c in await db.Communes.AsNoTracking().Where(c => c.EpciSiren == epci).Select(c => new { c.CodeInsee, c.Nom }).ToListAsync(ct))
            noms[$"{OrganisationGuichet.Commune}:{c.CodeInsee.Value}"] = c.Nom;
        var bailleurs = await db.BailleursTerritoires.AsNoTracking().Where(b => b.EpciSiren == epci).Select(b => b.BailleurId).ToListAsync(ct);
        foreach (var b in await db.Bailleurs.AsNoTracking().Where(b => bailleurs.Contains(b.Id)).Select(b => new { b.Id, b.Nom }).ToListAsync(ct))
            noms[$"{OrganisationGuichet.Bailleur}:{b.Id.Value}"] = b.Nom;
        foreach (var r in await db.Reservataires.AsNoTracking().Where(r => r.EpciSiren == epci).Select(r => new { r.Id, r.Nom }).ToListAsync(ct))
            noms[$"{OrganisationGuichet.Reservataire}:{r.Id.Value}"] = r.Nom;
        return noms;
    }
}
