using System.Globalization;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;

namespace Logis.Domain.Attributions;

/// <summary>
/// A demand's CALEOL decision for the dwelling of a vacancy, as read from its timeline (<see cref="Demande.NoterDecisionCaleol"/>): the last
/// decision for that dwelling since the vacancy was declared. <paramref name="PieceRecueDepuis"/>: a piece reached the demand after the decision
/// (what lifts a suspensive condition, R441-3 c: the piece the decision names as missing, when it names one).
/// </summary>
public sealed record DecisionCandidat(DemandeId Demande, string Numero, DecisionCaleol Decision, int? Rang, bool Active, bool PieceRecueDepuis)
{
    /// <summary>An attribution, by order of priority or under a suspensive condition (R441-3 a–c): the dwelling may be offered.</summary>
    public bool EstPositive => Decision is DecisionCaleol.Attribution or DecisionCaleol.AttributionAvecRang or DecisionCaleol.AttributionSousConditionSuspensive;
}

/// <summary>One candidate of a vacancy's order of offers, with whether the dwelling may be offered to them now, and why (not).</summary>
public sealed record PlaceCandidat(DecisionCandidat Candidat, Offre? Offre, bool PeutRecevoirOffre, string Explication);

/// <summary>
/// Who is next to receive the offer of a vacancy, from the CALEOL's decisions (R441-3) and the offers already made (R441-10): the candidates with a
/// positive decision in the commission's order — attributions without rank first, then by rank, then by number — each offered only once the
/// better placed have refused the offer or not answered it (or left the file). An attribution under a suspensive condition is offered once a
/// piece has reached the demand after the decision. Pure: the use case reads the decisions and the offers, this says what follows.
/// </summary>
public static class OrdreOffres
{
    private const string Prefixe = "Décision de la CALEOL : ";

    /// <summary>The decision and rank a CALEOL decision event records (<see cref="EvenementDemande.DecisionCaleol"/>), or null when the event is not one.</summary>
    public static (DecisionCaleol Decision, int? Rang)? Lire(EvenementDemande evenement)
    {
        ArgumentNullException.ThrowIfNull(evenement);
        if (evenement.Type != TypeEvenementDemande.DecisionCaleol) return null;
        // The decision and rank kept on the event; the summary's wording for the decisions recorded before they were kept.
        if (evenement.DecisionCaleol is { } gardee) return (gardee, evenement.RangCaleol);
        if (!evenement.Resume.StartsWith(Prefixe, StringComparison.Ordinal)) return null;
        var reste = evenement.Resume[Prefixe.Length..];
        // The longest wording first: « attribution par ordre de priorité » also starts with « attribution ».
        foreach (var d in Enum.GetValues<DecisionCaleol>().OrderByDescending(d => d.Libelle().Length))
        {
            var libelle = d.Libelle();
            if (!reste.StartsWith(libelle, StringComparison.Ordinal)) continue;
            var suite = reste[libelle.Length..];
            int? rang = null;
            const string marque = ", rang ";
            if (suite.StartsWith(marque, StringComparison.Ordinal))
            {
                var chiffres = new string([.. suite[marque.Length..].TakeWhile(char.IsAsciiDigit)]);
                if (int.TryParse(chiffres, NumberStyles.None, CultureInfo.InvariantCulture, out var r)) rang = r;
            }
            return (d, rang);
        }
        return null;
    }

    /// <summary>
    /// The last CALEOL decision of <paramref name="demande"/> for <paramref name="logement"/> recorded at or after <paramref name="depuis"/>
    /// (the vacancy's declaration), as a candidate; null when there is none.
    /// </summary>
    public static DecisionCandidat? Candidat(Demande demande, LogementId logement, DateTimeOffset depuis)
    {
        ArgumentNullException.ThrowIfNull(demande);
        var decision = demande.Evenements.Where(e => e.Type == TypeEvenementDemande.DecisionCaleol && e.LogementId == logement && e.Quand >= depuis)
            .OrderBy(e => e.Rang).LastOrDefault();
        if (decision is null || Lire(decision) is not { } lue) return null;
        // Under a suspensive condition, the piece the decision names (« pièce manquante : … ») lifts it; any piece when none is named.
        var attendue = PieceAttendue(decision.Resume);
        var piece = demande.Evenements.Any(e => e.Type == TypeEvenementDemande.PieceRecue && e.Rang > decision.Rang
            && (attendue is null || e.Resume.EndsWith(" : " + attendue, StringComparison.Ordinal)));
        return new DecisionCandidat(demande.Id, demande.Numero.Valeur, lue.Decision, lue.Rang, demande.Statut == StatutDemande.Active, piece);
    }

