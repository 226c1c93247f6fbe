using System.CommandLine;
using Logis.Application.Acces;
using Logis.Application.Mixite;
using Logis.Domain.Territoire;
using Logis.Persistence;

namespace Logis.Cli;

/// <summary>
/// <c>logis occupation importer FICHIER [--essai]</c>: the landlords' occupancy file (docs/occupation.md), read whole, every broken field reported
/// with its line and column, written all or nothing (the same use case as the page and the API, as the operator: every bailleur of the EPCI).
/// Exit codes: 0 done (or trial passed), 1 file with errors (nothing written), 2 bad input.
/// </summary>
public static class CommandesOccupation
{
    public static Command Occupation()
    {
        var epci = new Option<string>("--epci") { Description = "SIREN de l'intercommunalité", DefaultValueFactory = _ => Persistence.Seed.TerritoireSeeder.SirenTpm, Recursive = true };
        var fichier = new Argument<FileInfo>("fichier") { Description = "Fichier CSV des données d'occupation (une ligne par logement occupé)" };
        var essai = new Option<bool>("--essai") { Description = "Vérifie le fichier et rend le rapport sans rien écrire" };
        var importer = new Command("importer", "Importe les données d'occupation des bailleurs (fichier de type OPS), tout ou rien") { fichier, essai };
        importer.SetAction(async (p, ct) =>
        {
            if (!Siren.TryCreate(p.GetValue(epci), out var siren))
            {
                await Console.Error.WriteLineAsync($"--epci doit être un SIREN de 9 chiffres (reçu « {p.GetValue(epci)} »).");
                return 2;
            }
            var f = p.GetValue(fichier)!;
            if (!f.Exists)
            {
                await Console.Error.WriteLineAsync($"Fichier introuvable : {f.FullName}");
                return 2;
            }
            await using var db = BaseCli.Ouvrir(p);
            await LogisDatabase.PreparerAsync(db, appliquerMigrations: false, ct);
            if (!await BaseCli.TerritoirePresentAsync(db, siren, Console.Error, ct)) return 2;
            using var lecteur = new StreamReader(f.FullName, System.Text.Encoding.UTF8);
            var r = await new OccupationService(db, BaseCli.Horloge).ImporterAsync(Agent.Exploitant(siren), lecteur, p.GetValue(essai), ct);
            if (!r.EstReussi)
            {
                await Console.Error.WriteLineAsync(r.Probleme.Motif);
                return 2;
            }
            var v = r.Valeur;
            if (!v.EstValide)
            {
                foreach (var e in v.Erreurs) await Console.Error.WriteLineAsync(e.ToString());
                await Console.Error.WriteLineAsync($"{v.LignesEnErreur} ligne(s) en erreur sur {v.Lignes} : rien n'a été importé.");
                return 1;
            }
            await Console.Out.WriteLineAsync(v.Essai
                ? $"Essai : {v.Lignes} ligne(s) lue(s), toutes valides ; rien n'a été écrit."
                : $"{v.Importees} logement(s) occupé(s) importé(s).");
            return 0;
        });
        return new Command("occupation", "Données d'occupation du parc social transmises par les bailleurs (docs/occupation.md)") { epci, importer };
    }
}
