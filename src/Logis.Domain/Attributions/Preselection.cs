using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Eligibilite;
using Logis.Domain.Menages;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;

namespace Logis.Domain.Attributions;

/// <summary>
/// The dwelling of a vacancy as the pre-selection reads it: where it is (commune, QPV, ceiling zone of the commune), its financing,
/// typology, main rooms and living area, and the rent and charges declared with the vacancy.
/// </summary>
public sealed record LogementAPourvoir(CodeInsee Commune, string NomCommune, bool EnQpv, ZonePlafond Zone, Financement Financement, Typologie Typologie,
    int NombrePieces, decimal SurfaceHabitable, decimal Loyer, decimal Charges)
{
    public static LogementAPourvoir De(Vacance vacance, Logement logement, ZonePlafond zone, string nomCommune)
    {
        ArgumentNullException.ThrowIfNull(vacance);
        ArgumentNullException.ThrowIfNull(logement);
        return new LogementAPourvoir(vacance.CommuneInsee, nomCommune, vacance.EnQpv, zone, vacance.Financement, vacance.Typologie, logement.NombrePieces,
            logement.SurfaceHabitable, vacance.Loyer, vacance.Charges);
    }

    /// <summary>Rent and charges, the monthly amount compared with the maximum rent the household wishes [M].</summary>
    public decimal Quittance => Loyer + Charges;
}

/// <summary>A validated priority situation of a candidate (only a situation validated on a piece counts, docs/regles/03-cotation.md).</summary>
public sealed record PrioriteCandidat(CriterePrioritaire Critere);

/// <summary>
/// What the pre-selection needs of one demand, and nothing more: its number and seniority, whether it is active, its stored score, the
/// wishes (communes, typologies, maximum rent), the household (persons, revenu fiscal de référence) and its monthly resources, the
/// validated priority situations. Built by <c>De</c> from the demand's content, so that a candidate read in full (the proposal
/// act) and one read in compact columns (the pre-selection over the whole file) are judged alike. <see cref="PersonneMorale"/>: the demand of a
/// legal entity that rents to sublet (CCH L442-8-1), which has no household (docs/personne-morale.md).
/// </summary>
public sealed record CandidatResume(
    DemandeId Id,
    string Numero,
    DateOnly DateDepot,
    bool Active,
    int? Cotation,
    IReadOnlyList<CodeInsee> Communes,
    bool ToutEpci,
    IReadOnlyList<Typologie> Typologies,
    decimal? LoyerMaximum,
    Menage? Menage,
    decimal RessourcesMensuelles,
    IReadOnlyList<PrioriteCandidat> Priorites,
    bool PersonneMorale = false)
{
    public static CandidatResume De(DemandeId id, NumeroUnique numero, DateOnly dateDepot, StatutDemande statut, int? cotation, ContenuDemande contenu,
        IEnumerable<CriterePrioritaire> situationsValidees, DateOnly jour)
    {
        ArgumentNullException.ThrowIfNull(numero);
        ArgumentNullException.ThrowIfNull(contenu);
        ArgumentNullException.ThrowIfNull(situationsValidees);
        var menage = contenu.Menage(jour);
        var s = contenu.Souhaits;
        return new CandidatResume(id, numero.Valeur, dateDepot, statut == StatutDemande.Active, cotation, s.Communes, s.ToutEpci, s.Typologies, s.LoyerMaximum,
            menage.EstReussi ? menage.Valeur : null, contenu.RessourcesMensuelles, [.. situationsValidees.Distinct().Order().Select(c => new PrioriteCandidat(c))],
            contenu.EstPersonneMorale);
    }

    /// <summary>The same summary from a whole demand and its stored score.</summary>
    public static CandidatResume De(Demande demande, int? cotation, DateOnly jour)
    {
        ArgumentNullException.ThrowIfNull(demande);
        return De(demande.Id, demande.Numero, demande.DateDepot, demande.Statut, cotation, demande.Contenu,
            demande.SituationsPrioritaires.Where(s => s.Statut == StatutJustification.ValideeParAgentHabilite).Select(s => s.Critere), jour);
    }

    public bool Dalo => Priorites.Any(p => p.Critere == CriterePrioritaire.ReconnuDalo);
}

