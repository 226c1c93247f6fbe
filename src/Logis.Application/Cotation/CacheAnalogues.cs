using System.Collections.Concurrent;
using Logis.Domain.Demandes;
using Logis.Domain.Patrimoine;
using Logis.Domain.Statistiques;
using Logis.Domain.Territoire;

namespace Logis.Application.Cotation;

/// <summary>
/// What the positioning and the observed waiting time of a demand read from the whole file, kept in memory per group of analogous
/// demands (EPCI, first wished typology, first wished commune): the stored scores of the active demands of the group and the waiting
/// time of the leases signed over the twelve months in it. The applicant space shows them at each view of a demand; computing them
/// reads every active demand of the territory. An entry is reused only on the same civil day, while <see cref="Persistence.GenerationDonnees"/>
/// (every committed write of this process but audit rows: a new lease, a rescoring, a renewal, a change of a demand…) has not moved,
/// and for at most <see cref="DureeMaximale"/> (writes of another process, the CLI). The demand's own score is always computed at the view.
/// </summary>
public sealed class CacheAnalogues
{
    public static readonly TimeSpan DureeMaximale = TimeSpan.FromMinutes(5);

    private long calculs;

    internal ConcurrentDictionary<(Siren Epci, Typologie? Typologie, CodeInsee? Commune), GroupeAnalogues> Groupes { get; } = new();

    /// <summary>How many groups were computed (read from the base) since the start: what the tests of the reuse count.</summary>
    public long Calculs => Interlocked.Read(ref calculs);

    internal void Compter() => Interlocked.Increment(ref calculs);

    /// <summary>Forgets every group.</summary>
    public void Vider() => Groupes.Clear();
}

/// <summary>A group of analogous demands as read at <see cref="Generation"/>: the scores of its active demands, its waiting time.</summary>
internal sealed record GroupeAnalogues(DateOnly Jour, long Generation, DateTimeOffset CalculeLe, IReadOnlyList<(DemandeId Demande, int Total)> Scores,
    DelaiAttente Attente);
