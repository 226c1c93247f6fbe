using Logis.Domain.Commun;
namespace Logis.Domain.Demandes;

public enum StatutDemande
{
    /// <summary>Registered, with a number; valid until <see cref="Demande.DateFinValidite"/>.</summary>
    Active = 1,
    /// <summary>Radiated for one of the six R441-2-8 reasons; no act is possible any more.</summary>
    Radiee = 2,
}

/// <summary>The six radiation reasons of CCH R441-2-8 [V]; the reason stays recorded.</summary>
public enum MotifRadiation
{
    /// <summary>a) Attribution followed by a signed lease; the bailleur radiates at signature.</summary>
    AttributionBailSigne = 1,
    /// <summary>b) Written renunciation; immediate.</summary>
    Renonciation = 2,
    /// <summary>c) No reply to a letter sent to the last address; one month after a warning.</summary>
    AbsenceDeReponse = 3,
    /// <summary>d) Inadmissibility pronounced by a CALEOL; one month after a warning.</summary>
    Irrecevabilite = 4,
    /// <summary>e) Not renewed in time.</summary>
    NonRenouvellement = 5,
    /// <summary>Merged into another demand of the same household (duplicates; seniority kept): a team choice, recorded apart from R441-2-8 f), which merges numbers into the national one.</summary>
    Fusion = 6,
}

/// <summary>CALEOL decision for a candidate, CCH R441-3 a)–e) [V].</summary>
public enum DecisionCaleol
{
    Attribution = 1,
    AttributionAvecRang = 2,
    AttributionSousConditionSuspensive = 3,
    NonAttribution = 4,
    Irrecevabilite = 5,
}

/// <summary>Reason given by the applicant for refusing an offer (R441-10: no answer counts as a refusal [M]).</summary>
public enum MotifRefus
{
    TypologieOuSurface = 1,
    Localisation = 2,
    LoyerOuCharges = 3,
    EtageOuAccessibilite = 4,
    EtatDuLogement = 5,
    Environnement = 6,
    SituationChangee = 7,
    AbsenceDeReponse = 8,
    Autre = 9,
}

/// <summary>Kind of supporting document received. Sensitive pieces (medical certificate, judgment, violence evidence, NIR-bearing scans) form one class whose kind is never written in the timeline (docs/protection-des-donnees.md §2, item 8).</summary>
public enum TypePiece
{
    IdentiteOuTitreSejour = 1,
    AvisImposition = 2,
    JustificatifRessources = 3,
    JustificatifSituationFamiliale = 4,
    JustificatifLogementActuel = 5,
    PieceSensible = 6,
    Autre = 7,
}

/// <summary>A warning sent before a radiation under R441-2-8 c) or d), by registered letter or equivalent.</summary>
public sealed class Avertissement
{
    private Avertissement() { }

    internal Avertissement(MotifRadiation motif, DateOnly envoyeLe)
    {
        Motif = motif;
        EnvoyeLe = envoyeLe;
    }

    public MotifRadiation Motif { get; private set; }
    public DateOnly EnvoyeLe { get; private set; }

    /// <summary>R441-2-8 c), d): radiation one month after the warning.</summary>
    public DateOnly RadiationPossibleLe => EnvoyeLe.AddMonths(1);
}

/// <summary>
/// How long before the end of validity a demand may be renewed. The law sets the validity (one year,
/// R441-2-7) and the notice (at least one month before); the opening of renewal is a local setting [M].
/// </summary>
public sealed record FenetreRenouvellement
{
    private FenetreRenouvellement(int moisAvantExpiration) => MoisAvantExpiration = moisAvantExpiration;

    public int MoisAvantExpiration { get; }

    public static Resultat<FenetreRenouvellement> Creer(int moisAvantExpiration) =>
        moisAvantExpiration is >= 1 and <= 11
            ? Resultat.Ok(new FenetreRenouvellement(moisAvantExpiration))
            : Resultat.Echec<FenetreRenouvellement>("La fenêtre de renouvellement s'ouvre entre 1 et 11 mois avant la fin de validité.");
}

public static class LibellesDemande
{
    public static string Libelle(this MotifRadiation motif) => motif switch
    {
        MotifRadiation.AttributionBailSigne => "attribution suivie de la signature d'un bail",
        MotifRadiation.Renonciation => "renonciation écrite du demandeur",
        MotifRadiation.AbsenceDeReponse => "absence de réponse à un courrier",
        MotifRadiation.Irrecevabilite => "irrecevabilité prononcée par une CALEOL",
        MotifRadiation.NonRenouvellement => "non-renouvellement dans le délai",
        MotifRadiation.Fusion => "fusion avec une autre demande du même ménage",
        _ => throw new ArgumentOutOfRangeException(nameof(motif)),
    };

    public static string Reference(this MotifRadiation motif) => motif switch
    {
        MotifRadiation.AttributionBailSigne => "R441-2-8 a)",
        MotifRadiation.Renonciation => "R441-2-8 b)",
        MotifRadiation.AbsenceDeReponse => "R441-2-8 c)",
        MotifRadiation.Irrecevabilite => "R441-2-8 d)",
        MotifRadiation.NonRenouvellement => "R441-2-8 e)",
        MotifRadiation.Fusion => "doublon fusionné, choix de l'équipe",
        _ => throw new ArgumentOutOfRangeException(nameof(motif)),
    };

    public static string Libelle(this DecisionCaleol decision) => decision switch
    {
        DecisionCaleol.Attribution => "attribution",
        DecisionCaleol.AttributionAvecRang => "attribution par ordre de priorité",
        DecisionCaleol.AttributionSousConditionSuspensive => "attribution sous condition suspensive",
        DecisionCaleol.NonAttribution => "non-attribution",
        DecisionCaleol.Irrecevabilite => "irrecevabilité",
        _ => throw new ArgumentOutOfRangeException(nameof(decision)),
    };

    public static string Libelle(this MotifRefus motif) => motif switch
    {
        MotifRefus.TypologieOuSurface => "typologie ou surface",
        MotifRefus.Localisation => "localisation",
        MotifRefus.LoyerOuCharges => "loyer ou charges",
        MotifRefus.EtageOuAccessibilite => "étage ou accessibilité",
        MotifRefus.EtatDuLogement => "état du logement",
        MotifRefus.Environnement => "environnement",
        MotifRefus.SituationChangee => "situation du ménage changée",
        MotifRefus.AbsenceDeReponse => "absence de réponse dans le délai",
        MotifRefus.Autre => "autre motif",
        _ => throw new ArgumentOutOfRangeException(nameof(motif)),
    };

    public static string Libelle(this TypePiece piece) => piece switch
    {
        TypePiece.IdentiteOuTitreSejour => "pièce d'identité ou titre de séjour",
        TypePiece.AvisImposition => "avis d'imposition",
        TypePiece.JustificatifRessources => "justificatif de ressources",
        TypePiece.JustificatifSituationFamiliale => "justificatif de situation familiale",
        TypePiece.JustificatifLogementActuel => "justificatif du logement actuel",
        TypePiece.PieceSensible => "pièce à accès restreint",
        TypePiece.Autre => "autre pièce",
        _ => throw new ArgumentOutOfRangeException(nameof(piece)),
    };

    public static string Libelle(this CanalDepot canal) => canal switch
    {
        CanalDepot.EnLigne => "en ligne",
        CanalDepot.Guichet => "au guichet",
        CanalDepot.Partenaire => "par un partenaire",
        _ => throw new ArgumentOutOfRangeException(nameof(canal)),
    };
}
