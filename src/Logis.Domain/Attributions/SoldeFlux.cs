using System.Globalization;
using Logis.Domain.Commun;
using Logis.Domain.Organisations;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;

namespace Logis.Domain.Attributions;

/// <summary>A vacancy as the flux counts it: where it is, what it is, and to whom it went (null: not yet oriented).</summary>
public sealed record VacanceFlux(CodeInsee Commune, Typologie Typologie, bool EnQpv, ReservataireId? Reservataire);

/// <summary>A réservataire that may receive a bailleur's vacancies: its convention (null for the bailleur's own contingent).</summary>
public sealed record ParticipantFlux(ReservataireId Id, string Nom, TypeReservataire Type, ConventionReservation? Convention);

/// <summary>How a sub-target of a réservataire stands: received of that kind over received in all, against the target share.</summary>
public sealed record SoldeSousObjectif(SousObjectif Cible, int Recus, int RecusTotal)
{
    /// <summary>How many of this kind it should have received by now (target share of what it received).</summary>
    public decimal Attendus => Cible.Part / 100m * RecusTotal;
}

/// <summary>
/// One réservataire's running balance in a bailleur's flux of the year: its share of the dwellings that count (<see cref="Du"/>: the sum,
/// over the year's vacancies, of the share that applies where each one is), what it received, and the gap. <see cref="PartIci"/> is its
/// share for the vacancy at hand (0: its convention does not cover that commune).
/// </summary>
public sealed record LigneSolde(ReservataireId Reservataire, string Nom, TypeReservataire Type, decimal PartIci, decimal Du, int Recus,
    IReadOnlyList<SoldeSousObjectif> SousObjectifs)
{
    public decimal Retard => Du - Recus;
    public bool ContingentDuBailleur => Type == TypeReservataire.Bailleur;
}

/// <summary>The suggested réservataire for one vacancy and why, in one French sentence, with every balance it was chosen from.</summary>
public sealed record SuggestionOrientation(ReservataireId Reservataire, string Nom, string Explication, IReadOnlyList<LigneSolde> Soldes);

