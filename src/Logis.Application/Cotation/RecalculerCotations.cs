using Logis.Persistence.Seed;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Cotation;

namespace Logis.Application.Cotation;

/// <summary>
/// The act « recalculer les cotations »: every active demand of an EPCI (or of all EPCIs) scored under the grid in force
/// today, in one transaction (ADR 0007). One implementation for the page (queued, <see cref="RecalculsCotation"/>), the
/// nightly run and the command line.
/// </summary>
public sealed class RecalculerCotations(LogisDbContext db, GrillesCotation grilles)
{
    public Task<ResultatRecalcul> ExecuterAsync(Siren? epci, IProgress<Avancement>? progression, CancellationToken ct)
    {
        var jour = grilles.Aujourdhui;
        return RecalculCotation.RecalculerAsync(db, e => grilles.Registre.JeuEnVigueur(e, jour), jour, grilles.Maintenant, epci, progression, ct: ct);
    }

    /// <summary>Runs a rescoring asked from the web and records its progress and outcome on it (the page shows them).</summary>
    public async Task ExecuterAsync(Recalcul recalcul, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(recalcul);
        recalcul.Etat = EtatRecalcul.EnCours;
        try
        {
            recalcul.Resultat = await ExecuterAsync(recalcul.Epci, new ProgressionDirecte(recalcul.Avancer), ct);
            recalcul.Etat = EtatRecalcul.Termine;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            recalcul.Erreur = "Le recalcul a échoué ; les cotations enregistrées sont inchangées.";
            recalcul.Etat = EtatRecalcul.Echec;
            throw;
        }
    }
}
