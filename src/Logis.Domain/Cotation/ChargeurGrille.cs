using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Logis.Domain.Territoire;

namespace Logis.Domain.Cotation;

/// <summary>A problem found in a grid file, with the line to look at.</summary>
public sealed record ErreurGrille(int Ligne, string Message)
{
    public override string ToString() => $"ligne {Ligne} : {Message}";
}

/// <summary>Outcome of loading a grid: either a compiled grid, or the list of problems found.</summary>
public sealed class ResultatChargementGrille
{
    private ResultatChargementGrille(GrilleCompilee? grille, IReadOnlyList<ErreurGrille> erreurs)
    {
        Grille = grille;
        Erreurs = erreurs;
    }

    public GrilleCompilee? Grille { get; }
    public IReadOnlyList<ErreurGrille> Erreurs { get; }

    [System.Diagnostics.CodeAnalysis.MemberNotNullWhen(true, nameof(Grille))]
    public bool Reussi => Grille is not null;

    internal static ResultatChargementGrille Succes(GrilleCompilee grille) => new(grille, []);

    internal static ResultatChargementGrille Echec(IReadOnlyList<ErreurGrille> erreurs) =>
        new(null, [.. erreurs.OrderBy(e => e.Ligne).ThenBy(e => e.Message, StringComparer.Ordinal)]);
}

/// <summary>
/// Reads a grid file (format: <c>data/grilles/grille.schema.json</c>, documented in the Cotation
/// README) and checks every rule before compiling it. Pure: loading never touches the grid in
/// force; a caller replaces it only with a <see cref="ResultatChargementGrille.Reussi"/> result.
/// </summary>
public static partial class ChargeurGrille
{
    /// <summary>
    /// Anti-"préférence communale" (CCH L441: the lack of a link with the commune can never on its own
    /// justify a refusal): criteria on a link with the commune may weigh at most this share of the
    /// grid's theoretical maximum, so that they stay one criterion among others.
    /// </summary>
    public const double PartMaximaleLienCommune = 0.10;

    public static ResultatChargementGrille Charger(string json)
    {
        NoeudJson racine;
        try
        {
            racine = NoeudJson.Lire(json);
        }
        catch (JsonException e)
        {
            return ResultatChargementGrille.Echec([new ErreurGrille((int)(e.LineNumber ?? 0) + 1, $"JSON mal formé : {e.Message}")]);
        }
        var erreurs = new List<ErreurGrille>();
        var grille = new Lecture(erreurs).Grille(racine);
        if (grille is null || erreurs.Count > 0) return ResultatChargementGrille.Echec(erreurs);
        Valider(grille, erreurs);
        return erreurs.Count > 0 ? ResultatChargementGrille.Echec(erreurs) : ResultatChargementGrille.Succes(GrilleCompilee.Compiler(grille));
    }

    /// <summary>Rules between criteria and groups, once every part was read.</summary>
    private static void Valider(Grille grille, List<ErreurGrille> erreurs)
    {
        var groupes = new Dictionary<string, GroupeCriteres>(StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var g in grille.Groupes)
        {
            if (!ids.Add(g.Id)) erreurs.Add(new(g.Ligne, $"identifiant « {g.Id} » en double."));
            else groupes[g.Id] = g;
        }
        foreach (var c in grille.Criteres)
        {
            if (!ids.Add(c.Id)) erreurs.Add(new(c.Ligne, $"identifiant « {c.Id} » en double."));
        }
        foreach (var g in grille.Groupes)
        {
            if (g.Parent is not null && !groupes.ContainsKey(g.Parent))
                erreurs.Add(new(g.Ligne, $"le groupe « {g.Id} » est rattaché au groupe inconnu « {g.Parent} »."));
        }
        foreach (var c in grille.Criteres)
        {
            if (c.Groupe is not null && !groupes.ContainsKey(c.Groupe))
                erreurs.Add(new(c.Ligne, $"le critère « {c.Id} » est rattaché au groupe inconnu « {c.Groupe} »."));
        }
        if (erreurs.Count > 0) return;

        // Groups reference their parent group: a chain that comes back to itself has no meaning.
        foreach (var g in grille.Groupes)
        {
            var vus = new List<string> { g.Id };
            for (var parent = g.Parent; parent is not null; parent = groupes[parent].Parent)
            {
                if (parent == g.Id)
                {
                    erreurs.Add(new(g.Ligne, $"cycle entre groupes : {string.Join(" → ", vus)} → {g.Id}."));
                    break;
                }
                if (vus.Contains(parent)) break; // a cycle further up, reported on its own groups
                vus.Add(parent);
            }
        }
        if (erreurs.Count > 0) return;

        foreach (var g in grille.Groupes)
        {
            if (!grille.Criteres.Any(c => c.Groupe == g.Id) && !grille.Groupes.Any(s => s.Parent == g.Id))
                erreurs.Add(new(g.Ligne, $"le groupe « {g.Id} » ne contient aucun critère."));
        }
        foreach (var c in grille.Criteres)
        {
            // In an exclusive group "the highest counts": with a negative member that would be ambiguous.
            if (Bornes.Minimum(c) < 0 && Ancetres(c.Groupe, groupes).Any(g => g.Mode == ModeGroupe.Exclusif))
                erreurs.Add(new(c.Ligne, $"le critère « {c.Id} » peut donner des points négatifs : il ne peut pas appartenir à un groupe exclusif."));
        }
        ValiderLienCommune(grille, erreurs);
    }