/// <summary>
/// The rules and reference data a pre-selection applies: the eligibility engine and the ceiling year, the size norms (L822-10,
/// L621-2), the consumption-unit scale, and the first-quartile threshold of the EPCI for the year (€ per UC per year), when known.
/// </summary>
public sealed record ParametresPreselection(MoteurEligibilite Moteur, int AnneePlafonds, NormesOccupation Normes, EchelleUnitesConsommation Echelle,
    decimal? SeuilPremierQuartile, int? AnneeSeuil);

/// <summary>
/// The pre-selection of one demand for one dwelling: whether it is retained, why (<see cref="Motifs"/>) or why not (<see cref="Exclusions"/>),
/// and what the commission weighs (effort rate and remaining income with this dwelling, priority, social-mix objective at stake).
/// </summary>
public sealed record LignePreselection(
    CandidatResume Candidat,
    IReadOnlyList<string> Motifs,
    IReadOnlyList<string> Exclusions,
    int? NombrePersonnes,
    string? Categorie,
    decimal? TauxEffort,
    decimal? ResteAVivreParUc,
    decimal? RevenuParUc,
    bool Prioritaire,
    bool Dalo,
    string? ObjectifMixite)
{
    public bool Retenue => Exclusions.Count == 0;

    /// <summary>The reasons in one short text (kept with a proposed candidate).</summary>
    public string MotifsCourts(int longueurMax)
    {
        var texte = string.Join(" ; ", Retenue ? Motifs : Exclusions);
        return texte.Length <= longueurMax ? texte : texte[..(longueurMax - 1)] + "…";
    }
}

/// <summary>The ranked candidates retained for a dwelling, and the nearest excluded demands with their reasons.</summary>
public sealed record ResultatPreselection(IReadOnlyList<LignePreselection> Retenues, IReadOnlyList<LignePreselection> Exclues, bool Complete);

/// <summary>
/// Pre-selection of candidates for a vacancy over the shared file (docs/regles/07-attribution.md §7.6). A demand is retained when it is
/// active, wishes the dwelling's commune (or the whole intercommunality) and typology, its maximum rent (when given) covers rent and
/// charges, its household meets the income ceiling of the dwelling's financing for the year (<see cref="MoteurEligibilite"/>) and its
/// size suits the dwelling (neither over-occupied, L822-10, nor under-occupied, L621-2: <see cref="AdequationLogement"/>). Ranked by
/// score, highest first; ties by deposit date, oldest first; then by number (ordinal): a total, deterministic order
/// (<see cref="Ordre"/>), independent of the order the candidates are given in. The demand of a legal entity that sublets (CCH L442-8-1),
/// proposed by its number (it is not in the file's pre-selection), is judged on its wishes only: the household checks are « sans objet »
/// (<see cref="SansObjetPersonneMorale"/>, docs/personne-morale.md).
/// </summary>
public static class Preselection
{
    /// <summary>Why the household checks do not apply to the demand of a legal entity (CCH L442-8-1, R441-1 2°).</summary>
    public const string SansObjetPersonneMorale = "Personne morale (article L442-8-1 du CCH) : ménage, catégorie, plafond de ressources, taille et quartile sans objet "
        + "— les conditions de ressources s'appliquent à chaque sous-locataire (article R441-1, 2°).";

    /// <summary>Score descending (no score last), deposit date ascending, number ascending (ordinal).</summary>
    public static readonly IComparer<CandidatResume> Ordre = Comparer<CandidatResume>.Create((a, b) =>
    {
        var c = (b.Cotation ?? int.MinValue).CompareTo(a.Cotation ?? int.MinValue);
        if (c != 0) return c;
        c = a.DateDepot.CompareTo(b.DateDepot);
        return c != 0 ? c : string.CompareOrdinal(a.Numero, b.Numero);
    });

