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
    /// Expired without any reminder sent for its validity period: nothing is done automatically, an agent decides
    /// (a radiation without the notice R441-2-7 requires would be contestable) [M].
    /// </summary>
    ExpireeSansRappel = 6,
}

/// <summary>
/// Local choices of the daily run that the law does not fix, tagged [M] (README, GLOSSAIRE). The delays themselves come
/// from the law through <see cref="Demande"/>: reminder one month before expiry (R441-2-7), radiation e) the day after
/// expiry, radiations c) and d) one month after the warning (R441-2-8) [V].
/// </summary>
public sealed record ParametresRelances(bool ExigerRappelAvantRadiation = true, bool AvertirApresIrrecevabilite = true)
{
    public static readonly ParametresRelances ParDefaut = new();
}

/// <summary>
/// The daily run of the system manager, as pure functions over one demand: what is due today
/// (<see cref="Decider"/>) and the domain act that records it (<see cref="Appliquer"/>). Nothing is ever done to a
/// radiated demand (attributed, renounced, merged…): the acts refuse it and <see cref="Decider"/> returns null.
/// </summary>
public static class PlanRelances
{
    /// <summary>The one thing due for this demand on this day, or null. A reminder first, then radiations, then warnings.</summary>
    public static TypeRelance? Decider(Demande demande, DateOnly jour, ParametresRelances parametres)
    {
        if (demande.Statut != StatutDemande.Active) return null;
        if (demande.RappelDu(jour)) return TypeRelance.RappelRenouvellement;
        foreach (var due in Echeances.RadiationsDues([demande], jour))
        {
            return due.Motif switch
            {
                MotifRadiation.NonRenouvellement when parametres.ExigerRappelAvantRadiation && demande.RappelEnvoyeLe is null => TypeRelance.ExpireeSansRappel,
                MotifRadiation.NonRenouvellement => TypeRelance.RadiationNonRenouvellement,
                MotifRadiation.AbsenceDeReponse => TypeRelance.RadiationAbsenceDeReponse,
                _ => TypeRelance.RadiationIrrecevabilite,
            };
        }
        if (parametres.AvertirApresIrrecevabilite && demande.IrrecevabiliteLe is not null
            && demande.Avertissements.All(a => a.Motif != MotifRadiation.Irrecevabilite))
            return TypeRelance.AvertissementIrrecevabilite;
        return null;
    }

    /// <summary>Records the act through the demand's own transition (never around it); a refused act changes nothing.</summary>
    public static Resultat Appliquer(Demande demande, TypeRelance type, DateTimeOffset quand, Acteur par) => type switch
    {
        TypeRelance.RappelRenouvellement => demande.NoterRappelEnvoye(quand, par),
        TypeRelance.AvertissementIrrecevabilite => demande.Avertir(MotifRadiation.Irrecevabilite, quand, par),
        TypeRelance.RadiationNonRenouvellement => demande.Radier(MotifRadiation.NonRenouvellement, quand, par),
        TypeRelance.RadiationAbsenceDeReponse => demande.Radier(MotifRadiation.AbsenceDeReponse, quand, par),
        TypeRelance.RadiationIrrecevabilite => demande.Radier(MotifRadiation.Irrecevabilite, quand, par),
        TypeRelance.ExpireeSansRappel => Resultat.Echec("Demande expirée sans rappel : un agent décide de la suite."),
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static string Libelle(this TypeRelance type) => type switch
    {
        TypeRelance.RappelRenouvellement => "Rappel de renouvellement",
        TypeRelance.AvertissementIrrecevabilite => "Avertissement avant radiation (irrecevabilité)",
        TypeRelance.RadiationNonRenouvellement => "Radiation pour non-renouvellement",
        TypeRelance.RadiationAbsenceDeReponse => "Radiation pour absence de réponse",
        TypeRelance.RadiationIrrecevabilite => "Radiation pour irrecevabilité",
        TypeRelance.ExpireeSansRappel => "Expirée sans rappel (à examiner)",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
