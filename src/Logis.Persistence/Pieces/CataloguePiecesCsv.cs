using Logis.Domain.Commun;
using Logis.Domain.Pieces;
using Logis.Persistence.Reference;

namespace Logis.Persistence.Pieces;

/// <summary>
/// Reads the list of piece types, <c>data/reference/pieces-justificatives.csv</c>, and the codes withdrawn from it,
/// <c>pieces-justificatives-retirees.csv</c> (optional); a malformed line stops with its number.
/// </summary>
public static class CataloguePiecesCsv
{
    public const string Fichier = "pieces-justificatives.csv";
    public const string FichierRetirees = "pieces-justificatives-retirees.csv";

    public static CataloguePieces Lire(string dossierReference)
    {
        var chemin = Path.Combine(dossierReference, Fichier);
        using var lecteur = new StreamReader(chemin);
        var csv = new CsvLecteur(lecteur);
        var types = new List<TypePieceJustificative>();
        var erreurs = new List<string>();
        while (csv.Lire())
        {
            var date = LireDate(csv["en_vigueur_du"]);
            if (date is null) erreurs.Add($"ligne {csv.Ligne} : date en_vigueur_du « {csv["en_vigueur_du"]} » illisible (AAAA-MM-JJ)");
            if (string.IsNullOrWhiteSpace(csv["rubrique_annexe"])) erreurs.Add($"ligne {csv.Ligne} : rubrique_annexe manquante");
            var t = TypePieceJustificative.Creer(csv["code"], csv["libelle"], csv["categorie"], csv["sensibilite"], csv["contient_nir"],
                csv["exigence"], csv["source"], csv["etiquette"], csv["rubrique_annexe"], date);
            if (t.EstReussi) types.Add(t.Valeur);
            else erreurs.Add($"ligne {csv.Ligne} : {string.Join(" ; ", t.Erreurs)}");
        }
        var retirees = LireRetirees(dossierReference, erreurs);
        var catalogue = erreurs.Count == 0 ? CataloguePieces.Creer(types, retirees) : Resultat.Echec<CataloguePieces>(erreurs);
        return catalogue.EstReussi ? catalogue.Valeur
            : throw new InvalidDataException($"{Fichier} : {string.Join(" ; ", catalogue.Erreurs)}");
    }

    private static List<TypePieceRetire> LireRetirees(string dossierReference, List<string> erreurs)
    {
        var chemin = Path.Combine(dossierReference, FichierRetirees);
        var retirees = new List<TypePieceRetire>();
        if (!File.Exists(chemin)) return retirees;
        using var lecteur = new StreamReader(chemin);
        var csv = new CsvLecteur(lecteur);
        while (csv.Lire())
        {
            if (LireDate(csv["retiree_le"]) is { } le) retirees.Add(new TypePieceRetire(csv["code"].Trim(), csv["libelle"].Trim(), le, csv["motif"].Trim()));
            else erreurs.Add($"{FichierRetirees} ligne {csv.Ligne} : date retiree_le « {csv["retiree_le"]} » illisible (AAAA-MM-JJ)");
        }
        return retirees;
    }

    private static DateOnly? LireDate(string texte) =>
        DateOnly.TryParseExact(texte.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : null;
}
