using Logis.Domain.Mixite;

namespace Logis.Domain.Attributions;

/// <summary>
/// A vacancy of the batch as the matching reads it: its identifier, a label for the explanations (the dwelling's number), whether it is in a
/// QPV, its contingent (the réservataire it is oriented to, or the landlord's own; null when none is known), and, for the objectives narrowed
/// to them, its landlord and commune.
/// </summary>
public sealed record VacanceLot(string Id, string Libelle, bool EnQpv, string? Contingent, string? Bailleur = null, string? Commune = null);

/// <summary>
/// A candidate of the batch: the demand's number, its score, its quartile (<see cref="PremierQuartile"/>: true in the first quartile, false in
/// the others, null when unknown: it then serves neither quartile objective, as in <see cref="IndicateursMixite.Sert"/>) and whether it is a
/// priority (or DALO) household.
/// </summary>
public sealed record CandidatLot(string Id, int Cotation, bool? PremierQuartile, bool Prioritaire);

/// <summary>
/// A pair the matching may choose: the candidate is retained by the pre-selection of the vacancy (<see cref="Preselection"/> judged eligibility,
/// wishes, size and rent; the matching does not judge them again), at rank <see cref="Rang"/> there (1: the best ranked).
/// </summary>
public sealed record PaireAdmissible(string Vacance, string Candidat, int Rang);

/// <summary>
/// A social-mix objective over the batch: at least <see cref="Minimum"/> leases of the batch that serve <see cref="Nature"/> among the vacancies
/// of its perimeter — <see cref="Contingent"/>, <see cref="Bailleur"/>, <see cref="Commune"/>, each when set (none: every vacancy of the batch).
/// First quartile: vacancies outside QPV; other quartiles: vacancies in QPV (as <see cref="IndicateursMixite.DansPerimetre"/>).
/// </summary>
public sealed record ObjectifLot(NatureObjectif Nature, string? Contingent, int Minimum, string? Bailleur = null, string? Commune = null)
{
    /// <summary>
    /// The leases the batch must give an objective of rate <paramref name="taux"/> (percent) so that the year reaches it, if every one of the
    /// <paramref name="vacancesDuLot"/> vacancies of its perimeter is let: the year has <paramref name="baux"/> leases in the perimeter,
    /// <paramref name="atteint"/> of which serve it; after the batch it would have baux + n, and needs ⌈taux × (baux + n) / 100⌉ serving it.
    /// Never below 0 nor above n (what the batch cannot give is not asked of it).
    /// </summary>
    public static int MinimumSurLot(decimal taux, int baux, int atteint, int vacancesDuLot)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(baux);
        ArgumentOutOfRangeException.ThrowIfNegative(atteint);
        ArgumentOutOfRangeException.ThrowIfNegative(vacancesDuLot);
        var vise = (int)decimal.Ceiling(taux * (baux + vacancesDuLot) / 100m);
        return Math.Clamp(vise - atteint, 0, vacancesDuLot);
    }

    /// <summary>True when the vacancy is in the objective's perimeter (whoever is let there).</summary>
    public bool Couvre(VacanceLot vacance)
    {
        ArgumentNullException.ThrowIfNull(vacance);
        if (Contingent is { } c && vacance.Contingent != c) return false;
        if (Bailleur is { } b && vacance.Bailleur != b) return false;
        if (Commune is { } m && vacance.Commune != m) return false;
        return Nature switch
        {
            NatureObjectif.PremierQuartileHorsQpv => !vacance.EnQpv,
            NatureObjectif.AutresQuartilesEnQpv => vacance.EnQpv,
            _ => true,
        };
    }

    /// <summary>True when the pair (vacancy, candidate) counts for this objective.</summary>
    public bool Sert(VacanceLot vacance, CandidatLot candidat)
    {
        ArgumentNullException.ThrowIfNull(candidat);
        if (!Couvre(vacance)) return false;
        return Nature switch
        {
            NatureObjectif.PremierQuartileHorsQpv => candidat.PremierQuartile == true,
            NatureObjectif.AutresQuartilesEnQpv => candidat.PremierQuartile == false,
            _ => candidat.Prioritaire,
        };
    }
}

/// <summary>A pair suggested, with the objectives it serves and why this candidate for this vacancy (<see cref="Raisons"/>, French, for the agent).</summary>
public sealed record PaireAppariee(VacanceLot Vacance, CandidatLot Candidat, int Rang, IReadOnlyList<ObjectifLot> ObjectifsServis, IReadOnlyList<string> Raisons);

