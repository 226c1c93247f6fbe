using System.IO.Compression;
using System.Text;

namespace Logis.Domain.Pieces;

/// <summary>
/// A guard against booby-trapped PDF files (docs/protection-des-donnees.md §2 item 31), applied to every PDF piece before it is stored: a
/// supporting document is a scan or a printed statement, it has no reason to carry active content. Refused:
/// <list type="bullet">
/// <item>the names of active content — JavaScript, launching an application, embedded files, rich media, dynamic forms, form
/// submission — wherever they are: in the file as written (hexadecimal escapes such as <c>/J#61vaScript</c> decoded) and inside
/// its zlib-compressed streams (FlateDecode, where object streams hide dictionaries);</item>
/// <item>decompression bombs: compressed streams that inflate beyond 100 times the size of the file (16 MB always allowed),
/// and 64 MB in all.</item>
/// </list>
/// A guard, not a sanitiser nor an antivirus: other filters (LZW, ASCII85, chained filters…) are not opened, a stream that does
/// not inflate is skipped.
/// </summary>
public static class GardePdf
{
    /// <summary>Names that start actions or carry content a supporting document never needs.</summary>
    private static readonly HashSet<string> NomsInterdits = new(StringComparer.Ordinal)
    {
        "JavaScript", "JS", "Launch", "EmbeddedFile", "EmbeddedFiles", "RichMedia", "XFA", "SubmitForm", "ImportData",
    };

    private const long SortieMaximum = 64L * 1024 * 1024;
    private const long SortieToujoursPermise = 16L * 1024 * 1024;
    private const int RapportMaximum = 100;

    public const string MotifContenuActif =
        "Le PDF contient du contenu actif (JavaScript, lancement d'application, fichier joint ou formulaire dynamique) : il est refusé. " +
        "Imprimez le document en PDF ou numérisez-le, puis déposez ce nouveau fichier.";

    public const string MotifBombe =
        "Le PDF contient des données compressées démesurées (bombe de décompression) : il est refusé.";

    /// <summary>Why this PDF is refused, or null.</summary>
    public static string? Erreur(ReadOnlySpan<byte> pdf)
    {
        if (ContientNomInterdit(pdf)) return MotifContenuActif;
        var budget = Math.Min(SortieMaximum, Math.Max(SortieToujoursPermise, (long)pdf.Length * RapportMaximum));
        var tampon = new byte[1 << 16];
        var debut = 0;
        while (ProchainFlux(pdf, ref debut, out var donnees))
        {
            using var entree = new MemoryStream(donnees.ToArray());
            using var flux = new ZLibStream(entree, CompressionMode.Decompress);
            var sortie = new MemoryStream();
            try
            {
                int n;
                while ((n = flux.Read(tampon)) > 0)
                {
                    budget -= n;
                    if (budget < 0) return MotifBombe;
                    sortie.Write(tampon, 0, n);
                }
            }
            catch (Exception e) when (e is InvalidDataException or IOException)
            {
                // Not a valid zlib stream: readers would not find anything either in what does not inflate; skipped.
            }
            if (ContientNomInterdit(sortie.GetBuffer().AsSpan(0, (int)sortie.Length))) return MotifContenuActif;
        }
        return null;
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
    /// The data of the next stream from <paramref name="debut"/> (moved past it). Every stream is tried as zlib data, whatever
    /// its dictionary says (a filter name can itself be escaped): one that is not fails at once and is skipped.
    /// </summary>
    private static bool ProchainFlux(ReadOnlySpan<byte> pdf, ref int debut, out ReadOnlySpan<byte> donnees)
    {
        donnees = default;
        while (debut < pdf.Length)
        {
            var k = pdf[debut..].IndexOf("stream"u8);
            if (k < 0) break;
            var mot = debut + k;
            debut = mot + 6;
            // "endstream" contains "stream": only a keyword that is not preceded by "end" opens a stream.
            if (mot >= 3 && pdf.Slice(mot - 3, 3).SequenceEqual("end"u8)) continue;
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
