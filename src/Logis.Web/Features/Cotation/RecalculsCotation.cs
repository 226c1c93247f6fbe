using System.Collections.Concurrent;
using System.Threading.Channels;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Cotation;
using Logis.Persistence.Seed;

namespace Logis.Web.Features.Cotation;

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

/// <summary>Runs the queued rescorings in the background (<see cref="RecalculCotation"/>), in a scope of its own.</summary>
public sealed class ServiceRecalculCotation(RecalculsCotation recalculs, IServiceScopeFactory scopes, GrillesCotation grilles,
    ILogger<ServiceRecalculCotation> journal) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var r in recalculs.File.ReadAllAsync(stoppingToken))
        {
            r.Etat = EtatRecalcul.EnCours;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<LogisDbContext>();
                r.Resultat = await RecalculCotation.RecalculerAsync(db, grilles.JeuEnVigueur, grilles.Aujourdhui, grilles.Maintenant, r.Epci,
                    new ProgressionDirecte(r.Avancer), ct: stoppingToken);
                r.Etat = EtatRecalcul.Termine;
                journal.LogInformation("Recalcul des cotations {Epci} : {Demandes} demandes en {Duree}", r.Epci, r.Resultat.Cotees, r.Resultat.Duree);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                r.Erreur = "Le recalcul a échoué ; les cotations enregistrées sont inchangées.";
                r.Etat = EtatRecalcul.Echec;
                journal.LogError(e, "Recalcul des cotations {Epci} en échec", r.Epci);
            }
        }
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class ProgressionDirecte(Action<Avancement> action) : IProgress<Avancement>
    {
        public void Report(Avancement value) => action(value);
    }
}
