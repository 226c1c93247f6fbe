using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Logis.Persistence;

/// <summary>
/// Writes PostgreSQL's binary COPY format (<c>COPY … FROM STDIN (FORMAT BINARY)</c>) without an object per value: the batch
/// rescoring writes a million rows of four fields, and the file import hundreds of thousands of rows of a dozen, where the
/// binary importer's per-value machinery cost more than the work itself. Format: signature, flags, header extension; then per
/// tuple a field count (int16) and per field its length (int32) and bytes, in network order; -1 ends the data.
/// <para>
/// Two modes. <b>Stream</b> (<see cref="EcrivainCopieBinaire(Stream, int)"/>): the whole COPY, header first, flushed to the stream
/// as its buffer fills, <see cref="Terminer"/> at the end. <b>Memory</b> (<see cref="EcrivainCopieBinaire(int)"/>): rows only, in a
/// buffer that grows, so that rows prepared on several threads can be sent later, in order, by <see cref="EnvoyerAsync"/>.
/// </para>
/// </summary>
internal sealed class EcrivainCopieBinaire : IBufferWriter<byte>
{
    /// <summary>« PGCOPY\n\377\r\n\0 », the first 11 bytes of the format.</summary>
    internal static ReadOnlySpan<byte> Signature => [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00];

    /// <summary>Signature, flags (0) and header extension length (0).</summary>
    private const int LongueurEntete = 19;

    /// <summary>Days from 0001-01-01 to PostgreSQL's epoch, 2000-01-01 (dates are days from it).</summary>
    private static readonly int JourEpoque = new DateOnly(2000, 1, 1).DayNumber;

