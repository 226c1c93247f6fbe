namespace Logis.Domain.Demandes;

/// <summary>A radiation that may be pronounced today, with its reason.</summary>
public sealed record RadiationDue(Demande Demande, MotifRadiation Motif);

/// <summary>Pure queries run by the daily batch of the system manager: reminders to send, radiations due.</summary>
public static class Echeances
{
    private static readonly MotifRadiation[] MotifsSansDecision =
        [MotifRadiation.NonRenouvellement, MotifRadiation.AbsenceDeReponse, MotifRadiation.Irrecevabilite];

    /// <summary>Demands whose renewal notice (at least one month before expiry, R441-2-7) is due on this date.</summary>
    public static IEnumerable<Demande> RappelsDus(IEnumerable<Demande> demandes, DateOnly jour, DelaisAvis delais) =>
        demandes.Where(d => d.RappelDu(jour, delais));

    /// <summary>
    /// Demands that may be radiated on this date without a new decision: not renewed by the deadline of the renewal
    /// notice (e), or warned for no reply (c) or inadmissibility (d) at least one month after the warning's delivery. One reason per demand, in that order.
    /// </summary>
    public static IEnumerable<RadiationDue> RadiationsDues(IEnumerable<Demande> demandes, DateOnly jour)
    {
        foreach (var demande in demandes.Where(d => d.Statut == StatutDemande.Active))
        {
            foreach (var motif in MotifsSansDecision)
            {
                if (demande.RadiationPossible(motif, jour).EstReussi)
                {
                    yield return new RadiationDue(demande, motif);
                    break;
                }
            }
        }
    }
}