    private static IEnumerable<GroupeCriteres> Ancetres(string? groupe, Dictionary<string, GroupeCriteres> groupes)
    {
        for (var g = groupe; g is not null; g = groupes[g].Parent) yield return groupes[g];
    }

    /// <summary>CCH L441 and docs/regles/08-occupation-du-parc.md §8.5: a link with the commune is tolerated only as one criterion among others.</summary>
    private static void ValiderLienCommune(Grille grille, List<ErreurGrille> erreurs)
    {
        var territoriaux = grille.Criteres.Where(c => Faits(c).Any(f => f.Territorial)).ToList();
        if (territoriaux.Count == 0) return;
        if (territoriaux.Count == grille.Criteres.Count)
        {
            erreurs.Add(new(territoriaux[0].Ligne,
                "une grille ne peut pas reposer sur le seul lien avec la commune (CCH L441 : l'absence de lien avec la commune ne peut à elle seule motiver un refus)."));
            return;
        }
        foreach (var c in territoriaux.Where(c => string.IsNullOrWhiteSpace(c.Justification)))
        {
            erreurs.Add(new(c.Ligne,
                $"le critère « {c.Id} » porte sur le lien avec la commune : la propriété « justification » doit expliquer en quoi il reste « un critère parmi d'autres » (CCH L441)."));
        }
        // Criteria without a cap (points per month, no ceiling) are left out of the maximum: otherwise the share would
        // always be small and the rule could be escaped by adding one.
        var maximum = Bornes.MaximumGrille(grille, bornesSeulement: true);
        var poids = territoriaux.Sum(Bornes.Maximum);
        if (poids > PartMaximaleLienCommune * maximum)
        {
            erreurs.Add(new(territoriaux[0].Ligne,
                $"les critères de lien avec la commune pèsent {poids} points sur un maximum théorique de {maximum} : " +
                $"au plus {PartMaximaleLienCommune * 100:0} % sont admis (lutte contre la préférence communale, CCH L441)."));
        }
    }

    internal static IEnumerable<DefinitionFait> Faits(Critere c) =>
        NomsFaits(c).Select(n => CatalogueFaits.TryTrouver(n, out var f) ? f : throw new InvalidOperationException(n));

    /// <summary>Names of the facts a criterion reads, in order of appearance, without duplicates.</summary>
    internal static IReadOnlyList<string> NomsFaits(Critere c)
    {
        var noms = new List<string>();
        void Ajouter(string nom)
        {
            if (!noms.Contains(nom)) noms.Add(nom);
        }
        void Parcourir(Condition condition)
        {
            switch (condition)
            {
                case Comparaison x: Ajouter(x.Fait); break;
                case Entre x: Ajouter(x.Fait); break;
                case Parmi x: Ajouter(x.Fait); break;
                case FaitVrai x: Ajouter(x.Fait); break;
                case Et x: x.Termes.ToList().ForEach(Parcourir); break;
                case Ou x: x.Termes.ToList().ForEach(Parcourir); break;
                case Non x: Parcourir(x.Terme); break;
            }
        }
        if (c.Condition is not null) Parcourir(c.Condition);
        switch (c.Points)
        {
            case PointsParUnite p: Ajouter(p.Fait); break;
            case PointsParPaliers p: Ajouter(p.Fait); break;
        }
        return noms;
    }

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex IdentifiantValide();

