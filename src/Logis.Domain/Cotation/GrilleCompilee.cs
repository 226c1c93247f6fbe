using System.Linq.Expressions;
using System.Reflection;

namespace Logis.Domain.Cotation;

/// <summary>The score of one demand, computed by a compiled grid without allocating.</summary>
public delegate int CalculCotation(in FaitsCotation faits);

internal delegate bool ConditionCompilee(in FaitsCotation faits);

internal delegate double LecteurFait(in FaitsCotation faits);

/// <summary>
/// A validated grid compiled once into a single delegate (<see cref="Calculer"/>, for scoring whole
/// files of demands) and into per-criterion delegates for <see cref="Expliquer"/>, which gives the
/// lines an applicant is entitled to see (R441-2-17). Both walk the same tree, so they agree.
/// </summary>
public sealed class GrilleCompilee
{
    private readonly CalculCotation _calcul;
    private readonly IReadOnlyList<Element> _arbre;
    private readonly Dictionary<string, (ConditionCompilee Condition, CalculCotation Points)> _criteres;
    private readonly Dictionary<string, LecteurFait> _lecteurs;

    private GrilleCompilee(Grille grille, CalculCotation calcul, IReadOnlyList<Element> arbre,
        Dictionary<string, (ConditionCompilee, CalculCotation)> criteres, Dictionary<string, LecteurFait> lecteurs)
    {
        Grille = grille;
        _calcul = calcul;
        _arbre = arbre;
        _criteres = criteres;
        _lecteurs = lecteurs;
        MaximumTheorique = Bornes.MaximumGrille(grille);
        MasqueFaitsLus = MasqueLu(grille);
        FaitsLus = CatalogueFaits.Parmi(MasqueFaitsLus);
    }

    /// <summary>The facts the grid reads (criteria, and the refusal rule), one bit each as in <see cref="FaitsCotation.NonRenseignes"/>.</summary>
    public ulong MasqueFaitsLus { get; }

    /// <summary>The facts the grid reads, in catalogue order.</summary>
    public IReadOnlyList<DefinitionFait> FaitsLus { get; }

    /// <summary>The facts the grid reads that <paramref name="faits"/> does not give: no criterion fired on them.</summary>
    public IReadOnlyList<DefinitionFait> NonRenseignes(in FaitsCotation faits) =>
        (faits.NonRenseignes & MasqueFaitsLus) == 0 ? [] : CatalogueFaits.Parmi(faits.NonRenseignes & MasqueFaitsLus);

    internal static ulong MasqueLu(Grille grille)
    {
        var masque = 0UL;
        foreach (var c in grille.Criteres)
        {
            foreach (var f in ChargeurGrille.Faits(c)) masque |= f.Masque;
        }
        if (grille.Refus is { } refus)
        {
            if (refus.PointsParRefus != 0 || refus.AncienneteRemiseAZero) masque |= Masque("refus_offres_adaptees");
            if (refus.AncienneteRemiseAZero && (masque & Masque("anciennete_mois")) != 0) masque |= Masque("mois_depuis_dernier_refus");
        }
        return masque;
    }

    internal static ulong Masque(string nom) => CatalogueFaits.TryTrouver(nom, out var f) ? f.Masque : throw new InvalidOperationException(nom);

    public Grille Grille { get; }

    /// <summary>Highest score the grid can give (conditions taken as if they could all hold).</summary>
    public int MaximumTheorique { get; }

    /// <summary>The compiled scoring delegate, for loops over many demands.</summary>
    public CalculCotation Calcul => _calcul;

    public int Calculer(in FaitsCotation faits) => _calcul(in faits);

