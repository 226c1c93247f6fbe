using System.Globalization;
using Logis.Domain.Commun;
using Logis.Domain.Mixite;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Mixite;

/// <summary>
/// The first-quartile thresholds of an EPCI (CCH L441-1, docs/regles/01-mixite-sociale.md §1.6) as dated reference data: define the value of a
/// year with its source (replacing it when the order is corrected), list them. Used by the pre-selection to show the social-mix objective a
/// candidate serves. The operator's commands (<c>logis mixite seuil definir|lister</c>).
/// </summary>
public sealed class MixiteService(LogisDbContext db, TimeProvider horloge)
{
    public async Task<Resultat<SeuilPremierQuartile>> DefinirAsync(Siren epci, string? annee, string? montant, string? source, bool demonstration, CancellationToken ct)
    {
        var erreurs = new Dictionary<string, string[]>();
        if (!int.TryParse(annee, NumberStyles.None, CultureInfo.InvariantCulture, out var a)) erreurs["annee"] = ["L'année est un nombre à quatre chiffres (par exemple 2026)."];
        if (!decimal.TryParse(montant?.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var m))
            erreurs["montant"] = ["Le seuil est un montant en euros par unité de consommation et par an (par exemple 9243)."];
        if (erreurs.Count > 0) return Resultat.Invalide<SeuilPremierQuartile>("Le seuil du premier quartile comporte des erreurs.", erreurs);
        if (!await db.Epcis.AnyAsync(e => e.Siren == epci, ct)) return Resultat.NonTrouve<SeuilPremierQuartile>($"Aucune intercommunalité de SIREN {epci.Value}.");
        var seuil = SeuilPremierQuartile.Definir(epci, a, m, source, demonstration, horloge.GetUtcNow());
        if (!seuil.EstReussi) return seuil;
        var existant = await db.SeuilsPremierQuartile.SingleOrDefaultAsync(s => s.EpciSiren == epci && s.Annee == a, ct);
        if (existant is null) db.SeuilsPremierQuartile.Add(seuil.Valeur);
        else existant.Remplacer(seuil.Valeur);
        await db.SaveChangesAsync(ct);
        return Resultat.Ok(existant ?? seuil.Valeur);
    }

    /// <summary>Demonstration value (€ per UC per year): the order of magnitude of the published thresholds (2023 national median: 9 243 €).</summary>
    public const decimal SeuilDemo = 8_900m;

    /// <summary>
    /// The demo territory's threshold for the current year when it has none: a plausible value, marked as demonstration data (never the official
    /// value, which the operator enters from the order's annex with <c>logis mixite seuil definir</c>). True when it was written.
    /// </summary>
    public async Task<bool> SemerDemoAsync(Siren epci, CancellationToken ct)
    {
        if (await db.SeuilsPremierQuartile.AnyAsync(s => s.EpciSiren == epci, ct)) return false;
        var annee = horloge.AujourdhuiEnFrance().Year;
        var r = await DefinirAsync(epci, annee.ToString(CultureInfo.InvariantCulture), SeuilDemo.ToString(CultureInfo.InvariantCulture),
            "Donnée de démonstration : ordre de grandeur des seuils publiés (médiane nationale 2023 : 9 243 € par UC et par an), pas la valeur officielle",
            demonstration: true, ct);
        return r.EstReussi;
    }

    public async Task<IReadOnlyList<SeuilPremierQuartile>> ListerAsync(Siren epci, CancellationToken ct) =>
        await db.SeuilsPremierQuartile.AsNoTracking().Where(s => s.EpciSiren == epci).OrderByDescending(s => s.Annee).ToListAsync(ct);
}

public static class SeuilsPremierQuartile
{
    /// <summary>The threshold of <paramref name="annee"/>, else the latest one before it (the order of the year may not be out yet); null when none.</summary>
    public static async Task<SeuilPremierQuartile?> EnVigueurAsync(LogisDbContext db, Siren epci, int annee, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.SeuilsPremierQuartile.AsNoTracking().Where(s => s.EpciSiren == epci && s.Annee <= annee).OrderByDescending(s => s.Annee).FirstOrDefaultAsync(ct);
    }
}