    [GeneratedRegex(@"\{([^{}]*)\}")]
    internal static partial Regex Marqueur();

    /// <summary>Reading of the JSON tree into a <see cref="Grille"/>, collecting every problem with its line.</summary>
    private sealed class Lecture(List<ErreurGrille> erreurs)
    {
        public Grille? Grille(NoeudJson racine)
        {
            if (!racine.EstObjet)
            {
                erreurs.Add(new(racine.Ligne, "une grille est un objet JSON { … }."));
                return null;
            }
            var o = new Objet(racine, "la grille", erreurs);
            o.Ignorer("$schema");
            var id = o.Identifiant("id");
            var libelle = o.Texte("libelle", requis: true);
            var territoireTexte = o.Texte("territoire", requis: true);
            var version = o.Texte("version", requis: true);
            var dateTexte = o.Texte("dateEffet", requis: true);
            var natureTexte = o.Texte("nature", requis: true);
            var description = o.Texte("description", requis: false);
            var plafondTotal = o.Plafond("plafondTotal");
            // Optional: without it, refusing a suitable offer has no effect on the score (R441-2-17 lets the system say when it has one).
            var refusJson = o.Prendre("refusOffreAdaptee");
            var refus = refusJson is null ? null : Refus(refusJson);
            var groupes = o.Tableau("groupes", requis: false).Select(Groupe).ToList();
            var criteresJson = o.Tableau("criteres", requis: true);
            var criteres = criteresJson.Select(Critere).ToList();
            o.Finir();

            Siren territoire = default;
            if (territoireTexte is not null && !Siren.TryCreate(territoireTexte, out territoire))
                erreurs.Add(new(o.LigneDe("territoire"), $"« {territoireTexte} » n'est pas un SIREN d'EPCI (neuf chiffres)."));
            var dateEffet = default(DateOnly);
            if (dateTexte is not null && !DateOnly.TryParseExact(dateTexte, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out dateEffet))
                erreurs.Add(new(o.LigneDe("dateEffet"), $"« {dateTexte} » n'est pas une date AAAA-MM-JJ."));
            NatureGrille? nature = natureTexte switch
            {
                null => null,
                "primo-demandeurs" => NatureGrille.PrimoDemandeurs,
                "mutation" => NatureGrille.Mutation,
                _ => null,
            };
            if (natureTexte is not null && nature is null)
                erreurs.Add(new(o.LigneDe("nature"), $"nature « {natureTexte} » inconnue : « primo-demandeurs » ou « mutation »."));
            if (criteresJson.Count == 0 && o.Contient("criteres"))
                erreurs.Add(new(o.LigneDe("criteres"), "la grille doit contenir au moins un critère."));

            if (erreurs.Count > 0 || id is null || libelle is null || version is null || nature is null || (refusJson is not null && refus is null)
                || criteres.Any(c => c is null) || groupes.Any(g => g is null))
                return null;
            return new Grille(id, libelle, territoire, version, dateEffet, nature.Value, description,
                [.. criteres!], [.. groupes!], plafondTotal, refus);
        }

        private RegleRefus? Refus(NoeudJson noeud)
        {
            var o = new Objet(noeud, "refusOffreAdaptee", erreurs);
            if (!o.EstObjet) return null;
            var points = o.Entier("pointsParRefus", requis: true);
            var plafond = o.Plafond("plafond");
            var remise = o.Booleen("ancienneteRemiseAZero") ?? false;
            var explication = o.Texte("explication", requis: true);
            o.Finir();
            if (points > 0) erreurs.Add(new(o.LigneDe("pointsParRefus"), "« pointsParRefus » ne peut pas être positif : un refus n'ajoute pas de points."));
            if (explication is not null) VerifierMarqueurs(explication, o.LigneDe("explication"));
            return points is null || explication is null ? null : new RegleRefus(points.Value, plafond, remise, explication);
        }

        private GroupeCriteres? Groupe(NoeudJson noeud)
        {
            var o = new Objet(noeud, "un groupe", erreurs);
            if (!o.EstObjet) return null;
            var id = o.Identifiant("id");
            var libelle = o.Texte("libelle", requis: true);
            var modeTexte = o.Texte("mode", requis: true);
            var plafond = o.Plafond("plafond");
            var parent = o.Texte("groupe", requis: false);
            o.Finir();
            ModeGroupe? mode = modeTexte switch
            {
                "exclusif" => ModeGroupe.Exclusif,
                "cumul" => ModeGroupe.Cumul,
                _ => null,
            };
            if (modeTexte is not null && mode is null)
                erreurs.Add(new(o.LigneDe("mode"), $"mode « {modeTexte} » inconnu : « exclusif » (seul le plus fort compte) ou « cumul »."));
            return id is null || libelle is null || mode is null ? null : new GroupeCriteres(id, libelle, mode.Value, plafond, parent, noeud.Ligne);
        }

