using Logis.Domain.Commun;

namespace Logis.Domain.Eligibilite;

/// <summary>
/// The thresholds of the eligibility rules that no verified text fixes (tags [M] and [S] of docs/regles/):
/// configuration, never constants in the rules. <see cref="Defaut"/> holds the commonly stated values.
/// </summary>
public sealed class ParametresEligibilite
{
    private ParametresEligibilite(int sommeAgesMaxJeuneMenage, decimal seuilBaisseRessources)
    {
        SommeAgesMaxJeuneMenage = sommeAgesMaxJeuneMenage;
        SeuilBaisseRessources = seuilBaisseRessources;
    }

    /// <summary>A couple is a "jeune ménage" when the sum of its ages is at most this (55, [M]).</summary>
    public int SommeAgesMaxJeuneMenage { get; }

    /// <summary>Fall in income (fraction) from which recent income may replace the RFR N-2 (0.10, [S]).</summary>
    public decimal SeuilBaisseRessources { get; }

    public static ParametresEligibilite Defaut { get; } = new(55, 0.10m);

    public static Resultat<ParametresEligibilite> Creer(int sommeAgesMaxJeuneMenage, decimal seuilBaisseRessources)
    {
        var erreurs = new List<string>();
        if (sommeAgesMaxJeuneMenage is < 18 or > 260)
            erreurs.Add($"La somme des âges d'un jeune ménage doit être comprise entre 18 et 260 ans ({sommeAgesMaxJeuneMenage}).");
        if (seuilBaisseRessources is <= 0m or >= 1m)
            erreurs.Add($"Le seuil de baisse des ressources doit être strictement compris entre 0 et 1 ({seuilBaisseRessources}).");
        return Resultat.SiAucuneErreur(erreurs, () => new ParametresEligibilite(sommeAgesMaxJeuneMenage, seuilBaisseRessources));
    }
}
