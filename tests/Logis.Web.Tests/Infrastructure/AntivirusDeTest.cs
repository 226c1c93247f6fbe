using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Logis.Application.Pieces;

namespace Logis.Web.Tests.Infrastructure;

/// <summary>The EICAR test string (built from two halves, so that this source file is not itself a test virus).</summary>
public static class Eicar
{
    public static readonly string Texte = @"X5O!P%@AP[4\PZX54(P^)7CC)7}$" + "EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*";

    public static bool Dans(ReadOnlySpan<byte> contenu) => contenu.IndexOf(Encoding.ASCII.GetBytes(Texte)) >= 0;
}

/// <summary>The antivirus double of the suite: the EICAR string anywhere is a virus; everything else is clean.</summary>
public sealed class AntivirusDeTest : IAntivirus
{
    public const string Signature = "Eicar-Test-Signature";

    public Task<AnalyseAntivirus> AnalyserAsync(ReadOnlyMemory<byte> contenu, CancellationToken ct) =>
        Task.FromResult(Eicar.Dans(contenu.Span) ? new AnalyseAntivirus(VerdictAntivirus.Infecte, Signature) : AnalyseAntivirus.Sain);
}

/// <summary>
/// A stand-in for clamd on the loopback, speaking its INSTREAM protocol (clamd(8)) to test the real adapter: it reads the chunks
/// until the zero length and answers <c>stream: OK</c> or <c>stream: Win.Test.EICAR_HDB-1 FOUND</c>.
/// </summary>
public sealed class ClamdFactice : IAsyncDisposable
{
    public const string Signature = "Win.Test.EICAR_HDB-1";
    private readonly TcpListener _ecoute = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _arret = new();
    private readonly Task _boucle;

    public ClamdFactice()
    {
        _ecoute.Start();
        _boucle = Task.Run(BoucleAsync);
    }

    public string Adresse => $"tcp://127.0.0.1:{((IPEndPoint)_ecoute.LocalEndpoint).Port}";

    /// <summary>The commands received (for the test of the protocol).</summary>
    public List<string> Commandes { get; } = [];

    private async Task BoucleAsync()
    {
        while (!_arret.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _ecoute.AcceptTcpClientAsync(_arret.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            using (client)
            {
                var flux = client.GetStream();
                var commande = new List<byte>();
                var octet = new byte[1];
                while (await flux.ReadAsync(octet) == 1 && octet[0] != 0) commande.Add(octet[0]);
                lock (Commandes) Commandes.Add(Encoding.ASCII.GetString([.. commande]));
                var contenu = new MemoryStream();
                var longueur = new byte[4];
                while (true)
                {
                    await flux.ReadExactlyAsync(longueur);
                    var n = BinaryPrimitives.ReadUInt32BigEndian(longueur);
                    if (n == 0) break;
                    var morceau = new byte[n];
                    await flux.ReadExactlyAsync(morceau);
                    contenu.Write(morceau);
                }
                var reponse = Eicar.Dans(contenu.ToArray()) ? $"stream: {Signature} FOUND\0" : "stream: OK\0";
                await flux.WriteAsync(Encoding.ASCII.GetBytes(reponse));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _arret.CancelAsync();
        _ecoute.Stop();
        try { await _boucle; } catch (Exception e) when (e is OperationCanceledException or IOException) { }
        _arret.Dispose();
    }
}