        private Critere? Critere(NoeudJson noeud)
        {
            var o = new Objet(noeud, "un critère", erreurs);
            if (!o.EstObjet) return null;
            var id = o.Identifiant("id");
            var libelle = o.Texte("libelle", requis: true);
            var explication = o.Texte("explication", requis: true);
            var groupe = o.Texte("groupe", requis: false);
            var preuveRequise = o.Booleen("preuveRequise") ?? false;
            var justification = o.Texte("justification", requis: false);
            var plafond = o.Plafond("plafond");
            var conditionJson = o.Prendre("condition");
            var pointsJson = o.Prendre("points");
            o.Finir();
            var condition = conditionJson is null ? null : Condition(conditionJson, preuveRequise);
            Points? points = null;
            if (pointsJson is null) erreurs.Add(new(noeud.Ligne, $"propriété « points » manquante dans le critère « {id} »."));
            else points = Points(pointsJson);
            if (explication is not null) VerifierMarqueurs(explication, o.LigneDe("explication"));
            if (id is null || libelle is null || explication is null || points is null || (conditionJson is not null && condition is null))
                return null;
            var critere = new Critere(id, libelle, explication, condition, points, plafond, groupe, preuveRequise, justification, noeud.Ligne);
            if (preuveRequise && !ChargeurGrille.Faits(critere).Any(f => f.Type == TypeFait.Justifiable))
                erreurs.Add(new(o.LigneDe("preuveRequise"), $"« preuveRequise » : la condition du critère « {id} » ne lit aucune situation justifiable (motif_…, priorite_…, dalo)."));
            return critere;
        }

        private Points? Points(NoeudJson noeud)
        {
            if (noeud.EstNombre)
            {
                if (!noeud.EstEntier) erreurs.Add(new(noeud.Ligne, "les points sont des nombres entiers."));
                return noeud.EstEntier ? new PointsFixes((int)noeud.Nombre) : null;
            }
            var o = new Objet(noeud, "les points", erreurs);
            if (!o.EstObjet) return null;
            var fait = o.Fait("fait", numerique: true);
            if (o.Prendre("paliers") is { } paliersJson)
            {
                o.Finir();
                if (!paliersJson.EstTableau || paliersJson.Elements.Count == 0)
                {
                    erreurs.Add(new(paliersJson.Ligne, "« paliers » est une liste non vide de { \"auMoins\", \"moinsDe\", \"points\" }."));
                    return null;
                }
                var paliers = paliersJson.Elements.Select(p => Palier(p, fait)).ToList();
                if (fait is null || paliers.Any(p => p is null)) return null;
                var tries = paliers.Select(p => p!).OrderBy(p => p.AuMoins ?? double.NegativeInfinity).ToList();
                for (var i = 1; i < tries.Count; i++)
                {
                    if ((tries[i - 1].MoinsDe ?? double.PositiveInfinity) > (tries[i].AuMoins ?? double.NegativeInfinity))
                        erreurs.Add(new(paliersJson.Ligne, "deux paliers se chevauchent : une valeur ne peut tomber que dans un palier."));
                }
                return new PointsParPaliers(fait.Nom, tries);
            }
            var parTranche = o.Entier("parUnite", requis: true);
            var tranche = o.Nombre("tranche") ?? 1;
            var auDelaDe = o.Nombre("auDelaDe") ?? 0;
            o.Finir();
            if (parTranche == 0) erreurs.Add(new(o.LigneDe("parUnite"), "« parUnite » vaut 0 : ce critère ne donnerait jamais de points."));
            if (tranche <= 0) erreurs.Add(new(o.LigneDe("tranche"), "« tranche » doit être strictement positive."));
            if (auDelaDe < 0 && fait is { PeutEtreNegatif: false })
                erreurs.Add(new(o.LigneDe("auDelaDe"), $"« auDelaDe » ne peut pas être négatif : le fait « {fait.Nom} » ne l'est jamais."));
            if (fait?.Type == TypeFait.Entier && (tranche != Math.Floor(tranche) || auDelaDe != Math.Floor(auDelaDe)))
                erreurs.Add(new(o.Ligne, $"le fait « {fait.Nom} » est entier : « tranche » et « auDelaDe » doivent être entiers."));
            return fait is null || parTranche is null ? null : new PointsParUnite(fait.Nom, parTranche.Value, tranche, auDelaDe);
        }

