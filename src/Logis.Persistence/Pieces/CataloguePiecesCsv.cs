using Logis.Domain.Commun;
using Logis.Domain.Pieces;
using Logis.Persistence.Reference;

namespace Logis.Persistence.Pieces;

/// <summary>Reads the list of piece types, <c>data/reference/pieces-justificatives.csv</c>; a malformed line stops with its number.</summary>
public static class CataloguePiecesCsv
{
    public const string Fichier = "pieces-justificatives.csv";

    public static CataloguePieces Lire(string dossierReference)
    {
        var chemin = Path.Combine(dossierReference, Fichier);
        using var lecteur = new StreamReader(chemin);
        var csv = new CsvLecteur(lecteur);
        var types = new List<TypePieceJustificative>();
        var erreurs = new List<string>();
        while (csv.Lire())
        {
            var t = TypePieceJustificative.Creer(csv["code"], csv["libelle"], csv["categorie"], csv["sensibilite"], csv["contient_nir"],
                csv["exigence"], csv["source"], csv["etiquette"]);
            if (t.EstReussi) types.Add(t.Valeur);
            else erreurs.Add($"ligne {csv.Ligne} : {string.Join(" ; ", t.Erreurs)}");
        }
        var catalogue = erreurs.Count == 0 ? CataloguePieces.Creer(types) : Resultat.Echec<CataloguePieces>(erreurs);
        return catalogue.EstReussi ? catalogue.Valeur
            : throw new InvalidDataException($"{Fichier} : {string.Join(" ; ", catalogue.Erreurs)}");
    }
}