    /// <summary>The score with one line per criterion that gave (or would have given) points, and per cap applied.</summary>
    public CotationExpliquee Expliquer(in FaitsCotation faits)
    {
        var lignes = new List<LigneCotation>();
        var ajustements = new List<LigneCotation>();
        var total = 0;
        foreach (var e in _arbre) total += Evaluer(e, faits, lignes, ajustements);

        var refus = Grille.Refus;
        var penalite = refus is null || !Renseigne("refus_offres_adaptees", faits) ? 0 : PenaliteRefus(refus, faits.RefusOffresAdaptees);
        if (refus is not null && penalite != 0)
        {
            total += penalite;
            ajustements.Add(new LigneCotation(NatureLigne.Refus, "refus_offre_adaptee", "Refus d'offres adaptées", penalite,
                Rendre(refus.Explication, faits, penalite), [Constat("refus_offres_adaptees", faits)],
                refus.Plafond is { } p && penalite == -p ? $"retrait limité à {p} points" : null));
        }
        if (Grille.PlafondTotal is { } plafond && total > plafond)
        {
            ajustements.Add(new LigneCotation(NatureLigne.PlafondTotal, "plafond_total", "Plafond de la grille", plafond - total,
                $"La cotation est plafonnée à {plafond} points : {total} points calculés, {plafond} retenus.", [], $"plafonné à {plafond} points"));
            total = plafond;
        }
        if (total < 0)
        {
            ajustements.Add(new LigneCotation(NatureLigne.Plancher, "plancher", "Plancher de la cotation", -total,
                $"Une cotation n'est jamais négative : {total} points calculés, 0 retenu.", [], null));
            total = 0;
        }
        var ordonnees = lignes.OrderByDescending(l => l.Points).ThenBy(l => l.Id, StringComparer.Ordinal).Concat(ajustements).ToList();
        return new CotationExpliquee(Grille.Id, Grille.Version, total, ordonnees, NonRenseignes(in faits));
    }

    private static bool Renseigne(string nom, in FaitsCotation faits) => (faits.NonRenseignes & Masque(nom)) == 0;

    private int Evaluer(Element e, FaitsCotation faits, List<LigneCotation> lignes, List<LigneCotation> ajustements)
    {
        if (e is ElementCritere ec)
        {
            var c = ec.Critere;
            var (condition, points) = _criteres[c.Id];
            if (!condition(in faits)) return 0;
            var brut = points(in faits);
            var retenu = Plafonner(brut, c.Plafond);
            if (retenu == 0) return 0;
            lignes.Add(new LigneCotation(NatureLigne.Critere, c.Id, c.Libelle, retenu, Rendre(c.Explication, faits, retenu),
                [.. ChargeurGrille.NomsFaits(c).Select(nom => Constat(nom, faits))],
                retenu != brut ? (retenu > 0 ? $"plafonné à {c.Plafond} points" : $"limité à {retenu} points") : null));
            return retenu;
        }

        var g = ((ElementGroupe)e).Groupe;
        var enfants = ((ElementGroupe)e).Enfants;
        var somme = 0;
        if (g.Mode == ModeGroupe.Cumul)
        {
            foreach (var enfant in enfants) somme += Evaluer(enfant, faits, lignes, ajustements);
        }
        else
        {
            // Only the highest member counts; on a tie, the first by identifier (any order of the file gives the same lines).
            var resultats = new List<(Element Enfant, int Valeur, List<LigneCotation> Lignes, List<LigneCotation> Ajustements)>();
            foreach (var enfant in enfants)
            {
                List<LigneCotation> l = [], a = [];
                var v = Evaluer(enfant, faits, l, a);
                if (v > 0) resultats.Add((enfant, v, l, a));
            }
            if (resultats.Count > 0)
            {
                var meilleur = resultats.MaxBy(r => r.Valeur);
                somme = meilleur.Valeur;
                lignes.AddRange(meilleur.Lignes);
                ajustements.AddRange(meilleur.Ajustements);
                var libelleMeilleur = meilleur.Enfant is ElementCritere m ? m.Critere.Libelle : ((ElementGroupe)meilleur.Enfant).Groupe.Libelle;
                foreach (var autre in resultats.Where(r => r.Enfant != meilleur.Enfant))
                {
                    lignes.AddRange(autre.Lignes.Select(l => l with
                    {
                        Points = 0,
                        Remarque = $"non retenu : dans « {g.Libelle} », seul le plus fort compte (« {libelleMeilleur} », {meilleur.Valeur} points)",
                    }));
                }
            }
        }
        if (g.Plafond is { } plafond && somme > plafond)
        {
            ajustements.Add(new LigneCotation(NatureLigne.PlafondGroupe, g.Id, $"Plafond « {g.Libelle} »", plafond - somme,
                $"Les critères « {g.Libelle} » sont plafonnés à {plafond} points : {somme} points calculés, {plafond} retenus.", [],
                $"plafonné à {plafond} points"));
            somme = plafond;
        }
        return somme;
    }

