using System.Globalization;
using Logis.Domain.Commun;
using Logis.Domain.Relances;

namespace Logis.Domain.Demandes;

/// <summary>
/// A demand for social housing (CCH L441-2-1, R441-2-1 to R441-2-9): its registration number, the
/// household's declarations (<see cref="ContenuDemande"/>), priority situations, pending warnings,
/// validity and the timeline of every act. Each act is a method named after it; an illegal act returns
/// a failed <see cref="Resultat"/> with a French reason and changes nothing.
/// <para>
/// Civil dates (deposit, validity, radiation) are the calendar date of the instant given to each act,
/// in the offset of that instant: callers pass French local time.
/// </para>
/// </summary>
public sealed class Demande
{
    /// <summary>What stands in place of a demand's national number in the records kept after its deletion (attributions, offers, commission minutes).</summary>
    public const string NumeroSupprime = "supprimée";

    private readonly List<SituationPrioritaire> _situationsPrioritaires = [];
    private readonly List<Avertissement> _avertissements = [];
    private readonly List<EvenementDemande> _evenements = [];

    private Demande()
    {
        Numero = null!;
        Contenu = null!;
    }

    public DemandeId Id { get; private set; }

    /// <summary>Numéro unique national (R441-2-4 c), its legal identifier; kept by every update and renewal.</summary>
    public NumeroUnique Numero { get; private set; }

    /// <summary>
    /// The number Logis gave this demand before it carried the national number (its own format: département, year, sequence,
    /// check digit), kept so that it still finds the demand; null for the demands registered since.
    /// </summary>
    public string? AncienneReference { get; private set; }

    public CanalDepot Canal { get; private set; }

    public StatutDemande Statut { get; private set; }

    /// <summary>Date the demand was received: the seniority, kept by updates (R441-2-7) and merges of duplicates.</summary>
    public DateOnly DateDepot { get; private set; }

    /// <summary>Date of the last renewal, if any (R441-2-4 d).</summary>
    public DateOnly? DateDernierRenouvellement { get; private set; }

    /// <summary>Date the renewal notice was sent for the current validity period (R441-2-7).</summary>
    public DateOnly? RappelEnvoyeLe { get; private set; }

    /// <summary>
    /// The deadline the renewal notice set: the last day to renew. The end of validity when the notice went out in time,
    /// later when it was late (R441-2-7: the applicant always gets the full notice). Radiation e) only after it.
    /// </summary>
    public DateOnly? EcheanceRenouvellement { get; private set; }

    /// <summary>Date the renewal notice came back undelivered, if it did: the daily run then leaves the demand to an agent.</summary>
    public DateOnly? RappelNonDistribueLe { get; private set; }

    /// <summary>
    /// The applicant registered or renewed online at least once (R441-2-7 2°): the renewal notice then goes by e-mail.
    /// </summary>
    public bool ServiceEnLigneUtilise { get; private set; }

    /// <summary>The applicant who used the online service asked for the renewal notice by post as well (R441-2-7 3°).</summary>
    public bool AvisPostalDemande { get; private set; }

    /// <summary>Date a CALEOL pronounced the demand inadmissible (R441-3 e), which opens warning d).</summary>
    public DateOnly? IrrecevabiliteLe { get; private set; }

    public ContenuDemande Contenu { get; private set; }

    public MotifRadiation? MotifRadiation { get; private set; }

    public DateOnly? DateRadiation { get; private set; }

    /// <summary>For a demand radiated by merger: the demand it was merged into.</summary>
    public DemandeId? FusionneeDans { get; private set; }

    public IReadOnlyList<SituationPrioritaire> SituationsPrioritaires => _situationsPrioritaires;

    /// <summary>Warnings sent and not yet lifted (R441-2-8 c, d).</summary>
    public IReadOnlyList<Avertissement> Avertissements => _avertissements;

    /// <summary>The timeline, in the order the acts happened.</summary>
    public IReadOnlyList<EvenementDemande> Evenements => _evenements;

    public bool EstMutation => Contenu.EstMutation;

    /// <summary>Validity runs one year from the first registration or the last renewal (R441-2-7).</summary>
    public DateOnly DateDebutValidite => DateDernierRenouvellement ?? DateDepot;

    /// <summary>Last day of validity.</summary>
    public DateOnly DateFinValidite => FinValidite(DateDebutValidite);

    /// <summary>The last day of validity of a demand whose validity starts on <paramref name="debutValidite"/> (deposit or last renewal): one year.</summary>
    public static DateOnly FinValidite(DateOnly debutValidite) => debutValidite.AddYears(1).AddDays(-1);

    /// <summary>
    /// The last day to renew: the deadline the renewal notice set, or the end of validity when no notice was sent yet (the
    /// demand then cannot be radiated for non-renewal, and stays renewable).
    /// </summary>
    public DateOnly DateLimiteRenouvellement => EcheanceRenouvellement ?? DateFinValidite;

    /// <summary>True once the validity is over, the demand not being renewed (it stays active until it is radiated).</summary>
    public bool EstExpiree(DateOnly jour) => Statut == StatutDemande.Active && jour > DateFinValidite;

