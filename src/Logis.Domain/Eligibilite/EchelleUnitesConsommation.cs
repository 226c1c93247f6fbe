using Logis.Domain.Commun;
using Logis.Domain.Menages;

namespace Logis.Domain.Eligibilite;

/// <summary>
/// The consumption-unit (UC) scale used to compare incomes of households of different sizes, e.g.
/// against the first-quartile threshold (CCH L441-1; income per UC = annual income ÷ UC). No text
/// read fixes the scale (docs/regles/01-mixite-sociale.md §1.6, [M]): it is configuration, and <see cref="OcdeModifiee"/>
/// is only the likely default — 1 for the applicant, 0.5 for each other person aged 14 or more,
/// 0.3 for each child under 14.
/// </summary>
public sealed class EchelleUnitesConsommation
{
    private EchelleUnitesConsommation(decimal demandeur, decimal autrePersonne, decimal enfant, int ageAdulte)
    {
        Demandeur = demandeur;
        AutrePersonne = autrePersonne;
        Enfant = enfant;
        AgeAdulte = ageAdulte;
    }

    /// <summary>Weight of the applicant, whatever their age.</summary>
    public decimal Demandeur { get; }

    /// <summary>Weight of each other person aged <see cref="AgeAdulte"/> or more.</summary>
    public decimal AutrePersonne { get; }

    /// <summary>Weight of each other person under <see cref="AgeAdulte"/>.</summary>
    public decimal Enfant { get; }

    public int AgeAdulte { get; }

    public static EchelleUnitesConsommation OcdeModifiee { get; } = new(1m, 0.5m, 0.3m, 14);

    /// <summary>Every weight must be positive, so that a larger household never has fewer units.</summary>
    public static Resultat<EchelleUnitesConsommation> Creer(decimal demandeur, decimal autrePersonne, decimal enfant, int ageAdulte)
    {
        var erreurs = new List<string>();
        if (demandeur <= 0 || autrePersonne <= 0 || enfant <= 0)
            erreurs.Add($"Les poids de l'échelle d'unités de consommation doivent être positifs ({demandeur} ; {autrePersonne} ; {enfant}).");
        if (ageAdulte is < 1 or > 25)
            erreurs.Add($"L'âge à partir duquel une personne compte comme adulte doit être compris entre 1 et 25 ans ({ageAdulte}).");
        return Resultat.SiAucuneErreur(erreurs, () => new EchelleUnitesConsommation(demandeur, autrePersonne, enfant, ageAdulte));
    }

    /// <summary>Units of the household, ages taken at its reference date.</summary>
    public decimal UnitesConsommation(Menage menage) =>
        menage.Personnes.Sum(p => p.Lien == LienPersonne.Demandeur ? Demandeur
            : p.AgeAu(menage.DateReference) >= AgeAdulte ? AutrePersonne
            : Enfant);

    /// <summary>Annual income per UC, rounded to the euro as the Q1 thresholds are published.</summary>
    public decimal RevenuParUc(Menage menage, decimal revenuAnnuel) =>
        Math.Round(revenuAnnuel / UnitesConsommation(menage), 0, MidpointRounding.AwayFromZero);
}