    private FaitConstate Constat(string nom, FaitsCotation faits)
    {
        CatalogueFaits.TryTrouver(nom, out var fait);
        if (!fait!.EstRenseigne(in faits)) return new FaitConstate(nom, fait.Libelle, 0, "non renseigné");
        var valeur = _lecteurs[nom](in faits);
        var texte = fait.Formater(valeur);
        if (nom == "anciennete_mois" && Grille.Refus is { AncienneteRemiseAZero: true } && faits.RefusOffresAdaptees > 0 && Renseigne("refus_offres_adaptees", faits))
            texte += " (comptée depuis le dernier refus d'une offre adaptée)";
        else if (nom == "anciennete_mois" && faits.AncienneteMoisEntamee)
            texte = $"plus de {texte}";
        return new FaitConstate(nom, fait.Libelle, valeur, texte);
    }

    private string Rendre(string modele, FaitsCotation faits, int points)
    {
        return ChargeurGrille.Marqueur().Replace(modele, m => m.Groups[1].Value == "points"
            ? points.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : Constat(m.Groups[1].Value, faits).Texte);
    }

    internal static int Plafonner(int points, int? plafond) =>
        plafond is { } p ? Math.Clamp(points, -p, p) : points;

    internal static int PenaliteRefus(RegleRefus refus, int nombreRefus)
    {
        if (refus.PointsParRefus == 0 || nombreRefus <= 0) return 0;
        var penalite = (long)refus.PointsParRefus * nombreRefus;
        return (int)Math.Max(penalite, refus.Plafond is { } p ? -p : int.MinValue);
    }

    internal static GrilleCompilee Compiler(Grille grille)
    {
        var compilateur = new Compilateur(grille);
        var arbre = ArbreGrille.Construire(grille);
        var criteres = grille.Criteres.ToDictionary(c => c.Id, compilateur.Critere, StringComparer.Ordinal);
        var lecteurs = CatalogueFaits.Tous.ToDictionary(f => f.Nom, f => compilateur.Lecteur(f.Nom), StringComparer.Ordinal);
        return new GrilleCompilee(grille, compilateur.Total(arbre), arbre, criteres, lecteurs);
    }

    /// <summary>
    /// Builds expression trees over <c>in FaitsCotation</c>, compiled by the runtime into IL. Two trees: the fast one reads
    /// every fact as given; the careful one (three-valued: true, false, unknown) never lets a criterion fire on a fact that
    /// was not given. The compiled total takes the fast tree when every fact the grid reads was given (a demand), the
    /// careful one otherwise (a simulation given a few facts): one test per demand on the hot path.
    /// </summary>
    private sealed class Compilateur(Grille grille)
    {
        private static readonly MethodInfo MinInt = typeof(Math).GetMethod(nameof(Math.Min), [typeof(int), typeof(int)])!;
        private static readonly MethodInfo MaxInt = typeof(Math).GetMethod(nameof(Math.Max), [typeof(int), typeof(int)])!;
        private static readonly MethodInfo MinDouble = typeof(Math).GetMethod(nameof(Math.Min), [typeof(double), typeof(double)])!;
        private static readonly MethodInfo Floor = typeof(Math).GetMethod(nameof(Math.Floor), [typeof(double)])!;

        private readonly ParameterExpression _f = Expression.Parameter(typeof(FaitsCotation).MakeByRefType(), "faits");

        public CalculCotation Total(IReadOnlyList<Element> arbre)
        {
            var masque = MasqueLu(grille);
            var rapide = Somme(arbre, prudent: false);
            var total = masque == 0
                ? rapide
                : Expression.Condition(
                    Expression.Equal(Expression.And(NonRenseignes(), Expression.Constant(masque)), Expression.Constant(0UL)),
                    rapide, Somme(arbre, prudent: true));
            return Expression.Lambda<CalculCotation>(total, "Cotation_" + grille.Id, [_f]).Compile();
        }

