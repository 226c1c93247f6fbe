using Logis.Domain.Commun;
using Logis.Domain.Cotation;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;

namespace Logis.Persistence.Cotation;

/// <summary>
/// What the score of a demand is made of and what it is (one row per demand, table <c>cotation_demande</c>, created with
/// the demand and kept in step by every change of it, in the same transaction): its EPCI and status, the elements its facts
/// are built from (<see cref="ElementsStockes"/>), and the total under the grid in force, which grid and version, and when
/// it was computed (null while no grid is in force on its territory). A narrow table of its own, so that the nightly
/// rescoring reads and rewrites a few bytes per demand rather than the whole demand row (ADR 0007).
/// </summary>
public sealed class CotationDemande
{
    public required DemandeId DemandeId { get; init; }
    public Siren EpciSiren { get; private set; }
    public StatutDemande Statut { get; private set; }
    public byte[] Elements { get; private set; } = [];
    public int? Total { get; private set; }
    public string? GrilleId { get; private set; }
    public string? Version { get; private set; }
    public DateTimeOffset? CalculeeLe { get; private set; }

    /// <summary>The row of a demand as it is now, scored when <paramref name="coteur"/> gives a score (see <see cref="Actualiser"/>).</summary>
    public static CotationDemande Pour(Demande demande, Siren epci, ICoteurDemandes? coteur)
    {
        ArgumentNullException.ThrowIfNull(demande);
        var x = new CotationDemande { DemandeId = demande.Id };
        x.Actualiser(demande, epci, coteur);
        return x;
    }

    /// <summary>
    /// Takes the demand's EPCI, status and scoring elements as they are now, and its score under the grid in force when there is a
    /// scorer and a grid (otherwise the stored score waits for the next rescoring).
    /// </summary>
    public void Actualiser(Demande demande, Siren epci, ICoteurDemandes? coteur)
    {
        Suivre(demande, epci);
        if (coteur?.Coter(demande, epci) is { } cotation) Fixer(cotation);
    }

    /// <summary>Takes the demand's EPCI, status and scoring elements as they are now (unchanged values are left as they are).</summary>
    public void Suivre(Demande demande, Siren epci)
    {
        ArgumentNullException.ThrowIfNull(demande);
        EpciSiren = epci;
        Statut = demande.Statut;
        var elements = ElementsStockes.De(demande);
        if (!elements.AsSpan().SequenceEqual(Elements)) Elements = elements;
    }

    public void Fixer(CotationCalculee c)
    {
        ArgumentNullException.ThrowIfNull(c);
        Total = c.Total;
        GrilleId = c.GrilleId;
        Version = c.Version;
        CalculeeLe = c.CalculeeLe;
    }
}

/// <summary>A score computed for a demand: total, grid and version, instant of computation.</summary>
public sealed record CotationCalculee(int Total, string GrilleId, string Version, DateTimeOffset CalculeeLe);

/// <summary>
/// Scores a demand with the grid in force on its EPCI today. Registered in the application's services (the web app
/// gives its grids loaded at startup); <see cref="LogisDbContext"/> uses it to keep the stored score in step with the
/// demand in the same SaveChanges. Null when no grid is in force on the territory.
/// </summary>
public interface ICoteurDemandes
{
    CotationCalculee? Coter(Demande demande, Siren epci);
}

/// <summary>The default scorer over a grid registry and a clock (civil date in France).</summary>
public sealed class CoteurDemandes(RegistreGrilles registre, TimeProvider horloge) : ICoteurDemandes
{

    public DateOnly Aujourdhui => horloge.AujourdhuiEnFrance();

    public CotationCalculee? Coter(Demande demande, Siren epci)
    {
        var jeu = registre.JeuEnVigueur(epci, Aujourdhui);
        // The grid scores households: a legal entity's demand (CCH L442-8-1) has none and is never scored.
        if (jeu is null || demande.Contenu.EstPersonneMorale) return null;
        var faits = FaitsDepuisDemande.Construire(demande, Aujourdhui);
        var grille = jeu.Pour(in faits);
        return new CotationCalculee(grille.Calculer(in faits), grille.Grille.Id, grille.Grille.Version, horloge.GetUtcNow());
    }
}
