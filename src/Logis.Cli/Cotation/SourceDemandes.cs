using Logis.Domain.Cotation;
using Logis.Domain.Demandes;
using Logis.Domain.Demandes.Synthese;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Cotation;
using Logis.Persistence.Demandes;
using Logis.Persistence.Reference;
using Microsoft.EntityFrameworkCore;

namespace Logis.Cli.Cotation;

/// <summary>
/// Where the demands a draft grid is compared on come from: the stored active demands of the territory
/// (<see cref="DemandesStockees"/>) when the database holds some, else the synthetic demand file of the
/// territory (<see cref="DemandesSynthetiques"/>), e.g. before any demand is registered or imported.
/// </summary>
public interface ISourceDemandesCotation
{
    /// <summary>A short French description for the report (« 16 000 demandes synthétiques, graine 2026 »).</summary>
    string Description { get; }

    /// <summary>The active demands of the territory at <paramref name="date"/>, mapped to their facts.</summary>
    IReadOnlyList<DemandeSimulee> Lire(Siren epci, DateOnly date, IProgress<(int Fait, int Total)>? progression, CancellationToken ct);
}

/// <summary>
/// The synthetic demands of the territory (<see cref="GenerateurDemandes"/>, deterministic for a seed),
/// mapped to facts by <see cref="FaitsDepuisDemande"/>.
/// </summary>
public sealed class DemandesSynthetiques(ReferenceData reference, int graine, int? nombre) : ISourceDemandesCotation
{
    private int _nombre;

    public string Description => $"{_nombre.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"))} demandes synthétiques (générateur de démonstration, graine {graine})";

    public IReadOnlyList<DemandeSimulee> Lire(Siren epci, DateOnly date, IProgress<(int Fait, int Total)>? progression, CancellationToken ct)
    {
        var parc = reference.ParcRpls2019();
        var communes = reference.Communes().Where(c => c.EpciSiren == epci).OrderBy(c => c.CodeInsee.Value, StringComparer.Ordinal).ToList();
        if (communes.Count == 0) throw new ArgumentException($"Aucune commune de l'EPCI {epci} dans le référentiel.");
        var population = communes.Sum(c => c.Population);
        _nombre = nombre ?? epci.Value switch
        {
            "248300543" => GenerateurDemandes.VolumeTpm,
            "200054807" => GenerateurDemandes.VolumeAmp,
            // Elsewhere, the TPM ratio of active demands to inhabitants (≈ 16 000 for 440 000) [M].
            _ => Math.Max(100, population / 27),
        };
        // Share of social housing ≈ RPLS stock / households (population / 2.1), as the generator's calibration.
        var generation = communes.Select(c => new CommuneDeGeneration(c.CodeInsee, c.Nom, c.Departement + "000", c.Population,
            parc.TryGetValue(c.CodeInsee, out var p) && c.Population > 0 ? Math.Min(1, p.Total / (c.Population / 2.1)) : 0)).ToList();
        var departement = communes.GroupBy(c => c.Departement).MaxBy(g => g.Sum(c => c.Population))!.Key;
        var demandes = GenerateurDemandes.Generer(new ParametresGeneration(graine, _nombre, NumeroUnique.TerritoireParDefaut(departement), date, generation,
            FenetreRenouvellement.Creer(3).Valeur, ProfilDemandes.Defaut));
        if (!demandes.EstReussi) throw new ArgumentException(demandes.Motif);

        var resultat = new List<DemandeSimulee>(demandes.Valeur.Count);
        foreach (var d in demandes.Valeur)
        {
            ct.ThrowIfCancellationRequested();
            // Results are grouped by the commune of residence; a homeless applicant by the first commune wished, if any.
            var souhaits = d.Contenu.Souhaits.Communes;
            var commune = d.Contenu.LogementActuel?.Commune ?? (souhaits.Count > 0 ? souhaits[0] : CodeInsee.Create("00000"));
            resultat.Add(new DemandeSimulee(d.Numero.ToString(), FaitsDepuisDemande.Construire(d, date), FaitsDepuisDemande.TypeMenage(d), commune));
            if (resultat.Count % 500 == 0 || resultat.Count == demandes.Valeur.Count) progression?.Report((resultat.Count, demandes.Valeur.Count));
        }
        return resultat;
    }
}

/// <summary>The active demands stored in the database for the EPCI, read by lots and mapped to facts by <see cref="FaitsDepuisDemande"/>.</summary>
public sealed class DemandesStockees(Func<LogisDbContext> ouvrir, int nombre) : ISourceDemandesCotation
{
    public string Description => $"{nombre.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("fr-FR"))} demandes actives enregistrées dans la base";

    /// <summary>This source when the database can be opened and holds active demands of <paramref name="epci"/>; null otherwise.</summary>
    public static DemandesStockees? SiPresentes(Func<LogisDbContext> ouvrir, string epci)
    {
        if (!Siren.TryCreate(epci, out var siren)) return null;
        try
        {
            using var db = ouvrir();
            // Never create an empty SQLite file just to look into it.
            if (db.Database.IsSqlite()
                && new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource is var fichier
                && fichier != ":memory:" && !File.Exists(fichier)) return null;
            if (!db.Database.CanConnect()) return null;
            var n = db.Demandes.Count(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == siren && d.Statut == StatutDemande.Active);
            return n > 0 ? new DemandesStockees(ouvrir, n) : null;
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            // No database, or one without the demand tables: the synthetic source is the fallback.
            return null;
        }
    }

    public IReadOnlyList<DemandeSimulee> Lire(Siren epci, DateOnly date, IProgress<(int Fait, int Total)>? progression, CancellationToken ct)
    {
        using var db = ouvrir();
        var ids = db.Demandes.AsNoTracking().Where(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == epci && d.Statut == StatutDemande.Active)
            .OrderBy(d => d.Numero).Select(d => d.Id).ToList();
        var resultat = new List<DemandeSimulee>(ids.Count);
        foreach (var lot in ids.Chunk(RecalculCotation.TailleLot))
        {
            foreach (var d in RecalculCotation.ChargerAsync(db, lot, ct).GetAwaiter().GetResult())
            {
                var souhaits = d.Contenu.Souhaits.Communes;
                var commune = d.Contenu.LogementActuel?.Commune ?? (souhaits.Count > 0 ? souhaits[0] : CodeInsee.Create("00000"));
                resultat.Add(new DemandeSimulee(d.Numero.ToString(), FaitsDepuisDemande.Construire(d, date), FaitsDepuisDemande.TypeMenage(d), commune));
            }
            progression?.Report((resultat.Count, ids.Count));
        }
        return resultat;
    }
}
