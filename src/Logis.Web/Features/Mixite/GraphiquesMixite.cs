using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Html;

namespace Logis.Web.Features.Mixite;

/// <summary>A rate to draw (null: masked or not measurable) and the target it is compared with, if any.</summary>
public sealed record BarreTaux(string Libelle, decimal? Valeur, decimal? Cible = null);

/// <summary>
/// Server-side SVG charts of the social-mix pages and report: horizontal rate bars with the target marked, and the monthly trajectory of a rate
/// against its target. No inline style (CSP), a title naming the table that repeats the values; each chart is always followed by its data table.
/// </summary>
public static class GraphiquesMixite
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");
    private static string E(string s) => WebUtility.HtmlEncode(s);
    private static string N(double d) => d.ToString("0.#", CultureInfo.InvariantCulture);
    public static string Pourcent(decimal? d) => d is { } x ? x.ToString("0.0", Fr) + " %" : "masqué";

    /// <summary>Rate bars from 0 to 100 %, with a red tick at each bar's target.</summary>
    public static HtmlString Taux(string id, string titre, IReadOnlyList<BarreTaux> barres)
    {
        ArgumentNullException.ThrowIfNull(barres);
        const int h = 24, etiquette = 260, largeur = 340;
        var hauteur = barres.Count * (h + 8) + 24;
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"<figure class=\"graphique\"><figcaption>{E(titre)}</figcaption>");
        s.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-labelledby=\"{id}-titre\" viewBox=\"0 0 {etiquette + largeur + 90} {hauteur}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\">");
        s.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-titre\">{E(titre)} (les valeurs sont reprises dans le tableau qui suit)</title>");
        for (var i = 0; i < barres.Count; i++)
        {
            var b = barres[i];
            var y = i * (h + 8) + 2;
            var texte = b.Libelle.Length > 38 ? b.Libelle[..37] + "…" : b.Libelle;
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{etiquette - 6}\" y=\"{y + 17}\" text-anchor=\"end\" class=\"graphique-etiquette\">{E(texte)}</text>");
            var w = b.Valeur is { } v ? (double)Math.Min(100m, v) / 100 * largeur : 0;
            if (b.Valeur is not null) s.Append(CultureInfo.InvariantCulture, $"<rect x=\"{etiquette}\" y=\"{y}\" width=\"{N(Math.Max(w, 1))}\" height=\"{h}\" class=\"graphique-barre\"></rect>");
            if (b.Cible is { } c)
            {
                var x = etiquette + (double)c / 100 * largeur;
                s.Append(CultureInfo.InvariantCulture, $"<line x1=\"{N(x)}\" x2=\"{N(x)}\" y1=\"{y - 2}\" y2=\"{y + h + 2}\" class=\"graphique-cible\"></line>");
            }
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(etiquette + w + 6)}\" y=\"{y + 17}\" class=\"graphique-valeur\">{E(Pourcent(b.Valeur))}{(b.Cible is { } cc ? E(" (cible " + cc.ToString("0.#", Fr) + " %)") : "")}</text>");
        }
        s.Append(CultureInfo.InvariantCulture, $"<line x1=\"{etiquette}\" x2=\"{etiquette + largeur}\" y1=\"{hauteur - 20}\" y2=\"{hauteur - 20}\" class=\"graphique-axe\"></line>");
        foreach (var g in new[] { 0, 25, 50, 75, 100 })
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(etiquette + g / 100.0 * largeur)}\" y=\"{hauteur - 4}\" text-anchor=\"middle\" class=\"graphique-etiquette\">{g} %</text>");
        s.Append("</svg></figure>");
        return new HtmlString(s.ToString());
    }

    /// <summary>The cumulative rate month by month (a line, gaps where masked) against the target (a red horizontal line).</summary>
    public static HtmlString Trajectoire(string id, string titre, IReadOnlyList<(int Mois, decimal? Taux)> points, decimal cible)
    {
        ArgumentNullException.ThrowIfNull(points);
        const int gauche = 50, largeur = 480, haut = 10, hauteur = 200;
        double X(int mois) => gauche + (mois - 1) / 11.0 * largeur;
        double Y(decimal t) => haut + (1 - (double)Math.Min(100m, t) / 100) * hauteur;
        var s = new StringBuilder();
        s.Append(CultureInfo.InvariantCulture, $"<figure class=\"graphique\"><figcaption>{E(titre)}</figcaption>");
        s.Append(CultureInfo.InvariantCulture, $"<svg role=\"img\" aria-labelledby=\"{id}-titre\" viewBox=\"0 0 {gauche + largeur + 20} {haut + hauteur + 30}\" width=\"100%\" preserveAspectRatio=\"xMinYMin meet\">");
        s.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-titre\">{E(titre)} (les valeurs sont reprises dans le tableau qui suit)</title>");
        foreach (var g in new[] { 0, 25, 50, 75, 100 })
        {
            s.Append(CultureInfo.InvariantCulture, $"<line x1=\"{gauche}\" x2=\"{gauche + largeur}\" y1=\"{N(Y(g))}\" y2=\"{N(Y(g))}\" class=\"graphique-axe\"></line>");
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{gauche - 6}\" y=\"{N(Y(g) + 4)}\" text-anchor=\"end\" class=\"graphique-etiquette\">{g} %</text>");
        }
        for (var m = 1; m <= 12; m++)
            s.Append(CultureInfo.InvariantCulture, $"<text x=\"{N(X(m))}\" y=\"{haut + hauteur + 22}\" text-anchor=\"middle\" class=\"graphique-etiquette\">{m}</text>");
        s.Append(CultureInfo.InvariantCulture, $"<line x1=\"{gauche}\" x2=\"{gauche + largeur}\" y1=\"{N(Y(cible))}\" y2=\"{N(Y(cible))}\" class=\"graphique-cible\"></line>");
        var segment = new List<string>();
        void Fermer()
        {
            if (segment.Count > 1) s.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{string.Join(' ', segment)}\" class=\"graphique-ligne\"></polyline>");
            segment.Clear();
        }
        foreach (var (mois, taux) in points)
        {
            if (taux is not { } t) { Fermer(); continue; }
            segment.Add($"{N(X(mois))},{N(Y(t))}");
            s.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{N(X(mois))}\" cy=\"{N(Y(t))}\" r=\"4\" class=\"graphique-point\"></circle>");
        }
        Fermer();
        s.Append("</svg></figure>");
        return new HtmlString(s.ToString());
    }
}
