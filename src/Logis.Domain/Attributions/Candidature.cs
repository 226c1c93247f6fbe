using Logis.Domain.Commun;
using Logis.Domain.Demandes;

namespace Logis.Domain.Attributions;

/// <summary>
/// A demand proposed as a candidate for a vacancy (before the CALEOL, R441-3): which demand (its id and national number), its rank in the
/// order proposed (1..n), when and by whom (author, organisation, and the réservataire whose contingent the vacancy was oriented to), and
/// the pre-selection's reasons as they stood when it was proposed (a short snapshot: the commission reads why it is there).
/// Built only by <see cref="Proposer"/>.
/// </summary>
public sealed class Candidature
{
    public const int LongueurMotifsMax = 500;

    /// <summary>At most this many candidates in one proposal (team choice: the CALEOL examines at least three, R441-3).</summary>
    public const int NombreMaximum = 10;

    private Candidature() { Numero = ""; Organisation = ""; Motifs = ""; }

    public VacanceId VacanceId { get; private set; }
    public DemandeId DemandeId { get; private set; }

    /// <summary>The demand's national number (18 characters), kept to name it without reading the demand.</summary>
    public string Numero { get; private set; }

    /// <summary>Rank in the order proposed, from 1.</summary>
    public int RangProposition { get; private set; }
    public DateTimeOffset ProposeeLe { get; private set; }
    public AuteurId ProposeeParId { get; private set; }
    public string Organisation { get; private set; }

    /// <summary>The réservataire whose contingent the vacancy counts in (kept after a hand-back, when the landlord proposes).</summary>
    public ReservataireId? ReservataireId { get; private set; }

    /// <summary>The pre-selection's reasons when proposed (never a restricted priority named).</summary>
    public string Motifs { get; private set; }

    /// <summary>
    /// Why the demand of a legal entity (CCH L442-8-1) may not come before the commission for <paramref name="vacance"/>; null when it may, or
    /// when the demand is a household's. Team choice (docs/personne-morale.md): the landlord lets to a legal entity on its own contingent or on a
    /// vacancy handed back to it (<see cref="Vacance.CandidatsDuBailleur"/>); a réservataire's contingent serves the households it designates.
    /// The one rule of the proposal and of the CALEOL's agenda.
    /// </summary>
    public static string? RefusPersonneMorale(Vacance vacance, Demande demande)
    {
        ArgumentNullException.ThrowIfNull(vacance);
        ArgumentNullException.ThrowIfNull(demande);
        return demande.Contenu.EstPersonneMorale && !vacance.CandidatsDuBailleur
            ? $"La demande {demande.Numero.Valeur} est celle d'une personne morale (article L442-8-1 du CCH) : le bailleur la présente sur son contingent "
                + "propre ou sur une vacance qui lui est rendue, pas sur le contingent d'un réservataire, qui propose les ménages qu'il désigne."
            : null;
    }

    /// <summary>
    /// Proposes the <paramref name="candidats"/> for <paramref name="vacance"/>, in the order given (rank 1 first). Each must be retained by the
    /// pre-selection (active, eligible, wishes, size) and, for a legal entity, allowed on this vacancy (<see cref="RefusPersonneMorale"/>); the vacancy records the proposal and each demand's timeline records it. On any
    /// refusal by a check nothing is changed (the checks come before any act); a refusal by an act (a demand's timeline) leaves the
    /// caller to discard its unit of work; errors are keyed by the field <c>numeros</c>.
    /// </summary>
    public static Resultat<IReadOnlyList<Candidature>> Proposer(Vacance vacance, IReadOnlyList<(Demande Demande, LignePreselection Ligne)> candidats,
        DateTimeOffset quand, Acteur par)
    {
        ArgumentNullException.ThrowIfNull(vacance);
        ArgumentNullException.ThrowIfNull(candidats);
        if (vacance.Statut is not (StatutVacance.Orientee or StatutVacance.Rendue))
            return Resultat.Conflit<IReadOnlyList<Candidature>>($"La vacance est {vacance.Statut.Libelle()} : des candidats se proposent sur une vacance orientée (ou rendue au bailleur).");
        var erreurs = new List<string>();
        if (candidats.Count == 0) erreurs.Add("Proposez au moins un candidat (numéro unique de sa demande).");
        if (candidats.Count > NombreMaximum) erreurs.Add($"Proposez au plus {NombreMaximum} candidats à la fois.");
        foreach (var doublon in candidats.GroupBy(c => c.Demande.Id).Where(g => g.Count() > 1))
            erreurs.Add($"La demande {doublon.First().Demande.Numero.Valeur} est proposée deux fois.");
        foreach (var (demande, ligne) in candidats.DistinctBy(c => c.Demande.Id))
        {
            if (ligne.Candidat.Id != demande.Id) throw new ArgumentException("La ligne de présélection ne porte pas sur cette demande.", nameof(candidats));
            if (RefusPersonneMorale(vacance, demande) is { } refus) erreurs.Add(refus);
            else if (!ligne.Retenue) erreurs.Add($"La demande {demande.Numero.Valeur} ne peut pas être proposée pour ce logement : {string.Join(" ", ligne.Exclusions)}");
        }
        if (erreurs.Count > 0)
            return Resultat.Invalide<IReadOnlyList<Candidature>>("Les candidats proposés ne conviennent pas.", new Dictionary<string, string[]> { ["numeros"] = [.. erreurs] });

        var fait = vacance.NoterCandidatsProposes(candidats.Count, quand, par);
        if (!fait.EstReussi) return Resultat.Echec<IReadOnlyList<Candidature>>(fait.Probleme);
        var liste = new List<Candidature>(candidats.Count);
        var rang = 0;
        foreach (var (demande, ligne) in candidats)
        {
            var note = demande.NoterProposition(vacance.LogementId, quand, par);
            // The caller discards the whole unit of work on this refusal (an act dated before the demand's last one).
            if (!note.EstReussi) return Resultat.Conflit<IReadOnlyList<Candidature>>($"La demande {demande.Numero.Valeur} ne peut pas être proposée : {note.Motif}");
            liste.Add(new Candidature
            {
                VacanceId = vacance.Id, DemandeId = demande.Id, Numero = demande.Numero.Valeur, RangProposition = ++rang, ProposeeLe = quand,
                ProposeeParId = par.Id, Organisation = par.Organisation, ReservataireId = vacance.ReservataireId,
                Motifs = ligne.MotifsCourts(LongueurMotifsMax),
            });
        }
        return Resultat.Ok<IReadOnlyList<Candidature>>(liste);
    }
}
