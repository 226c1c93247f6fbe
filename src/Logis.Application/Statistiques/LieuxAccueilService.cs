using System.Globalization;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Information;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Statistiques;

/// <summary>A commune of the territory, as the public pages and JSON name it.</summary>
public sealed record CommuneVue(string CodeInsee, string Nom);

/// <summary>
/// A reception place as the public site and <c>GET /api/v1/lieux-accueil</c> show it. <c>Type</c>: siad, mairie, ccas, bailleur,
/// reservataire, association, en_ligne, autre; <c>Missions</c>: enregistrer, informer, accompagner. <c>CodeGuichet</c>: the code of the
/// registering service when the place registers demands. <c>Demonstration</c>: an invented place of a demonstration territory.
/// </summary>
public sealed record LieuAccueilVue(
    string Code, string Nom, string Type, string TypeLibelle, IReadOnlyList<string> Missions, IReadOnlyList<string> MissionsLibelles, string Adresse,
    CommuneVue? Commune, string Horaires, string? Telephone, string Accessibilite, bool ToutLeTerritoire, IReadOnlyList<CommuneVue> CommunesServies,
    string? CodeGuichet, bool Demonstration);

/// <summary>
/// The reception places of a territory (<see cref="LieuAccueil"/>): listed for everyone, by commune served (the finder « Où déposer ma
/// demande » and <c>GET /api/v1/lieux-accueil?commune=</c>), managed by the operator (<c>logis lieux-accueil</c>). The active registering
/// services (<see cref="GuichetEnregistreur"/>) that no place names are listed too, as places that register and inform: a person sees every
/// place where a demand can be filed, the online portal included.
/// </summary>
public sealed class LieuxAccueilService(LogisDbContext db)
{
    private static readonly StringComparer Fr = StringComparer.Create(CultureInfo.GetCultureInfo("fr-FR"), false);

    public const string AccessibiliteNonRenseignee = "Non renseignée : renseignez-vous auprès du lieu avant de vous déplacer.";

    /// <summary>The communes of the territory, in alphabetical order.</summary>
    public async Task<IReadOnlyList<CommuneVue>> CommunesAsync(Siren epci, CancellationToken ct) =>
        [.. (await db.Communes.AsNoTracking().Where(c => c.EpciSiren == epci).Select(c => new { c.CodeInsee, c.Nom }).ToListAsync(ct))
            .OrderBy(c => c.Nom, Fr).Select(c => new CommuneVue(c.CodeInsee.Value, c.Nom))];

    /// <summary>Reads the <c>commune</c> of a public query: null for none; a French error keyed « commune » when it is not of the territory.</summary>
    public static Resultat<CommuneVue?> LireCommune(IReadOnlyList<CommuneVue> communes, string? commune)
    {
        if (string.IsNullOrWhiteSpace(commune)) return Resultat.Ok<CommuneVue?>(null);
        var code = commune.Trim();
        if (communes.FirstOrDefault(c => c.CodeInsee == code) is { } trouvee) return Resultat.Ok<CommuneVue?>(trouvee);
        var message = CodeInsee.TryCreate(code, out _)
            ? $"La commune {code} n'est pas une commune du territoire."
            : $"« {Tronquer(code)} » n'est pas un code INSEE de commune (5 caractères, par exemple 83137 pour Toulon).";
        return Resultat.Invalide<CommuneVue?>(message, new Dictionary<string, string[]>
        {
            ["commune"] = [$"{message} Les communes du territoire : {string.Join(", ", communes.Select(c => $"{c.CodeInsee} ({c.Nom})"))}."],
        });
    }

    internal static string Tronquer(string s) => s.Length <= 20 ? s : s[..20] + "…";

    /// <summary>The reception places of the territory that serve <paramref name="commune"/> (every place when null).</summary>
    public async Task<Resultat<IReadOnlyList<LieuAccueilVue>>> ListerAsync(Siren epci, string? commune, CancellationToken ct)
    {
        var communes = await CommunesAsync(epci, ct);
        var lue = LireCommune(communes, commune);
        if (!lue.EstReussi) return lue.Relayer<IReadOnlyList<LieuAccueilVue>>();
        var noms = communes.ToDictionary(c => c.CodeInsee, c => c, StringComparer.Ordinal);
        var lieux = await db.LieuxAccueil.AsNoTracking().Where(l => l.EpciSiren == epci && l.Actif).ToListAsync(ct);
        var guichets = await db.Guichets.AsNoTracking().Where(g => g.EpciSiren == epci && g.Actif).ToListAsync(ct);
        var actifs = guichets.Select(g => g.Code).ToHashSet(StringComparer.Ordinal);
        // A place whose registering service no longer registers keeps its other missions.
        var tous = lieux.Select(l => l.CodeGuichet is { } g && !actifs.Contains(g) ? l with { Missions = l.Missions & ~MissionsLieu.Enregistrer, CodeGuichet = null } : l)
            .Where(l => l.Missions != MissionsLieu.Aucune).ToList();
        var nommes = lieux.Select(l => l.CodeGuichet).OfType<string>().ToHashSet(StringComparer.Ordinal);
        tous.AddRange(guichets.Where(g => !nommes.Contains(g.Code)).Select(DepuisGuichet));
        var filtre = lue.Valeur is { } c ? CodeInsee.Create(c.CodeInsee) : (CodeInsee?)null;
        return Resultat.Ok<IReadOnlyList<LieuAccueilVue>>(
        [
            .. tous.Where(l => filtre is not { } f || l.Type == TypeLieuAccueil.EnLigne || l.Sert(f))
                .OrderBy(l => Ordre(l.Type)).ThenBy(l => l.Nom, Fr)
                .Select(l => Vue(l, noms)),
        ]);
    }

