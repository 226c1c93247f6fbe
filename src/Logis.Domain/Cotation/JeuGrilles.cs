namespace Logis.Domain.Cotation;

/// <summary>
/// The grids in force on a territory: one for first-time applicants and, where the EPCI adopted
/// one, a separate grid for mutation demands (décret n° 2019-1378; e.g. Métropole de Lyon).
/// </summary>
public sealed class JeuGrilles
{
    private JeuGrilles(GrilleCompilee primo, GrilleCompilee? mutation)
    {
        PrimoDemandeurs = primo;
        Mutation = mutation;
    }

    public GrilleCompilee PrimoDemandeurs { get; }
    public GrilleCompilee? Mutation { get; }

    /// <summary>The set, or the reason the two grids cannot go together.</summary>
    public static bool TryCreate(GrilleCompilee primo, GrilleCompilee? mutation, out JeuGrilles? jeu, out string? raison)
    {
        jeu = null;
        raison = primo.Grille.Nature != NatureGrille.PrimoDemandeurs ? $"la grille « {primo.Grille.Id} » n'est pas une grille primo-demandeurs."
            : mutation is not null && mutation.Grille.Nature != NatureGrille.Mutation ? $"la grille « {mutation.Grille.Id} » n'est pas une grille de mutation."
            : mutation is not null && mutation.Grille.Territoire != primo.Grille.Territoire ? "les deux grilles ne sont pas du même territoire."
            : null;
        if (raison is null) jeu = new JeuGrilles(primo, mutation);
        return jeu is not null;
    }

    /// <summary>The grid that scores this demand: the mutation grid for a sitting social tenant, when there is one.</summary>
    public GrilleCompilee Pour(in FaitsCotation faits) => faits.Mutation && Mutation is not null ? Mutation : PrimoDemandeurs;

    public int Calculer(in FaitsCotation faits) => Pour(in faits).Calculer(in faits);

    public CotationExpliquee Expliquer(in FaitsCotation faits) => Pour(in faits).Expliquer(in faits);
}
