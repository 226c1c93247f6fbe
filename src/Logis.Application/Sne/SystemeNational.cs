using System.Xml.Linq;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;

namespace Logis.Application.Sne;

/// <summary>
/// What a système particulier sends the national registration system (SNE): the demands, their updates, renewals and
/// radiations, daily (arrêté du 23 mars 2015, annexe §2 [V]), and at an attribution the data of annex §6.2 [V]. The codes
/// are the <c>typeFichier</c> of the SNE's interface (docs/sne.md §2, [S] libsne, interface 2.01).
/// </summary>
public enum TypeEchangeSne
{
    /// <summary>CRE: a new demand.</summary>
    Creation = 1,
    /// <summary>MOD: the demand's content changed.</summary>
    Modification = 2,
    /// <summary>REN: the demand was renewed.</summary>
    Renouvellement = 3,
    /// <summary>RAD: the demand was radiated (its reason as an SNE code).</summary>
    Radiation = 4,
    /// <summary>RAD with the reason RADATT and the attribution data (RPLS identifier, collective agreement, DALO, contingent).</summary>
    Attribution = 5,
}

/// <summary>The data an attribution sends with the radiation a) (arrêté du 23 mars 2015, annexe §6.2 [V]).</summary>
/// <param name="IdentifiantRpls">The dwelling's identifier in the RPLS.</param>
/// <param name="AccordCollectif">The collective agreement the attribution counts for (« departemental », « intercommunal »), if any.</param>
/// <param name="Dalo">Whether the household was recognised DALO.</param>
/// <param name="Contingent">The reservation contingent (« etat-agents » distinguishes the State's agents), if any.</param>
public sealed record AttributionSne(string IdentifiantRpls, string? AccordCollectif, bool Dalo, string? Contingent);

/// <summary>One exchange as sent: its type, the national number, the instant and the document in the SNE's format.</summary>
public sealed record EchangeSne(TypeEchangeSne Type, string Numero, DateTimeOffset Quand, XDocument Document);

/// <summary>
/// The port to the national registration system, called by the use cases as an explicit side effect of each act, in the
/// act's transaction: a refusal leaves the act undone. Adapters: <see cref="SneFichiers"/> (the exchange files of the
/// interface, as far as it is publicly documented) and <see cref="SneEnMemoire"/> (recording double for the tests).
/// </summary>
public interface ISystemeNational
{
    Task<Resultat> EnregistrerAsync(Demande demande, CancellationToken ct);

    Task<Resultat> MettreAJourAsync(Demande demande, CancellationToken ct);

    Task<Resultat> RenouvelerAsync(Demande demande, CancellationToken ct);

    Task<Resultat> RadierAsync(Demande demande, CancellationToken ct);

    Task<Resultat> AttribuerAsync(Demande demande, AttributionSne attribution, CancellationToken ct);
}

/// <summary>
/// The exchanges of the five acts built once from the mapping (<see cref="FormatSne"/>); an adapter only says how one
/// exchange travels.
/// </summary>
public abstract class SystemeNationalParEchanges(TimeProvider horloge) : ISystemeNational
{
    protected abstract Task<Resultat> TransmettreAsync(EchangeSne echange, CancellationToken ct);

    public Task<Resultat> EnregistrerAsync(Demande demande, CancellationToken ct) => Envoyer(TypeEchangeSne.Creation, demande, null, ct);

    public Task<Resultat> MettreAJourAsync(Demande demande, CancellationToken ct) => Envoyer(TypeEchangeSne.Modification, demande, null, ct);

    public Task<Resultat> RenouvelerAsync(Demande demande, CancellationToken ct) => Envoyer(TypeEchangeSne.Renouvellement, demande, null, ct);

    public Task<Resultat> RadierAsync(Demande demande, CancellationToken ct) => Envoyer(TypeEchangeSne.Radiation, demande, null, ct);

    public Task<Resultat> AttribuerAsync(Demande demande, AttributionSne attribution, CancellationToken ct) =>
        Envoyer(TypeEchangeSne.Attribution, demande, attribution, ct);

    private Task<Resultat> Envoyer(TypeEchangeSne type, Demande demande, AttributionSne? attribution, CancellationToken ct)
    {
        var quand = horloge.GetUtcNow();
        return TransmettreAsync(new EchangeSne(type, demande.Numero.Valeur, quand, FormatSne.Fichier(type, [demande], quand, attribution)), ct);
    }
}

/// <summary>
/// Test double of the SNE: keeps every exchange in memory, in order; <see cref="Refuser"/> makes the next ones fail (the
/// national system unreachable), to check that the act is then undone.
/// </summary>
public sealed class SneEnMemoire(TimeProvider horloge) : SystemeNationalParEchanges(horloge)
{
    private readonly List<EchangeSne> _echanges = [];

    public IReadOnlyList<EchangeSne> Echanges
    {
        get
        {
            lock (_echanges) return [.. _echanges];
        }
    }

    public bool Refuser { get; set; }

    protected override Task<Resultat> TransmettreAsync(EchangeSne echange, CancellationToken ct)
    {
        if (Refuser) return Task.FromResult(Resultat.Echec(Echec.Indisponible("Le système national d'enregistrement n'a pas répondu : rien n'a été enregistré, réessayez plus tard.")));
        lock (_echanges) _echanges.Add(echange);
        return Task.FromResult(Resultat.Ok());
    }
}

/// <summary>
/// The exchange files of the SNE's interface for systèmes particuliers, as far as it is publicly documented (docs/sne.md §2):
/// each exchange is written as an <c>interfaceNuu</c> XML document in <paramref name="dossier"/>, for the daily transfer. The
/// SOAP transport (MTOM, client certificate, the <c>getNumUnique</c> service) is not public and not implemented.
/// </summary>
public sealed class SneFichiers(string dossier, TimeProvider horloge) : SystemeNationalParEchanges(horloge)
{
    protected override async Task<Resultat> TransmettreAsync(EchangeSne echange, CancellationToken ct)
    {
        try
        {
            Directory.CreateDirectory(dossier);
            var nom = $"{echange.Quand.UtcDateTime:yyyyMMddHHmmssfff}-{FormatSne.TypeFichier(echange.Type)}-{echange.Numero}.xml";
            await using var flux = new FileStream(Path.Combine(dossier, nom), FileMode.CreateNew, FileAccess.Write);
            await echange.Document.SaveAsync(flux, SaveOptions.None, ct);
            return Resultat.Ok();
        }
        catch (IOException e)
        {
            return Resultat.Echec(Echec.Indisponible($"L'échange avec le système national n'a pas pu être écrit ({e.GetType().Name}) : rien n'a été enregistré."));
        }
    }
}