/// <summary>An objective of the batch and how many leases of the matching would serve it; <see cref="Manque"/> the leases still missing.</summary>
public sealed record BilanObjectifLot(ObjectifLot Objectif, int Atteint)
{
    public int Manque => Math.Max(0, Objectif.Minimum - Atteint);
    public bool EstAtteint => Manque == 0;
}

/// <summary>
/// A matching of the batch: the pairs (one candidate per vacancy at most, one vacancy per candidate at most), each objective's count, the
/// vacancies filled, the total score, the leases missing to the minima (<see cref="Manque"/>: the sum over the objectives). <see cref="OptimalProuve"/>:
/// the search proved no matching is better (false for the greedy one, or when the search stopped at its node limit).
/// </summary>
public sealed record ResultatAppariement(IReadOnlyList<PaireAppariee> Paires, IReadOnlyList<BilanObjectifLot> Objectifs, int Pourvues, long Cotation, int Manque,
    bool OptimalProuve, int Noeuds)
{
    /// <summary>
    /// When the search stopped before its proof: the most the total score can be below the optimum, the missing leases and the vacancies
    /// filled being proved optimal (the root's Lagrangian bound certifies it); 0 when proved optimal; null when even these are not proved
    /// (and for the greedy matching).
    /// </summary>
    public long? EcartCotationMax { get; init; }
}

/// <summary>
/// The matching of a batch of vacancies open at the same time under the social-mix objectives of the CIA (docs/appariement.md): a suggestion to
/// the agent, never an act. Order of the criteria, each one only between matchings equal on the previous ones:
/// <list type="number">
/// <item>the fewest leases missing to the objectives' minima, summed over the objectives (<c>Σ max(0, minimum − atteint)</c>: every missing
/// lease counts one, whatever the objective) — zero when a matching reaching every minimum exists;</item>
/// <item>the most vacancies filled;</item>
/// <item>the highest total score.</item>
/// </list>
/// Exact method: the criteria are folded into one integer value (weights far apart, so that a criterion always outweighs the next ones), the
/// missing leases through a reward capped at each minimum. The capped rewards make it more than a matching problem: a branch and bound searches
/// it, bounded at each node by the Lagrangian relaxation of the caps (a maximum-weight bipartite matching, by successive shortest paths, whose
/// edges carry the multipliers of the objectives they serve), the multipliers set by a subgradient descent. Every matching the relaxation
/// yields is a solution (the objectives are soft), so the best of them is kept; a node is cut when its bound cannot beat it. Past
/// <c>noeudsMax</c> nodes, the best matching found, improved by a local search, is returned without the proof
/// (<see cref="ResultatAppariement.OptimalProuve"/> false) but with the root's certificate (<see cref="ResultatAppariement.EcartCotationMax"/>).
/// </summary>
public static class Appariement
{
    public const int NoeudsMaxParDefaut = 10;

    /// <summary>Positive when <paramref name="a"/> is better than <paramref name="b"/> by the criteria (missing leases, vacancies filled, score), 0 when equal.</summary>
    public static int Comparer(ResultatAppariement a, ResultatAppariement b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var c = b.Manque.CompareTo(a.Manque);
        if (c != 0) return c;
        c = a.Pourvues.CompareTo(b.Pourvues);
        return c != 0 ? c : a.Cotation.CompareTo(b.Cotation);
    }

    /// <summary>
    /// The greedy matching the agent gets by handling the vacancies one after the other, in the order given: each takes the best ranked
    /// candidate of its pre-selection not already taken by an earlier one.
    /// </summary>
    public static ResultatAppariement Glouton(IReadOnlyList<VacanceLot> vacances, IReadOnlyList<CandidatLot> candidats, IReadOnlyList<PaireAdmissible> paires,
        IReadOnlyList<ObjectifLot> objectifs)
    {
        var p = Probleme.Creer(vacances, candidats, paires, objectifs);
        var pris = new bool[p.Candidats.Count];
        var choisies = new List<int>();
        for (var v = 0; v < p.Vacances.Count; v++)
        {
            foreach (var e in p.AretesDe[v])
            {
                if (pris[p.Aretes[e].Candidat]) continue;
                pris[p.Aretes[e].Candidat] = true;
                choisies.Add(e);
                break;
            }
        }
        return p.Resultat(choisies, optimal: false, noeuds: 0);
    }

