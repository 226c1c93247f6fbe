using Logis.Domain.Commun;
using static Logis.Domain.Demandes.Demande;

namespace Logis.Domain.Demandes;

/// <summary>
/// The registration rules of a demand (CCH L441-2-1, R441-2-3): the deadline to register it and deliver the attestation,
/// the bound on the deposit date in the past, and what registration needs (the form and a copy of an identity piece or,
/// for a national of a country outside the EU/EEA/Switzerland, of a piece proving the regularity of the stay).
/// </summary>
public sealed class ReglesEnregistrement
{
    /// <summary>Longest reason accepted for a deposit date older than the bound.</summary>
    public const int LongueurMaximumMotif = 500;

    /// <summary>L441-2-1: the attestation is communicated « dans le délai maximal d'un mois à compter du dépôt ».</summary>
    public const int DelaiEnregistrementMois = 1;

    private ReglesEnregistrement(int anterioriteMaxMois, int joursAlerte)
    {
        AnterioriteMaxMois = anterioriteMaxMois;
        JoursAlerte = joursAlerte;
    }

    /// <summary>How many months a deposit date may lie before the day of registration without a recorded reason (setting).</summary>
    public int AnterioriteMaxMois { get; }

    /// <summary>How many days before the deadline an incomplete registration joins the alert list as « bientôt échue » (setting).</summary>
    public int JoursAlerte { get; }

    /// <summary>Team choice: one month, the legal registration delay itself — a deposit older than that was registered late and says why.</summary>
    public static ReglesEnregistrement Defaut { get; } = new(1, 7);

    public static Resultat<ReglesEnregistrement> Creer(int anterioriteMaxMois, int joursAlerte)
    {
        var erreurs = new List<string>();
        if (anterioriteMaxMois is < 0 or > 120) erreurs.Add($"l'antériorité maximale de la date de dépôt doit être comprise entre 0 et 120 mois ({anterioriteMaxMois})");
        if (joursAlerte is < 0 or > 31) erreurs.Add($"le préavis d'alerte doit être compris entre 0 et 31 jours ({joursAlerte})");
        return Resultat.SiAucuneErreur(erreurs, () => new ReglesEnregistrement(anterioriteMaxMois, joursAlerte));
    }

    /// <summary>The last day to register the demand and deliver its attestation: one month after the deposit (L441-2-1).</summary>
    public static DateOnly Echeance(DateOnly depot) => depot.AddMonths(DelaiEnregistrementMois);

    /// <summary>The earliest deposit date accepted without a reason on <paramref name="jour"/>.</summary>
    public DateOnly DepotLePlusAncienSansMotif(DateOnly jour) => jour.AddMonths(-AnterioriteMaxMois);

    /// <summary>
    /// Why this deposit date cannot be recorded on <paramref name="jour"/> with this reason, or null. A date in the future is always
    /// refused (Demande.Enregistrer); one older than the bound needs a reason, which goes into the timeline.
    /// </summary>
    public (string Champ, string Message)? RefusDateDepot(DateOnly depot, DateOnly jour, string? motif)
    {
        if (depot > jour) return (ChampDateDepot, $"La date de dépôt du {F(depot)} est postérieure au jour de l'enregistrement ({F(jour)}).");
        if (motif is { Length: > LongueurMaximumMotif }) return (ChampMotif, $"Le motif de la date de dépôt ne doit pas dépasser {LongueurMaximumMotif} caractères.");
        if (motif is not null && motif.Any(char.IsControl)) return (ChampMotif, "Le motif de la date de dépôt ne doit pas contenir de saut de ligne ni de caractère de contrôle.");
        if (depot < DepotLePlusAncienSansMotif(jour) && string.IsNullOrWhiteSpace(motif))
            return (ChampMotif, $"La date de dépôt du {F(depot)} est antérieure de plus {Mois(AnterioriteMaxMois)} au jour de l'enregistrement ({F(jour)}) : "
                + "indiquez le motif de cette date (par exemple un dossier papier reçu par courrier et saisi en retard) ; il sera inscrit dans la chronologie.");
        return null;
    }

    public const string ChampDateDepot = "dateDepot";
    public const string ChampMotif = "motifDateDepot";

    private static string Mois(int n) => n == 1 ? "d'un mois" : $"de {n} mois";
}

/// <summary>An item registration still lacks: a piece of the list (I-A) or a field of the form.</summary>
public sealed record ElementManquant(string Code, string Libelle, string Source);

/// <summary>Where the registration of a demand stands: complete or not, what it lacks, its legal deadline.</summary>
public sealed record CompletudeEnregistrement(bool EstComplete, IReadOnlyList<ElementManquant> Manquants, DateOnly Echeance, bool EcheanceDepassee, int JoursRestants)
{
    public string Statut => EstComplete ? "complet" : EcheanceDepassee ? "incomplet, délai d'un mois dépassé" : "incomplet";

    /// <summary>
    /// Evaluates the registration of a demand deposited on <paramref name="depot"/> whose available pieces have the type codes
    /// <paramref name="pieces"/>, on <paramref name="jour"/> (French civil date). R441-2-3: the filled form (its mandatory
    /// fields are checked at input) plus a copy of the applicant's identity piece, or for a national of a country outside the
    /// EU/EEA/Switzerland a piece proving the regularity of the stay; nothing else may be required to register.
    /// </summary>
    public static CompletudeEnregistrement Evaluer(ContenuDemande contenu, DateOnly depot, IReadOnlyCollection<string> pieces, DateOnly jour)
    {
        var manquants = new List<ElementManquant>();
        // A legal entity's demand (CCH L442-8-1): the identity piece of the representative who signs it (team choice: the
        // arrêté's list of pieces names none for a legal entity [M]); no nationality, which concerns a household.
        var nationalite = contenu.EstPersonneMorale ? Nationalite.Francaise : contenu.Demandeur.Nationalite;
        if (nationalite is null)
            manquants.Add(new("nationalite", "Nationalité du demandeur (elle dit quelle pièce l'enregistrement demande)", "CCH R441-2-3 ; Cerfa 14069, rubrique 2"));
        if (nationalite == Nationalite.HorsUnionEuropeenne)
        {
            if (!pieces.Contains(CodesPieces.TitreSejour))
                manquants.Add(new(CodesPieces.TitreSejour, "Copie d'une pièce attestant la régularité du séjour du demandeur (titre de séjour ou récépissé)", "CCH R441-2-3 ; arrêté du 22 décembre 2020, annexe, I-A"));
        }
        else if (!pieces.Contains(CodesPieces.Identite))
            manquants.Add(new(CodesPieces.Identite, "Copie d'une pièce d'identité du demandeur", "CCH R441-2-3 ; arrêté du 22 décembre 2020, annexe, I-A"));
        var echeance = ReglesEnregistrement.Echeance(depot);
        return new(manquants.Count == 0, manquants, echeance, manquants.Count > 0 && jour > echeance, echeance.DayNumber - jour.DayNumber);
    }
}

/// <summary>The codes of the registration pieces in data/reference/pieces-justificatives.csv (annex I-A).</summary>
public static class CodesPieces
{
    public const string Identite = "identite";
    public const string TitreSejour = "titre_sejour";
}
