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

    /// <summary>Fields of the record being read, reused from one record to the next (the array returned is a copy).</summary>
    private readonly List<string> _courants = [];

    private string[]? LireChamps()
    {
        var ligne = _reader.ReadLine();
        if (ligne is null) return null;
        // Most lines have no quote: the fields are cut straight out of the line, an empty field costs nothing.
        if (!ligne.Contains('"', StringComparison.Ordinal))
        {
            _courants.Clear();
            var debut = 0;
            for (int virgule; (virgule = ligne.IndexOf(',', debut)) >= 0; debut = virgule + 1)
                _courants.Add(virgule == debut ? "" : ligne[debut..virgule]);
            _courants.Add(debut == 0 ? ligne : debut == ligne.Length ? "" : ligne[debut..]);
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
            var suite = _reader.ReadLine() ?? throw new FormatException("guillemet non fermé en fin de fichier");
            Ligne++;
            courant.Append('\n');
            ligne = suite;
        }
        champs.Add(courant.ToString());
        return champs.ToArray();
    }
}
