using Logis.Domain.Commun;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;

namespace Logis.Domain.Eligibilite;

/// <summary>A column of the ceiling tables: categories 1 to 6, then the amount per additional person.</summary>
public enum ColonnePlafond
{
    Categorie1 = 1,
    Categorie2 = 2,
    Categorie3 = 3,
    Categorie4 = 4,
    Categorie5 = 5,
    Categorie6 = 6,
    ParPersonneSupplementaire = 7,
}

/// <summary>
/// One cell of the yearly ceiling tables (annual revenu fiscal de référence, euros), as reference
/// data: the value and where it comes from (official table, IRL revaluation…).
/// </summary>
public sealed class LignePlafond
{
    private LignePlafond(int annee, Financement financement, ZonePlafond zone, ColonnePlafond colonne, decimal montant, string origine)
    {
        Annee = annee;
        Financement = financement;
        Zone = zone;
        Colonne = colonne;
        Montant = montant;
        Origine = origine;
    }

    public int Annee { get; }
    public Financement Financement { get; }
    public ZonePlafond Zone { get; }
    public ColonnePlafond Colonne { get; }
    public decimal Montant { get; }

    /// <summary>Provenance of the value, e.g. "openfisca" or "calcule_IRL" (column origine_valeur).</summary>
    public string Origine { get; }

    public static Resultat<LignePlafond> Creer(int annee, Financement financement, ZonePlafond zone, ColonnePlafond colonne, decimal montant, string origine)
    {
        var erreurs = new List<string>();
        // The arrêté dates from 1987; a year outside this range is a typing error.
        if (annee is < 1987 or > 2100) erreurs.Add($"l'année {annee} n'est pas comprise entre 1987 et 2100");
        if (!Enum.IsDefined(financement)) erreurs.Add($"financement inconnu ({(int)financement})");
        if (!Enum.IsDefined(zone)) erreurs.Add($"zone inconnue ({(int)zone})");
        if (!Enum.IsDefined(colonne)) erreurs.Add($"catégorie inconnue ({(int)colonne})");
        if (montant <= 0) erreurs.Add($"le plafond doit être positif ({montant})");
        if (string.IsNullOrWhiteSpace(origine)) erreurs.Add("l'origine de la valeur est vide");
        return Resultat.SiAucuneErreur(erreurs, () => new LignePlafond(annee, financement, zone, colonne, montant, origine.Trim()));
    }
}

/// <summary>
/// The ceiling that applies to a household: the category amount plus, beyond category 6, the
/// amount per additional person for each of them (arrêté du 29 juillet 1987 modifié, annexes).
/// </summary>
public sealed class Plafond
{
    internal Plafond(int annee, Financement financement, ZonePlafond zone, CategorieMenage categorie, decimal montantCategorie, decimal montantParPersonneSupplementaire, string origine)
    {
        Annee = annee;
        Financement = financement;
        Zone = zone;
        Categorie = categorie;
        MontantCategorie = montantCategorie;
        MontantParPersonneSupplementaire = montantParPersonneSupplementaire;
        Origine = origine;
    }

    public int Annee { get; }
    public Financement Financement { get; }
    public ZonePlafond Zone { get; }
    public CategorieMenage Categorie { get; }
    public decimal MontantCategorie { get; }
    public decimal MontantParPersonneSupplementaire { get; }

    /// <summary>Annual ceiling in euros.</summary>
    public decimal Montant => MontantCategorie + Categorie.PersonnesSupplementaires * MontantParPersonneSupplementaire;

    /// <summary>Provenance of the values used (column origine_valeur), e.g. "openfisca" or "calcule_IRL".</summary>
    public string Origine { get; }

    public string SourceLegale => BaremePlafonds.SourceLegale(Financement, Zone);
}

/// <summary>
/// The yearly ceiling tables, built once from reference data rows (data/reference/plafonds_…csv or
/// the database). A year, financing or zone with no data is an explicit error, never a fallback
/// on another year: a new arrêté is a data change (ARCHITECTURE.md §1).
/// </summary>
public sealed class BaremePlafonds
{
    private readonly Dictionary<Table, Dictionary<ColonnePlafond, LignePlafond>> _tables;

    private BaremePlafonds(Dictionary<Table, Dictionary<ColonnePlafond, LignePlafond>> tables)
    {
        _tables = tables;
        Annees = tables.Keys.Select(k => k.Annee).Distinct().Order().ToArray();
    }

    public IReadOnlyList<int> Annees { get; }

    /// <summary>
    /// The text a ceiling comes from. Overseas, the PLUS row holds the LLS ceilings (logement locatif social, PLUS
    /// « autres régions » less 10 %), the PLAI row the LLTS ones (logement locatif très social, 67,5 % of PLUS
    /// « autres régions ») and the PLS row LLS plus 30 %.
    /// </summary>
    public static string SourceLegale(Financement financement, ZonePlafond zone) => zone != ZonePlafond.OutreMer ? SourceLegale(financement) : financement switch
    {
        Financement.Plus => "Outre-mer, logement locatif social (LLS) : plafonds PLUS « autres régions » minorés de 10 % (arrêté du 14 mars 2011 modifié ; CCH R372-7)",
        Financement.Plai => "Outre-mer, logement locatif très social (LLTS) : 67,5 % des plafonds PLUS « autres régions » (arrêté du 14 mars 2011 modifié ; CCH R372-7)",
        Financement.Pls => "Outre-mer, prêt locatif social : plafonds LLS majorés de 30 % (arrêté du 12 avril 2005, art. 1er ; CCH R372-21)",
        _ => SourceLegale(financement),
    };

