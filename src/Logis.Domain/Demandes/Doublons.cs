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
/// Pure detection of duplicate demands (one household, one demand). Only the two holders of each demand are compared:
/// the applicant and the co-applicant (spouse or partner, <see cref="Menages.LienPersonne.Conjoint"/>) — a child, an
/// ascendant or another person to house is never evidence (an adult son's own demand is not a duplicate of his parents').
/// Persons are compared on normalised names (no accents, case, spaces or hyphens), first given name, birth date and NIR
/// when both have one. A pair of holders scores: same NIR 100; same name, first given name and birth date 90; same first
/// given name and birth date (name changed, e.g. by marriage) 70; same name and birth date only (twins?) 40; different
/// NIRs 0. A pair of demands takes its best pair of holders, plus 5 when the second holders match too (at most 100). Each
/// reason names who matched whom (applicant or co-applicant of each demand, with their names) and on which fields.
/// Detection only proposes: an agent decides, and the merge is the competent actor's (<see cref="Acces.Competences"/>).
/// Merging duplicates is a team choice of the shared file, not R441-2-8 f) (which merges numbers into the national one).
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
    /// that a merge is asked for two demands that really look alike). <paramref name="ancienne"/> is the older demand.
    /// </summary>
    public static (int Score, IReadOnlyList<string> Raisons) Evaluer(ContenuDemande ancienne, ContenuDemande recente) =>
        Comparer(Titulaires(ancienne), Titulaires(recente));

    /// <summary>The holders of a demand compared for duplicates: the applicant and the co-applicant, if any.</summary>
    private static List<Identite> Titulaires(ContenuDemande c) =>
        [.. c.Personnes.Where(p => p.Lien is Menages.LienPersonne.Demandeur or Menages.LienPersonne.Conjoint).Select(Identite.De)];

    /// <summary>Which of two demands is kept by a merge: the older deposit, then the smaller number (seniority kept).</summary>
    public static bool EstPlusAncienne(DateOnly depotA, string numeroA, DateOnly depotB, string numeroB) =>
        depotA < depotB || (depotA == depotB && string.CompareOrdinal(numeroA, numeroB) < 0);

    private static IReadOnlyList<TPaire> Detecter<T, TPaire>(
        IReadOnlyList<T> actives, Func<T, ContenuDemande> contenu, Func<T, DateOnly> depot, Func<T, string> numero,
        Func<T, T, int, IReadOnlyList<string>, TPaire> creer, int seuil)
    {
        var identites = actives.Select(d => Titulaires(contenu(d))).ToList();

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
            var iAvant = EstPlusAncienne(depot(actives[i]), numero(actives[i]), depot(actives[j]), numero(actives[j]));
            var (score, raisons) = iAvant ? Comparer(identites[i], identites[j]) : Comparer(identites[j], identites[i]);
            if (score < seuil) continue;
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

    /// <summary>Each holder of the older demand against each holder of the newer one; the best match, and the other holders' match.</summary>
    private static (int Score, IReadOnlyList<string> Raisons) Comparer(List<Identite> ancienne, List<Identite> recente)
    {
        var correspondances = ancienne
            .SelectMany(pa => recente.Select(pb => (A: pa, B: pb, R: Identite.Comparer(pa, pb))))
            .Where(c => c.R.Score > 0)
            .OrderByDescending(c => c.R.Score)
            .ToList();
        if (correspondances.Count == 0) return (0, []);
        // Each holder counts once: the best match of the first pair, then the best among the others.
        var retenues = new List<(Identite A, Identite B, (int Score, string Raison) R)>();
        foreach (var c in correspondances)
        {
            if (retenues.Any(r => ReferenceEquals(r.A, c.A) || ReferenceEquals(r.B, c.B))) continue;
            retenues.Add(c);
        }
        var fortes = retenues.Count(r => r.R.Score >= ScoreMemePrenomEtNaissance);
        var score = Math.Min(100, retenues[0].R.Score + (BonusParPersonneCommune * Math.Max(0, fortes - 1)));
        var raisons = retenues.Select(r =>
            $"{r.A.Qualite} de la demande la plus ancienne ({r.A.Libelle}) et {r.B.Qualite} de la plus récente ({r.B.Libelle}) : {r.R.Raison}").ToList();
        return (score, raisons);
    }

    private sealed record Identite(string Nom, string Prenom, DateOnly Naissance, string? Nir, string Qualite, string Libelle)
    {
        public static Identite De(PersonneALoger p) =>
            new(NormaliserNom(p.Nom), PremierPrenom(p.Prenoms), p.DateNaissance, p.Nir?.ValeurComplete,
                p.Lien == Menages.LienPersonne.Demandeur ? "demandeur" : "co-demandeur (conjoint)", $"{p.Prenoms} {p.Nom}");

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
                (true, true) => (ScoreMemeIdentite, "mêmes nom, premier prénom et date de naissance"),
                (false, true) => (ScoreMemePrenomEtNaissance, "mêmes premier prénom et date de naissance, nom différent"),
                (true, false) => (ScoreMemeNomEtNaissance, "mêmes nom et date de naissance, prénom différent"),
                _ => (0, ""),
            };
        }
    }
}
