using Logis.Domain.Commun;
using Logis.Domain.Statistiques;
using Logis.Domain.Territoire;

namespace Logis.Domain.Mixite;

/// <summary>
/// One signed lease as the social-mix monitoring reads it (a projection of <see cref="Attributions.Attribution"/>): only attributions followed by
/// a signed lease count (L441-1), each in the civil year of its signature. <see cref="RelogementRenouvellement"/>: the household was rehoused by an
/// urban-renewal operation or an ORCOD (the vacancy's reason out of the flux). <see cref="PersonneMorale"/>: the lease is signed with a legal
/// entity that sublets (CCH L442-8-1), not with a household (<see cref="IndicateursMixite.BauxDeMenages"/>).
/// </summary>
public sealed record LigneSuivi(DateOnly Date, BailleurId Bailleur, ReservataireId? Reservataire, CodeInsee Commune, bool EnQpv, decimal? RevenuParUc,
    bool Prioritaire, bool Dalo, bool Mutation, CodeInsee? CommuneAvant, bool RelogementRenouvellement, bool PersonneMorale = false);

/// <summary>
/// How far an objective is reached over a set of leases, every figure under the statistical secret (<see cref="SecretStatistique"/>): the
/// leases of the objective's perimeter (<see cref="Baux"/>), those that serve it (<see cref="Atteint"/>, masked with its complement), the rate
/// achieved, the leases still needed to reach the target rate on the leases signed so far (<see cref="Manquant"/>), and
/// <see cref="Alerte"/> when the rate is below the target on at least 5 leases.
/// </summary>
public sealed record MesureObjectif(int? Baux, int? Atteint, decimal? TauxAtteint, int? Manquant, bool Alerte);

/// <summary>The cumulative leases and rate at the end of a month of the year (the trajectory of an objective); the count is masked when the month added 1 to 4.</summary>
public sealed record PointTrajectoire(int Mois, int? Baux, decimal? TauxCumule);

/// <summary>An objective measured with the mutations included (the legal measure) and excluded, and its monthly trajectory (mutations included).</summary>
public sealed record ResultatObjectif(PorteeObjectif Objectif, bool SeuilManquant, MesureObjectif AvecMutations, MesureObjectif SansMutations,
    IReadOnlyList<PointTrajectoire> Trajectoire);

/// <summary>The leases of a group (a bailleur, a réservataire, a commune, QPV or not, a month) and their social-mix rates, masked under 5.</summary>
public sealed record LigneRepartition(string Cle, int? Baux, int? BauxHorsQpv, decimal? TauxQ1HorsQpv, int? BauxEnQpv, decimal? TauxHorsQ1EnQpv,
    decimal? TauxPrioritaires, decimal? TauxMutations);

/// <summary>
/// The quartile mix of the leases in or outside QPV: first quartile, other quartiles, unknown (income unreadable or threshold missing), and the
/// households rehoused by an urban-renewal operation or an ORCOD whatever their quartile (<see cref="RelogementsRenouvellement"/>, not a part of
/// the total: they are also counted in their quartile).
/// </summary>
public sealed record MelangeQuartiles(bool EnQpv, int? Baux, int? PremierQuartile, int? AutresQuartiles, int? Inconnu, int? RelogementsRenouvellement);

/// <summary>
/// Active demands as the communal-preference indicator reads them: where the household lives, the communes it wishes, and how many demands
/// share both (<see cref="Nombre"/>: 1 for one demand; the application counts the demands by group in the database).
/// </summary>
public sealed record DemandeLocale(CodeInsee? Residence, IReadOnlyCollection<CodeInsee> Souhaits, int Nombre = 1);

/// <summary>
/// The communal-preference indicator of a commune: the share of its leases signed by households already living in it, against the share of the
/// active demands naming it that come from households living in it; <see cref="Ecart"/> (in points) is positive when the commune's own residents
/// get more of its leases than their weight in its demand.
/// </summary>
public sealed record PreferenceCommunale(CodeInsee Commune, int? Baux, decimal? PartBauxResidents, int? Demandes, decimal? PartDemandesResidents, decimal? Ecart);

