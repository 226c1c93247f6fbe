using Logis.Domain.Demandes;
using Logis.Domain.Commun;

namespace Logis.Domain.Relances;

/// <summary>What the daily lifecycle run does to one demand on a given day.</summary>
public enum TypeRelance
{
    /// <summary>Renewal reminder, at least one month before the end of validity (R441-2-7).</summary>
    RappelRenouvellement = 1,
    /// <summary>Warning that must precede a radiation for inadmissibility, after a CALEOL decision (R441-2-8 d).</summary>
    AvertissementIrrecevabilite = 2,
    /// <summary>Radiation for non-renewal, the day after the end of validity (R441-2-8 e).</summary>
    RadiationNonRenouvellement = 3,
    /// <summary>Radiation for no reply, one month after the warning (R441-2-8 c).</summary>
    RadiationAbsenceDeReponse = 4,
    /// <summary>Radiation for inadmissibility, one month after the warning (R441-2-8 d).</summary>
    RadiationIrrecevabilite = 5,
    /// <summary>
    /// Nothing the run may do by itself, but an agent has something to look at (<see cref="ExamenDemandes"/>): expired and
    /// waiting for the deadline of a late notice, a notice or a warning returned undelivered, a warning without proof of
    /// delivery.
    /// </summary>
    AExaminer = 6,
    /// <summary>Not a step of the lifecycle: a message of the applicant space to an account's address (its confirmation link).</summary>
    CourrielCompte = 7,
}

/// <summary>
/// Settings of the daily run: the delays of the notices (<see cref="DelaisAvis"/>, the law's with their article and the
/// team's choices) and whether the run sends warning d) itself after a CALEOL inadmissibility decision [M].
/// </summary>
public sealed record ParametresRelances(DelaisAvis Delais, bool AvertirApresIrrecevabilite = true)
{
    public static readonly ParametresRelances ParDefaut = new(DelaisAvis.ParDefaut);
}

/// <summary>
/// The daily run of the system manager, as pure functions over one demand: what is due today
/// (<see cref="Decider"/>) and the domain act that records it (<see cref="Appliquer"/>). Nothing is ever done to a
/// radiated demand (attributed, renounced, merged…): the acts refuse it and <see cref="Decider"/> returns null.
/// </summary>
public static class PlanRelances
{
    /// <summary>The author of the acts of the daily run in timelines and audit: the system manager, not a person.</summary>
    public static readonly AuteurId Systeme = new(Guid.Parse("00000000-0000-0000-0000-00000000e1a1"));

    public const string NomSysteme = "Traitement quotidien des relances";

    /// <summary>The one thing due for this demand on this day, or null. A reminder first, then radiations, then warnings.</summary>
    public static TypeRelance? Decider(Demande demande, DateOnly jour, ParametresRelances parametres)
    {
        if (demande.Statut != StatutDemande.Active) return null;
        if (demande.RappelDu(jour, parametres.Delais)) return TypeRelance.RappelRenouvellement;
        foreach (var due in Echeances.RadiationsDues([demande], jour))
        {
            return due.Motif switch
            {
                // A notice returned undelivered: the applicant did not receive the notification R441-2-7 requires; an agent decides.
                MotifRadiation.NonRenouvellement when demande.RappelNonDistribueLe is not null => TypeRelance.AExaminer,
                MotifRadiation.NonRenouvellement => TypeRelance.RadiationNonRenouvellement,
                MotifRadiation.AbsenceDeReponse => TypeRelance.RadiationAbsenceDeReponse,
                _ => TypeRelance.RadiationIrrecevabilite,
            };
        }
        if (parametres.AvertirApresIrrecevabilite && demande.IrrecevabiliteLe is not null
            && demande.Avertissements.All(a => a.Motif != MotifRadiation.Irrecevabilite))
            return TypeRelance.AvertissementIrrecevabilite;
        return ExamenDemandes.Motifs(demande, jour, parametres.Delais).Count > 0 ? TypeRelance.AExaminer : null;
    }

    /// <summary>Records the act through the demand's own transition (never around it); a refused act changes nothing.</summary>
    public static Resultat Appliquer(Demande demande, TypeRelance type, DateTimeOffset quand, Acteur par, ParametresRelances parametres) => type switch
    {
        TypeRelance.RappelRenouvellement => demande.NoterRappelEnvoye(quand, par, parametres.Delais, CanauxAvis.Renouvellement(demande)),
        TypeRelance.AvertissementIrrecevabilite => demande.Avertir(MotifRadiation.Irrecevabilite, MoyenAvertissement.LettreRecommandeeAvecAccuseReception, quand, par),
        TypeRelance.RadiationNonRenouvellement => demande.Radier(MotifRadiation.NonRenouvellement, quand, par),
        TypeRelance.RadiationAbsenceDeReponse => demande.Radier(MotifRadiation.AbsenceDeReponse, quand, par),
        TypeRelance.RadiationIrrecevabilite => demande.Radier(MotifRadiation.Irrecevabilite, quand, par),
        TypeRelance.AExaminer => Resultat.Echec("Demande à examiner : un agent décide de la suite."),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    /// <summary>The kinds of the daily run (every kind but the applicant space's messages).</summary>
    public static IEnumerable<TypeRelance> DuTraitement() => Enum.GetValues<TypeRelance>().Where(t => t != TypeRelance.CourrielCompte);

    public static string Libelle(this TypeRelance type) => type switch
    {
        TypeRelance.RappelRenouvellement => "Avis de renouvellement",
        TypeRelance.AvertissementIrrecevabilite => "Avertissement avant radiation (irrecevabilité)",
        TypeRelance.RadiationNonRenouvellement => "Radiation pour non-renouvellement",
        TypeRelance.RadiationAbsenceDeReponse => "Radiation pour absence de réponse",
        TypeRelance.RadiationIrrecevabilite => "Radiation pour irrecevabilité",
        TypeRelance.AExaminer => "À examiner par un agent",
        TypeRelance.CourrielCompte => "Message de l'espace demandeur",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
