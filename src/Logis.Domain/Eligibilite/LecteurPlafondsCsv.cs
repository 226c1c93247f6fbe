using System.Globalization;
using Logis.Domain.Commun;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;

namespace Logis.Domain.Eligibilite;

/// <summary>
/// Reads the ceiling file data/reference/plafonds_ressources_logement_social_2020_2026.csv
/// (UTF-8, comma separated, one header line) from a <see cref="TextReader"/>: the domain does no
/// file I/O, the caller opens the file. Every malformed line is reported with its number.
/// </summary>
public static class LecteurPlafondsCsv
{
    public const string EnTete = "annee,financement,zone,categorie_menage,plafond_annuel_eur,origine_valeur";

    private const string ParPersonneSupplementaire = "par_personne_supplementaire";

    public static Resultat<IReadOnlyList<LignePlafond>> Lire(TextReader lecteur)
    {
        var lignes = new List<LignePlafond>();
        var erreurs = new List<string>();

        var entete = lecteur.ReadLine()?.TrimStart('\uFEFF').Trim();
        if (entete != EnTete)
            return Resultat.Echec<IReadOnlyList<LignePlafond>>([$"Ligne 1 : en-tête attendu « {EnTete} », trouvé « {entete} »."]);

        var numero = 1;
        while (lecteur.ReadLine() is { } texte)
        {
            numero++;
            if (string.IsNullOrWhiteSpace(texte)) continue;
            var ligne = LireLigne(texte);
            if (ligne.EstReussi) lignes.Add(ligne.Valeur);
            else erreurs.Add($"Ligne {numero} : {string.Join(" ; ", ligne.Erreurs)}.");
        }

        return Resultat.SiAucuneErreur<IReadOnlyList<LignePlafond>>(erreurs, () => lignes);
    }

    private static Resultat<LignePlafond> LireLigne(string texte)
    {
        var champs = texte.Split(',').Select(c => c.Trim()).ToArray();
        if (champs.Length != 6)
            return Resultat.Echec<LignePlafond>([$"6 champs attendus, {champs.Length} trouvés"]);

        var erreurs = new List<string>();
        if (!int.TryParse(champs[0], NumberStyles.None, CultureInfo.InvariantCulture, out var annee))
            erreurs.Add($"année illisible « {champs[0]} »");
        if (!Financements.TryParse(champs[1], out var financement))
            erreurs.Add($"financement inconnu « {champs[1]} »");
        if (!ZonePlafondNoms.TryParse(champs[2], out var zone))
            erreurs.Add($"zone inconnue « {champs[2]} »");
        if (!TryParseColonne(champs[3], out var colonne))
            erreurs.Add($"catégorie inconnue « {champs[3]} » (1 à 6 ou {ParPersonneSupplementaire})");
        if (!decimal.TryParse(champs[4], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var montant))
            erreurs.Add($"montant illisible « {champs[4]} »");

        return erreurs.Count > 0
            ? Resultat.Echec<LignePlafond>(erreurs)
            : LignePlafond.Creer(annee, financement, zone, colonne, montant, champs[5]);
    }

    private static bool TryParseColonne(string texte, out ColonnePlafond colonne)
    {
        colonne = default;
        if (texte == ParPersonneSupplementaire)
        {
            colonne = ColonnePlafond.ParPersonneSupplementaire;
            return true;
        }
        if (texte.Length != 1 || texte[0] is < '1' or > '6') return false;
        colonne = (ColonnePlafond)(texte[0] - '0');
        return true;
    }
}
