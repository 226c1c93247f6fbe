using Logis.Domain.Patrimoine;

namespace Logis.Domain.Statistiques;

/// <summary>Active demands that share the same wishes: the typologies, the communes (INSEE codes) and « the whole territory ».</summary>
public sealed record GroupeDemandes(IReadOnlyCollection<Typologie> Typologies, IReadOnlyCollection<string> Communes, bool ToutLeTerritoire, int Nombre);

/// <summary>
/// A lease of the period: the dwelling's commune and typology, the deposit of the demand, the signature, a priority household; signed with a
/// legal entity that sublets (CCH L442-8-1, <paramref name="PersonneMorale"/>) rather than with a household.
/// </summary>
public sealed record BailObserve(string Commune, Typologie Typologie, DateOnly Depot, DateOnly Signature, bool Prioritaire, bool PersonneMorale = false);

/// <summary>
/// The public figures of one commune × typology (null: every commune, every typology), already under the statistical secret: a count is null
/// for a group of 1 to 4 households or when it is masked so that it cannot be rebuilt by difference; the tension, the waiting time and the
/// share of priority households are null when computed on fewer than 5 households.
/// </summary>
public sealed record CelluleStatistique(
    string? Commune, Typologie? Typologie, int? DemandesActives, int? Attributions, decimal? Tension, DelaiAttente Delai, decimal? PartPrioritaires);

/// <summary>
/// The public statistics by commune and typology (docs/information-publique.md §3), every cell at once:
/// <list type="bullet">
/// <item><b>active demands</b> of a cell: those that wish the typology and the commune (or the whole territory) — a demand that wishes several
/// counts in each, so the cells do not add up to the total, which counts it once;</item>
/// <item><b>attributions</b>: the leases of the period for a dwelling of that typology in that commune (each in exactly one cell);</item>
/// <item><b>tension</b> (<see cref="Statistiques.Tension"/>), <b>waiting time of those housed</b> (<see cref="DelaiAttente"/>) and <b>share of
/// priority households</b> among the attributions (<see cref="SecretStatistique.Taux"/>);</item>
/// <item>a lease signed with a legal entity that sublets (<see cref="BailObserve.PersonneMorale"/>) is an attribution (the dwelling is let:
/// it counts in the attributions and the tension) but houses no household the file knows: it counts neither in the waiting time of the
/// households housed nor in the share of priority households (team choice, docs/personne-morale.md);</item>
/// <item>the attribution counts of the commune × typology table, its margins and its total are masked together
/// (<see cref="MasquageSecondaire.MasquerTableau"/>); a masked count also masks the tension, which would give it back.</item>
/// </list>
/// </summary>
public static class TableauStatistiques
{
    public static IReadOnlyDictionary<(string? Commune, Typologie? Typologie), CelluleStatistique> Calculer(
        IReadOnlyList<string> communes, IEnumerable<GroupeDemandes> demandes, IEnumerable<BailObserve> baux)
    {
        ArgumentNullException.ThrowIfNull(communes);
        ArgumentNullException.ThrowIfNull(demandes);
        ArgumentNullException.ThrowIfNull(baux);
        var typologies = Enum.GetValues<Typologie>();
        var nDemandes = new Dictionary<(string?, Typologie?), int>();
        void Ajouter(string? c, Typologie? t, int n) => nDemandes[(c, t)] = nDemandes.GetValueOrDefault((c, t)) + n;
        foreach (var g in demandes)
        {
            Ajouter(null, null, g.Nombre);
            foreach (var t in g.Typologies) Ajouter(null, t, g.Nombre);
            foreach (var c in communes.Where(c => g.ToutLeTerritoire || g.Communes.Contains(c)))
            {
                Ajouter(c, null, g.Nombre);
                foreach (var t in g.Typologies) Ajouter(c, t, g.Nombre);
            }
        }

        var index = communes.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        // Each lease once, into the four cells it counts in: its commune × its typology, its commune (every typology), its typology
        // (every commune) and the whole table; a lease of a commune outside the list (none in practice) counts in the totals of the
        // territory only. Slot 0 of each dimension is « every ».
        var parCellule = new List<(int Mois, bool Prioritaire, bool Menage)>[communes.Count + 1, typologies.Length + 1];
        for (var i = 0; i <= communes.Count; i++)
            for (var j = 0; j <= typologies.Length; j++) parCellule[i, j] = [];
        var tableau = new int[communes.Count, typologies.Length];
        foreach (var b in baux)
        {
            var bail = (DelaiAttente.Mois(b.Depot, b.Signature), b.Prioritaire, !b.PersonneMorale);
            var t = Array.IndexOf(typologies, b.Typologie);
            parCellule[0, 0].Add(bail);
            parCellule[0, t + 1].Add(bail);
            if (!index.TryGetValue(b.Commune, out var i)) continue;
            tableau[i, t]++;
            parCellule[i + 1, 0].Add(bail);
            parCellule[i + 1, t + 1].Add(bail);
        }
        var (mCellules, mLignes, mColonnes, mTotal) = MasquageSecondaire.MasquerTableau(tableau);

        var cellules = new Dictionary<(string?, Typologie?), CelluleStatistique>();
        for (var i = 0; i <= communes.Count; i++)
            for (var j = 0; j <= typologies.Length; j++)
            {
                var (c, t) = (i == 0 ? null : communes[i - 1], j == 0 ? (Typologie?)null : typologies[j - 1]);
                var ici = parCellule[i, j];
                var n = nDemandes.GetValueOrDefault((c, t));
                var masque = (i, j) switch
                {
                    (0, 0) => mTotal,
                    (0, _) => mColonnes[j - 1],
                    (_, 0) => mLignes[i - 1],
                    _ => mCellules[i - 1, j - 1],
                };
                var menages = ici.Where(b => b.Menage).ToList();
                cellules[(c, t)] = new CelluleStatistique(c, t, SecretStatistique.Compte(n), masque ? null : ici.Count,
                    masque ? null : Tension.Calculer(n, ici.Count), DelaiAttente.DepuisMois(menages.Select(b => b.Mois)),
                    SecretStatistique.Taux(menages.Count(b => b.Prioritaire), menages.Count));
            }
        return cellules;
    }
}
