using Logis.Domain.Demandes;
using Logis.Domain.Information;
using Logis.Domain.Territoire;
using Microsoft.EntityFrameworkCore;

namespace Logis.Persistence.Seed;

/// <summary>
/// The reception places of a demonstration territory (docs/information-publique.md §2), all marked <see cref="LieuAccueil.Demonstration"/>:
/// the shared reception service of the EPCI (registers, informs, accompanies: the SIAD, linked to the EPCI's registering service G0001), the
/// housing service of the town halls that register (G0030 to G0032, as <see cref="TerritoireSeeder.GuichetsDemo"/>) and the communal social
/// action centre (CCAS) of every commune (informs, accompanies). For the Toulon Provence Méditerranée metropolis the town halls' postal
/// addresses are those published by the communes (facts, to check before any real use); elsewhere « Hôtel de ville » and the commune.
/// No telephone number is invented. The registering services of the bailleurs, of Action Logement and the online portal are listed from
/// the guichets themselves.
/// </summary>
public static class LieuxAccueilDemo
{
    private static readonly Dictionary<string, string> AdressesTpm = new(StringComparer.Ordinal)
    {
        ["83137"] = "Hôtel de ville, avenue de la République, 83000 Toulon",
        ["83126"] = "Hôtel de ville, quai Saturnin Fabre, 83500 La Seyne-sur-Mer",
        ["83069"] = "Hôtel de ville, 12 avenue Joseph Clotis, 83400 Hyères",
        ["83129"] = "Hôtel de ville, 83140 Six-Fours-les-Plages",
        ["83062"] = "Hôtel de ville, 83130 La Garde",
        ["83144"] = "Hôtel de ville, 83160 La Valette-du-Var",
        ["83047"] = "Hôtel de ville, 83260 La Crau",
        ["83090"] = "Hôtel de ville, 83190 Ollioules",
        ["83098"] = "Hôtel de ville, 83220 Le Pradet",
        ["83034"] = "Hôtel de ville, 83320 Carqueiranne",
        ["83153"] = "Hôtel de ville, 83430 Saint-Mandrier-sur-Mer",
        ["83103"] = "Hôtel de ville, 83200 Le Revest-les-Eaux",
    };

    private static readonly string[] Accessibilites =
    [
        "Accès de plain-pied pour les personnes en fauteuil roulant ; boucle magnétique à l'accueil.",
        "Accès par une rampe et un ascenseur ; place de stationnement réservée devant l'entrée.",
        "Accès de plain-pied ; accueil possible en langue des signes française sur rendez-vous.",
    ];

    /// <summary>Adds the demo reception places of a territory that has none (idempotent).</summary>
    public static async Task SemerAsync(LogisDbContext db, Epci epci, IReadOnlyList<Commune> communes, CancellationToken ct)
    {
        if (await db.LieuxAccueil.AnyAsync(l => l.EpciSiren == epci.Siren, ct)) return;
        var guichets = await db.Guichets.AsNoTracking().Where(g => g.EpciSiren == epci.Siren && g.Actif).ToListAsync(ct);
        db.LieuxAccueil.AddRange(Lieux(epci, communes, guichets));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    public static List<LieuAccueil> Lieux(Epci epci, IReadOnlyList<Commune> communes, IReadOnlyList<GuichetEnregistreur> guichets)
    {
        var liste = new List<LieuAccueil>();
        var tpm = epci.Siren.Value == TerritoireSeeder.SirenTpm;
        string Adresse(Commune c) => tpm && AdressesTpm.TryGetValue(c.CodeInsee.Value, out var a) ? a : $"Hôtel de ville, {c.Nom}";
        var principale = communes.OrderByDescending(c => c.Population).ThenBy(c => c.CodeInsee.Value, StringComparer.Ordinal).FirstOrDefault();
        void L(string code, string nom, TypeLieuAccueil type, MissionsLieu missions, string adresse, CodeInsee? commune, string horaires,
            string accessibilite, IEnumerable<string> servies, string? guichet) =>
            liste.Add(LieuAccueil.Creer(epci.Siren, code, nom, type, missions, adresse, commune?.Value, horaires, "", accessibilite, servies, guichet,
                demonstration: true).Valeur);

        var siad = guichets.FirstOrDefault(g => g.TypeOrganisation == OrganisationGuichet.Epci);
        if (principale is not null)
            L("SIAD", $"Accueil logement de {epci.Nom} (service d'information et d'accueil des demandeurs)", TypeLieuAccueil.Siad,
                MissionsLieu.Informer | MissionsLieu.Accompagner | (siad is null ? 0 : MissionsLieu.Enregistrer),
                tpm ? "Hôtel de la Métropole, 107 boulevard Henri Fabre, 83000 Toulon" : $"Hôtel de l'intercommunalité, {principale.Nom}",
                principale.CodeInsee, "Du lundi au vendredi, de 8 h 30 à 12 h et de 13 h 30 à 17 h ; sur rendez-vous le jeudi après-midi",
                Accessibilites[0], [], siad?.Code);
        var i = 0;
        foreach (var c in communes.OrderBy(c => c.Nom, StringComparer.Ordinal))
        {
            var guichet = guichets.FirstOrDefault(g => g.TypeOrganisation == OrganisationGuichet.Commune && g.Organisation == c.CodeInsee.Value);
            if (guichet is not null)
                L($"MAIRIE-{c.CodeInsee.Value}", $"Mairie de {c.Nom} — service logement", TypeLieuAccueil.Mairie, MissionsLieu.Enregistrer | MissionsLieu.Informer,
                    Adresse(c), c.CodeInsee, guichet.Horaires, Accessibilites[i++ % Accessibilites.Length], [c.CodeInsee.Value], guichet.Code);
            L($"CCAS-{c.CodeInsee.Value}", $"Centre communal d'action sociale de {c.Nom}", TypeLieuAccueil.Ccas, MissionsLieu.Informer | MissionsLieu.Accompagner,
                Adresse(c), c.CodeInsee, "Du lundi au vendredi, de 8 h 30 à 12 h ; l'après-midi sur rendez-vous",
                Accessibilites[i++ % Accessibilites.Length], [c.CodeInsee.Value], null);
        }
        return liste;
    }
}
