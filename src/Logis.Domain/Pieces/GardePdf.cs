using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Logis.Domain.Pieces;

/// <summary>
/// A guard against booby-trapped PDF files (docs/protection-des-donnees.md §2 item 31), applied to every PDF piece before it is stored: a
/// supporting document is a scan or a printed statement, it has no reason to carry active content. Refused:
/// <list type="bullet">
/// <item>the names of active content — JavaScript, actions that open a link or another file or launch an application, automatic
/// actions, forms, embedded files, rich media — wherever they are: in the file as written (hexadecimal escapes such as
/// <c>/J#61vaScript</c> decoded) and inside its streams, decoded by the filters their dictionary names, in order: every standard
/// filter that yields PDF syntax — FlateDecode, LZWDecode (both with their PNG or TIFF predictor), ASCIIHexDecode, ASCII85Decode,
/// RunLengthDecode — and any chain of them (double Flate included); a stream without a readable filter is still tried as zlib.
/// Image codecs (DCT, JPX, CCITT, JBIG2) end a chain: what they yield is pixels, not PDF syntax;</item>
/// <item>decompression bombs: everything decoded, all stages and streams together, beyond 100 times the size of the file (16 MB
/// always allowed) or beyond 64 MB in all.</item>
/// </list>
/// A guard, not a sanitiser nor an antivirus (that is the antivirus port's job): a stream whose filter is an indirect object is
/// tried as zlib only; encrypted streams are not decrypted.
/// </summary>
public static class GardePdf
{
    /// <summary>Names that start actions or carry content a supporting document never needs.</summary>
    private static readonly HashSet<string> NomsInterdits = new(StringComparer.Ordinal)
    {
        "JavaScript", "JS", "Launch", "URI", "GoToR", "GoToE", "AA", "AcroForm", "EmbeddedFile", "EmbeddedFiles", "RichMedia", "XFA",
        "SubmitForm", "ImportData",
    };

    private const long SortieMaximum = 64L * 1024 * 1024;
    private const long SortieToujoursPermise = 16L * 1024 * 1024;
    private const int RapportMaximum = 100;

    public const string MotifContenuActif =
        "Le PDF contient du contenu actif (JavaScript, lien ou action automatique, lancement d'application, fichier joint ou formulaire) : " +
        "il est refusé. Imprimez le document en PDF ou numérisez-le, puis déposez ce nouveau fichier.";

    public const string MotifBombe =
        "Le PDF contient des données compressées démesurées (bombe de décompression) : il est refusé.";

    /// <summary>Why this PDF is refused, or null.</summary>
    public static string? Erreur(ReadOnlySpan<byte> pdf)
    {
        if (ContientNomInterdit(pdf)) return MotifContenuActif;
        var budget = new Budget(Math.Min(SortieMaximum, Math.Max(SortieToujoursPermise, (long)pdf.Length * RapportMaximum)));
        var debut = 0;
        try
        {
            while (ProchainFlux(pdf, ref debut, out var dictionnaire, out var donnees))
            {
                if (Decoder(Filtres(dictionnaire, pdf), donnees, budget) is { } syntaxe && ContientNomInterdit(syntaxe)) return MotifContenuActif;
            }
        }
        catch (BombeException)
        {
            return MotifBombe;
        }
        return null;
    }

    /// <summary>One filter of a stream with its parameters (<c>/DecodeParms</c>).</summary>
    private sealed record Filtre(string Nom, IReadOnlyDictionary<string, int> Parametres);