    /// <summary>The best matching by the criteria (see the type), found by the branch and bound within <paramref name="noeudsMax"/> nodes.</summary>
    public static ResultatAppariement Optimal(IReadOnlyList<VacanceLot> vacances, IReadOnlyList<CandidatLot> candidats, IReadOnlyList<PaireAdmissible> paires,
        IReadOnlyList<ObjectifLot> objectifs, int noeudsMax = NoeudsMaxParDefaut)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(noeudsMax, 1);
        var p = Probleme.Creer(vacances, candidats, paires, objectifs);
        var recherche = new Recherche(p, noeudsMax);
        // The greedy matching is the first incumbent: the result is never worse than it.
        recherche.Proposer([.. Glouton(vacances, candidats, paires, objectifs).Paires.Select(x => p.Arete(x.Vacance.Id, x.Candidat.Id))]);
        recherche.Explorer();
        recherche.Proposer(Ameliorer(p, recherche.Meilleure));
        var ecart = recherche.Complete ? 0 : Math.Max(0, recherche.BorneRacine - recherche.MeilleureValeur);
        return p.Resultat(recherche.Meilleure, ecart == 0, recherche.Noeuds) with { EcartCotationMax = ecart < p.PoidsPourvue ? ecart : null };
    }

    /// <summary>
    /// Local improvement of a matching, by the folded value: a vacancy takes a free candidate of its pre-selection, or two vacancies exchange
    /// their candidates (each admissible for the other), whenever this raises the value; repeated until no move does. It never lowers the value.
    /// </summary>
    private static List<int> Ameliorer(Probleme p, List<int> depart)
    {
        var k = p.Objectifs.Count;
        var arete = new int[p.Vacances.Count];
        Array.Fill(arete, -1);
        var titulaire = new int[p.Candidats.Count];
        Array.Fill(titulaire, -1);
        var compte = new int[k];
        foreach (var e in depart)
        {
            arete[p.Aretes[e].Vacance] = e;
            titulaire[p.Aretes[e].Candidat] = p.Aretes[e].Vacance;
            foreach (var o in p.Aretes[e].Objectifs) compte[o]++;
        }
        var indexPaire = new Dictionary<(int, int), int>();
        for (var e = 0; e < p.Aretes.Count; e++) indexPaire[(p.Aretes[e].Vacance, p.Aretes[e].Candidat)] = e;

        // The change of value when the pairs `retirees` leave and `ajoutees` enter (-1: none).
        long Delta(int retireeA, int retireeB, int ajouteeA, int ajouteeB)
        {
            var d = new int[k];
            long poids = 0;
            foreach (var (e, signe) in new[] { (retireeA, -1), (retireeB, -1), (ajouteeA, 1), (ajouteeB, 1) })
            {
                if (e < 0) continue;
                poids += signe * p.Aretes[e].Poids;
                foreach (var o in p.Aretes[e].Objectifs) d[o] += signe;
            }
            for (var o = 0; o < k; o++)
            {
                if (d[o] == 0) continue;
                var m = p.Objectifs[o].Minimum;
                poids += p.PoidsObjectif * (Math.Min(compte[o] + d[o], m) - Math.Min(compte[o], m));
            }
            return poids;
        }

        void Appliquer(int e, int signe)
        {
            var a = p.Aretes[e];
            arete[a.Vacance] = signe > 0 ? e : -1;
            titulaire[a.Candidat] = signe > 0 ? a.Vacance : -1;
            foreach (var o in a.Objectifs) compte[o] += signe;
        }

        for (var passe = 0; passe < 50; passe++)
        {
            var change = false;
            for (var v = 0; v < p.Vacances.Count; v++)
            {
                foreach (var e2 in p.AretesDe[v])
                {
                    var e = arete[v];
                    if (e2 == e) continue;
                    var c2 = p.Aretes[e2].Candidat;
                    var autre = titulaire[c2];
                    if (autre < 0)
                    {
                        if (Delta(e, -1, e2, -1) <= 0) continue;
                        if (e >= 0) Appliquer(e, -1);
                        Appliquer(e2, 1);
                        change = true;
                        continue;
                    }
                    // c2 is held by another vacancy: exchange when it may take this vacancy's candidate (or stay empty if this one had none).
                    var eAutre = arete[autre];
                    var inverse = e < 0 ? -1 : indexPaire.GetValueOrDefault((autre, p.Aretes[e].Candidat), -2);
                    if (inverse == -2) continue;
                    if (Delta(e, eAutre, e2, inverse) <= 0) continue;
                    if (e >= 0) Appliquer(e, -1);
                    Appliquer(eAutre, -1);
                    Appliquer(e2, 1);
                    if (inverse >= 0) Appliquer(inverse, 1);
                    change = true;
                }
            }
            if (!change) break;
        }
        return [.. arete.Where(e => e >= 0)];
    }

    /// <summary>A pair of the problem: vacancy and candidate indices, integer weight (filled + score), the objectives it serves.</summary>
    private readonly record struct Arete(int Vacance, int Candidat, long Poids, int Rang, int[] Objectifs);

    private sealed class Probleme
    {
        public required IReadOnlyList<VacanceLot> Vacances { get; init; }
        public required IReadOnlyList<CandidatLot> Candidats { get; init; }
        public required IReadOnlyList<ObjectifLot> Objectifs { get; init; }
        public required List<Arete> Aretes { get; init; }
        /// <summary>The pairs of each vacancy, by rank.</summary>
        public required List<int>[] AretesDe { get; init; }
        /// <summary>Weight of one vacancy filled: more than any difference in score between two matchings of equal size.</summary>
        public required long PoidsPourvue { get; init; }
        /// <summary>Weight of one lease towards a minimum: more than any difference in filled vacancies and score.</summary>
        public required long PoidsObjectif { get; init; }

        public static Probleme Creer(IReadOnlyList<VacanceLot> vacances, IReadOnlyList<CandidatLot> candidats, IReadOnlyList<PaireAdmissible> paires,
            IReadOnlyList<ObjectifLot> objectifs)
        {
            ArgumentNullException.ThrowIfNull(vacances);
            ArgumentNullException.ThrowIfNull(candidats);
            ArgumentNullException.ThrowIfNull(paires);
            ArgumentNullException.ThrowIfNull(objectifs);
            var iv = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < vacances.Count; i++)
                if (!iv.TryAdd(vacances[i].Id, i)) throw new ArgumentException($"Vacance {vacances[i].Id} en double.", nameof(vacances));
            var ic = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < candidats.Count; i++)
                if (!ic.TryAdd(candidats[i].Id, i)) throw new ArgumentException($"Candidat {candidats[i].Id} en double.", nameof(candidats));
            foreach (var o in objectifs) ArgumentOutOfRangeException.ThrowIfNegative(o.Minimum, nameof(objectifs));
            var min = candidats.Count == 0 ? 0 : candidats.Min(c => c.Cotation);
            var max = candidats.Count == 0 ? 0 : candidats.Max(c => c.Cotation);
            // Filled vacancies outweigh the score: n × (max − min) is the widest score difference between two matchings of equal size.
            var poidsPourvue = (long)vacances.Count * (max - min) + 1;
            var aretes = new List<Arete>();
            var de = new List<int>[vacances.Count];
            for (var i = 0; i < de.Length; i++) de[i] = [];
            var vues = new HashSet<(int, int)>();
            foreach (var pa in paires.OrderBy(x => x.Rang))
            {
                if (!iv.TryGetValue(pa.Vacance, out var v)) throw new ArgumentException($"Paire d'une vacance inconnue ({pa.Vacance}).", nameof(paires));
                if (!ic.TryGetValue(pa.Candidat, out var c)) throw new ArgumentException($"Paire d'un candidat inconnu ({pa.Candidat}).", nameof(paires));
                if (!vues.Add((v, c))) continue;
                var servis = Enumerable.Range(0, objectifs.Count).Where(o => objectifs[o].Sert(vacances[v], candidats[c])).ToArray();
                de[v].Add(aretes.Count);
                aretes.Add(new Arete(v, c, poidsPourvue + (candidats[c].Cotation - min), pa.Rang, servis));
            }
            // A lease towards a minimum outweighs every matching's filled vacancies and score together.
            var poidsObjectif = (long)vacances.Count * (poidsPourvue + (max - min)) + 1;
            return new Probleme { Vacances = vacances, Candidats = candidats, Objectifs = objectifs, Aretes = aretes, AretesDe = de, PoidsPourvue = poidsPourvue, PoidsObjectif = poidsObjectif };
        }

        public int Arete(string vacance, string candidat) =>
            Aretes.FindIndex(a => Vacances[a.Vacance].Id == vacance && Candidats[a.Candidat].Id == candidat);

        /// <summary>The folded value of a matching: capped rewards of the objectives, then the weights of its pairs.</summary>
        public long Valeur(IEnumerable<int> aretes)
        {
            var compte = new int[Objectifs.Count];
            long valeur = 0;
            foreach (var e in aretes)
            {
                valeur += Aretes[e].Poids;
                foreach (var o in Aretes[e].Objectifs) compte[o]++;
            }
            for (var o = 0; o < compte.Length; o++) valeur += PoidsObjectif * Math.Min(compte[o], Objectifs[o].Minimum);
            return valeur;
        }

        public ResultatAppariement Resultat(IReadOnlyCollection<int> aretes, bool optimal, int noeuds)
        {
            var compte = new int[Objectifs.Count];
            foreach (var e in aretes) foreach (var o in Aretes[e].Objectifs) compte[o]++;
            var candidatDe = new Dictionary<int, int>();
            foreach (var e in aretes) candidatDe[Aretes[e].Candidat] = Aretes[e].Vacance;
            var paires = aretes.OrderBy(e => Aretes[e].Vacance).Select(e => Paire(e, candidatDe)).ToList();
            var bilans = Objectifs.Select((o, i) => new BilanObjectifLot(o, compte[i])).ToList();
            return new ResultatAppariement(paires, bilans, paires.Count, aretes.Sum(e => (long)Candidats[Aretes[e].Candidat].Cotation),
                bilans.Sum(b => b.Manque), optimal, noeuds);
        }

        /// <summary>Why this candidate: its rank, the objectives it serves, where the better ranked candidates of the vacancy went.</summary>
        private PaireAppariee Paire(int e, Dictionary<int, int> vacanceDe)
        {
            var a = Aretes[e];
            var raisons = new List<string>();
            var servis = a.Objectifs.Select(o => Objectifs[o]).ToList();
            if (a.Rang == 1) raisons.Add("Premier de la présélection de ce logement.");
            else raisons.Add($"{a.Rang}e de la présélection de ce logement.");
            foreach (var o in servis.Select(o => o.Nature).Distinct())
                raisons.Add(o switch
                {
                    NatureObjectif.PremierQuartileHorsQpv => "Sert l'objectif des baux hors QPV au premier quartile.",
                    NatureObjectif.AutresQuartilesEnQpv => "Sert l'objectif des baux en QPV aux autres quartiles.",
                    _ => "Sert l'objectif des ménages prioritaires.",
                });
            foreach (var mieux in AretesDe[a.Vacance].Where(x => Aretes[x].Rang < a.Rang).Take(3))
            {
                var c = Candidats[Aretes[mieux].Candidat];
                raisons.Add(vacanceDe.TryGetValue(Aretes[mieux].Candidat, out var ailleurs)
                    ? $"La demande {c.Id}, mieux classée ici, est suggérée pour le logement {Vacances[ailleurs].Libelle}."
                    : c.Cotation == Candidats[a.Candidat].Cotation
                        ? $"La demande {c.Id}, classée avant à cotation égale, n'est pas suggérée : la prendre ne changerait pas le total du lot."
                        : $"La demande {c.Id}, mieux classée ici, n'est pas suggérée : avec elle, le lot atteindrait moins bien les objectifs.");
            }
            return new PaireAppariee(Vacances[a.Vacance], Candidats[a.Candidat], a.Rang, servis, raisons);
        }
    }

    /// <summary>The branch and bound: nodes fix pairs in or out; each is bounded by the Lagrangian relaxation of the capped objectives.</summary>
    private sealed class Recherche(Probleme p, int noeudsMax)
    {
        private const int IterationsRacine = 400;
        private const int IterationsNoeud = 30;
        private long _meilleureValeur = long.MinValue;
        /// <summary>The root's bound: no matching is worth more (the certificate of the gap when the search stops early).</summary>
        public long BorneRacine { get; private set; } = long.MaxValue;
        public long MeilleureValeur => _meilleureValeur;
        public List<int> Meilleure { get; private set; } = [];
        public int Noeuds { get; private set; }
        public bool Complete { get; private set; } = true;

        public void Proposer(List<int> aretes)
        {
            var v = p.Valeur(aretes);
            if (v <= _meilleureValeur) return;
            _meilleureValeur = v;
            Meilleure = aretes;
        }

        public void Explorer()
        {
            var etat = new int[p.Aretes.Count]; // 0 free, 1 fixed in, -1 fixed out
            Noeud(etat, []);
        }

        private void Noeud(int[] etat, List<int> fixees)
        {
            if (Noeuds >= noeudsMax) { Complete = false; return; }
            Noeuds++;
            var k = p.Objectifs.Count;
            // What the fixed pairs already give, and the minima left to the free ones.
            var compte = new int[k];
            long fixe = 0;
            var vPris = new bool[p.Vacances.Count];
            var cPris = new bool[p.Candidats.Count];
            foreach (var e in fixees)
            {
                fixe += p.Aretes[e].Poids;
                foreach (var o in p.Aretes[e].Objectifs) compte[o]++;
                vPris[p.Aretes[e].Vacance] = true;
                cPris[p.Aretes[e].Candidat] = true;
            }
            var reste = new int[k];
            for (var o = 0; o < k; o++)
            {
                fixe += p.PoidsObjectif * Math.Min(compte[o], p.Objectifs[o].Minimum);
                reste[o] = Math.Max(0, p.Objectifs[o].Minimum - compte[o]);
            }
            var libres = new List<int>();
            for (var e = 0; e < p.Aretes.Count; e++)
            {
                var a = p.Aretes[e];
                if (etat[e] == 0 && !vPris[a.Vacance] && !cPris[a.Candidat]) libres.Add(e);
            }

            // Subgradient descent on the multipliers λ ∈ [0, W] (W: the weight of one lease towards a minimum). For any λ,
            // max over matchings of Σ weights + Σ_o λ_o·count_o, plus Σ_o reste_o·(W − λ_o), bounds the node from above.
            var w = p.PoidsObjectif;
            var lambda = new long[k];
            for (var o = 0; o < k; o++) lambda[o] = reste[o] > 0 ? w : 0;
            var borne = long.MaxValue;
            List<int>? appariementBorne = null;
            var theta = 1.0;
            var sansProgres = 0;
            var racine = Noeuds == 1;
            for (var it = 0; it < (racine ? IterationsRacine : IterationsNoeud); it++)
            {
                var poids = new long[libres.Count];
                for (var i = 0; i < libres.Count; i++)
                {
                    var a = p.Aretes[libres[i]];
                    poids[i] = a.Poids;
                    foreach (var o in a.Objectifs) poids[i] += lambda[o];
                }
                var choix = CouplageMaximal.Calculer(p.Vacances.Count, p.Candidats.Count, libres.Select(e => (p.Aretes[e].Vacance, p.Aretes[e].Candidat)).ToList(), poids);
                var matching = choix.Select(i => libres[i]).ToList();
                long l = fixe;
                foreach (var i in choix) l += poids[i];
                for (var o = 0; o < k; o++) l += reste[o] * (w - lambda[o]);
                var solution = new List<int>(fixees);
                solution.AddRange(matching);
                Proposer(solution);
                if (l < borne) { borne = l; appariementBorne = matching; sansProgres = 0; if (racine) BorneRacine = l; }
                else if (++sansProgres >= (racine ? 10 : 4)) { theta /= 2; sansProgres = 0; }
                if (borne <= _meilleureValeur) return; // nothing here beats the best found
                var g = new long[k];
                foreach (var e in matching) foreach (var o in p.Aretes[e].Objectifs) g[o]++;
                long norme = 0;
                for (var o = 0; o < k; o++)
                {
                    g[o] -= reste[o]; // ∂L/∂λ_o = count_o − reste_o
                    if ((g[o] < 0 && lambda[o] >= w) || (g[o] > 0 && lambda[o] <= 0)) g[o] = 0; // at the box's edge
                    norme += g[o] * g[o];
                }
                if (norme == 0 || theta < 1e-6) break;
                var pas = theta * (l - _meilleureValeur) / norme;
                for (var o = 0; o < k; o++) lambda[o] = Math.Clamp(lambda[o] - (long)Math.Round(pas * g[o]), 0, w);
            }
            if (appariementBorne is null || appariementBorne.Count == 0) return;

            // Branch on a pair of the relaxation's matching that serves an objective (they are what the caps couple); the pair in first.
            var branche = appariementBorne.FirstOrDefault(e => p.Aretes[e].Objectifs.Length > 0, appariementBorne[0]);
            etat[branche] = 1;
            fixees.Add(branche);
            Noeud(etat, fixees);
            fixees.RemoveAt(fixees.Count - 1);
            etat[branche] = -1;
            Noeud(etat, fixees);
            etat[branche] = 0;
        }
    }
}

