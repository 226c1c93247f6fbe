using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;

namespace Logis.Domain.Cotation;

/// <summary>How a grid may use a fact.</summary>
public enum TypeFait
{
    /// <summary>Whole number (persons, months, euros).</summary>
    Entier,
    /// <summary>Decimal number (a percentage).</summary>
    Nombre,
    /// <summary>Yes / no.</summary>
    Booleen,
    /// <summary>One of the <see cref="SituationLogement"/> codes.</summary>
    Situation,
    /// <summary>A situation with a proof status (<see cref="StatutPreuve"/>): true once declared, or once validated for a <c>preuveRequise</c> criterion.</summary>
    Justifiable,
}

/// <summary>One fact a grid may read: stable name, French label, type and accessor.</summary>
public sealed class DefinitionFait
{
    private static readonly CultureInfo Fr = CultureInfo.GetCultureInfo("fr-FR");
    private readonly PropertyInfo _propriete;
    private readonly Func<FaitsCotation, double> _lire;

    internal DefinitionFait(string nom, string libelle, TypeFait type, string unite, bool territorial, LambdaExpression acces)
    {
        Nom = nom;
        Libelle = libelle;
        Type = type;
        Unite = unite;
        Territorial = territorial;
        _propriete = (PropertyInfo)((MemberExpression)acces.Body).Member;
        var p = Expression.Parameter(typeof(FaitsCotation), "f");
        _lire = Expression.Lambda<Func<FaitsCotation, double>>(EnNombre(Acces(p)), p).Compile();
    }

    /// <summary>Stable name used in grid files (French snake_case), e.g. <c>anciennete_mois</c>.</summary>
    public string Nom { get; }
    public string Libelle { get; }
    public TypeFait Type { get; }
    /// <summary>Unit shown after a value ("mois", "€", "%"), empty when none.</summary>
    public string Unite { get; }
    /// <summary>A link with the commune wished: restricted by the anti-"préférence communale" rule (CCH L441).</summary>
    public bool Territorial { get; }
    /// <summary>The quantity may be below zero (a reste à vivre, a residual rent): simulations and grids accept negative values.</summary>
    public bool PeutEtreNegatif { get; private init; }
    /// <summary>Position in <see cref="CatalogueFaits.Tous"/>: the bit of this fact in <see cref="FaitsCotation.NonRenseignes"/>.</summary>
    public int Indice { get; internal set; }
    /// <summary>The bit of this fact in <see cref="FaitsCotation.NonRenseignes"/>.</summary>
    public ulong Masque => 1UL << Indice;

    internal DefinitionFait PouvantEtreNegatif() => new(this) { PeutEtreNegatif = true };

    private DefinitionFait(DefinitionFait autre)
    {
        Nom = autre.Nom;
        Libelle = autre.Libelle;
        Type = autre.Type;
        Unite = autre.Unite;
        Territorial = autre.Territorial;
        _propriete = autre._propriete;
        _lire = autre._lire;
    }

    /// <summary>The fact was given in <paramref name="faits"/> (<see cref="FaitsCotation.NonRenseignes"/>).</summary>
    public bool EstRenseigne(in FaitsCotation faits) => (faits.NonRenseignes & Masque) == 0;

    /// <summary>The value as a number: booleans 0/1, enums their code.</summary>
    public double Lire(in FaitsCotation faits) => _lire(faits);

    /// <summary>The value in plain French, with its unit.</summary>
    public string Formater(double valeur) => Type switch
    {
        TypeFait.Booleen => valeur != 0 ? "oui" : "non",
        TypeFait.Situation => CatalogueFaits.LibelleSituation((SituationLogement)(int)valeur),
        TypeFait.Justifiable => (StatutPreuve)(int)valeur switch
        {
            StatutPreuve.Valide => "validé par un agent habilité",
            StatutPreuve.Declare => "déclaré, justificatif non validé",
            _ => "non",
        },
        _ => Unite.Length == 0
            ? valeur.ToString("0.##", Fr)
            : $"{valeur.ToString("0.##", Fr)} {Unite}",
    };

