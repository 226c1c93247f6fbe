using Logis.Application.Acces;
using Logis.Domain.Acces;
using Logis.Domain.Attributions;
using Logis.Domain.Commun;
using Logis.Domain.Organisations;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Attributions;

/// <summary>What the demo seeding of the gestion en flux created.</summary>
public sealed record ResultatVacancesDemo(bool DejaPresentes, int Conventions, int Vacances, int Orientees, int Rendues);

/// <summary>
/// The demo territory's gestion en flux, built through the same use cases as the pages (<see cref="FluxService"/>, <see cref="VacancesService"/>):
/// for every bailleur, conventions with the préfet (25 to 30 % of the flux, a third of it outside QPV), Action Logement, the EPCI, the
/// département and the communes where it holds most stock; then a few dozen vacancies declared over the last five weeks (working days), most oriented the
/// next working day following Logis's suggestion, and the daily hand-back of those whose proposal delay has ended. Deterministic for a seed.
/// </summary>
public sealed class VacancesDemo(LogisDbContext db, TimeProvider horloge)
{
    /// <param name="apresConventions">Played once the conventions are saved, before today's vacancies (the year of history, <see cref="HistoriqueDemo"/>).</param>
    public async Task<ResultatVacancesDemo> SemerAsync(Siren epci, int graine, Func<CancellationToken, Task>? apresConventions = null, CancellationToken ct = default)
    {
        if (await db.Conventions.AnyAsync(c => c.EpciSiren == epci, ct) || await db.Vacances.AnyAsync(v => v.EpciSiren == epci, ct))
            return new ResultatVacancesDemo(true, 0, 0, 0, 0);
        var hasard = new Random(graine + 14);
        var epciAgent = await AgentEpciAsync(epci, ct);
        var flux = new FluxService(db, horloge);
        var reservataires = await db.Reservataires.AsNoTracking().Where(r => r.EpciSiren == epci).ToListAsync(ct);
        var bailleurs = await db.BailleursTerritoires.AsNoTracking().Where(x => x.EpciSiren == epci)
            .Join(db.Bailleurs.AsNoTracking(), x => x.BailleurId, x => x.Id, (_, x) => x).ToListAsync(ct);
        var communes = await db.Communes.AsNoTracking().Where(c => c.EpciSiren == epci).Select(c => c.CodeInsee).ToListAsync(ct);
        Reservataire Type(TypeReservataire t) => reservataires.First(r => r.Type == t);

        var conventions = 0;
        foreach (var b in bailleurs.OrderBy(b => b.Nom, StringComparer.Ordinal))
        {
            var parc = await db.Logements.AsNoTracking().Where(l => l.BailleurId == b.Id && communes.Contains(l.CommuneInsee))
                .GroupBy(l => l.CommuneInsee).Select(g => new { Commune = g.Key, Nombre = g.Count() }).ToListAsync(ct);
            var prefet = b.Forme == FormeBailleur.Oph ? 30m : 25m;
            var termes = new List<(Reservataire R, decimal Part, int Delai, string Cibles)>
            {
                (Type(TypeReservataire.Prefet), prefet, 30, "hors-qpv:35"),
                (Type(TypeReservataire.ActionLogement), 20m, 30, "T2:30; T3:40"),
                (Type(TypeReservataire.Epci), 5m, 15, ""),
                (Type(TypeReservataire.Departement), 3m, 21, ""),
            };
            // The communes where the bailleur holds most stock reserve a share of its flux there (their guarantees of its loans).
            foreach (var c in parc.OrderByDescending(p => p.Nombre).ThenBy(p => p.Commune.Value, StringComparer.Ordinal).Take(2))
                termes.Add((reservataires.Single(r => r.Type == TypeReservataire.Commune && r.CommuneInsee == c.Commune), 15m, 30, ""));
            foreach (var (r, part, delai, cibles) in termes)
            {
                var fait = await flux.EnregistrerAsync(epciAgent, new SaisieConvention(b.Id.Value, r.Id.Value, part, delai, cibles), ct);
                if (!fait.EstReussi) throw new InvalidOperationException($"Convention de démonstration refusée : {fait.Motif} {string.Join(" ", fait.Erreurs)}");
                conventions++;
            }
        }

        if (apresConventions is not null)
        {
            await apresConventions(ct);
            db.ChangeTracker.Clear();
        }

        // Vacancies: six per bailleur, twelve for the public office, declared over the last five weeks; acts replayed in time order.
        var aujourdhui = horloge.AujourdhuiEnFrance();
        var actes = new List<(DateTimeOffset Quand, Func<Task> Acte)>();
        var creees = new List<VacanceId>();
        var orientees = 0;
        foreach (var b in bailleurs.OrderBy(b => b.Nom, StringComparer.Ordinal))
        {
            var ids = await db.Logements.AsNoTracking().Where(l => l.BailleurId == b.Id && communes.Contains(l.CommuneInsee))
                .OrderBy(l => l.NumeroRpls).Select(l => l.NumeroRpls).ToListAsync(ct);
            if (ids.Count == 0) continue;
            var nombre = b.Forme == FormeBailleur.Oph ? 12 : 6;
            var choisis = Enumerable.Range(0, nombre).Select(_ => ids[hasard.Next(ids.Count)]).Distinct(StringComparer.Ordinal).ToList();
            var agent = await AgentBailleurAsync(epci, b, ct);
            foreach (var rpls in choisis)
            {
                var jour = aujourdhui.AddDays(-hasard.Next(0, 36));
                if (jour.DayOfWeek == DayOfWeek.Saturday) jour = jour.AddDays(-1);
                if (jour.DayOfWeek == DayOfWeek.Sunday) jour = jour.AddDays(-2);
                var declaree = HeureFrance.A(jour, new TimeOnly(9, hasard.Next(0, 60)));
                var disponible = HeureFrance.Jour(declaree).AddDays(hasard.Next(7, 45));
                var tirage = hasard.NextDouble();
                string? horsFlux = tirage < 0.08 ? MotifHorsFlux.MutationInterne.Code() : tirage < 0.12 ? MotifHorsFlux.RenouvellementUrbain.Code() : null;
                var orienter = hasard.NextDouble() < 0.8;
                var orientee = declaree.AddDays(HeureFrance.Jour(declaree).DayOfWeek == DayOfWeek.Friday ? 3 : 1).AddHours(1);
                var vacance = new VacanceId[1];
                actes.Add((declaree, async () =>
                {
                    var v = await new VacancesService(db, new HorlogeArretee(declaree))
                        .DeclarerAsync(agent, new DeclarationVacance(rpls, disponible.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), null, null, horsFlux), ct);
                    if (!v.EstReussi) return;
                    vacance[0] = v.Valeur.Id;
                    creees.Add(v.Valeur.Id);
                }));
                if (orienter && HeureFrance.Jour(orientee) <= aujourdhui && orientee <= horloge.GetUtcNow())
                    actes.Add((orientee, async () =>
                    {
                        if (vacance[0] == default) return;
                        var service = new VacancesService(db, new HorlogeArretee(orientee));
                        var suggestion = await service.SuggererAsync(agent, vacance[0].ToString(), ct);
                        if (!suggestion.EstReussi) return;
                        if ((await service.OrienterAsync(agent, vacance[0].ToString(), new OrientationVacance(suggestion.Valeur.Reservataire.Value, null), ct)).EstReussi) orientees++;
                    }));
            }
        }
        foreach (var (_, acte) in actes.OrderBy(a => a.Quand.UtcTicks)) await acte();
        db.ChangeTracker.Clear();
        // The daily run of today hands back those whose réservataire did not propose in time.
        var systeme = new Agent(Relances.TraitementRelances.Systeme.Value, Relances.TraitementRelances.NomSysteme, Role.AgentEpci, new Perimetre(epci));
        var rendues = await new VacancesService(db, horloge).RendreEchuesAsync(systeme, aujourdhui, ct);
        return new ResultatVacancesDemo(false, conventions, creees.Count, orientees, rendues);
    }

    private async Task<Agent> AgentEpciAsync(Siren epci, CancellationToken ct)
    {
        var u = await db.Utilisateurs.AsNoTracking().Where(x => x.EpciSiren == epci && x.Role == Role.AgentEpci).OrderBy(x => x.Identifiant).FirstOrDefaultAsync(ct);
        return u is null ? Agent.Exploitant(epci) : new Agent(u.Id, u.NomComplet, Role.AgentEpci, new Perimetre(epci));
    }

    /// <summary>The bailleur's demo account when it has one, otherwise an agent of that bailleur named after it.</summary>
    private async Task<Agent> AgentBailleurAsync(Siren epci, Bailleur b, CancellationToken ct)
    {
        var u = await db.Utilisateurs.AsNoTracking().Where(x => x.EpciSiren == epci && x.Role == Role.AgentBailleur && x.BailleurId == b.Id)
            .OrderBy(x => x.Identifiant).FirstOrDefaultAsync(ct);
        return u is null
            ? new Agent(DeterministicGuid.From($"agent-demo:{epci}:{b.Id}"), $"Service gestion locative ({b.Nom})", Role.AgentBailleur, new Perimetre(epci, BailleurId: b.Id))
            : new Agent(u.Id, u.NomComplet, Role.AgentBailleur, new Perimetre(epci, BailleurId: b.Id));
    }
}