        private Palier? Palier(NoeudJson noeud, DefinitionFait? fait)
        {
            var o = new Objet(noeud, "un palier", erreurs);
            if (!o.EstObjet) return null;
            var auMoins = o.Nombre("auMoins");
            var moinsDe = o.Nombre("moinsDe");
            var points = o.Entier("points", requis: true);
            o.Finir();
            if (auMoins is null && moinsDe is null) erreurs.Add(new(noeud.Ligne, "un palier a au moins une borne : « auMoins » ou « moinsDe »."));
            if (auMoins >= moinsDe) erreurs.Add(new(noeud.Ligne, "dans un palier, « auMoins » doit être inférieur à « moinsDe »."));
            if (fait?.Type == TypeFait.Entier && (auMoins % 1 is not (null or 0) || moinsDe % 1 is not (null or 0)))
                erreurs.Add(new(noeud.Ligne, $"le fait « {fait.Nom} » est entier : les bornes des paliers doivent être entières."));
            return points is null ? null : new Palier(auMoins, moinsDe, points.Value);
        }

        private Condition? Condition(NoeudJson noeud, bool preuveRequise)
        {
            var o = new Objet(noeud, "une condition", erreurs);
            if (!o.EstObjet) return null;
            foreach (var (cle, fabrique) in new (string, Func<IReadOnlyList<Condition>, Condition>)[] { ("et", t => new Et(t)), ("ou", t => new Ou(t)) })
            {
                if (o.Prendre(cle) is not { } termesJson) continue;
                o.Finir();
                if (!termesJson.EstTableau || termesJson.Elements.Count == 0)
                {
                    erreurs.Add(new(termesJson.Ligne, $"« {cle} » est une liste non vide de conditions."));
                    return null;
                }
                var termes = termesJson.Elements.Select(t => Condition(t, preuveRequise)).ToList();
                return termes.Any(t => t is null) ? null : fabrique([.. termes!]);
            }
            if (o.Prendre("non") is { } nonJson)
            {
                o.Finir();
                return Condition(nonJson, preuveRequise) is { } terme ? new Non(terme) : null;
            }
            var fait = o.Fait("fait", numerique: false);
            var op = o.Prendre("op");
            var valeur = o.Prendre("valeur");
            var entre = o.Prendre("entre");
            var parmi = o.Prendre("parmi");
            o.Finir();
            if (fait is null) return null;
            var ligne = noeud.Ligne;
            switch (fait.Type)
            {
                case TypeFait.Justifiable:
                    if (op is not null || valeur is not null || entre is not null || parmi is not null)
                    {
                        erreurs.Add(new(ligne, $"« {fait.Nom} » est une situation justifiable : écrivez {{ \"fait\": \"{fait.Nom}\" }}" +
                            " (vraie si déclarée, ou si validée pour un critère « preuveRequise »)."));
                        return null;
                    }
                    return new FaitVrai(fait.Nom);
                case TypeFait.Booleen:
                    if (entre is not null || parmi is not null || (op is null) != (valeur is null) || (op is not null && op.Texte is not ("=" or "!=")) || (valeur is not null && !valeur.EstBooleen))
                    {
                        erreurs.Add(new(ligne, $"« {fait.Nom} » est oui/non : écrivez {{ \"fait\": \"{fait.Nom}\" }} ou ajoutez \"op\": \"=\", \"valeur\": false."));
                        return null;
                    }
                    var vrai = valeur is null || (valeur.Type == JsonTokenType.True) == (op!.Texte == "=");
                    return vrai ? new FaitVrai(fait.Nom) : new Non(new FaitVrai(fait.Nom));
            }
            var formes = (op is not null || valeur is not null ? 1 : 0) + (entre is not null ? 1 : 0) + (parmi is not null ? 1 : 0);
            if (formes != 1)
            {
                erreurs.Add(new(ligne, $"une condition sur « {fait.Nom} » utilise une seule forme : \"op\" + \"valeur\", \"entre\" ou \"parmi\"."));
                return null;
            }
            if (op is not null || valeur is not null)
            {
                Operateur? operateur = op?.Texte switch
                {
                    "=" => Operateur.Egal,
                    "!=" => Operateur.Different,
                    "<" => Operateur.Inferieur,
                    "<=" => Operateur.InferieurOuEgal,
                    ">" => Operateur.Superieur,
                    ">=" => Operateur.SuperieurOuEgal,
                    _ => null,
                };
                if (operateur is null)
                {
                    erreurs.Add(new(op?.Ligne ?? ligne, "« op » vaut =, !=, <, <=, > ou >=."));
                    return null;
                }
                if (fait.Type == TypeFait.Situation && operateur is not (Operateur.Egal or Operateur.Different))
                {
                    erreurs.Add(new(op!.Ligne, "une situation de logement se compare avec = ou != seulement."));
                    return null;
                }
                var v = valeur is null ? null : Valeur(valeur, fait);
                if (valeur is null) erreurs.Add(new(ligne, "« valeur » manquante."));
                return v is null ? null : new Comparaison(fait.Nom, operateur.Value, v.Value);
            }
            if (entre is not null)
            {
                if (fait.Type == TypeFait.Situation || !entre.EstTableau || entre.Elements.Count != 2)
                {
                    erreurs.Add(new(entre.Ligne, "« entre » est une liste de deux nombres [min, max], bornes incluses."));
                    return null;
                }
                var (min, max) = (Valeur(entre.Elements[0], fait), Valeur(entre.Elements[1], fait));
                if (min > max) erreurs.Add(new(entre.Ligne, "« entre » : le minimum dépasse le maximum."));
                return min is null || max is null || min > max ? null : new Entre(fait.Nom, min.Value, max.Value);
            }
            if (!parmi!.EstTableau || parmi.Elements.Count == 0)
            {
                erreurs.Add(new(parmi.Ligne, "« parmi » est une liste non vide de valeurs."));
                return null;
            }
            var valeurs = parmi.Elements.Select(e => Valeur(e, fait)).ToList();
            return valeurs.Any(x => x is null) ? null : new Parmi(fait.Nom, [.. valeurs.Select(x => x!.Value).Distinct().Order()]);
        }

