using System.Text;
using System.Text.Json;

namespace Logis.Domain.Cotation;

/// <summary>
/// A JSON value with the line it starts on. <see cref="JsonDocument"/> does not expose positions,
/// and an EPCI officer editing a grid needs "ligne 42" in every message, so the grid file is read
/// once with <see cref="Utf8JsonReader"/> into this small tree.
/// </summary>
internal sealed class NoeudJson
{
    private NoeudJson(JsonTokenType type, int ligne)
    {
        Type = type;
        Ligne = ligne;
    }

    public JsonTokenType Type { get; }
    public int Ligne { get; }
    public string? Texte { get; private set; }
    public double Nombre { get; private set; }
    public bool EstEntier { get; private set; }
    public List<ProprieteJson> Proprietes { get; } = [];
    public List<NoeudJson> Elements { get; } = [];

    public bool EstObjet => Type == JsonTokenType.StartObject;
    public bool EstTableau => Type == JsonTokenType.StartArray;
    public bool EstNombre => Type == JsonTokenType.Number;
    public bool EstTexte => Type == JsonTokenType.String;
    public bool EstBooleen => Type is JsonTokenType.True or JsonTokenType.False;

    /// <summary>Reads a whole document; malformed JSON throws <see cref="JsonException"/> with its position.</summary>
    public static NoeudJson Lire(string json)
    {
        var octets = Encoding.UTF8.GetBytes(json);
        var debutsDeLigne = new List<long> { 0 };
        for (var i = 0; i < octets.Length; i++)
        {
            if (octets[i] == (byte)'\n') debutsDeLigne.Add(i + 1);
        }
        var lecteur = new Utf8JsonReader(octets, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        if (!lecteur.Read()) throw new JsonException("le fichier est vide.", null, 0, 0);
        var racine = LireValeur(ref lecteur, debutsDeLigne);
        if (lecteur.Read()) throw new JsonException("contenu en trop après la fin du document.", null, NumeroLigne(lecteur.TokenStartIndex, debutsDeLigne) - 1, 0);
        return racine;
    }

    private static NoeudJson LireValeur(ref Utf8JsonReader lecteur, List<long> debutsDeLigne)
    {
        var noeud = new NoeudJson(lecteur.TokenType, NumeroLigne(lecteur.TokenStartIndex, debutsDeLigne));
        switch (lecteur.TokenType)
        {
            case JsonTokenType.StartObject:
                while (lecteur.Read() && lecteur.TokenType != JsonTokenType.EndObject)
                {
                    var nom = lecteur.GetString()!;
                    var ligne = NumeroLigne(lecteur.TokenStartIndex, debutsDeLigne);
                    lecteur.Read();
                    noeud.Proprietes.Add(new ProprieteJson(nom, ligne, LireValeur(ref lecteur, debutsDeLigne)));
                }
                break;
            case JsonTokenType.StartArray:
                while (lecteur.Read() && lecteur.TokenType != JsonTokenType.EndArray)
                {
                    noeud.Elements.Add(LireValeur(ref lecteur, debutsDeLigne));
                }
                break;
            case JsonTokenType.String:
                noeud.Texte = lecteur.GetString();
                break;
            case JsonTokenType.Number:
                noeud.Nombre = lecteur.GetDouble();
                noeud.EstEntier = lecteur.TryGetInt32(out _);
                break;
        }
        return noeud;
    }

    private static int NumeroLigne(long position, List<long> debutsDeLigne)
    {
        var i = debutsDeLigne.BinarySearch(position);
        return (i >= 0 ? i : ~i - 1) + 1;
    }
}

internal sealed record ProprieteJson(string Nom, int Ligne, NoeudJson Valeur);
