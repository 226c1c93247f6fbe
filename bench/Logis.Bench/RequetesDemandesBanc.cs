using System.Diagnostics;
using Logis.Domain.Acces;
using Logis.Domain.Demandes;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Demandes;
using Microsoft.EntityFrameworkCore;
using Logis.Application.Demandes;
using Logis.Application.Acces;

namespace Logis.Bench;

/// <summary>
/// The read queries on <c>demande</c> that may use its EPCI indexes (<c>fichier-demandes requetes CONNEXION</c>), on an
/// existing database: each is run once to warm up then 5 times, median printed. With a connection string carrying
/// <c>Options=-c session_preload_libraries=auto_explain -c auto_explain.log_min_duration=0</c> the server log gets the plans
/// of the real SQL (bench/copie-serveur/requetes-index.sh compares them with and without an index).
/// The searches go through the real service; the other queries repeat the LINQ of their source (file named).
/// </summary>
public static class RequetesDemandesBanc
{
    private static readonly Siren Tpm = Siren.Create(Persistence.Seed.TerritoireSeeder.SirenTpm);

    public static async Task<int> ExecuterAsync(string connexion)
    {
        var options = new OptionsBase { Fournisseur = FournisseurBase.PostgreSql, ConnectionString = connexion };
        var b = new DbContextOptionsBuilder<LogisDbContext>();
        LogisDatabase.Configurer(b, options);
        await using var db = new LogisDbContext(b.Options);
        var bailleur = await db.Bailleurs.AsNoTracking().OrderBy(x => x.Nom).Select(x => x.Id).FirstAsync();
        var commune = await db.Communes.AsNoTracking().Where(c => c.EpciSiren == Tpm).OrderByDescending(c => c.Population).Select(c => c.CodeInsee).FirstAsync();
        var agentEpci = new Agent(Guid.NewGuid(), "banc", Role.AgentEpci, new Perimetre(Tpm, null, null, null));
        var agentBailleur = new Agent(Guid.NewGuid(), "banc", Role.AgentBailleur, new Perimetre(Tpm, bailleur, null, null));
        var s = new DemandesService(db, HorlogeBanc.Reelle, HorlogeBanc.Grilles(Tpm));
        var requetes = new List<(string Nom, Func<Task> Executer)>();
        foreach (var page in new[] { 1, 3 })
        {
            requetes.Add(($"Recherche EPCI sans filtre p{page}", async () => await s.RechercherAsync(agentEpci, new(null, null, null, null, null, null), page, 50, default)));
            requetes.Add(($"Recherche EPCI nom « MAR » p{page}", async () => await s.RechercherAsync(agentEpci, new(null, "Mar", null, null, null, null), page, 50, default)));
            requetes.Add(($"Recherche EPCI nom « RICHARD » p{page}", async () => await s.RechercherAsync(agentEpci, new(null, "Richard", null, null, null, null), page, 50, default)));
            requetes.Add(($"Recherche EPCI commune+T3+actives p{page}", async () => await s.RechercherAsync(agentEpci, new(null, null, commune, Typologie.T3, StatutDemande.Active, null), page, 50, default)));
            requetes.Add(($"Recherche EPCI actives p{page}", async () => await s.RechercherAsync(agentEpci, new(null, null, null, null, StatutDemande.Active, null), page, 50, default)));
            requetes.Add(($"Recherche EPCI radiées p{page}", async () => await s.RechercherAsync(agentEpci, new(null, null, null, null, StatutDemande.Radiee, null), page, 50, default)));
            requetes.Add(($"Recherche EPCI prioritaires p{page}", async () => await s.RechercherAsync(agentEpci, new(null, null, null, null, null, true), page, 50, default)));
            requetes.Add(($"Recherche bailleur sans filtre p{page}", async () => await s.RechercherAsync(agentBailleur, new(null, null, null, null, null, null), page, 50, default)));
            requetes.Add(($"Recherche bailleur nom « B » + T2 p{page}", async () => await s.RechercherAsync(agentBailleur, new(null, "B", null, Typologie.T2, null, null), page, 50, default)));
        }
        // Logis.Cli/Cotation/SourceDemandes.cs (count of the active demands of an EPCI).
        requetes.Add(("SourceDemandes : compte des actives", async () => await db.Demandes.CountAsync(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == Tpm && d.Statut == StatutDemande.Active)));
        // Logis.Cli/Cotation/SourceDemandes.cs (ids of the active demands, by number).
        requetes.Add(("SourceDemandes : ids des actives", async () => await db.Demandes.AsNoTracking()
            .Where(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == Tpm && d.Statut == StatutDemande.Active).OrderBy(d => d.Numero).Select(d => d.Id).ToListAsync()));
        // Logis.Persistence/Seed/DemandesSeeder.cs.
        requetes.Add(("DemandesSeeder : compte de l'EPCI", async () => await db.Demandes.CountAsync(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == Tpm)));
        // Logis.Persistence/Relances/TraitementRelances.cs (CandidatesAsync).
        var borne = HorlogeBanc.Aujourdhui.AddMonths(1).AddDays(3).AddYears(-1);
        requetes.Add(("TraitementRelances : candidates", async () => await db.Demandes.AsNoTracking()
            .Where(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == Tpm && d.Statut == StatutDemande.Active
                        && ((d.DateDernierRenouvellement ?? d.DateDepot) <= borne || d.IrrecevabiliteLe != null || d.Avertissements.Any()))
            .OrderBy(d => d.DateDepot).ThenBy(d => d.Numero).Select(d => d.Id).ToListAsync()));
        // Logis.Web/Features/Cotation/CotationDemandeService.cs (analogous demands: scores and deposit dates).
        var autre = new DemandeId(Guid.NewGuid());
        IQueryable<Demande> Analogues()
        {
            var q = db.Demandes.AsNoTracking().Where(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == Tpm && d.Statut == StatutDemande.Active && d.Id != autre);
            var motifT = "|T3|";
            q = q.Where(d => EF.Property<string>(d, ColonnesDemande.Typologies).Contains(motifT));
            var motifC = $"|{commune.Value}|";
            return q.Where(d => EF.Property<bool>(d, ColonnesDemande.ToutEpci) || EF.Property<string>(d, ColonnesDemande.Communes).Contains(motifC));
        }
        requetes.Add(("CotationDemande : scores des analogues", async () => await Analogues().Join(db.CotationsDemandes.Where(c => c.Total != null), d => d.Id, c => c.DemandeId, (d, c) => c.Total!.Value).ToListAsync()));
        requetes.Add(("CotationDemande : dépôts des analogues", async () => await Analogues().Select(d => d.DateDepot).ToListAsync()));
        // Logis.Web/Features/Doublons/DoublonsService.cs (ListerAsync, EPCI agent).
        requetes.Add(("Doublons : candidats", async () => await db.Demandes.AsNoTracking()
            .Where(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == Tpm && d.Statut == StatutDemande.Active)
            .Select(d => new { d.Id, d.Numero, d.DateDepot, d.Contenu }).ToListAsync()));
        // Logis.Persistence/Cotation/RecalculPostgres.cs (count per EPCI, raw SQL).
        requetes.Add(("RecalculPostgres : compte", async () => await db.Database.SqlQueryRaw<int>(
            "SELECT count(*)::int AS \"Value\" FROM demande WHERE \"EpciSiren\" = {0} AND \"Statut\" = {1} GROUP BY \"EpciSiren\"", Tpm.Value, (int)StatutDemande.Active).ToListAsync()));

        Console.WriteLine("| Requête | médiane | min | max |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (nom, executer) in requetes)
        {
            await executer();
            db.ChangeTracker.Clear();
            var mesures = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                var c = Stopwatch.StartNew();
                await executer();
                mesures.Add(c.Elapsed.TotalMilliseconds);
                db.ChangeTracker.Clear();
            }
            mesures.Sort();
            Console.WriteLine($"| {nom} | {mesures[2]:0.0} ms | {mesures[0]:0.0} ms | {mesures[^1]:0.0} ms |");
        }
        return 0;
    }
}
