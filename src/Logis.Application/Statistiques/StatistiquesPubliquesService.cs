using System.Collections.Concurrent;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Patrimoine;
using Logis.Domain.Statistiques;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Demandes;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Statistiques;

/// <summary>Observed waiting time of the households housed (<see cref="DelaiAttente"/>), in months; null under the statistical secret.</summary>
public sealed record DelaiAttenteDto(decimal? PremierQuartileMois, decimal? MedianeMois, decimal? TroisiemeQuartileMois);

/// <summary>
/// The figures of one commune × typology (either may be null: every commune, every typology). <c>DemandesActives</c>: active demands that
/// wish the typology and the commune (or the whole territory); <c>Attributions</c>: leases signed over the period for a dwelling of that
/// typology in that commune; <c>Tension</c>: active demands per attribution; <c>PartPrioritaires</c>: percent of those attributions made to
/// households recognised priority (L441-1) or DALO. A count is null for a group of 1 to 4 households (or masked so that it cannot be
/// rebuilt by difference); a figure is null when computed on fewer than 5 households.
/// </summary>
public sealed record CelluleStatistiquesDto(
    CommuneVue? Commune, string? Typologie, int? DemandesActives, int? Attributions, decimal? Tension, DelaiAttenteDto DelaiAttente, decimal? PartPrioritaires);

/// <summary>
/// GET /api/v1/statistiques?commune=&amp;typologie=: the figures of the commune × typology asked (<c>Ensemble</c>), its breakdown by
/// typology (within the commune asked, or the territory) and by commune (within the typology asked, or all), over the period <c>Du</c> to
/// <c>Au</c> (the twelve months ending today), as computed at <c>CalculeesLe</c>.
/// </summary>
public sealed record StatistiquesPubliquesDto(
    string Territoire, CommuneVue? Commune, string? Typologie, DateOnly Du, DateOnly Au, DateTimeOffset CalculeesLe,
    CelluleStatistiquesDto Ensemble, IReadOnlyList<CelluleStatistiquesDto> ParTypologie, IReadOnlyList<CelluleStatistiquesDto> ParCommune, string Secret);

/// <summary>
/// The cache of the public statistics of each territory: one aggregate (every commune × typology cell) computed once, kept while the French
/// day, the number of attributions of the territory (a new lease changes it) and a quarter of an hour (for the active demands) stay the same.
/// One per process; each request checks the number of attributions (one indexed count), so a lease recorded by another instance invalidates it too.
/// </summary>
public sealed class CacheStatistiquesPubliques
{
    public static readonly TimeSpan DureeMaximale = TimeSpan.FromMinutes(15);

    internal ConcurrentDictionary<Siren, AgregatStatistiques> Agregats { get; } = new();

    /// <summary>Forgets every aggregate (tests, and an operator who wants fresh figures at once).</summary>
    public void Vider() => Agregats.Clear();
}

/// <summary>The aggregate of a territory: every cell, computed at once.</summary>
internal sealed record AgregatStatistiques(
    DateOnly Jour, int MarqueurAttributions, DateTimeOffset CalculeLe, string Territoire, IReadOnlyList<CommuneVue> Communes, PeriodeObservation Periode,
    IReadOnlyDictionary<(string? Commune, Typologie? Typologie), CelluleStatistiquesDto> Cellules);

/// <summary>
/// The public statistics of the territory (L441-2-6: statistics on demands and attributions by commune and typology; R441-2-10, 5°: indicators
/// of the waiting time by typology and sector): active demands, attributions over the last twelve months, tension, observed waiting time of
/// those housed (quartiles) and share of priority households — always under the statistical secret (docs/regles/11-statistiques.md).
/// No personal data: only counts and figures on groups of at least 5 households.
/// </summary>
public sealed class StatistiquesPubliquesService(LogisDbContext db, TimeProvider horloge, CacheStatistiquesPubliques cache)
{
    public static readonly IReadOnlyList<Typologie> Typologies = Enum.GetValues<Typologie>();

    public const string TexteSecret =
        "Aucun chiffre ne porte sur un groupe de 1 à 4 ménages : un tel nombre est remplacé par « moins de 5 » (null en JSON), et aucun délai, "
        + "taux ou rapport n'est calculé sur lui. Quand une seule case d'une répartition est masquée, une autre l'est aussi, pour qu'on ne la "
        + "retrouve pas par différence avec le total.";

    /// <summary>Reads a <c>typologie</c> (T1 to T6, any case): null for none; a French error keyed « typologie » otherwise.</summary>
    public static Resultat<Typologie?> LireTypologie(string? typologie)
    {
        if (string.IsNullOrWhiteSpace(typologie)) return Resultat.Ok<Typologie?>(null);
        var t = typologie.Trim().ToUpperInvariant();
        if (t.Length == 2 && t[0] == 'T' && Enum.TryParse<Typologie>(t, out var v) && Enum.IsDefined(v)) return Resultat.Ok<Typologie?>(v);
        var message = $"La typologie « {LieuxAccueilService.Tronquer(typologie.Trim())} » est inconnue : T1, T2, T3, T4, T5 ou T6.";
        return Resultat.Invalide<Typologie?>(message, new Dictionary<string, string[]> { ["typologie"] = [message] });
    }

