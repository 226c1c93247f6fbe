using System.CommandLine;
using Logis.Application.Acces;
using Logis.Application.Attributions;
using Logis.Domain.Commun;
using Logis.Domain.Territoire;
using Logis.Persistence;

namespace Logis.Cli;

/// <summary>
/// <c>logis caleol seances|proces-verbal|courrier</c>: the CALEOL sessions of the territory and their documents on the command line, under the
/// operator's identity (an EPCI agent: it reads every session, its minutes and letters, each opening written in the journal; the sessions, votes
/// and decisions stay the landlord's). Exit codes: 0 done, 2 bad input or refused, 3 not found.
/// </summary>
public static class CommandesCaleol
{
    public static Command Caleol()
    {
        var epci = new Option<string>("--epci") { Description = "SIREN de l'intercommunalité", DefaultValueFactory = _ => Persistence.Seed.TerritoireSeeder.SirenTpm, Recursive = true };

        var seances = new Command("seances", "Liste les séances des commissions d'attribution du territoire, la plus récente d'abord");
        seances.SetAction(async (p, ct) => await AvecAsync(p, p.GetValue(epci)!, async (db, agent) =>
        {
            var liste = await Service(db).ListerAsync(agent, ct);
            foreach (var s in liste)
                await Console.Out.WriteLineAsync(string.Join(" | ", s.Id, $"{s.Date:dd/MM/yyyy}", s.Bailleur, s.ModaliteLibelle, $"{s.Dossiers} dossier(s)", s.Close ? "close" : "ouverte"));
            await Console.Out.WriteLineAsync($"{liste.Count} séance(s).");
            return 0;
        }, ct));

        var seance = new Argument<string>("seance") { Description = "Identifiant de la séance" };
        var sortiePv = Sortie();
        var pv = new Command("proces-verbal", "Écrit le procès-verbal d'une séance (PDF)") { seance, sortiePv };
        pv.SetAction(async (p, ct) => await AvecAsync(p, p.GetValue(epci)!, async (db, agent) =>
            await EcrireAsync(await new DocumentsCaleol(Service(db)).ProcesVerbalAsync(agent, p.GetValue(seance)!, ct), p.GetValue(sortiePv)!), ct));

        var dossier = new Argument<string>("dossier") { Description = "Identifiant du dossier (un logement examiné)" };
        var candidat = new Argument<int>("candidat") { Description = "Numéro du candidat dans le dossier" };
        var sortieCourrier = Sortie();
        var courrier = new Command("courrier", "Écrit le courrier de notification de la décision à un candidat (PDF)") { dossier, candidat, sortieCourrier };
        courrier.SetAction(async (p, ct) => await AvecAsync(p, p.GetValue(epci)!, async (db, agent) =>
            await EcrireAsync(await new DocumentsCaleol(Service(db)).CourrierAsync(agent, p.GetValue(dossier)!, p.GetValue(candidat), ct), p.GetValue(sortieCourrier)!), ct));

        return new Command("caleol", "Commission d'attribution : séances, procès-verbaux et courriers") { epci, seances, pv, courrier };
    }

    private static Option<string> Sortie() => new("--sortie") { Description = "Fichier PDF à écrire", Required = true };

    private static CaleolService Service(LogisDbContext db) => new(db, BaseCli.Horloge, new VacancesService(db, BaseCli.Horloge));

    private static async Task<int> EcrireAsync(Resultat<DocumentProduit> r, string fichier)
    {
        if (!r.EstReussi)
        {
            await Console.Error.WriteLineAsync(r.Motif);
            return r.Probleme.Nature == NatureEchec.NonTrouve ? 3 : 2;
        }
        await File.WriteAllBytesAsync(fichier, r.Valeur.Contenu);
        await Console.Out.WriteLineAsync($"{r.Valeur.NomFichier} écrit dans {fichier} ({r.Valeur.Contenu.Length} octets).");
        return 0;
    }

    private static async Task<int> AvecAsync(ParseResult p, string epci, Func<LogisDbContext, Agent, Task<int>> action, CancellationToken ct)
    {
        if (!Siren.TryCreate(epci, out var siren))
        {
            await Console.Error.WriteLineAsync($"--epci doit être un SIREN de 9 chiffres (reçu « {epci} »).");
            return 2;
        }
        await using var db = BaseCli.Ouvrir(p);
        await LogisDatabase.PreparerAsync(db, appliquerMigrations: false, ct);
        if (!await BaseCli.TerritoirePresentAsync(db, siren, Console.Error, ct)) return 2;
        return await action(db, Agent.Exploitant(siren));
    }
}
