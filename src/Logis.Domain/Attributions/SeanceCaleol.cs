using Logis.Domain.Commun;
using Logis.Domain.Territoire;

namespace Logis.Domain.Attributions;

/// <summary>Identifier of a session of a landlord's CALEOL.</summary>
public readonly record struct SeanceCaleolId(Guid Value)
{
    public override string ToString() => Value.ToString();
}

/// <summary>How a session is held: members gathered, or remote ("dématérialisée", L441-2) with a deadline for the votes.</summary>
public enum ModaliteSeance
{
    Presentielle = 1,
    Dematerialisee = 2,
}

/// <summary>The quality a member sits in (CCH L441-2): deliberative members first, then consultative ones.</summary>
public enum QualiteMembre
{
    /// <summary>One of the six members designated by the landlord's board (the president is elected among them).</summary>
    DesigneParBailleur = 1,
    /// <summary>The one of the six designated members who represents the tenants.</summary>
    RepresentantLocataires = 2,
    /// <summary>The mayor of the commune of the dwelling, or a representative: deliberative for the dwellings of that commune, casting vote on a tie.</summary>
    Maire = 3,
    /// <summary>The préfet, or a representative.</summary>
    Prefet = 4,
    /// <summary>The president of the EPCI, or a representative.</summary>
    PresidentEpci = 5,
    /// <summary>Consultative: a representative of the bodies approved for social engineering (L365-3).</summary>
    Isft = 6,
    /// <summary>Consultative: a réservataire, for the dwellings of its contingent.</summary>
    Reservataire = 7,
}

/// <summary>One member of a session, in its quality. A mayor names the commune he sits for.</summary>
public sealed class MembreCaleol
{
    private MembreCaleol() { Nom = ""; }

    internal MembreCaleol(int rang, string nom, QualiteMembre qualite, bool president, CodeInsee? commune)
    {
        Rang = rang;
        Nom = nom;
        Qualite = qualite;
        President = president;
        CommuneInsee = commune;
    }

    /// <summary>Position in the list, from 1: the member's identifier in the session.</summary>
    public int Rang { get; private set; }
    public string Nom { get; private set; }
    public QualiteMembre Qualite { get; private set; }
    public bool President { get; private set; }
    public CodeInsee? CommuneInsee { get; private set; }

    public bool VoixDeliberative => Qualite is not (QualiteMembre.Isft or QualiteMembre.Reservataire);

    /// <summary>Votes on a dossier of <paramref name="commune"/>: the deliberative members, the mayor only for the dwellings of his commune.</summary>
    public bool VotePour(CodeInsee commune) => VoixDeliberative && (Qualite != QualiteMembre.Maire || CommuneInsee == commune);
}

/// <summary>A member as the landlord's agent writes it.</summary>
public sealed record SaisieMembre(string? Nom, QualiteMembre? Qualite, bool President, CodeInsee? Commune);

/// <summary>Whose session it is, when, how.</summary>
public sealed record SaisieSeance(DateOnly Date, ModaliteSeance Modalite, DateTimeOffset? ClotureVotes, IReadOnlyList<SaisieMembre> Membres);

/// <summary>
/// A session of a landlord's CALEOL (CCH L441-2): its date, in person or remote with a vote deadline, and its members with their quality.
/// The dossiers examined are <see cref="DossierCaleol"/>s, one per vacancy. The composition is checked when the session is created: at most six
/// members designated by the landlord (one of whom may represent the tenants), the president elected among them, at most one mayor per
/// commune, one préfet, one EPCI president, one ISFT representative; the réservataires sit with a consultative voice.
/// </summary>
public sealed class SeanceCaleol
{
    public const int LongueurNomMax = 120;
    public const int MembresDesignesMax = 6;

    private readonly List<MembreCaleol> _membres = [];

    private SeanceCaleol() { }

