using Logis.Domain.Commun;

namespace Logis.Domain.Demandes;

/// <summary>
/// The delays of the notices to the applicant, as one configuration (section « Logis:Relances », docs/regles/05-demande.md):
/// the legal ones with their article, and the team choices tagged as such. Every date of a notice, of its deadline and of
/// a radiation after a warning is computed from here, never from a constant elsewhere.
/// </summary>
public sealed record DelaisAvis
{
    private DelaisAvis(int preavisRenouvellementMois, int anticipationAvisJours, int delaiApresAvertissementMois, int attentePreuveJours)
    {
        PreavisRenouvellementMois = preavisRenouvellementMois;
        AnticipationAvisJours = anticipationAvisJours;
        DelaiApresAvertissementMois = delaiApresAvertissementMois;
        AttentePreuveJours = attentePreuveJours;
    }

    /// <summary>
    /// R441-2-7 [V]: the applicant is notified « un mois au moins » before the end of validity, of the date the demand
    /// stops being valid. The notice sets the deadline to renew: the end of validity, or this many months after the notice when it
    /// went out later.
    /// </summary>
    public int PreavisRenouvellementMois { get; }

    /// <summary>
    /// Team choice [M]: the daily run sends the renewal notice this many days before the last legal day, so that a letter
    /// sent by post arrives in time.
    /// </summary>
    public int AnticipationAvisJours { get; }

    /// <summary>R441-2-8 c) and d) [V]: the radiation comes one month after the warning, counted from its delivery.</summary>
    public int DelaiApresAvertissementMois { get; }

    /// <summary>
    /// Team choice [M]: days after a warning was sent with no delivery proof nor return recorded before the demand is listed
    /// for an agent to examine.
    /// </summary>
    public int AttentePreuveJours { get; }

    /// <summary>The law's delays and the team's defaults: one month, 7 days, one month, 21 days.</summary>
    public static readonly DelaisAvis ParDefaut = new(1, 7, 1, 21);

    public static Resultat<DelaisAvis> Creer(int preavisRenouvellementMois, int anticipationAvisJours, int delaiApresAvertissementMois, int attentePreuveJours)
    {
        if (preavisRenouvellementMois is < 1 or > 6)
            return Resultat.Echec<DelaisAvis>("Le préavis de renouvellement compte de 1 à 6 mois : la loi exige au moins un mois (R441-2-7).");
        if (anticipationAvisJours is < 0 or > 60)
            return Resultat.Echec<DelaisAvis>("L'avance de l'envoi de l'avis de renouvellement compte de 0 à 60 jours.");
        if (delaiApresAvertissementMois is < 1 or > 6)
            return Resultat.Echec<DelaisAvis>("Le délai entre la remise d'un avertissement et la radiation compte de 1 à 6 mois : la loi exige un mois (R441-2-8 c et d).");
        if (attentePreuveJours is < 1 or > 90)
            return Resultat.Echec<DelaisAvis>("L'attente de la preuve de remise d'un avertissement compte de 1 à 90 jours.");
        return Resultat.Ok(new DelaisAvis(preavisRenouvellementMois, anticipationAvisJours, delaiApresAvertissementMois, attentePreuveJours));
    }

    /// <summary>The last day a notice is on time for a validity ending on <paramref name="finValidite"/> (R441-2-7).</summary>
    public DateOnly DernierJourAvis(DateOnly finValidite) => finValidite.AddMonths(-PreavisRenouvellementMois);

    /// <summary>The day the daily run sends the renewal notice: the last legal day, less the team's advance.</summary>
    public DateOnly EnvoiAvis(DateOnly finValidite) => DernierJourAvis(finValidite).AddDays(-AnticipationAvisJours);

    /// <summary>
    /// The deadline a notice sent on <paramref name="envoi"/> sets: the end of validity, or the notice's date plus the legal
    /// notice when it went out later (the applicant always gets the full delay, R441-2-7). Months are counted from date to
    /// date, the last day of a shorter month standing for a missing one (31 January + one month = 28 or 29 February).
    /// </summary>
    public DateOnly EcheanceAvis(DateOnly finValidite, DateOnly envoi)
    {
        var auPlusTot = envoi.AddMonths(PreavisRenouvellementMois);
        return auPlusTot > finValidite ? auPlusTot : finValidite;
    }

    /// <summary>The first day a radiation c) or d) is possible after a warning delivered on <paramref name="remisLe"/>.</summary>
    public DateOnly RadiationApresRemise(DateOnly remisLe) => remisLe.AddMonths(DelaiApresAvertissementMois);
}
