using System.CommandLine;
using Logis.Application.Statistiques;
using Logis.Domain.Information;
using Logis.Domain.Territoire;
using Logis.Persistence;

namespace Logis.Cli;

/// <summary>
/// <c>logis lieux-accueil lister|ajouter|retirer</c>: the reception places of a territory shown on the public site (« Où déposer ma
/// demande ») and by <c>GET /api/v1/lieux-accueil</c> — what each does, address, hours, accessibility, communes served (docs/information-publique.md).
/// </summary>
public static class CommandesLieuxAccueil
{
    public static Command LieuxAccueil()
    {
        var epci = new Option<string>("--epci") { Description = "SIREN de l'intercommunalité", Required = true };
        var commune = new Option<string?>("--commune") { Description = "Code INSEE : pour lister, les lieux qui servent cette commune ; pour ajouter, la commune où est le lieu" };
        var lister = new Command("lister", "Liste les lieux d'accueil du territoire (et les guichets enregistreurs qu'aucun lieu ne nomme)") { epci, commune };
        lister.SetAction(async (p, ct) =>
        {
            if (!Siren.TryCreate(p.GetValue(epci), out var siren)) return await ErreurAsync($"--epci doit être un SIREN de 9 chiffres (reçu « {p.GetValue(epci)} »).");
            await using var db = BaseCli.Ouvrir(p);
            await LogisDatabase.PreparerAsync(db, appliquerMigrations: false, ct);
            if (!await BaseCli.TerritoirePresentAsync(db, siren, Console.Error, ct)) return 2;
            var r = await new LieuxAccueilService(db).ListerAsync(siren, p.GetValue(commune), ct);
            if (!r.EstReussi) return await ErreurAsync(r.Motif!);
            foreach (var l in r.Valeur)
                Console.WriteLine($"{l.Code}  {l.Nom} — {l.TypeLibelle} — {string.Join(", ", l.Missions)} — {l.Adresse} — {l.Horaires} — "
                    + $"{(l.ToutLeTerritoire ? "tout le territoire" : string.Join(", ", l.CommunesServies.Select(c => c.Nom)))}"
                    + $"{(l.CodeGuichet is { } g ? $" — guichet {g}" : "")}{(l.Demonstration ? " (démonstration)" : "")}");
            return 0;
        });

        var code = new Option<string>("--code") { Description = "Code du lieu : lettres, chiffres ou tirets (par exemple CCAS-83137)", Required = true };
        var nom = new Option<string>("--nom") { Description = "Nom du lieu", Required = true };
        var type = new Option<TypeLieuAccueil>("--type") { Description = "Siad, Mairie, Ccas, Bailleur, Reservataire, Association, EnLigne ou Autre", Required = true };
        var missions = new Option<string>("--missions") { Description = "Ce que fait le lieu : enregistrer, informer, accompagner (séparés par des virgules)", Required = true };
        var adresse = new Option<string>("--adresse") { Description = "Adresse d'accueil", Required = true };
        var horaires = new Option<string>("--horaires") { Description = "Horaires d'ouverture", Required = true };
        var telephone = new Option<string?>("--telephone") { Description = "Téléphone (facultatif)" };
        var accessibilite = new Option<string>("--accessibilite") { Description = "Accessibilité : accès en fauteuil, boucle magnétique, langue des signes…", Required = true };
        var servies = new Option<string?>("--communes-servies") { Description = "Codes INSEE des communes servies, séparés par des virgules ; vide : tout le territoire" };
        var guichet = new Option<string?>("--guichet") { Description = "Code du guichet enregistreur, pour un lieu qui enregistre les demandes" };
        var inactif = new Option<bool>("--inactif") { Description = "Le lieu n'accueille plus (il n'est plus montré)" };
        var ajouter = new Command("ajouter", "Déclare un lieu d'accueil, ou remplace celui qui porte le même code")
        {
            epci, code, nom, type, missions, adresse, commune, horaires, telephone, accessibilite, servies, guichet, inactif,
        };
        ajouter.SetAction(async (p, ct) =>
        {
            if (!Siren.TryCreate(p.GetValue(epci), out var siren)) return await ErreurAsync($"--epci doit être un SIREN de 9 chiffres (reçu « {p.GetValue(epci)} »).");
            if (LieuAccueil.LireMissions(p.GetValue(missions)) is not { } m)
                return await ErreurAsync($"--missions : « {p.GetValue(missions)} » ; les missions sont enregistrer, informer et accompagner.");
            var lieu = LieuAccueil.Creer(siren, p.GetValue(code), p.GetValue(nom), p.GetValue(type), m, p.GetValue(adresse), p.GetValue(commune),
                p.GetValue(horaires), p.GetValue(telephone), p.GetValue(accessibilite), (p.GetValue(servies) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries),
                p.GetValue(guichet), demonstration: false, actif: !p.GetValue(inactif));
            if (!lieu.EstReussi) return await ErreurAsync(lieu.Motif!);
            await using var db = BaseCli.Ouvrir(p);
            await LogisDatabase.PreparerAsync(db, appliquerMigrations: false, ct);
            if (!await BaseCli.TerritoirePresentAsync(db, siren, Console.Error, ct)) return 2;
            var fait = await new LieuxAccueilService(db).EnregistrerAsync(lieu.Valeur, ct);
            if (!fait.EstReussi) return await ErreurAsync(fait.Motif!);
            Console.WriteLine($"Lieu d'accueil {lieu.Valeur.Code} enregistré : {lieu.Valeur.Nom}.");
            return 0;
        });

        var codeRetrait = new Option<string>("--code") { Description = "Code du lieu à retirer", Required = true };
        var retirer = new Command("retirer", "Retire un lieu d'accueil") { epci, codeRetrait };
        retirer.SetAction(async (p, ct) =>
        {
            if (!Siren.TryCreate(p.GetValue(epci), out var siren)) return await ErreurAsync($"--epci doit être un SIREN de 9 chiffres (reçu « {p.GetValue(epci)} »).");
            await using var db = BaseCli.Ouvrir(p);
            await LogisDatabase.PreparerAsync(db, appliquerMigrations: false, ct);
            var fait = await new LieuxAccueilService(db).RetirerAsync(siren, p.GetValue(codeRetrait)!, ct);
            if (!fait.EstReussi) return await ErreurAsync(fait.Motif!);
            Console.WriteLine($"Lieu d'accueil {p.GetValue(codeRetrait)!.Trim().ToUpperInvariant()} retiré.");
            return 0;
        });
        return new Command("lieux-accueil", "Lieux d'accueil et d'information des demandeurs (site public, « Où déposer ma demande »)") { lister, ajouter, retirer };
    }

    private static async Task<int> ErreurAsync(string message)
    {
        await Console.Error.WriteLineAsync(message);
        return 2;
    }
}
