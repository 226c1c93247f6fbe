using Logis.Domain.Commun;
using Logis.Domain.Cotation;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Logis.Persistence.Cotation;
using Logis.Persistence.Reference;

namespace Logis.Application.Cotation;

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

    /// <summary>
    /// The one reading of the adopted grids (web startup, rescoring and comparison commands): every <c>*.json</c> of the folder
    /// but the schema, checked together; on failure, the French reasons with the folder, the file and the line.
    /// </summary>
    public static bool TryCharger(string dossier, Siren territoire, TimeProvider temps, out GrillesCotation? grilles, out string? erreur)
    {
        grilles = null;
        if (!Directory.Exists(dossier))
        {
            erreur = $"Dossier des grilles de cotation introuvable : {dossier}.";
            return false;
        }
        var fichiers = Directory.GetFiles(dossier, "*.json")
            .Where(f => !f.EndsWith(".schema.json", StringComparison.OrdinalIgnoreCase))
            .Select(f => new FichierGrille(Path.GetFileName(f), File.ReadAllText(f)));
        if (!RegistreGrilles.TryCharger(fichiers, out var registre, out var erreurs))
        {
            erreur = $"Grilles de cotation invalides ({dossier}) :{Environment.NewLine}{string.Join(Environment.NewLine, erreurs)}";
            return false;
        }
        grilles = new GrillesCotation(registre!, territoire, temps);
        erreur = null;
        return true;
    }

    /// <summary>Loads the grids at startup: a malformed grid stops the start with its reasons.</summary>
    public static GrillesCotation Charger(string dossier, Siren territoire, TimeProvider temps) =>
        TryCharger(dossier, territoire, temps, out var grilles, out var erreur) ? grilles! : throw new InvalidOperationException(erreur);

    /// <summary>Finds <c>data/grilles</c> next to the running program, or up from the working directory.</summary>
    public static string TrouverDossier() => DossierDonnees.TrouverGrilles();
}
