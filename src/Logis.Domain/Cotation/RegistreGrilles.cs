using Logis.Domain.Territoire;

namespace Logis.Domain.Cotation;

/// <summary>A grid file as read from disk: its name (for messages) and its text.</summary>
public sealed record FichierGrille(string Nom, string Json);

/// <summary>
/// Every adopted grid, each dated (<see cref="Grille.DateEffet"/>) and scoped to one EPCI, and the
/// choice of the grid in force at a date (L441-2-8: the grid of the plan partenarial applies from
/// its date of effect until the next one). Pure: files are read by the caller.
/// </summary>
public sealed class RegistreGrilles
{
    private RegistreGrilles(IReadOnlyList<GrilleCompilee> grilles) => Grilles = grilles;

    /// <summary>All grids, by territory, nature and date of effect.</summary>
    public IReadOnlyList<GrilleCompilee> Grilles { get; }

    /// <summary>
    /// Loads every file; the registry, or every problem found, each naming its file and line
    /// (« tpm.json, ligne 14 : fait inconnu… »). Two grids of the same territory and nature cannot take
    /// effect on the same day.
    /// </summary>
    public static bool TryCharger(IEnumerable<FichierGrille> fichiers, out RegistreGrilles? registre, out IReadOnlyList<string> erreurs)
    {
        ArgumentNullException.ThrowIfNull(fichiers);
        var liste = new List<string>();
        var grilles = new List<(string Fichier, GrilleCompilee Grille)>();
        foreach (var f in fichiers.OrderBy(f => f.Nom, StringComparer.Ordinal))
        {
            var r = ChargeurGrille.Charger(f.Json);
            if (r.Reussi) grilles.Add((f.Nom, r.Grille));
            else liste.AddRange(r.Erreurs.Select(e => $"{f.Nom}, {e}"));
        }
        foreach (var doublon in grilles.GroupBy(g => (g.Grille.Grille.Territoire, g.Grille.Grille.Nature, g.Grille.Grille.DateEffet)).Where(g => g.Count() > 1))
        {
            liste.Add($"{string.Join(" et ", doublon.Select(g => g.Fichier))} : deux grilles {Libelle(doublon.Key.Nature)} du territoire "
                + $"{doublon.Key.Territoire} prennent effet le même jour ({doublon.Key.DateEffet:dd/MM/yyyy}).");
        }
        foreach (var doublon in grilles.GroupBy(g => g.Grille.Grille.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
            liste.Add($"{string.Join(" et ", doublon.Select(g => g.Fichier))} : deux grilles portent l'identifiant « {doublon.Key} ».");

        erreurs = liste;
        registre = liste.Count == 0
            ? new RegistreGrilles([.. grilles.Select(g => g.Grille)
                .OrderBy(g => g.Grille.Territoire.Value, StringComparer.Ordinal).ThenBy(g => g.Grille.Nature).ThenBy(g => g.Grille.DateEffet)])
            : null;
        return registre is not null;
    }

    /// <summary>The grid of this nature in force on the territory at <paramref name="date"/>: the latest whose date of effect is reached.</summary>
    public GrilleCompilee? EnVigueur(Siren territoire, NatureGrille nature, DateOnly date) =>
        Grilles.Where(g => g.Grille.Territoire == territoire && g.Grille.Nature == nature && g.Grille.DateEffet <= date)
            .MaxBy(g => g.Grille.DateEffet);

    /// <summary>The set in force (first-time applicants, and mutations where the EPCI adopted a separate grid), or null when none.</summary>
    public JeuGrilles? JeuEnVigueur(Siren territoire, DateOnly date)
    {
        var primo = EnVigueur(territoire, NatureGrille.PrimoDemandeurs, date);
        if (primo is null) return null;
        return JeuGrilles.TryCreate(primo, EnVigueur(territoire, NatureGrille.Mutation, date), out var jeu, out _) ? jeu : null;
    }

    public GrilleCompilee? Trouver(string id) => Grilles.FirstOrDefault(g => g.Grille.Id == id);

    private static string Libelle(NatureGrille nature) => nature == NatureGrille.Mutation ? "de mutation" : "primo-demandeurs";
}
