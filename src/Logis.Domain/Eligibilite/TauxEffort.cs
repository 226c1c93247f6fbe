using Logis.Domain.Commun;
using Logis.Domain.Menages;

namespace Logis.Domain.Eligibilite;

/// <summary>
/// The monthly housing cost of a household in a dwelling, net of housing allowance, in euros.
/// <see cref="Loyer"/> includes the rent of annexes (parking, garage) and the energy-savings
/// contribution where there is one (usual reading of R441-3-1 and the arrêté du 10 mars 2011, [M]).
/// </summary>
public sealed class DepenseLogement
{
    private DepenseLogement(decimal loyer, decimal charges, decimal aideAuLogement)
    {
        Loyer = loyer;
        Charges = charges;
        AideAuLogement = aideAuLogement;
    }

    public decimal Loyer { get; }

    /// <summary>Recoverable charges (charges récupérables).</summary>
    public decimal Charges { get; }

    /// <summary>APL or AL expected for this dwelling.</summary>
    public decimal AideAuLogement { get; }

    public decimal DepenseNette => Loyer + Charges - AideAuLogement;

    public static Resultat<DepenseLogement> Creer(decimal loyer, decimal charges, decimal aideAuLogement)
    {
        var erreurs = new List<string>();
        if (loyer < 0) erreurs.Add($"Le loyer ne peut pas être négatif ({TexteFr.Euros(loyer)}).");
        if (charges < 0) erreurs.Add($"Les charges ne peuvent pas être négatives ({TexteFr.Euros(charges)}).");
        if (aideAuLogement < 0) erreurs.Add($"L'aide au logement ne peut pas être négative ({TexteFr.Euros(aideAuLogement)}).");
        else if (aideAuLogement > loyer + charges && loyer >= 0 && charges >= 0)
            erreurs.Add($"L'aide au logement ({TexteFr.Euros(aideAuLogement)}) ne peut pas dépasser le loyer et les charges ({TexteFr.Euros(loyer + charges)}).");
        return Resultat.SiAucuneErreur(erreurs, () => new DepenseLogement(loyer, charges, aideAuLogement));
    }
}

/// <summary>
/// Effort rate (taux d'effort) = (rent + charges − housing allowance) ÷ monthly resources of the
/// persons who will live in the dwelling. CALEOLs must consider it (CCH R441-3-1, arrêté du
/// 10 mars 2011); the formula is the usual reading, to re-verify ([M]). No legal maximum exists.
/// </summary>
public sealed class TauxEffort
{
    public const string SourceLegale = "CCH R441-3-1 ; arrêté du 10 mars 2011";

    private TauxEffort(decimal valeur, decimal depenseNette, decimal ressourcesMensuelles)
    {
        Valeur = valeur;
        DepenseNette = depenseNette;
        RessourcesMensuelles = ressourcesMensuelles;
    }

    /// <summary>A fraction, rounded to four decimals: 0.3125 is 31.25 %.</summary>
    public decimal Valeur { get; }

    public decimal DepenseNette { get; }

    public decimal RessourcesMensuelles { get; }

    public string Explication =>
        $"Taux d'effort : {TexteFr.Pourcentage(Valeur)} (loyer et charges moins l'aide au logement, {TexteFr.Euros(DepenseNette)} par mois, "
        + $"rapportés aux ressources mensuelles de {TexteFr.Euros(RessourcesMensuelles)} ; {SourceLegale}).";

    public static Resultat<TauxEffort> Calculer(DepenseLogement depense, decimal ressourcesMensuelles) =>
        ressourcesMensuelles <= 0
            ? Resultat.Echec<TauxEffort>([$"Le taux d'effort ne se calcule pas sans ressources mensuelles positives ({TexteFr.Euros(ressourcesMensuelles)})."])
            : Resultat.Ok(new TauxEffort(Math.Round(depense.DepenseNette / ressourcesMensuelles, 4, MidpointRounding.AwayFromZero), depense.DepenseNette, ressourcesMensuelles));
}

/// <summary>
/// Remaining income after housing costs (reste à vivre): monthly resources minus the net housing
/// cost, per person and per consumption unit, per month and per day. Not regulated nationally
/// (docs/regles/06-eligibilite.md §6.6, [S]); Logis takes a day as a thirtieth of a month (<see cref="JoursParMois"/>),
/// the convention of the local grids read. Amounts are rounded to the cent; they may be negative.
/// </summary>
public sealed class ResteAVivre
{
    /// <summary>Logis convention: a month counts 30 days, whatever the calendar month.</summary>
    public const int JoursParMois = 30;

    private ResteAVivre(decimal parMois, int personnes, decimal unitesConsommation)
    {
        ParMois = Arrondir(parMois);
        ParPersonneParMois = Arrondir(parMois / personnes);
        ParUcParMois = Arrondir(parMois / unitesConsommation);
        ParPersonneParJour = Arrondir(parMois / personnes / JoursParMois);
        ParUcParJour = Arrondir(parMois / unitesConsommation / JoursParMois);
    }

    public decimal ParMois { get; }
    public decimal ParPersonneParMois { get; }
    public decimal ParUcParMois { get; }
    public decimal ParPersonneParJour { get; }
    public decimal ParUcParJour { get; }

    public static Resultat<ResteAVivre> Calculer(DepenseLogement depense, decimal ressourcesMensuelles, Menage menage, EchelleUnitesConsommation echelle) =>
        ressourcesMensuelles < 0
            ? Resultat.Echec<ResteAVivre>([$"Les ressources mensuelles ne peuvent pas être négatives ({TexteFr.Euros(ressourcesMensuelles)})."])
            : Resultat.Ok(new ResteAVivre(ressourcesMensuelles - depense.DepenseNette, menage.NombrePersonnes, echelle.UnitesConsommation(menage)));

    private static decimal Arrondir(decimal montant) => Math.Round(montant, 2, MidpointRounding.AwayFromZero);
}