    /// <summary>The wording of the piece a suspensive decision names (<see cref="Demande.NoterDecisionCaleol"/>), or null.</summary>
    private static string? PieceAttendue(string resume)
    {
        const string marque = "pièce manquante : ";
        var debut = resume.IndexOf(marque, StringComparison.Ordinal);
        if (debut < 0) return null;
        var reste = resume[(debut + marque.Length)..];
        var fin = reste.IndexOf(", à fournir", StringComparison.Ordinal);
        return fin < 0 ? null : reste[..fin];
    }

    /// <summary>
    /// The order of offers of a vacancy: every candidate with a positive decision, in the commission's order, with the last offer of the vacancy
    /// made to them and whether they may receive one now.
    /// </summary>
    public static IReadOnlyList<PlaceCandidat> Ordonner(IEnumerable<DecisionCandidat> candidats, IEnumerable<Offre> offresVacance)
    {
        ArgumentNullException.ThrowIfNull(candidats);
        ArgumentNullException.ThrowIfNull(offresVacance);
        var offres = offresVacance.ToList();
        var enAttente = offres.FirstOrDefault(o => o.EstEnAttente || o.Statut is StatutOffre.Acceptee or StatutOffre.BailSigne);
        var ordre = candidats.Where(c => c.EstPositive)
            .OrderBy(c => c.Decision == DecisionCaleol.AttributionAvecRang ? 1 : 0).ThenBy(c => c.Rang ?? 0).ThenBy(c => c.Numero, StringComparer.Ordinal).ToList();
        var places = new List<PlaceCandidat>();
        var avantRefuse = true;
        foreach (var c in ordre)
        {
            var offre = offres.Where(o => o.DemandeId == c.Demande).OrderBy(o => o.FaiteLe).LastOrDefault();
            var (peut, pourquoi) = Juger(c, offre, enAttente, avantRefuse);
            places.Add(new PlaceCandidat(c, offre, peut, pourquoi));
            // The next candidates wait for this one, unless it refused (said or by silence) or left the file.
            if (c.Active && offre?.VautRefus != true) avantRefuse = false;
        }
        return places;
    }

    /// <summary>The first candidate who may receive the offer now, if any.</summary>
    public static PlaceCandidat? Suivant(IReadOnlyList<PlaceCandidat> places) => places?.FirstOrDefault(p => p.PeutRecevoirOffre);

    private static (bool, string) Juger(DecisionCandidat c, Offre? offre, Offre? enCours, bool avantRefuse)
    {
        var decision = c.Rang is { } r ? $"{c.Decision.Libelle()}, rang {r}" : c.Decision.Libelle();
        if (offre is not null) return (false, $"Offre du {Offre.F(HeureFrance.Jour(offre.FaiteLe))} : {offre.Statut.Libelle()}.");
        if (!c.Active) return (false, "Demande radiée : elle ne peut plus recevoir d'offre.");
        if (enCours is not null) return (false, $"Décision : {decision}. Une offre est déjà {(enCours.EstEnAttente ? "en attente de réponse" : enCours.Statut.Libelle())} pour ce logement.");
        if (!avantRefuse) return (false, $"Décision : {decision}. Les candidats mieux placés n'ont pas encore refusé l'offre.");
        if (c.Decision == DecisionCaleol.AttributionSousConditionSuspensive && !c.PieceRecueDepuis)
            return (false, "Attribution sous condition suspensive : la pièce attendue n'est pas encore parvenue (R441-3 c).");
        return (true, $"Décision : {decision}. Au tour de ce candidat de recevoir l'offre.");
    }
}