        private double? Valeur(NoeudJson noeud, DefinitionFait fait)
        {
            if (fait.Type == TypeFait.Situation)
            {
                if (noeud.EstTexte && CatalogueFaits.TryLireSituation(noeud.Texte!, out var s)) return (int)s;
                erreurs.Add(new(noeud.Ligne, $"situation de logement inconnue : valeurs admises {string.Join(", ", CatalogueFaits.CodesSituation)}."));
                return null;
            }
            if (!noeud.EstNombre || (fait.Type == TypeFait.Entier && !noeud.EstEntier))
            {
                erreurs.Add(new(noeud.Ligne, $"le fait « {fait.Nom} » attend un nombre{(fait.Type == TypeFait.Entier ? " entier" : "")}."));
                return null;
            }
            return noeud.Nombre;
        }

        private void VerifierMarqueurs(string modele, int ligne)
        {
            foreach (Match m in Marqueur().Matches(modele))
            {
                var nom = m.Groups[1].Value;
                if (nom != "points" && !CatalogueFaits.TryTrouver(nom, out _))
                    erreurs.Add(new(ligne, $"l'explication cite « {{{nom}}} », qui n'est ni un fait connu ni {{points}}."));
            }
        }

        /// <summary>An object whose properties are taken one by one; what is left is reported as unknown.</summary>
        private sealed class Objet
        {
            private readonly NoeudJson _noeud;
            private readonly string _quoi;
            private readonly List<ErreurGrille> _erreurs;
            private readonly HashSet<string> _pris = new(StringComparer.Ordinal);

            public Objet(NoeudJson noeud, string quoi, List<ErreurGrille> erreurs)
            {
                _noeud = noeud;
                _quoi = quoi;
                _erreurs = erreurs;
                if (!noeud.EstObjet) erreurs.Add(new(noeud.Ligne, $"{quoi} doit être un objet JSON {{ … }}."));
                foreach (var doublon in noeud.Proprietes.GroupBy(p => p.Nom).Where(g => g.Count() > 1))
                {
                    erreurs.Add(new(doublon.Last().Ligne, $"propriété « {doublon.Key} » en double dans {quoi}."));
                }
            }