    /// <summary>
    /// Registers a demand at a guichet enregistreur (L441-2-1): it receives its number and its deposit
    /// date, which may precede the registration (paper form received earlier).
    /// </summary>
    /// <param name="motifDateDepot">Why the deposit date lies before the bound of <see cref="ReglesEnregistrement"/> (recorded in the timeline).</param>
    public static Resultat<Demande> Enregistrer(
        DemandeId id, NumeroUnique numero, ContenuDemande contenu, CanalDepot canal, DateOnly dateDepot, DateTimeOffset quand, Acteur par,
        string? motifDateDepot = null)
    {
        if (RefusEnregistrement(contenu, dateDepot, quand) is { } refus)
            return Resultat.Echec<Demande>(refus);

        var demande = new Demande
        {
            Id = id,
            Numero = numero,
            Contenu = contenu,
            Canal = canal,
            Statut = StatutDemande.Active,
            DateDepot = dateDepot,
            ServiceEnLigneUtilise = canal == CanalDepot.EnLigne,
        };
        var motif = string.IsNullOrWhiteSpace(motifDateDepot) ? "" : $" ; motif de la date de dépôt : « {motifDateDepot.Trim()} »";
        demande.Noter(TypeEvenementDemande.Enregistrement, quand, par,
            $"Demande enregistrée sous le numéro {numero}, déposée {canal.Libelle()} le {F(dateDepot)}{motif}");
        return Resultat.Ok(demande);
    }

    /// <summary>
    /// Why <see cref="Enregistrer"/> would refuse this content and deposit date at this instant, or null: the same checks,
    /// without building the demand (the file import checks every line before numbering any).
    /// </summary>
    public static string? RefusEnregistrement(ContenuDemande contenu, DateOnly dateDepot, DateTimeOffset quand)
    {
        if (dateDepot > Jour(quand)) return $"La date de dépôt du {F(dateDepot)} est postérieure au jour de l'enregistrement ({F(Jour(quand))}).";
        return ErreurNaissances(contenu, dateDepot);
    }

    /// <summary>Replaces the declarations; the number and the deposit date (seniority) are kept (R441-2-7).</summary>
    public Resultat MettreAJour(ContenuDemande contenu, DateTimeOffset quand, Acteur par)
    {
        if (Verifier(quand) is { EstReussi: false } refus) return refus;
        if (ErreurNaissances(contenu, Jour(quand)) is { } erreur) return Resultat.Echec(erreur);

        Contenu = contenu;
        Noter(TypeEvenementDemande.MiseAJour, quand, par, $"Demande mise à jour, date de dépôt du {F(DateDepot)} conservée");
        LeverAvertissementSansReponse(quand, par);
        return Resultat.Ok();
    }

    /// <summary>
    /// The applicant corrects their contact details (postal address, phone, e-mail) from the applicant space: applied at once, checked as on
    /// registration; the timeline says it with fixed wording (never the details themselves).
    /// </summary>
    public Resultat CorrigerCoordonnees(Coordonnees contact, DateTimeOffset quand, Acteur par)
    {
        if (Verifier(quand) is { EstReussi: false } refus) return refus;
        var contenu = Contenu.AvecCoordonnees(contact);
        if (!contenu.EstReussi) return Resultat.Echec(contenu.Motif!);
        Contenu = contenu.Valeur!;
        Noter(TypeEvenementDemande.CoordonneesCorrigees, quand, par, "Coordonnées corrigées par le demandeur (adresse, téléphone ou courriel)");
        return Resultat.Ok();
    }

    /// <summary>The applicant declared a change of situation, to be checked by an agent (the declaration itself is kept apart, never in the timeline).</summary>
    public Resultat NoterChangementDeclare(DateTimeOffset quand, Acteur par)
    {
        if (Verifier(quand) is { EstReussi: false } refus) return refus;
        Noter(TypeEvenementDemande.ChangementDeclare, quand, par, "Changement de situation déclaré par le demandeur, en attente d'examen par un agent");
        return Resultat.Ok();
    }

    /// <summary>An agent validated or rejected a declared change of situation (a validated change is entered by updating the demand).</summary>
    public Resultat NoterChangementTraite(bool valide, DateTimeOffset quand, Acteur par)
    {
        if (Verifier(quand) is { EstReussi: false } refus) return refus;
        Noter(TypeEvenementDemande.ChangementTraite, quand, par, valide
            ? "Changement de situation déclaré par le demandeur : pris en compte par un agent"
            : "Changement de situation déclaré par le demandeur : non retenu par un agent");
        return Resultat.Ok();
    }

    /// <summary>
    /// Renews the demand for one year from today (R441-2-7), from the opening of the local renewal window up to the
    /// deadline the renewal notice set (<see cref="DateLimiteRenouvellement"/>); after it the demand is radiated
    /// (R441-2-8 e). A demand that received no notice stays renewable. <paramref name="canal"/> says where the applicant
    /// renewed: online, it opens the e-mail channel of the next notices (R441-2-7 2°).
    /// </summary>
    public Resultat Renouveler(DateTimeOffset quand, Acteur par, FenetreRenouvellement fenetre, CanalDepot canal = CanalDepot.Guichet)
    {
        if (Verifier(quand) is { EstReussi: false } refus) return refus;
        var jour = Jour(quand);
        var ouverture = DateFinValidite.AddMonths(-fenetre.MoisAvantExpiration);
        if (jour < ouverture)
            return Resultat.Echec($"Le renouvellement n'est possible qu'à partir du {F(ouverture)} (fin de validité le {F(DateFinValidite)}).");
        if (RappelEnvoyeLe is not null && jour > DateLimiteRenouvellement)
            return Resultat.Echec($"Le délai de renouvellement fixé par l'avis du {F(RappelEnvoyeLe.Value)} a pris fin le {F(DateLimiteRenouvellement)} : la demande doit être radiée (R441-2-8 e).");

        DateDernierRenouvellement = jour;
        RappelEnvoyeLe = null;
        EcheanceRenouvellement = null;
        RappelNonDistribueLe = null;
        if (canal == CanalDepot.EnLigne) ServiceEnLigneUtilise = true;
        Noter(TypeEvenementDemande.Renouvellement, quand, par, $"Demande renouvelée {canal.Libelle()}, valable jusqu'au {F(DateFinValidite)}");
        LeverAvertissementSansReponse(quand, par);
        return Resultat.Ok();
    }

