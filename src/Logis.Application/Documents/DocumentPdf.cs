using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Logis.Application.Documents;

/// <summary>
/// The one place where Logis writes PDF documents an agent prints and files (CALEOL minutes and letters, later the yearly reports): A4 pages,
/// a title, headings, paragraphs wrapped to the width, label–value lines, and a footer with the page number. The text is drawn in DejaVu Sans,
/// read from the machine's fonts (<see cref="PolicesDejaVu"/>), so that it is embedded and can be read back (and copied) from the PDF.
/// </summary>
public sealed class DocumentPdf : IDisposable
{
    private const double Marge = 56; // 2 cm
    private const double Largeur = 595.28; // A4, points
    private const double Hauteur = 841.89;
    private const double BasDePage = Hauteur - Marge - 20;

    private readonly PdfDocument _document = new();
    private readonly string _pied;
    private XGraphics? _g;
    private double _y;

    private static readonly XFont Titre = Police(16, true);
    private static readonly XFont Intertitre = Police(12, true);
    private static readonly XFont Texte = Police(10, false);
    private static readonly XFont Gras = Police(10, true);
    private static readonly XFont Petit = Police(8, false);
    private static readonly XFont PetitGras = Police(8, true);

    /// <param name="titre">The document's title (PDF metadata).</param>
    /// <param name="pied">The footer line of every page, before the page number.</param>
    public DocumentPdf(string titre, string pied)
    {
        PolicesDejaVu.Installer();
        _document.Info.Title = titre;
        _document.Info.Creator = "Logis";
        _document.Language = "fr-FR";
        _pied = pied;
        NouvellePage();
    }

    public DocumentPdf TitrePrincipal(string texte) => Bloc(texte, Titre, 8);

    public DocumentPdf Titre2(string texte)
    {
        _y += 6;
        return Bloc(texte, Intertitre, 4);
    }

    public DocumentPdf Paragraphe(string texte) => Bloc(texte, Texte, 4);

    public DocumentPdf ParagrapheGras(string texte) => Bloc(texte, Gras, 4);

    /// <summary>A bulleted line.</summary>
    public DocumentPdf Puce(string texte) => Bloc(texte, Texte, 2, "– ");

    /// <summary>A label in bold then its value, wrapped together.</summary>
    public DocumentPdf Ligne(string libelle, string valeur) => Bloc($"{libelle} : {valeur}", Texte, 2);

    public DocumentPdf Espace(double points = 8)
    {
        _y += points;
        return this;
    }

    public DocumentPdf SautDePage()
    {
        NouvellePage();
        return this;
    }

    /// <summary>
    /// A table in small print across the width (the first column twice as wide as the others), each cell wrapped; a table longer than the page
    /// goes on over the next one with its header repeated.
    /// </summary>
    public DocumentPdf Tableau(IReadOnlyList<string> colonnes, IReadOnlyList<IReadOnlyList<string>> lignes)
    {
        ArgumentNullException.ThrowIfNull(colonnes);
        ArgumentNullException.ThrowIfNull(lignes);
        var largeur = Largeur - 2 * Marge;
        var unite = largeur / (colonnes.Count + 1);
        double Large(int i) => i == 0 ? 2 * unite : unite;
        double X(int i) => Marge + (i == 0 ? 0 : 2 * unite + (i - 1) * unite);
        var h = Petit.Size * 1.3;
        void Rangee(IReadOnlyList<string> cellules, XFont police)
        {
            var coupees = cellules.Select((c, i) => Couper(c, police, Large(i) - 4)).ToList();
            var hauteur = coupees.Max(c => c.Count) * h + 4;
            if (_y + hauteur > BasDePage)
            {
                NouvellePage();
                if (!ReferenceEquals(cellules, colonnes)) Rangee(colonnes, PetitGras);
            }
            for (var i = 0; i < coupees.Count; i++)
                for (var j = 0; j < coupees[i].Count; j++)
                    _g!.DrawString(coupees[i][j], police, XBrushes.Black, new XRect(X(i) + 2, _y + 2 + j * h, Large(i) - 4, h), XStringFormats.TopLeft);
            _y += hauteur;
            _g!.DrawLine(XPens.Gray, Marge, _y, Marge + largeur, _y);
        }
        Rangee(colonnes, PetitGras);
        foreach (var l in lignes) Rangee(l, Petit);
        _y += 8;
        return this;
    }

    /// <summary>Horizontal bars of rates from 0 to 100 % with the target marked in red (a missing rate draws no bar and reads its text).</summary>
    public DocumentPdf BarresTaux(IReadOnlyList<(string Libelle, decimal? Valeur, decimal? Cible, string Texte)> barres)
    {
        ArgumentNullException.ThrowIfNull(barres);
        const double etiquette = 190, h = 14;
        var largeur = Largeur - 2 * Marge - etiquette - 110;
        var bleu = new XSolidBrush(XColor.FromArgb(58, 111, 179));
        var rouge = new XPen(XColor.FromArgb(164, 22, 26), 2);
        foreach (var (libelle, valeur, cible, texte) in barres)
        {
            if (_y + h + 4 > BasDePage) NouvellePage();
            var l = libelle.Length > 42 ? libelle[..41] + "…" : libelle;
            _g!.DrawString(l, Petit, XBrushes.Black, new XRect(Marge, _y + 2, etiquette - 6, h), XStringFormats.TopLeft);
            var w = valeur is { } v ? (double)Math.Min(100m, v) / 100 * largeur : 0;
            if (valeur is not null) _g.DrawRectangle(bleu, Marge + etiquette, _y, Math.Max(w, 1), h);
            if (cible is { } c)
            {
                var x = Marge + etiquette + (double)c / 100 * largeur;
                _g.DrawLine(rouge, x, _y - 1, x, _y + h + 1);
            }
            _g.DrawString(texte, Petit, XBrushes.Black, new XRect(Marge + etiquette + w + 4, _y + 2, 110, h), XStringFormats.TopLeft);
            _y += h + 4;
        }
        _y += 6;
        return this;
    }

