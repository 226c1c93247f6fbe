namespace Logis.Domain.Cotation;

/// <summary>
/// The grid as a tree of groups and criteria, each level sorted by identifier: the fast path, the
/// explanation and the bounds all walk this same tree, so none depends on the order of the file.
/// </summary>
internal abstract record Element(string Id);

internal sealed record ElementCritere(Critere Critere) : Element(Critere.Id);

internal sealed record ElementGroupe(GroupeCriteres Groupe, IReadOnlyList<Element> Enfants) : Element(Groupe.Id);

internal static class ArbreGrille
{
    /// <summary>Top-level elements of a validated grid (groups exist and form no cycle).</summary>
    public static IReadOnlyList<Element> Construire(Grille grille)
    {
        IReadOnlyList<Element> Enfants(string? groupe) =>
        [
            .. grille.Criteres.Where(c => c.Groupe == groupe).Select(c => (Element)new ElementCritere(c))
                .Concat(grille.Groupes.Where(g => g.Parent == groupe).Select(g => new ElementGroupe(g, Enfants(g.Id))))
                .OrderBy(e => e.Id, StringComparer.Ordinal),
        ];
        return Enfants(null);
    }
}

/// <summary>
/// Bounds of the points a criterion or a grid can give: the theoretical maximum shown to applicants
/// with the weighting (R441-2-17), and the weight test of the anti-"préférence communale" rule.
/// The maximum adds up criteria as if their conditions could all hold at once.
/// </summary>
internal static class Bornes
{
    public static int Maximum(Critere c)
    {
        var max = c.Points switch
        {
            PointsFixes p => Math.Max(0, p.Valeur),
            PointsParUnite p => p.ParTranche > 0 ? c.Plafond ?? int.MaxValue : 0,
            PointsParPaliers p => Math.Max(0, p.Paliers.Max(x => x.Points)),
            _ => throw new InvalidOperationException(c.Points.GetType().Name),
        };
        return c.Plafond is { } plafond ? Math.Min(max, plafond) : max;
    }

    public static int Minimum(Critere c)
    {
        var min = c.Points switch
        {
            PointsFixes p => Math.Min(0, p.Valeur),
            PointsParUnite p => p.ParTranche < 0 ? -(c.Plafond ?? int.MaxValue) : 0,
            PointsParPaliers p => Math.Min(0, p.Paliers.Min(x => x.Points)),
            _ => throw new InvalidOperationException(c.Points.GetType().Name),
        };
        return c.Plafond is { } plafond ? Math.Max(min, -plafond) : min;
    }

    /// <summary>
    /// The grid's maximum (<see cref="int.MaxValue"/> when a criterion has no cap, as one point per month without a
    /// ceiling). <paramref name="bornesSeulement"/>: leave out the criteria without a cap.
    /// </summary>
    public static int MaximumGrille(Grille grille, bool bornesSeulement = false)
    {
        var total = ArbreGrille.Construire(grille).Sum(e => (long)Maximum(e, bornesSeulement));
        return (int)Math.Min(total, grille.PlafondTotal ?? int.MaxValue);
    }

    private static int Maximum(Element e, bool bornesSeulement)
    {
        if (e is ElementCritere c) return bornesSeulement && Maximum(c.Critere) == int.MaxValue ? 0 : Maximum(c.Critere);
        var g = (ElementGroupe)e;
        var max = g.Groupe.Mode == ModeGroupe.Exclusif
            ? g.Enfants.Max(x => (long)Maximum(x, bornesSeulement))
            : g.Enfants.Sum(x => (long)Maximum(x, bornesSeulement));
        return (int)Math.Min(max, g.Groupe.Plafond ?? int.MaxValue);
    }
}