    public SeanceCaleolId Id { get; private set; }
    public Siren EpciSiren { get; private set; }
    public BailleurId BailleurId { get; private set; }
    public DateOnly Date { get; private set; }
    public ModaliteSeance Modalite { get; private set; }
    /// <summary>Remote session: votes are accepted until this instant.</summary>
    public DateTimeOffset? ClotureVotes { get; private set; }
    public DateTimeOffset CreeeLe { get; private set; }
    /// <summary>Closed: every dossier decided, the minutes final; nothing more is recorded.</summary>
    public DateTimeOffset? CloseLe { get; private set; }
    public int Version { get; private set; }

    public IReadOnlyList<MembreCaleol> Membres => _membres;

    public bool EstClose => CloseLe is not null;

    public MembreCaleol? President => _membres.FirstOrDefault(m => m.President);

    /// <summary>The errors of a session as written, by field (camelCase JSON path), empty when it may be created on <paramref name="aujourdhui"/>.</summary>
    public static Dictionary<string, string[]> Verifier(SaisieSeance saisie, DateOnly aujourdhui)
    {
        ArgumentNullException.ThrowIfNull(saisie);
        var erreurs = new Dictionary<string, string[]>();
        if (saisie.Date < aujourdhui.AddMonths(-3) || saisie.Date > aujourdhui.AddYears(1))
            erreurs["date"] = ["La date de la séance doit être comprise entre trois mois avant et un an après aujourd'hui."];
        if (saisie.Modalite == ModaliteSeance.Dematerialisee)
        {
            if (saisie.ClotureVotes is not { } c)
                erreurs["clotureVotes"] = ["Une séance dématérialisée fixe la date et l'heure de clôture des votes."];
            else if (HeureFrance.Jour(c) < saisie.Date || HeureFrance.Jour(c) > saisie.Date.AddDays(15))
                erreurs["clotureVotes"] = ["La clôture des votes tombe entre le jour de la séance et quinze jours après."];
        }
        else if (saisie.ClotureVotes is not null)
            erreurs["clotureVotes"] = ["Seule une séance dématérialisée a une clôture des votes : en séance, les votes sont recueillis sur place."];

        var membres = saisie.Membres;
        for (var i = 0; i < membres.Count; i++)
        {
            var m = membres[i];
            var nom = m.Nom?.Trim();
            if (string.IsNullOrEmpty(nom) || nom.Length > LongueurNomMax)
                erreurs[$"membres[{i}].nom"] = [$"Indiquez le nom du membre ({LongueurNomMax} caractères au plus)."];
            if (m.Qualite is not { } q || !Enum.IsDefined(q))
                erreurs[$"membres[{i}].qualite"] = ["Indiquez la qualité du membre : " + string.Join(", ", Enum.GetValues<QualiteMembre>().Select(x => x.Code())) + "."];
            else
            {
                if (m.President && q is not (QualiteMembre.DesigneParBailleur or QualiteMembre.RepresentantLocataires))
                    erreurs[$"membres[{i}].president"] = ["Le président est élu parmi les six membres désignés par le bailleur (article L441-2 du CCH)."];
                if (q == QualiteMembre.Maire && m.Commune is null)
                    erreurs[$"membres[{i}].commune"] = ["Le maire (ou son représentant) siège pour la commune du logement : indiquez son code INSEE."];
                if (q != QualiteMembre.Maire && m.Commune is not null)
                    erreurs[$"membres[{i}].commune"] = ["Seul le maire siège pour une commune."];
            }
        }
        var composition = new List<string>();
        if (membres.Count == 0) composition.Add("Indiquez les membres de la commission.");
        var designes = membres.Count(m => m.Qualite is QualiteMembre.DesigneParBailleur or QualiteMembre.RepresentantLocataires);
        if (designes > MembresDesignesMax) composition.Add($"Le bailleur désigne six membres au plus ({designes} indiqués).");
        if (membres.Count(m => m.Qualite == QualiteMembre.RepresentantLocataires) > 1) composition.Add("Un seul des membres désignés représente les locataires.");
        var presidents = membres.Count(m => m.President);
        if (membres.Count > 0 && presidents != 1) composition.Add("Désignez un président, et un seul, parmi les membres désignés par le bailleur.");
        foreach (var q in new[] { QualiteMembre.Prefet, QualiteMembre.PresidentEpci, QualiteMembre.Isft })
            if (membres.Count(m => m.Qualite == q) > 1) composition.Add($"Un seul membre siège en qualité de {q.Libelle()}.");
        if (membres.Where(m => m.Qualite == QualiteMembre.Maire && m.Commune is not null).GroupBy(m => m.Commune).Any(g => g.Count() > 1))
            composition.Add("Un seul maire (ou représentant) par commune.");
        if (composition.Count > 0) erreurs["membres"] = [.. composition];
        return erreurs;
    }

