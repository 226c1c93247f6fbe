using System.Security.Cryptography;
using System.Text;

namespace Logis.Domain.Commun;

/// <summary>
/// Name-based identifiers (RFC 9562 version 8 layout over SHA-256): the same name always gives the
/// same id, so a seeded territory is identical from one run to the next and a re-run finds what it
/// already created.
/// </summary>
public static class DeterministicGuid
{
    public static Guid From(string name)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