    /// <summary>
    /// True when the renewal notice is due on this date and was not yet sent for this validity period: from the day the
    /// delays say (<see cref="DelaisAvis.EnvoiAvis"/>), and still after it — a late notice is sent all the same, and sets a
    /// later deadline.
    /// </summary>
    public bool RappelDu(DateOnly jour, DelaisAvis delais) =>
        Statut == StatutDemande.Active && RappelEnvoyeLe is null && jour >= delais.EnvoiAvis(DateFinValidite);

    /// <summary>
    /// Records the renewal notice sent today on these channels, with the deadline it sets (R441-2-7): the end of validity
    /// when it is sent at least the legal notice before, later otherwise.
    /// </summary>
    public Resultat NoterRappelEnvoye(DateTimeOffset quand, Acteur par, DelaisAvis delais, IReadOnlyCollection<CanalMessage> canaux)
    {
        if (Verifier(quand) is { EstReussi: false } refus) return refus;
        var jour = Jour(quand);
        if (RappelEnvoyeLe is { } deja)
            return Resultat.Echec($"L'avis de renouvellement de cette période de validité a déjà été envoyé le {F(deja)}.");
        if (!RappelDu(jour, delais))
            return Resultat.Echec($"L'avis de renouvellement n'est dû qu'à partir du {F(delais.EnvoiAvis(DateFinValidite))} (fin de validité le {F(DateFinValidite)}).");
        if (canaux.Count == 0) return Resultat.Echec("L'avis de renouvellement part au moins par un canal (R441-2-7).");

        RappelEnvoyeLe = jour;
        EcheanceRenouvellement = delais.EcheanceAvis(DateFinValidite, jour);
        RappelNonDistribueLe = null;
        var retard = EcheanceRenouvellement > DateFinValidite
            ? $" ; avis tardif : délai de renouvellement reporté au {F(EcheanceRenouvellement.Value)}"
            : $" ; à renouveler au plus tard le {F(EcheanceRenouvellement.Value)}";
        Noter(TypeEvenementDemande.RappelRenouvellement, quand, par,
            $"Avis de renouvellement envoyé ({CanauxAvis.Libelle(canaux)}), fin de validité le {F(DateFinValidite)}{retard}");
        return Resultat.Ok();
    }

    /// <summary>
    /// Sends the warning that must precede a radiation for no reply (c) or inadmissibility (d), R441-2-8, by a means that
    /// proves delivery. A warning returned undelivered may be sent again; otherwise one per reason.
    /// </summary>
    public Resultat Avertir(MotifRadiation motif, MoyenAvertissement moyen, DateTimeOffset quand, Acteur par)
    {
        if (Verifier(quand) is { EstReussi: false } refus) return refus;
        if (motif is not (Demandes.MotifRadiation.AbsenceDeReponse or Demandes.MotifRadiation.Irrecevabilite))
            return Resultat.Echec($"La radiation pour {motif.Libelle()} ({motif.Reference()}) n'est pas précédée d'un avertissement.");
        if (!Enum.IsDefined(moyen)) return Resultat.Echec("Le moyen d'envoi de l'avertissement est inconnu.");
        if (_avertissements.FirstOrDefault(a => a.Motif == motif) is { NonDistribueLe: null } deja)
            return Resultat.Echec($"Un avertissement pour {motif.Libelle()} a déjà été envoyé le {F(deja.EnvoyeLe)}.");
        if (motif == Demandes.MotifRadiation.Irrecevabilite && IrrecevabiliteLe is null)
            return Resultat.Echec("Aucune CALEOL n'a prononcé l'irrecevabilité de la demande (R441-3 e).");

        _avertissements.RemoveAll(a => a.Motif == motif);
        _avertissements.Add(new Avertissement(motif, moyen, Jour(quand)));
        Noter(TypeEvenementDemande.Avertissement, quand, par,
            $"Avertissement avant radiation pour {motif.Libelle()} ({motif.Reference()}) envoyé par {moyen.Libelle()} : la radiation sera possible un mois après sa remise");
        return Resultat.Ok();
    }

    /// <summary>
    /// Records the delivery of a warning with its proof (acknowledgement of receipt or other): the month before radiation
    /// c) or d) runs from the delivery date (R441-2-8). The date is neither before the sending nor after today.
    /// </summary>
    public Resultat NoterRemiseAvertissement(MotifRadiation motif, DateOnly remisLe, string? preuve, DelaisAvis delais, DateTimeOffset quand, Acteur par)
    {
        if (Verifier(quand) is { EstReussi: false } refus) return refus;
        var avertissement = _avertissements.FirstOrDefault(a => a.Motif == motif);
        if (avertissement is null)
            return Resultat.Echec($"Aucun avertissement pour {motif.Libelle()} ({motif.Reference()}) n'a été envoyé.");
        if (avertissement.RemisLe is { } deja)
            return Resultat.Echec($"La remise de cet avertissement est déjà enregistrée (le {F(deja)}).");
        if (avertissement.NonDistribueLe is { } retour)
            return Resultat.Echec($"Cet avertissement est revenu non distribué le {F(retour)} : envoyez-en un nouveau.");
        var texte = preuve?.Trim() ?? "";
        if (texte.Length == 0) return Invalide("preuve", "Indiquez la preuve de la remise (numéro de l'avis de réception, récépissé…).");
        if (texte.Length > 100) return Invalide("preuve", "La référence de la preuve compte au plus 100 caractères.");
        if (texte.Any(char.IsControl)) return Invalide("preuve", "La référence de la preuve tient sur une ligne.");
        var jour = Jour(quand);
        if (remisLe < avertissement.EnvoyeLe)
            return Invalide("remisLe", $"La date de remise ({F(remisLe)}) précède l'envoi de l'avertissement ({F(avertissement.EnvoyeLe)}).");
        if (remisLe > jour) return Invalide("remisLe", $"La date de remise ({F(remisLe)}) est postérieure à aujourd'hui ({F(jour)}).");

        // The proof's reference is typed by an agent: kept on the warning, never in the timeline (no free text there).
        avertissement.NoterRemise(remisLe, texte, delais.RadiationApresRemise(remisLe));
        Noter(TypeEvenementDemande.RemiseAvertissement, quand, par,
            $"Avertissement ({motif.Reference()}) remis le {F(remisLe)}, preuve de remise enregistrée ; radiation possible à partir du {F(avertissement.RadiationPossibleLe!.Value)}");
        return Resultat.Ok();
    }

