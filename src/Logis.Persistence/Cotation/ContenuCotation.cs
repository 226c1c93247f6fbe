using System.Text.Json;
using Logis.Domain.Cotation;
using Logis.Domain.Demandes;
using Logis.Domain.Menages;

namespace Logis.Persistence.Cotation;

/// <summary>
/// Reads, from the stored JSON of a demand's content (<see cref="Demandes.ContenuJson"/>), only what the cotation needs
/// (<see cref="ElementsCotation"/>): persons (link, birth date, resources), current housing (status, commune, rent,
/// surface), reasons, communes wished, disability needs. One forward pass over the UTF-8 bytes, no string and no
/// object per demand, and no revalidation: the content was validated by <see cref="ContenuDemande.Creer"/> when it was
/// written. Used by the batch rescoring; <c>RecalculCotationTests</c> checks it gives the facts of the full aggregate.
/// </summary>
public sealed class ContenuCotation
{
    private PersonneCotation[] _personnes = new PersonneCotation[8];
    private ulong[] _communes = new ulong[8];

    /// <summary>
    /// Fills <paramref name="e"/> (persons, housing, reasons, disability, commune link) from <paramref name="json"/>.
    /// The persons span points into this reader's buffer: valid until the next call.
    /// </summary>
    public void Lire(ReadOnlySpan<byte> json, ref ElementsCotation e)
    {
        var r = new Utf8JsonReader(json, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        Attendre(ref r, JsonTokenType.StartObject);
        int personnes = 0, communes = 0;
        ulong communeActuelle = 0;
        e.Handicap = false;
        e.LoyerMensuel = null;
        e.Surface = null;
        e.Motifs = 0;
        e.StatutLogement = default;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("Personnes"u8))
            {
                Attendre(ref r, JsonTokenType.StartArray);
                while (r.Read() && r.TokenType == JsonTokenType.StartObject)
                {
                    if (personnes == _personnes.Length) Array.Resize(ref _personnes, personnes * 2);
                    _personnes[personnes++] = LirePersonne(ref r);
                }
            }
            else if (r.ValueTextEquals("LogementActuel"u8))
            {
                Attendre(ref r, JsonTokenType.StartObject);
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    if (r.ValueTextEquals("Statut"u8)) { r.Read(); e.StatutLogement = (StatutLogementActuel)r.GetInt32(); }
                    else if (r.ValueTextEquals("Commune"u8)) { r.Read(); communeActuelle = r.TokenType == JsonTokenType.Null ? 0 : Commune(ref r); }
                    else if (r.ValueTextEquals("LoyerMensuel"u8)) { r.Read(); e.LoyerMensuel = r.TokenType == JsonTokenType.Null ? null : r.GetDecimal(); }
                    else if (r.ValueTextEquals("Surface"u8)) { r.Read(); e.Surface = r.TokenType == JsonTokenType.Null ? null : r.GetDecimal(); }
                    else { r.Read(); r.Skip(); }
                }
            }
            else if (r.ValueTextEquals("Motifs"u8))
            {
                Attendre(ref r, JsonTokenType.StartArray);
                while (r.Read() && r.TokenType == JsonTokenType.Number) e.Motifs |= FaitsDepuisDemande.MasqueMotif((MotifDemande)r.GetInt32());
            }
            else if (r.ValueTextEquals("Souhaits"u8))
            {
                Attendre(ref r, JsonTokenType.StartObject);
                while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                {
                    if (r.ValueTextEquals("Communes"u8))
                    {
                        Attendre(ref r, JsonTokenType.StartArray);
                        while (r.Read() && r.TokenType == JsonTokenType.String)
                        {
                            if (communes == _communes.Length) Array.Resize(ref _communes, communes * 2);
                            _communes[communes++] = Commune(ref r);
                        }
                    }
                    else { r.Read(); r.Skip(); }
                }
            }
            else if (r.ValueTextEquals("Handicap"u8))
            {
                r.Read();
                e.Handicap = r.TokenType != JsonTokenType.Null;
                r.Skip();
            }
            else
            {
                r.Read();
                r.Skip();
            }
        }
        e.Personnes = _personnes.AsSpan(0, personnes);
        e.LienCommune = communeActuelle != 0 && _communes.AsSpan(0, communes).Contains(communeActuelle);
    }

    private static PersonneCotation LirePersonne(ref Utf8JsonReader r)
    {
        var lien = default(LienPersonne);
        var naissance = default(DateOnly);
        var ressources = 0m;
        while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
        {
            if (r.ValueTextEquals("Lien"u8)) { r.Read(); lien = (LienPersonne)r.GetInt32(); }
            else if (r.ValueTextEquals("DateNaissance"u8)) { r.Read(); naissance = Date(ref r); }
            else if (r.ValueTextEquals("Ressources"u8))
            {
                // Same sum, in the same order, as PersonneALoger.RessourcesMensuelles.
                Attendre(ref r, JsonTokenType.StartArray);
                while (r.Read() && r.TokenType == JsonTokenType.StartObject)
                {
                    while (r.Read() && r.TokenType == JsonTokenType.PropertyName)
                    {
                        if (r.ValueTextEquals("MontantMensuel"u8)) { r.Read(); ressources += r.GetDecimal(); }
                        else { r.Read(); r.Skip(); }
                    }
                }
            }
            else { r.Read(); r.Skip(); }
        }
        return new PersonneCotation(lien, naissance, ressources);
    }

    /// <summary>A "yyyy-MM-dd" date (System.Text.Json's DateOnly format), without allocating.</summary>
    private static DateOnly Date(ref Utf8JsonReader r)
    {
        var v = r.ValueSpan;
        if (!r.ValueIsEscaped && v.Length == 10 && v[4] == (byte)'-' && v[7] == (byte)'-'
            && Chiffres(v[..4], out var a) && Chiffres(v.Slice(5, 2), out var m) && Chiffres(v.Slice(8, 2), out var j))
            return new DateOnly(a, m, j);
        return DateOnly.Parse(r.GetString()!, System.Globalization.CultureInfo.InvariantCulture);

        static bool Chiffres(ReadOnlySpan<byte> s, out int n)
        {
            n = 0;
            foreach (var c in s)
            {
                if (c is < (byte)'0' or > (byte)'9') return false;
                n = (n * 10) + (c - '0');
            }
            return true;
        }
    }

    /// <summary>An INSEE code as a number, normalised as <see cref="Domain.Territoire.CodeInsee"/> (trimmed, upper case).</summary>
    private static ulong Commune(ref Utf8JsonReader r)
    {
        Span<byte> tampon = stackalloc byte[32];
        var n = r.CopyString(tampon);
        var s = ((ReadOnlySpan<byte>)tampon[..n]).Trim(" \t\r\n"u8);
        if (s.Length is 0 or > 8) return ulong.MaxValue - (ulong)s.Length;
        ulong cle = 0;
        foreach (var c in s) cle = (cle << 8) | (byte)(c is >= (byte)'a' and <= (byte)'z' ? c - 32 : c);
        return cle;
    }

    private static void Attendre(ref Utf8JsonReader r, JsonTokenType type)
    {
        if (!r.Read() || r.TokenType != type) throw new JsonException($"Contenu de demande stocké : {type} attendu, {r.TokenType} lu.");
    }
}