    /// <summary>Ticks of PostgreSQL's epoch (timestamps are microseconds from it, UTC).</summary>
    private static readonly long TicksEpoque = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).Ticks;

    private readonly Stream? _flux;
    private byte[] _tampon;
    private int _fin;

    /// <summary>Stream mode: the header now, then rows flushed to <paramref name="flux"/> by buffers of <paramref name="taille"/>.</summary>
    public EcrivainCopieBinaire(Stream flux, int taille = 1 << 16)
    {
        _flux = flux;
        _tampon = new byte[Math.Max(taille, LongueurEntete)];
        Signature.CopyTo(_tampon);
        _fin = LongueurEntete;
    }

    /// <summary>Memory mode: rows only, in a buffer of <paramref name="capacite"/> bytes at first, grown as needed.</summary>
    public EcrivainCopieBinaire(int capacite) => _tampon = new byte[capacite];

    /// <summary>The rows written so far (memory mode).</summary>
    public ReadOnlyMemory<byte> Lignes => _tampon.AsMemory(0, _fin);

    /// <summary>Forgets the rows written, keeping the buffer for the next ones (memory mode).</summary>
    public void Effacer()
    {
        Debug.Assert(_flux is null);
        _fin = 0;
    }

    public void Ligne(short champs) => BinaryPrimitives.WriteInt16BigEndian(Reserver(2), champs);

    public void Uuid(Guid valeur) => valeur.TryWriteBytes(Champ(16), bigEndian: true, out _);

    public void UInt32(uint valeur) => BinaryPrimitives.WriteUInt32BigEndian(Champ(4), valeur);

    public void Int32(int valeur) => BinaryPrimitives.WriteInt32BigEndian(Champ(4), valeur);

    public void Int16(short valeur) => BinaryPrimitives.WriteInt16BigEndian(Champ(2), valeur);

    public void Booleen(bool valeur) => Champ(1)[0] = valeur ? (byte)1 : (byte)0;

    /// <summary>A <c>date</c>: days since 2000-01-01.</summary>
    public void Date(DateOnly valeur) => Int32(valeur.DayNumber - JourEpoque);

    /// <summary>A <c>timestamp with time zone</c>: microseconds since 2000-01-01 UTC (below the microsecond truncated, as Npgsql does).</summary>
    public void Horodatage(DateTimeOffset valeur) => BinaryPrimitives.WriteInt64BigEndian(Champ(8), (valeur.UtcTicks - TicksEpoque) / 10);

    /// <summary>A <c>text</c> or <c>varchar</c>: its UTF-8 bytes.</summary>
    public void Texte(string valeur)
    {
        var s = Reserver(4 + Encoding.UTF8.GetMaxByteCount(valeur.Length));
        var n = Encoding.UTF8.GetBytes(valeur, s[4..]);
        BinaryPrimitives.WriteInt32BigEndian(s, n);
        _fin -= s.Length - 4 - n;
    }

    /// <summary>A <c>bytea</c> (or any value already in its binary form).</summary>
    public void Octets(ReadOnlySpan<byte> valeur) => valeur.CopyTo(Champ(valeur.Length));

    /// <summary>A null field.</summary>
    public void Nul() => BinaryPrimitives.WriteInt32BigEndian(Reserver(4), -1);

    /// <summary>
    /// A <c>text</c> field written by <paramref name="ecrire"/> through <paramref name="json"/>, a writer reused from one value to the
    /// next and pointed here (memory mode): the UTF-8 JSON lands in place, its length is written before it once known.
    /// </summary>
    public void Json<T>(Utf8JsonWriter json, T valeur, Action<Utf8JsonWriter, T> ecrire)
    {
        Debug.Assert(_flux is null);
        var longueur = _fin;
        _fin += 4;
        json.Reset(this);
        ecrire(json, valeur);
        json.Flush();
        BinaryPrimitives.WriteInt32BigEndian(_tampon.AsSpan(longueur), _fin - longueur - 4);
    }

    /// <summary>The end-of-data marker, then everything to the stream (stream mode).</summary>
    public void Terminer()
    {
        BinaryPrimitives.WriteInt16BigEndian(Reserver(2), -1);
        Vider();
    }

    /// <summary>
    /// One COPY on <paramref name="connexion"/> (<paramref name="copy"/>: its <c>COPY … FROM STDIN (FORMAT BINARY)</c> statement) of the
    /// rows of <paramref name="parties"/> (memory mode), in order. A failure cancels the COPY: nothing of it is kept.
    /// </summary>
    public static async Task EnvoyerAsync(NpgsqlConnection connexion, string copy, IEnumerable<EcrivainCopieBinaire> parties, CancellationToken ct)
    {
        var entree = await connexion.BeginRawBinaryCopyAsync(copy, ct);
        try
        {
            var entete = new byte[LongueurEntete];
            Signature.CopyTo(entete);
            await entree.WriteAsync(entete, ct);
            foreach (var p in parties) await entree.WriteAsync(p.Lignes, ct);
            await entree.WriteAsync(new byte[] { 0xFF, 0xFF }, ct);
        }
        catch
        {
            await entree.CancelAsync();
            await entree.DisposeAsync();
            throw;
        }
        await entree.DisposeAsync();
    }

    void IBufferWriter<byte>.Advance(int count) => _fin += count;

    Memory<byte> IBufferWriter<byte>.GetMemory(int sizeHint)
    {
        Agrandir(Math.Max(sizeHint, 256));
        return _tampon.AsMemory(_fin);
    }

    Span<byte> IBufferWriter<byte>.GetSpan(int sizeHint)
    {
        Agrandir(Math.Max(sizeHint, 256));
        return _tampon.AsSpan(_fin);
    }

    private Span<byte> Champ(int longueur)
    {
        var s = Reserver(4 + longueur);
        BinaryPrimitives.WriteInt32BigEndian(s, longueur);
        return s[4..];
    }

    private Span<byte> Reserver(int n)
    {
        if (_fin + n > _tampon.Length)
        {
            if (_flux is not null) Vider();
            Agrandir(n);
        }
        var s = _tampon.AsSpan(_fin, n);
        _fin += n;
        return s;
    }

    private void Agrandir(int n)
    {
        if (_fin + n <= _tampon.Length) return;
        Array.Resize(ref _tampon, Math.Max(_tampon.Length * 2, _fin + n));
    }

    private void Vider()
    {
        _flux!.Write(_tampon, 0, _fin);
        _fin = 0;
    }
}
