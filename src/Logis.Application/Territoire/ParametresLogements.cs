using System.Globalization;
using Logis.Domain.Commun;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;

namespace Logis.Application.Territoire;

/// <summary>
/// Query-string filters and paging of the dwelling lists, shared by the API and the pages. Raw strings
/// are parsed here so that a malformed value gets a French message naming the parameter.
/// </summary>
public static class ParametresLogements
{
    public const int TaillePageParDefaut = 50;
    public const int TaillePageMax = 200;

    public static (FiltreLogements? Filtre, int Page, int TaillePage, Dictionary<string, string[]> Erreurs) Lire(
        string? commune, string? typologie, string? qpv, string? financement, string? bailleur, string? page, string? taillePage)
    {
        var erreurs = new Dictionary<string, string[]>();
        CodeInsee? codeCommune = null;
        if (!string.IsNullOrWhiteSpace(commune))
        {
            if (CodeInsee.TryCreate(commune, out var c)) codeCommune = c;
            else erreurs["commune"] = ["Le code INSEE de la commune doit compter 5 caractères (ex. 83137)."];
        }
        Typologie? typo = null;
        if (!string.IsNullOrWhiteSpace(typologie))
        {
            if (Typologies.TryParse(typologie, out var t)) typo = t;
            else erreurs["typologie"] = ["La typologie doit valoir T1, T2, T3, T4, T5 ou T6."];
        }
        bool? enQpv = null;
        if (!string.IsNullOrWhiteSpace(qpv))
        {
            if (bool.TryParse(qpv, out var b)) enQpv = b;
            else if (qpv is "oui" or "non") enQpv = qpv == "oui";
            else erreurs["qpv"] = ["Le filtre qpv vaut true (en QPV) ou false (hors QPV)."];
        }
        Financement? fin = null;
        if (!string.IsNullOrWhiteSpace(financement))
        {
            if (Financements.TryParse(financement, out var f)) fin = f;
            else erreurs["financement"] = ["Le financement vaut PLAI, PLUS, PLS ou PLI."];
        }
        BailleurId? idBailleur = null;
        if (!string.IsNullOrWhiteSpace(bailleur))
        {
            if (Guid.TryParse(bailleur, out var g)) idBailleur = new BailleurId(g);
            else erreurs["bailleur"] = ["L'identifiant du bailleur est mal formé."];
        }
        var numeroPage = Entier(page, 1, "page", 1, int.MaxValue / TaillePageMax, "La page est un entier à partir de 1.", erreurs);
        var taille = Entier(taillePage, TaillePageParDefaut, "taillePage", 1, TaillePageMax, $"La taille de page est un entier de 1 à {TaillePageMax}.", erreurs);
        return (erreurs.Count == 0 ? new FiltreLogements(codeCommune, typo, enQpv, fin, idBailleur) : null, numeroPage, taille, erreurs);
    }

    private static int Entier(string? brut, int defaut, string nom, int min, int max, string message, Dictionary<string, string[]> erreurs)
    {
        if (string.IsNullOrWhiteSpace(brut)) return defaut;
        if (int.TryParse(brut, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
        erreurs[nom] = [message];
        return defaut;
    }
}
