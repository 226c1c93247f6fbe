using System.Globalization;
using Logis.Domain.Commun;
using Logis.Domain.Statistiques;
using Logis.Domain.Territoire;

namespace Logis.Domain.Mixite;

public readonly record struct OccupationLogementId(Guid Value)
{
    public override string ToString() => Value.ToString();
}

/// <summary>
/// The household's resources as a share of the PLUS ceilings, the bands of the OPS survey (docs/regles/08-occupation-du-parc.md §8.1, §8.4):
/// under 20 %, 20 to 40 %, 40 to 60 %, 60 to 100 %, above 100 %.
/// </summary>
public enum TrancheRessources
{
    Moins20 = 1,
    De20A40 = 2,
    De40A60 = 3,
    De60A100 = 4,
    Plus100 = 5,
}

public static class TranchesRessources
{
    /// <summary>The codes of the occupancy file: <c>&lt;20</c>, <c>20-40</c>, <c>40-60</c>, <c>60-100</c>, <c>&gt;100</c>.</summary>
    public static readonly IReadOnlyDictionary<string, TrancheRessources> Codes = new Dictionary<string, TrancheRessources>(StringComparer.Ordinal)
    {
        ["<20"] = TrancheRessources.Moins20, ["20-40"] = TrancheRessources.De20A40, ["40-60"] = TrancheRessources.De40A60,
        ["60-100"] = TrancheRessources.De60A100, [">100"] = TrancheRessources.Plus100,
    };

    public static string Code(this TrancheRessources t) => Codes.Single(x => x.Value == t).Key;
}

/// <summary>
/// One occupied dwelling as its landlord declares it (the OPS-like occupancy file, docs/occupation.md): the household's composition, its
/// resources against the PLUS ceilings, single parent, no employed adult, housing allowance, entry date — at the observation date. No name,
/// no NIR: the file describes households, not persons. One row per dwelling: a new file replaces the dwelling's previous row.
/// </summary>
public sealed class OccupationLogement
{
    private OccupationLogement() { }

    public OccupationLogementId Id { get; private set; }
    public Siren EpciSiren { get; private set; }
    public BailleurId BailleurId { get; private set; }
    public LogementId LogementId { get; private set; }
    public ResidenceId ResidenceId { get; private set; }
    public CodeInsee CommuneInsee { get; private set; }
    public string? QpvCode { get; private set; }
    public DateOnly DateObservation { get; private set; }
    public int Personnes { get; private set; }
    public int EnfantsMineurs { get; private set; }
    /// <summary>Null when the landlord does not know the household's resources (counted apart, never guessed).</summary>
    public TrancheRessources? Ressources { get; private set; }
    public bool Monoparentale { get; private set; }
    public bool SansAdulteEnEmploi { get; private set; }
    public bool AideLogement { get; private set; }
    public DateOnly DateEntree { get; private set; }

    /// <summary>A large family (docs/regles/08 §8.4): at least 3 children, or at least 6 persons.</summary>
    public bool FamilleNombreuse => EnfantsMineurs >= 3 || Personnes >= 6;

    public bool EnQpv => QpvCode is not null;

    public static OccupationLogement Creer(OccupationLogementId id, Siren epci, BailleurId bailleur, LogementId logement, ResidenceId residence, CodeInsee commune,
        string? qpv, MenageOccupant m) => new()
    {
        Id = id, EpciSiren = epci, BailleurId = bailleur, LogementId = logement, ResidenceId = residence, CommuneInsee = commune, QpvCode = qpv,
        DateObservation = m.DateObservation, Personnes = m.Personnes, EnfantsMineurs = m.EnfantsMineurs, Ressources = m.Ressources, Monoparentale = m.Monoparentale,
        SansAdulteEnEmploi = m.SansAdulteEnEmploi, AideLogement = m.AideLogement, DateEntree = m.DateEntree,
    };
}