    /// <summary>
    /// A copy of <paramref name="faits"/> with this fact set to <paramref name="valeur"/> (the number form of
    /// <see cref="Lire"/>: booleans 0/1, enums their code) and marked as given. For simulations typed by hand; not for hot loops.
    /// </summary>
    public FaitsCotation Avec(FaitsCotation faits, double valeur)
    {
        var type = _propriete.PropertyType;
        // Each branch boxed on its own: a single conditional expression would convert the int to double.
        object converti;
        if (type == typeof(bool)) converti = valeur != 0;
        else if (type.IsEnum) converti = Enum.ToObject(type, (int)valeur);
        else if (type == typeof(int)) converti = (int)valeur;
        else converti = valeur;
        object boite = faits with { NonRenseignes = faits.NonRenseignes & ~Masque };
        _propriete.SetValue(boite, converti);
        return (FaitsCotation)boite;
    }

    internal Expression Acces(Expression faits) => Expression.Property(faits, _propriete);

    internal static Expression EnNombre(Expression valeur) =>
        valeur.Type == typeof(bool)
            ? Expression.Condition(valeur, Expression.Constant(1.0), Expression.Constant(0.0))
            : valeur.Type.IsEnum
                ? Expression.Convert(Expression.Convert(valeur, typeof(int)), typeof(double))
                : Expression.Convert(valeur, typeof(double));
}

/// <summary>
/// The facts a grid may read, by their stable names. A grid naming any other fact is refused at
/// loading. Adding a fact is a code change (a new property of <see cref="FaitsCotation"/>);
/// renaming one would break published grids, so names never change.
/// </summary>
public static class CatalogueFaits
{
    private static readonly (SituationLogement Valeur, string Code, string Libelle)[] Situations =
    [
        (SituationLogement.NonRenseignee, "non_renseignee", "non renseignée"),
        (SituationLogement.SansLogement, "sans_logement", "sans logement"),
        (SituationLogement.HebergeChezTiers, "heberge_tiers", "hébergé chez des tiers"),
        (SituationLogement.HebergeChezParents, "heberge_parents", "hébergé chez ses parents"),
        (SituationLogement.StructureHebergement, "structure_hebergement", "en structure d'hébergement"),
        (SituationLogement.LogementNonDecent, "logement_non_decent", "logement non décent ou insalubre"),
        (SituationLogement.ProcedureExpulsion, "procedure_expulsion", "en procédure d'expulsion"),
        (SituationLogement.LocataireParcPrive, "locataire_prive", "locataire du parc privé"),
        (SituationLogement.LocataireParcSocial, "locataire_social", "locataire du parc social"),
        (SituationLogement.Proprietaire, "proprietaire", "propriétaire"),
        (SituationLogement.LogementTemporaire, "logement_temporaire", "en logement temporaire"),
    ];

