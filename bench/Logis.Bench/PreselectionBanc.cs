using System.Diagnostics;
using Logis.Application.Acces;
using Logis.Application.Attributions;
using Logis.Application.Eligibilite;
using Logis.Domain.Acces;
using Logis.Domain.Attributions;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Reference;
using Microsoft.EntityFrameworkCore;

namespace Logis.Bench;

/// <summary>
/// <c>preselection CONNEXION [MESURES]</c>: the pre-selection of one vacancy through the real use case (<see cref="PreselectionService.CalculerAsync"/>,
/// as <c>GET /api/v1/vacances/{id}/candidats</c>: 20 lines, the 10 nearest excluded, the audit row), on an existing PostgreSQL database holding
/// the TPM file. One vacancy per typology T1 to T5 is declared in the most populous commune (and one in a small commune), oriented to the
/// landlord's own contingent; each is warmed up once, then measured in turn until MESURES runs (default 250); p50, p95 and max printed.
/// </summary>
public static class PreselectionBanc
{
    private static readonly Siren Tpm = Siren.Create(Persistence.Seed.TerritoireSeeder.SirenTpm);

    public static async Task<int> ExecuterAsync(string connexion, int mesures)
    {
        var options = new OptionsBase { Fournisseur = FournisseurBase.PostgreSql, ConnectionString = connexion };
        var b = new DbContextOptionsBuilder<LogisDbContext>();
        LogisDatabase.Configurer(b, options);
        await using var db = new LogisDbContext(b.Options);
        var horloge = HorlogeBanc.Reelle;
        var actives = await db.CotationsDemandes.CountAsync(c => c.EpciSiren == Tpm && c.Statut == StatutDemande.Active);
        var communes = await db.Communes.AsNoTracking().Where(c => c.EpciSiren == Tpm).OrderByDescending(c => c.Population).Select(c => c.CodeInsee).ToListAsync();
        var vacances = new List<(string Nom, string Id)>();
        var par = new Acteur(new AuteurId(Guid.NewGuid()), "banc");
        foreach (var (commune, typologie) in new[] { Typologie.T1, Typologie.T2, Typologie.T3, Typologie.T4, Typologie.T5 }.Select(t => (communes[0], t)).Append((communes[^3], Typologie.T3)))
        {
            var logement = await db.Logements.AsNoTracking().Where(l => l.CommuneInsee == commune && l.Typologie == typologie && l.Financement == Financement.Plus)
                .OrderBy(l => l.NumeroRpls).FirstOrDefaultAsync();
            if (logement is null) continue;
            // A second run on the same base (bench/preselection.sh with BENCH_AVANT) measures the vacancies the first one declared.
            var existante = await db.Vacances.AsNoTracking().Where(v => v.LogementId == logement.Id && v.Statut == StatutVacance.Orientee).Select(v => v.Id).FirstOrDefaultAsync();
            if (existante != default)
            {
                vacances.Add(($"{typologie} à {commune.Value}", existante.ToString()));
                continue;
            }
            var propre = await db.Reservataires.AsNoTracking().Where(r => r.EpciSiren == Tpm && r.Type == Domain.Organisations.TypeReservataire.Bailleur && r.BailleurId == logement.BailleurId)
                .Select(r => r.Id).FirstAsync();
            var maintenant = horloge.MaintenantEnFrance();
            var v = Vacance.Declarer(new VacanceId(Guid.NewGuid()), Tpm, logement, new SaisieVacance(horloge.AujourdhuiEnFrance(), logement.LoyerPrincipal, logement.Charges, null), maintenant, par).Valeur;
            v.Orienter(propre, true, "contingent du bailleur", null, null, maintenant, par);
            db.Vacances.Add(v);
            await db.SaveChangesAsync();
            vacances.Add(($"{typologie} à {commune.Value}", v.Id.ToString()));
        }
        db.ChangeTracker.Clear();

        var referentiel = ReferentielEligibilite.Charger(ReferenceData.Trouver());
        var agent = new Agent(Guid.NewGuid(), "banc", Role.AgentEpci, new Perimetre(Tpm));
        var service = new PreselectionService(db, horloge, referentiel, new VacancesService(db, horloge));
        Console.WriteLine($"{actives:N0} demandes actives ; {vacances.Count} vacances ; charge {File.ReadAllText("/proc/loadavg").Trim()}");
        foreach (var (nom, id) in vacances)
        {
            var r = await service.CalculerAsync(agent, id, null, default);
            db.ChangeTracker.Clear();
            // A fingerprint of the lines (numbers and ranks, in order): two versions measured on the same base must print the same.
            var lignes = string.Join(",", r.Valeur.Candidats.Select(l => $"{l.Rang}:{l.Numero}").Concat(r.Valeur.Exclus.Select(l => "x:" + l.Numero)));
            var empreinte = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(lignes)))[..12];
            Console.WriteLine($"  {nom} : {r.Valeur.Candidats.Count} candidats, {r.Valeur.Exclus.Count} écartées ; premier : {(r.Valeur.Candidats.Count > 0 ? r.Valeur.Candidats[0].Cotation : null)} points ; empreinte {empreinte}");
        }
        var temps = new List<double>();
        var parVacance = vacances.ToDictionary(v => v.Nom, _ => new List<double>());
        for (var i = 0; i < mesures; i++)
        {
            var (nom, id) = vacances[i % vacances.Count];
            var c = Stopwatch.StartNew();
            var r = await service.CalculerAsync(agent, id, null, default);
            c.Stop();
            if (!r.EstReussi) throw new InvalidOperationException(r.Motif);
            db.ChangeTracker.Clear();
            temps.Add(c.Elapsed.TotalMilliseconds);
            parVacance[nom].Add(c.Elapsed.TotalMilliseconds);
        }
        static double P(List<double> t, double q) { var s = t.Order().ToList(); return s[(int)Math.Ceiling(q * s.Count) - 1]; }
        Console.WriteLine("| Vacance | mesures | p50 | p95 | max |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var (nom, t) in parVacance) Console.WriteLine($"| {nom} | {t.Count} | {P(t, .5):0.0} ms | {P(t, .95):0.0} ms | {t.Max():0.0} ms |");
        Console.WriteLine($"| **toutes** | {temps.Count} | {P(temps, .5):0.0} ms | **{P(temps, .95):0.0} ms** | {temps.Max():0.0} ms |");
        Console.WriteLine($"charge en fin de mesure : {File.ReadAllText("/proc/loadavg").Trim()}");
        return 0;
    }
}
