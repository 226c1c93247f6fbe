using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;

namespace Logis.Domain.Information;

/// <summary>What a reception place does for a person who wants social housing (several at once).</summary>
[Flags]
public enum MissionsLieu
{
    Aucune = 0,
    /// <summary>Registers a demand (it is, or hosts, a registering service, CCH L441-2-1): its guichet code is given.</summary>
    Enregistrer = 1,
    /// <summary>Informs: how to apply, the rules, the state of the demand (the minimum mission of every reception place of the SIAD).</summary>
    Informer = 2,
    /// <summary>Accompanies a person who needs help to file or follow a demand (an appointment with a social worker or an adviser).</summary>
    Accompagner = 4,
}

/// <summary>The kind of reception place, as the public page groups them.</summary>
public enum TypeLieuAccueil
{
    /// <summary>A reception place of the shared information and reception service of the EPCI (SIAD, CCH L441-2-8).</summary>
    Siad = 1,
    Mairie = 2,
    /// <summary>Centre communal (or intercommunal) d'action sociale.</summary>
    Ccas = 3,
    Bailleur = 4,
    Reservataire = 5,
    Association = 6,
    /// <summary>Online: the national public portal.</summary>
    EnLigne = 7,
    Autre = 8,
}

/// <summary>
/// A reception place of a territory (lieu d'accueil): where a person can be informed, accompanied or register a demand for social housing
/// — its address, opening hours, telephone, accessibility, the communes it serves (empty: the whole territory) and, when it registers, the
/// code of the registering service it is (<see cref="GuichetEnregistreur"/>). Data of the territory, published on the public site and by
/// <c>GET /api/v1/lieux-accueil</c> (L441-2-6: the public is told where to apply; R441-2-10, 7°: the plan organises the SIAD and its
/// reception places). <see cref="Demonstration"/> marks the invented places of a demonstration territory.
/// </summary>
public sealed record LieuAccueil(
    Siren EpciSiren, string Code, string Nom, TypeLieuAccueil Type, MissionsLieu Missions, string Adresse, CodeInsee? CommuneInsee,
    string Horaires, string Telephone, string Accessibilite, IReadOnlyList<CodeInsee> CommunesServies, string? CodeGuichet, bool Demonstration, bool Actif)
{
    public const int LongueurCodeMax = 12;
    public const int LongueurNomMax = 200;
    public const int LongueurAdresseMax = 300;
    public const int LongueurHorairesMax = 300;
    public const int LongueurTelephoneMax = 30;
    public const int LongueurAccessibiliteMax = 500;

    /// <summary>True when the place serves the whole territory (no commune listed).</summary>
    public bool ToutLeTerritoire => CommunesServies.Count == 0;

    /// <summary>True when a person living in (or looking for a dwelling in) <paramref name="commune"/> may go there.</summary>
    public bool Sert(CodeInsee commune) => ToutLeTerritoire || CommunesServies.Contains(commune) || CommuneInsee == commune;

    /// <summary>Checks and normalises a reception place; a French reason for the first wrong field.</summary>
    public static Resultat<LieuAccueil> Creer(Siren epci, string? code, string? nom, TypeLieuAccueil type, MissionsLieu missions, string? adresse,
        string? communeInsee, string? horaires, string? telephone, string? accessibilite, IEnumerable<string>? communesServies, string? codeGuichet,
        bool demonstration = false, bool actif = true)
    {
        var c = code?.Trim().ToUpperInvariant() ?? "";
        if (c.Length is 0 or > LongueurCodeMax || !c.All(x => char.IsAsciiLetterOrDigit(x) || x == '-'))
            return Resultat.Invalide<LieuAccueil>($"Le code « {code} » est invalide : 1 à {LongueurCodeMax} lettres, chiffres ou tirets (par exemple L-TOULON).");
        var n = nom?.Trim() ?? "";
        if (n.Length is 0 or > LongueurNomMax) return Resultat.Invalide<LieuAccueil>($"Le nom du lieu est obligatoire ({LongueurNomMax} caractères au plus).");
        if (!Enum.IsDefined(type)) return Resultat.Invalide<LieuAccueil>("Le type de lieu est inconnu.");
        if (missions == MissionsLieu.Aucune || (missions & ~(MissionsLieu.Enregistrer | MissionsLieu.Informer | MissionsLieu.Accompagner)) != 0)
            return Resultat.Invalide<LieuAccueil>("Indiquez ce que fait le lieu : enregistrer, informer, accompagner (au moins une mission).");
        var a = adresse?.Trim() ?? "";
        if (a.Length is 0 or > LongueurAdresseMax) return Resultat.Invalide<LieuAccueil>($"L'adresse est obligatoire ({LongueurAdresseMax} caractères au plus).");
        CodeInsee? commune = null;
        if (!string.IsNullOrWhiteSpace(communeInsee))
        {
            if (!CodeInsee.TryCreate(communeInsee.Trim(), out var ci)) return Resultat.Invalide<LieuAccueil>($"« {communeInsee} » n'est pas un code INSEE de commune.");
            commune = ci;
        }
        else if (type != TypeLieuAccueil.EnLigne) return Resultat.Invalide<LieuAccueil>("Indiquez la commune où se trouve le lieu (code INSEE).");
        var h = horaires?.Trim() ?? "";
        if (h.Length is 0 or > LongueurHorairesMax) return Resultat.Invalide<LieuAccueil>($"Les horaires sont obligatoires ({LongueurHorairesMax} caractères au plus).");
        var t = telephone?.Trim() ?? "";
        if (t.Length > LongueurTelephoneMax || t.Any(x => !(char.IsAsciiDigit(x) || x is ' ' or '+' or '.' or '(' or ')')))
            return Resultat.Invalide<LieuAccueil>($"Le téléphone « {telephone} » est invalide : chiffres, espaces, points et + ({LongueurTelephoneMax} caractères au plus).");
        var acc = accessibilite?.Trim() ?? "";
        if (acc.Length is 0 or > LongueurAccessibiliteMax)
            return Resultat.Invalide<LieuAccueil>($"Décrivez l'accessibilité du lieu (accès en fauteuil, boucle magnétique, accueil en langue des signes…), {LongueurAccessibiliteMax} caractères au plus.");
        var servies = new List<CodeInsee>();
        foreach (var s in (communesServies ?? []).Select(x => x?.Trim() ?? "").Where(x => x.Length > 0))
        {
            if (!CodeInsee.TryCreate(s, out var cs)) return Resultat.Invalide<LieuAccueil>($"« {s} » n'est pas un code INSEE de commune servie.");
            if (!servies.Contains(cs)) servies.Add(cs);
        }
        var g = string.IsNullOrWhiteSpace(codeGuichet) ? null : codeGuichet.Trim().ToUpperInvariant();
        if (missions.HasFlag(MissionsLieu.Enregistrer) && g is null)
            return Resultat.Invalide<LieuAccueil>("Un lieu qui enregistre les demandes est un guichet enregistreur : indiquez son code (article L441-2-1 du code de la construction et de l'habitation).");
        if (!missions.HasFlag(MissionsLieu.Enregistrer) && g is not null)
            return Resultat.Invalide<LieuAccueil>("Seul un lieu qui enregistre les demandes porte un code de guichet enregistreur.");
        if (g is not null && !NumeroUnique.CodeGuichetValide(g)) return Resultat.Invalide<LieuAccueil>($"Le code de guichet « {codeGuichet} » est invalide : 5 chiffres ou lettres majuscules.");
        return Resultat.Ok(new LieuAccueil(epci, c, n, type, missions, a, commune, h, t, acc, servies, g, demonstration, actif));
    }

    public static string Libelle(TypeLieuAccueil type) => type switch
    {
        TypeLieuAccueil.Siad => "Service d'information et d'accueil des demandeurs",
        TypeLieuAccueil.Mairie => "Mairie",
        TypeLieuAccueil.Ccas => "Centre communal d'action sociale",
        TypeLieuAccueil.Bailleur => "Bailleur social",
        TypeLieuAccueil.Reservataire => "Réservataire",
        TypeLieuAccueil.Association => "Association",
        TypeLieuAccueil.EnLigne => "En ligne",
        TypeLieuAccueil.Autre => "Autre lieu d'accueil",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The missions in plain French, in a fixed order (« Enregistre votre demande », « Vous informe », « Vous accompagne »).</summary>
    public static IReadOnlyList<string> Libelles(MissionsLieu missions) =>
    [
        .. missions.HasFlag(MissionsLieu.Enregistrer) ? ["Enregistre votre demande"] : Array.Empty<string>(),
        .. missions.HasFlag(MissionsLieu.Informer) ? ["Vous informe"] : Array.Empty<string>(),
        .. missions.HasFlag(MissionsLieu.Accompagner) ? ["Vous accompagne dans vos démarches"] : Array.Empty<string>(),
    ];

    /// <summary>The missions as the API and the command line name them: enregistrer, informer, accompagner.</summary>
    public static IReadOnlyList<string> Codes(MissionsLieu missions) =>
    [
        .. missions.HasFlag(MissionsLieu.Enregistrer) ? ["enregistrer"] : Array.Empty<string>(),
        .. missions.HasFlag(MissionsLieu.Informer) ? ["informer"] : Array.Empty<string>(),
        .. missions.HasFlag(MissionsLieu.Accompagner) ? ["accompagner"] : Array.Empty<string>(),
    ];

    /// <summary>Reads missions named « enregistrer,informer,accompagner » (any order, any case); null when one is unknown.</summary>
    public static MissionsLieu? LireMissions(string? texte)
    {
        var m = MissionsLieu.Aucune;
        foreach (var x in (texte ?? "").Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var un = x.ToLowerInvariant() switch
            {
                "enregistrer" => MissionsLieu.Enregistrer,
                "informer" => MissionsLieu.Informer,
                "accompagner" => MissionsLieu.Accompagner,
                _ => (MissionsLieu?)null,
            };
            if (un is null) return null;
            m |= un.Value;
        }
        return m;
    }
}
