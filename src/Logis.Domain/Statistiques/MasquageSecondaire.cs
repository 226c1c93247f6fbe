namespace Logis.Domain.Statistiques;

/// <summary>
/// Secondary masking of counts that add up to totals that are shown (each attribution is in exactly one commune and one typology): when
/// exactly one cell of a line is masked (1 to 4 households), a reader would get it back as the line's total minus the others, so the
/// smallest other non-empty cell of that line is masked too (docs/regles/11-statistiques.md §11.3, « masquage secondaire »). Two masked cells
/// give only their sum back. Team choice, docs/information-publique.md.
/// </summary>
public static class MasquageSecondaire
{
    /// <summary>For each cell of one line whose total is shown (in the same order), true when its count must not be shown.</summary>
    public static bool[] Masquer(IReadOnlyList<int> effectifs)
    {
        ArgumentNullException.ThrowIfNull(effectifs);
        var masque = effectifs.Select(n => !SecretStatistique.Diffusable(n)).ToArray();
        Completer(effectifs, masque);
        return masque;
    }

    /// <summary>
    /// A table of <paramref name="cellules"/> (rows × columns) with its row totals, column totals and grand total, all shown unless masked:
    /// the masks of the cells, of the row totals, of the column totals and of the grand total, such that no line (a row and its total, a
    /// column and its total, the row totals and the grand total, the column totals and the grand total) has exactly one masked non-empty cell
    /// next to a total that is shown. Repeated until nothing changes (masking a cell for its row may expose its column).
    /// </summary>
    public static (bool[,] Cellules, bool[] Lignes, bool[] Colonnes, bool Total) MasquerTableau(int[,] cellules)
    {
        ArgumentNullException.ThrowIfNull(cellules);
        int l = cellules.GetLength(0), c = cellules.GetLength(1);
        var lignes = Enumerable.Range(0, l).Select(i => Enumerable.Range(0, c).Sum(j => cellules[i, j])).ToArray();
        var colonnes = Enumerable.Range(0, c).Select(j => Enumerable.Range(0, l).Sum(i => cellules[i, j])).ToArray();
        var total = lignes.Sum();
        var m = new bool[l, c];
        for (var i = 0; i < l; i++)
            for (var j = 0; j < c; j++) m[i, j] = !SecretStatistique.Diffusable(cellules[i, j]);
        var ml = lignes.Select(n => !SecretStatistique.Diffusable(n)).ToArray();
        var mc = colonnes.Select(n => !SecretStatistique.Diffusable(n)).ToArray();
        var mt = !SecretStatistique.Diffusable(total);
        bool change;
        do
        {
            change = false;
            for (var i = 0; i < l; i++)
            {
                if (ml[i]) continue;
                var ligne = Enumerable.Range(0, c).Select(j => cellules[i, j]).ToArray();
                var masque = Enumerable.Range(0, c).Select(j => m[i, j]).ToArray();
                if (Completer(ligne, masque)) { change = true; for (var j = 0; j < c; j++) m[i, j] = masque[j]; }
            }
            for (var j = 0; j < c; j++)
            {
                if (mc[j]) continue;
                var colonne = Enumerable.Range(0, l).Select(i => cellules[i, j]).ToArray();
                var masque = Enumerable.Range(0, l).Select(i => m[i, j]).ToArray();
                if (Completer(colonne, masque)) { change = true; for (var i = 0; i < l; i++) m[i, j] = masque[i]; }
            }
            if (!mt)
            {
                change |= Completer(lignes, ml);
                change |= Completer(colonnes, mc);
            }
        }
        while (change);
        return (m, ml, mc, mt);
    }

    /// <summary>Masks a second cell when exactly one non-empty cell is masked; true when it changed something.</summary>
    private static bool Completer(IReadOnlyList<int> effectifs, bool[] masque)
    {
        if (Enumerable.Range(0, effectifs.Count).Count(i => masque[i] && effectifs[i] > 0) != 1) return false;
        var second = Enumerable.Range(0, effectifs.Count).Where(i => !masque[i] && effectifs[i] > 0)
            .OrderBy(i => effectifs[i]).ThenBy(i => i).Cast<int?>().FirstOrDefault();
        if (second is not { } s) return false;
        masque[s] = true;
        return true;
    }
}
