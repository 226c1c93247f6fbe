using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;

namespace Logis.Domain.Eligibilite;

/// <summary>A year whose ceilings are missing or incomplete, as the administrator is told.</summary>
public sealed record AvisPlafonds(int Annee, bool Absente, IReadOnlyList<string> TablesManquantes, string Message);

/// <summary>
/// Watches the ceiling tables ahead of the calendar: the yearly arrêté is published in December and applies on 1 January,
/// so from 1 December of year N (French civil day) a missing year N+1 is flagged, and the current year whenever it is missing.
/// Team choice: 1 December leaves the month the arrêté usually comes out in (23 December 2024, 19 December 2025) to load it.
/// </summary>
public static class VeillePlafonds
{
    public const string Fichier = "data/reference/plafonds_ressources_logement_social_2020_2026.csv";

    /// <summary>The first day the next year is watched: 1 December of the current year.</summary>
    public static DateOnly DebutVeille(int annee) => new(annee, 12, 1);

    /// <summary>The notices for <paramref name="jour"/> (a French civil date): empty when nothing is missing.</summary>
    public static IReadOnlyList<AvisPlafonds> Verifier(BaremePlafonds bareme, DateOnly jour)
    {
        var annees = jour >= DebutVeille(jour.Year) ? new[] { jour.Year, jour.Year + 1 } : [jour.Year];
        var avis = new List<AvisPlafonds>();
        foreach (var annee in annees)
        {
            var manquantes = bareme.TablesManquantes(annee);
            if (manquantes.Count == 0) continue;
            var absente = !bareme.Connait(annee);
            var tables = manquantes.Select(t => $"{t.Financement.Libelle()} « {t.Zone.Libelle()} »").ToList();
            var echeance = annee > jour.Year ? $"ils s'appliquent dès le 1er janvier {annee}" : "ils s'appliquent depuis le 1er janvier";
            var message = absente
                ? $"Les plafonds de ressources de {annee} ne sont pas chargés : {echeance}, et l'éligibilité des demandes ne pourra pas être vérifiée pour cette année-là. Ajoutez les valeurs de l'arrêté annuel dans {Fichier} (sources : data/SOURCES.md)."
                : $"Les plafonds de ressources de {annee} sont incomplets ({echeance}) : il manque {string.Join(", ", tables)}. Complétez {Fichier}.";
            avis.Add(new AvisPlafonds(annee, absente, tables, message));
        }
        return avis;
    }
}

/// <summary>
/// The overseas ceilings (Guadeloupe, Martinique, Guyane, La Réunion, Mayotte) follow from the PLUS « autres régions »
/// ceilings of the same year: LLS = 90 % (arrêté du 14 mars 2011 modifié ; CCH R372-7), LLTS = 67,5 % (same arrêté),
/// PLS = LLS + 30 % (arrêté du 12 avril 2005, art. 1er), each rounded to the euro (half up: team choice, it gives back the
/// published 2018 table). The file holds the values; this rule is what the file is checked against.
/// </summary>
public static class PlafondsOutreMer
{
    public static decimal Lls(decimal plusAutresRegions) => Math.Round(plusAutresRegions * 0.90m, MidpointRounding.AwayFromZero);

    public static decimal Llts(decimal plusAutresRegions) => Math.Round(plusAutresRegions * 0.675m, MidpointRounding.AwayFromZero);

    public static decimal Pls(decimal plusAutresRegions) => Math.Round(Lls(plusAutresRegions) * 1.30m, MidpointRounding.AwayFromZero);

    /// <summary>The overseas ceiling of a financing row (PLUS row = LLS, PLAI row = LLTS, PLS row = PLS) for a PLUS « autres régions » amount.</summary>
    public static decimal Deriver(Financement financement, decimal plusAutresRegions) => financement switch
    {
        Financement.Plus => Lls(plusAutresRegions),
        Financement.Plai => Llts(plusAutresRegions),
        Financement.Pls => Pls(plusAutresRegions),
        _ => throw new ArgumentOutOfRangeException(nameof(financement), financement, "Pas de plafond outre-mer pour ce financement."),
    };
}