    /// <summary>
    /// The data through the filters in order; null when the chain ends in an image codec or an unknown filter. Without a readable
    /// filter the data is tried as zlib (a filter name can hide behind an indirect object); data that does not inflate is left
    /// as written (already checked).
    /// </summary>
    private static byte[]? Decoder(List<Filtre>? filtres, ReadOnlySpan<byte> donnees, Budget budget)
    {
        if (filtres is null || filtres.Count == 0)
        {
            var essai = Flate(donnees, budget, brut: false);
            return essai.Length > 0 ? essai : null;
        }
        var courant = donnees.ToArray();
        foreach (var f in filtres)
        {
            byte[]? sortie = f.Nom switch
            {
                "FlateDecode" or "Fl" => Predicteur(Flate(courant, budget), f.Parametres, budget),
                "LZWDecode" or "LZW" => Predicteur(Lzw(courant, f.Parametres.GetValueOrDefault("EarlyChange", 1), budget), f.Parametres, budget),
                "ASCIIHexDecode" or "AHx" => AsciiHex(courant, budget),
                "ASCII85Decode" or "A85" => Ascii85(courant, budget),
                "RunLengthDecode" or "RL" => RunLength(courant, budget),
                _ => null, // DCTDecode, JPXDecode, CCITTFaxDecode, JBIG2Decode, Crypt or unknown: no PDF syntax comes out
            };
            if (sortie is null) return null;
            courant = sortie;
        }
        return courant;
    }

    /// <summary>Thrown when the decoded bytes exceed the budget of the file.</summary>
    private sealed class BombeException : Exception
    {
        public BombeException() : base(MotifBombe) { }
    }

    /// <summary>The bytes every decoder of one file may still produce.</summary>
    private sealed class Budget(long octets)
    {
        private long _reste = octets;

        public void Consommer(long n)
        {
            _reste -= n;
            if (_reste < 0) throw new BombeException();
        }
    }

    /// <summary>A growing output whose every byte is taken from the budget.</summary>
    private sealed class Sortie(Budget budget)
    {
        private byte[] _octets = new byte[4096];

        public int Longueur { get; private set; }

        private void Reserver(int n)
        {
            budget.Consommer(n);
            if (Longueur + n <= _octets.Length) return;
            Array.Resize(ref _octets, Math.Max(Longueur + n, _octets.Length * 2));
        }

        public void Ecrire(byte b)
        {
            Reserver(1);
            _octets[Longueur++] = b;
        }

        public void Ecrire(ReadOnlySpan<byte> b)
        {
            Reserver(b.Length);
            b.CopyTo(_octets.AsSpan(Longueur));
            Longueur += b.Length;
        }

        public byte Octet(int i) => _octets[i];
        public byte[] Octets() => _octets.AsSpan(0, Longueur).ToArray();
    }

    /// <summary>
    /// zlib data (raw deflate when the zlib header is missing and <paramref name="brut"/>, as readers accept), as far as it
    /// inflates: a broken end keeps what came before, as readers do.
    /// </summary>
    private static byte[] Flate(ReadOnlySpan<byte> donnees, Budget budget, bool brut = true)
    {
        var sortie = new Sortie(budget);
        var zlib = donnees.Length >= 2 && (donnees[0] & 0x0F) == 8 && ((donnees[0] << 8) | donnees[1]) % 31 == 0;
        if (!zlib && !brut) return [];
        using var entree = new MemoryStream(donnees.ToArray());
        using Stream flux = zlib ? new ZLibStream(entree, CompressionMode.Decompress) : new DeflateStream(entree, CompressionMode.Decompress);
        var tampon = new byte[1 << 16];
        try
        {
            int n;
            while ((n = flux.Read(tampon)) > 0) sortie.Ecrire(tampon.AsSpan(0, n));
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            // Not (or no longer) valid deflate data: what inflated so far is kept.
        }
        return sortie.Octets();
    }