    /// <summary>
    /// Records that a notice or a warning came back undelivered on <paramref name="le"/>. A warning returned proves nothing
    /// (a new one is needed before radiation c or d); a renewal notice returned leaves the demand to an agent.
    /// </summary>
    public Resultat NoterAvisNonDistribue(AvisDemande avis, DateOnly le, DateTimeOffset quand, Acteur par)
    {
        if (Verifier(quand) is { EstReussi: false } refus) return refus;
        var jour = Jour(quand);
        if (le > jour) return Invalide("le", $"La date du retour ({F(le)}) est postérieure à aujourd'hui ({F(jour)}).");
        if (avis.Motif() is { } motif)
        {
            var avertissement = _avertissements.FirstOrDefault(a => a.Motif == motif);
            if (avertissement is null) return Resultat.Echec($"Aucun {avis.Libelle()} n'a été envoyé.");
            if (avertissement.RemisLe is { } remis) return Resultat.Echec($"Cet avertissement a été remis le {F(remis)}.");
            if (avertissement.NonDistribueLe is not null) return Resultat.Echec("Le retour de cet avertissement est déjà enregistré.");
            if (le < avertissement.EnvoyeLe) return Invalide("le", $"La date du retour ({F(le)}) précède l'envoi ({F(avertissement.EnvoyeLe)}).");
            avertissement.NoterNonDistribution(le);
            Noter(TypeEvenementDemande.AvisNonDistribue, quand, par,
                $"Avertissement ({motif.Reference()}) revenu non distribué le {F(le)} : un nouvel avertissement est nécessaire avant toute radiation");
            return Resultat.Ok();
        }
        if (RappelEnvoyeLe is not { } envoye) return Resultat.Echec("Aucun avis de renouvellement n'a été envoyé pour cette période de validité.");
        if (RappelNonDistribueLe is not null) return Resultat.Echec("Le retour de cet avis de renouvellement est déjà enregistré.");
        if (le < envoye) return Invalide("le", $"La date du retour ({F(le)}) précède l'envoi de l'avis ({F(envoye)}).");
        RappelNonDistribueLe = le;
        Noter(TypeEvenementDemande.AvisNonDistribue, quand, par,
            $"Avis de renouvellement revenu non distribué le {F(le)} : la radiation pour non-renouvellement attend l'examen d'un agent");
        return Resultat.Ok();
    }

    /// <summary>
    /// Records the wish of an applicant who used the online service to receive the renewal notice by post as well
    /// (R441-2-7 3°), or its withdrawal.
    /// </summary>
    public Resultat NoterPreferenceAvis(bool parCourrier, DateTimeOffset quand, Acteur par)
    {
        if (Verifier(quand) is { EstReussi: false } refus) return refus;
        if (AvisPostalDemande == parCourrier)
            return Resultat.Echec(parCourrier ? "Le demandeur reçoit déjà l'avis de renouvellement par courrier." : "Aucun avis par courrier n'était demandé.");
        AvisPostalDemande = parCourrier;
        Noter(TypeEvenementDemande.PreferenceAvis, quand, par, parCourrier
            ? "Le demandeur demande à recevoir l'avis de renouvellement par courrier postal"
            : "Le demandeur ne demande plus l'avis de renouvellement par courrier postal");
        return Resultat.Ok();
    }

    /// <summary>
    /// Whether the demand may be radiated for this reason on this date (pure query, shared by
    /// <see cref="Radier"/> and the schedule queries).
    /// </summary>
    public Resultat RadiationPossible(MotifRadiation motif, DateOnly jour)
    {
        if (Statut == StatutDemande.Radiee) return RefusRadiee();
        switch (motif)
        {
            case Demandes.MotifRadiation.Renonciation:
                return Resultat.Ok();
            case Demandes.MotifRadiation.AbsenceDeReponse or Demandes.MotifRadiation.Irrecevabilite:
                var avertissement = _avertissements.FirstOrDefault(a => a.Motif == motif);
                if (avertissement is null)
                    return Resultat.Echec($"La radiation pour {motif.Libelle()} exige un avertissement remis au moins un mois avant ({motif.Reference()}).");
                if (avertissement.NonDistribueLe is { } retour)
                    return Resultat.Echec($"L'avertissement est revenu non distribué le {F(retour)} : un nouvel avertissement doit être remis avant la radiation ({motif.Reference()}).");
                if (avertissement.RadiationPossibleLe is not { } possible)
                    return Resultat.Echec($"L'avertissement envoyé le {F(avertissement.EnvoyeLe)} n'a pas de preuve de remise : le mois avant la radiation court de sa remise ({motif.Reference()}).");
                if (jour < possible)
                    return Resultat.Echec($"L'avertissement a été remis le {F(avertissement.RemisLe!.Value)} : la radiation n'est possible qu'à partir du {F(possible)} ({motif.Reference()}).");
                return Resultat.Ok();
            case Demandes.MotifRadiation.NonRenouvellement:
                if (jour <= DateFinValidite)
                    return Resultat.Echec($"La demande est valable jusqu'au {F(DateFinValidite)} : elle ne peut pas être radiée pour non-renouvellement avant le {F(DateFinValidite.AddDays(1))}.");
                if (RappelEnvoyeLe is null)
                    return Resultat.Echec("Aucun avis de renouvellement n'a été envoyé au demandeur : la radiation pour non-renouvellement n'est possible qu'après le délai que fixe cet avis (R441-2-7, R441-2-8 e).");
                if (jour <= DateLimiteRenouvellement)
                    return Resultat.Echec($"L'avis de renouvellement du {F(RappelEnvoyeLe.Value)} laisse au demandeur jusqu'au {F(DateLimiteRenouvellement)} : la radiation pour non-renouvellement n'est possible qu'à partir du {F(DateLimiteRenouvellement.AddDays(1))} (R441-2-7).");
                return Resultat.Ok();
            case Demandes.MotifRadiation.AttributionBailSigne:
                return Resultat.Echec("La radiation pour attribution (R441-2-8 a) est prononcée à l'enregistrement du bail signé.");
            case Demandes.MotifRadiation.Fusion:
                return Resultat.Echec("La radiation pour fusion est prononcée par la fusion avec la demande conservée.");
            default:
                throw new ArgumentOutOfRangeException(nameof(motif));
        }
    }

