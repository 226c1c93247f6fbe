using Logis.Application.Acces;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Persistence;
using Logis.Persistence.Pieces;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Demandes;

public sealed record ElementManquantVue(string Code, string Libelle, string Source);

/// <summary>Where the registration of one demand stands (R441-2-3) and its legal deadline (L441-2-1).</summary>
public sealed record CompletudeVue(string Numero, bool Complet, string Statut, IReadOnlyList<ElementManquantVue> Manquants, DateOnly DateDepot,
    DateOnly Echeance, int JoursRestants, bool EcheanceDepassee);

public sealed record AlerteEnregistrementVue(string Numero, string Demandeur, DateOnly DateDepot, DateOnly Echeance, int JoursRestants,
    bool EcheanceDepassee, IReadOnlyList<string> Manquants);

/// <summary>
/// The alert list of the EPCI: among the active demands whose registration is incomplete (<see cref="Incompletes"/>), those due within
/// <see cref="JoursAlerte"/> days, the nearest deadline first, then those past their deadline, the most recently missed first (team
/// choice: the freshest are the ones still worth chasing). <see cref="Demandes"/> holds at most <see cref="EnregistrementService.LignesMax"/> lines.
/// </summary>
public sealed record AlertesEnregistrementVue(DateOnly Jour, int Incompletes, int EnRetard, int BientotEchues, int JoursAlerte,
    IReadOnlyList<AlerteEnregistrementVue> Demandes);

/// <summary>
/// Registration follow-up (issue 12, point 5): completeness of a demand's registration and the one-month deadline, read from
/// its content and its available pieces; shared by the demand page, the alert page and the API.
/// </summary>
public sealed class EnregistrementService(LogisDbContext db, DemandesService demandes, TimeProvider horloge)
{
    public const int LignesMax = 200;

    public async Task<Resultat<CompletudeVue>> CompletudeAsync(Agent agent, string numero, CancellationToken ct)
    {
        var lecture = await demandes.ChargerPourAttestationAsync(agent, numero, ct);
        if (!lecture.EstReussi) return lecture.Relayer<CompletudeVue>();
        var d = lecture.Valeur!;
        var pieces = await db.Pieces.AsNoTracking().Where(p => p.DemandeId == d.Id && p.Statut == StatutPiece.Disponible)
            .Select(p => p.TypeCode).Distinct().ToListAsync(ct);
        var c = CompletudeEnregistrement.Evaluer(d.Contenu, d.DateDepot, pieces, horloge.AujourdhuiEnFrance());
        return Resultat.Ok(new CompletudeVue(d.Numero.Valeur, c.EstComplete, c.Statut, [.. c.Manquants.Select(m => new ElementManquantVue(m.Code, m.Libelle, m.Source))],
            d.DateDepot, c.Echeance, c.JoursRestants, c.EcheanceDepassee));
    }

    public async Task<Resultat<AlertesEnregistrementVue>> AlertesAsync(Agent agent, CancellationToken ct)
    {
        var jour = horloge.AujourdhuiEnFrance();
        var actives = (await demandes.VisiblesAsync(agent, ct)).Where(d => d.Statut == StatutDemande.Active);
        var pieces = await (from p in db.Pieces.AsNoTracking()
                            join d in actives on p.DemandeId equals d.Id
                            where p.Statut == StatutPiece.Disponible && (p.TypeCode == CodesPieces.Identite || p.TypeCode == CodesPieces.TitreSejour)
                            select new { p.DemandeId, p.TypeCode }).ToListAsync(ct);
        var parDemande = pieces.GroupBy(p => p.DemandeId).ToDictionary(g => g.Key, g => (IReadOnlyCollection<string>)g.Select(p => p.TypeCode).ToHashSet(StringComparer.Ordinal));
        // The content says which registration piece a demand needs (identity, or residence permit for a non-EU national).
        var candidates = await actives.Select(d => new { d.Id, d.Numero, d.DateDepot, d.Contenu }).ToListAsync(ct);
        var incompletes = candidates
            .Select(c => (c, e: CompletudeEnregistrement.Evaluer(c.Contenu, c.DateDepot, parDemande.GetValueOrDefault(c.Id) ?? [], jour)))
            .Where(x => !x.e.EstComplete)
            .ToList();
        var alerte = demandes.Enregistrement.JoursAlerte;
        // The alerts: the deadlines of the coming days first (still time to act), then the missed ones, the most recently missed first.
        var lignes = incompletes.Where(x => x.e.EcheanceDepassee || x.e.JoursRestants <= alerte)
            .OrderBy(x => x.e.EcheanceDepassee).ThenBy(x => x.e.EcheanceDepassee ? -x.e.Echeance.DayNumber : x.e.Echeance.DayNumber)
            .ThenBy(x => x.c.Numero.Valeur, StringComparer.Ordinal)
            .Take(LignesMax)
            .Select(x => new AlerteEnregistrementVue(x.c.Numero.Valeur, $"{x.c.Contenu.Demandeur.Nom} {x.c.Contenu.Demandeur.Prenoms}", x.c.DateDepot,
                x.e.Echeance, x.e.JoursRestants, x.e.EcheanceDepassee, [.. x.e.Manquants.Select(m => m.Libelle)]))
            .ToList();
        return Resultat.Ok(new AlertesEnregistrementVue(jour, incompletes.Count, incompletes.Count(x => x.e.EcheanceDepassee),
            incompletes.Count(x => !x.e.EcheanceDepassee && x.e.JoursRestants <= alerte), alerte, lignes));
    }
}
