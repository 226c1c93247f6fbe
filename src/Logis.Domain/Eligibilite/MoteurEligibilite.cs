using Logis.Domain.Commun;
using Logis.Domain.Menages;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;

namespace Logis.Domain.Eligibilite;

public enum StatutEligibilite
{
    /// <summary>The retained income does not exceed the ceiling.</summary>
    Eligible = 1,

    /// <summary>The retained income exceeds the ceiling.</summary>
    NonEligible = 2,

    /// <summary>A datum is missing (income, ceilings of the year): no answer either way, never a refusal.</summary>
    NonDeterminee = 3,
}

/// <summary>One reason of a decision: a stable code, a sentence for the applicant, its legal source.</summary>
public sealed record Motif(string Code, string Texte, string Source);

/// <summary>
/// The answer to "does this household meet the income condition for this dwelling?", with every
/// reason in plain French, as the law requires decisions to be explained (CRPA L311-3-1, CCH L441-2-2).
/// </summary>
public sealed class DecisionEligibilite
{
    internal DecisionEligibilite(StatutEligibilite statut, int annee, ZonePlafond zone, Financement financement, CategorieMenage categorie, Plafond? plafond, decimal? revenuRetenu, IReadOnlyList<Motif> motifs)
    {
        Statut = statut;
        Annee = annee;
        Zone = zone;
        Financement = financement;
        Categorie = categorie;
        Plafond = plafond;
        RevenuRetenu = revenuRetenu;
        Motifs = motifs;
    }

    public StatutEligibilite Statut { get; }
    public bool EstEligible => Statut == StatutEligibilite.Eligible;
    public int Annee { get; }
    public ZonePlafond Zone { get; }
    public Financement Financement { get; }

    /// <summary>Category 1 to 6 and persons beyond 6, with the clause applied.</summary>
    public CategorieMenage Categorie { get; }

    /// <summary>The ceiling applied; null when the reference data has none.</summary>
    public Plafond? Plafond { get; }

    /// <summary>Annual income retained, in euros; null when not declared.</summary>
    public decimal? RevenuRetenu { get; }

    /// <summary>By how many euros the retained income exceeds the ceiling (0 when it does not); null when undetermined.</summary>
    public decimal? Depassement => RevenuRetenu is { } revenu && Plafond is { } plafond ? Math.Max(revenu - plafond.Montant, 0m) : null;

    /// <summary>Every reason, in the order of the reasoning: category, income, ceiling, conclusion.</summary>
    public IReadOnlyList<Motif> Motifs { get; }

    public string SourceLegale => BaremePlafonds.SourceLegale(Financement, Zone);

    /// <summary>This decision as a role without access to restricted data reads it: the category's reason masked (<see cref="CategorieMenage.SansSituationRestreinte"/>).</summary>
    public DecisionEligibilite SansSituationRestreinte()
    {
        var masquee = Categorie.SansSituationRestreinte();
        if (ReferenceEquals(masquee, Categorie)) return this;
        return new DecisionEligibilite(Statut, Annee, Zone, Financement, masquee, Plafond, RevenuRetenu,
            [.. Motifs.Select(m => m.Code == Categorie.CodeRegle ? m with { Code = masquee.CodeRegle, Texte = masquee.Explication } : m)]);
    }
}

/// <summary>
/// The eligibility rules over the reference data: build once with the ceiling tables and the
/// configured thresholds, then ask <see cref="VerifierEligibilite"/> for any household.
/// </summary>
public sealed class MoteurEligibilite(BaremePlafonds bareme, ParametresEligibilite parametres)
{
    private const string SourceRevenu = "CCH R441-1 ; arrêté du 29 juillet 1987 modifié, art. 1";
    private const string SourceBaisse = "Arrêté du 29 juillet 1987 modifié (revenus de l'année N-1 ou des douze derniers mois)";
    private const string SourceSeparation = "CCH L441-1";

