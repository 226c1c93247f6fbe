using System.Collections.Concurrent;
using Logis.Application.Cotation;
using Logis.Domain.Demandes;

namespace Logis.Application.Espace;

/// <summary>
/// The home of a linked demand as the applicant space last computed it (<see cref="EspaceDemandeurService.LireAsync"/>), per account and
/// demand: the demand with its timeline, its score line by line, positioning and waiting time, priority situations, decisions, offers.
/// It is reused only on the same civil day, while <see cref="Persistence.GenerationDonnees"/> has not moved (every committed write of this
/// process but audit rows: a change of the demand, a rescoring, a decision, an offer, a renewal, a new lease…) and for at most
/// <see cref="CacheAnalogues.DureeMaximale"/> (writes of another process, the CLI) — the rule of <see cref="CacheAnalogues"/>. Never a
/// shortcut of the access rule: the link of the account to the demand is read at every view, before the cache is looked at, and every
/// view is journalled. At most <see cref="Capacite"/> entries: beyond, all are forgotten (they are rebuilt at the next view).
/// </summary>
public sealed class CacheAccueils
{
    public const int Capacite = 5_000;

    private long calculs;

    internal ConcurrentDictionary<(Guid Compte, DemandeId Demande), AccueilCalcule> Accueils { get; } = new();

    /// <summary>How many homes were computed (read from the base) since the start: what the tests of the reuse count.</summary>
    public long Calculs => Interlocked.Read(ref calculs);

    internal void Garder((Guid Compte, DemandeId Demande) cle, AccueilCalcule accueil)
    {
        Interlocked.Increment(ref calculs);
        if (Accueils.Count >= Capacite) Accueils.Clear();
        Accueils[cle] = accueil;
    }

    /// <summary>Forgets every home.</summary>
    public void Vider() => Accueils.Clear();
}

/// <summary>A home as computed at <see cref="Generation"/>.</summary>
internal sealed record AccueilCalcule(DateOnly Jour, long Generation, DateTimeOffset CalculeLe, AccueilDemandeur Accueil);
