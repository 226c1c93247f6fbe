using System.Globalization;
using System.Text;
using Logis.Domain.Commun;

namespace Logis.Domain.Demandes.Synthese;

/// <summary>
/// A few households of a synthetic file registered a second time, as a shared file really gets them (a household
/// applies at a second guichet, or online after a paper form): deterministic, about one per thousand demands and at
/// least three, in three realistic kinds that <see cref="Doublons.Detecter(IEnumerable{Demande}, int)"/> finds:
/// <list type="number">
/// <item>the same household, same spelling, registered online months later;</item>
/// <item>the same household typed in capitals without accents at another guichet;</item>
/// <item>the applicant registered under a married name (same first name and birth date, other surname).</item>
/// </list>
/// No NIR is generated (as in <see cref="GenerateurDemandes"/>).
/// </summary>
public static class DoublonsSynthetiques
{
    private static readonly string[] NomsDUsage = ["Martin", "Bernard", "Roux", "Fabre", "Giraud"];

    /// <summary>The renewal window of the synthetic file (three months before expiry, as <see cref="GenerateurDemandes"/>'s callers).</summary>
    private static readonly FenetreRenouvellement Fenetre = FenetreRenouvellement.Creer(3).Valeur;

    private static DateTimeOffset Borne(DateTimeOffset quand, DateTimeOffset? plafond) => plafond is { } p && quand > p ? p : quand;

    public static int Nombre(int total) => total < 10 ? 0 : Math.Max(3, total / 1000);

    /// <summary>
    /// The second registrations of <paramref name="nombre"/> households taken at regular intervals among
    /// <paramref name="originales"/> (which are kept as they are); their numbers follow the largest sequence of each month.
    /// </summary>
    public static IReadOnlyList<Demande> Creer(IReadOnlyList<Demande> originales, int nombre, DateOnly reference, DateTimeOffset? plafond = null)
    {
        if (nombre <= 0 || originales.Count == 0) return [];
        var sequences = originales.GroupBy(d => (d.Numero.Annee, d.Numero.Mois)).ToDictionary(g => g.Key, g => g.Max(d => d.Numero.Sequence));
        var pas = Math.Max(1, originales.Count / nombre);
        var resultat = new List<Demande>(nombre);
        for (var k = 0; k < nombre && k * pas < originales.Count; k++)
        {
            var source = originales[(k * pas) + (pas / 2)];
            var genre = k % 3;
            var depot = source.DateDepot.AddDays(45 + (k * 17 % 120));
            if (depot > reference) depot = reference;
            var cle = (depot.Year % 100, depot.Month);
            sequences[cle] = sequences.GetValueOrDefault(cle) + 1;
            var canal = genre == 0 ? CanalDepot.EnLigne : CanalDepot.Guichet;
            var numero = NumeroUnique.Creer(source.Numero.Territoire, depot, sequences[cle],
                canal == CanalDepot.EnLigne ? NumeroUnique.GuichetPortailPublic : source.Numero.Guichet).Valeur;
            var personnes = source.Contenu.Personnes.Select(p => genre switch
            {
                1 => p with { Nom = Majuscules(p.Nom), Prenoms = Majuscules(p.Prenoms) },
                2 when p.Lien == Menages.LienPersonne.Demandeur => p with { Nom = NomsDUsage[k % NomsDUsage.Length] },
                _ => p,
            }).ToList();
            var c = source.Contenu;
            var contenu = ContenuDemande.Creer(personnes, c.Contact, c.SituationFamiliale!.Value, c.RevenuFiscalReferenceN2, c.LogementActuel!,
                c.Motifs, c.MotifPrincipal!.Value, c.Souhaits, c.Handicap).Valeur;
            var guichet = new Acteur(new AuteurId(DeterministicGuid.From($"doublon-synthetique-guichet-{k}")),
                canal == CanalDepot.EnLigne ? "Demande en ligne" : "Guichet d'un bailleur");
            var quand = new DateTimeOffset(depot.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(1));
            if (plafond is { } p && quand > p) quand = p;
            var id = new DemandeId(DeterministicGuid.From($"doublon-synthetique-{source.Numero.Valeur}"));
            var doublon = Demande.Enregistrer(id, numero, contenu, canal, depot, quand, guichet).Valeur;
            // Renewed every year after its notice, as the original: a demo demand is never left expired while active.
            var rang = k;
            CycleSynthetique.Renouveler(doublon, reference, Fenetre, DelaisAvis.ParDefaut, guichet, canal, () => rang % 15,
                jour => Borne(new DateTimeOffset(jour.ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(1)), plafond),
                jour => Borne(new DateTimeOffset(jour.ToDateTime(new TimeOnly(6, 0)), TimeSpan.FromHours(1)), plafond));
            resultat.Add(doublon);
        }
        return resultat;
    }

    /// <summary>« Lefèvre-Dupré » → « LEFEVRE-DUPRE »: how a name is often typed at a counter.</summary>
    private static string Majuscules(string texte)
    {
        var s = new StringBuilder(texte.Length);
        foreach (var ch in texte.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) != UnicodeCategory.NonSpacingMark) s.Append(char.ToUpperInvariant(ch));
        }
        return s.ToString();
    }
}
