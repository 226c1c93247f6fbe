using System.Security.Cryptography;
using System.Text;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Demandes;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Acces;

/// <summary>Where a sign-in comes from: the IP address and the browser (user agent) of the request; the web fills them, the command line has none.</summary>
public interface IOrigineConnexion
{
    string? Ip { get; }

    string? Navigateur { get; }
}

/// <summary>No request (command line, tests of the use cases): the journal says « inconnue ».</summary>
public sealed class SansOrigineConnexion : IOrigineConnexion
{
    public string? Ip => null;

    public string? Navigateur => null;
}

/// <summary>The journal's names of the sign-in events, agents' and applicants' alike (the organisation column tells which space).</summary>
public static class ActionsAuditConnexion
{
    public const string Reussie = "connexion.reussie";
    public const string Echec = "connexion.echec";
    public const string Verrouillage = "connexion.verrouillage";
    public const string EchecSecondFacteur = "connexion.echec-second-facteur";
    public const string ProConnect = "connexion.proconnect";
    public const string FranceConnect = "connexion.franceconnect";
    public const string Deconnexion = "connexion.deconnexion";
    public const string MotDePasseDefini = "connexion.mot-de-passe-defini";
}

/// <summary>
/// Writes the sign-in events in the audit journal (docs/protection-des-donnees.md §2 item 17): success, failure, lock-out, failure of the
/// second factor, ProConnect or FranceConnect sign-in, sign-out — for agents (<see cref="ComptesAgents"/>) and applicants
/// (<c>Logis.Application.Espace.ComptesDemandeurs</c>). Never the password nor a code. The account is named when there is one; an
/// identifier that matches no account is never written in clear, only by <see cref="Empreinte"/>. The detail carries the IP address
/// and the browser of the request (<see cref="IOrigineConnexion"/>).
/// </summary>
public sealed class JournalConnexions(LogisDbContext db, TimeProvider horloge, IOrigineConnexion origine)
{
    public const string OrganisationEspace = "Espace demandeur";
    private const int LongueurNavigateur = 150;

    /// <summary>
    /// An identifier that matches no account, as the journal writes it: the first 12 hexadecimal characters of the SHA-256 of the
    /// identifier as typed, trimmed and in lower case — the same typing gives the same fingerprint (repeated attempts are seen), the
    /// identifier itself is not written (it may be a mistyped password or another person's address).
    /// </summary>
    public static string Empreinte(string? identifiant) =>
        "identifiant inconnu " + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes((identifiant ?? "").Trim().ToLowerInvariant())))[..12];

    /// <summary>Adds the row to the context and saves it (the caller's other changes, if any, are saved with it).</summary>
    public async Task EcrireAsync(string action, Guid? compte, string auteur, string organisation, Siren? epci, string? precision, CancellationToken ct)
    {
        db.Audit.Add(Entree(action, compte, auteur, organisation, epci, precision));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>An unknown agent identifier: the journal of the only territory the deployment hosts (none when several, the row stays unread by agents).</summary>
    public async Task<Siren?> TerritoireUniqueAsync(CancellationToken ct)
    {
        var epcis = await db.Utilisateurs.AsNoTracking().Select(u => u.EpciSiren).Distinct().Take(2).ToListAsync(ct);
        return epcis.Count == 1 ? epcis[0] : null;
    }

    private EntreeAudit Entree(string action, Guid? compte, string auteur, string organisation, Siren? epci, string? precision)
    {
        var navigateur = origine.Navigateur is { Length: > 0 } n ? (n.Length > LongueurNavigateur ? n[..LongueurNavigateur] + "…" : n) : "inconnu";
        var detail = $"IP {origine.Ip ?? "inconnue"} ; navigateur {navigateur}" + (precision is null ? "" : " ; " + precision);
        return new EntreeAudit
        {
            Quand = horloge.GetUtcNow(), AuteurId = compte ?? Guid.Empty, Auteur = Couper(auteur, 200), Organisation = Couper(organisation, 200), Action = action,
            EpciSiren = epci, Detail = Couper(detail, 300),
        };
    }

    private static string Couper(string texte, int longueur) => texte.Length <= longueur ? texte : texte[..longueur];
}
