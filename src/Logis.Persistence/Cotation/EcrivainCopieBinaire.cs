using System.Buffers.Binary;

namespace Logis.Persistence.Cotation;

/// <summary>
/// Writes PostgreSQL's binary COPY format (<c>COPY … FROM STDIN (FORMAT BINARY)</c>) to a raw stream, buffered, without
/// an object per value: the batch rescoring writes a million rows of four fields, where the binary importer's per-value
/// machinery cost more than the scoring itself. Format: signature, flags, header extension; then per tuple a field count
/// (int16) and per field its length (int32) and bytes, in network order; -1 ends the data.
/// </summary>
internal sealed class EcrivainCopieBinaire
{
    /// <summary>« PGCOPY\n\377\r\n\0 », the first 11 bytes of the format.</summary>
    internal static ReadOnlySpan<byte> Signature => [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00];

    private readonly Stream _flux;
    private readonly byte[] _tampon;
    private int _fin;

    public EcrivainCopieBinaire(Stream flux, int taille = 1 << 16)
    {
        _flux = flux;
        _tampon = new byte[taille];
        Signature.CopyTo(_tampon);
        _fin = 19; // signature, flags (0), header extension length (0)
    }

    public void Ligne(short champs) => BinaryPrimitives.WriteInt16BigEndian(Reserver(2), champs);

    public void Uuid(Guid valeur)
    {
        var s = Champ(16);
        valeur.TryWriteBytes(s, bigEndian: true, out _);
    }

    public void UInt32(uint valeur) => BinaryPrimitives.WriteUInt32BigEndian(Champ(4), valeur);

    public void Int32(int valeur) => BinaryPrimitives.WriteInt32BigEndian(Champ(4), valeur);

    public void Int16(short valeur) => BinaryPrimitives.WriteInt16BigEndian(Champ(2), valeur);

    /// <summary>The end-of-data marker, then everything to the stream.</summary>
    public void Terminer()
    {
        BinaryPrimitives.WriteInt16BigEndian(Reserver(2), -1);
        Vider();
    }

    private Span<byte> Champ(int longueur)
    {
        var s = Reserver(4 + longueur);
        BinaryPrimitives.WriteInt32BigEndian(s, longueur);
        return s[4..];
    }

    private Span<byte> Reserver(int n)
    {
        if (_fin + n > _tampon.Length) Vider();
        var s = _tampon.AsSpan(_fin, n);
        _fin += n;
        return s;
    }

    private void Vider()
    {
        _flux.Write(_tampon, 0, _fin);
        _fin = 0;
    }
}
