using Logis.Domain.Commun;

namespace Logis.Domain.Acces;

/// <summary>The acts on a demand whose author the law (or a stated team choice) names.</summary>
public enum ActeDemande
{
    Enregistrer = 1,
    MettreAJour = 2,
    Renouveler = 3,
    DeposerPiece = 4,
    /// <summary>R441-2-8 a): attribution followed by a signed lease.</summary>
    RadierAttribution = 5,
    /// <summary>R441-2-8 b): written renunciation.</summary>
    RadierRenonciation = 6,
    /// <summary>R441-2-8 c): no reply to a letter, one month after a warning.</summary>
    RadierAbsenceDeReponse = 7,
    /// <summary>R441-2-8 d): inadmissibility pronounced by a CALEOL, one month after a warning.</summary>
    RadierIrrecevabilite = 8,
    /// <summary>R441-2-8 e): not renewed in time.</summary>
    RadierNonRenouvellement = 9,
    /// <summary>R441-2-8 f): departmental or regional numbers merged into the national number.</summary>
    FusionnerNumeros = 10,
    /// <summary>Merge two demands of one household (duplicates): the newer demand is radiated into the older one.</summary>
    ConfirmerFusion = 12,
    /// <summary>The warning before radiation c) sent by a means that proves delivery.</summary>
    AvertirAbsenceDeReponse = 13,
    /// <summary>The warning before radiation d) sent by a means that proves delivery.</summary>
    AvertirIrrecevabilite = 14,
    /// <summary>Record a notice's delivery proof, its return undelivered, or the applicant's wish for post.</summary>
    NoterAvis = 15,
}

/// <summary>How the law designates the actor of an act: a kind of role, or an actor tied to the demand's own history.</summary>
public enum QualiteActeur
{
    /// <summary>Any service enregistreur of the EPCI (EPCI, commune, bailleur, réservataire agents) — CCH R441-2-1.</summary>
    ServiceEnregistreur = 1,
    /// <summary>The bailleur whose dwelling was attributed, at lease signature.</summary>
    BailleurAttributaire = 2,
    /// <summary>The service that sent the letter left unanswered (and the warning).</summary>
    ServiceExpediteur = 3,
    /// <summary>The bailleur whose CALEOL pronounced the inadmissibility.</summary>
    BailleurDeLaCaleol = 4,
    /// <summary>The manager of the registration system: in Logis, the EPCI that runs the shared file (its agents and the daily process).</summary>
    Gestionnaire = 5,
}

/// <summary>The organisation an agent acts for (a « service » in R441-2-8): its role and its identifier.</summary>
public readonly record struct Service(Role Role, string Cle)
{
    public static Service De(Role role, Perimetre p) => new(role, role switch
    {
        Role.AgentBailleur => $"bailleur:{p.BailleurId?.Value}",
        Role.AgentReservataire => $"reservataire:{p.ReservataireId?.Value}",
        Role.AgentCommune => $"commune:{p.CommuneInsee?.Value}",
        _ => $"epci:{p.EpciSiren.Value}",
    });
}

/// <summary>
/// What the demand's history says about who may act on it: the attributing bailleur (lease signed), the service that sent the
/// warning for no reply (c), the bailleur whose CALEOL declared the demand inadmissible (d).
/// Read by the use case from the timeline and the stock; null when the fact does not exist.
/// </summary>
/// <param name="ServiceEnregistreur">Whether the agent's organisation is a registering service of the territory (an active guichet
/// enregistreur; every bailleur and the EPCI that runs the file are): the acts of <see cref="QualiteActeur.ServiceEnregistreur"/> need it.</param>
public sealed record FaitsCompetence(
    BailleurId? BailleurAttributaire = null,
    Service? ExpediteurAvertissement = null,
    BailleurId? BailleurCaleolIrrecevabilite = null,
    bool ServiceEnregistreur = false)
{
    public static readonly FaitsCompetence Aucun = new();
}

/// <summary>One row of the competence table: the act, who may do it (in words and as data), and the text that says so.</summary>
/// <param name="Reference">The article, with its tag: [V] verified text, [S] secondary source, [M] to verify, or « choix de l'équipe ».</param>
public sealed record Competence(ActeDemande Acte, string Libelle, QualiteActeur Qualite, IReadOnlyList<Role> Roles, string Qui, string Reference)
{
    public string LibelleRoles => string.Join(", ", Roles.Select(r => r.Libelle().ToLowerInvariant()));
}