    /// <summary>Adds a reception place, or replaces the one with the same code: its communes are of the territory, its registering service is active.</summary>
    public async Task<Resultat> EnregistrerAsync(LieuAccueil lieu, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(lieu);
        var communes = (await CommunesAsync(lieu.EpciSiren, ct)).Select(c => c.CodeInsee).ToHashSet(StringComparer.Ordinal);
        var hors = lieu.CommunesServies.Select(c => (string?)c.Value).Append(lieu.CommuneInsee?.Value).OfType<string>().Where(c => !communes.Contains(c)).ToList();
        if (hors.Count > 0)
            return Resultat.Echec(Echec.Invalide($"Commune(s) hors du territoire : {string.Join(", ", hors)}.",
                new Dictionary<string, string[]> { ["communes"] = ["Indiquez des communes de l'intercommunalité."] }));
        if (lieu.CodeGuichet is { } g && !await db.Guichets.AnyAsync(x => x.EpciSiren == lieu.EpciSiren && x.Code == g && x.Actif, ct))
            return Resultat.Echec(Echec.Invalide($"Aucun guichet enregistreur actif ne porte le code {g} sur ce territoire (voir « logis guichets lister »).",
                new Dictionary<string, string[]> { ["guichet"] = ["Code de guichet inconnu ou inactif."] }));
        var existant = await db.LieuxAccueil.SingleOrDefaultAsync(x => x.EpciSiren == lieu.EpciSiren && x.Code == lieu.Code, ct);
        if (existant is not null) db.LieuxAccueil.Remove(existant);
        await db.SaveChangesAsync(ct);
        db.LieuxAccueil.Add(lieu);
        await db.SaveChangesAsync(ct);
        return Resultat.Ok();
    }

    /// <summary>Removes a reception place of the territory.</summary>
    public async Task<Resultat> RetirerAsync(Siren epci, string code, CancellationToken ct)
    {
        var c = code.Trim().ToUpperInvariant();
        var existant = await db.LieuxAccueil.SingleOrDefaultAsync(x => x.EpciSiren == epci && x.Code == c, ct);
        if (existant is null) return Resultat.Echec(Echec.NonTrouve($"Aucun lieu d'accueil ne porte le code {c} sur ce territoire."));
        db.LieuxAccueil.Remove(existant);
        await db.SaveChangesAsync(ct);
        return Resultat.Ok();
    }

    private static LieuAccueil DepuisGuichet(GuichetEnregistreur g)
    {
        var type = g.TypeOrganisation switch
        {
            OrganisationGuichet.Epci => TypeLieuAccueil.Siad,
            OrganisationGuichet.Commune => TypeLieuAccueil.Mairie,
            OrganisationGuichet.Bailleur => TypeLieuAccueil.Bailleur,
            OrganisationGuichet.Reservataire => TypeLieuAccueil.Reservataire,
            _ => TypeLieuAccueil.EnLigne,
        };
        CodeInsee? commune = g.TypeOrganisation == OrganisationGuichet.Commune && CodeInsee.TryCreate(g.Organisation, out var ci) ? ci : null;
        return new LieuAccueil(g.EpciSiren, g.Code, g.Nom, type, MissionsLieu.Enregistrer | MissionsLieu.Informer,
            g.Adresse.Length > 0 ? g.Adresse : "Adresse non renseignée", commune, g.Horaires.Length > 0 ? g.Horaires : "Horaires non renseignés", "",
            type == TypeLieuAccueil.EnLigne ? "Site internet : accessible avec un lecteur d'écran ; aide par téléphone auprès du service national." : AccessibiliteNonRenseignee,
            commune is { } x ? [x] : [], g.Code, Demonstration: false, Actif: true);
    }

    private static int Ordre(TypeLieuAccueil t) => t switch
    {
        TypeLieuAccueil.Siad => 0,
        TypeLieuAccueil.Mairie => 1,
        TypeLieuAccueil.Ccas => 2,
        TypeLieuAccueil.Bailleur => 3,
        TypeLieuAccueil.Reservataire => 4,
        TypeLieuAccueil.Association => 5,
        TypeLieuAccueil.Autre => 6,
        _ => 7,
    };

    public static string CodeType(TypeLieuAccueil t) => t switch
    {
        TypeLieuAccueil.Siad => "siad",
        TypeLieuAccueil.Mairie => "mairie",
        TypeLieuAccueil.Ccas => "ccas",
        TypeLieuAccueil.Bailleur => "bailleur",
        TypeLieuAccueil.Reservataire => "reservataire",
        TypeLieuAccueil.Association => "association",
        TypeLieuAccueil.EnLigne => "en_ligne",
        _ => "autre",
    };

    private static LieuAccueilVue Vue(LieuAccueil l, Dictionary<string, CommuneVue> noms)
    {
        CommuneVue C(CodeInsee c) => noms.GetValueOrDefault(c.Value) ?? new CommuneVue(c.Value, c.Value);
        return new LieuAccueilVue(l.Code, l.Nom, CodeType(l.Type), LieuAccueil.Libelle(l.Type), LieuAccueil.Codes(l.Missions), LieuAccueil.Libelles(l.Missions),
            l.Adresse, l.CommuneInsee is { } ci ? C(ci) : null, l.Horaires, l.Telephone.Length > 0 ? l.Telephone : null, l.Accessibilite,
            l.ToutLeTerritoire, [.. l.CommunesServies.Select(C)], l.CodeGuichet, l.Demonstration);
    }
}
