namespace Logis.Domain.Statistiques;

/// <summary>
/// Secondary masking of a breakdown whose cells add up to a total that is shown (each attribution is in exactly one commune and one
/// typology): when exactly one cell is masked (1 to 4 households), a reader would get it back as the total minus the others, so the
/// smallest other non-empty cell is masked too (docs/regles/11-statistiques.md §11.1, « masquage secondaire »). Two masked cells give
/// only their sum back, a group of at least 6 households that names nobody. Team choice, docs/information-publique.md.
/// </summary>
public static class MasquageSecondaire
{
    /// <summary>For each cell (in the same order), true when its count must not be shown.</summary>
    public static bool[] Masquer(IReadOnlyList<int> effectifs)
    {
        ArgumentNullException.ThrowIfNull(effectifs);
        var masque = effectifs.Select(n => !SecretStatistique.Diffusable(n)).ToArray();
        if (masque.Count(m => m) != 1) return masque;
        var second = Enumerable.Range(0, effectifs.Count).Where(i => !masque[i] && effectifs[i] > 0)
            .OrderBy(i => effectifs[i]).ThenBy(i => i).Cast<int?>().FirstOrDefault();
        if (second is { } s) masque[s] = true;
        return masque;
    }
}