    /// <summary>All facts, in the order of <see cref="FaitsCotation"/>.</summary>
    public static IReadOnlyList<DefinitionFait> Tous { get; } =
    [
        Entier("taille_menage", "Nombre de personnes à loger", "personne(s)", f => f.TailleMenage),
        Entier("nombre_enfants", "Nombre d'enfants", "", f => f.NombreEnfants),
        Booleen("parent_isole", "Parent isolé", f => f.ParentIsole),
        Entier("personnes_handicapees", "Personnes en situation de handicap dans le ménage", "", f => f.PersonnesHandicapees),
        Entier("age_demandeur", "Âge du demandeur", "ans", f => f.AgeDemandeur),
        Entier("ressources_mensuelles", "Ressources mensuelles du ménage", "€", f => f.RessourcesMensuelles),
        Entier("ressources_par_uc", "Ressources mensuelles par unité de consommation", "€", f => f.RessourcesParUc),
        Nombre("taux_effort", "Taux d'effort dans le logement actuel", "%", f => f.TauxEffort),
        Entier("reste_a_vivre_uc", "Reste à vivre par unité de consommation et par mois", "€", f => f.ResteAVivreParUc).PouvantEtreNegatif(),
        Entier("loyer_residuel", "Loyer actuel après déduction de l'aide au logement", "€", f => f.LoyerResiduel).PouvantEtreNegatif(),
        Nombre("taux_effort_residuel", "Taux d'effort après déduction de l'aide au logement", "%", f => f.TauxEffortResiduel).PouvantEtreNegatif(),
        Situation("situation_logement", "Situation de logement actuelle", f => f.SituationLogement),
        Booleen("sur_occupation", "Logement actuel sur-occupé", f => f.SurOccupation),
        Booleen("sous_occupation", "Logement actuel sous-occupé", f => f.SousOccupation),
        Entier("pieces_logement_actuel", "Pièces principales du logement actuel", "pièce(s)", f => f.PiecesLogementActuel),
        Nombre("personnes_par_piece", "Personnes par pièce dans le logement actuel", "", f => f.PersonnesParPiece),
        Justifiable("motif_violence", "Violences familiales ou conjugales", f => f.MotifViolence),
        Justifiable("motif_handicap", "Handicap ou perte d'autonomie", f => f.MotifHandicap),
        Justifiable("motif_sante", "Raisons de santé", f => f.MotifSante),
        Justifiable("motif_separation", "Séparation, divorce", f => f.MotifSeparation),
        Justifiable("motif_rapprochement_travail", "Rapprochement du lieu de travail", f => f.MotifRapprochementTravail),
        Justifiable("motif_logement_trop_petit", "Logement trop petit", f => f.MotifLogementTropPetit),
        Justifiable("motif_logement_trop_cher", "Logement trop cher", f => f.MotifLogementTropCher),
        Justifiable("motif_decohabitation", "Décohabitation", f => f.MotifDecohabitation),
        Justifiable("motif_conge_bailleur", "Congé donné par le bailleur", f => f.MotifCongeBailleur),
        Justifiable("dalo", "Reconnu prioritaire et urgent DALO (L441-2-3)", f => f.Dalo),
        Justifiable("priorite_a", "Priorité L441-1 a) : handicap", f => f.PrioriteA),
        Justifiable("priorite_a_bis", "Priorité L441-1 a bis) : sortie d'appartement de coordination thérapeutique", f => f.PrioriteABis),
        Justifiable("priorite_b", "Priorité L441-1 b) : mal logé ou défavorisé", f => f.PrioriteB),
        Justifiable("priorite_c", "Priorité L441-1 c) : hébergé ou logé temporairement", f => f.PrioriteC),
        Justifiable("priorite_d", "Priorité L441-1 d) : reprise d'activité après chômage de longue durée", f => f.PrioriteD),
        Justifiable("priorite_e", "Priorité L441-1 e) : habitat indigne", f => f.PrioriteE),
        Justifiable("priorite_f", "Priorité L441-1 f) : violences au sein du couple ou de la famille", f => f.PrioriteF),
        Justifiable("priorite_g", "Priorité L441-1 g) : parcours de sortie de la prostitution", f => f.PrioriteG),
        Justifiable("priorite_h", "Priorité L441-1 h) : victime de traite ou de proxénétisme", f => f.PrioriteH),
        Justifiable("priorite_i", "Priorité L441-1 i) : enfant mineur et logement sur-occupé ou non décent", f => f.PrioriteI),
        Justifiable("priorite_j", "Priorité L441-1 j) : dépourvu de logement", f => f.PrioriteJ),
        Justifiable("priorite_k", "Priorité L441-1 k) : menacé d'expulsion sans relogement", f => f.PrioriteK),
        Justifiable("priorite_l", "Priorité L441-1 l) : jeune sortant de l'aide sociale à l'enfance", f => f.PrioriteL),
        Justifiable("pdalhpd", "Public prioritaire du PDALHPD", f => f.Pdalhpd),
        Entier("anciennete_mois", "Ancienneté de la demande", "mois", f => f.AncienneteMois),
        Entier("anciennete_jours", "Ancienneté de la demande en jours", "jour(s)", f => f.AncienneteJours),
        Booleen("mutation", "Demande de mutation (déjà locataire du parc social)", f => f.Mutation),
        Entier("refus_offres_adaptees", "Refus d'offres adaptées", "", f => f.RefusOffresAdaptees),
        Entier("mois_depuis_dernier_refus", "Mois écoulés depuis le dernier refus d'une offre adaptée", "mois", f => f.MoisDepuisDernierRefus),
        new DefinitionFait("lien_commune", "Réside ou travaille dans une commune souhaitée", TypeFait.Booleen, "", territorial: true,
            (Expression<Func<FaitsCotation, bool>>)(f => f.LienCommune)),
    ];