    public DecisionEligibilite VerifierEligibilite(int annee, ZonePlafond zone, Financement financement, Menage menage)
    {
        var categorie = CategorieMenage.Determiner(menage, parametres);
        var motifs = new List<Motif> { new(categorie.CodeRegle, categorie.Explication, CategorieMenage.SourceLegale) };

        decimal? revenu = null;
        if (menage.Revenu is { } declare)
        {
            var (montant, motif) = Retenir(declare, annee);
            revenu = montant;
            motifs.Add(motif);
        }
        else
        {
            motifs.Add(new("revenu.manquant", "Le revenu fiscal de référence du ménage n'est pas renseigné : la condition de ressources ne peut pas être vérifiée.", SourceRevenu));
        }

        var plafond = bareme.Plafond(annee, financement, zone, categorie);
        if (plafond.EstReussi)
            motifs.Add(new("plafond.applicable", DecrirePlafond(plafond.Valeur), plafond.Valeur.SourceLegale));
        else
            motifs.AddRange(plafond.Erreurs.Select(e => new Motif("plafond.inconnu", e, BaremePlafonds.SourceLegale(financement, zone))));

        var statut = StatutEligibilite.NonDeterminee;
        if (revenu is { } r && plafond.EstReussi)
        {
            var p = plafond.Valeur;
            var logement = $"un logement {financement.Libelle()}";
            if (r <= p.Montant)
            {
                statut = StatutEligibilite.Eligible;
                motifs.Add(new("plafond.respecte", $"Vos revenus retenus ({TexteFr.Euros(r)}) ne dépassent pas le plafond ({TexteFr.Euros(p.Montant)}) : vous remplissez la condition de ressources pour {logement}.", p.SourceLegale));
            }
            else
            {
                statut = StatutEligibilite.NonEligible;
                motifs.Add(new("plafond.depasse", $"Vos revenus retenus ({TexteFr.Euros(r)}) dépassent le plafond ({TexteFr.Euros(p.Montant)}) de {TexteFr.Euros(r - p.Montant)} : vous ne remplissez pas la condition de ressources pour {logement}.", p.SourceLegale));
            }
        }

        return new DecisionEligibilite(statut, annee, zone, financement, categorie, plafond.ValeurOuNull, revenu, motifs);
    }

    /// <summary>
    /// Applies the household's choice of income. A fall in income replaces the RFR N-2 only when it
    /// reaches the configured threshold; otherwise the RFR N-2 is kept, and the reason says so.
    /// </summary>
    private (decimal Montant, Motif Motif) Retenir(RevenuRetenu revenu, int annee)
    {
        var rfr = revenu.RevenuFiscalReferenceN2;
        var general = $"revenu fiscal de référence {annee - 2} du ménage, {TexteFr.Euros(rfr)}";
        switch (revenu.Motif)
        {
            case MotifRevenu.BaisseDeRessources when revenu.RevenuRecent is { } recent:
                var periode = revenu.Periode == PeriodeRevenus.AnneeN1 ? $"de l'année {annee - 1}" : "des douze derniers mois";
                var baisse = rfr == 0 ? 0m : (rfr - recent) / rfr;
                var seuil = TexteFr.Pourcentage(parametres.SeuilBaisseRessources);
                return baisse >= parametres.SeuilBaisseRessources
                    ? (recent, new("revenu.baisse_ressources", $"Revenu retenu : vos revenus {periode}, {TexteFr.Euros(recent)}, car vos ressources ont baissé de {TexteFr.Pourcentage(baisse)} par rapport au {general} (baisse d'au moins {seuil}).", SourceBaisse))
                    : (rfr, new("revenu.baisse_insuffisante", $"Revenu retenu : {general}. Vos revenus {periode} ({TexteFr.Euros(recent)}) ne sont pas retenus : la baisse de vos ressources ({TexteFr.Pourcentage(baisse)}) est inférieure à {seuil}.", SourceBaisse));
            case MotifRevenu.SeparationDuDemandeur:
                var situation = revenu.Separation switch
                {
                    MotifSeparation.InstanceDeDivorce => "êtes en instance de divorce",
                    MotifSeparation.RupturePacs => "êtes en rupture de PACS",
                    _ => "êtes victime de violences au sein du couple",
                };
                return (rfr, new("revenu.separation", $"Revenu retenu : vos seuls revenus ({TexteFr.Euros(rfr)}, revenu fiscal de référence {annee - 2}), car vous {situation} : seules les ressources du demandeur comptent.", SourceSeparation));
            default:
                return (rfr, new("revenu.rfr_n2", $"Revenu retenu : {general} (somme des revenus fiscaux de référence de chaque membre du ménage).", SourceRevenu));
        }
    }

    private static string DecrirePlafond(Plafond plafond)
    {
        var detail = plafond.Categorie.PersonnesSupplementaires > 0
            ? $" ({TexteFr.Euros(plafond.MontantCategorie)} + {plafond.Categorie.PersonnesSupplementaires} × {TexteFr.Euros(plafond.MontantParPersonneSupplementaire)})"
            : "";
        return $"Plafond de ressources {plafond.Financement.Libelle()} {plafond.Annee}, zone « {plafond.Zone.Libelle()} », {plafond.Categorie.Libelle} : {TexteFr.Euros(plafond.Montant)}{detail}.";
    }
}