/// <summary>
/// The competence table (act × actor) of the shared demand file, as data: the one place the use cases ask « may this agent do
/// this act on this demand? », shown to agents on the page « Qui peut faire quoi ». A refusal is <see cref="NatureEchec.Interdit"/>
/// with a French reason naming who may act. An administrator reads only and acts on no demand.
/// </summary>
public static class Competences
{
    private static readonly Role[] Partenaires = [Role.AgentEpci, Role.AgentBailleur, Role.AgentReservataire, Role.AgentCommune];

    public static readonly IReadOnlyList<Competence> Table =
    [
        new(ActeDemande.Enregistrer, "Enregistrer une demande", QualiteActeur.ServiceEnregistreur, Partenaires,
            "tout service enregistreur du territoire : l'intercommunalité, les bailleurs, et les communes et réservataires qui ont un guichet enregistreur actif",
            "CCH R441-2-1 [S] ; adhésion de chaque partenaire au fichier partagé : choix de l'équipe"),
        new(ActeDemande.MettreAJour, "Mettre à jour une demande", QualiteActeur.ServiceEnregistreur, Partenaires,
            "tout service enregistreur, à la demande du demandeur", "CCH R441-2-7 [V]"),
        new(ActeDemande.Renouveler, "Renouveler une demande", QualiteActeur.ServiceEnregistreur, Partenaires,
            "tout service enregistreur, à la demande du demandeur", "CCH R441-2-7 [V]"),
        new(ActeDemande.DeposerPiece, "Déposer une pièce justificative", QualiteActeur.ServiceEnregistreur, Partenaires,
            "tout service enregistreur qui reçoit la pièce", "CCH R441-2-2 [S] ; arrêté du 22 décembre 2020 [S]"),
        new(ActeDemande.RadierAttribution, "Radier pour attribution suivie de la signature du bail (a)", QualiteActeur.BailleurAttributaire, [Role.AgentBailleur],
            "le bailleur qui a attribué le logement, à la signature du bail", "CCH R441-2-8 a) [V]"),
        new(ActeDemande.RadierRenonciation, "Radier pour renonciation écrite (b)", QualiteActeur.ServiceEnregistreur, Partenaires,
            "le service enregistreur qui reçoit la renonciation écrite du demandeur, aussitôt", "CCH R441-2-8 b) [V]"),
        new(ActeDemande.RadierAbsenceDeReponse, "Radier pour absence de réponse à un courrier (c)", QualiteActeur.ServiceExpediteur, Partenaires,
            "le service qui a envoyé le courrier resté sans réponse et l'avertissement, un mois après l'avertissement",
            "CCH R441-2-8 c) [V]"),
        new(ActeDemande.RadierIrrecevabilite, "Radier pour irrecevabilité prononcée par une CALEOL (d)", QualiteActeur.BailleurDeLaCaleol, [Role.AgentBailleur],
            "le bailleur dont la commission d'attribution (CALEOL) a prononcé l'irrecevabilité, un mois après l'avertissement",
            "CCH R441-2-8 d) [V]"),
        new(ActeDemande.RadierNonRenouvellement, "Radier pour non-renouvellement (e)", QualiteActeur.Gestionnaire, [Role.AgentEpci],
            "le gestionnaire du système d'enregistrement : l'intercommunalité qui tient le fichier partagé (ses agents et le traitement quotidien)",
            "CCH R441-2-8 e) [V] ; l'intercommunalité gestionnaire du fichier : choix de l'équipe (convention de R441-2-5)"),
        new(ActeDemande.AvertirAbsenceDeReponse, "Avertir avant radiation pour absence de réponse (c)", QualiteActeur.ServiceEnregistreur, Partenaires,
            "le service dont le courrier est resté sans réponse : il adresse l'avertissement, puis prononce la radiation",
            "CCH R441-2-8 c) [V]"),
        new(ActeDemande.AvertirIrrecevabilite, "Avertir avant radiation pour irrecevabilité (d)", QualiteActeur.BailleurDeLaCaleol, [Role.AgentBailleur],
            "le bailleur dont la commission d'attribution (CALEOL) a prononcé l'irrecevabilité (le traitement quotidien l'adresse aussi pour lui)",
            "CCH R441-2-8 d) [V]"),
        new(ActeDemande.NoterAvis, "Noter la remise ou le retour d'un avis, ou le choix du courrier postal", QualiteActeur.ServiceEnregistreur, Partenaires,
            "tout service enregistreur qui reçoit la preuve de remise, le pli non distribué ou la demande du demandeur",
            "CCH R441-2-7 et R441-2-8 [V] ; auteur de la saisie : choix de l'équipe"),
        new(ActeDemande.FusionnerNumeros, "Fusionner des numéros départementaux ou régionaux dans le numéro national (f)", QualiteActeur.Gestionnaire, [],
            "le système national d'enregistrement lors de la fusion des numéros ; aucun agent de Logis",
            "CCH R441-2-8 f) [V]"),
        new(ActeDemande.ConfirmerFusion, "Fusionner deux demandes d'un même ménage (doublons)", QualiteActeur.Gestionnaire, [Role.AgentEpci],
            "le gestionnaire du fichier partagé : un agent de l'intercommunalité",
            "choix de l'équipe : la détection des doublons est une obligation du fichier partagé (arrêté du 23 mars 2015, cahier des charges des systèmes particuliers [S]) ; aucun texte ne nomme l'auteur de la fusion, le gestionnaire tient la cohérence du fichier"),
    ];