    public static Resultat<SeanceCaleol> Creer(SeanceCaleolId id, Siren epci, BailleurId bailleur, SaisieSeance saisie, DateTimeOffset quand)
    {
        ArgumentNullException.ThrowIfNull(saisie);
        var erreurs = Verifier(saisie, HeureFrance.Jour(quand));
        if (erreurs.Count > 0) return Resultat.Invalide<SeanceCaleol>("La séance de la commission comporte des erreurs.", erreurs);
        var s = new SeanceCaleol
        {
            Id = id, EpciSiren = epci, BailleurId = bailleur, Date = saisie.Date, Modalite = saisie.Modalite, ClotureVotes = saisie.ClotureVotes, CreeeLe = quand,
        };
        for (var i = 0; i < saisie.Membres.Count; i++)
        {
            var m = saisie.Membres[i];
            s._membres.Add(new MembreCaleol(i + 1, m.Nom!.Trim(), m.Qualite!.Value, m.President, m.Commune));
        }
        return Resultat.Ok(s);
    }

    /// <summary>Whether a vote may be recorded at <paramref name="quand"/>: in person, from the session's day; remote, until the deadline.</summary>
    public Resultat PeutVoter(DateTimeOffset quand)
    {
        if (EstClose) return Resultat.Echec("La séance est close : plus aucun vote n'est enregistré.");
        if (Modalite == ModaliteSeance.Dematerialisee)
            return quand <= ClotureVotes ? Resultat.Ok()
                : Resultat.Echec($"Les votes de cette séance dématérialisée sont clos depuis le {HeureFrance.EnFrance(ClotureVotes!.Value):dd/MM/yyyy à HH:mm}.");
        return HeureFrance.Jour(quand) >= Date ? Resultat.Ok() : Resultat.Echec($"La séance a lieu le {Date:dd/MM/yyyy} : les votes s'enregistrent à partir de ce jour.");
    }

    /// <summary>Whether a decision may be recorded at <paramref name="quand"/>: in person, from the session's day; remote, once the votes are closed or every voter voted.</summary>
    public Resultat PeutDecider(DateTimeOffset quand, bool tousOntVote)
    {
        if (EstClose) return Resultat.Echec("La séance est close : plus aucune décision n'est enregistrée.");
        if (HeureFrance.Jour(quand) < Date) return Resultat.Echec($"La séance a lieu le {Date:dd/MM/yyyy} : les décisions s'enregistrent à partir de ce jour.");
        if (Modalite == ModaliteSeance.Dematerialisee && quand <= ClotureVotes && !tousOntVote)
            return Resultat.Echec($"Les votes de cette séance dématérialisée restent ouverts jusqu'au {HeureFrance.EnFrance(ClotureVotes!.Value):dd/MM/yyyy à HH:mm} : la décision suit leur clôture, ou le vote de tous les membres.");
        return Resultat.Ok();
    }

