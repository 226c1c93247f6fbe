using Logis.Domain.Commun;
using Logis.Domain.Territoire;

namespace Logis.Domain.Mixite;

/// <summary>
/// The first-quartile income threshold of an EPCI for one year (CCH L441-1; fixed each year by a ministerial order, docs/regles/01-mixite-sociale.md
/// §1.6): the highest annual income per consumption unit of the poorest quarter of the applicants registered on the territory. Dated reference
/// data with its source; a threshold entered for the demonstration says so (<see cref="Demonstration"/>). One row per EPCI and year.
/// </summary>
public sealed class SeuilPremierQuartile
{
    public const decimal MontantMaximum = 100_000m;
    public const int LongueurSourceMax = 300;

    private SeuilPremierQuartile() { Source = ""; }

    public Siren EpciSiren { get; private set; }
    public int Annee { get; private set; }

    /// <summary>Euros per consumption unit and per year.</summary>
    public decimal Montant { get; private set; }

    /// <summary>Where the value comes from (the order and its annex, or « donnée de démonstration »).</summary>
    public string Source { get; private set; }

    /// <summary>A plausible value entered for the demonstration territory, not the official one.</summary>
    public bool Demonstration { get; private set; }

    public DateTimeOffset DefiniLe { get; private set; }

    public static Resultat<SeuilPremierQuartile> Definir(Siren epci, int annee, decimal montant, string? source, bool demonstration, DateTimeOffset quand)
    {
        var erreurs = new Dictionary<string, string[]>();
        if (annee is < 2017 or > 2100) erreurs["annee"] = ["L'année du seuil est comprise entre 2017 (loi Égalité et citoyenneté) et 2100."];
        if (montant is <= 0 or > MontantMaximum) erreurs["montant"] = [$"Le seuil est un montant annuel par unité de consommation, supérieur à 0 € et d'au plus {MontantMaximum:0} €."];
        var texte = source?.Trim();
        if (string.IsNullOrEmpty(texte)) erreurs["source"] = ["Indiquez la source du seuil (arrêté et annexe, ou « donnée de démonstration »)."];
        else if (texte.Length > LongueurSourceMax) erreurs["source"] = [$"La source compte au plus {LongueurSourceMax} caractères."];
        if (erreurs.Count > 0) return Resultat.Invalide<SeuilPremierQuartile>("Le seuil du premier quartile comporte des erreurs.", erreurs);
        return Resultat.Ok(new SeuilPremierQuartile
        {
            EpciSiren = epci, Annee = annee, Montant = decimal.Round(montant, 0, MidpointRounding.AwayFromZero), Source = texte!, Demonstration = demonstration, DefiniLe = quand,
        });
    }

    /// <summary>Replaces the value and source of this year's threshold (a corrected order).</summary>
    public void Remplacer(SeuilPremierQuartile autre)
    {
        ArgumentNullException.ThrowIfNull(autre);
        Montant = autre.Montant;
        Source = autre.Source;
        Demonstration = autre.Demonstration;
        DefiniLe = autre.DefiniLe;
    }
}