    /// <summary>
    /// Ranks <paramref name="candidats"/> by <see cref="Ordre"/> and keeps the first <paramref name="limite"/> retained and, among the demands
    /// ranked before the last of them, the first <paramref name="exclusMax"/> excluded (the nearest misses: a demand ranked after every
    /// candidate retained is no near miss). <see cref="ResultatPreselection.Complete"/> is true when the retained list is full (a longer
    /// input cannot change either list if it only adds demands later in the order).
    /// </summary>
    public static ResultatPreselection Classer(LogementAPourvoir logement, IEnumerable<CandidatResume> candidats, ParametresPreselection parametres,
        int limite, int exclusMax, bool voitDonneesRestreintes)
    {
        ArgumentNullException.ThrowIfNull(candidats);
        var retenues = new List<LignePreselection>();
        var exclues = new List<LignePreselection>();
        foreach (var c in candidats.Order(Ordre))
        {
            if (retenues.Count >= limite) break;
            var ligne = Evaluer(logement, c, parametres, voitDonneesRestreintes);
            if (ligne.Retenue) retenues.Add(ligne);
            else if (exclues.Count < exclusMax) exclues.Add(ligne);
        }
        return new ResultatPreselection(retenues, exclues, retenues.Count >= limite);
    }

    /// <summary>
    /// Whether a demand is excluded from the dwelling whatever the rest of its content, from two facts the pre-selection index keeps of it:
    /// the number of persons to house and the maximum rent wished (none: no maximum). The checks are those of <see cref="Evaluer"/> (rent and
    /// charges above the maximum; size not suited, or not checkable): a demand this says true for is an excluded line there too, so a reader
    /// may skip loading its content when it needs no more excluded lines. <see cref="Evaluer"/> still judges every demand it is given.
    /// </summary>
    public static bool ExclueParSonResume(LogementAPourvoir logement, ParametresPreselection parametres, int nombrePersonnes, decimal? loyerMaximum)
    {
        ArgumentNullException.ThrowIfNull(logement);
        ArgumentNullException.ThrowIfNull(parametres);
        if (loyerMaximum is { } max && DepasseLoyerMaximum(logement, max)) return true;
        var taille = Taille(logement, nombrePersonnes, parametres);
        return !taille.EstReussi || !taille.Valeur.EstAdapte;
    }

    private static bool DepasseLoyerMaximum(LogementAPourvoir logement, decimal maximum) => logement.Quittance > maximum;

    private static Resultat<AdequationLogement> Taille(LogementAPourvoir logement, int nombrePersonnes, ParametresPreselection parametres) =>
        AdequationLogement.Evaluer(logement.NombrePieces, logement.SurfaceHabitable, nombrePersonnes, parametres.Normes);

