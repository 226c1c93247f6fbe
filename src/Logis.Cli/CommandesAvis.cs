using System.CommandLine;
using Logis.Application.Acces;
using Logis.Application.Demandes;
using Logis.Application.Relances;
using Logis.Domain.Commun;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Logis.Cli;

/// <summary>
/// The notices of a demand and the list to examine, under the operator's identity (as the API's acts):
/// <c>logis demandes avis avertir|remise|non-distribue</c> and <c>logis demandes a-examiner</c>. The delays are read from
/// the same settings as the web app (<c>Logis__Relances__PreavisRenouvellementMois</c>…).
/// </summary>
public static class CommandesAvis
{
    public static IEnumerable<Command> Commandes()
    {
        var epci = new Option<string>("--epci") { Description = "SIREN de l'intercommunalité", Required = true };
        var numero = new Option<string>("--numero") { Description = "Numéro de la demande", Required = true };

        var motif = new Option<string>("--motif") { Description = "c (absence de réponse) ou d (irrecevabilité), R441-2-8", Required = true };
        var moyen = new Option<string?>("--moyen") { Description = "lettre_recommandee_ar (par défaut) ou autre_moyen_avec_preuve" };
        var avertir = new Command("avertir", "Enregistre l'envoi d'un avertissement avant radiation c) ou d), par un moyen prouvant la remise") { epci, numero, motif, moyen };
        avertir.SetAction(async (p, ct) => await AgirAsync(p, p.GetValue(epci)!, (s, agent) =>
            s.AvertirAsync(agent, p.GetValue(numero)!, new AvertissementSaisie(p.GetValue(motif), p.GetValue(moyen)), ct),
            "Envoi de l'avertissement enregistré : la radiation sera possible un mois après sa remise.", ct));

        var avisRemise = new Option<string>("--avis") { Description = "c ou d : l'avertissement remis", Required = true };
        var date = new Option<string>("--date") { Description = "Date de remise, AAAA-MM-JJ (avis de réception ou récépissé)", Required = true };
        var preuve = new Option<string>("--preuve") { Description = "Preuve : numéro de l'avis de réception, référence du récépissé", Required = true };
        var remise = new Command("remise", "Enregistre la remise d'un avertissement et sa preuve : le mois avant la radiation court de cette date") { epci, numero, avisRemise, date, preuve };
        remise.SetAction(async (p, ct) => await AgirAsync(p, p.GetValue(epci)!, (s, agent) =>
            s.NoterRemiseAsync(agent, p.GetValue(numero)!, new RemiseSaisie(p.GetValue(avisRemise), p.GetValue(date), p.GetValue(preuve)), ct),
            "Remise de l'avertissement enregistrée.", ct));

        var avisRetour = new Option<string>("--avis") { Description = "renouvellement, c ou d : l'avis revenu", Required = true };
        var dateRetour = new Option<string>("--date") { Description = "Date du retour, AAAA-MM-JJ", Required = true };
        var retour = new Command("non-distribue", "Enregistre le retour d'un avis ou d'un avertissement non distribué") { epci, numero, avisRetour, dateRetour };
        retour.SetAction(async (p, ct) => await AgirAsync(p, p.GetValue(epci)!, (s, agent) =>
            s.NoterRetourAsync(agent, p.GetValue(numero)!, new RetourSaisie(p.GetValue(avisRetour), p.GetValue(dateRetour)), ct),
            "Retour du pli non distribué enregistré.", ct));

        var avis = new Command("avis", "Avis au demandeur et preuves de remise (R441-2-7, R441-2-8)") { avertir, remise, retour };

        var epciListe = new Option<string>("--epci") { Description = "SIREN de l'intercommunalité", Required = true };
        var motifListe = new Option<string?>("--motif") { Description = $"Un seul motif : {string.Join(", ", RelancesService.CodesExamen)}" };
        var aExaminer = new Command("a-examiner", "Demandes actives à examiner, avec les comptes par motif") { epciListe, motifListe };
        aExaminer.SetAction(async (p, ct) =>
        {
            if (!Siren.TryCreate(p.GetValue(epciListe), out var siren)) return await ErreurAsync($"--epci doit être un SIREN de 9 chiffres (reçu « {p.GetValue(epciListe)} »).");
            var code = p.GetValue(motifListe);
            if (code is not null && !RelancesService.CodesExamen.Contains(code))
                return await ErreurAsync($"--motif vaut {string.Join(", ", RelancesService.CodesExamen)} (reçu « {code} »).");
            await using var db = BaseCli.Ouvrir(p);
            await LogisDatabase.PreparerAsync(db, appliquerMigrations: false, ct);
            if (!await BaseCli.TerritoirePresentAsync(db, siren, Console.Error, ct)) return 2;
            return await ListerAsync(db, siren, code, BaseCli.Horloge, Console.Out, ct);
        });
        return [avis, aExaminer];
    }

