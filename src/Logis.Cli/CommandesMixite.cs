using System.CommandLine;
using System.Globalization;
using Logis.Application.Acces;
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

        var anneeEstimee = new Option<string>("--annee") { Description = "Année du seuil à estimer (par défaut l'année en cours)" };
        var estimer = new Command("estimer", "Estimation de Logis : premier quartile du revenu par UC des demandes actives au 31 décembre précédent") { anneeEstimee };
        estimer.SetAction(async (p, ct) => await AvecAsync(p, p.GetValue(epci)!, async (db, siren) =>
        {
            var r = await new SuiviMixiteService(db, BaseCli.Horloge).SeuilsAsync(Agent.Exploitant(siren), p.GetValue(anneeEstimee), ct);
            if (!r.EstReussi) return await ErreurAsync(r.Probleme);
            var e = r.Valeur.Estimation;
            await Console.Out.WriteLineAsync($"Estimation {r.Valeur.Annee} : {(e.PremierQuartile is { } q ? q.ToString("0", CultureInfo.InvariantCulture) + " € par UC et par an" : "non diffusée (moins de 5 demandeurs)")}"
                + $" — {e.Demandeurs} demandeur(s) actif(s) le {e.Reference:yyyy-MM-dd}, {e.Illisibles} illisible(s) écarté(s).");
            await Console.Out.WriteLineAsync($"Valeur officielle {r.Valeur.Annee} : {(r.Valeur.Officiel is { } o ? o.Montant.ToString("0", CultureInfo.InvariantCulture) + " € (" + o.Source + ")" : "non enregistrée")}.");
            return 0;
        }, ct));

        var seuil = new Command("seuil", "Seuil de ressources du premier quartile (article L441-1 du CCH)") { definir, lister, estimer };
        return new Command("mixite", "Objectifs de mixité sociale : seuil du premier quartile, objectifs de la CIA, indicateurs") { epci, seuil, Objectifs(epci), Indicateurs(epci) };
    }

    private static async Task<int> ErreurAsync(Echec probleme)
    {
        await Console.Error.WriteLineAsync(probleme.Motif);
        foreach (var (champ, erreurs) in probleme.Champs) foreach (var e in erreurs) await Console.Error.WriteLineAsync($"  {champ} : {e}");
        return probleme.Nature == NatureEchec.NonTrouve ? 3 : 2;
    }

    /// <summary><c>logis mixite objectifs definir|lister|supprimer</c>: the quantified objectives of the CIA as data.</summary>
    private static Command Objectifs(Option<string> epci)
    {
        var annee = new Option<string>("--annee") { Description = "Année de l'objectif", Required = true };
        var nature = new Option<string>("--nature") { Description = "q1-hors-qpv, hors-q1-en-qpv ou prioritaires", Required = true };
        var taux = new Option<string>("--taux") { Description = "Taux visé, en %", Required = true };
        var bailleur = new Option<string?>("--bailleur") { Description = "Identifiant du bailleur (facultatif)" };
        var commune = new Option<string?>("--commune") { Description = "Code INSEE de la commune (facultatif)" };
        var reservataire = new Option<string?>("--reservataire") { Description = "Identifiant du réservataire (facultatif)" };
        var source = new Option<string?>("--source") { Description = "Source : la CIA et son annexe, une délibération (facultatif)" };
        var definir = new Command("definir", "Enregistre (ou remplace) un objectif de la convention intercommunale d'attribution") { annee, nature, taux, bailleur, commune, reservataire, source };
        definir.SetAction(async (p, ct) => await AvecAsync(p, p.GetValue(epci)!, async (db, siren) =>
        {
            var r = await new SuiviMixiteService(db, BaseCli.Horloge).DefinirObjectifAsync(Agent.Exploitant(siren), new SaisieObjectif(p.GetValue(annee), p.GetValue(nature),
                p.GetValue(taux), p.GetValue(bailleur), p.GetValue(commune), p.GetValue(reservataire), p.GetValue(source)), ct);
            if (!r.EstReussi) return await ErreurAsync(r.Probleme);
            await Console.Out.WriteLineAsync($"Objectif {r.Valeur.Annee} enregistré : {r.Valeur.Libelle} — {r.Valeur.Perimetre} : {r.Valeur.Taux.ToString("0.#", CultureInfo.InvariantCulture)} % ({r.Valeur.Id}).");
            return 0;
        }, ct));
        var anneeListe = new Option<string>("--annee") { Description = "Année (par défaut l'année en cours)" };
        var lister = new Command("lister", "Liste les objectifs d'une année") { anneeListe };
        lister.SetAction(async (p, ct) => await AvecAsync(p, p.GetValue(epci)!, async (db, siren) =>
        {
            var r = await new SuiviMixiteService(db, BaseCli.Horloge).ObjectifsAsync(Agent.Exploitant(siren), p.GetValue(anneeListe), ct);
            if (!r.EstReussi) return await ErreurAsync(r.Probleme);
            foreach (var o in r.Valeur.Objectifs)
                await Console.Out.WriteLineAsync(string.Join(" | ", o.Id, o.Nature, o.Perimetre, o.Taux.ToString("0.#", CultureInfo.InvariantCulture) + " %", o.Source ?? "—"));
            await Console.Out.WriteLineAsync(r.Valeur.Objectifs.Count == 0 ? $"Aucun objectif pour {r.Valeur.Annee} : les taux légaux s'appliquent." : $"{r.Valeur.Objectifs.Count} objectif(s).");
            return 0;
        }, ct));
        var id = new Argument<string>("id") { Description = "Identifiant de l'objectif" };
        var supprimer = new Command("supprimer", "Retire un objectif") { id };
        supprimer.SetAction(async (p, ct) => await AvecAsync(p, p.GetValue(epci)!, async (db, siren) =>
        {
            var r = await new SuiviMixiteService(db, BaseCli.Horloge).SupprimerObjectifAsync(Agent.Exploitant(siren), p.GetValue(id)!, ct);
            if (!r.EstReussi) return await ErreurAsync(r.Probleme);
            await Console.Out.WriteLineAsync("Objectif retiré.");
            return 0;
        }, ct));
        return new Command("objectifs", "Objectifs chiffrés de la convention intercommunale d'attribution (article L441-1-6 du CCH)") { definir, lister, supprimer };
    }

    /// <summary><c>logis mixite indicateurs --annee</c>: the indicators of a year for the whole EPCI, as text or as the API's JSON.</summary>
    private static Command Indicateurs(Option<string> epci)
    {
        var annee = new Option<string>("--annee") { Description = "Année (par défaut l'année en cours)" };
        var json = new Option<bool>("--json") { Description = "Écrit la réponse de GET /api/v1/mixite/indicateurs" };
        var c = new Command("indicateurs", "Indicateurs de mixité d'une année : cible, taux atteint, nombre atteint et manquant de chaque objectif") { annee, json };
        c.SetAction(async (p, ct) => await AvecAsync(p, p.GetValue(epci)!, async (db, siren) =>
        {
            var r = await new SuiviMixiteService(db, BaseCli.Horloge).IndicateursAsync(Agent.Exploitant(siren), p.GetValue(annee), ct);
            if (!r.EstReussi) return await ErreurAsync(r.Probleme);
            var v = r.Valeur;
            if (p.GetValue(json))
            {
                await Console.Out.WriteLineAsync(System.Text.Json.JsonSerializer.Serialize(v, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)));
                return 0;
            }
            static string N(int? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "moins de 5";
            static string T(decimal? t) => t is { } x ? x.ToString("0.0", CultureInfo.InvariantCulture) + " %" : "non diffusé";
            await Console.Out.WriteLineAsync($"Mixité {v.Annee} — {v.Perimetre} — {N(v.Baux)} baux signés avec des ménages{(v.BauxPersonnesMorales is 0 ? "" : $" (et {N(v.BauxPersonnesMorales)} avec des personnes morales, hors indicateurs)")} ; seuil : {(v.Seuil.Montant is { } m ? m.ToString("0", CultureInfo.InvariantCulture) + " €" : "non enregistré")}");
            foreach (var o in v.Objectifs)
                await Console.Out.WriteLineAsync(string.Join(" | ", o.Nature, o.Perimetre, "cible " + o.Cible.ToString("0.#", CultureInfo.InvariantCulture) + " %",
                    o.SeuilManquant ? "seuil manquant" : $"{T(o.TauxAtteint)} ({N(o.NombreAtteint)} sur {N(o.Baux)}), manquants {N(o.NombreManquant)}{(o.Alerte ? ", EN RETARD" : "")}"));
            return 0;
        }, ct));
        return c;
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
