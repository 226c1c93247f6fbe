using System.Collections.Concurrent;
using System.Threading.Channels;
using Logis.Domain.Territoire;
using Logis.Persistence.Cotation;
using Logis.Persistence.Seed;

namespace Logis.Application.Cotation;

public enum EtatRecalcul
{
    EnAttente,
    EnCours,
    Termine,
    Echec,
}

/// <summary>One rescoring asked from the web page: who asked, for which EPCI, how far it went.</summary>
public sealed class Recalcul(Guid id, Siren epci, string demandeur, DateTimeOffset demandeLe)
{
    public Guid Id { get; } = id;
    public Siren Epci { get; } = epci;
    public string Demandeur { get; } = demandeur;
    public DateTimeOffset DemandeLe { get; } = demandeLe;
    private int _etat, _fait, _total;
    public EtatRecalcul Etat
    {
        get => (EtatRecalcul)Volatile.Read(ref _etat);
        internal set => Volatile.Write(ref _etat, (int)value);
    }
    public int Fait => Volatile.Read(ref _fait);
    public int Total => Volatile.Read(ref _total);
    public ResultatRecalcul? Resultat { get; internal set; }
    public string? Erreur { get; internal set; }

    internal void Avancer(Avancement a)
    {
        Volatile.Write(ref _total, a.Total);
        Volatile.Write(ref _fait, a.Fait);
    }
}

/// <summary>
/// The queue of rescorings asked from the web (one at a time, in order) and their states, kept in memory: a restart
/// forgets the history, never the scores (each rescoring commits in one transaction or not at all).
/// </summary>
public sealed class RecalculsCotation
{
    private readonly Channel<Recalcul> _file = Channel.CreateUnbounded<Recalcul>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, Recalcul> _tous = new();

    public ChannelReader<Recalcul> File => _file.Reader;

    public Recalcul Demander(Siren epci, string demandeur, DateTimeOffset quand)
    {
        // A rescoring already waiting or running for this EPCI is the one the agent gets: no duplicate work.
        var encours = _tous.Values.FirstOrDefault(r => r.Epci == epci && r.Etat is EtatRecalcul.EnAttente or EtatRecalcul.EnCours);
        if (encours is not null) return encours;
        var r = new Recalcul(Guid.NewGuid(), epci, demandeur, quand);
        _tous[r.Id] = r;
        _file.Writer.TryWrite(r);
        return r;
    }

    public Recalcul? Trouver(Guid id) => _tous.GetValueOrDefault(id);

    public Recalcul? Dernier(Siren epci) => _tous.Values.Where(r => r.Epci == epci).MaxBy(r => r.DemandeLe);
}