    /// <summary>Radiates the demand for renunciation (b), no reply (c), inadmissibility (d) or non-renewal (e).</summary>
    public Resultat Radier(MotifRadiation motif, DateTimeOffset quand, Acteur par)
    {
        if (Verifier(quand) is { EstReussi: false } refus) return refus;
        if (RadiationPossible(motif, Jour(quand)) is { EstReussi: false } impossible) return impossible;
        AppliquerRadiation(motif, quand, par);
        return Resultat.Ok();
    }

    /// <summary>
    /// An agent enters a priority situation of the household (L441-1 a to l) or a DALO decision (L441-2-3): declared, to be
    /// justified. The DALO criterion carries the COMED's decision, and only it. A refused or expired situation may be entered again.
    /// </summary>
    public Resultat DeclarerSituationPrioritaire(CriterePrioritaire critere, DecisionDalo? decision, DateTimeOffset quand, Acteur par)
    {
        if (Verifier(quand) is { EstReussi: false } refus) return refus;
        if (critere == CriterePrioritaire.ReconnuDalo && decision is null)
            return Resultat.Echec(Commun.Echec.Invalide("La reconnaissance DALO s'accompagne de la décision de la commission de médiation (référence, date, commission).",
                new Dictionary<string, string[]> { ["decisionDalo"] = ["Indiquez la décision de la commission de médiation."] }));
        if (critere != CriterePrioritaire.ReconnuDalo && decision is not null)
            return Resultat.Echec(Commun.Echec.Invalide("Seule la reconnaissance DALO porte une décision de la commission de médiation.",
                new Dictionary<string, string[]> { ["decisionDalo"] = ["Seule la reconnaissance DALO porte une décision de la commission de médiation."] }));
        if (decision is not null && decision.Date > Jour(quand))
            return Resultat.Echec(Commun.Echec.Invalide($"La date de la décision ({F(decision.Date)}) ne peut pas être postérieure au jour de la saisie.",
                new Dictionary<string, string[]> { ["decisionDalo.date"] = [$"La date de la décision ({F(decision.Date)}) ne peut pas être postérieure au jour de la saisie."] }));
        var existante = _situationsPrioritaires.FirstOrDefault(s => s.Critere == critere);
        if (existante is { EstEnCours: true })
            return Resultat.Echec($"La situation prioritaire {critere.NomChronologie()} est déjà déclarée.");

        if (existante is null) _situationsPrioritaires.Add(new SituationPrioritaire(critere, decision, quand, par.Id));
        else existante.Declarer(decision, quand, par.Id);
        Noter(TypeEvenementDemande.SituationPrioritaireDeclaree, quand, par, decision is null
            ? $"Situation prioritaire {critere.NomChronologie()} déclarée, à justifier"
            : $"Situation prioritaire {critere.NomChronologie()} déclarée : décision {decision.Reference} du {F(decision.Date)}, {decision.Commission}, à justifier");
        return Resultat.Ok();
    }

    /// <summary>
    /// A competent agent checked the proof of a declared priority situation against <paramref name="piece"/>, a piece of the
    /// demand; <paramref name="valableJusquau"/> is the last day the proof holds, if it has one (it must not be over already).
    /// </summary>
    public Resultat ValiderSituationPrioritaire(CriterePrioritaire critere, Guid piece, DateOnly? valableJusquau, DateTimeOffset quand, Acteur par)
    {
        if (Verifier(quand) is { EstReussi: false } refus) return refus;
        if (ADecider(critere, "validée") is { } impossible) return impossible;
        if (valableJusquau is { } fin && fin < Jour(quand))
            return Resultat.Echec(Commun.Echec.Invalide($"La fin de validité du justificatif ({F(fin)}) est déjà passée.",
                new Dictionary<string, string[]> { ["valableJusquau"] = [$"La fin de validité du justificatif ({F(fin)}) est déjà passée."] }));

        _situationsPrioritaires.First(s => s.Critere == critere).Valider(piece, valableJusquau, quand, par.Id);
        Noter(TypeEvenementDemande.SituationPrioritaireValidee, quand, par, valableJusquau is { } jusquau
            ? $"Situation prioritaire {critere.NomChronologie()} validée sur pièce par un agent habilité, jusqu'au {F(jusquau)}"
            : $"Situation prioritaire {critere.NomChronologie()} validée sur pièce par un agent habilité");
        return Resultat.Ok();
    }