    /// <summary>
    /// Judges one demand for the dwelling: every reason it is there, every reason it is not. Priority situations that are restricted
    /// (<see cref="CriteresPrioritaires.EstSensible"/>) are named only when <paramref name="voitDonneesRestreintes"/>.
    /// </summary>
    public static LignePreselection Evaluer(LogementAPourvoir logement, CandidatResume c, ParametresPreselection parametres, bool voitDonneesRestreintes)
    {
        ArgumentNullException.ThrowIfNull(logement);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(parametres);
        var motifs = new List<string>();
        var exclusions = new List<string>();
        if (!c.Active) exclusions.Add("La demande n'est pas active.");

        if (c.ToutEpci) motifs.Add("Souhaite toute l'intercommunalité.");
        else if (c.Communes.Contains(logement.Commune)) motifs.Add($"Souhaite {logement.NomCommune}.");
        else exclusions.Add($"Ne souhaite pas {logement.NomCommune}.");

        if (c.Typologies.Contains(logement.Typologie)) motifs.Add($"Souhaite un {logement.Typologie.Libelle()}.");
        else exclusions.Add($"Souhaite {string.Join(" ou ", c.Typologies.Select(t => t.Libelle()))}, pas un {logement.Typologie.Libelle()}.");

        if (c.LoyerMaximum is { } max)
        {
            if (!DepasseLoyerMaximum(logement, max)) motifs.Add($"Loyer et charges ({TexteFr.Euros(logement.Quittance)}) dans le maximum souhaité ({TexteFr.Euros(max)}).");
            else exclusions.Add($"Loyer et charges ({TexteFr.Euros(logement.Quittance)}) au-dessus du maximum souhaité ({TexteFr.Euros(max)}).");
        }

        int? personnes = null;
        string? categorie = null;
        decimal? taux = null, resteParUc = null, revenuParUc = null;
        string? objectif = null;
        if (c.PersonneMorale)
        {
            // R441-1 2°: the landlord lets to the legal entity for it to house persons who meet the income and residence conditions; those are
            // checked for each sublessee, not here. No household, so no category, size, effort rate nor quartile (docs/personne-morale.md).
            motifs.Add(SansObjetPersonneMorale);
        }
        else if (c.Menage is not { } menage)
        {
            exclusions.Add("Le ménage ne peut pas être décrit (date de naissance à corriger) : ressources et taille non vérifiables.");
        }
        else
        {
            personnes = menage.NombrePersonnes;
            var decision = parametres.Moteur.VerifierEligibilite(parametres.AnneePlafonds, logement.Zone, logement.Financement, menage);
            categorie = decision.Categorie.Libelle;
            var fin = logement.Financement.Libelle();
            switch (decision.Statut)
            {
                case StatutEligibilite.Eligible:
                    motifs.Add($"Ressources ({TexteFr.Euros(decision.RevenuRetenu!.Value)}) sous le plafond {fin} {parametres.AnneePlafonds} de la {categorie} ({TexteFr.Euros(decision.Plafond!.Montant)}).");
                    break;
                case StatutEligibilite.NonEligible:
                    exclusions.Add($"Ressources ({TexteFr.Euros(decision.RevenuRetenu!.Value)}) au-dessus du plafond {fin} {parametres.AnneePlafonds} de la {categorie} ({TexteFr.Euros(decision.Plafond!.Montant)}).");
                    break;
                default:
                    exclusions.Add(decision.RevenuRetenu is null
                        ? "Revenu fiscal de référence non renseigné : la condition de ressources ne peut pas être vérifiée."
                        : $"Aucun plafond {fin} {parametres.AnneePlafonds} connu pour cette zone : la condition de ressources ne peut pas être vérifiée.");
                    break;
            }

            var taille = Taille(logement, menage.NombrePersonnes, parametres);
            if (!taille.EstReussi) exclusions.Add("La taille du logement n'est pas connue : l'adéquation au ménage ne peut pas être vérifiée.");
            else if (taille.Valeur.EstAdapte) motifs.AddRange(taille.Valeur.Constats);
            else exclusions.AddRange(taille.Valeur.Constats);

            var depense = DepenseLogement.Creer(logement.Loyer, logement.Charges, 0m);
            if (depense.EstReussi)
            {
                var t = TauxEffort.Calculer(depense.Valeur, c.RessourcesMensuelles);
                if (t.EstReussi) taux = t.Valeur.Valeur;
                var r = ResteAVivre.Calculer(depense.Valeur, c.RessourcesMensuelles, menage, parametres.Echelle);
                if (r.EstReussi) resteParUc = r.Valeur.ParUcParMois;
            }
            revenuParUc = parametres.Echelle.RevenuParUc(menage, c.RessourcesMensuelles * 12m);
            if (parametres.SeuilPremierQuartile is { } seuil)
            {
                var q1 = revenuParUc < seuil;
                // The objective a lease would serve (L441-1): outside QPV, households of the first quartile; in a QPV, the others.
                objectif = (logement.EnQpv, q1) switch
                {
                    (false, true) => $"Hors QPV : ménage du premier quartile ({TexteFr.Euros(revenuParUc.Value)} par UC et par an, sous le seuil {parametres.AnneeSeuil} de {TexteFr.Euros(seuil)}).",
                    (true, false) => $"En QPV : ménage hors premier quartile ({TexteFr.Euros(revenuParUc.Value)} par UC et par an, seuil {parametres.AnneeSeuil} de {TexteFr.Euros(seuil)}).",
                    _ => null,
                };
            }
        }

        foreach (var p in c.Priorites)
        {
            var nom = p.Critere.EstSensible() && !voitDonneesRestreintes ? "situation à accès restreint" : p.Critere.Libelle();
            motifs.Add($"Ménage prioritaire ({nom}, validée sur pièce).");
        }
        return new LignePreselection(c, motifs, exclusions, personnes, categorie, taux, resteParUc, revenuParUc, c.Priorites.Count > 0, c.Dalo, objectif);
    }
}
