using Logis.Domain.Commun;
using Logis.Domain.Relances;

namespace Logis.Domain.Demandes.Synthese;

/// <summary>
/// The yearly cycle of a synthetic demand as the daily run and the applicant really make it: the renewal notice sent on
/// the day the delays say (R441-2-7), then the renewal a few days before the end of validity — until the demand is valid
/// at the reference date; and the notice of the current period when it is already due. A demo demand is thus never
/// expired while active.
/// </summary>
public static class CycleSynthetique
{
    /// <param name="joursAvantFin">Days before the end of validity the applicant renews (0 to 20), drawn by the caller.</param>
    /// <param name="instant">An office hour of a day, bounded by the seeding instant (the renewal).</param>
    /// <param name="instantAvis">The hour of the daily run on a day, bounded by the seeding instant (the notice).</param>
    public static void Renouveler(Demande demande, DateOnly reference, FenetreRenouvellement fenetre, DelaisAvis delais, Acteur guichet,
        CanalDepot canal, Func<int> joursAvantFin, Func<DateOnly, DateTimeOffset> instant, Func<DateOnly, DateTimeOffset> instantAvis)
    {
        var systeme = new Acteur(PlanRelances.Systeme, PlanRelances.NomSysteme);
        while (demande.DateFinValidite < reference)
        {
            Avis(demande, delais, systeme, instantAvis);
            var jour = demande.DateFinValidite.AddDays(-joursAvantFin());
            Exiger(demande.Renouveler(instant(jour), guichet, fenetre, canal));
        }
        if (demande.RappelDu(reference, delais)) Avis(demande, delais, systeme, instantAvis);
    }

    private static void Avis(Demande demande, DelaisAvis delais, Acteur systeme, Func<DateOnly, DateTimeOffset> instant)
    {
        var jour = delais.EnvoiAvis(demande.DateFinValidite);
        var dernier = demande.Evenements[^1].Quand;
        var quand = instant(jour);
        Exiger(demande.NoterRappelEnvoye(quand < dernier ? dernier : quand, systeme, delais, CanauxAvis.Renouvellement(demande)));
    }

    private static void Exiger(Resultat resultat)
    {
        if (!resultat.EstReussi) throw new InvalidOperationException($"Acte généré refusé : {resultat.Motif}");
    }
}
