using Logis.Domain.Commun;

namespace Logis.Domain.Demandes;

/// <summary>The DALO decision as typed (API body or form): reference, date (jj/mm/aaaa or aaaa-mm-jj), commission.</summary>
public sealed record DecisionDaloSaisie(string? Reference, string? Date, string? Commission);

/// <summary>A priority situation as typed: its code (<see cref="CriteresPrioritaires.Code"/>) and, for <c>dalo</c>, the decision.</summary>
public sealed record SituationSaisie(string? Critere, DecisionDaloSaisie? DecisionDalo)
{
    /// <summary>Reads the criterion and the decision; the errors are keyed by field (<c>critere</c>, <c>decisionDalo.date</c>…).</summary>
    public Resultat<(CriterePrioritaire Critere, DecisionDalo? Decision)> Lire(DateOnly aujourdhui)
    {
        var erreurs = new Dictionary<string, string[]>();
        var critere = CriteresPrioritaires.Lire(Critere);
        if (critere is null)
            erreurs["critere"] = [$"Choisissez la situation dans la liste (codes admis : {string.Join(", ", CriteresPrioritaires.Tous.Select(c => c.Code()))})."];
        DecisionDalo? decision = null;
        var vide = DecisionDalo is null || (string.IsNullOrWhiteSpace(DecisionDalo.Reference) && string.IsNullOrWhiteSpace(DecisionDalo.Date)
            && string.IsNullOrWhiteSpace(DecisionDalo.Commission));
        if (critere == CriterePrioritaire.ReconnuDalo)
        {
            var date = TexteSaisi.Date(DecisionDalo?.Date);
            var d = Demandes.DecisionDalo.Creer(DecisionDalo?.Reference, date, DecisionDalo?.Commission, aujourdhui);
            if (d.EstReussi) decision = d.Valeur;
            else foreach (var (k, v) in d.Probleme!.Champs) erreurs[k] = v;
            if (date is null && !string.IsNullOrWhiteSpace(DecisionDalo?.Date)) erreurs["decisionDalo.date"] = ["La date de la décision est au format jj/mm/aaaa."];
        }
        else if (critere is not null && !vide)
        {
            erreurs["decisionDalo"] = ["Seule la reconnaissance DALO porte une décision de la commission de médiation."];
        }
        return erreurs.Count > 0
            ? Resultat.Invalide<(CriterePrioritaire, DecisionDalo?)>("La situation prioritaire comporte des erreurs.", erreurs)
            : Resultat.Ok<(CriterePrioritaire, DecisionDalo?)>((critere!.Value, decision));
    }
}

/// <summary>The validation as typed: the piece of the demand checked (its id) and, if the proof has one, its last day of validity.</summary>
public sealed record ValidationSaisie(string? Piece, string? ValableJusquau)
{
    public Resultat<(Guid Piece, DateOnly? ValableJusquau)> Lire()
    {
        var erreurs = new Dictionary<string, string[]>();
        if (!Guid.TryParse(Piece?.Trim(), out var piece)) erreurs["piece"] = ["Choisissez la pièce justificative vérifiée parmi les pièces de la demande."];
        DateOnly? fin = null;
        if (!string.IsNullOrWhiteSpace(ValableJusquau))
        {
            fin = TexteSaisi.Date(ValableJusquau);
            if (fin is null) erreurs["valableJusquau"] = ["La fin de validité du justificatif est au format jj/mm/aaaa."];
        }
        return erreurs.Count > 0
            ? Resultat.Invalide<(Guid, DateOnly?)>("La validation comporte des erreurs.", erreurs)
            : Resultat.Ok<(Guid, DateOnly?)>((piece, fin));
    }
}