        private Expression Somme(IReadOnlyList<Element> arbre, bool prudent)
        {
            Expression total = Expression.Constant(0);
            foreach (var e in arbre) total = Expression.Add(total, Element(e, prudent));
            if (grille.Refus is { PointsParRefus: not 0 } refus)
            {
                // Mirrors PenaliteRefus without overflow: refusals beyond the cap change nothing.
                var utiles = refus.Plafond is { } p ? p / -refus.PointsParRefus + 1 : int.MaxValue / -refus.PointsParRefus;
                var n = Fait("refus_offres_adaptees", prudent);
                Expression penalite = Expression.Multiply(
                    Expression.Condition(Expression.GreaterThan(n, Expression.Constant(0)), Min(n, Expression.Constant(utiles)), Expression.Constant(0)),
                    Expression.Constant(refus.PointsParRefus));
                if (refus.Plafond is { } plafondRefus) penalite = Max(penalite, Expression.Constant(-plafondRefus));
                total = Expression.Add(total, penalite);
            }
            if (grille.PlafondTotal is { } plafond) total = Min(total, Expression.Constant(plafond));
            return Max(total, Expression.Constant(0));
        }

        /// <summary>The criterion's condition (careful: false on a fact not given) and its points, for the explanation.</summary>
        public (ConditionCompilee, CalculCotation) Critere(Critere c) =>
        (
            Expression.Lambda<ConditionCompilee>(Declenche(c, prudent: true), _f).Compile(),
            Expression.Lambda<CalculCotation>(Points(c, prudent: true), _f).Compile()
        );

        public LecteurFait Lecteur(string nom) =>
            Expression.Lambda<LecteurFait>(DefinitionFait.EnNombre(Fait(nom, prudent: false)), _f).Compile();

        private Expression Element(Element e, bool prudent)
        {
            if (e is ElementCritere ec)
            {
                var c = ec.Critere;
                var points = Plafonner(Points(c, prudent), c.Plafond);
                var declenche = Declenche(c, prudent);
                return declenche is ConstantExpression { Value: true } ? points : Expression.Condition(declenche, points, Expression.Constant(0));
            }
            var g = (ElementGroupe)e;
            var enfants = g.Enfants.Select(x => Element(x, prudent)).ToList();
            var valeur = g.Groupe.Mode == ModeGroupe.Exclusif
                ? enfants.Aggregate((Expression)Expression.Constant(0), Max)
                : enfants.Aggregate(Expression.Add);
            return g.Groupe.Plafond is { } plafond ? Min(valeur, Expression.Constant(plafond)) : valeur;
        }

        /// <summary>
        /// When the criterion gives its points: its condition holds and, for points read from a fact, that fact was given.
        /// Careful mode: a condition on a fact not given is neither true nor false (Kleene logic): « ou » holds when one
        /// known term holds, « et » when every term is known and holds, « non » of an unknown stays unknown.
        /// </summary>
        private Expression Declenche(Critere c, bool prudent)
        {
            Expression condition = c.Condition is null ? Expression.Constant(true)
                : prudent ? Kleene(c.Condition, c.PreuveRequise).Vrai : Condition(c.Condition, c.PreuveRequise);
            if (prudent && c.Points is PointsParUnite or PointsParPaliers)
            {
                var fait = c.Points is PointsParUnite u ? u.Fait : ((PointsParPaliers)c.Points).Fait;
                condition = condition is ConstantExpression { Value: true } ? Renseigne(fait) : Expression.AndAlso(condition, Renseigne(fait));
            }
            return condition;
        }

        private static Expression Plafonner(Expression points, int? plafond) =>
            plafond is { } p ? Min(Max(points, Expression.Constant(-p)), Expression.Constant(p)) : points;