    /// <summary>A competent agent found the proof of a declared priority situation insufficient: the situation is refused and stops counting.</summary>
    public Resultat RefuserSituationPrioritaire(CriterePrioritaire critere, DateTimeOffset quand, Acteur par)
    {
        if (Verifier(quand) is { EstReussi: false } refus) return refus;
        if (ADecider(critere, "refusée") is { } impossible) return impossible;

        _situationsPrioritaires.First(s => s.Critere == critere).Refuser(quand, par.Id);
        Noter(TypeEvenementDemande.SituationPrioritaireRefusee, quand, par, $"Situation prioritaire {critere.NomChronologie()} refusée : justificatif insuffisant");
        return Resultat.Ok();
    }

    /// <summary>Whether a validated situation's proof ended before <paramref name="jour"/> (what <see cref="ExpirerSituationsPrioritaires"/> would expire).</summary>
    public bool ASituationsAExpirer(DateOnly jour) =>
        Statut == StatutDemande.Active && _situationsPrioritaires.Any(s => s.Statut == StatutJustification.ValideeParAgentHabilite && s.ValableJusquau < jour);

    /// <summary>Expires each validated situation whose proof ended before this day, one timeline event each; returns how many.</summary>
    public Resultat<int> ExpirerSituationsPrioritaires(DateTimeOffset quand, Acteur par)
    {
        if (Verifier(quand) is { EstReussi: false } refus) return Resultat.Echec<int>(refus.Probleme);
        var jour = Jour(quand);
        var n = 0;
        foreach (var s in _situationsPrioritaires.Where(s => s.Statut == StatutJustification.ValideeParAgentHabilite && s.ValableJusquau < jour).OrderBy(s => s.Critere))
        {
            s.Expirer();
            Noter(TypeEvenementDemande.SituationPrioritaireExpiree, quand, par,
                $"Situation prioritaire {s.Critere.NomChronologie()} expirée : justificatif valable jusqu'au {F(s.ValableJusquau!.Value)}");
            n++;
        }
        return Resultat.Ok(n);
    }

    private Resultat? ADecider(CriterePrioritaire critere, string acte)
    {
        var situation = _situationsPrioritaires.FirstOrDefault(s => s.Critere == critere);
        if (situation is null || !situation.EstEnCours)
            return Resultat.Echec($"La situation prioritaire {critere.NomChronologie()} n'est pas déclarée : elle ne peut pas être {acte}.");
        if (situation.Statut == StatutJustification.ValideeParAgentHabilite)
            return Resultat.Echec($"La situation prioritaire {critere.NomChronologie()} est déjà validée depuis le {F(Jour(situation.ValideeLe!.Value))}.");
        return null;
    }

    public Resultat NoterPieceRecue(TypePiece piece, DateTimeOffset quand, Acteur par) =>
        NoterSiActive(TypeEvenementDemande.PieceRecue, quand, par, $"Pièce reçue : {piece.Libelle()}", null);

    /// <summary>A newer version of a piece replaces the previous one (same event type as a receipt).</summary>
    public Resultat NoterPieceRemplacee(TypePiece piece, DateTimeOffset quand, Acteur par) =>
        NoterSiActive(TypeEvenementDemande.PieceRecue, quand, par, $"Pièce remplacée : {piece.Libelle()}", null);

    /// <summary>
    /// The applicant deposits (or replaces) a piece from their online space: the same event as a receipt at a counter (a piece received after a
    /// decision under suspensive condition counts the same), worded so that agents read who brought it.
    /// </summary>
    public Resultat NoterPieceDeposeeParDemandeur(TypePiece piece, bool remplacement, DateTimeOffset quand, Acteur par) =>
        NoterSiActive(TypeEvenementDemande.PieceRecue, quand, par,
            $"{(remplacement ? PieceRemplaceeParDemandeur : PieceDeposeeParDemandeur)} : {piece.Libelle()}", null);

    public const string PieceDeposeeParDemandeur = "Pièce déposée par le demandeur";
    public const string PieceRemplaceeParDemandeur = "Pièce remplacée par le demandeur";

    public Resultat NoterPieceRetiree(TypePiece piece, DateTimeOffset quand, Acteur par) =>
        NoterSiActive(TypeEvenementDemande.PieceRetiree, quand, par, $"Pièce retirée : {piece.Libelle()}", null);

    /// <summary>
    /// Records, at radiation, that the contents of the pieces were deleted (docs/protection-des-donnees.md §2 item 14): the only act recorded on
    /// a radiated demand, dated and signed as the radiation itself.
    /// </summary>
    public Resultat NoterPiecesPurgees(int nombre)
    {
        if (Statut != StatutDemande.Radiee) return Resultat.Echec("Les pièces ne sont supprimées qu'à la radiation de la demande.");
        if (nombre < 1) return Resultat.Echec("Aucune pièce à supprimer.");
        var radiation = _evenements.Last(e => e.Type == TypeEvenementDemande.Radiation);
        Noter(TypeEvenementDemande.PiecesPurgees, radiation.Quand, new Acteur(radiation.AuteurId, radiation.Organisation),
            nombre == 1 ? "1 pièce justificative supprimée à la radiation" : $"{nombre} pièces justificatives supprimées à la radiation");
        return Resultat.Ok();
    }

    /// <summary>The demand is put forward as a candidate for a dwelling (before the CALEOL, R441-3).</summary>
    public Resultat NoterProposition(LogementId logement, DateTimeOffset quand, Acteur par) =>
        NoterSiActive(TypeEvenementDemande.Proposition, quand, par, "Candidature proposée pour un logement", logement);

