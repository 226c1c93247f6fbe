using Logis.Persistence.Cotation;

namespace Logis.Persistence.Tests;

/// <summary>The binary COPY writer and reader of the batch rescoring agree, whatever the chunks the stream gives.</summary>
public class CopieBinaireTests
{
    /// <summary>A stream that gives at most a few bytes per read, as a socket may.</summary>
    private sealed class FluxAuCompteGouttes(byte[] octets, int pas) : MemoryStream(octets)
    {
        private int _appel;

        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1 + (_appel++ % pas)));
    }

    [Theory]
    [InlineData(1, 16)]
    [InlineData(7, 16)]
    [InlineData(1_000, 1 << 20)]
    public void Ce_qui_est_ecrit_est_relu_champ_par_champ(int pas, int tampon)
    {
        var lignes = Enumerable.Range(0, 500).Select(i => (Id: Guid.CreateVersion7(), Lu: uint.MaxValue - (uint)i, Total: (i * 37) - 4_000, Grille: (short)(i % 3))).ToList();
        using var sortie = new MemoryStream();
        var ecrivain = new EcrivainCopieBinaire(sortie, taille: 64);
        foreach (var l in lignes)
        {
            ecrivain.Ligne(4);
            ecrivain.Uuid(l.Id);
            ecrivain.UInt32(l.Lu);
            ecrivain.Int32(l.Total);
            ecrivain.Int16(l.Grille);
        }
        ecrivain.Terminer();

        var lecteur = new LecteurCopieBinaire(new FluxAuCompteGouttes(sortie.ToArray(), pas), tampon);
        var relues = new List<(Guid, uint, int, short)>();
        while (lecteur.Lire())
        {
            Assert.Equal(4, lecteur.Champs);
            relues.Add((lecteur.Uuid(0), lecteur.UInt32(1), lecteur.Int32(2), (short)((lecteur.Champ(3)[0] << 8) | lecteur.Champ(3)[1])));
        }
        Assert.Equal(lignes, relues);
    }

    [Fact]
    public void Un_flux_interrompu_ou_sans_signature_est_refuse()
    {
        using var sortie = new MemoryStream();
        var ecrivain = new EcrivainCopieBinaire(sortie);
        ecrivain.Ligne(1);
        ecrivain.Int32(42);
        ecrivain.Terminer();
        var octets = sortie.ToArray();
        var coupe = new LecteurCopieBinaire(new MemoryStream(octets[..^4]));
        Assert.Contains("interrompu", Assert.Throws<InvalidDataException>(() => { while (coupe.Lire()) { } }).Message, StringComparison.Ordinal);
        octets[0] = (byte)'X';
        var faux = new LecteurCopieBinaire(new MemoryStream(octets));
        Assert.Contains("signature", Assert.Throws<InvalidDataException>(() => faux.Lire()).Message, StringComparison.Ordinal);
    }
}
