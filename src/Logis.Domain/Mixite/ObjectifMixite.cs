using Logis.Domain.Commun;
using Logis.Domain.Territoire;

namespace Logis.Domain.Mixite;

public readonly record struct ObjectifMixiteId(Guid Value)
{
    public override string ToString() => Value.ToString();
}

/// <summary>The three quantified objectives of the CIA (CCH L441-1 23rd to 25th paragraphs, L441-1-6 1° and 2°, docs/regles/01-mixite-sociale.md §1.4).</summary>
public enum NatureObjectif
{
    /// <summary>At least 25 % of the leases signed outside QPV go to first-quartile applicants (or a local rate).</summary>
    PremierQuartileHorsQpv = 1,
    /// <summary>At least 50 % of the leases signed in QPV go to applicants of the other three quartiles (or a local rate).</summary>
    AutresQuartilesEnQpv = 2,
    /// <summary>At least 25 % of the leases go to DALO households or, failing them, to the priority households of L441-1.</summary>
    PrioritairesEtDalo = 3,
}

public static class NaturesObjectif
{
    public static readonly IReadOnlyList<NatureObjectif> Toutes = [NatureObjectif.PremierQuartileHorsQpv, NatureObjectif.AutresQuartilesEnQpv, NatureObjectif.PrioritairesEtDalo];

    /// <summary>The rate the law sets when the CIL has set no local one.</summary>
    public static decimal TauxLegal(this NatureObjectif n) => n switch
    {
        NatureObjectif.PremierQuartileHorsQpv => 25m,
        NatureObjectif.AutresQuartilesEnQpv => 50m,
        NatureObjectif.PrioritairesEtDalo => 25m,
        _ => throw new ArgumentOutOfRangeException(nameof(n)),
    };

    public static string Code(this NatureObjectif n) => n switch
    {
        NatureObjectif.PremierQuartileHorsQpv => "q1-hors-qpv",
        NatureObjectif.AutresQuartilesEnQpv => "hors-q1-en-qpv",
        NatureObjectif.PrioritairesEtDalo => "prioritaires",
        _ => throw new ArgumentOutOfRangeException(nameof(n)),
    };

    public static NatureObjectif? DeCode(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "q1-hors-qpv" => NatureObjectif.PremierQuartileHorsQpv,
        "hors-q1-en-qpv" => NatureObjectif.AutresQuartilesEnQpv,
        "prioritaires" => NatureObjectif.PrioritairesEtDalo,
        _ => null,
    };

    public static string Libelle(this NatureObjectif n) => n switch
    {
        NatureObjectif.PremierQuartileHorsQpv => "Baux hors QPV signés par des ménages du premier quartile ou relogés (renouvellement urbain, ORCOD)",
        NatureObjectif.AutresQuartilesEnQpv => "Baux en QPV signés par des ménages des autres quartiles",
        NatureObjectif.PrioritairesEtDalo => "Baux signés par des ménages DALO ou prioritaires",
        _ => throw new ArgumentOutOfRangeException(nameof(n)),
    };
}

/// <summary>
/// One quantified objective of the CIA for a year (L441-1-6 1° and 2°): its nature, the rate (the legal one or the local one the CIL set), and
/// its perimeter — a bailleur (the CIA sets one per bailleur), optionally narrowed to a commune and to a réservataire; without a bailleur it is
/// the objective of the whole EPCI. One objective per year × nature × perimeter (saving it again replaces its rate).
/// </summary>
public sealed class ObjectifMixite
{
    public const int LongueurSourceMax = 300;

    private ObjectifMixite() { }

    public ObjectifMixiteId Id { get; private set; }
    public Siren EpciSiren { get; private set; }
    public int Annee { get; private set; }
    public NatureObjectif Nature { get; private set; }
    public BailleurId? BailleurId { get; private set; }
    public CodeInsee? CommuneInsee { get; private set; }
    public ReservataireId? ReservataireId { get; private set; }
    /// <summary>The target share, in percent of the leases of the perimeter.</summary>
    public decimal Taux { get; private set; }
    /// <summary>Where it comes from (the CIA and its annex, a CIL deliberation), optional.</summary>
    public string? Source { get; private set; }
    public DateTimeOffset DefiniLe { get; private set; }

    public static Resultat<ObjectifMixite> Definir(ObjectifMixiteId id, Siren epci, int annee, NatureObjectif nature, BailleurId? bailleur, CodeInsee? commune,
        ReservataireId? reservataire, decimal taux, string? source, DateTimeOffset quand)
    {
        var erreurs = new Dictionary<string, string[]>();
        if (annee is < 2017 or > 2100) erreurs["annee"] = ["L'année de l'objectif est comprise entre 2017 (loi Égalité et citoyenneté) et 2100."];
        if (!Enum.IsDefined(nature)) erreurs["nature"] = ["Choisissez l'objectif : q1-hors-qpv, hors-q1-en-qpv ou prioritaires."];
        if (taux is <= 0 or > 100) erreurs["taux"] = ["Le taux visé est un pourcentage supérieur à 0 et d'au plus 100."];
        var texte = string.IsNullOrWhiteSpace(source) ? null : source.Trim();
        if (texte?.Length > LongueurSourceMax) erreurs["source"] = [$"La source compte au plus {LongueurSourceMax} caractères."];
        if (erreurs.Count > 0) return Resultat.Invalide<ObjectifMixite>("L'objectif de mixité comporte des erreurs.", erreurs);
        return Resultat.Ok(new ObjectifMixite
        {
            Id = id, EpciSiren = epci, Annee = annee, Nature = nature, BailleurId = bailleur, CommuneInsee = commune, ReservataireId = reservataire,
            Taux = decimal.Round(taux, 1, MidpointRounding.AwayFromZero), Source = texte, DefiniLe = quand,
        });
    }

    /// <summary>True when <paramref name="autre"/> has the same year, nature and perimeter.</summary>
    public bool MemePortee(ObjectifMixite autre)
    {
        ArgumentNullException.ThrowIfNull(autre);
        return EpciSiren == autre.EpciSiren && Annee == autre.Annee && Nature == autre.Nature && BailleurId == autre.BailleurId
            && CommuneInsee == autre.CommuneInsee && ReservataireId == autre.ReservataireId;
    }

    /// <summary>Replaces the rate and source (a corrected objective).</summary>
    public void Remplacer(ObjectifMixite autre)
    {
        ArgumentNullException.ThrowIfNull(autre);
        Taux = autre.Taux;
        Source = autre.Source;
        DefiniLe = autre.DefiniLe;
    }

    public PorteeObjectif Portee() => new(Nature, Taux, BailleurId, CommuneInsee, ReservataireId, Legal: false, Id);
}

/// <summary>An objective as the indicators measure it: a CIA objective, or the legal one when the CIA set none (<see cref="Legal"/>).</summary>
public sealed record PorteeObjectif(NatureObjectif Nature, decimal Taux, BailleurId? Bailleur, CodeInsee? Commune, ReservataireId? Reservataire, bool Legal,
    ObjectifMixiteId? Id = null);