    private static readonly Dictionary<string, DefinitionFait> ParNom = Indexer();

    /// <summary>Every fact's bit set: nothing given (<see cref="FaitsCotation.Vides"/>).</summary>
    public static ulong MasqueTous { get; } = Tous.Count == 64 ? ulong.MaxValue : (1UL << Tous.Count) - 1;

    /// <summary>Names of the facts whose bit is set in <paramref name="masque"/>, in catalogue order.</summary>
    public static IReadOnlyList<DefinitionFait> Parmi(ulong masque) => [.. Tous.Where(f => (masque & f.Masque) != 0)];

    private static Dictionary<string, DefinitionFait> Indexer()
    {
        // One bit per fact in FaitsCotation.NonRenseignes.
        if (Tous.Count > 64) throw new InvalidOperationException("Le catalogue dépasse 64 faits : FaitsCotation.NonRenseignes ne peut plus les marquer.");
        for (var i = 0; i < Tous.Count; i++) Tous[i].Indice = i;
        return Tous.ToDictionary(f => f.Nom, StringComparer.Ordinal);
    }

    /// <summary>
    /// Facts that reveal health, disability, violence or which priority situation applies: the lines they trigger are
    /// shown in detail only to the roles that see sensitive data (<c>AccesDemandes.VoitDonneesSensibles</c>).
    /// </summary>
    public static bool EstSensible(string nom) =>
        nom is "personnes_handicapees" or "motif_violence" or "motif_handicap" or "motif_sante" or "dalo" or "pdalhpd"
        || nom.StartsWith("priorite_", StringComparison.Ordinal);

    /// <summary>The fact named <paramref name="nom"/>, or false when the catalogue has none.</summary>
    public static bool TryTrouver(string nom, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DefinitionFait? fait) =>
        ParNom.TryGetValue(nom, out fait);

    /// <summary>Code used in grid files for a housing situation, e.g. <c>heberge_tiers</c>.</summary>
    public static string CodeSituation(SituationLogement s) => Situations[(int)s].Code;

    public static string LibelleSituation(SituationLogement s) => Situations[(int)s].Libelle;

    public static bool TryLireSituation(string code, out SituationLogement situation)
    {
        foreach (var (valeur, c, _) in Situations)
        {
            if (c == code)
            {
                situation = valeur;
                return true;
            }
        }
        situation = default;
        return false;
    }

    /// <summary>Codes of all housing situations, for error messages and documentation.</summary>
    public static IEnumerable<string> CodesSituation => Situations.Select(s => s.Code);

    private static DefinitionFait Entier(string nom, string libelle, string unite, Expression<Func<FaitsCotation, int>> acces) =>
        new(nom, libelle, TypeFait.Entier, unite, territorial: false, acces);

    private static DefinitionFait Nombre(string nom, string libelle, string unite, Expression<Func<FaitsCotation, double>> acces) =>
        new(nom, libelle, TypeFait.Nombre, unite, territorial: false, acces);

    private static DefinitionFait Booleen(string nom, string libelle, Expression<Func<FaitsCotation, bool>> acces) =>
        new(nom, libelle, TypeFait.Booleen, "", territorial: false, acces);

    private static DefinitionFait Situation(string nom, string libelle, Expression<Func<FaitsCotation, SituationLogement>> acces) =>
        new(nom, libelle, TypeFait.Situation, "", territorial: false, acces);

    private static DefinitionFait Justifiable(string nom, string libelle, Expression<Func<FaitsCotation, StatutPreuve>> acces) =>
        new(nom, libelle, TypeFait.Justifiable, "", territorial: false, acces);
}