    public async Task<Resultat<StatistiquesPubliquesDto>> LireAsync(Siren epci, string? commune, string? typologie, CancellationToken ct)
    {
        var agregat = await AgregatAsync(epci, ct);
        var lueCommune = LieuxAccueilService.LireCommune(agregat.Communes, commune);
        var lueTypologie = LireTypologie(typologie);
        if (!lueCommune.EstReussi || !lueTypologie.EstReussi)
        {
            var champs = (lueCommune.Probleme?.Champs ?? new Dictionary<string, string[]>())
                .Concat(lueTypologie.Probleme?.Champs ?? new Dictionary<string, string[]>()).ToDictionary(e => e.Key, e => e.Value);
            return Resultat.Invalide<StatistiquesPubliquesDto>(string.Join(" ", new[] { lueCommune.Motif, lueTypologie.Motif }.OfType<string>()), champs);
        }
        var c = lueCommune.Valeur?.CodeInsee;
        var t = lueTypologie.Valeur;
        return Resultat.Ok(new StatistiquesPubliquesDto(agregat.Territoire, lueCommune.Valeur, t?.ToString(), agregat.Periode.Du, agregat.Periode.Au, agregat.CalculeLe,
            agregat.Cellules[(c, t)],
            [.. Typologies.Select(x => agregat.Cellules[(c, x)])],
            [.. agregat.Communes.Select(x => agregat.Cellules[(x.CodeInsee, t)])],
            TexteSecret));
    }

    private async Task<AgregatStatistiques> AgregatAsync(Siren epci, CancellationToken ct)
    {
        var maintenant = horloge.GetUtcNow();
        var jour = HeureFrance.Jour(maintenant);
        var marqueur = await db.Attributions.CountAsync(a => a.EpciSiren == epci, ct);
        if (cache.Agregats.TryGetValue(epci, out var a) && a.Jour == jour && a.MarqueurAttributions == marqueur
            && maintenant - a.CalculeLe < CacheStatistiquesPubliques.DureeMaximale)
            return a;
        var nouveau = await CalculerAsync(epci, jour, marqueur, maintenant, ct);
        cache.Agregats[epci] = nouveau;
        return nouveau;
    }

    private async Task<AgregatStatistiques> CalculerAsync(Siren epci, DateOnly jour, int marqueur, DateTimeOffset maintenant, CancellationToken ct)
    {
        var territoire = await db.Epcis.AsNoTracking().Where(e => e.Siren == epci).Select(e => e.Nom).SingleOrDefaultAsync(ct) ?? epci.Value;
        var communes = await new LieuxAccueilService(db).CommunesAsync(epci, ct);
        var periode = PeriodeObservation.DouzeMoisJusquA(jour);

        // Active demands, grouped by their wishes (few distinct combinations).
        var groupes = (await db.Demandes.AsNoTracking()
                .Where(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == epci && d.Statut == StatutDemande.Active)
                .GroupBy(d => new
                {
                    T = EF.Property<string>(d, ColonnesDemande.Typologies),
                    C = EF.Property<string>(d, ColonnesDemande.Communes),
                    E = EF.Property<bool>(d, ColonnesDemande.ToutEpci),
                })
                .Select(g => new { g.Key.T, g.Key.C, g.Key.E, N = g.Count() }).ToListAsync(ct))
            .Select(g => new GroupeDemandes([.. Typologies.Where(x => g.T.Contains($"|{x}|", StringComparison.Ordinal))],
                [.. g.C.Split('|', StringSplitOptions.RemoveEmptyEntries)], g.E, g.N));
        var baux = (await db.Attributions.AsNoTracking()
                .Where(a => a.EpciSiren == epci && a.DateSignature >= periode.Du && a.DateSignature <= periode.Au)
                .Select(a => new { a.CommuneInsee, a.Typologie, a.DateDepot, a.DateSignature, a.Prioritaire, a.PersonneMorale }).ToListAsync(ct))
            .Select(a => new BailObserve(a.CommuneInsee.Value, a.Typologie, a.DateDepot, a.DateSignature, a.Prioritaire, a.PersonneMorale));
        var noms = communes.ToDictionary(c => c.CodeInsee, c => c, StringComparer.Ordinal);
        var cellules = TableauStatistiques.Calculer([.. communes.Select(c => c.CodeInsee)], groupes, baux).ToDictionary(
            x => x.Key,
            x => new CelluleStatistiquesDto(x.Value.Commune is { } c ? noms[c] : null, x.Value.Typologie?.ToString(), x.Value.DemandesActives, x.Value.Attributions,
                x.Value.Tension, new DelaiAttenteDto(x.Value.Delai.Q1Mois, x.Value.Delai.MedianeMois, x.Value.Delai.Q3Mois), x.Value.PartPrioritaires));
        return new AgregatStatistiques(jour, marqueur, maintenant, territoire, communes, periode, cellules);
    }
}
