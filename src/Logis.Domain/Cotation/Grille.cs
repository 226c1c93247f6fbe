using Logis.Domain.Territoire;

namespace Logis.Domain.Cotation;

/// <summary>Which demands a grid scores (décret n° 2019-1378: a separate grid may score mutations).</summary>
public enum NatureGrille
{
    PrimoDemandeurs,
    Mutation,
}

/// <summary>
/// A cotation grid as adopted by the EPCI in its plan partenarial (L441-2-8, décret n° 2019-1378):
/// criteria, weighting, and the effect of refusing a suitable offer. Built only by
/// <see cref="ChargeurGrille"/>, which checks every rule, so a <see cref="Grille"/> is always valid.
/// </summary>
public sealed class Grille
{
    internal Grille(string id, string libelle, Siren territoire, string version, DateOnly dateEffet, NatureGrille nature,
        string? description, IReadOnlyList<Critere> criteres, IReadOnlyList<GroupeCriteres> groupes, int? plafondTotal,
        RegleRefus? refus)
    {
        Id = id;
        Libelle = libelle;
        Territoire = territoire;
        Version = version;
        DateEffet = dateEffet;
        Nature = nature;
        Description = description;
        Criteres = criteres;
        Groupes = groupes;
        PlafondTotal = plafondTotal;
        Refus = refus;
    }

    public string Id { get; }
    public string Libelle { get; }
    /// <summary>SIREN of the EPCI that adopted the grid.</summary>
    public Siren Territoire { get; }
    public string Version { get; }
    public DateOnly DateEffet { get; }
    public NatureGrille Nature { get; }
    public string? Description { get; }
    public IReadOnlyList<Critere> Criteres { get; }
    public IReadOnlyList<GroupeCriteres> Groupes { get; }
    public int? PlafondTotal { get; }
    /// <summary>
    /// Effect of refusing a suitable offer (R441-2-17: the system defines the cases where such a refusal has an effect,
    /// and that effect); null when the grid gives refusals no effect.
    /// </summary>
    public RegleRefus? Refus { get; }
}

/// <summary>
/// One criterion: when its <see cref="Condition"/> holds it gives <see cref="Points"/>, bounded by
/// <see cref="Plafond"/> (in absolute value). A <see cref="PreuveRequise"/> criterion counts only
/// when the proofs of the situations it reads were validated by an authorised agent.
/// </summary>
public sealed record Critere
{
    internal Critere(string id, string libelle, string explication, Condition? condition, Points points, int? plafond,
        string? groupe, bool preuveRequise, string? justification, int ligne)
    {
        Id = id;
        Libelle = libelle;
        Explication = explication;
        Condition = condition;
        Points = points;
        Plafond = plafond;
        Groupe = groupe;
        PreuveRequise = preuveRequise;
        Justification = justification;
        Ligne = ligne;
    }

    public string Id { get; }
    public string Libelle { get; }
    /// <summary>Plain-French template; <c>{nom_du_fait}</c> and <c>{points}</c> are replaced.</summary>
    public string Explication { get; }
    /// <summary>Null: the criterion always applies (e.g. points per month of seniority).</summary>
    public Condition? Condition { get; }
    public Points Points { get; }
    public int? Plafond { get; }
    public string? Groupe { get; }
    public bool PreuveRequise { get; }
    /// <summary>Why a territorial criterion is "un critère parmi d'autres" (CCH L441), required for those.</summary>
    public string? Justification { get; }
    /// <summary>Line of the criterion in the grid file.</summary>
    public int Ligne { get; }
}

/// <summary>How the members of a group combine.</summary>
public enum ModeGroupe
{
    /// <summary>Only the highest member counts (Paris: among close criteria of one heading, only one counts).</summary>
    Exclusif,
    /// <summary>Members add up.</summary>
    Cumul,
}

/// <summary>A heading of the grid: criteria and sub-groups combined by <see cref="Mode"/>, then capped.</summary>
public sealed record GroupeCriteres
{
    internal GroupeCriteres(string id, string libelle, ModeGroupe mode, int? plafond, string? parent, int ligne)
    {
        Id = id;
        Libelle = libelle;
        Mode = mode;
        Plafond = plafond;
        Parent = parent;
        Ligne = ligne;
    }

    public string Id { get; }
    public string Libelle { get; }
    public ModeGroupe Mode { get; }
    public int? Plafond { get; }
    /// <summary>Enclosing group, if any.</summary>
    public string? Parent { get; }
    public int Ligne { get; }
}

