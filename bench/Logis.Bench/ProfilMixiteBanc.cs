using System.Diagnostics;
using System.Globalization;
using Logis.Application.Acces;
using Logis.Application.Mixite;
using Logis.Domain.Acces;
using Logis.Domain.Attributions;
using Logis.Domain.Mixite;
using Logis.Domain.Patrimoine;
using Logis.Domain.Statistiques;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Demandes;
using Logis.Persistence.Seed;
using Microsoft.EntityFrameworkCore;

namespace Logis.Bench;

/// <summary>
/// Profile of the social-mix indicators of a year (bench/mixite.sh, BENCHMARKS.md): the whole act
/// (<see cref="SuiviMixiteService.IndicateursAsync"/> for the EPCI's agent), then each of its database reads and in-memory computations timed
/// alone, the way the act does them. Median of <c>fois</c> runs after <see cref="Chauffes"/> warm-up runs (tiered JIT: optimised code after
/// about thirty calls), each on a fresh context.
/// Usage: <c>Logis.Bench mixite-profil "CONNEXION" ANNEE [FOIS]</c>
/// </summary>
public static class ProfilMixiteBanc
{
    private static readonly Siren Tpm = Siren.Create(TerritoireSeeder.SirenTpm);
    private const int Chauffes = 30;

    public static async Task<int> ExecuterAsync(string connexion, int annee, int fois)
    {
        var b = new DbContextOptionsBuilder<LogisDbContext>();
        LogisDatabase.Configurer(b, new OptionsBase { Fournisseur = FournisseurBase.PostgreSql, ConnectionString = connexion });
        var options = b.Options;
        var agent = new Agent(Guid.NewGuid(), "Banc", Role.AgentEpci, new Perimetre(Tpm));
        var le = HorlogeBanc.Aujourdhui.Year > annee ? new DateOnly(annee, 12, 31) : HorlogeBanc.Aujourdhui;

        async Task Mesurer(string libelle, Func<LogisDbContext, Task<int>> action)
        {
            var durees = new List<double>();
            var n = 0;
            for (var i = 0; i < Chauffes + fois; i++)
            {
                await using var db = new LogisDbContext(options);
                var chrono = Stopwatch.StartNew();
                n = await action(db);
                if (i >= Chauffes) durees.Add(chrono.Elapsed.TotalMilliseconds);
            }
            durees.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{libelle,-95} {durees[durees.Count / 2],8:F1} ms  (min {durees[0]:F1}, max {durees[^1]:F1}) ; {n} lignes"));
        }

        await Mesurer("Acte entier : SuiviMixiteService.IndicateursAsync (agent de l'intercommunalité)", async db =>
        {
            var r = await new SuiviMixiteService(db, HorlogeBanc.Reelle).IndicateursAsync(agent, annee.ToString(CultureInfo.InvariantCulture), default);
            return r.Valeur!.Baux ?? 0;
        });

        List<LigneSuivi> lignes = [];
        await Mesurer("Lecture des baux de l'année (projection LigneSuivi)", async db =>
        {
            lignes = await db.Attributions.AsNoTracking().Where(a => a.EpciSiren == Tpm && a.Annee == annee)
                .Select(a => new LigneSuivi(a.DateSignature, a.BailleurId, a.ReservataireId, a.CommuneInsee, a.QpvCode != null, a.RevenuParUc, a.Prioritaire, a.Dalo,
                    a.Mutation, a.CommuneResidenceAvant, a.HorsFlux == MotifHorsFlux.RenouvellementUrbain || a.HorsFlux == MotifHorsFlux.Orcod)).ToListAsync();
            return lignes.Count;
        });

        List<DemandeLocale> demandes = [];
        List<GroupeDemandes> groupesTension = [];
        await Mesurer("Demandes actives le jour de référence groupées par typologies × communes × tout le territoire × commune actuelle (SQL)", async db =>
        {
            var groupes = await db.Demandes.AsNoTracking()
                .Where(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == Tpm && d.DateDepot <= le && (d.DateRadiation == null || d.DateRadiation > le) && d.FusionneeDans == null)
                .GroupBy(d => new
                {
                    T = EF.Property<string>(d, ColonnesDemande.Typologies), C = EF.Property<string>(d, ColonnesDemande.Communes),
                    E = EF.Property<bool>(d, ColonnesDemande.ToutEpci), R = EF.Property<string?>(d, ColonnesDemande.CommuneActuelle),
                })
                .Select(g => new { g.Key.T, g.Key.C, g.Key.E, g.Key.R, N = g.Count() }).ToListAsync();
            groupesTension = [.. groupes.GroupBy(g => (g.T, g.C, g.E)).Select(g => new GroupeDemandes(
                [.. Enum.GetValues<Typologie>().Where(x => g.Key.T.Contains($"|{x}|", StringComparison.Ordinal))],
                [.. g.Key.C.Split('|', StringSplitOptions.RemoveEmptyEntries)], g.Key.E, g.Sum(x => x.N)))];
            demandes = [.. groupes.GroupBy(g => (g.R, g.C)).Select(g => new DemandeLocale(g.Key.R is { } r ? CodeInsee.Create(r) : null,
                [.. g.Key.C.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(CodeInsee.Create)], g.Sum(x => x.N)))];
            return groupes.Count;
        });

        List<BailObserve> baux = [];
        await Mesurer("Tension : baux de l'année (commune, typologie, dates)", async db =>
        {
            baux = [.. (await db.Attributions.AsNoTracking().Where(x => x.EpciSiren == Tpm && x.Annee == annee)
                    .Select(x => new { x.CommuneInsee, x.Typologie, x.DateDepot, x.DateSignature, x.Prioritaire }).ToListAsync())
                .Select(x => new BailObserve(x.CommuneInsee.Value, x.Typologie, x.DateDepot, x.DateSignature, x.Prioritaire))];
            return baux.Count;
        });

        List<string> communes = [];
        await Mesurer("Communes, objectifs, seuil (petites lectures)", async db =>
        {
            communes = await db.Communes.AsNoTracking().Where(c => c.EpciSiren == Tpm).OrderBy(c => c.Nom).Select(c => c.CodeInsee.Value).ToListAsync();
            var objectifs = await db.ObjectifsMixite.AsNoTracking().Where(o => o.EpciSiren == Tpm && o.Annee == annee).ToListAsync();
            var seuil = await db.SeuilsPremierQuartile.AsNoTracking().Where(s => s.EpciSiren == Tpm && s.Annee == annee).Select(s => (decimal?)s.Montant).SingleOrDefaultAsync();
            return communes.Count + objectifs.Count + (seuil is null ? 0 : 1);
        });

        await using (var db = new LogisDbContext(options))
        {
            var seuil = await db.SeuilsPremierQuartile.AsNoTracking().Where(s => s.EpciSiren == Tpm && s.Annee == annee).Select(s => (decimal?)s.Montant).SingleOrDefaultAsync();
            var cia = await db.ObjectifsMixite.AsNoTracking().Where(o => o.EpciSiren == Tpm && o.Annee == annee).ToListAsync();
            await Mesurer("Calculs en mémoire : objectifs mesurés et trajectoires", _ =>
                Task.FromResult(IndicateursMixite.Objectifs(cia, lignes).Select(o => IndicateursMixite.Mesurer(o, lignes, seuil, 12)).Count()));
            await Mesurer("Calculs en mémoire : cinq répartitions et mélange des quartiles", _ =>
            {
                var n = 0;
                foreach (var cle in new Func<LigneSuivi, string>[] { l => l.Bailleur.Value.ToString(), l => l.Reservataire?.Value.ToString() ?? "", l => l.Commune.Value,
                             l => l.EnQpv ? "Q" : "H", l => l.Date.ToString("yyyy-MM", CultureInfo.InvariantCulture) })
                    n += IndicateursMixite.Repartir(lignes, cle, seuil).Count;
                return Task.FromResult(n + IndicateursMixite.Melange(lignes, seuil).Count);
            });
            await Mesurer("Calculs en mémoire : préférence communale (groupes de demandes)", _ =>
                Task.FromResult(IndicateursMixite.Preference(communes.Select(CodeInsee.Create), lignes, demandes).Count));
            await Mesurer("Calculs en mémoire : tension et attente (TableauStatistiques.Calculer)", _ =>
                Task.FromResult(TableauStatistiques.Calculer(communes, groupesTension, baux).Count));
        }
        return 0;
    }
}
