using System.Globalization;
using Logis.Domain.Commun;

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
    private readonly List<SituationPrioritaire> _situationsPrioritaires = [];
    private readonly List<Avertissement> _avertissements = [];
    private readonly List<EvenementDemande> _evenements = [];

    private Demande()
    {
        Numero = null!;
        Contenu = null!;
    }

    public DemandeId Id { get; private set; }

    /// <summary>Registration number (R441-2-4 c); kept by every update and renewal.</summary>
    public NumeroUnique Numero { get; private set; }

    public CanalDepot Canal { get; private set; }

    public StatutDemande Statut { get; private set; }

    /// <summary>Date the demand was received: the seniority, kept by updates (R441-2-7) and merges of duplicates.</summary>
    public DateOnly DateDepot { get; private set; }

    /// <summary>Date of the last renewal, if any (R441-2-4 d).</summary>
    public DateOnly? DateDernierRenouvellement { get; private set; }

    /// <summary>Date the renewal reminder was sent for the current validity period.</summary>
    public DateOnly? RappelEnvoyeLe { get; private set; }

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
    public DateOnly DateFinValidite => DateDebutValidite.AddYears(1).AddDays(-1);

    /// <summary>The applicant is notified at least one month before expiry (R441-2-7).</summary>
    public DateOnly DateRappel => DateFinValidite.AddMonths(-1);

    /// <summary>
    /// Registers a demand at a guichet enregistreur (L441-2-1): it receives its number and its deposit
    /// date, which may precede the registration (paper form received earlier).
    /// </summary>
    public static Resultat<Demande> Enregistrer(
        DemandeId id, NumeroUnique numero, ContenuDemande contenu, CanalDepot canal, DateOnly dateDepot, DateTimeOffset quand, Acteur par)
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
        };
        demande.Noter(TypeEvenementDemande.Enregistrement, quand, par,
            $"Demande enregistrée sous le numéro {numero}, déposée {canal.Libelle()} le {F(dateDepot)}");
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
    /// Renews the demand for one year from today (R441-2-7), inside the local renewal window and never after
    /// expiry: an expired demand is radiated (R441-2-8 e).
    /// </summary>
    public Resultat Renouveler(DateTimeOffset quand, Acteur par, FenetreRenouvellement fenetre)
    {
        if (Verifier(quand) is { EstReussi: false } refus) return refus;
        var jour = Jour(quand);
        var ouverture = DateFinValidite.AddMonths(-fenetre.MoisAvantExpiration);
        if (jour < ouverture)
            return Resultat.Echec($"Le renouvellement n'est possible qu'à partir du {F(ouverture)} (fin de validité le {F(DateFinValidite)}).");
        if (jour > DateFinValidite)
            return Resultat.Echec($"La demande a expiré le {F(DateFinValidite)} sans être renouvelée : elle doit être radiée (R441-2-8 e).");

        DateDernierRenouvellement = jour;
        RappelEnvoyeLe = null;
        Noter(TypeEvenementDemande.Renouvellement, quand, par, $"Demande renouvelée, valable jusqu'au {F(DateFinValidite)}");
        LeverAvertissementSansReponse(quand, par);
        return Resultat.Ok();
    }

    /// <summary>True when the renewal reminder is due on this date and was not yet sent for this validity period.</summary>
    public bool RappelDu(DateOnly jour) =>
        Statut == StatutDemande.Active && RappelEnvoyeLe is null && jour >= DateRappel && jour <= DateFinValidite;

    public Resultat NoterRappelEnvoye(DateTimeOffset quand, Acteur par)
    {
        if (Verifier(quand) is { EstReussi: false } refus) return refus;
        var jour = Jour(quand);
        if (!RappelDu(jour))
            return Resultat.Echec($"Aucun rappel de renouvellement n'est dû le {F(jour)} : il l'est une seule fois par période de validité, du {F(DateRappel)} au {F(DateFinValidite)}.");

        RappelEnvoyeLe = jour;
        Noter(TypeEvenementDemande.RappelRenouvellement, quand, par, $"Rappel de renouvellement envoyé, fin de validité le {F(DateFinValidite)}");
        return Resultat.Ok();
    }

    /// <summary>Sends the warning that must precede a radiation for no reply (c) or inadmissibility (d), R441-2-8.</summary>
    public Resultat Avertir(MotifRadiation motif, DateTimeOffset quand, Acteur par)
    {
        if (Verifier(quand) is { EstReussi: false } refus) return refus;
        if (motif is not (Demandes.MotifRadiation.AbsenceDeReponse or Demandes.MotifRadiation.Irrecevabilite))
            return Resultat.Echec($"La radiation pour {motif.Libelle()} ({motif.Reference()}) n'est pas précédée d'un avertissement.");
        if (_avertissements.FirstOrDefault(a => a.Motif == motif) is { } deja)
            return Resultat.Echec($"Un avertissement pour {motif.Libelle()} a déjà été envoyé le {F(deja.EnvoyeLe)}.");
        if (motif == Demandes.MotifRadiation.Irrecevabilite && IrrecevabiliteLe is null)
            return Resultat.Echec("Aucune CALEOL n'a prononcé l'irrecevabilité de la demande (R441-3 e).");

        var avertissement = new Avertissement(motif, Jour(quand));
        _avertissements.Add(avertissement);
        Noter(TypeEvenementDemande.Avertissement, quand, par,
            $"Avertissement avant radiation pour {motif.Libelle()} ({motif.Reference()}), radiation possible à partir du {F(avertissement.RadiationPossibleLe)}");
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
                    return Resultat.Echec($"La radiation pour {motif.Libelle()} exige un avertissement envoyé au moins un mois avant ({motif.Reference()}).");
                if (jour < avertissement.RadiationPossibleLe)
                    return Resultat.Echec($"L'avertissement a été envoyé le {F(avertissement.EnvoyeLe)} : la radiation n'est possible qu'à partir du {F(avertissement.RadiationPossibleLe)} ({motif.Reference()}).");
                return Resultat.Ok();
            case Demandes.MotifRadiation.NonRenouvellement:
                return jour > DateFinValidite
                    ? Resultat.Ok()
                    : Resultat.Echec($"La demande est valable jusqu'au {F(DateFinValidite)} : elle ne peut pas être radiée pour non-renouvellement avant le {F(DateFinValidite.AddDays(1))}.");
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

    /// <summary>Records the CALEOL decision (R441-3 a–e); a rank is given only for an attribution by order of priority.</summary>
    public Resultat NoterDecisionCaleol(LogementId logement, DecisionCaleol decision, int? rang, DateTimeOffset quand, Acteur par)
    {
        if (Verifier(quand) is { EstReussi: false } refus) return refus;
        if (decision == DecisionCaleol.AttributionAvecRang ? rang is null or < 1 : rang is not null)
            return Resultat.Echec("Un rang (à partir de 1) accompagne une attribution par ordre de priorité, et elle seule.");

        Noter(TypeEvenementDemande.DecisionCaleol, quand, par,
            rang is null ? $"Décision de la CALEOL : {decision.Libelle()}" : $"Décision de la CALEOL : {decision.Libelle()}, rang {rang}",
            logement);
        if (decision == DecisionCaleol.Irrecevabilite) IrrecevabiliteLe = Jour(quand);
        return Resultat.Ok();
    }

    public Resultat NoterOffre(LogementId logement, DateOnly reponseAttendueAvant, DateTimeOffset quand, Acteur par)
    {
        if (Verifier(quand) is { EstReussi: false } refus) return refus;
        if (reponseAttendueAvant <= Jour(quand))
            return Resultat.Echec("La date limite de réponse à l'offre doit être postérieure à l'offre.");

        Noter(TypeEvenementDemande.Offre, quand, par, $"Offre de logement, réponse attendue avant le {F(reponseAttendueAvant)}", logement);
        return Resultat.Ok();
    }

    public Resultat NoterRefus(LogementId logement, MotifRefus motif, DateTimeOffset quand, Acteur par) =>
        NoterSiActive(TypeEvenementDemande.Refus, quand, par, $"Offre refusée : {motif.Libelle()}", logement);

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
        if (conservee.DateFinValidite != finAvant) conservee.RappelEnvoyeLe = null;
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