    /// <summary>
    /// Records the CALEOL decision (R441-3 a–e) in the timeline, with its structured reasons in fixed wording (L441-2-2, R441-2-17): a rank
    /// is given only for an attribution by order of priority; a non-attribution and an irrecevabilité carry at least one motive; an
    /// attribution under suspensive condition names the missing piece of the limitative list and its delay. An irrecevabilité opens
    /// warning d) (R441-2-8 d). The event keeps the decision and the rank (<see cref="EvenementDemande.DecisionCaleol"/>).
    /// </summary>
    public Resultat NoterDecisionCaleol(LogementId logement, DecisionCaleol decision, int? rang, DateTimeOffset quand, Acteur par, MotivationCaleol? motivation = null)
    {
        if (Verifier(quand) is { EstReussi: false } refus) return refus;
        if (decision == DecisionCaleol.AttributionAvecRang ? rang is null or < 1 : rang is not null)
            return Resultat.Echec("Un rang (à partir de 1) accompagne une attribution par ordre de priorité, et elle seule.");
        motivation ??= MotivationCaleol.Aucune;
        if (motivation.Erreur(decision, Jour(quand)) is { } erreur) return Resultat.Echec(erreur);

        var resume = rang is null ? $"Décision de la CALEOL : {decision.Libelle()}" : $"Décision de la CALEOL : {decision.Libelle()}, rang {rang}";
        if (motivation.Motifs.Count > 0) resume += " ; motifs : " + string.Join(" ; ", motivation.Motifs.Select(m => m.Libelle()));
        if (motivation.PieceManquante is { } piece)
            resume += $" ; pièce manquante : {piece.Libelle()}, à fournir au plus tard le {F(motivation.PieceAttendueAvant!.Value)}";
        if (resume.Length > 500) resume = resume[..499] + "…";
        Noter(TypeEvenementDemande.DecisionCaleol, quand, par, resume, logement);
        _evenements[^1].QualifierDecision(decision, rang);
        if (decision == DecisionCaleol.Irrecevabilite) IrrecevabiliteLe = Jour(quand);
        return Resultat.Ok();
    }

    /// <summary>
    /// An offer of a dwelling. <paramref name="adaptee"/>: the agent making it (<paramref name="par"/>, at <paramref name="quand"/>)
    /// qualifies it as adapted, or not, to the household's needs and capacities; only the refusal of an adapted offer may
    /// lower the score (CCH R441-2-17, see <see cref="RefusCompteCommeAdapte"/>).
    /// </summary>
    public Resultat NoterOffre(LogementId logement, DateOnly reponseAttendueAvant, bool adaptee, DateTimeOffset quand, Acteur par)
    {
        if (Verifier(quand) is { EstReussi: false } refus) return refus;
        if (reponseAttendueAvant <= Jour(quand))
            return Resultat.Echec("La date limite de réponse à l'offre doit être postérieure à l'offre.");

        var qualification = adaptee
            ? "qualifiée adaptée aux besoins et aux capacités du ménage par l'agent qui la fait"
            : "non qualifiée adaptée aux besoins et aux capacités du ménage";
        Noter(TypeEvenementDemande.Offre, quand, par, $"Offre de logement {qualification}, réponse attendue au plus tard le {F(reponseAttendueAvant)}", logement);
        _evenements[^1].QualifierOffre(adaptee);
        return Resultat.Ok();
    }

    /// <summary>The applicant accepted the offer of <paramref name="logement"/> (the lease is signed next, <see cref="ConstaterBailSigne"/>).</summary>
    public Resultat NoterAcceptation(LogementId logement, DateTimeOffset quand, Acteur par) =>
        NoterSiActive(TypeEvenementDemande.Acceptation, quand, par, "Offre de logement acceptée", logement);

    public Resultat NoterRefus(LogementId logement, MotifRefus motif, DateTimeOffset quand, Acteur par)
    {
        if (Verifier(quand) is { EstReussi: false } refus) return refus;
        var adaptee = OffreAdapteeAvant(_evenements, logement, _evenements.Count + 1);
        Noter(TypeEvenementDemande.Refus, quand, par,
            adaptee ? $"Offre adaptée refusée : {motif.Libelle()} (le refus compte dans la cotation)" : $"Offre refusée : {motif.Libelle()}", logement);
        return Resultat.Ok();
    }

    /// <summary>
    /// A refusal lowers the score only when it answers an offer of the same dwelling, made earlier in the timeline, that its
    /// agent qualified as adapted to the household's needs and capacities (CCH R441-2-17). Any other refusal, including one
    /// recorded without an offer, has no effect on the score.
    /// </summary>
    public static bool RefusCompteCommeAdapte(IReadOnlyList<EvenementDemande> evenements, EvenementDemande refus)
    {
        ArgumentNullException.ThrowIfNull(evenements);
        ArgumentNullException.ThrowIfNull(refus);
        return refus.Type == TypeEvenementDemande.Refus && refus.LogementId is { } logement && OffreAdapteeAvant(evenements, logement, refus.Rang);
    }

    /// <summary>The last offer of <paramref name="logement"/> before rank <paramref name="rang"/> was qualified adapted.</summary>
    private static bool OffreAdapteeAvant(IReadOnlyList<EvenementDemande> evenements, LogementId logement, int rang)
    {
        EvenementDemande? offre = null;
        foreach (var e in evenements)
        {
            if (e.Type == TypeEvenementDemande.Offre && e.LogementId == logement && e.Rang < rang && (offre is null || e.Rang > offre.Rang))
                offre = e;
        }
        return offre?.OffreAdaptee == true;
    }