    /// <summary>Prints the counts by reason, then every demand to examine (all pages).</summary>
    public static async Task<int> ListerAsync(LogisDbContext db, Siren siren, string? code, TimeProvider horloge, TextWriter sortie, CancellationToken ct)
    {
        var service = new ListeAExaminer(db, horloge, Options());
        var page = 1;
        while (true)
        {
            var liste = await service.ListerAsync(siren, code, page, RelancesService.TaillePage, ct);
            if (page == 1)
            {
                await sortie.WriteLineAsync($"Demandes à examiner au {liste.Jour:dd/MM/yyyy} : {liste.Demandes.Total} ({liste.Expirees} demande(s) active(s) expirée(s)).");
                foreach (var c in liste.Comptes) await sortie.WriteLineAsync($"  {c.Libelle} [{c.Code}] : {c.Nombre}");
            }
            foreach (var l in liste.Demandes.Elements)
                await sortie.WriteLineAsync($"{l.Numero}\tfin de validité {l.FinValidite:dd/MM/yyyy}\tà renouveler au plus tard le {l.DateLimiteRenouvellement:dd/MM/yyyy}\t{string.Join(" ; ", l.Motifs)}");
            if (page >= liste.Demandes.NombrePages) return 0;
            page++;
        }
    }

    /// <summary>The delays of the notices from the environment (the web app's settings), checked as at the web app's start.</summary>
    public static OptionsRelances Options()
    {
        var options = new OptionsRelances();
        static int Lire(string nom, int defaut) =>
            Environment.GetEnvironmentVariable($"Logis__Relances__{nom}") is { Length: > 0 } v && int.TryParse(v, out var n) ? n : defaut;
        options.PreavisRenouvellementMois = Lire(nameof(OptionsRelances.PreavisRenouvellementMois), options.PreavisRenouvellementMois);
        options.AnticipationAvisJours = Lire(nameof(OptionsRelances.AnticipationAvisJours), options.AnticipationAvisJours);
        options.DelaiApresAvertissementMois = Lire(nameof(OptionsRelances.DelaiApresAvertissementMois), options.DelaiApresAvertissementMois);
        options.AttentePreuveJours = Lire(nameof(OptionsRelances.AttentePreuveJours), options.AttentePreuveJours);
        options.Valider();
        return options;
    }

    private static async Task<int> AgirAsync(ParseResult p, string epci, Func<AvisService, Agent, Task<Resultat<Logis.Domain.Demandes.Demande>>> acte, string message, CancellationToken ct)
    {
        if (!Siren.TryCreate(epci, out var siren)) return await ErreurAsync($"--epci doit être un SIREN de 9 chiffres (reçu « {epci} »).");
        await using var db = BaseCli.Ouvrir(p);
        await LogisDatabase.PreparerAsync(db, appliquerMigrations: false, ct);
        if (!await BaseCli.TerritoirePresentAsync(db, siren, Console.Error, ct) || !BaseCli.ChargerGrilles(siren, out var grilles)) return 2;
        var issue = await acte(new AvisService(new DemandesService(db, BaseCli.Horloge, grilles!), Options()), Agent.Exploitant(siren));
        if (!issue.EstReussi)
        {
            await Console.Error.WriteLineAsync(issue.Motif);
            foreach (var (champ, erreurs) in issue.Probleme.Champs) foreach (var e in erreurs) await Console.Error.WriteLineAsync($"  {champ} : {e}");
            return issue.Probleme.Nature == NatureEchec.NonTrouve ? 3 : 2;
        }
        await Console.Out.WriteLineAsync(message);
        return 0;
    }

    private static async Task<int> ErreurAsync(string message)
    {
        await Console.Error.WriteLineAsync(message);
        return 2;
    }
}
