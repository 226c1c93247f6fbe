using Logis.Domain.Cotation;
using Logis.Domain.Demandes;
using Logis.Domain.Demandes.Synthese;
using Logis.Domain.Territoire;
using Logis.Persistence.Reference;

namespace Logis.Cli.Cotation;

/// <summary>
/// Where the demands a draft grid is compared on come from. Today: the synthetic demand file of the
/// territory; once demands are persisted, a source reading the database replaces it without touching
/// the comparison.
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
        var demandes = GenerateurDemandes.Generer(new ParametresGeneration(graine, _nombre, departement, date, generation,
            FenetreRenouvellement.Creer(3).Valeur, ProfilDemandes.Defaut));
        if (!demandes.EstReussi) throw new ArgumentException(demandes.Motif);

        var resultat = new List<DemandeSimulee>(demandes.Valeur.Count);
        foreach (var d in demandes.Valeur)
        {
            ct.ThrowIfCancellationRequested();
            // Results are grouped by the commune of residence; a homeless applicant by the first commune wished, if any.
            var souhaits = d.Contenu.Souhaits.Communes;
            var commune = d.Contenu.LogementActuel.Commune ?? (souhaits.Count > 0 ? souhaits[0] : CodeInsee.Create("00000"));
            resultat.Add(new DemandeSimulee(d.Numero.ToString(), FaitsDepuisDemande.Construire(d, date), FaitsDepuisDemande.TypeMenage(d), commune));
            if (resultat.Count % 500 == 0 || resultat.Count == demandes.Valeur.Count) progression?.Report((resultat.Count, demandes.Valeur.Count));
        }
        return resultat;
    }
}