        private Expression Points(Critere c, bool prudent)
        {
            switch (c.Points)
            {
                case PointsFixes p:
                    return Expression.Constant(p.Valeur);
                case PointsParUnite p:
                {
                    // Units beyond the cap change nothing; counting them would risk an overflow. Without a cap (Toulouse
                    // Métropole: one point per month of seniority), units stop where the points would leave the int range.
                    var parTranche = Math.Abs(p.ParTranche);
                    var utiles = c.Plafond is { } plafond ? plafond / parTranche + 1 : int.MaxValue / parTranche;
                    var v = Fait(p.Fait, prudent);
                    var auDela = Constante(p.Fait, p.AuDelaDe);
                    Expression unites = v.Type == typeof(int)
                        ? Min(Expression.Divide(Expression.Subtract(v, auDela), Expression.Constant((int)p.Tranche)), Expression.Constant(utiles))
                        : Expression.Convert(Expression.Call(MinDouble,
                            Expression.Call(Floor, Expression.Divide(Expression.Subtract(v, auDela), Expression.Constant(p.Tranche))),
                            Expression.Constant((double)utiles)), typeof(int));
                    return Expression.Multiply(
                        Expression.Condition(Expression.GreaterThan(v, auDela), unites, Expression.Constant(0)),
                        Expression.Constant(p.ParTranche));
                }
                case PointsParPaliers p:
                {
                    var v = Fait(p.Fait, prudent);
                    Expression resultat = Expression.Constant(0);
                    foreach (var palier in p.Paliers.Reverse())
                    {
                        var dans = Dans(v, p.Fait, palier.AuMoins, palier.MoinsDe);
                        resultat = Expression.Condition(dans, Expression.Constant(palier.Points), resultat);
                    }
                    return resultat;
                }
                default:
                    throw new InvalidOperationException(c.Points.GetType().Name);
            }
        }

        private static Expression Dans(Expression v, string fait, double? auMoins, double? moinsDe)
        {
            Expression? bas = auMoins is { } a ? Expression.GreaterThanOrEqual(v, Constante(fait, a)) : null;
            Expression? haut = moinsDe is { } m ? Expression.LessThan(v, Constante(fait, m)) : null;
            return bas is null ? haut! : haut is null ? bas : Expression.AndAlso(bas, haut);
        }

        /// <summary>Two-valued condition: every fact read as given.</summary>
        private Expression Condition(Condition condition, bool preuveRequise)
        {
            switch (condition)
            {
                case Et x:
                    return x.Termes.Select(t => Condition(t, preuveRequise)).Aggregate(Expression.AndAlso);
                case Ou x:
                    return x.Termes.Select(t => Condition(t, preuveRequise)).Aggregate(Expression.OrElse);
                case Non x:
                    return Expression.Not(Condition(x.Terme, preuveRequise));
                default:
                    return Atome(condition, preuveRequise, prudent: false);
            }
        }

        /// <summary>Three-valued condition: (holds, fails); neither when it reads a fact that was not given.</summary>
        private (Expression Vrai, Expression Faux) Kleene(Condition condition, bool preuveRequise)
        {
            switch (condition)
            {
                case Et x:
                {
                    var termes = x.Termes.Select(t => Kleene(t, preuveRequise)).ToList();
                    return (termes.Select(t => t.Vrai).Aggregate(Expression.AndAlso), termes.Select(t => t.Faux).Aggregate(Expression.OrElse));
                }
                case Ou x:
                {
                    var termes = x.Termes.Select(t => Kleene(t, preuveRequise)).ToList();
                    return (termes.Select(t => t.Vrai).Aggregate(Expression.OrElse), termes.Select(t => t.Faux).Aggregate(Expression.AndAlso));
                }
                case Non x:
                {
                    var (vrai, faux) = Kleene(x.Terme, preuveRequise);
                    return (faux, vrai);
                }
                default:
                {
                    var connu = Renseigne(FaitDe(condition));
                    var valeur = Atome(condition, preuveRequise, prudent: true);
                    return (Expression.AndAlso(connu, valeur), Expression.AndAlso(connu, Expression.Not(valeur)));
                }
            }
        }

        private static string FaitDe(Condition condition) => condition switch
        {
            Comparaison x => x.Fait,
            Entre x => x.Fait,
            Parmi x => x.Fait,
            FaitVrai x => x.Fait,
            _ => throw new InvalidOperationException(condition.GetType().Name),
        };

