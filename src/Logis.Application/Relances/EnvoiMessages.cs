using System.Globalization;
using System.Text;
using Logis.Domain.Relances;
using Logis.Domain.Territoire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Logis.Persistence.Relances;
using Logis.Persistence;

namespace Logis.Application.Relances;

/// <summary>
/// Sends one message on its channel. An implementation throws on failure (the outbox retries); it must be idempotent
/// for a given message id, since a message may be sent again after a crash between sending and recording it.
/// A real SMTP or SMS gateway implements this same interface.
/// </summary>
public interface IExpediteurMessages
{
    string Nom { get; }
    Task EnvoyerAsync(MessageDemandeur message, CancellationToken ct);
}

/// <summary>
/// Demo sender (default): writes each message to a folder — an e-mail as a <c>.eml</c> file (RFC 5322, UTF-8),
/// an SMS or a letter to print as a <c>.txt</c> file — named after the message id (a second send overwrites it).
/// </summary>
public sealed class ExpediteurDossier(string dossier, string adresseExpediteur) : IExpediteurMessages
{
    public string Nom => "Dossier";

    public string Dossier { get; } = dossier;

    public async Task EnvoyerAsync(MessageDemandeur message, CancellationToken ct)
    {
        Directory.CreateDirectory(Dossier);
        var nom = $"{message.CreeLe:yyyyMMdd}-{message.Numero}-{message.Canal}-{message.Id:N}";
        if (message.Canal == CanalMessage.Courriel)
        {
            var eml = new StringBuilder()
                .Append("From: ").Append(adresseExpediteur).Append("\r\n")
                .Append("To: ").Append(message.Destinataire).Append("\r\n")
                .Append("Subject: =?utf-8?B?").Append(Convert.ToBase64String(Encoding.UTF8.GetBytes(message.Sujet))).Append("?=\r\n")
                .Append("Date: ").Append(DateTime.SpecifyKind(message.CreeLe, DateTimeKind.Utc).ToString("r", CultureInfo.InvariantCulture)).Append("\r\n")
                .Append("Message-ID: <").Append(message.Id.ToString("N")).Append("@logis>\r\n")
                .Append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
                .Append(message.Corps.Replace("\n", "\r\n", StringComparison.Ordinal)).Append("\r\n");
            await File.WriteAllTextAsync(Path.Combine(Dossier, nom + ".eml"), eml.ToString(), new UTF8Encoding(false), ct);
        }
        else
        {
            var entete = message.Canal == CanalMessage.Sms ? $"SMS à {message.Destinataire}\n\n" : "";
            await File.WriteAllTextAsync(Path.Combine(Dossier, nom + ".txt"), entete + message.Corps + "\n", new UTF8Encoding(false), ct);
        }
    }
}

/// <summary>Sender that only writes a log line (message id, number, channel, kind): never the recipient nor the body.</summary>
public sealed class ExpediteurJournal(ILogger journal) : IExpediteurMessages
{
    public string Nom => "Journal";

    public Task EnvoyerAsync(MessageDemandeur message, CancellationToken ct)
    {
        journal.LogInformation("Message {Id} à envoyer par {Canal} pour la demande {Numero} : {Type}", message.Id, message.Canal, message.Numero, message.Type);
        return Task.CompletedTask;
    }
}

/// <summary>Retry policy of the outbox [M]: attempts cap and first delay (doubled at each failure).</summary>
public sealed record PolitiqueEnvoi(int TentativesMax, TimeSpan DelaiBase)
{
    public static readonly PolitiqueEnvoi ParDefaut = new(3, TimeSpan.FromMinutes(15));
}

public sealed record ResultatEnvoi(int Envoyes, int EnEchec, int AReessayer);

/// <summary>
/// Sends the queued messages whose time has come. Each message is first claimed by a conditional UPDATE (its next
/// attempt pushed a few minutes ahead), so that two senders — the web app and the command line — never send it twice
/// at the same time; then sent, then its outcome saved.
/// </summary>
public sealed class EnvoiMessages(LogisDbContext db, IExpediteurMessages expediteur, TimeProvider horloge, PolitiqueEnvoi politique)
{
    public const int Lot = 500;
    private static readonly TimeSpan Reservation = TimeSpan.FromMinutes(10);

    public async Task<ResultatEnvoi> EnvoyerAsync(Siren? epci = null, CancellationToken ct = default)
    {
        var maintenant = horloge.GetUtcNow().UtcDateTime;
        var q = db.Set<MessageDemandeur>().AsNoTracking().Where(m => m.Statut == StatutMessage.AEnvoyer && m.ProchaineTentativeLe <= maintenant);
        if (epci is { } e) q = q.Where(m => m.EpciSiren == e);
        var ids = await q.OrderBy(m => m.CreeLe).Select(m => m.Id).Take(Lot).ToListAsync(ct);
        int envoyes = 0, echecs = 0, reessais = 0;
        foreach (var id in ids)
        {
            var reserve = maintenant + Reservation;
            var pris = await db.Set<MessageDemandeur>()
                .Where(m => m.Id == id && m.Statut == StatutMessage.AEnvoyer && m.ProchaineTentativeLe <= maintenant)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.ProchaineTentativeLe, reserve), ct);
            if (pris == 0) continue;
            var message = await db.Set<MessageDemandeur>().SingleAsync(m => m.Id == id, ct);
            try
            {
                await expediteur.EnvoyerAsync(message, ct);
                message.MarquerEnvoye(horloge.GetUtcNow().UtcDateTime);
                envoyes++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                message.NoterEchec(horloge.GetUtcNow().UtcDateTime, $"{expediteur.Nom} : {ex.GetType().Name} — {ex.Message}", politique.TentativesMax, politique.DelaiBase);
                if (message.Statut == StatutMessage.Echec) echecs++;
                else reessais++;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        return new ResultatEnvoi(envoyes, echecs, reessais);
    }
}
