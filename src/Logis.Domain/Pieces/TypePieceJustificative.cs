using TypePiece = Logis.Domain.Demandes.TypePiece;
using Resultat = Logis.Domain.Commun.Resultat;

namespace Logis.Domain.Pieces;

/// <summary>Sensitivity class of a piece (docs/protection-des-donnees.md §2 item 8): a sensitive piece is seen only by the roles that see sensitive data.</summary>
public enum Sensibilite
{
    Ordinaire = 1,
    Sensible = 2,
}

/// <summary>When the legal list asks for the piece: at registration, at instruction, or on request of the instructing service.</summary>
public enum ExigencePiece
{
    Enregistrement = 1,
    Instruction = 2,
    Complementaire = 3,
}

/// <summary>
/// One entry of the list of supporting documents (liste des pièces justificatives, R441-2-4; arrêté of 24 July 2013 replaced by
/// the arrêtés of 6 August 2018 and 22 December 2020). The list is data (<c>data/reference/pieces-justificatives.csv</c>), each
/// line with its source and tag: only its structure is sourced [S]; most entries are [M].
/// </summary>
public sealed class TypePieceJustificative
{
    public const int LongueurCodeMax = 60;

    private TypePieceJustificative(string code, string libelle, TypePiece categorie, Sensibilite sensibilite, bool contientNir,
        ExigencePiece exigence, string source, string etiquette)
    {
        Code = code;
        Libelle = libelle;
        Categorie = categorie;
        Sensibilite = sensibilite;
        ContientNir = contientNir;
        Exigence = exigence;
        Source = source;
        Etiquette = etiquette;
    }

    /// <summary>Stable identifier stored with each piece (lower-case ASCII, digits and underscores).</summary>
    public string Code { get; }
    public string Libelle { get; }
    /// <summary>The timeline category (<see cref="TypePiece"/>); a sensitive piece is written « pièce à accès restreint » whatever its category.</summary>
    public TypePiece Categorie { get; }
    public Sensibilite Sensibilite { get; }
    /// <summary>The scan carries a NIR (social security number): flagged for blackout and always sensitive (docs/protection-des-donnees.md §2 item 4).</summary>
    public bool ContientNir { get; }
    public ExigencePiece Exigence { get; }
    public string Source { get; }
    /// <summary>V, S, M or D, as in docs/regles/README.md.</summary>
    public string Etiquette { get; }

    public bool EstSensible => Sensibilite == Sensibilite.Sensible;

    /// <summary>What the shared timeline records: never the kind of a sensitive piece.</summary>
    public TypePiece CategorieChronologie => EstSensible ? TypePiece.PieceSensible : Categorie;

    public static Commun.Resultat<TypePieceJustificative> Creer(string? code, string? libelle, string? categorie, string? sensibilite,
        string? contientNir, string? exigence, string? source, string? etiquette)
    {
        var erreurs = new List<string>();
        code = code?.Trim() ?? "";
        if (code.Length is 0 or > LongueurCodeMax || !code.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_'))
            erreurs.Add($"code « {code} » invalide (minuscules, chiffres et « _ », {LongueurCodeMax} caractères au plus)");
        if (string.IsNullOrWhiteSpace(libelle)) erreurs.Add("libellé manquant");
        if (!Enum.TryParse<TypePiece>(categorie, ignoreCase: false, out var cat) || !Enum.IsDefined(cat))
            erreurs.Add($"catégorie inconnue « {categorie} »");
        Sensibilite? s = sensibilite switch { "ordinaire" => Sensibilite.Ordinaire, "sensible" => Sensibilite.Sensible, _ => null };
        if (s is null) erreurs.Add($"sensibilité « {sensibilite} » inconnue (ordinaire ou sensible)");
        bool? nir = contientNir switch { "oui" => true, "non" => false, _ => null };
        if (nir is null) erreurs.Add($"contient_nir vaut oui ou non, pas « {contientNir} »");
        ExigencePiece? e = exigence switch
        {
            "enregistrement" => ExigencePiece.Enregistrement, "instruction" => ExigencePiece.Instruction, "complementaire" => ExigencePiece.Complementaire, _ => null,
        };
        if (e is null) erreurs.Add($"exigence « {exigence} » inconnue (enregistrement, instruction ou complementaire)");
        // docs/protection-des-donnees.md §2 item 8: medical, judicial, violence and NIR-bearing pieces are sensitive. A NIR-bearing type
        // declared ordinary is a data error, not something to silently fix.
        if (nir == true && s == Sensibilite.Ordinaire) erreurs.Add("une pièce qui porte le NIR est forcément sensible");
        if (cat == TypePiece.PieceSensible && s == Sensibilite.Ordinaire) erreurs.Add("la catégorie PieceSensible est forcément sensible");
        if (string.IsNullOrWhiteSpace(source)) erreurs.Add("source manquante");
        if (etiquette is not ("V" or "S" or "M" or "D")) erreurs.Add($"étiquette « {etiquette} » inconnue (V, S, M ou D)");
        return Resultat.SiAucuneErreur(erreurs, () =>
            new TypePieceJustificative(code, libelle!.Trim(), cat, s!.Value, nir!.Value, e!.Value, source!.Trim(), etiquette!));
    }

    public override string ToString() => Code;
}

/// <summary>The list of piece types of a Logis instance, looked up by code.</summary>
public sealed class CataloguePieces
{
    private readonly Dictionary<string, TypePieceJustificative> _parCode;

    private CataloguePieces(IReadOnlyList<TypePieceJustificative> types)
    {
        Types = types;
        _parCode = types.ToDictionary(t => t.Code, StringComparer.Ordinal);
    }

    /// <summary>The types in the order of the file (the order shown to agents).</summary>
    public IReadOnlyList<TypePieceJustificative> Types { get; }

    public TypePieceJustificative? Trouver(string? code) => code is not null && _parCode.TryGetValue(code, out var t) ? t : null;

    public static Commun.Resultat<CataloguePieces> Creer(IEnumerable<TypePieceJustificative> types)
    {
        var liste = types.ToList();
        var erreurs = liste.GroupBy(t => t.Code, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"le code « {g.Key} » figure {g.Count()} fois").ToList();
        if (liste.Count == 0) erreurs.Add("la liste des pièces justificatives est vide");
        return Resultat.SiAucuneErreur(erreurs, () => new CataloguePieces(liste));
    }
}
