using System.Globalization;
using Logis.Domain.Commun;
using Logis.Domain.Organisations;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;

namespace Logis.Domain.Attributions;

/// <summary>Identifier of a reservation convention (one bailleur × one réservataire).</summary>
public readonly record struct ConventionId(Guid Value)
{
    public override string ToString() => Value.ToString();
}

/// <summary>What a sub-target of a convention is about.</summary>
public enum NatureSousObjectif
{
    /// <summary>Dwellings of one typology (valeur: T1 … T6).</summary>
    Typologie = 1,
    /// <summary>Dwellings outside the priority neighbourhoods (QPV).</summary>
    HorsQpv = 2,
    /// <summary>Dwellings in a QPV.</summary>
    EnQpv = 3,
    /// <summary>Dwellings in one commune (valeur: INSEE code); not for a commune réservataire, whose convention covers its commune only.</summary>
    Commune = 4,
}

/// <summary>
/// An optional sub-target of a convention: at least <see cref="Part"/> % of the dwellings the réservataire receives should be of this
/// kind (a typology, outside or in QPV, a commune). It steers the suggestion; it never forbids an orientation.
/// </summary>
public sealed record SousObjectif(NatureSousObjectif Nature, string? Valeur, decimal Part)
{
    public bool Concerne(CodeInsee commune, Typologie typologie, bool enQpv) => Nature switch
    {
        NatureSousObjectif.Typologie => Typologies.TryParse(Valeur, out var t) && t == typologie,
        NatureSousObjectif.HorsQpv => !enQpv,
        NatureSousObjectif.EnQpv => enQpv,
        NatureSousObjectif.Commune => string.Equals(Valeur, commune.Value, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>The sub-target in words: « T3 », « hors QPV », « en QPV », « commune 83137 ».</summary>
    public string Libelle(Func<string, string>? nomCommune = null) => Nature switch
    {
        NatureSousObjectif.Typologie => Valeur ?? "",
        NatureSousObjectif.HorsQpv => "hors QPV",
        NatureSousObjectif.EnQpv => "en QPV",
        NatureSousObjectif.Commune => nomCommune?.Invoke(Valeur ?? "") ?? $"commune {Valeur}",
        _ => "",
    };

    /// <summary>The sub-target as the form and the command line write it: <c>T3:40</c>, <c>hors-qpv:30</c>, <c>qpv:20</c>, <c>83137:10</c>.</summary>
    public string Texte() => Nature switch
    {
        NatureSousObjectif.HorsQpv => "hors-qpv",
        NatureSousObjectif.EnQpv => "qpv",
        _ => Valeur ?? "",
    } + ":" + Part.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads <c>T3:40; hors-qpv:30; qpv:20; 83137:10</c> (separated by « ; » or new lines). Errors under the key <c>sousObjectifs</c>.
    /// </summary>
    public static (List<SousObjectif> Liste, List<string> Erreurs) LireTexte(string? texte)
    {
        var liste = new List<SousObjectif>();
        var erreurs = new List<string>();
        foreach (var brut in (texte ?? "").Split([';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parties = brut.Split(':', 2, StringSplitOptions.TrimEntries);
            if (parties.Length != 2 || !decimal.TryParse(parties[1].Replace(',', '.').TrimEnd('%').Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var part))
            {
                erreurs.Add($"« {brut} » n'est pas une cible : écrivez par exemple T3:40, hors-qpv:30, qpv:20 ou 83137:10 (code INSEE de la commune).");
                continue;
            }
            var cle = parties[0].ToLowerInvariant();
            if (cle is "hors-qpv" or "horsqpv" or "hors qpv") liste.Add(new(NatureSousObjectif.HorsQpv, null, part));
            else if (cle is "qpv" or "en-qpv" or "en qpv") liste.Add(new(NatureSousObjectif.EnQpv, null, part));
            else if (Typologies.TryParse(cle, out var t) && cle.StartsWith('t')) liste.Add(new(NatureSousObjectif.Typologie, t.ToString(), part));
            else if (CodeInsee.TryCreate(parties[0], out var c)) liste.Add(new(NatureSousObjectif.Commune, c.Value, part));
            else erreurs.Add($"« {parties[0]} » n'est ni une typologie (T1 à T6), ni hors-qpv, ni qpv, ni un code INSEE de commune.");
        }
        return (liste, erreurs);
    }
}

/// <summary>What a convention is saved with (the bailleur, the réservataire and the terms).</summary>
public sealed record TermesConvention(decimal Part, int DelaiPropositionJours, IReadOnlyList<SousObjectif> SousObjectifs);

/// <summary>
/// A reservation convention in flux (CCH R441-5, décret 2020-145): a réservataire's share of a bailleur's annual flux of vacancies, with
/// optional sub-targets and the delay the réservataire has to propose candidates. A commune's convention covers the dwellings in that
/// commune only (R441-5: the convention of a commune réservataire is made at its territory); the others cover the bailleur's whole
/// stock on the territory. The préfet's share is at most 30 % with at least 30 % of it outside QPV (R441-5-2), checked here.
/// </summary>
public sealed class ConventionReservation
{
    public const decimal PartMaximumPrefet = 30m;
    public const decimal PartMinimumHorsQpvPrefet = 30m;
    public const int DelaiMaximumJours = 90;

    private List<SousObjectif> _sousObjectifs = [];

    private ConventionReservation() { }

    public ConventionId Id { get; private set; }
    public Siren EpciSiren { get; private set; }
    public BailleurId BailleurId { get; private set; }
    public ReservataireId ReservataireId { get; private set; }
    public TypeReservataire TypeReservataire { get; private set; }
    /// <summary>For a commune réservataire: the commune its convention covers; null: the whole territory.</summary>
    public CodeInsee? CommuneCouverte { get; private set; }
    /// <summary>Share of the annual flux, in percent.</summary>
    public decimal Part { get; private set; }
    public int DelaiPropositionJours { get; private set; }
    public IReadOnlyList<SousObjectif> SousObjectifs => _sousObjectifs;
    public DateTimeOffset EnregistreeLe { get; private set; }

    /// <summary>Whether the convention covers a dwelling of this commune.</summary>
    public bool Couvre(CodeInsee commune) => CommuneCouverte is not { } c || c == commune;

    /// <summary>The errors of the terms for this réservataire, by field (camelCase), empty when they are lawful.</summary>
    public static Dictionary<string, string[]> Verifier(Reservataire reservataire, TermesConvention termes)
    {
        ArgumentNullException.ThrowIfNull(reservataire);
        ArgumentNullException.ThrowIfNull(termes);
        var erreurs = new Dictionary<string, string[]>();
        if (reservataire.Type == TypeReservataire.Bailleur)
            erreurs["reservataire"] = ["Le contingent propre du bailleur n'a pas de convention : il reçoit ce qui reste du flux après les conventions."];
        if (termes.Part is <= 0 or > 100)
            erreurs["part"] = ["La part du flux annuel est un pourcentage supérieur à 0 et d'au plus 100."];
        else if (reservataire.Type == TypeReservataire.Prefet && termes.Part > PartMaximumPrefet)
            erreurs["part"] = [$"La part du préfet est d'au plus {PartMaximumPrefet:0} % du flux annuel du bailleur (article R441-5-2 du CCH) : {termes.Part.ToString("0.##", CultureInfo.InvariantCulture)} % demandés."];
        if (termes.DelaiPropositionJours is < 1 or > DelaiMaximumJours)
            erreurs["delaiPropositionJours"] = [$"Le délai de proposition des candidats est un nombre de jours de 1 à {DelaiMaximumJours}."];
        var sous = new List<string>();
        foreach (var s in termes.SousObjectifs)
        {
            if (s.Part is <= 0 or > 100) sous.Add($"La cible « {s.Libelle()} » doit être un pourcentage supérieur à 0 et d'au plus 100.");
            if (s.Nature == NatureSousObjectif.Typologie && !Typologies.TryParse(s.Valeur, out _)) sous.Add($"« {s.Valeur} » n'est pas une typologie (T1 à T6).");
            if (s.Nature == NatureSousObjectif.Commune && reservataire.Type == TypeReservataire.Commune)
                sous.Add("La convention d'une commune ne couvre que cette commune : elle n'a pas de cible par commune.");
            if (s.Nature == NatureSousObjectif.Commune && !CodeInsee.TryCreate(s.Valeur, out _)) sous.Add($"« {s.Valeur} » n'est pas un code INSEE de commune.");
        }
        if (termes.SousObjectifs.GroupBy(s => (s.Nature, s.Valeur)).Any(g => g.Count() > 1)) sous.Add("Chaque cible n'apparaît qu'une fois.");
        if (Somme(termes, NatureSousObjectif.Typologie) > 100) sous.Add("Les cibles par typologie ne dépassent pas 100 % à elles toutes.");
        if (Somme(termes, NatureSousObjectif.HorsQpv) + Somme(termes, NatureSousObjectif.EnQpv) > 100) sous.Add("Les cibles en QPV et hors QPV ne dépassent pas 100 % à elles deux.");
        if (Somme(termes, NatureSousObjectif.Commune) > 100) sous.Add("Les cibles par commune ne dépassent pas 100 % à elles toutes.");
        if (reservataire.Type == TypeReservataire.Prefet && Somme(termes, NatureSousObjectif.HorsQpv) < PartMinimumHorsQpvPrefet)
            sous.Add($"Au moins {PartMinimumHorsQpvPrefet:0} % du flux du préfet est hors QPV (article R441-5-2 du CCH) : ajoutez la cible hors-qpv:{PartMinimumHorsQpvPrefet:0} (ou plus).");
        if (sous.Count > 0) erreurs["sousObjectifs"] = [.. sous];
        return erreurs;

        static decimal Somme(TermesConvention t, NatureSousObjectif n) => t.SousObjectifs.Where(s => s.Nature == n).Sum(s => s.Part);
    }

    /// <summary>
    /// The errors of the bailleur's conventions taken together once this one is saved: in every commune, the shares that apply there
    /// (the territory-wide ones and that commune's own) add up to at most 100 % of the flux. Empty when they fit.
    /// </summary>
    public static Dictionary<string, string[]> VerifierEnsemble(IReadOnlyCollection<ConventionReservation> autres, Reservataire reservataire, decimal part,
        IReadOnlyCollection<CodeInsee> communes, Func<CodeInsee, string> nomCommune)
    {
        ArgumentNullException.ThrowIfNull(autres);
        ArgumentNullException.ThrowIfNull(reservataire);
        ArgumentNullException.ThrowIfNull(nomCommune);
        var couverte = reservataire.Type == TypeReservataire.Commune ? reservataire.CommuneInsee : null;
        foreach (var c in communes)
        {
            var total = autres.Where(a => a.ReservataireId != reservataire.Id && a.Couvre(c)).Sum(a => a.Part) + (couverte is null || couverte == c ? part : 0);
            if (total > 100)
                return new Dictionary<string, string[]>
                {
                    ["part"] = [$"Avec cette part, les conventions du bailleur réserveraient {total.ToString("0.##", CultureInfo.InvariantCulture)} % du flux à {nomCommune(c)} : le total des parts ne dépasse pas 100 %."],
                };
        }
        return [];
    }

    public static Resultat<ConventionReservation> Creer(ConventionId id, Siren epci, BailleurId bailleur, Reservataire reservataire, TermesConvention termes, DateTimeOffset quand)
    {
        var erreurs = Verifier(reservataire, termes);
        if (erreurs.Count > 0) return Resultat.Invalide<ConventionReservation>("La convention de réservation comporte des erreurs.", erreurs);
        var c = new ConventionReservation
        {
            Id = id, EpciSiren = epci, BailleurId = bailleur, ReservataireId = reservataire.Id, TypeReservataire = reservataire.Type,
            CommuneCouverte = reservataire.Type == TypeReservataire.Commune ? reservataire.CommuneInsee : null,
        };
        c.Fixer(termes, quand);
        return Resultat.Ok(c);
    }

    /// <summary>New terms for an existing convention (checked by <see cref="Verifier"/> first).</summary>
    public Resultat Modifier(Reservataire reservataire, TermesConvention termes, DateTimeOffset quand)
    {
        var erreurs = Verifier(reservataire, termes);
        if (erreurs.Count > 0) return Resultat.Echec(Echec.Invalide("La convention de réservation comporte des erreurs.", erreurs));
        Fixer(termes, quand);
        return Resultat.Ok();
    }

    private void Fixer(TermesConvention termes, DateTimeOffset quand)
    {
        Part = termes.Part;
        DelaiPropositionJours = termes.DelaiPropositionJours;
        _sousObjectifs = [.. termes.SousObjectifs];
        EnregistreeLe = quand;
    }
}