    public static Competence De(ActeDemande acte) => Table.Single(c => c.Acte == acte);

    /// <summary>The act that radiates for this reason.</summary>
    public static ActeDemande Radiation(Demandes.MotifRadiation motif) => motif switch
    {
        Demandes.MotifRadiation.AttributionBailSigne => ActeDemande.RadierAttribution,
        Demandes.MotifRadiation.Renonciation => ActeDemande.RadierRenonciation,
        Demandes.MotifRadiation.AbsenceDeReponse => ActeDemande.RadierAbsenceDeReponse,
        Demandes.MotifRadiation.Irrecevabilite => ActeDemande.RadierIrrecevabilite,
        Demandes.MotifRadiation.NonRenouvellement => ActeDemande.RadierNonRenouvellement,
        Demandes.MotifRadiation.Fusion => ActeDemande.ConfirmerFusion,
        _ => throw new ArgumentOutOfRangeException(nameof(motif)),
    };

    /// <summary>
    /// Whether the agent (role, perimeter, id) may do the act on a demand with these facts. The demand's visibility is checked
    /// before (a demand outside the perimeter is « not found »); this is the competence once the demand is seen.
    /// </summary>
    public static Resultat Verifier(ActeDemande acte, Role role, Perimetre perimetre, FaitsCompetence faits)
    {
        var c = De(acte);
        if (!c.Roles.Contains(role)) return Refus(c, role == Role.Administrateur ? "Un administrateur consulte les demandes sans agir sur elles. " : "");
        switch (c.Qualite)
        {
            case QualiteActeur.ServiceEnregistreur:
                if (!faits.ServiceEnregistreur) return Refus(c, "Votre organisation n'est pas service enregistreur sur ce territoire (aucun guichet enregistreur actif). ");
                break;
            case QualiteActeur.BailleurAttributaire:
                if (faits.BailleurAttributaire is not { } attributaire || perimetre.BailleurId != attributaire)
                    return Refus(c, faits.BailleurAttributaire is null ? "Aucun bail signé n'est enregistré pour un logement de votre organisme. " : "");
                break;
            case QualiteActeur.ServiceExpediteur:
                if (faits.ExpediteurAvertissement is not { } expediteur)
                    return Refus(c, "Aucun avertissement pour absence de réponse n'a été envoyé. ");
                if (expediteur != Service.De(role, perimetre)) return Refus(c, "");
                break;
            case QualiteActeur.BailleurDeLaCaleol:
                if (faits.BailleurCaleolIrrecevabilite is not { } bailleur || perimetre.BailleurId != bailleur)
                    return Refus(c, faits.BailleurCaleolIrrecevabilite is null ? "Aucune CALEOL n'a prononcé l'irrecevabilité de cette demande. " : "");
                break;
        }
        return Resultat.Ok();
    }

    /// <summary>The reason of a refusal, naming who may act and the text.</summary>
    public static string Motif(Competence c, string prefixe = "") =>
        $"{prefixe}Qui peut agir pour « {c.Libelle} » : {c.Qui} ({c.Reference}).";

    private static Resultat Refus(Competence c, string prefixe) => Resultat.Echec(Echec.Interdit(Motif(c, prefixe)));
}