    /// <summary>The financings whose ceilings every loaded year must give, in every zone.</summary>
    public static readonly IReadOnlyList<Financement> FinancementsAttendus = [Financement.Plai, Financement.Plus, Financement.Pls];

    /// <summary>Whether a year is loaded at all.</summary>
    public bool Connait(int annee) => Annees.Contains(annee);

    /// <summary>The ceilings' year that applies in <paramref name="annee"/>: that year when loaded, else the latest loaded before it, else the latest loaded.</summary>
    public int AnneeApplicable(int annee) => Connait(annee) ? annee : Annees.Where(a => a < annee).DefaultIfEmpty(Annees.Max()).Max();

    /// <summary>The (financing, zone) tables a year lacks among PLAI, PLUS and PLS in every zone: all of them when the year is absent.</summary>
    public IReadOnlyList<(Financement Financement, ZonePlafond Zone)> TablesManquantes(int annee) =>
        [.. from f in FinancementsAttendus from z in Enum.GetValues<ZonePlafond>() where !_tables.ContainsKey(new Table(annee, f, z)) select (f, z)];

    public static string SourceLegale(Financement financement) => financement switch
    {
        Financement.Plus => "Arrêté du 29 juillet 1987 modifié, annexe I (PLUS) ; CCH R441-1",
        Financement.Plai => "Arrêté du 29 juillet 1987 modifié, annexe II (PLAI) ; CCH R441-1",
        Financement.Pls => "Arrêté du 29 juillet 1987 modifié : plafonds PLUS majorés de 30 % (prêts de l'article R331-17 du CCH)",
        Financement.Pli => "Plafonds du logement intermédiaire (zonage A bis à C), hors arrêté du 29 juillet 1987",
        _ => throw new ArgumentOutOfRangeException(nameof(financement)),
    };

    /// <summary>Every (year, financing, zone) present must have its seven columns, each once.</summary>
    public static Resultat<BaremePlafonds> Creer(IEnumerable<LignePlafond> lignes)
    {
        var erreurs = new List<string>();
        var tables = new Dictionary<Table, Dictionary<ColonnePlafond, LignePlafond>>();
        foreach (var ligne in lignes)
        {
            var cle = new Table(ligne.Annee, ligne.Financement, ligne.Zone);
            if (!tables.TryGetValue(cle, out var table)) tables[cle] = table = [];
            if (!table.TryAdd(ligne.Colonne, ligne))
                erreurs.Add($"Plafond en double : {Designer(cle)}, {Libelle(ligne.Colonne)}.");
        }

        if (tables.Count == 0) erreurs.Add("Aucun plafond de ressources n'a été fourni.");
        foreach (var (cle, table) in tables)
        {
            var manquantes = Enum.GetValues<ColonnePlafond>().Where(c => !table.ContainsKey(c)).Select(Libelle).ToArray();
            if (manquantes.Length > 0)
                erreurs.Add($"Plafonds incomplets pour {Designer(cle)} : il manque {string.Join(", ", manquantes)}.");
        }

        return Resultat.SiAucuneErreur(erreurs, () => new BaremePlafonds(tables));
    }

    public Resultat<Plafond> Plafond(int annee, Financement financement, ZonePlafond zone, CategorieMenage categorie)
    {
        if (!Annees.Contains(annee))
            return Resultat.Echec<Plafond>([$"Les plafonds de ressources de l'année {annee} ne sont pas connus de Logis (années connues : {string.Join(", ", Annees)})."]);
        if (!_tables.TryGetValue(new Table(annee, financement, zone), out var table))
            return Resultat.Echec<Plafond>([$"Aucun plafond {financement.Libelle()} n'est connu pour {annee} en zone « {zone.Libelle()} »."]);

        var cellule = table[(ColonnePlafond)categorie.Numero];
        var parPersonne = table[ColonnePlafond.ParPersonneSupplementaire];
        var origines = categorie.PersonnesSupplementaires > 0 && parPersonne.Origine != cellule.Origine
            ? $"{cellule.Origine} ; {parPersonne.Origine}"
            : cellule.Origine;
        return Resultat.Ok(new Plafond(annee, financement, zone, categorie, cellule.Montant, parPersonne.Montant, origines));
    }

    private static string Designer(Table table) =>
        $"{table.Annee} {table.Financement.Libelle()} « {table.Zone.Libelle()} »";

    private static string Libelle(ColonnePlafond colonne) =>
        colonne == ColonnePlafond.ParPersonneSupplementaire ? "par personne supplémentaire" : $"catégorie {(int)colonne}";

    private readonly record struct Table(int Annee, Financement Financement, ZonePlafond Zone);
}
