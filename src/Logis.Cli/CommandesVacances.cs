using System.CommandLine;
using System.Globalization;
using Logis.Application.Acces;
using Logis.Application.Attributions;
using Logis.Application.Relances;
using Logis.Domain.Acces;
using Logis.Domain.Commun;
using Logis.Domain.Territoire;
using Logis.Persistence;

namespace Logis.Cli;

/// <summary>
/// <c>logis vacances lister|conventions|convention|bilan|rendre-echues</c>: the gestion en flux on the command line, under the operator's
/// identity (an EPCI agent: it sees every vacancy and convention and may save a convention; declaring and orienting stay the landlord's).
/// Exit codes: 0 done, 2 bad input, 3 not found.
/// </summary>
public static class CommandesVacances
{
    public static Command Vacances()
    {
        var epci = new Option<string>("--epci") { Description = "SIREN de l'intercommunalité", DefaultValueFactory = _ => Persistence.Seed.TerritoireSeeder.SirenTpm, Recursive = true };

        var statut = new Option<string?>("--statut") { Description = "declaree, orientee, rendue, candidats-proposes, en-commission, decidee, attribuee ou retiree" };
        var page = new Option<int>("--page") { Description = "Page (50 vacances par page)", DefaultValueFactory = _ => 1 };
        var lister = new Command("lister", "Liste les vacances du territoire, celles en attente de candidats d'abord, par échéance") { statut, page };
        lister.SetAction(async (p, ct) => await AvecAsync(p, p.GetValue(epci)!, async (db, agent) =>
        {
            var r = await new VacancesService(db, BaseCli.Horloge).ListerAsync(agent, p.GetValue(statut), p.GetValue(page).ToString(CultureInfo.InvariantCulture), null, ct);
            if (!r.EstReussi) return await EchecAsync(r.Probleme);
            foreach (var v in r.Valeur.Elements)
                await Console.Out.WriteLineAsync(string.Join(" | ", v.Id, v.NumeroRpls, v.Bailleur, v.Commune + (v.EnQpv ? " (QPV)" : ""), v.Typologie,
                    $"disponible le {v.DateDisponibilite:dd/MM/yyyy}", v.StatutLibelle + (v.CompteDansFlux ? "" : " (hors flux)"), v.Reservataire ?? "—",
                    v.EcheanceProposition is { } e ? $"échéance {e:dd/MM/yyyy}" : "—"));
            await Console.Out.WriteLineAsync($"{r.Valeur.Total} vacance(s), page {r.Valeur.Page} sur {r.Valeur.NombrePages}.");
            return 0;
        }, ct));

        var conventions = new Command("conventions", "Liste les conventions de réservation en flux (part, délai de proposition, cibles)");
        conventions.SetAction(async (p, ct) => await AvecAsync(p, p.GetValue(epci)!, async (db, agent) =>
        {
            var vue = await new FluxService(db, BaseCli.Horloge).ListerAsync(agent, ct);
            foreach (var c in vue.Conventions)
                await Console.Out.WriteLineAsync(string.Join(" | ", c.Id, c.Bailleur, c.Reservataire + (c.CommuneCouverte is { } k ? $" (logements de {k})" : ""),
                    c.Part.ToString("0.##", CultureInfo.InvariantCulture) + " %", $"{c.DelaiPropositionJours} jours", c.SousObjectifs.Length == 0 ? "—" : c.SousObjectifs));
            await Console.Out.WriteLineAsync($"{vue.Conventions.Count} convention(s).");
            return 0;
        }, ct));

        var bailleur = new Option<string>("--bailleur") { Description = "Identifiant du bailleur", Required = true };
        var reservataire = new Option<string>("--reservataire") { Description = "Identifiant du réservataire", Required = true };
        var part = new Option<string>("--part") { Description = "Part du flux annuel, en % (préfet : 30 au plus)", Required = true };
        var delai = new Option<int>("--delai") { Description = "Délai de proposition des candidats, en jours (1 à 90)", Required = true };
        var cibles = new Option<string?>("--cibles") { Description = "Cibles, ex. « T3:40; hors-qpv:30; 83137:10 » (préfet : hors-qpv:30 au moins)" };
        var convention = new Command("convention", "Enregistre la convention d'un bailleur avec un réservataire (R441-5 ; préfet ≤ 30 % dont ≥ 30 % hors QPV, R441-5-2)")
            { bailleur, reservataire, part, delai, cibles };
        convention.SetAction(async (p, ct) => await AvecAsync(p, p.GetValue(epci)!, async (db, agent) =>
        {
            if (!Guid.TryParse(p.GetValue(bailleur), out var b) || !Guid.TryParse(p.GetValue(reservataire), out var r))
                return await ErreurAsync("--bailleur et --reservataire sont des identifiants (voir « logis vacances conventions » et l'API /api/v1/conventions).");
            if (Logis.Domain.Demandes.TexteSaisi.Montant(p.GetValue(part)) is not { } pourcentage) return await ErreurAsync($"--part est un pourcentage (reçu « {p.GetValue(part)} »).");
            var issue = await new FluxService(db, BaseCli.Horloge).EnregistrerAsync(agent, new SaisieConvention(b, r, pourcentage, p.GetValue(delai), p.GetValue(cibles)), ct);
            if (!issue.EstReussi) return await EchecAsync(issue.Probleme);
            await Console.Out.WriteLineAsync($"Convention {issue.Valeur.Bailleur} × {issue.Valeur.Reservataire} enregistrée ({issue.Valeur.Id}).");
            return 0;
        }, ct));

        var id = new Argument<string>("convention") { Description = "Identifiant de la convention" };
        var annee = new Option<string?>("--annee") { Description = "Année du bilan (par défaut : l'année en cours)" };
        var bilan = new Command("bilan", "Bilan annuel d'une convention : logements orientés et dus, candidats proposés, rendus, attribués") { id, annee };
        bilan.SetAction(async (p, ct) => await AvecAsync(p, p.GetValue(epci)!, async (db, agent) =>
        {
            var r = await new FluxService(db, BaseCli.Horloge).BilanAsync(agent, p.GetValue(id)!, p.GetValue(annee), ct);
            if (!r.EstReussi) return await EchecAsync(r.Probleme);
            var x = r.Valeur;
            await Console.Out.WriteLineAsync($"Bilan {x.Annee} — {x.Bailleur} × {x.Reservataire} ({x.Part.ToString("0.##", CultureInfo.InvariantCulture)} % du flux)");
            await Console.Out.WriteLineAsync($"Flux du bailleur orienté : {x.FluxAnnee} ; dus : {x.Dus.ToString("0.##", CultureInfo.InvariantCulture)} ; orientés : {x.Orientes} ; candidats proposés : {x.Proposes} ; rendus : {x.Rendus} ; attribués : {x.Attribues}");
            await Console.Out.WriteLineAsync("Par typologie : " + (x.ParTypologie.Count == 0 ? "—" : string.Join(", ", x.ParTypologie.Select(t => $"{t.Categorie} {t.Orientes}"))));
            await Console.Out.WriteLineAsync("QPV : " + string.Join(", ", x.ParQpv.Select(t => $"{t.Categorie} {t.Orientes}")));
            return 0;
        }, ct));

        var date = new Option<string?>("--date") { Description = "Jour du traitement, AAAA-MM-JJ (par défaut : aujourd'hui, heure de Paris)" };
        var rendre = new Command("rendre-echues", "Rend au bailleur les vacances dont le réservataire n'a pas proposé de candidats dans le délai (traitement quotidien)") { date };
        rendre.SetAction(async (p, ct) => await AvecAsync(p, p.GetValue(epci)!, async (db, agent) =>
        {
            var jour = BaseCli.Horloge.AujourdhuiEnFrance();
            if (p.GetValue(date) is { } d && !DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out jour))
                return await ErreurAsync($"--date doit être une date AAAA-MM-JJ (reçu « {d} »).");
            var systeme = new Agent(TraitementRelances.Systeme.Value, TraitementRelances.NomSysteme, Role.AgentEpci, agent.Perimetre);
            var n = await new VacancesService(db, BaseCli.Horloge).RendreEchuesAsync(systeme, jour, ct);
            await Console.Out.WriteLineAsync($"{n} vacance(s) rendue(s) au bailleur le {jour:dd/MM/yyyy} (délai de proposition échu).");
            return 0;
        }, ct));

        return new Command("vacances", "Gestion en flux : vacances, conventions de réservation, bilans") { epci, lister, conventions, convention, bilan, rendre };
    }

    private static async Task<int> AvecAsync(ParseResult p, string epci, Func<LogisDbContext, Agent, Task<int>> action, CancellationToken ct)
    {
        if (!Siren.TryCreate(epci, out var siren)) return await ErreurAsync($"--epci doit être un SIREN de 9 chiffres (reçu « {epci} »).");
        await using var db = BaseCli.Ouvrir(p);
        await LogisDatabase.PreparerAsync(db, appliquerMigrations: false, ct);
        if (!await BaseCli.TerritoirePresentAsync(db, siren, Console.Error, ct)) return 2;
        return await action(db, Agent.Exploitant(siren));
    }

    private static async Task<int> EchecAsync(Echec probleme)
    {
        await Console.Error.WriteLineAsync(probleme.Motif);
        foreach (var (champ, erreurs) in probleme.Champs) foreach (var e in erreurs) await Console.Error.WriteLineAsync($"  {champ} : {e}");
        return probleme.Nature == NatureEchec.NonTrouve ? 3 : 2;
    }

    private static async Task<int> ErreurAsync(string message)
    {
        await Console.Error.WriteLineAsync(message);
        return 2;
    }
}
