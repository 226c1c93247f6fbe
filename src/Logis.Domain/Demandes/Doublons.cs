using System.Globalization;
using System.Text;

namespace Logis.Domain.Demandes;

/// <summary>Two active demands that seem to be the same household registered twice, with the evidence.</summary>
public sealed record DoublonPotentiel(Demande PlusAncienne, Demande PlusRecente, int Score, IReadOnlyList<string> Raisons);

/// <summary>What the detection reads of an active demand, for a stored file read without its timelines.</summary>
public sealed record CandidatDoublon(DemandeId Id, NumeroUnique Numero, DateOnly DateDepot, ContenuDemande Contenu);

/// <summary>Two candidates that seem to be one household, the older first, with the evidence.</summary>
public sealed record PaireDoublon(CandidatDoublon PlusAncienne, CandidatDoublon PlusRecente, int Score, IReadOnlyList<string> Raisons);

/// <summary>
/// Pure detection of duplicate demands (one household, one demand: R441-2-8 f merges numbers and keeps
/// seniority). Persons are compared on normalised names (no accents, case, spaces or hyphens), first given
/// name, birth date and NIR when both have one. A pair of persons scores:
/// same NIR 100; same name, first given name and birth date 90; same first given name and birth date
/// (name changed, e.g. by marriage) 70; same name and birth date only (twins?) 40; different NIRs 0.
/// A pair of demands takes its best pair of persons, plus 5 per other person found in both (at most 100).
/// Detection only proposes: an agent decides and merges with <see cref="Demande.Fusionner"/>.
/// </summary>
public static class Doublons
{
    public const int SeuilParDefaut = 70;

    private const int ScoreMemeNir = 100;
    private const int ScoreMemeIdentite = 90;
    private const int ScoreMemePrenomEtNaissance = 70;
    private const int ScoreMemeNomEtNaissance = 40;
    private const int BonusParPersonneCommune = 5;

    public static IReadOnlyList<DoublonPotentiel> Detecter(IEnumerable<Demande> demandes, int seuil = SeuilParDefaut) =>
        Detecter(
            demandes.Where(d => d.Statut == StatutDemande.Active).ToList(), d => d.Contenu, d => d.DateDepot, d => d.Numero.Valeur,
            (a, b, score, raisons) => new DoublonPotentiel(a, b, score, raisons), seuil);

    /// <summary>
    /// The same detection over projections of active demands (<see cref="CandidatDoublon"/>): a stored file is read
    /// without loading every timeline. The caller passes active demands only.
    /// </summary>
    public static IReadOnlyList<PaireDoublon> Detecter(IEnumerable<CandidatDoublon> candidats, int seuil = SeuilParDefaut) =>
        Detecter(candidats.ToList(), c => c.Contenu, c => c.DateDepot, c => c.Numero.Valeur,
            (a, b, score, raisons) => new PaireDoublon(a, b, score, raisons), seuil);

    /// <summary>
    /// Score and reasons of one given pair, whether or not it reaches the threshold (comparison screen, and the check
    /// that a merge is asked for two demands that really look alike).
    /// </summary>
    public static (int Score, IReadOnlyList<string> Raisons) Evaluer(ContenuDemande a, ContenuDemande b) =>
        Comparer([.. a.Personnes.Select(Identite.De)], [.. b.Personnes.Select(Identite.De)]);

    /// <summary>Which of two demands is kept by a merge: the older deposit, then the smaller number (R441-2-8 f).</summary>
    public static bool EstPlusAncienne(DateOnly depotA, string numeroA, DateOnly depotB, string numeroB) =>
        depotA < depotB || (depotA == depotB && string.CompareOrdinal(numeroA, numeroB) < 0);

    private static IReadOnlyList<TPaire> Detecter<T, TPaire>(
        IReadOnlyList<T> actives, Func<T, ContenuDemande> contenu, Func<T, DateOnly> depot, Func<T, string> numero,
        Func<T, T, int, IReadOnlyList<string>, TPaire> creer, int seuil)
    {
        var identites = actives.Select(d => contenu(d).Personnes.Select(Identite.De).ToList()).ToList();

        var blocs = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < actives.Count; i++)
        {
            foreach (var cle in identites[i].SelectMany(p => p.Cles()).Distinct())
            {
                if (!blocs.TryGetValue(cle, out var liste)) blocs[cle] = liste = [];
                liste.Add(i);
            }
        }