        private Expression Atome(Condition condition, bool preuveRequise, bool prudent)
        {
            switch (condition)
            {
                case Comparaison x:
                {
                    var v = Fait(x.Fait, prudent);
                    var k = Constante(x.Fait, x.Valeur);
                    if (x.Fait == "anciennete_mois" && x.Operateur is Operateur.Superieur or Operateur.InferieurOuEgal)
                    {
                        // « Strictly more than 36 months », to the day: 36 whole months and one day at least. The seniority
                        // restarted at the last refusal (grid's choice) is counted in whole months only.
                        Expression entamee = Expression.Property(_f, nameof(FaitsCotation.AncienneteMoisEntamee));
                        if (grille.Refus is { AncienneteRemiseAZero: true })
                            entamee = Expression.AndAlso(entamee, Expression.LessThanOrEqual(Fait("refus_offres_adaptees", prudent), Expression.Constant(0)));
                        var plus = Expression.OrElse(Expression.GreaterThan(v, k), Expression.AndAlso(Expression.Equal(v, k), entamee));
                        return x.Operateur == Operateur.Superieur ? plus : Expression.Not(plus);
                    }
                    return x.Operateur switch
                    {
                        Operateur.Egal => Expression.Equal(v, k),
                        Operateur.Different => Expression.NotEqual(v, k),
                        Operateur.Inferieur => Expression.LessThan(v, k),
                        Operateur.InferieurOuEgal => Expression.LessThanOrEqual(v, k),
                        Operateur.Superieur => Expression.GreaterThan(v, k),
                        _ => Expression.GreaterThanOrEqual(v, k),
                    };
                }
                case Entre x:
                {
                    var v = Fait(x.Fait, prudent);
                    return Expression.AndAlso(Expression.GreaterThanOrEqual(v, Constante(x.Fait, x.Min)), Expression.LessThanOrEqual(v, Constante(x.Fait, x.Max)));
                }
                case Parmi x:
                {
                    var v = Fait(x.Fait, prudent);
                    return x.Valeurs.Select(valeur => (Expression)Expression.Equal(v, Constante(x.Fait, valeur))).Aggregate(Expression.OrElse);
                }
                case FaitVrai x:
                {
                    var v = Fait(x.Fait, prudent);
                    if (v.Type == typeof(bool)) return v;
                    // A justifiable situation counts once declared; under preuveRequise, once validated by an authorised agent.
                    return preuveRequise
                        ? Expression.Equal(v, Expression.Constant((int)StatutPreuve.Valide))
                        : Expression.NotEqual(v, Expression.Constant((int)StatutPreuve.Aucun));
                }
                default:
                    throw new InvalidOperationException(condition.GetType().Name);
            }
        }

        private Expression NonRenseignes() => Expression.Property(_f, nameof(FaitsCotation.NonRenseignes));

        private Expression Renseigne(string nom) =>
            Expression.Equal(Expression.And(NonRenseignes(), Expression.Constant(Masque(nom))), Expression.Constant(0UL));

        /// <summary>
        /// A fact as an int, double or bool expression (enums as their int code). Careful mode: the refusal facts, which the
        /// grid reads beyond its criteria, count as no refusal when not given.
        /// </summary>
        private Expression Fait(string nom, bool prudent)
        {
            CatalogueFaits.TryTrouver(nom, out var fait);
            var acces = fait!.Acces(_f);
            if (acces.Type.IsEnum) return Expression.Convert(acces, typeof(int));
            if (prudent && nom is "refus_offres_adaptees") return Expression.Condition(Renseigne(nom), acces, Expression.Constant(0));
            if (nom == "anciennete_mois" && grille.Refus is { AncienneteRemiseAZero: true })
            {
                // Seniority counted from the last refusal of a suitable offer (effect stated by the grid, R441-2-17).
                Expression refus = Expression.GreaterThan(Fait("refus_offres_adaptees", prudent), Expression.Constant(0));
                if (prudent) refus = Expression.AndAlso(refus, Renseigne("mois_depuis_dernier_refus"));
                return Expression.Condition(refus, Min(acces, Fait("mois_depuis_dernier_refus", prudent)), acces);
            }
            return acces;
        }

        private static Expression Constante(string fait, double valeur)
        {
            CatalogueFaits.TryTrouver(fait, out var definition);
            return definition!.Type == TypeFait.Nombre ? Expression.Constant(valeur) : Expression.Constant((int)valeur);
        }

        private static Expression Min(Expression a, Expression b) => Expression.Call(MinInt, a, b);

        private static Expression Max(Expression a, Expression b) => Expression.Call(MaxInt, a, b);
    }
}