/// <summary>
/// The social-mix indicators of the CIA (docs/regles/01-mixite-sociale.md §1.4 and §1.7, docs/mixite.md): pure computations over the leases of a
/// year, the threshold of that year and the objectives. The leases of an objective's perimeter are those of its bailleur, commune and réservataire
/// (each when set), outside QPV for the first-quartile objective, in QPV for the other-quartiles one, all for the priority one.
/// </summary>
public static class IndicateursMixite
{
    /// <summary>
    /// The leases the indicators read, those signed with households, and how many were signed with legal entities that sublet (CCH L442-8-1).
    /// Team choice (docs/mixite.md): the objectives of L441-1 count attributions to households by quartile and priority; a legal entity has no
    /// household, so no quartile, and its sublessees are not known to Logis — its leases are counted apart, in no objective, mix or table
    /// (not even as « quartile inconnu », which would lower the rates of the perimeter).
    /// </summary>
    public static (IReadOnlyList<LigneSuivi> Menages, int PersonnesMorales) BauxDeMenages(IEnumerable<LigneSuivi> lignes)
    {
        ArgumentNullException.ThrowIfNull(lignes);
        var menages = new List<LigneSuivi>();
        var morales = 0;
        foreach (var l in lignes)
        {
            if (l.PersonneMorale) morales++;
            else menages.Add(l);
        }
        return (menages, morales);
    }

    /// <summary>The lease is in the perimeter of the objective.</summary>
    public static bool DansPerimetre(PorteeObjectif o, LigneSuivi l)
    {
        ArgumentNullException.ThrowIfNull(o);
        ArgumentNullException.ThrowIfNull(l);
        if (o.Bailleur is { } b && l.Bailleur != b) return false;
        if (o.Commune is { } c && l.Commune != c) return false;
        if (o.Reservataire is { } r && l.Reservataire != r) return false;
        return o.Nature switch
        {
            NatureObjectif.PremierQuartileHorsQpv => !l.EnQpv,
            NatureObjectif.AutresQuartilesEnQpv => l.EnQpv,
            _ => true,
        };
    }

    /// <summary>
    /// The lease serves the objective: a first-quartile household, or one rehoused by an urban-renewal operation or an ORCOD, outside QPV (L441-1);
    /// an other-quartiles household in QPV; a DALO or priority household. A household whose quartile is unknown serves neither quartile objective
    /// (Logis does not guess) unless it is such a rehousing.
    /// </summary>
    public static bool Sert(NatureObjectif nature, LigneSuivi l, decimal? seuil)
    {
        ArgumentNullException.ThrowIfNull(l);
        return nature switch
        {
            NatureObjectif.PremierQuartileHorsQpv => l.RelogementRenouvellement || ClassementQuartile.Classer(l.RevenuParUc, seuil) == QuartileRevenu.Premier,
            NatureObjectif.AutresQuartilesEnQpv => ClassementQuartile.Classer(l.RevenuParUc, seuil) == QuartileRevenu.Autres,
            _ => l.Prioritaire || l.Dalo,
        };
    }

