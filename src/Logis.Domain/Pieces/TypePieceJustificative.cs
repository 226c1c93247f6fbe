using TypePiece = Logis.Domain.Demandes.TypePiece;
using Resultat = Logis.Domain.Commun.Resultat;

namespace Logis.Domain.Pieces;

/// <summary>Sensitivity class of a piece (docs/protection-des-donnees.md §2 item 8): a sensitive piece is seen only by the roles that see sensitive data.</summary>
public enum Sensibilite
{
    Ordinaire = 1,
    Sensible = 2,
}

/// <summary>When the legal list asks for the piece: at registration (annex I-A), at instruction (I-B), or on request of the instructing service (II).</summary>
public enum ExigencePiece
{
    Enregistrement = 1,
    Instruction = 2,
    Complementaire = 3,
}

/// <summary>
/// One entry of the limitative list of supporting documents (CCH R441-2-4; annex of the arrêté of 22 December 2020, in force on
/// 1 February 2021, which replaced the arrêtés of 24 July 2013 and 6 August 2018). The list is dated reference data
/// (<c>data/reference/pieces-justificatives.csv</c>), each line with the annex heading it comes from, its date, source and tag.
/// </summary>
public sealed class TypePieceJustificative
{
    public const int LongueurCodeMax = 60;

    private TypePieceJustificative(string code, string libelle, TypePiece categorie, Sensibilite sensibilite, bool contientNir,
        ExigencePiece exigence, string source, string etiquette, string rubrique, DateOnly? enVigueurDu)
    {
        Rubrique = rubrique;
        EnVigueurDu = enVigueurDu;
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

    /// <summary>The heading of the annex the piece comes from (« I-A … », « II … »); empty when not given.</summary>
    public string Rubrique { get; }

    /// <summary>The date from which the list gives this piece (1 February 2021 for the arrêté of 22 December 2020).</summary>
    public DateOnly? EnVigueurDu { get; }

    public bool EstSensible => Sensibilite == Sensibilite.Sensible;

    /// <summary>When the piece may be asked for, in plain French.</summary>
    public string ExigenceLisible => Exigence switch
    {
        ExigencePiece.Enregistrement => "obligatoire à l'enregistrement",
        ExigencePiece.Instruction => "obligatoire à l'instruction",
        _ => "sur demande du service instructeur",
    };

    /// <summary>What the shared timeline records: never the kind of a sensitive piece.</summary>
    public TypePiece CategorieChronologie => EstSensible ? TypePiece.PieceSensible : Categorie;

    public static Commun.Resultat<TypePieceJustificative> Creer(string? code, string? libelle, string? categorie, string? sensibilite,
        string? contientNir, string? exigence, string? source, string? etiquette, string? rubrique = null, DateOnly? enVigueurDu = null)
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
            new TypePieceJustificative(code, libelle!.Trim(), cat, s!.Value, nir!.Value, e!.Value, source!.Trim(), etiquette!, rubrique?.Trim() ?? "", enVigueurDu));
    }

    public override string ToString() => Code;
}

/// <summary>
/// A code that was once in Logis's list and is not on the legal list: no new piece of this type is accepted, pieces already
/// stored under it stay readable under their old title, marked « hors liste » (docs/sne-cerfa.md §3).
/// </summary>
public sealed record TypePieceRetire(string Code, string Libelle, DateOnly RetireLe, string Motif);

/// <summary>The list of piece types of a Logis instance, looked up by code, and the codes withdrawn from it.</summary>
public sealed class CataloguePieces
{
    public const string ReferenceLegale = "la liste limitative annexée à l'arrêté du 22 décembre 2020 (CCH R441-2-4)";

    private readonly Dictionary<string, TypePieceJustificative> _parCode;
    private readonly Dictionary<string, TypePieceRetire> _retires;

    private CataloguePieces(IReadOnlyList<TypePieceJustificative> types, IReadOnlyList<TypePieceRetire> retires)
    {
        Types = types;
        Retires = retires;
        _parCode = types.ToDictionary(t => t.Code, StringComparer.Ordinal);
        _retires = retires.ToDictionary(t => t.Code, StringComparer.Ordinal);
    }

    /// <summary>The types in the order of the file (the order shown to agents).</summary>
    public IReadOnlyList<TypePieceJustificative> Types { get; }

    /// <summary>Codes withdrawn from the list (kept to read the pieces already stored under them).</summary>
    public IReadOnlyList<TypePieceRetire> Retires { get; }

    public TypePieceJustificative? Trouver(string? code) => code is not null && _parCode.TryGetValue(code, out var t) ? t : null;

    public TypePieceRetire? TrouverRetire(string? code) => code is not null && _retires.TryGetValue(code, out var t) ? t : null;

    /// <summary>
    /// The type an agent asks to deposit, or why it is refused: nothing chosen, a withdrawn code (with the reason), or a code that is
    /// not on the legal list. The message names the list, so the agent knows the refusal is the law's, not a typing slip.
    /// </summary>
    public Commun.Resultat<TypePieceJustificative> Verifier(string? code)
    {
        code = code?.Trim();
        if (string.IsNullOrEmpty(code))
            return Resultat.Echec<TypePieceJustificative>(["Choisissez le type de la pièce dans la liste des pièces justificatives."]);
        if (Trouver(code) is { } type) return Resultat.Ok(type);
        if (TrouverRetire(code) is { } retire)
            return Resultat.Echec<TypePieceJustificative>([$"« {retire.Libelle} » ne peut plus être demandée ni déposée : {retire.Motif}."]);
        return Resultat.Echec<TypePieceJustificative>([
            $"« {Tronquer(code)} » n'est pas une pièce de {ReferenceLegale} : un service ne peut demander ni recevoir d'autre pièce. Choisissez un type dans cette liste."]);
    }

    /// <summary>The title shown for a stored piece: its type's, or the withdrawn type's marked « hors liste », or the bare code.</summary>
    public string LibelleStocke(string code) =>
        Trouver(code)?.Libelle ?? (TrouverRetire(code) is { } r ? $"{r.Libelle} (hors de la liste légale depuis le {r.RetireLe:dd/MM/yyyy})" : code);

    public static Commun.Resultat<CataloguePieces> Creer(IEnumerable<TypePieceJustificative> types, IEnumerable<TypePieceRetire>? retires = null)
    {
        var liste = types.ToList();
        var anciens = (retires ?? []).ToList();
        var erreurs = liste.GroupBy(t => t.Code, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"le code « {g.Key} » figure {g.Count()} fois").ToList();
        if (liste.Count == 0) erreurs.Add("la liste des pièces justificatives est vide");
        erreurs.AddRange(anciens.GroupBy(t => t.Code, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"le code retiré « {g.Key} » figure {g.Count()} fois"));
        erreurs.AddRange(anciens.Where(r => liste.Any(t => t.Code == r.Code)).Select(r => $"le code « {r.Code} » est à la fois dans la liste et retiré"));
        erreurs.AddRange(anciens.Where(r => string.IsNullOrWhiteSpace(r.Libelle) || string.IsNullOrWhiteSpace(r.Motif))
            .Select(r => $"le code retiré « {r.Code} » doit avoir un libellé et un motif"));
        return Resultat.SiAucuneErreur(erreurs, () => new CataloguePieces(liste, anciens));
    }

    private static string Tronquer(string code) => code.Length <= TypePieceJustificative.LongueurCodeMax ? code : code[..TypePieceJustificative.LongueurCodeMax] + "…";
}