    /// <summary>LZW (PDF 32000-1 §7.4.4): codes of 9 to 12 bits, 256 clears the table, 257 ends the data.</summary>
    private static byte[] Lzw(ReadOnlySpan<byte> donnees, int changementAnticipe, Budget budget)
    {
        var sortie = new Sortie(budget);
        var table = new List<byte[]>(4096);
        void Reinitialiser()
        {
            table.Clear();
            for (var i = 0; i < 256; i++) table.Add([(byte)i]);
            table.Add([]);
            table.Add([]);
        }
        Reinitialiser();
        var largeur = 9;
        byte[]? precedent = null;
        long tamponBits = 0;
        var nbBits = 0;
        foreach (var octet in donnees)
        {
            tamponBits = (tamponBits << 8) | octet;
            nbBits += 8;
            while (nbBits >= largeur)
            {
                var code = (int)((tamponBits >> (nbBits - largeur)) & ((1 << largeur) - 1));
                nbBits -= largeur;
                if (code == 256)
                {
                    Reinitialiser();
                    largeur = 9;
                    precedent = null;
                    continue;
                }
                if (code == 257) return sortie.Octets();
                byte[] entree;
                if (code < table.Count && code != 256 && code != 257) entree = table[code];
                else if (code == table.Count && precedent is not null) entree = [.. precedent, precedent[0]];
                else return sortie.Octets(); // a broken code: what came before is kept
                sortie.Ecrire(entree);
                if (precedent is not null && table.Count < 4096) table.Add([.. precedent, entree[0]]);
                precedent = entree;
                if (table.Count + changementAnticipe >= (1 << largeur) && largeur < 12) largeur++;
            }
        }
        return sortie.Octets();
    }

    /// <summary>Hexadecimal digits, blanks ignored, up to <c>&gt;</c>; an odd last digit is followed by 0.</summary>
    private static byte[] AsciiHex(ReadOnlySpan<byte> donnees, Budget budget)
    {
        var sortie = new Sortie(budget);
        var haut = -1;
        foreach (var b in donnees)
        {
            if (b == (byte)'>') break;
            var h = Hex(b);
            if (h < 0) continue;
            if (haut < 0) haut = h;
            else
            {
                sortie.Ecrire((byte)(haut * 16 + h));
                haut = -1;
            }
        }
        if (haut >= 0) sortie.Ecrire((byte)(haut * 16));
        return sortie.Octets();
    }

    /// <summary>ASCII base-85 (groups of 5 characters from <c>!</c> to <c>u</c>, <c>z</c> for four zeros), blanks ignored, up to <c>~&gt;</c>.</summary>
    private static byte[] Ascii85(ReadOnlySpan<byte> donnees, Budget budget)
    {
        var sortie = new Sortie(budget);
        Span<int> groupe = stackalloc int[5];
        var n = 0;
        foreach (var b in donnees)
        {
            if (b == (byte)'~') break;
            if (b == (byte)'z' && n == 0)
            {
                sortie.Ecrire([0, 0, 0, 0]);
                continue;
            }
            if (b is < (byte)'!' or > (byte)'u') continue;
            groupe[n++] = b - '!';
            if (n < 5) continue;
            Ecrire85(groupe, 4, sortie);
            n = 0;
        }
        if (n > 1)
        {
            for (var i = n; i < 5; i++) groupe[i] = 84;
            Ecrire85(groupe, n - 1, sortie);
        }
        return sortie.Octets();
    }

    private static void Ecrire85(Span<int> groupe, int octets, Sortie sortie)
    {
        long v = 0;
        foreach (var c in groupe) v = v * 85 + c;
        for (var i = 0; i < octets; i++) sortie.Ecrire((byte)(v >> (24 - 8 * i)));
    }

    /// <summary>Run-length: a length byte 0–127 copies the next n+1 bytes, 129–255 repeats the next byte 257−n times, 128 ends.</summary>
    private static byte[] RunLength(ReadOnlySpan<byte> donnees, Budget budget)
    {
        var sortie = new Sortie(budget);
        var i = 0;
        while (i < donnees.Length)
        {
            var l = donnees[i++];
            if (l == 128) break;
            if (l < 128)
            {
                var n = Math.Min(l + 1, donnees.Length - i);
                sortie.Ecrire(donnees.Slice(i, n));
                i += n;
            }
            else if (i < donnees.Length)
            {
                var b = donnees[i++];
                for (var k = 0; k < 257 - l; k++) sortie.Ecrire(b);
            }
        }
        return sortie.Octets();
    }

