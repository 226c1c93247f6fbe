using Logis.Domain.Commun;

namespace Logis.Domain.Eligibilite;

/// <summary>
/// The size norms of a dwelling for a household, as configuration (docs/regles/07-attribution.md §7.4, both [M]):
/// over-occupancy per CCH L822-10 (minimum living area 9 m² for one person, 16 m² for two, +9 m²
/// per additional person, capped at 70 m² for eight persons or more) and under-occupancy per CCH
/// L621-2 (more main rooms than persons + 1).
/// </summary>
public sealed class NormesOccupation
{
    private NormesOccupation(decimal surfaceUnePersonne, decimal surfaceDeuxPersonnes, decimal surfaceParPersonneSupplementaire, decimal surfaceMaximaleExigee, int piecesEnSurplusToleres)
    {
        SurfaceUnePersonne = surfaceUnePersonne;
        SurfaceDeuxPersonnes = surfaceDeuxPersonnes;
        SurfaceParPersonneSupplementaire = surfaceParPersonneSupplementaire;
        SurfaceMaximaleExigee = surfaceMaximaleExigee;
        PiecesEnSurplusToleres = piecesEnSurplusToleres;
    }

    public decimal SurfaceUnePersonne { get; }
    public decimal SurfaceDeuxPersonnes { get; }
    public decimal SurfaceParPersonneSupplementaire { get; }

    /// <summary>The minimum area never asks more than this (70 m², reached at eight persons).</summary>
    public decimal SurfaceMaximaleExigee { get; }

    /// <summary>Main rooms beyond the number of persons before the dwelling is under-occupied (1).</summary>
    public int PiecesEnSurplusToleres { get; }

    public static NormesOccupation Defaut { get; } = new(9m, 16m, 9m, 70m, 1);

    public static Resultat<NormesOccupation> Creer(decimal surfaceUnePersonne, decimal surfaceDeuxPersonnes, decimal surfaceParPersonneSupplementaire, decimal surfaceMaximaleExigee, int piecesEnSurplusToleres)
    {
        var erreurs = new List<string>();
        if (surfaceUnePersonne <= 0 || surfaceDeuxPersonnes < surfaceUnePersonne || surfaceParPersonneSupplementaire < 0 || surfaceMaximaleExigee < surfaceDeuxPersonnes)
            erreurs.Add("Les surfaces minimales doivent être positives et croissantes avec le nombre de personnes.");
        if (piecesEnSurplusToleres < 0)
            erreurs.Add($"Le nombre de pièces en surplus toléré ne peut pas être négatif ({piecesEnSurplusToleres}).");
        return Resultat.SiAucuneErreur(erreurs, () => new NormesOccupation(surfaceUnePersonne, surfaceDeuxPersonnes, surfaceParPersonneSupplementaire, surfaceMaximaleExigee, piecesEnSurplusToleres));
    }

    public decimal SurfaceMinimale(int personnes) => personnes <= 1
        ? SurfaceUnePersonne
        : Math.Min(SurfaceDeuxPersonnes + (personnes - 2) * SurfaceParPersonneSupplementaire, SurfaceMaximaleExigee);

    public int PiecesMaximales(int personnes) => personnes + PiecesEnSurplusToleres;
}

/// <summary>Whether a dwelling (main rooms, living area) suits the size of a household, with the reasons.</summary>
public sealed class AdequationLogement
{
    private AdequationLogement(decimal surfaceMinimale, int piecesMaximales, bool surOccupation, bool sousOccupation, IReadOnlyList<string> constats)
    {
        SurfaceMinimale = surfaceMinimale;
        PiecesMaximales = piecesMaximales;
        SurOccupation = surOccupation;
        SousOccupation = sousOccupation;
        Constats = constats;
    }

    public decimal SurfaceMinimale { get; }
    public int PiecesMaximales { get; }
    public bool SurOccupation { get; }
    public bool SousOccupation { get; }
    public bool EstAdapte => !SurOccupation && !SousOccupation;

    /// <summary>One French sentence per finding, each citing its rule.</summary>
    public IReadOnlyList<string> Constats { get; }

    public static Resultat<AdequationLogement> Evaluer(int nombrePieces, decimal surfaceHabitable, int nombrePersonnes, NormesOccupation normes)
    {
        var erreurs = new List<string>();
        if (nombrePieces < 1) erreurs.Add($"Un logement compte au moins une pièce ({nombrePieces}).");
        if (surfaceHabitable <= 0) erreurs.Add($"La surface habitable doit être positive ({TexteFr.Surface(surfaceHabitable)}).");
        if (nombrePersonnes < 1) erreurs.Add($"Un ménage compte au moins une personne ({nombrePersonnes}).");
        if (erreurs.Count > 0) return Resultat.Echec<AdequationLogement>(erreurs);

        var surfaceMinimale = normes.SurfaceMinimale(nombrePersonnes);
        var piecesMaximales = normes.PiecesMaximales(nombrePersonnes);
        var surOccupation = surfaceHabitable < surfaceMinimale;
        var sousOccupation = nombrePieces > piecesMaximales;
        var personnes = nombrePersonnes == 1 ? "1 personne" : $"{nombrePersonnes} personnes";
        var constats = new List<string>();
        if (surOccupation)
            constats.Add($"Sur-occupation : {TexteFr.Surface(surfaceHabitable)} pour {personnes}, moins que les {TexteFr.Surface(surfaceMinimale)} requis (CCH L822-10).");
        if (sousOccupation)
            constats.Add($"Sous-occupation : {nombrePieces} pièces principales pour {personnes}, plus que les {piecesMaximales} admises (CCH L621-2).");
        if (constats.Count == 0)
            constats.Add($"Taille adaptée : {nombrePieces} pièces et {TexteFr.Surface(surfaceHabitable)} pour {personnes} (au moins {TexteFr.Surface(surfaceMinimale)}, au plus {piecesMaximales} pièces).");
        return Resultat.Ok(new AdequationLogement(surfaceMinimale, piecesMaximales, surOccupation, sousOccupation, constats));
    }
}