        var paires = new HashSet<(int, int)>();
        foreach (var liste in blocs.Values.Where(l => l.Count > 1))
        {
            for (var a = 0; a < liste.Count; a++)
            {
                for (var b = a + 1; b < liste.Count; b++) paires.Add((liste[a], liste[b]));
            }
        }

        var resultat = new List<(T Ancienne, T Recente, int Score, IReadOnlyList<string> Raisons)>();
        foreach (var (i, j) in paires)
        {
            var (score, raisons) = Comparer(identites[i], identites[j]);
            if (score < seuil) continue;
            var iAvant = EstPlusAncienne(depot(actives[i]), numero(actives[i]), depot(actives[j]), numero(actives[j]));
            resultat.Add(iAvant ? (actives[i], actives[j], score, raisons) : (actives[j], actives[i], score, raisons));
        }
        return
        [
            .. resultat
                .OrderByDescending(d => d.Score)
                .ThenBy(d => depot(d.Ancienne))
                .ThenBy(d => numero(d.Ancienne), StringComparer.Ordinal)
                .ThenBy(d => numero(d.Recente), StringComparer.Ordinal)
                .Select(d => creer(d.Ancienne, d.Recente, d.Score, d.Raisons)),
        ];
    }

    /// <summary>Upper case, accents and every non-letter removed: « d'Alembert-Lefèvre » → « DALEMBERTLEFEVRE ».</summary>
    public static string NormaliserNom(string nom)
    {
        var decompose = nom.Replace("œ", "oe", StringComparison.OrdinalIgnoreCase)
            .Replace("æ", "ae", StringComparison.OrdinalIgnoreCase)
            .Normalize(NormalizationForm.FormD);
        var s = new StringBuilder(decompose.Length);
        foreach (var c in decompose)
        {
            if (char.IsLetter(c) && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                s.Append(char.ToUpperInvariant(c));
        }
        return s.ToString();
    }

    /// <summary>The first given name, normalised (« Jean-Pierre Marie » → « JEANPIERRE »).</summary>
    public static string PremierPrenom(string prenoms) =>
        NormaliserNom(prenoms.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? "");

    private static (int Score, IReadOnlyList<string> Raisons) Comparer(List<Identite> a, List<Identite> b)
    {
        var meilleures = a
            .Select(pa => b.Select(pb => Identite.Comparer(pa, pb)).MaxBy(r => r.Score))
            .Where(r => r.Score > 0)
            .OrderByDescending(r => r.Score)
            .ToList();
        if (meilleures.Count == 0) return (0, []);
        var communes = meilleures.Count(r => r.Score >= ScoreMemePrenomEtNaissance);
        var score = Math.Min(100, meilleures[0].Score + (BonusParPersonneCommune * Math.Max(0, communes - 1)));
        var raisons = meilleures.Select(r => r.Raison).Distinct().ToList();
        if (communes > 1) raisons.Add($"{communes} personnes à loger en commun");
        return (score, raisons);
    }

    private sealed record Identite(string Nom, string Prenom, DateOnly Naissance, string? Nir)
    {
        public static Identite De(PersonneALoger p) =>
            new(NormaliserNom(p.Nom), PremierPrenom(p.Prenoms), p.DateNaissance, p.Nir?.ValeurComplete);

        public IEnumerable<string> Cles()
        {
            var naissance = Naissance.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            if (Nir is not null) yield return "N|" + Nir;
            yield return $"P|{Prenom}|{naissance}";
            yield return $"D|{Nom}|{naissance}";
        }

        public static (int Score, string Raison) Comparer(Identite a, Identite b)
        {
            if (a.Nir is not null && b.Nir is not null)
                return a.Nir == b.Nir ? (ScoreMemeNir, "même NIR") : (0, "");
            if (a.Naissance != b.Naissance) return (0, "");
            return (a.Nom == b.Nom, a.Prenom == b.Prenom) switch
            {
                (true, true) => (ScoreMemeIdentite, "mêmes nom, prénom et date de naissance"),
                (false, true) => (ScoreMemePrenomEtNaissance, "mêmes prénom et date de naissance, nom différent"),
                (true, false) => (ScoreMemeNomEtNaissance, "mêmes nom et date de naissance, prénom différent"),
                _ => (0, ""),
            };
        }
    }
}