/// <summary>
/// Effect of refusing a suitable offer (R441-2-17, décret n° 2019-1378): points per refusal (zero or
/// negative), at most <see cref="Plafond"/> points withdrawn, and optionally seniority counted from
/// the last refusal.
/// </summary>
public sealed record RegleRefus
{
    internal RegleRefus(int pointsParRefus, int? plafond, bool ancienneteRemiseAZero, string explication)
    {
        PointsParRefus = pointsParRefus;
        Plafond = plafond;
        AncienneteRemiseAZero = ancienneteRemiseAZero;
        Explication = explication;
    }

    public int PointsParRefus { get; }
    public int? Plafond { get; }
    public bool AncienneteRemiseAZero { get; }
    public string Explication { get; }
}

/// <summary>How a criterion's points are computed once its condition holds.</summary>
public abstract record Points
{
    private protected Points() { }
}

/// <summary>A fixed number of points (may be negative outside exclusive groups).</summary>
public sealed record PointsFixes : Points
{
    internal PointsFixes(int valeur) => Valeur = valeur;
    public int Valeur { get; }
}

/// <summary>
/// <see cref="Points"/> per whole <see cref="Tranche"/> of the fact's value beyond <see cref="AuDelaDe"/>,
/// e.g. 1 point per 2 months of seniority. The criterion's cap is optional (Toulouse Métropole: one point per month, no cap).
/// </summary>
public sealed record PointsParUnite : Points
{
    internal PointsParUnite(string fait, int points, double tranche, double auDelaDe)
    {
        Fait = fait;
        ParTranche = points;
        Tranche = tranche;
        AuDelaDe = auDelaDe;
    }

    public string Fait { get; }
    public int ParTranche { get; }
    public double Tranche { get; }
    public double AuDelaDe { get; }
}

/// <summary>Points by bands of the fact's value; bands do not overlap; outside all bands: 0.</summary>
public sealed record PointsParPaliers : Points
{
    internal PointsParPaliers(string fait, IReadOnlyList<Palier> paliers)
    {
        Fait = fait;
        Paliers = paliers;
    }

    public string Fait { get; }
    public IReadOnlyList<Palier> Paliers { get; }
}

/// <summary>A band: values ≥ <see cref="AuMoins"/> and &lt; <see cref="MoinsDe"/> (each bound optional).</summary>
public sealed record Palier
{
    internal Palier(double? auMoins, double? moinsDe, int points)
    {
        AuMoins = auMoins;
        MoinsDe = moinsDe;
        Points = points;
    }

    public double? AuMoins { get; }
    public double? MoinsDe { get; }
    public int Points { get; }
}

/// <summary>A condition over facts.</summary>
public abstract record Condition
{
    private protected Condition() { }
}

public enum Operateur
{
    Egal,
    Different,
    Inferieur,
    InferieurOuEgal,
    Superieur,
    SuperieurOuEgal,
}

/// <summary>Fact compared with a value (enum facts: their code, resolved at loading).</summary>
public sealed record Comparaison : Condition
{
    internal Comparaison(string fait, Operateur operateur, double valeur)
    {
        Fait = fait;
        Operateur = operateur;
        Valeur = valeur;
    }

    public string Fait { get; }
    public Operateur Operateur { get; }
    public double Valeur { get; }
}

/// <summary>Fact between two bounds, both included.</summary>
public sealed record Entre : Condition
{
    internal Entre(string fait, double min, double max)
    {
        Fait = fait;
        Min = min;
        Max = max;
    }

    public string Fait { get; }
    public double Min { get; }
    public double Max { get; }
}

/// <summary>Fact equal to one of the values.</summary>
public sealed record Parmi : Condition
{
    internal Parmi(string fait, IReadOnlyList<double> valeurs)
    {
        Fait = fait;
        Valeurs = valeurs;
    }

    public string Fait { get; }
    public IReadOnlyList<double> Valeurs { get; }
}

/// <summary>Boolean fact true, or justifiable situation declared (validated under <c>preuveRequise</c>).</summary>
public sealed record FaitVrai : Condition
{
    internal FaitVrai(string fait) => Fait = fait;
    public string Fait { get; }
}

public sealed record Et : Condition
{
    internal Et(IReadOnlyList<Condition> termes) => Termes = termes;
    public IReadOnlyList<Condition> Termes { get; }
}

public sealed record Ou : Condition
{
    internal Ou(IReadOnlyList<Condition> termes) => Termes = termes;
    public IReadOnlyList<Condition> Termes { get; }
}

public sealed record Non : Condition
{
    internal Non(Condition terme) => Terme = terme;
    public Condition Terme { get; }
}