            public bool EstObjet => _noeud.EstObjet;
            public int Ligne => _noeud.Ligne;

            public bool Contient(string nom) => _noeud.Proprietes.Any(p => p.Nom == nom);

            public int LigneDe(string nom) => _noeud.Proprietes.FirstOrDefault(p => p.Nom == nom)?.Ligne ?? _noeud.Ligne;

            public NoeudJson? Prendre(string nom)
            {
                _pris.Add(nom);
                return _noeud.Proprietes.FirstOrDefault(p => p.Nom == nom)?.Valeur;
            }

            public void Ignorer(string nom) => _pris.Add(nom);

            public void Finir()
            {
                foreach (var p in _noeud.Proprietes.Where(p => !_pris.Contains(p.Nom)))
                {
                    _erreurs.Add(new(p.Ligne, $"propriété « {p.Nom} » inconnue dans {_quoi}."));
                }
            }

            public string? Texte(string nom, bool requis)
            {
                var v = Prendre(nom);
                if (v is null)
                {
                    if (requis) _erreurs.Add(new(_noeud.Ligne, $"propriété « {nom} » manquante dans {_quoi}."));
                    return null;
                }
                if (!v.EstTexte || string.IsNullOrWhiteSpace(v.Texte))
                {
                    _erreurs.Add(new(v.Ligne, $"« {nom} » doit être un texte non vide."));
                    return null;
                }
                return v.Texte;
            }

            public string? Identifiant(string nom)
            {
                var id = Texte(nom, requis: true);
                if (id is not null && !IdentifiantValide().IsMatch(id))
                {
                    _erreurs.Add(new(LigneDe(nom), $"identifiant « {id} » : minuscules, chiffres et _ seulement."));
                    return null;
                }
                return id;
            }

            public int? Entier(string nom, bool requis)
            {
                var v = Prendre(nom);
                if (v is null)
                {
                    if (requis) _erreurs.Add(new(_noeud.Ligne, $"propriété « {nom} » manquante dans {_quoi}."));
                    return null;
                }
                if (!v.EstNombre || !v.EstEntier)
                {
                    _erreurs.Add(new(v.Ligne, $"« {nom} » doit être un nombre entier."));
                    return null;
                }
                return (int)v.Nombre;
            }

            public double? Nombre(string nom)
            {
                var v = Prendre(nom);
                if (v is null) return null;
                if (!v.EstNombre)
                {
                    _erreurs.Add(new(v.Ligne, $"« {nom} » doit être un nombre."));
                    return null;
                }
                return v.Nombre;
            }

            public bool? Booleen(string nom)
            {
                var v = Prendre(nom);
                if (v is null) return null;
                if (!v.EstBooleen)
                {
                    _erreurs.Add(new(v.Ligne, $"« {nom} » vaut true ou false."));
                    return null;
                }
                return v.Type == JsonTokenType.True;
            }

            public int? Plafond(string nom)
            {
                var p = Entier(nom, requis: false);
                if (p < 0)
                {
                    _erreurs.Add(new(LigneDe(nom), $"plafond négatif ({p}) : un plafond est un nombre de points positif ou nul."));
                    return null;
                }
                return p;
            }

            public IReadOnlyList<NoeudJson> Tableau(string nom, bool requis)
            {
                var v = Prendre(nom);
                if (v is null)
                {
                    if (requis) _erreurs.Add(new(_noeud.Ligne, $"propriété « {nom} » manquante dans {_quoi}."));
                    return [];
                }
                if (!v.EstTableau)
                {
                    _erreurs.Add(new(v.Ligne, $"« {nom} » doit être une liste [ … ]."));
                    return [];
                }
                return v.Elements;
            }

            public DefinitionFait? Fait(string nom, bool numerique)
            {
                var texte = Texte(nom, requis: true);
                if (texte is null) return null;
                if (!CatalogueFaits.TryTrouver(texte, out var fait))
                {
                    _erreurs.Add(new(LigneDe(nom), $"fait inconnu « {texte} » (voir le catalogue des faits dans le README de la cotation)."));
                    return null;
                }
                if (numerique && fait.Type is not (TypeFait.Entier or TypeFait.Nombre))
                {
                    _erreurs.Add(new(LigneDe(nom), $"le fait « {texte} » n'est pas un nombre : il ne peut pas servir à compter des points."));
                    return null;
                }
                return fait;
            }
        }
    }
}