/// <summary>
/// The running balance of the gestion en flux (R441-5, décret 2020-145): the bailleur orients each vacancy of its flux to a réservataire
/// according to the shares of its conventions; Logis suggests whose turn it is. The rule, in business words:
/// <list type="bullet">
/// <item>a vacancy is due to a réservataire in proportion of its share where the dwelling is: a territory-wide convention everywhere, a
/// commune's convention in that commune only; the bailleur's own contingent takes what the conventions leave (100 % minus the shares
/// that apply there);</item>
/// <item>what is due so far this year (including the vacancy at hand) minus what was received is each one's lag; the vacancy goes to the
/// greatest lag, to which is added, for a sub-target the vacancy serves (typology, QPV or not, commune), the lag on that sub-target;
/// ties go to the greater share, then to the name (deterministic);</item>
/// <item>a vacancy outside the flux (R441-5 exclusions) stays with the bailleur's own contingent and counts for no one.</item>
/// </list>
/// Since the shares where a dwelling is add up to 100 %, the dues of the year add up to the number of vacancies counted and the
/// received ones to the number oriented.
/// </summary>
public static class SoldeFlux
{
    /// <summary>The share of <paramref name="p"/> for a dwelling in <paramref name="commune"/>, in percent.</summary>
    public static decimal PartPour(ParticipantFlux p, IReadOnlyCollection<ParticipantFlux> tous, CodeInsee commune)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(tous);
        if (p.Convention is { } c) return c.Couvre(commune) ? c.Part : 0m;
        var reserve = tous.Where(x => x.Convention is { } k && k.Couvre(commune)).Sum(x => x.Convention!.Part);
        return Math.Max(0m, 100m - reserve);
    }

    /// <summary>
    /// The balances of the year: <paramref name="orientees"/> are the vacancies of the bailleur that count in this year's flux and were
    /// oriented; <paramref name="enPlus"/>, when given, is the vacancy at hand, counted in the dues (not in the received).
    /// </summary>
    public static IReadOnlyList<LigneSolde> Soldes(IReadOnlyList<ParticipantFlux> participants, IReadOnlyCollection<VacanceFlux> orientees, VacanceFlux? enPlus)
    {
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(orientees);
        var comptees = enPlus is null ? orientees : [.. orientees, enPlus];
        return [.. participants.Select(p =>
        {
            var recues = orientees.Where(v => v.Reservataire == p.Id).ToList();
            var du = comptees.Sum(v => PartPour(p, participants, v.Commune)) / 100m;
            var sous = (p.Convention?.SousObjectifs ?? []).Select(s => new SoldeSousObjectif(s, recues.Count(v => s.Concerne(v.Commune, v.Typologie, v.EnQpv)), recues.Count)).ToList();
            return new LigneSolde(p.Id, p.Nom, p.Type, enPlus is null ? 0m : PartPour(p, participants, enPlus.Commune), du, recues.Count, sous);
        })];
    }

    /// <summary>The réservataire whose turn it is for <paramref name="vacance"/>, and why.</summary>
    public static SuggestionOrientation Suggerer(IReadOnlyList<ParticipantFlux> participants, IReadOnlyCollection<VacanceFlux> orientees, VacanceFlux vacance,
        MotifHorsFlux? horsFlux, int annee, Func<string, string> nomCommune)
    {
        ArgumentNullException.ThrowIfNull(participants);
        ArgumentNullException.ThrowIfNull(vacance);
        ArgumentNullException.ThrowIfNull(nomCommune);
        var propre = participants.Single(p => p.Type == TypeReservataire.Bailleur);
        var soldes = Soldes(participants, orientees, vacance);
        if (horsFlux is { } motif)
            return new(propre.Id, propre.Nom, $"Vacance hors flux ({motif.Libelle()}, article R441-5 du CCH) : elle reste au contingent propre du bailleur et ne compte pour aucun réservataire.", soldes);

        var candidats = soldes.Where(s => s.PartIci > 0).Select(s => (Solde: s, Bonus: Bonus(s, vacance))).ToList();
        if (candidats.Count == 0) candidats = [(soldes.Single(s => s.Reservataire == propre.Id), 0m)];
        var choix = candidats.OrderByDescending(c => c.Solde.Retard + c.Bonus).ThenByDescending(c => c.Solde.PartIci)
            .ThenBy(c => c.Solde.Nom, StringComparer.Ordinal).First();
        return new(choix.Solde.Reservataire, choix.Solde.Nom, Expliquer(choix.Solde, choix.Bonus, vacance, annee, nomCommune, candidats.Count), soldes);
    }

    /// <summary>The lag on the sub-targets this vacancy serves: what receiving it would catch up.</summary>
    private static decimal Bonus(LigneSolde s, VacanceFlux v) =>
        s.SousObjectifs.Where(x => x.Cible.Concerne(v.Commune, v.Typologie, v.EnQpv))
            .Sum(x => Math.Max(0m, x.Cible.Part / 100m * (x.RecusTotal + 1) - x.Recus));

    private static string Expliquer(LigneSolde s, decimal bonus, VacanceFlux v, int annee, Func<string, string> nomCommune, int nombre)
    {
        static string N(decimal x) => x.ToString("0.##", CultureInfo.GetCultureInfo("fr-FR"));
        var part = s.ContingentDuBailleur ? $"ce qui reste du flux après les conventions, soit {N(s.PartIci)} % ici" : $"{N(s.PartIci)} % du flux";
        var recus = s.Recus <= 1 ? $"{s.Recus} logement reçu" : $"{s.Recus} logements reçus";
        var phrase = $"Au tour de {s.Nom} : {recus} depuis le 1er janvier {annee} pour {N(s.Du)} dû(s) en comptant celui-ci ({part})";
        phrase += nombre == 1 ? ", seul à pouvoir le recevoir ici."
            : s.Retard > 0 && bonus == 0 ? $", soit le plus grand retard ({N(s.Retard)})."
            : s.Retard > 0 ? $", soit un retard de {N(s.Retard)}."
            : bonus > 0 ? " : il est à jour sur sa part."
            : ", soit l'avance la plus faible : tous les réservataires sont à jour.";
        var servies = s.SousObjectifs.Where(x => x.Cible.Concerne(v.Commune, v.Typologie, v.EnQpv) && x.Recus < x.Cible.Part / 100m * (x.RecusTotal + 1)).ToList();
        if (bonus > 0 && servies.Count > 0)
        {
            var c = servies[0];
            phrase += $" Ce logement l'aide aussi à tenir sa cible « {c.Cible.Libelle(nomCommune)} » ({N(c.Cible.Part)} % de ses logements : {c.Recus} sur {c.RecusTotal} jusqu'ici).";
        }
        return phrase;
    }
}