    /// <summary>The lease is signed: the bailleur radiates the demand at signature (R441-2-8 a).</summary>
    public Resultat ConstaterBailSigne(LogementId logement, DateTimeOffset quand, Acteur par)
    {
        if (Verifier(quand) is { EstReussi: false } refus) return refus;
        Noter(TypeEvenementDemande.BailSigne, quand, par, "Bail signé", logement);
        AppliquerRadiation(Demandes.MotifRadiation.AttributionBailSigne, quand, par);
        return Resultat.Ok();
    }

    /// <summary>
    /// Merges a duplicate into the demand kept: the kept demand takes the older deposit date (seniority,
    /// kept; a team choice of the shared file, not R441-2-8 f, which merges numbers into the national one) and the later validity start, and the priority situations it lacks; the other is
    /// radiated for merger. Both timelines record the merge.
    /// </summary>
    public static Resultat Fusionner(Demande conservee, Demande absorbee, DateTimeOffset quand, Acteur par)
    {
        if (conservee.Id == absorbee.Id)
            return Resultat.Echec("Une demande ne peut pas être fusionnée avec elle-même.");
        if (conservee.Verifier(quand) is { EstReussi: false } refus) return refus;
        if (absorbee.Verifier(quand) is { EstReussi: false } refusAbsorbee) return refusAbsorbee;

        var depot = Min(conservee.DateDepot, absorbee.DateDepot);
        var debutValidite = Max(conservee.DateDebutValidite, absorbee.DateDebutValidite);
        var finAvant = conservee.DateFinValidite;
        conservee.DateDepot = depot;
        conservee.DateDernierRenouvellement = debutValidite == depot ? null : debutValidite;
        if (conservee.DateFinValidite != finAvant)
        {
            conservee.RappelEnvoyeLe = null;
            conservee.EcheanceRenouvellement = null;
            conservee.RappelNonDistribueLe = null;
        }
        conservee.ServiceEnLigneUtilise |= absorbee.ServiceEnLigneUtilise;
        foreach (var situation in absorbee._situationsPrioritaires.Where(s => conservee._situationsPrioritaires.All(c => c.Critere != s.Critere)))
            conservee._situationsPrioritaires.Add(situation.Copier());

        conservee.Noter(TypeEvenementDemande.Fusion, quand, par,
            $"Demande {absorbee.Numero} fusionnée dans celle-ci, ancienneté retenue : dépôt du {F(depot)}");
        absorbee.Noter(TypeEvenementDemande.Fusion, quand, par, $"Demande fusionnée dans la demande {conservee.Numero}");
        absorbee.FusionneeDans = conservee.Id;
        absorbee.AppliquerRadiation(Demandes.MotifRadiation.Fusion, quand, par);
        return Resultat.Ok();
    }

    public override string ToString() => $"Demande {Numero} ({Statut}, déposée le {F(DateDepot)})";

    /// <summary>The one guard every act goes through: a radiated demand accepts nothing; acts are never back-dated.</summary>
    private Resultat Verifier(DateTimeOffset quand)
    {
        if (Statut == StatutDemande.Radiee) return RefusRadiee();
        var dernier = _evenements[^1];
        if (quand < dernier.Quand)
            return Resultat.Echec($"Un acte ne peut pas être daté avant le dernier événement de la demande ({dernier.Quand:yyyy-MM-dd HH:mm}).");
        return Resultat.Ok();
    }

    /// <summary>A date or a text given with an act that the act cannot take: invalid, keyed by its field (camelCase JSON path).</summary>
    private static Resultat Invalide(string champ, string motif) =>
        Resultat.Echec(Commun.Echec.Invalide(motif, new Dictionary<string, string[]> { [champ] = [motif] }));

    private Resultat RefusRadiee() =>
        Resultat.Echec($"La demande {Numero} est radiée depuis le {F(DateRadiation!.Value)} ({MotifRadiation!.Value.Libelle()}) : aucun acte n'est plus possible.");

    private Resultat NoterSiActive(TypeEvenementDemande type, DateTimeOffset quand, Acteur par, string resume, LogementId? logement)
    {
        if (Verifier(quand) is { EstReussi: false } refus) return refus;
        Noter(type, quand, par, resume, logement);
        return Resultat.Ok();
    }

    private void AppliquerRadiation(MotifRadiation motif, DateTimeOffset quand, Acteur par)
    {
        Statut = StatutDemande.Radiee;
        MotifRadiation = motif;
        DateRadiation = Jour(quand);
        Noter(TypeEvenementDemande.Radiation, quand, par, $"Demande radiée : {motif.Libelle()} ({motif.Reference()})");
    }

    /// <summary>An act of the applicant answers the letter: the no-reply warning (R441-2-8 c) falls.</summary>
    private void LeverAvertissementSansReponse(DateTimeOffset quand, Acteur par)
    {
        if (_avertissements.RemoveAll(a => a.Motif == Demandes.MotifRadiation.AbsenceDeReponse) > 0)
            Noter(TypeEvenementDemande.AvertissementLeve, quand, par, "Le demandeur s'est manifesté : l'avertissement pour absence de réponse est levé");
    }

    private void Noter(TypeEvenementDemande type, DateTimeOffset quand, Acteur par, string resume, LogementId? logement = null) =>
        _evenements.Add(new EvenementDemande(_evenements.Count + 1, type, quand, par, resume, logement));

    private static string? ErreurNaissances(ContenuDemande contenu, DateOnly jour)
    {
        foreach (var p in contenu.Personnes)
        {
            if (p.DateNaissance > jour) return "Une date de naissance ne peut pas être postérieure à la demande.";
        }
        return null;
    }

    private static DateOnly Jour(DateTimeOffset quand) => HeureFrance.Jour(quand);

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    internal static string F(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
}
