using Logis.Domain.Commun;
using Logis.Domain.Cotation;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Logis.Persistence.Cotation;
using Logis.Persistence.Reference;

namespace Logis.Web.Features.Cotation;

/// <summary>
/// The cotation grids of <c>data/grilles</c>, loaded and checked once at startup. A malformed grid stops
/// the start with the French message naming the file and the line: a grid in force is never replaced
/// by a broken one, and a platform never runs without its published grid.
/// </summary>
public sealed class GrillesCotation : ICoteurDemandes
{
    public const string Section = "Logis:Cotation:DossierGrilles";

    private readonly TimeProvider _temps;

    private GrillesCotation(RegistreGrilles registre, Siren territoire, TimeProvider temps)
    {
        Registre = registre;
        Territoire = territoire;
        _temps = temps;
    }

    public RegistreGrilles Registre { get; }

    /// <summary>The EPCI of this platform, whose grids the public page shows.</summary>
    public Siren Territoire { get; }

    /// <summary>Today in France (civil date of the grid in force).</summary>
    public DateOnly Aujourdhui => _temps.AujourdhuiEnFrance();

    public JeuGrilles? JeuEnVigueur(Siren territoire) => Registre.JeuEnVigueur(territoire, Aujourdhui);

    /// <summary>The score of a demand under the grid in force today, stored with the demand in the same SaveChanges.</summary>
    public CotationCalculee? Coter(Demande demande, Siren epci) => new CoteurDemandes(Registre, _temps).Coter(demande, epci);

    public DateTimeOffset Maintenant => _temps.GetUtcNow();

    public static GrillesCotation Charger(string dossier, Siren territoire, TimeProvider temps)
    {
        if (!Directory.Exists(dossier))
            throw new InvalidOperationException($"Dossier des grilles de cotation introuvable : {dossier}.");
        var fichiers = Directory.GetFiles(dossier, "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
            .Select(f => new FichierGrille(Path.GetFileName(f), File.ReadAllText(f)));
        if (!RegistreGrilles.TryCharger(fichiers, out var registre, out var erreurs))
            throw new InvalidOperationException($"Grilles de cotation invalides ({dossier}) :{Environment.NewLine}{string.Join(Environment.NewLine, erreurs)}");
        return new GrillesCotation(registre!, territoire, temps);
    }

    /// <summary>Finds <c>data/grilles</c> next to the running program, or up from the working directory.</summary>
    public static string TrouverDossier() => DossierDonnees.TrouverGrilles();
}
