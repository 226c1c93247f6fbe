using System.Text;

namespace Logis.Persistence.Reference;

/// <summary>
/// A minimal RFC 4180 reader (comma separator, double-quoted fields, doubled quotes inside). Enough
/// for the reference files and the CSV imports; fields are looked up by header name.
/// </summary>
public sealed class CsvLecteur
{
    private readonly TextReader _reader;
    private readonly Dictionary<string, int> _colonnes;
    private string[] _champs = [];

    public CsvLecteur(TextReader reader)
    {
        _reader = reader;
        var entete = LireChamps() ?? throw new InvalidDataException("Fichier CSV vide : la ligne d'en-tête manque.");
        _colonnes = entete.Select((nom, i) => (nom: nom.Trim().TrimStart('\uFEFF'), i)).ToDictionary(x => x.nom, x => x.i, StringComparer.Ordinal);
        Ligne = 1;
    }

    /// <summary>Physical line number of the current record (1 = header).</summary>
    public int Ligne { get; private set; }

    public IReadOnlyCollection<string> Colonnes => _colonnes.Keys;

    public bool Lire()
    {
        Ligne++;
        var champs = LireChamps();
        if (champs is null) return false;
        _champs = champs;
        return true;
    }

    /// <summary>The fields of the current record, by header position (a new array for each record: it may be kept).</summary>
    public string[] Champs => _champs;

    /// <summary>Position of a header column, or -1 when the header does not have it.</summary>
    public int Position(string colonne) => _colonnes.TryGetValue(colonne, out var i) ? i : -1;

    public string this[string colonne] =>
        _colonnes.TryGetValue(colonne, out var i)
            ? i < _champs.Length ? _champs[i] : ""
            : throw new FormatException($"colonne « {colonne} » absente de l'en-tête");

    /// <summary>
    /// Reads the next record keeping one field only: the one at <paramref name="position"/> ("" when the record is shorter or
    /// the position is -1), and whether every field of the header's columns is empty. Nothing else is copied out of a line
    /// without quotes (the number column of the demand file, read before the analysis proper).
    /// </summary>
    public bool LireUnChamp(int position, out string champ, out bool vide)
    {
        Ligne++;
        champ = "";
        vide = true;
        if (!LigneSuivante(out var ligne)) return false;
        var colonnes = _colonnes.Count;
        if (ligne.Contains('"'))
        {
            var champs = Decouper(ligne);
            if (position >= 0 && position < champs.Length) champ = champs[position];
            for (var i = 0; i < colonnes && i < champs.Length; i++)
            {
                if (champs[i].Length > 0) vide = false;
            }
            return true;
        }
        // Empty: nothing but commas over the header's columns.
        for (int i = 0, n = 0; i < ligne.Length && n < colonnes; i++)
        {
            if (ligne[i] == ',') n++;
            else
            {
                vide = false;
                break;
            }
        }
        if (position < 0) return true;
        for (var n = 0; n < position; n++)
        {
            var virgule = ligne.IndexOf(',');
            if (virgule < 0) return true;
            ligne = ligne[(virgule + 1)..];
        }
        var fin = ligne.IndexOf(',');
        if (fin < 0) fin = ligne.Length;
        champ = fin == 0 ? "" : new string(ligne[..fin]);
        return true;
    }

    /// <summary>Fields of the record being read, reused from one record to the next (the array returned is a copy).</summary>
    private readonly List<string> _courants = [];

    private string[]? LireChamps() => LigneSuivante(out var ligne) ? Decouper(ligne) : null;

    // The text is read by blocks into one buffer and cut into lines there (TextReader.ReadLine would copy each line into a string).
    private char[] _tampon = new char[1 << 15];
    private int _debut;
    private int _fin;
    private bool _epuise;

    /// <summary>
    /// The next line without its end (cut as <see cref="TextReader.ReadLine"/> does: \n, \r or \r\n), valid until the next call;
    /// false at the end of the text.
    /// </summary>
    private bool LigneSuivante(out ReadOnlySpan<char> ligne)
    {
        while (true)
        {
            var dispo = _tampon.AsSpan(_debut, _fin - _debut);
            var k = dispo.IndexOfAny('\r', '\n');
            // A \r at the very end of the buffer may be followed by a \n not read yet.
            if (k >= 0 && (dispo[k] == '\n' || k + 1 < dispo.Length || _epuise))
            {
                ligne = dispo[..k];
                _debut += k + (dispo[k] == '\r' && k + 1 < dispo.Length && dispo[k + 1] == '\n' ? 2 : 1);
                return true;
            }
            if (_epuise)
            {
                ligne = dispo;
                _debut = _fin;
                return !dispo.IsEmpty;
            }
            if (_debut > 0)
            {
                Array.Copy(_tampon, _debut, _tampon, 0, _fin - _debut);
                _fin -= _debut;
                _debut = 0;
            }
            if (_fin == _tampon.Length) Array.Resize(ref _tampon, _tampon.Length * 2);
            var lus = _reader.Read(_tampon, _fin, _tampon.Length - _fin);
            if (lus == 0) _epuise = true;
            else _fin += lus;
        }
    }

    private string[] Decouper(ReadOnlySpan<char> ligne)
    {
        // Most lines have no quote: the fields are cut straight out of the line, an empty field costs nothing.
        if (!ligne.Contains('"'))
        {
            _courants.Clear();
            for (int virgule; (virgule = ligne.IndexOf(',')) >= 0; ligne = ligne[(virgule + 1)..])
                _courants.Add(virgule == 0 ? "" : new string(ligne[..virgule]));
            _courants.Add(ligne.IsEmpty ? "" : new string(ligne));
            return [.. _courants];
        }
        var champs = new List<string>();
        var courant = new StringBuilder();
        var entreGuillemets = false;
        while (true)
        {
            for (var i = 0; i < ligne.Length; i++)
            {
                var c = ligne[i];
                if (entreGuillemets)
                {
                    if (c == '"' && i + 1 < ligne.Length && ligne[i + 1] == '"') { courant.Append('"'); i++; }
                    else if (c == '"') entreGuillemets = false;
                    else courant.Append(c);
                }
                else if (c == '"') entreGuillemets = true;
                else if (c == ',') { champs.Add(courant.ToString()); courant.Clear(); }
                else courant.Append(c);
            }
            if (!entreGuillemets) break;
            if (!LigneSuivante(out var suite)) throw new FormatException("guillemet non fermé en fin de fichier");
            Ligne++;
            courant.Append('\n');
            ligne = suite;
        }
        champs.Add(courant.ToString());
        return champs.ToArray();
    }
}