    /// <summary>Closes the session once every dossier is decided: the minutes become final.</summary>
    public Resultat Clore(IReadOnlyCollection<DossierCaleol> dossiers, DateTimeOffset quand)
    {
        ArgumentNullException.ThrowIfNull(dossiers);
        if (EstClose) return Resultat.Echec("La séance est déjà close.");
        if (dossiers.Count == 0) return Resultat.Echec("Aucun dossier n'a été examiné : inscrivez au moins un logement avant de clore la séance.");
        if (dossiers.FirstOrDefault(d => !d.EstDecide) is { } ouvert)
            return Resultat.Echec($"Le dossier du logement {ouvert.NumeroRpls} attend encore des décisions : la séance se clôt quand tous les candidats ont leur décision.");
        if (HeureFrance.Jour(quand) < Date) return Resultat.Echec($"La séance a lieu le {Date:dd/MM/yyyy} : elle ne peut pas être close avant.");
        CloseLe = quand;
        Version++;
        return Resultat.Ok();
    }
}

public static class LibellesCaleol
{
    public static string Libelle(this QualiteMembre q) => q switch
    {
        QualiteMembre.DesigneParBailleur => "membre désigné par le bailleur",
        QualiteMembre.RepresentantLocataires => "membre désigné par le bailleur, représentant des locataires",
        QualiteMembre.Maire => "maire de la commune du logement ou son représentant",
        QualiteMembre.Prefet => "préfet ou son représentant",
        QualiteMembre.PresidentEpci => "président de l'intercommunalité ou son représentant",
        QualiteMembre.Isft => "représentant des organismes agréés d'ingénierie sociale (voix consultative)",
        QualiteMembre.Reservataire => "réservataire (voix consultative)",
        _ => throw new ArgumentOutOfRangeException(nameof(q)),
    };

    public static string Code(this QualiteMembre q) => q switch
    {
        QualiteMembre.DesigneParBailleur => "bailleur",
        QualiteMembre.RepresentantLocataires => "locataires",
        QualiteMembre.Maire => "maire",
        QualiteMembre.Prefet => "prefet",
        QualiteMembre.PresidentEpci => "epci",
        QualiteMembre.Isft => "isft",
        QualiteMembre.Reservataire => "reservataire",
        _ => throw new ArgumentOutOfRangeException(nameof(q)),
    };

    public static QualiteMembre? LireQualite(string? code) =>
        Enum.GetValues<QualiteMembre>().Cast<QualiteMembre?>().FirstOrDefault(q => string.Equals(q!.Value.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string Libelle(this ModaliteSeance m) => m switch
    {
        ModaliteSeance.Presentielle => "en séance",
        ModaliteSeance.Dematerialisee => "dématérialisée",
        _ => throw new ArgumentOutOfRangeException(nameof(m)),
    };

    public static string Code(this ModaliteSeance m) => m switch
    {
        ModaliteSeance.Presentielle => "presentielle",
        ModaliteSeance.Dematerialisee => "dematerialisee",
        _ => throw new ArgumentOutOfRangeException(nameof(m)),
    };

    public static ModaliteSeance? LireModalite(string? code) =>
        Enum.GetValues<ModaliteSeance>().Cast<ModaliteSeance?>().FirstOrDefault(q => string.Equals(q!.Value.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase));

    public static string Libelle(this ExceptionTroisCandidats e) => e switch
    {
        ExceptionTroisCandidats.CandidatsInsuffisants => "insuffisance du nombre de candidats",
        ExceptionTroisCandidats.DaloDesignePrefet => "candidat reconnu prioritaire DALO désigné par le préfet (article L441-2-3 II du CCH)",
        ExceptionTroisCandidats.PlaiAdapte => "logement PLAI adapté financé par la subvention de l'article D331-25-1 du CCH",
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    public static string Code(this ExceptionTroisCandidats e) => e switch
    {
        ExceptionTroisCandidats.CandidatsInsuffisants => "candidats-insuffisants",
        ExceptionTroisCandidats.DaloDesignePrefet => "dalo-prefet",
        ExceptionTroisCandidats.PlaiAdapte => "plai-adapte",
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };

    public static ExceptionTroisCandidats? LireException(string? code) =>
        Enum.GetValues<ExceptionTroisCandidats>().Cast<ExceptionTroisCandidats?>().FirstOrDefault(q => string.Equals(q!.Value.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase));
}
