using System.Globalization;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;

namespace Logis.Domain.Attributions;

/// <summary>Identifier of a written offer of a dwelling to an applicant.</summary>
public readonly record struct OffreId(Guid Value)
{
    public override string ToString() => Value.ToString();
}

/// <summary>Where an offer stands.</summary>
public enum StatutOffre
{
    /// <summary>Sent; the applicant has until <see cref="Offre.Echeance"/> (inclusive) to answer.</summary>
    EnAttente = 1,
    /// <summary>Accepted: the landlord records the lease signature next.</summary>
    Acceptee = 2,
    /// <summary>Refused by the applicant, with a structured reason.</summary>
    Refusee = 3,
    /// <summary>No answer by the deadline: counts as a refusal (CCH R441-10).</summary>
    SansReponse = 4,
    /// <summary>Accepted, and the lease was signed.</summary>
    BailSigne = 5,
}

public static class LibellesOffre
{
    public static string Libelle(this StatutOffre s) => s switch
    {
        StatutOffre.EnAttente => "en attente de réponse",
        StatutOffre.Acceptee => "acceptée",
        StatutOffre.Refusee => "refusée",
        StatutOffre.SansReponse => "sans réponse dans le délai (vaut refus)",
        StatutOffre.BailSigne => "bail signé",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    public static string Code(this StatutOffre s) => s switch
    {
        StatutOffre.EnAttente => "en-attente",
        StatutOffre.Acceptee => "acceptee",
        StatutOffre.Refusee => "refusee",
        StatutOffre.SansReponse => "sans-reponse",
        StatutOffre.BailSigne => "bail-signe",
        _ => throw new ArgumentOutOfRangeException(nameof(s)),
    };

    public static StatutOffre? LireStatut(string? code) =>
        Enum.GetValues<StatutOffre>().Cast<StatutOffre?>().FirstOrDefault(s => string.Equals(s!.Value.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The codes of the refusal reasons an applicant may give (the absence of answer is recorded by the daily run, not chosen).</summary>
    public static string Code(this MotifRefus m) => m switch
    {
        MotifRefus.TypologieOuSurface => "typologie-surface",
        MotifRefus.Localisation => "localisation",
        MotifRefus.LoyerOuCharges => "loyer-charges",
        MotifRefus.EtageOuAccessibilite => "etage-accessibilite",
        MotifRefus.EtatDuLogement => "etat-logement",
        MotifRefus.Environnement => "environnement",
        MotifRefus.SituationChangee => "situation-changee",
        MotifRefus.AbsenceDeReponse => "absence-reponse",
        MotifRefus.Autre => "autre",
        _ => throw new ArgumentOutOfRangeException(nameof(m)),
    };

    /// <summary>The reasons an applicant may give for a refusal, in the order the form lists them.</summary>
    public static IReadOnlyList<MotifRefus> MotifsDuDemandeur { get; } = [.. Enum.GetValues<MotifRefus>().Where(m => m != MotifRefus.AbsenceDeReponse)];

    public static MotifRefus? LireMotif(string? code) =>
        MotifsDuDemandeur.Cast<MotifRefus?>().FirstOrDefault(m => string.Equals(m!.Value.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The response period of a written offer (CCH R441-10 [V]: the offer states the period given to answer, at least ten days; no answer within it
/// is a refusal). The days run from the day after the offer and the period ends at the end of its last day; a period ending on a Saturday, a Sunday
/// or a public holiday runs to the next working day (code de procédure civile, articles 641 and 642, as the Union sociale pour l'habitat reads
/// R441-10 [S]). <see cref="DelaiJours"/> is the territory's default, configurable, never under the legal minimum.
/// </summary>
public sealed record DelaiReponseOffre
{
    public const int MinimumLegalJours = 10;
    public const int MaximumJours = 60;

    private DelaiReponseOffre(int jours) => DelaiJours = jours;

    public int DelaiJours { get; }

    public static DelaiReponseOffre Defaut { get; } = new(MinimumLegalJours);

    public static Resultat<DelaiReponseOffre> Creer(int jours) => jours is < MinimumLegalJours or > MaximumJours
        ? Resultat.Echec<DelaiReponseOffre>($"Le délai de réponse à une offre compte entre {MinimumLegalJours} (article R441-10 du CCH) et {MaximumJours} jours ({jours}).")
        : Resultat.Ok(new DelaiReponseOffre(jours));

    /// <summary>The last day to answer an offer made on <paramref name="jourOffre"/> with a period of <paramref name="jours"/> days.</summary>
    public static DateOnly Echeance(DateOnly jourOffre, int jours)
    {
        var fin = jourOffre.AddDays(jours);
        while (!JoursFeries.EstOuvrable(fin)) fin = fin.AddDays(1);
        return fin;
    }

    /// <summary>The earliest deadline an offer made on <paramref name="jourOffre"/> may set (ten days, to the next working day).</summary>
    public static DateOnly EcheanceMinimale(DateOnly jourOffre) => Echeance(jourOffre, MinimumLegalJours);

    /// <summary>The deadline of this default period.</summary>
    public DateOnly EcheanceParDefaut(DateOnly jourOffre) => Echeance(jourOffre, DelaiJours);
}

/// <summary>The French public holidays (Code du travail L3133-1 [S]): the fixed days, Easter Monday, Ascension and Whit Monday.</summary>
public static class JoursFeries
{
    public static bool EstOuvrable(DateOnly jour) => jour.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !EstFerie(jour);

    public static bool EstFerie(DateOnly jour)
    {
        if ((jour.Month, jour.Day) is (1, 1) or (5, 1) or (5, 8) or (7, 14) or (8, 15) or (11, 1) or (11, 11) or (12, 25)) return true;
        var paques = Paques(jour.Year);
        return jour == paques.AddDays(1) || jour == paques.AddDays(39) || jour == paques.AddDays(50);
    }

    /// <summary>Easter Sunday of the Gregorian calendar (anonymous Gregorian algorithm, Meeus/Jones/Butcher).</summary>
    public static DateOnly Paques(int annee)
    {
        var a = annee % 19;
        var b = annee / 100;
        var c = annee % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var mois = (h + l - (7 * m) + 114) / 31;
        var jour = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(annee, mois, jour);
    }
}

/// <summary>
/// A written offer of a vacant dwelling to an applicant whose demand received a positive CALEOL decision for it (R441-3 a–c): made by an agent of
/// the landlord, with its response period (R441-10) and the agent's qualification of the dwelling as adapted, or not, to the household's needs and
/// capacities (R441-2-17). The applicant accepts, refuses with a reason, or does not answer (a refusal). The demand's timeline records each step
/// (<see cref="Demande.NoterOffre"/>, <see cref="Demande.NoterRefus"/>); this row keeps the offer's state so that a vacancy, a demand and the
/// landlord's board know what is pending. A vacancy has at most one pending offer, a demand too (unique indexes, <see cref="Version"/>).
/// </summary>
public sealed class Offre
{
    public const int LongueurCommentaireMax = 300;

    private Offre() { NumeroDemande = ""; NumeroRpls = ""; }

    public OffreId Id { get; private set; }
    public Siren EpciSiren { get; private set; }
    public VacanceId VacanceId { get; private set; }
    public LogementId LogementId { get; private set; }
    public string NumeroRpls { get; private set; }
    public BailleurId BailleurId { get; private set; }
    public DemandeId DemandeId { get; private set; }
    /// <summary>The demand's national number, as the offer was made (for the board and the letters).</summary>
    public string NumeroDemande { get; private set; }
    /// <summary>The CALEOL decision the offer follows, and its rank for an attribution by order of priority.</summary>
    public DecisionCaleol Decision { get; private set; }
    public int? RangCaleol { get; private set; }
    /// <summary>The agent's qualification: adapted to the household's needs and capacities (R441-2-17).</summary>
    public bool Adaptee { get; private set; }
    public DateTimeOffset FaiteLe { get; private set; }
    public AuteurId FaitePar { get; private set; }
    /// <summary>Last French civil day to answer (inclusive).</summary>
    public DateOnly Echeance { get; private set; }
    public StatutOffre Statut { get; private set; }
    public DateTimeOffset? RepondueLe { get; private set; }
    public MotifRefus? MotifRefus { get; private set; }
    /// <summary>Optimistic concurrency: an answer and the daily no-answer run cannot both succeed.</summary>
    public int Version { get; private set; }

    /// <summary>The demand was deleted at the end of its retention: the offer stays in the landlord's record but names it no more (see
    /// <see cref="Attribution.OublierDemande"/>).</summary>
    public void OublierDemande()
    {
        NumeroDemande = Demandes.Demande.NumeroSupprime;
        DemandeId = new DemandeId(Id.Value);
    }

    public bool EstEnAttente => Statut == StatutOffre.EnAttente;

    /// <summary>A refusal, said or by silence: the next ranked candidate may be offered the dwelling.</summary>
    public bool VautRefus => Statut is StatutOffre.Refusee or StatutOffre.SansReponse;

    /// <summary>
    /// Makes the offer. <paramref name="echeance"/> is the last day to answer: at least <see cref="DelaiReponseOffre.EcheanceMinimale"/> of the
    /// offer's day (R441-10), at most <see cref="DelaiReponseOffre.MaximumJours"/> days after it.
    /// </summary>
    public static Resultat<Offre> Faire(OffreId id, Vacance vacance, DemandeId demande, string numeroDemande, DecisionCandidat decision, bool adaptee,
        DateOnly echeance, DateTimeOffset quand, Acteur par)
    {
        ArgumentNullException.ThrowIfNull(vacance);
        ArgumentNullException.ThrowIfNull(decision);
        var jour = HeureFrance.Jour(quand);
        var minimum = DelaiReponseOffre.EcheanceMinimale(jour);
        if (echeance < minimum)
            return Invalide<Offre>("echeance", $"Le délai de réponse compte au moins {DelaiReponseOffre.MinimumLegalJours} jours (article R441-10 du CCH) : la date limite de réponse est au plus tôt le {F(minimum)}.");
        if (echeance > jour.AddDays(DelaiReponseOffre.MaximumJours))
            return Invalide<Offre>("echeance", $"La date limite de réponse est au plus tard le {F(jour.AddDays(DelaiReponseOffre.MaximumJours))} ({DelaiReponseOffre.MaximumJours} jours).");
        return Resultat.Ok(new Offre
        {
            Id = id, EpciSiren = vacance.EpciSiren, VacanceId = vacance.Id, LogementId = vacance.LogementId, NumeroRpls = vacance.NumeroRpls,
            BailleurId = vacance.BailleurId, DemandeId = demande, NumeroDemande = numeroDemande, Decision = decision.Decision, RangCaleol = decision.Rang,
            Adaptee = adaptee, FaiteLe = quand, FaitePar = par.Id, Echeance = echeance, Statut = StatutOffre.EnAttente,
        });
    }

    /// <summary>The applicant accepts, on or before the deadline.</summary>
    public Resultat Accepter(DateTimeOffset quand)
    {
        if (EnAttente(quand) is { } refus) return refus;
        Statut = StatutOffre.Acceptee;
        RepondueLe = quand;
        Version++;
        return Resultat.Ok();
    }

    /// <summary>The applicant refuses, on or before the deadline, with one of the reasons of <see cref="LibellesOffre.MotifsDuDemandeur"/>.</summary>
    public Resultat Refuser(MotifRefus motif, DateTimeOffset quand)
    {
        if (motif == Demandes.MotifRefus.AbsenceDeReponse || !Enum.IsDefined(motif))
            return Invalide("motif", "Choisissez le motif du refus donné par le demandeur (l'absence de réponse est constatée à l'échéance).");
        if (EnAttente(quand) is { } refus) return refus;
        Statut = StatutOffre.Refusee;
        RepondueLe = quand;
        MotifRefus = motif;
        Version++;
        return Resultat.Ok();
    }

    /// <summary>No answer by the end of the deadline: recorded as a refusal « absence de réponse » (R441-10), from the day after it.</summary>
    public Resultat ConstaterSansReponse(DateTimeOffset quand)
    {
        if (Statut != StatutOffre.EnAttente) return Resultat.Echec($"L'offre est {Statut.Libelle()} : elle n'attend plus de réponse.");
        if (HeureFrance.Jour(quand) <= Echeance)
            return Resultat.Echec($"Le demandeur peut répondre jusqu'au {F(Echeance)} inclus : l'absence de réponse ne se constate qu'après.");
        Statut = StatutOffre.SansReponse;
        RepondueLe = quand;
        MotifRefus = Demandes.MotifRefus.AbsenceDeReponse;
        Version++;
        return Resultat.Ok();
    }

    /// <summary>The lease of the accepted offer is signed.</summary>
    public Resultat NoterBail()
    {
        if (Statut != StatutOffre.Acceptee)
            return Resultat.Echec($"L'offre est {Statut.Libelle()} : seul le bail d'une offre acceptée s'enregistre.");
        Statut = StatutOffre.BailSigne;
        Version++;
        return Resultat.Ok();
    }

    private Resultat? EnAttente(DateTimeOffset quand)
    {
        if (Statut != StatutOffre.EnAttente) return Resultat.Echec($"L'offre est {Statut.Libelle()} : la réponse est déjà enregistrée.");
        if (HeureFrance.Jour(quand) > Echeance)
            return Resultat.Echec($"Le délai de réponse a pris fin le {F(Echeance)} : l'absence de réponse vaut refus (article R441-10 du CCH).");
        return null;
    }

    private static Resultat<T> Invalide<T>(string champ, string motif) =>
        Resultat.Echec<T>(Echec.Invalide(motif, new Dictionary<string, string[]> { [champ] = [motif] }));

    private static Resultat Invalide(string champ, string motif) =>
        Resultat.Echec(Echec.Invalide(motif, new Dictionary<string, string[]> { [champ] = [motif] }));

    public static string F(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