    /// <summary>The measure of a target rate over <paramref name="baux"/> leases of which <paramref name="atteint"/> serve it.</summary>
    public static MesureObjectif Mesure(decimal taux, int baux, int atteint)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(atteint);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(atteint, baux);
        var diffusable = SecretStatistique.Diffusable(baux) && SecretStatistique.Diffusable(atteint) && SecretStatistique.Diffusable(baux - atteint);
        var manquant = Math.Max(0, (int)decimal.Ceiling(taux * baux / 100m) - atteint);
        return new MesureObjectif(SecretStatistique.Compte(baux), diffusable ? atteint : null, SecretStatistique.Taux(atteint, baux),
            diffusable ? manquant : null, baux >= SecretStatistique.Seuil && atteint * 100m < taux * baux);
    }

    /// <summary>
    /// Measures an objective over the leases of the year: with and without mutations, and month by month up to <paramref name="dernierMois"/>
    /// (12 for a past year, the current month for the current one). A quartile objective without the threshold of the year is not measured
    /// (<see cref="ResultatObjectif.SeuilManquant"/>).
    /// </summary>
    public static ResultatObjectif Mesurer(PorteeObjectif objectif, IReadOnlyCollection<LigneSuivi> lignes, decimal? seuil, int dernierMois)
    {
        ArgumentNullException.ThrowIfNull(objectif);
        ArgumentNullException.ThrowIfNull(lignes);
        ArgumentOutOfRangeException.ThrowIfLessThan(dernierMois, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(dernierMois, 12);
        var manquant = seuil is null && objectif.Nature != NatureObjectif.PrioritairesEtDalo;
        // One pass over the leases: those of the perimeter and those that serve the objective, by month of signature, mutations apart.
        var bauxMois = new int[13];
        var sertMois = new int[13];
        var (bauxSansMutations, sertSansMutations) = (0, 0);
        foreach (var l in lignes)
        {
            if (!DansPerimetre(objectif, l)) continue;
            var sert = !manquant && Sert(objectif.Nature, l, seuil);
            bauxMois[l.Date.Month]++;
            if (sert) sertMois[l.Date.Month]++;
            if (l.Mutation) continue;
            bauxSansMutations++;
            if (sert) sertSansMutations++;
        }
        var (baux, atteint) = (bauxMois.Sum(), sertMois.Sum());
        var vide = new MesureObjectif(null, null, null, null, false);
        if (manquant)
            return new ResultatObjectif(objectif, true, vide with { Baux = SecretStatistique.Compte(baux) }, vide with { Baux = SecretStatistique.Compte(bauxSansMutations) }, []);
        var trajectoire = new List<PointTrajectoire>(dernierMois);
        var (cumul, cumulSert) = (0, 0);
        for (var m = 1; m <= dernierMois; m++)
        {
            cumul += bauxMois[m];
            cumulSert += sertMois[m];
            // A cumulative count is masked when the month added 1 to 4 leases (the difference with the month before would show them).
            trajectoire.Add(new PointTrajectoire(m, SecretStatistique.Diffusable(bauxMois[m]) ? SecretStatistique.Compte(cumul) : null, SecretStatistique.Taux(cumulSert, cumul)));
        }
        return new ResultatObjectif(objectif, false, Mesure(objectif.Taux, baux, atteint), Mesure(objectif.Taux, bauxSansMutations, sertSansMutations), trajectoire);
    }

    /// <summary>
    /// The objectives to measure for a year: those the CIA set and, for each nature it set none of, the legal one — each quartile objective for
    /// the whole EPCI, the priority objective for the whole EPCI and for each réservataire that has leases in the year (L441-1: « sur chacun des
    /// ensembles »), the landlords' own contingents included. Ordered by nature, the EPCI's before the narrower ones.
    /// </summary>
    public static IReadOnlyList<PorteeObjectif> Objectifs(IReadOnlyCollection<ObjectifMixite> cia, IEnumerable<LigneSuivi> lignes)
    {
        ArgumentNullException.ThrowIfNull(cia);
        ArgumentNullException.ThrowIfNull(lignes);
        var reservataires = lignes.Select(l => l.Reservataire).OfType<ReservataireId>().Distinct().OrderBy(r => r.Value).ToList();
        var resultat = new List<PorteeObjectif>();
        foreach (var nature in NaturesObjectif.Toutes)
        {
            var fixes = cia.Where(o => o.Nature == nature).ToList();
            if (fixes.Count > 0)
            {
                resultat.AddRange(fixes.OrderBy(o => o.BailleurId is null ? 0 : 1).ThenBy(o => o.BailleurId?.Value).ThenBy(o => o.CommuneInsee?.Value)
                    .ThenBy(o => o.ReservataireId?.Value).Select(o => o.Portee()));
                continue;
            }
            resultat.Add(new PorteeObjectif(nature, nature.TauxLegal(), null, null, null, Legal: true));
            if (nature == NatureObjectif.PrioritairesEtDalo)
                resultat.AddRange(reservataires.Select(r => new PorteeObjectif(nature, nature.TauxLegal(), null, null, r, Legal: true)));
        }
        return resultat;
    }

    /// <summary>
    /// The counts of a sum whose total is shown, each null when masked by the secondary suppression of <see cref="MasquageSecondaire"/> (the one
    /// rule of the public statistics too): a count of 1 to 4 is masked and, when it is the only masked part, the smallest other non-zero part is
    /// masked as well.
    /// </summary>
    public static int?[] MasquerParties(IReadOnlyList<int> parties)
    {
        var masque = MasquageSecondaire.Masquer(parties);
        return [.. parties.Select((n, i) => masque[i] ? null : (int?)n)];
    }

    /// <summary>
    /// The leases grouped by <paramref name="cle"/>, each group with its social-mix rates (groups in key order); the counts of leases of the groups
    /// (whose total is shown) and, within each group, outside and in QPV get the secondary suppression of <see cref="MasquerParties"/>.
    /// </summary>
    public static IReadOnlyList<LigneRepartition> Repartir(IEnumerable<LigneSuivi> lignes, Func<LigneSuivi, string> cle, decimal? seuil)
    {
        ArgumentNullException.ThrowIfNull(lignes);
        ArgumentNullException.ThrowIfNull(cle);
        var groupes = lignes.GroupBy(cle).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => g.ToList()).ToList();
        var baux = MasquerParties([.. groupes.Select(g => g.Count)]);
        var horsQpv = MasquerParties([.. groupes.Select(g => g.Count(l => !l.EnQpv))]);
        var enQpv = MasquerParties([.. groupes.Select(g => g.Count(l => l.EnQpv))]);
        return [.. groupes.Select((g, i) =>
        {
            var ligne = Groupe(cle(g[0]), g, seuil);
            var masque = ligne.BauxHorsQpv is null || ligne.BauxEnQpv is null;
            return ligne with
            {
                Baux = baux[i] is null ? null : ligne.Baux,
                BauxHorsQpv = masque || horsQpv[i] is null ? null : ligne.BauxHorsQpv,
                BauxEnQpv = masque || enQpv[i] is null ? null : ligne.BauxEnQpv,
            };
        })];
    }

    /// <summary>The social-mix rates of one group of leases (outside and in QPV masked together when either is 1 to 4: the group total is shown).</summary>
    public static LigneRepartition Groupe(string cle, IReadOnlyCollection<LigneSuivi> g, decimal? seuil)
    {
        ArgumentNullException.ThrowIfNull(g);
        var horsQpv = g.Where(l => !l.EnQpv).ToList();
        var enQpv = g.Where(l => l.EnQpv).ToList();
        var parties = MasquerParties([horsQpv.Count, enQpv.Count]);
        return new LigneRepartition(cle, SecretStatistique.Compte(g.Count),
            parties[0], seuil is null ? null : SecretStatistique.Taux(horsQpv.Count(l => Sert(NatureObjectif.PremierQuartileHorsQpv, l, seuil)), horsQpv.Count),
            parties[1], seuil is null ? null : SecretStatistique.Taux(enQpv.Count(l => Sert(NatureObjectif.AutresQuartilesEnQpv, l, seuil)), enQpv.Count),
            SecretStatistique.Taux(g.Count(l => l.Prioritaire || l.Dalo), g.Count), SecretStatistique.Taux(g.Count(l => l.Mutation), g.Count));
    }

    /// <summary>The quartile mix of the leases outside and in QPV (the three parts of each total with the secondary suppression).</summary>
    public static IReadOnlyList<MelangeQuartiles> Melange(IReadOnlyCollection<LigneSuivi> lignes, decimal? seuil)
    {
        ArgumentNullException.ThrowIfNull(lignes);
        return [.. new[] { false, true }.Select(qpv =>
        {
            var zone = lignes.Where(l => l.EnQpv == qpv).ToList();
            var q = zone.Select(l => ClassementQuartile.Classer(l.RevenuParUc, seuil)).ToList();
            var parties = MasquerParties([q.Count(x => x == QuartileRevenu.Premier), q.Count(x => x == QuartileRevenu.Autres), q.Count(x => x is null)]);
            var relogements = zone.Count(l => l.RelogementRenouvellement);
            // The rehousings are shown with their complement in the zone: both must be diffusable (a subtraction from the total would give them).
            var diffusable = SecretStatistique.Diffusable(relogements) && SecretStatistique.Diffusable(zone.Count - relogements);
            return new MelangeQuartiles(qpv, SecretStatistique.Compte(q.Count), parties[0], parties[1], parties[2], diffusable ? relogements : null);
        })];
    }

    /// <summary>The communal-preference indicator of each commune (in the order given).</summary>
    public static IReadOnlyList<PreferenceCommunale> Preference(IEnumerable<CodeInsee> communes, IReadOnlyCollection<LigneSuivi> lignes, IReadOnlyCollection<DemandeLocale> demandes)
    {
        ArgumentNullException.ThrowIfNull(communes);
        ArgumentNullException.ThrowIfNull(lignes);
        ArgumentNullException.ThrowIfNull(demandes);
        return [.. communes.Select(c =>
        {
            var baux = lignes.Where(l => l.Commune == c).ToList();
            var dem = demandes.Where(d => d.Souhaits.Contains(c)).ToList();
            var nombre = dem.Sum(d => d.Nombre);
            var partBaux = SecretStatistique.Taux(baux.Count(l => l.CommuneAvant == c), baux.Count);
            var partDemandes = SecretStatistique.Taux(dem.Where(d => d.Residence == c).Sum(d => d.Nombre), nombre);
            return new PreferenceCommunale(c, SecretStatistique.Compte(baux.Count), partBaux, SecretStatistique.Compte(nombre), partDemandes,
                partBaux is { } pb && partDemandes is { } pd ? pb - pd : null);
        })];
    }
}
