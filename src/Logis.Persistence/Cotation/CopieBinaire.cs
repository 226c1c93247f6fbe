using System.Buffers.Binary;

namespace Logis.Persistence.Cotation;

/// <summary>
/// Reads PostgreSQL's binary COPY format (<c>COPY … TO STDOUT (FORMAT BINARY)</c>) from a raw stream, a tuple at a time,
/// without an object per field: the batch rescoring reads a million rows of four fields, where the data reader's per-value
/// machinery cost more than the scoring itself. Format: signature, flags, header extension; then per tuple a field count
/// (int16, -1 ends the data) and per field its length (int32, -1 for NULL) and bytes, in network order.
/// </summary>
internal sealed class LecteurCopieBinaire(Stream flux, int taille = 1 << 20)
{
    /// <summary>« PGCOPY\n\377\r\n\0 », the first 11 bytes of the format.</summary>
    internal static ReadOnlySpan<byte> Signature => [0x50, 0x47, 0x43, 0x4F, 0x50, 0x59, 0x0A, 0xFF, 0x0D, 0x0A, 0x00];

    private byte[] _tampon = new byte[taille];
    private int _debut, _fin;
    private bool _entete;
    private int[] _positions = new int[8];
    private int[] _longueurs = new int[8];
    private int _tuple;

    public int Champs { get; private set; }

    /// <summary>Moves to the next tuple; false after the last one.</summary>
    public bool Lire()
    {
        _debut += _tuple;
        _tuple = 0;
        if (!_entete)
        {
            Assurer(Signature.Length + 8);
            if (!_tampon.AsSpan(_debut, Signature.Length).SequenceEqual(Signature)) throw new InvalidDataException("Flux COPY binaire : signature absente.");
            var extension = BinaryPrimitives.ReadInt32BigEndian(_tampon.AsSpan(_debut + Signature.Length + 4));
            Assurer(Signature.Length + 8 + extension);
            _debut += Signature.Length + 8 + extension;
            _entete = true;
        }
        Assurer(2);
        var champs = BinaryPrimitives.ReadInt16BigEndian(_tampon.AsSpan(_debut));
        if (champs == -1) return false;
        if (champs < 0) throw new InvalidDataException($"Flux COPY binaire : {champs} champs.");
        if (champs > _positions.Length) (_positions, _longueurs) = (new int[champs], new int[champs]);
        var position = 2;
        for (var i = 0; i < champs; i++)
        {
            Assurer(position + 4);
            var longueur = BinaryPrimitives.ReadInt32BigEndian(_tampon.AsSpan(_debut + position));
            position += 4;
            _positions[i] = position;
            _longueurs[i] = longueur;
            if (longueur > 0)
            {
                Assurer(position + longueur);
                position += longueur;
            }
        }
        Champs = champs;
        _tuple = position;
        return true;
    }

    public bool EstNul(int champ) => _longueurs[champ] < 0;

    /// <summary>The bytes of a field of the current tuple (empty for NULL), valid until the next <see cref="Lire"/>.</summary>
    public ReadOnlySpan<byte> Champ(int champ) =>
        _longueurs[champ] <= 0 ? [] : _tampon.AsSpan(_debut + _positions[champ], _longueurs[champ]);

    public Guid Uuid(int champ) => new(Fixe(champ, 16), bigEndian: true);

    public uint UInt32(int champ) => BinaryPrimitives.ReadUInt32BigEndian(Fixe(champ, 4));

    public int Int32(int champ) => BinaryPrimitives.ReadInt32BigEndian(Fixe(champ, 4));

    private ReadOnlySpan<byte> Fixe(int champ, int longueur) =>
        _longueurs[champ] == longueur ? Champ(champ) : throw new InvalidDataException($"Flux COPY binaire : champ {champ} de {_longueurs[champ]} octets, {longueur} attendus.");

    /// <summary>At least <paramref name="n"/> bytes from the start of the current tuple in the buffer (keeps that tuple).</summary>
    private void Assurer(int n)
    {
        while (_fin - _debut < n)
        {
            if (_debut > 0)
            {
                Buffer.BlockCopy(_tampon, _debut, _tampon, 0, _fin - _debut);
                _fin -= _debut;
                _debut = 0;
            }
            if (n > _tampon.Length) Array.Resize(ref _tampon, Math.Max(n, _tampon.Length * 2));
            var lus = flux.Read(_tampon, _fin, _tampon.Length - _fin);
            if (lus == 0) throw new InvalidDataException("Flux COPY binaire interrompu au milieu d'un enregistrement.");
            _fin += lus;
        }
    }
}

/// <summary>Writes PostgreSQL's binary COPY format (<c>COPY … FROM STDIN (FORMAT BINARY)</c>) to a raw stream, buffered.</summary>
internal sealed class EcrivainCopieBinaire
{
    private readonly Stream _flux;
    private readonly byte[] _tampon;
    private int _fin;

    public EcrivainCopieBinaire(Stream flux, int taille = 1 << 16)
    {
        _flux = flux;
        _tampon = new byte[taille];
        LecteurCopieBinaire.Signature.CopyTo(_tampon);
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