/// <summary>The household of one line of the occupancy file, read and checked (<see cref="MenageOccupant.Lire"/>).</summary>
public sealed record MenageOccupant(DateOnly DateObservation, int Personnes, int EnfantsMineurs, TrancheRessources? Ressources, bool Monoparentale,
    bool SansAdulteEnEmploi, bool AideLogement, DateOnly DateEntree)
{
    public const int PersonnesMax = 20;

    /// <summary>
    /// Reads the household fields of one line (column → text) with French reasons keyed by column: the one reader of the file, the API and the
    /// CLI (docs/occupation.md). <paramref name="aujourdhui"/> bounds the dates (an observation is not in the future).
    /// </summary>
    public static Resultat<MenageOccupant> Lire(Func<string, string?> champ, DateOnly aujourdhui)
    {
        ArgumentNullException.ThrowIfNull(champ);
        var erreurs = new Dictionary<string, string[]>();
        DateOnly? Date(string col, bool obligatoire)
        {
            var s = champ(col)?.Trim();
            if (string.IsNullOrEmpty(s))
            {
                if (obligatoire) erreurs[col] = ["La date est obligatoire (AAAA-MM-JJ)."];
                return null;
            }
            if (DateOnly.TryParseExact(s, ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            erreurs[col] = [$"« {s} » n'est pas une date (AAAA-MM-JJ)."];
            return null;
        }
        int? Entier(string col, int min, int max, bool obligatoire)
        {
            var s = champ(col)?.Trim();
            if (string.IsNullOrEmpty(s))
            {
                if (obligatoire) erreurs[col] = ["Ce nombre est obligatoire."];
                return obligatoire ? null : 0;
            }
            if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
            erreurs[col] = [$"« {s} » n'est pas un nombre entier de {min} à {max}."];
            return null;
        }
        bool Booleen(string col)
        {
            var s = champ(col)?.Trim().ToLowerInvariant();
            switch (s)
            {
                case null or "" or "non": return false;
                case "oui": return true;
                default:
                    erreurs[col] = [$"« {champ(col)} » : écrire oui ou non."];
                    return false;
            }
        }

        var observation = Date(FormatOccupation.DateObservation, true);
        if (observation > aujourdhui) erreurs[FormatOccupation.DateObservation] = ["La date d'observation ne peut pas être dans le futur."];
        var personnes = Entier(FormatOccupation.Personnes, 1, PersonnesMax, true);
        var enfants = Entier(FormatOccupation.EnfantsMineurs, 0, PersonnesMax - 1, false);
        if (personnes is { } p && enfants is { } e && e >= p) erreurs[FormatOccupation.EnfantsMineurs] = ["Les enfants mineurs sont moins nombreux que les personnes du ménage (le titulaire du bail est majeur)."];
        TrancheRessources? tranche = null;
        var r = champ(FormatOccupation.Ressources)?.Trim();
        if (!string.IsNullOrEmpty(r))
        {
            if (TranchesRessources.Codes.TryGetValue(r.Replace(" ", "", StringComparison.Ordinal).Replace("%", "", StringComparison.Ordinal), out var t)) tranche = t;
            else erreurs[FormatOccupation.Ressources] = [$"« {r} » : tranche des ressources en % des plafonds PLUS, parmi <20, 20-40, 40-60, 60-100, >100 (vide si inconnue)."];
        }
        var monoparentale = Booleen(FormatOccupation.Monoparentale);
        if (monoparentale && enfants is 0) erreurs[FormatOccupation.Monoparentale] = ["Une famille monoparentale a au moins un enfant mineur."];
        var sansEmploi = Booleen(FormatOccupation.SansAdulteEnEmploi);
        var aide = Booleen(FormatOccupation.AideLogement);
        var entree = Date(FormatOccupation.DateEntree, true);
        if (entree is { } de && observation is { } dob && de > dob) erreurs[FormatOccupation.DateEntree] = ["L'entrée dans le logement précède la date d'observation."];
        if (erreurs.Count > 0) return Resultat.Invalide<MenageOccupant>("La ligne d'occupation comporte des erreurs.", erreurs);
        return Resultat.Ok(new MenageOccupant(observation!.Value, personnes!.Value, enfants!.Value, tranche, monoparentale, sansEmploi, aide, entree!.Value));
    }
}

/// <summary>The columns of the occupancy file (docs/occupation.md): one line per occupied dwelling.</summary>
public static class FormatOccupation
{
    public const string Rpls = "logement_rpls";
    public const string DateObservation = "date_observation";
    public const string Personnes = "personnes";
    public const string EnfantsMineurs = "enfants_mineurs";
    public const string Ressources = "ressources_plafonds";
    public const string Monoparentale = "monoparentale";
    public const string SansAdulteEnEmploi = "sans_adulte_en_emploi";
    public const string AideLogement = "aide_logement";
    public const string DateEntree = "date_entree";

    public static readonly IReadOnlyList<string> Colonnes = [Rpls, DateObservation, Personnes, EnfantsMineurs, Ressources, Monoparentale, SansAdulteEnEmploi, AideLogement, DateEntree];
    public static readonly IReadOnlyList<string> Obligatoires = [Rpls, DateObservation, Personnes, DateEntree];
}

/// <summary>
/// The occupancy profile of a group of dwellings (a résidence, a QPV, the EPCI): the households declared, the fragility shares (under 20 / 40 /
/// 60 % of the PLUS ceilings — cumulative —, single parents, large families, no employed adult, housing allowance), the turnover (leases signed
/// over the last twelve months ÷ dwellings) and the vacancy (dwellings vacant today ÷ dwellings). Every share is a <see cref="SecretStatistique.Taux"/>
/// (null on fewer than 5 households or when its numerator or complement is 1 to 4); the resource shares are computed on the households whose
/// band is known.
/// </summary>
public sealed record ProfilOccupation(int Logements, int? Menages, int? RessourcesConnues, decimal? Moins20, decimal? Moins40, decimal? Moins60,
    decimal? Monoparentales, decimal? FamillesNombreuses, decimal? SansAdulteEnEmploi, decimal? AideLogement, decimal? Rotation, decimal? Vacance)
{
    public static ProfilOccupation Calculer(IReadOnlyCollection<OccupationLogement> menages, int logements, int bauxDouzeMois, int vacants)
    {
        ArgumentNullException.ThrowIfNull(menages);
        var n = menages.Count;
        var connues = menages.Where(m => m.Ressources is not null).ToList();
        decimal? Part(Func<OccupationLogement, bool> p, IReadOnlyCollection<OccupationLogement> sur) => SecretStatistique.Taux(sur.Count(p), sur.Count);
        return new ProfilOccupation(logements, SecretStatistique.Compte(n), SecretStatistique.Compte(connues.Count),
            Part(m => m.Ressources <= TrancheRessources.Moins20, connues), Part(m => m.Ressources <= TrancheRessources.De20A40, connues),
            Part(m => m.Ressources <= TrancheRessources.De40A60, connues), Part(m => m.Monoparentale, menages), Part(m => m.FamilleNombreuse, menages),
            Part(m => m.SansAdulteEnEmploi, menages), Part(m => m.AideLogement, menages),
            logements >= SecretStatistique.Seuil ? SecretStatistique.Taux(Math.Min(bauxDouzeMois, logements), logements) : null,
            logements >= SecretStatistique.Seuil ? SecretStatistique.Taux(Math.Min(vacants, logements), logements) : null);
    }
}

/// <summary>
/// The criteria that suggest a « résidence à enjeu prioritaire de mixité sociale » (L441-1-6, 3° bis; the decree fixing official criteria was not
/// read — docs/regles/08 §8.4): a résidence is suggested when at least <see cref="IndicateursMinimum"/> of its fragility shares exceed the EPCI's
/// by at least <see cref="EcartPoints"/> points, on at least <see cref="MenagesMinimum"/> households. Data the EPCI sets (configuration
/// <c>Logis:Mixite:Enjeu</c>), team choice where the law is silent (docs/occupation.md).
/// </summary>
public sealed record CriteresEnjeu
{
    /// <summary>How many points above the EPCI's share an indicator must be (default 10).</summary>
    public decimal EcartPoints { get; init; } = 10m;

    /// <summary>How many indicators must exceed it (default 2).</summary>
    public int IndicateursMinimum { get; init; } = 2;

    /// <summary>The fewest households declared for a résidence to be examined (default 10).</summary>
    public int MenagesMinimum { get; init; } = 10;

    public static readonly CriteresEnjeu Defaut = new();

    /// <summary>The fragility indicators compared with the EPCI's average, with their names as pages and exports show them.</summary>
    public static readonly IReadOnlyList<(string Nom, Func<ProfilOccupation, decimal?> Part)> Indicateurs =
    [
        ("ménages sous 20 % des plafonds", p => p.Moins20),
        ("ménages sous 40 % des plafonds", p => p.Moins40),
        ("familles monoparentales", p => p.Monoparentales),
        ("familles nombreuses", p => p.FamillesNombreuses),
        ("ménages sans adulte en emploi", p => p.SansAdulteEnEmploi),
        ("bénéficiaires d'une aide au logement", p => p.AideLogement),
    ];

    /// <summary>The indicators of <paramref name="profil"/> that exceed the EPCI's by the criteria; empty when too few households.</summary>
    public IReadOnlyList<string> Depassements(ProfilOccupation profil, ProfilOccupation epci)
    {
        ArgumentNullException.ThrowIfNull(profil);
        ArgumentNullException.ThrowIfNull(epci);
        if (profil.Menages is not { } n || n < MenagesMinimum) return [];
        return [.. Indicateurs.Where(i => i.Part(profil) is { } x && i.Part(epci) is { } m && x - m >= EcartPoints).Select(i => i.Nom)];
    }

    public bool EstAEnjeu(ProfilOccupation profil, ProfilOccupation epci) => Depassements(profil, epci).Count >= IndicateursMinimum;
}
