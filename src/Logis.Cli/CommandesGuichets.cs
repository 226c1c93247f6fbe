using System.CommandLine;
using Logis.Application.Demandes;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Logis.Persistence;

namespace Logis.Cli;

/// <summary>
/// <c>logis guichets lister|ajouter|territoire</c>: the registering services of a territory (their code in the national
/// numbering, name, address, hours, organisation) and its territory code (docs/sne.md §1).
/// </summary>
public static class CommandesGuichets
{
    public static Command Guichets()
    {
        var epci = new Option<string>("--epci") { Description = "SIREN de l'intercommunalité", Required = true };
        var tous = new Option<bool>("--tous") { Description = "Montre aussi les guichets inactifs" };
        var lister = new Command("lister", "Liste les guichets enregistreurs du territoire et son code de territoire") { epci, tous };
        lister.SetAction(async (p, ct) =>
        {
            if (!Siren.TryCreate(p.GetValue(epci), out var siren)) return await ErreurAsync($"--epci doit être un SIREN de 9 chiffres (reçu « {p.GetValue(epci)} »).");
            await using var db = BaseCli.Ouvrir(p);
            await LogisDatabase.PreparerAsync(db, appliquerMigrations: false, ct);
            if (!await BaseCli.TerritoirePresentAsync(db, siren, Console.Error, ct)) return 2;
            return await ListerAsync(db, siren, p.GetValue(tous), Console.Out, ct);
        });

        var code = new Option<string>("--code") { Description = "Code du guichet dans le SNE : 5 chiffres ou lettres majuscules (G1104 ; GDPUB pour le portail public)", Required = true };
        var nom = new Option<string>("--nom") { Description = "Nom du guichet", Required = true };
        var adresse = new Option<string?>("--adresse") { Description = "Adresse d'accueil" };
        var horaires = new Option<string?>("--horaires") { Description = "Horaires d'ouverture" };
        var type = new Option<OrganisationGuichet>("--type") { Description = "Organisation : Epci, Commune, Bailleur, Reservataire ou PortailPublic", Required = true };
        var organisation = new Option<string?>("--organisation")
        {
            Description = "SIREN de l'EPCI, code INSEE de la commune, identifiant du bailleur ou du réservataire ; vide pour le portail public",
        };
        var inactif = new Option<bool>("--inactif") { Description = "Le guichet n'enregistre plus (il reste listé par --tous)" };
        var ajouter = new Command("ajouter", "Déclare un guichet enregistreur, ou remplace celui qui porte le même code") { epci, code, nom, adresse, horaires, type, organisation, inactif };
        ajouter.SetAction(async (p, ct) =>
        {
            if (!Siren.TryCreate(p.GetValue(epci), out var siren)) return await ErreurAsync($"--epci doit être un SIREN de 9 chiffres (reçu « {p.GetValue(epci)} »).");
            var o = p.GetValue(type) == OrganisationGuichet.Epci && string.IsNullOrWhiteSpace(p.GetValue(organisation)) ? siren.Value : p.GetValue(organisation);
            var guichet = GuichetEnregistreur.Creer(siren, p.GetValue(code), p.GetValue(nom), p.GetValue(adresse), p.GetValue(horaires), p.GetValue(type), o, !p.GetValue(inactif));
            if (!guichet.EstReussi) return await ErreurAsync(guichet.Motif!);
            await using var db = BaseCli.Ouvrir(p);
            await LogisDatabase.PreparerAsync(db, appliquerMigrations: false, ct);
            if (!await BaseCli.TerritoirePresentAsync(db, siren, Console.Error, ct)) return 2;
            var fait = await new GuichetsService(db).EnregistrerAsync(guichet.Valeur, ct);
            if (!fait.EstReussi) return await ErreurAsync(fait.Motif!);
            Console.WriteLine($"Guichet {guichet.Valeur.Code} enregistré : {guichet.Valeur.Nom}.");
            return 0;
        });

        var codeTerritoire = new Option<string>("--code") { Description = "Code du territoire dans le SNE : 3 chiffres ou lettres (111 en Île-de-France)", Required = true };
        var territoire = new Command("territoire", "Fixe le code de territoire des numéros uniques nationaux de l'intercommunalité") { epci, codeTerritoire };
        territoire.SetAction(async (p, ct) =>
        {
            if (!Siren.TryCreate(p.GetValue(epci), out var siren)) return await ErreurAsync($"--epci doit être un SIREN de 9 chiffres (reçu « {p.GetValue(epci)} »).");
            await using var db = BaseCli.Ouvrir(p);
            await LogisDatabase.PreparerAsync(db, appliquerMigrations: false, ct);
            var fait = await new GuichetsService(db).DefinirCodeTerritoireAsync(siren, p.GetValue(codeTerritoire)!, ct);
            if (!fait.EstReussi) return await ErreurAsync(fait.Motif!);
            Console.WriteLine($"Code de territoire de {siren.Value} : {p.GetValue(codeTerritoire)!.Trim().ToUpperInvariant()}.");
            return 0;
        });
        return new Command("guichets", "Guichets enregistreurs et code de territoire du numéro unique national") { lister, ajouter, territoire };
    }

    public static async Task<int> ListerAsync(LogisDbContext db, Siren epci, bool tous, TextWriter sortie, CancellationToken ct)
    {
        var service = new GuichetsService(db);
        await sortie.WriteLineAsync($"Code de territoire : {await service.CodeTerritoireAsync(epci, ct)}");
        foreach (var g in await service.ListerAsync(epci, tous, ct))
            await sortie.WriteLineAsync($"{g.Code}  {g.Nom} — {g.TypeOrganisation} : {g.Organisation}{(g.Actif ? "" : " (inactif)")} — {g.Adresse} — {g.Horaires}");
        return 0;
    }

    private static async Task<int> ErreurAsync(string message)
    {
        await Console.Error.WriteLineAsync(message);
        return 2;
    }
}