    /// <summary>The document's bytes, each page numbered « page n sur N ».</summary>
    public byte[] Octets()
    {
        _g?.Dispose();
        _g = null;
        var total = _document.PageCount;
        for (var i = 0; i < total; i++)
        {
            using var g = XGraphics.FromPdfPage(_document.Pages[i], XGraphicsPdfPageOptions.Append);
            g.DrawString($"{_pied} — page {i + 1} sur {total}", Petit, XBrushes.Black, new XRect(Marge, Hauteur - Marge + 10, Largeur - 2 * Marge, 12), XStringFormats.TopLeft);
        }
        using var flux = new MemoryStream();
        _document.Save(flux, false);
        return flux.ToArray();
    }

    public void Dispose()
    {
        _g?.Dispose();
        _g = null;
        _document.Dispose();
    }

    private DocumentPdf Bloc(string texte, XFont police, double apres, string prefixe = "")
    {
        var hauteurLigne = police.Size * 1.35;
        var largeur = Largeur - 2 * Marge;
        foreach (var paragraphe in (texte ?? "").Replace("\r", "", StringComparison.Ordinal).Split('\n'))
        {
            var lignes = Couper(prefixe + paragraphe, police, largeur);
            foreach (var ligne in lignes)
            {
                if (_y + hauteurLigne > BasDePage) NouvellePage();
                _g!.DrawString(ligne, police, XBrushes.Black, new XRect(Marge, _y, largeur, hauteurLigne), XStringFormats.TopLeft);
                _y += hauteurLigne;
            }
        }
        _y += apres;
        return this;
    }

    private List<string> Couper(string texte, XFont police, double largeur)
    {
        var lignes = new List<string>();
        var courante = "";
        foreach (var mot in texte.Split(' '))
        {
            var essai = courante.Length == 0 ? mot : courante + " " + mot;
            if (courante.Length > 0 && _g!.MeasureString(essai, police).Width > largeur)
            {
                lignes.Add(courante);
                courante = mot;
            }
            else courante = essai;
        }
        lignes.Add(courante);
        return lignes;
    }

    private void NouvellePage()
    {
        _g?.Dispose();
        var page = _document.AddPage();
        page.Width = XUnit.FromPoint(Largeur);
        page.Height = XUnit.FromPoint(Hauteur);
        _g = XGraphics.FromPdfPage(page);
        _y = Marge;
    }

    private static XFont Police(double taille, bool gras)
    {
        PolicesDejaVu.Installer();
        return new XFont(PolicesDejaVu.Famille, taille, gras ? XFontStyleEx.Bold : XFontStyleEx.Regular);
    }
}

/// <summary>
/// The font resolver of the PDF documents: DejaVu Sans (free licence, Bitstream Vera derivative), regular and bold, read from the directory given by
/// the environment variable <c>LOGIS_POLICES</c> or the usual places of the Debian package <c>fonts-dejavu-core</c>. Without them, a clear error
/// names what to install (PDFsharp cannot draw text without a font on Linux).
/// </summary>
public sealed class PolicesDejaVu : IFontResolver
{
    public const string Famille = "DejaVu Sans";
    private const string Normale = "DejaVuSans.ttf";
    private const string Grasse = "DejaVuSans-Bold.ttf";
    private static readonly Lock Verrou = new();
    private static bool _installe;
    private readonly Dictionary<string, byte[]> _fichiers = new(StringComparer.Ordinal);

    private PolicesDejaVu(string dossier)
    {
        _fichiers[Normale] = File.ReadAllBytes(Path.Combine(dossier, Normale));
        _fichiers[Grasse] = File.ReadAllBytes(Path.Combine(dossier, Grasse));
    }

    /// <summary>Sets the resolver once for the process.</summary>
    public static void Installer()
    {
        lock (Verrou)
        {
            if (_installe) return;
            var candidats = new[] { Environment.GetEnvironmentVariable("LOGIS_POLICES"), "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu", "/usr/share/fonts/TTF" };
            var dossier = candidats.FirstOrDefault(d => !string.IsNullOrWhiteSpace(d) && File.Exists(Path.Combine(d, Normale)) && File.Exists(Path.Combine(d, Grasse)))
                ?? throw new InvalidOperationException(
                    "Les polices DejaVu Sans (DejaVuSans.ttf et DejaVuSans-Bold.ttf) sont introuvables : installez le paquet fonts-dejavu-core, "
                    + "ou indiquez leur dossier dans la variable d'environnement LOGIS_POLICES. Les documents PDF ne peuvent pas être produits sans elles.");
            GlobalFontSettings.FontResolver = new PolicesDejaVu(dossier);
            _installe = true;
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Grasse : Normale, false, italic);

    public byte[]? GetFont(string faceName) => _fichiers.GetValueOrDefault(faceName);
}
