using System.CommandLine;
using System.Globalization;
using Logis.Application.Mixite;
using Logis.Domain.Commun;
using Logis.Domain.Territoire;
using Logis.Persistence;

namespace Logis.Cli;

/// <summary>
/// <c>logis mixite seuil definir|lister</c>: the first-quartile threshold of an EPCI for a year (CCH L441-1, docs/regles/01-mixite-sociale.md §1.6),
/// dated reference data with its source, entered by the operator from the ministerial order. Exit codes: 0 done, 2 bad input, 3 not found.
/// </summary>
public static class CommandesMixite
{
    public static Command Mixite()
    {
        var epci = new Option<string>("--epci") { Description = "SIREN de l'intercommunalité", DefaultValueFactory = _ => Persistence.Seed.TerritoireSeeder.SirenTpm, Recursive = true };
        var annee = new Option<string>("--annee") { Description = "Année du seuil (celle de l'arrêté ministériel)", Required = true };
        var montant = new Option<string>("--montant") { Description = "Seuil en euros par unité de consommation et par an", Required = true };
        var source = new Option<string>("--source") { Description = "Source : l'arrêté et son annexe (ou « donnée de démonstration »)", Required = true };
        var demo = new Option<bool>("--demonstration") { Description = "Valeur plausible pour la démonstration, pas la valeur officielle" };
        var definir = new Command("definir", "Enregistre (ou corrige) le seuil du premier quartile d'une année") { annee, montant, source, demo };
        definir.SetAction(async (p, ct) => await AvecAsync(p, p.GetValue(epci)!, async (db, siren) =>
        {
            var r = await new MixiteService(db, BaseCli.Horloge).DefinirAsync(siren, p.GetValue(annee), p.GetValue(montant), p.GetValue(source), p.GetValue(demo), ct);
            if (!r.EstReussi)
            {
                await Console.Error.WriteLineAsync(r.Probleme.Motif);
                foreach (var (champ, erreurs) in r.Probleme.Champs) foreach (var e in erreurs) await Console.Error.WriteLineAsync($"  {champ} : {e}");
                return r.Probleme.Nature == NatureEchec.NonTrouve ? 3 : 2;
            }
            await Console.Out.WriteLineAsync($"Seuil du premier quartile {r.Valeur.Annee} : {r.Valeur.Montant.ToString("0", CultureInfo.InvariantCulture)} € par UC et par an ({r.Valeur.Source}).");
            return 0;
        }, ct));

        var lister = new Command("lister", "Liste les seuils du premier quartile enregistrés, du plus récent au plus ancien");
        lister.SetAction(async (p, ct) => await AvecAsync(p, p.GetValue(epci)!, async (db, siren) =>
        {
            var seuils = await new MixiteService(db, BaseCli.Horloge).ListerAsync(siren, ct);
            foreach (var s in seuils)
                await Console.Out.WriteLineAsync(string.Join(" | ", s.Annee, s.Montant.ToString("0", CultureInfo.InvariantCulture) + " € par UC et par an", s.Source,
                    s.Demonstration ? "donnée de démonstration" : "valeur officielle"));
            await Console.Out.WriteLineAsync($"{seuils.Count} seuil(s).");
            return 0;
        }, ct));

        var seuil = new Command("seuil", "Seuil de ressources du premier quartile (article L441-1 du CCH)") { definir, lister };
        return new Command("mixite", "Objectifs de mixité sociale : seuil du premier quartile") { epci, seuil };
    }

    private static async Task<int> AvecAsync(ParseResult p, string epci, Func<LogisDbContext, Siren, Task<int>> action, CancellationToken ct)
    {
        if (!Siren.TryCreate(epci, out var siren))
        {
            await Console.Error.WriteLineAsync($"--epci doit être un SIREN de 9 chiffres (reçu « {epci} »).");
            return 2;
        }
        await using var db = BaseCli.Ouvrir(p);
        await LogisDatabase.PreparerAsync(db, appliquerMigrations: false, ct);
        if (!await BaseCli.TerritoirePresentAsync(db, siren, Console.Error, ct)) return 2;
        return await action(db, siren);
    }
}