/// <summary>
/// Maximum-weight bipartite matching (not necessarily perfect) by successive shortest paths on the flow network source → vacancy → candidate →
/// sink, costs the opposite of the weights, Dijkstra with potentials: it stops when the shortest augmenting path no longer lowers the cost.
/// </summary>
internal static class CouplageMaximal
{
    /// <summary>The indices of the chosen <paramref name="aretes"/>.</summary>
    public static List<int> Calculer(int nVacances, int nCandidats, IReadOnlyList<(int Vacance, int Candidat)> aretes, IReadOnlyList<long> poids)
    {
        var n = nVacances + nCandidats + 2;
        var s = n - 2;
        var t = n - 1;
        var g = new Graphe(n, 2 * (aretes.Count + nVacances + nCandidats));
        for (var v = 0; v < nVacances; v++) g.Ajouter(s, v, 0);
        var premiere = g.Nombre;
        for (var i = 0; i < aretes.Count; i++) g.Ajouter(aretes[i].Vacance, nVacances + aretes[i].Candidat, -poids[i]);
        for (var c = 0; c < nCandidats; c++) g.Ajouter(nVacances + c, t, 0);

        // Initial potentials: shortest distances in the acyclic network (source 0, vacancies 0, candidate the lowest cost into it).
        var pot = new long[n];
        for (var i = 0; i < aretes.Count; i++)
        {
            var c = nVacances + aretes[i].Candidat;
            pot[c] = Math.Min(pot[c], -poids[i]);
        }
        for (var c = 0; c < nCandidats; c++) pot[t] = Math.Min(pot[t], pot[nVacances + c]);

        var dist = new long[n];
        var par = new int[n];
        var file = new PriorityQueue<int, long>();
        while (true)
        {
            Array.Fill(dist, long.MaxValue);
            Array.Fill(par, -1);
            dist[s] = 0;
            file.Enqueue(s, 0);
            while (file.TryDequeue(out var u, out var d))
            {
                if (d > dist[u]) continue;
                for (var e = g.Tete[u]; e >= 0; e = g.Suivant[e])
                {
                    if (g.Capacite[e] == 0) continue;
                    var x = g.Vers[e];
                    var nd = d + g.Cout[e] + pot[u] - pot[x];
                    if (nd < dist[x]) { dist[x] = nd; par[x] = e; file.Enqueue(x, nd); }
                }
            }
            if (dist[t] == long.MaxValue) break;
            if (dist[t] + pot[t] - pot[s] >= 0) break; // no augmenting path gains weight any more
            // Unreached nodes move as the sink does: every reduced cost stays non-negative.
            var dt = dist[t];
            for (var u = 0; u < n; u++) pot[u] += Math.Min(dist[u], dt);
            for (var x = t; x != s; x = g.Vers[par[x] ^ 1])
            {
                g.Capacite[par[x]]--;
                g.Capacite[par[x] ^ 1]++;
            }
        }
        var choisies = new List<int>();
        for (var i = 0; i < aretes.Count; i++) if (g.Capacite[premiere + 2 * i] == 0) choisies.Add(i);
        return choisies;
    }

    private sealed class Graphe
    {
        public Graphe(int n, int m)
        {
            Tete = new int[n];
            Array.Fill(Tete, -1);
            Vers = new int[m];
            Suivant = new int[m];
            Capacite = new int[m];
            Cout = new long[m];
        }

        public int[] Tete { get; }
        public int[] Vers { get; }
        public int[] Suivant { get; }
        public int[] Capacite { get; }
        public long[] Cout { get; }
        public int Nombre { get; private set; }

        public void Ajouter(int de, int vers, long cout)
        {
            Lien(de, vers, 1, cout);
            Lien(vers, de, 0, -cout);
        }

        private void Lien(int de, int vers, int capacite, long cout)
        {
            Vers[Nombre] = vers;
            Capacite[Nombre] = capacite;
            Cout[Nombre] = cout;
            Suivant[Nombre] = Tete[de];
            Tete[de] = Nombre++;
        }
    }
}
