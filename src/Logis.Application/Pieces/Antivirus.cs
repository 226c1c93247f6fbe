using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Logis.Application.Pieces;

public enum VerdictAntivirus
{
    Sain = 1,
    Infecte = 2,
    /// <summary>No answer (daemon down, timeout, error): the piece is refused, never stored unchecked.</summary>
    Indisponible = 3,
}

/// <summary>The answer of an antivirus scan; <see cref="Signature"/> names what was found.</summary>
public sealed record AnalyseAntivirus(VerdictAntivirus Verdict, string? Signature = null)
{
    public static AnalyseAntivirus Sain { get; } = new(VerdictAntivirus.Sain);
}

/// <summary>
/// The antivirus port (docs/protection-des-donnees.md §2 item 31): every piece is scanned after the checks of its format and before
/// it is stored. Adapters: <see cref="AntivirusClamd"/> when <c>Logis:Pieces:Antivirus</c> names a clamd daemon, otherwise
/// <see cref="SansAntivirus"/>; the test suite gives a double.
/// </summary>
public interface IAntivirus
{
    Task<AnalyseAntivirus> AnalyserAsync(ReadOnlyMemory<byte> contenu, CancellationToken ct);
}

/// <summary>No antivirus configured (<c>Logis:Pieces:Antivirus</c> empty): every file is declared clean.</summary>
public sealed class SansAntivirus : IAntivirus
{
    public Task<AnalyseAntivirus> AnalyserAsync(ReadOnlyMemory<byte> contenu, CancellationToken ct) => Task.FromResult(AnalyseAntivirus.Sain);
}

/// <summary>
/// ClamAV's daemon over its socket, INSTREAM command (clamd(8)): <c>zINSTREAM\0</c>, then the content in chunks each preceded by
/// its length on 4 bytes in network order, then a zero length; the answer is <c>stream: OK</c>, <c>stream: &lt;name&gt; FOUND</c>
/// or an error. The address is <c>tcp://host:port</c> or <c>unix:///path/of/clamd.ctl</c>. Any failure or timeout is
/// <see cref="VerdictAntivirus.Indisponible"/>.
/// </summary>
public sealed class AntivirusClamd : IAntivirus
{
    private const int TailleMorceau = 64 * 1024;
    private readonly EndPoint _adresse;
    private readonly TimeSpan _delai;

    public AntivirusClamd(string adresse, TimeSpan? delai = null)
    {
        _adresse = Adresse(adresse) ?? throw new ArgumentException(
            $"Adresse de clamd invalide « {adresse} » : écrivez tcp://hôte:port (par exemple tcp://127.0.0.1:3310) ou unix:///chemin/clamd.ctl.", nameof(adresse));
        _delai = delai ?? TimeSpan.FromSeconds(30);
    }

    /// <summary>The endpoint of <c>tcp://host:port</c> or <c>unix:///path</c>, or null.</summary>
    public static EndPoint? Adresse(string adresse)
    {
        if (adresse.StartsWith("unix://", StringComparison.Ordinal) && adresse.Length > 7) return new UnixDomainSocketEndPoint(adresse[7..]);
        if (Uri.TryCreate(adresse, UriKind.Absolute, out var uri) && uri.Scheme == "tcp" && uri.Port > 0 && uri.Host.Length > 0)
            return IPAddress.TryParse(uri.Host, out var ip) ? new IPEndPoint(ip, uri.Port) : new DnsEndPoint(uri.Host, uri.Port);
        return null;
    }

    public async Task<AnalyseAntivirus> AnalyserAsync(ReadOnlyMemory<byte> contenu, CancellationToken ct)
    {
        using var delai = CancellationTokenSource.CreateLinkedTokenSource(ct);
        delai.CancelAfter(_delai);
        try
        {
            using var socket = _adresse is UnixDomainSocketEndPoint
                ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
                : new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(_adresse, delai.Token);
            await using var flux = new NetworkStream(socket, ownsSocket: false);
            await flux.WriteAsync("zINSTREAM\0"u8.ToArray(), delai.Token);
            var longueur = new byte[4];
            for (var i = 0; i < contenu.Length; i += TailleMorceau)
            {
                var morceau = contenu.Slice(i, Math.Min(TailleMorceau, contenu.Length - i));
                BinaryPrimitives.WriteUInt32BigEndian(longueur, (uint)morceau.Length);
                await flux.WriteAsync(longueur, delai.Token);
                await flux.WriteAsync(morceau, delai.Token);
            }
            BinaryPrimitives.WriteUInt32BigEndian(longueur, 0);
            await flux.WriteAsync(longueur, delai.Token);
            await flux.FlushAsync(delai.Token);
            var reponse = new MemoryStream();
            var tampon = new byte[1024];
            int n;
            while (reponse.Length < 4096 && (n = await flux.ReadAsync(tampon, delai.Token)) > 0)
            {
                reponse.Write(tampon, 0, n);
                if (Array.IndexOf(tampon, (byte)0, 0, n) >= 0) break;
            }
            return Lire(Encoding.UTF8.GetString(reponse.ToArray()).TrimEnd('\0', '\n', ' '));
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return new AnalyseAntivirus(VerdictAntivirus.Indisponible);
        }
    }

    /// <summary>The verdict of clamd's answer to INSTREAM.</summary>
    public static AnalyseAntivirus Lire(string reponse)
    {
        if (reponse.EndsWith("FOUND", StringComparison.Ordinal))
        {
            var debut = reponse.IndexOf(": ", StringComparison.Ordinal);
            var nom = reponse[(debut < 0 ? 0 : debut + 2)..^"FOUND".Length].Trim();
            return new AnalyseAntivirus(VerdictAntivirus.Infecte, nom.Length == 0 ? null : nom);
        }
        return reponse.EndsWith(": OK", StringComparison.Ordinal) || reponse == "OK" ? AnalyseAntivirus.Sain : new AnalyseAntivirus(VerdictAntivirus.Indisponible);
    }
}