    /// <summary>The predictor of a Flate or LZW stream (<c>/Predictor</c> 2: TIFF, 10 to 15: PNG, by row with a filter byte).</summary>
    private static byte[] Predicteur(byte[] donnees, IReadOnlyDictionary<string, int> p, Budget budget)
    {
        var predicteur = p.GetValueOrDefault("Predictor", 1);
        if (predicteur < 2) return donnees;
        var couleurs = Math.Clamp(p.GetValueOrDefault("Colors", 1), 1, 32);
        var bits = Math.Clamp(p.GetValueOrDefault("BitsPerComponent", 8), 1, 16);
        var colonnes = Math.Clamp(p.GetValueOrDefault("Columns", 1), 1, 1 << 20);
        var parPixel = Math.Max(1, couleurs * bits / 8);
        var ligne = (colonnes * couleurs * bits + 7) / 8;
        var sortie = new Sortie(budget);
        if (predicteur == 2)
        {
            // TIFF: each byte adds the one a pixel before (exact for 8-bit components, which is what carries PDF syntax).
            for (var debut = 0; debut < donnees.Length; debut += ligne)
            {
                var fin = Math.Min(debut + ligne, donnees.Length);
                for (var i = debut; i < fin; i++)
                    sortie.Ecrire(i - debut >= parPixel ? (byte)(donnees[i] + sortie.Octet(sortie.Longueur - parPixel)) : donnees[i]);
            }
            return sortie.Octets();
        }
        var precedente = new byte[ligne];
        var courante = new byte[ligne];
        for (var debut = 0; debut + 1 < donnees.Length; debut += ligne + 1)
        {
            var filtre = donnees[debut];
            var n = Math.Min(ligne, donnees.Length - debut - 1);
            Array.Clear(courante);
            for (var i = 0; i < n; i++)
            {
                int a = i >= parPixel ? courante[i - parPixel] : 0, b = precedente[i], c = i >= parPixel ? precedente[i - parPixel] : 0;
                var x = donnees[debut + 1 + i];
                courante[i] = filtre switch
                {
                    1 => (byte)(x + a),
                    2 => (byte)(x + b),
                    3 => (byte)(x + (a + b) / 2),
                    4 => (byte)(x + Paeth(a, b, c)),
                    _ => x,
                };
            }
            sortie.Ecrire(courante.AsSpan(0, n));
            (precedente, courante) = (courante, precedente);
        }
        return sortie.Octets();
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    /// <summary>
    /// The filters of a stream dictionary: <c>/Filter</c> (a name or an array of names, escapes decoded) with the matching
    /// <c>/DecodeParms</c>; a <c>/Filter</c> given as an indirect object (<c>9 0 R</c>) is looked up in the file; null when there
    /// is none or it cannot be read.
    /// </summary>
    private static List<Filtre>? Filtres(ReadOnlySpan<byte> dictionnaire, ReadOnlySpan<byte> pdf)
    {
        var jetons = Jetons(dictionnaire);
        // The stream dictionary is the last top-level « << … >> » before the keyword.
        var ouverture = -1;
        var profondeur = 0;
        for (var i = jetons.Count - 1; i >= 0; i--)
        {
            if (jetons[i] == ">>") profondeur++;
            else if (jetons[i] == "<<" && --profondeur == 0) { ouverture = i; break; }
        }
        if (ouverture < 0) return null;
        List<string>? noms = null;
        var parametres = new List<Dictionary<string, int>>();
        profondeur = 0;
        for (var i = ouverture; i < jetons.Count; i++)
        {
            var j = jetons[i];
            if (j is "<<" or "[") { profondeur++; continue; }
            if (j is ">>" or "]") { profondeur--; continue; }
            if (profondeur != 1) continue;
            if (j == "/Filter" && i + 1 < jetons.Count)
            {
                var valeur = jetons;
                var debutValeur = i + 1;
                if (i + 3 < jetons.Count && jetons[i + 3] == "R" && Objet(pdf, jetons[i + 1], jetons[i + 2]) is { } objet)
                {
                    valeur = objet;
                    debutValeur = 0;
                }
                noms = NomsFiltres(valeur, debutValeur);
                if (noms is null) return null;
            }
            else if (j == "/DecodeParms" && i + 1 < jetons.Count)
            {
                var k = i + 1;
                var tableau = jetons[k] == "[";
                if (tableau) k++;
                while (k < jetons.Count && jetons[k] != "]")
                {
                    if (jetons[k] == "null") { parametres.Add([]); k++; }
                    else if (jetons[k] == "<<")
                    {
                        var d = new Dictionary<string, int>(StringComparer.Ordinal);
                        k++;
                        while (k + 1 < jetons.Count && jetons[k] != ">>")
                        {
                            if (jetons[k].StartsWith('/') && int.TryParse(jetons[k + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
                                d[jetons[k][1..]] = v;
                            k++;
                        }
                        parametres.Add(d);
                        k++;
                    }
                    else break;
                    if (!tableau) break;
                }
            }
        }
        if (noms is null) return null;
        return [.. noms.Select((n, i) => new Filtre(n, i < parametres.Count ? parametres[i] : new Dictionary<string, int>()))];
    }

    /// <summary>A filter value: a name, or an array of names, from <paramref name="debut"/>; null otherwise.</summary>
    private static List<string>? NomsFiltres(List<string> jetons, int debut)
    {
        if (debut >= jetons.Count) return null;
        if (jetons[debut].StartsWith('/')) return [jetons[debut][1..]];
        if (jetons[debut] != "[") return null;
        var noms = new List<string>();
        for (var k = debut + 1; k < jetons.Count && jetons[k] != "]"; k++)
        {
            if (!jetons[k].StartsWith('/')) return null;
            noms.Add(jetons[k][1..]);
        }
        return noms;
    }

    /// <summary>The tokens of the body of object <c>numero generation obj … endobj</c> in the file, or null.</summary>
    private static List<string>? Objet(ReadOnlySpan<byte> pdf, string numero, string generation)
    {
        if (!int.TryParse(numero, NumberStyles.None, CultureInfo.InvariantCulture, out _) || !int.TryParse(generation, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            return null;
        var entete = Encoding.ASCII.GetBytes($"{numero} {generation} obj");
        var debut = 0;
        while (debut < pdf.Length)
        {
            var k = pdf[debut..].IndexOf(entete);
            if (k < 0) return null;
            var position = debut + k;
            debut = position + entete.Length;
            // Not the tail of a longer number (« 19 0 obj » when looking for « 9 0 obj »).
            if (position > 0 && pdf[position - 1] is >= (byte)'0' and <= (byte)'9') continue;
            var corps = pdf[debut..];
            var fin = corps.IndexOf("endobj"u8);
            return Jetons(fin < 0 ? corps[..Math.Min(corps.Length, 4096)] : corps[..Math.Min(fin, 4096)]);
        }
        return null;
    }

    /// <summary>The tokens of PDF syntax that matter to a dictionary: names (escapes decoded, with their slash), brackets, words; strings skipped.</summary>
    private static List<string> Jetons(ReadOnlySpan<byte> texte)
    {
        var jetons = new List<string>();
        var sb = new StringBuilder();
        var i = 0;
        while (i < texte.Length)
        {
            var b = texte[i];
            if (b == (byte)'%') { while (i < texte.Length && texte[i] is not ((byte)'\r' or (byte)'\n')) i++; continue; }
            if (b == (byte)'(')
            {
                // A literal string, nested parentheses and escapes included.
                var niveau = 0;
                for (; i < texte.Length; i++)
                {
                    if (texte[i] == (byte)'\\') { i++; continue; }
                    if (texte[i] == (byte)'(') niveau++;
                    else if (texte[i] == (byte)')' && --niveau == 0) break;
                }
                i++;
                continue;
            }
            if (b == (byte)'<' && i + 1 < texte.Length && texte[i + 1] == (byte)'<') { jetons.Add("<<"); i += 2; continue; }
            if (b == (byte)'>' && i + 1 < texte.Length && texte[i + 1] == (byte)'>') { jetons.Add(">>"); i += 2; continue; }
            if (b == (byte)'<') { while (i < texte.Length && texte[i] != (byte)'>') i++; i++; continue; }
            if (b is (byte)'[' or (byte)']') { jetons.Add(((char)b).ToString()); i++; continue; }
            if (Delimiteur(b) && b != (byte)'/') { i++; continue; }
            sb.Clear();
            if (b == (byte)'/') { sb.Append('/'); i++; }
            while (i < texte.Length && !Delimiteur(texte[i]) && sb.Length <= 64)
            {
                if (texte[i] == (byte)'#' && i + 2 < texte.Length && Hex(texte[i + 1]) is var h and >= 0 && Hex(texte[i + 2]) is var l and >= 0)
                {
                    sb.Append((char)(h * 16 + l));
                    i += 3;
                }
                else sb.Append((char)texte[i++]);
            }
            jetons.Add(sb.ToString());
        }
        return jetons;
    }

    /// <summary>Whether a PDF name token (<c>/Nom</c>, #xx escapes decoded) of the forbidden list appears.</summary>
    private static bool ContientNomInterdit(ReadOnlySpan<byte> octets)
    {
        var nom = new StringBuilder();
        for (var i = 0; i < octets.Length; i++)
        {
            if (octets[i] != (byte)'/') continue;
            nom.Clear();
            var j = i + 1;
            for (; j < octets.Length && !Delimiteur(octets[j]) && nom.Length <= 32; j++)
            {
                if (octets[j] == (byte)'#' && j + 2 < octets.Length && Hex(octets[j + 1]) is var h && Hex(octets[j + 2]) is var l && h >= 0 && l >= 0)
                {
                    nom.Append((char)(h * 16 + l));
                    j += 2;
                }
                else nom.Append((char)octets[j]);
            }
            if (NomsInterdits.Contains(nom.ToString())) return true;
            i = j - 1;
        }
        return false;
    }

    /// <summary>
    /// The dictionary text (from the previous <c>obj</c> keyword, or the previous stream's end) and the data of the next stream
    /// from <paramref name="debut"/> (moved past it).
    /// </summary>
    private static bool ProchainFlux(ReadOnlySpan<byte> pdf, ref int debut, out ReadOnlySpan<byte> dictionnaire, out ReadOnlySpan<byte> donnees)
    {
        donnees = default;
        dictionnaire = default;
        var depart = debut;
        while (debut < pdf.Length)
        {
            var k = pdf[debut..].IndexOf("stream"u8);
            if (k < 0) break;
            var mot = debut + k;
            debut = mot + 6;
            // "endstream" contains "stream": only a keyword that is not preceded by "end" opens a stream.
            if (mot >= 3 && pdf.Slice(mot - 3, 3).SequenceEqual("end"u8)) { depart = debut; continue; }
            var avant = pdf[depart..mot];
            var obj = avant.LastIndexOf("obj"u8);
            dictionnaire = obj >= 0 ? avant[(obj + 3)..] : avant;
            var d = debut;
            if (d < pdf.Length && pdf[d] == (byte)'\r') d++;
            if (d < pdf.Length && pdf[d] == (byte)'\n') d++;
            var fin = pdf[d..].IndexOf("endstream"u8);
            donnees = fin < 0 ? pdf[d..] : pdf.Slice(d, fin);
            debut = fin < 0 ? pdf.Length : d + fin + 9;
            return true;
        }
        return false;
    }

    private static bool Delimiteur(byte b) => b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t' or (byte)'\f' or 0
        or (byte)'/' or (byte)'<' or (byte)'>' or (byte)'[' or (byte)']' or (byte)'(' or (byte)')' or (byte)'{' or (byte)'}' or (byte)'%';

    private static int Hex(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };
}
