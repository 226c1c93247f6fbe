using System.Globalization;
using Logis.Application.Acces;
using Logis.Application.Attributions;
using Logis.Domain.Acces;
using Logis.Domain.Attributions;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Eligibilite;
using Logis.Domain.Mixite;
using Logis.Domain.Patrimoine;
using Logis.Domain.Statistiques;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Demandes;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Mixite;

/// <summary>A first-quartile threshold as pages and the API show it.</summary>
public sealed record SeuilVue(int Annee, decimal Montant, string Source, bool Demonstration, DateTimeOffset DefiniLe)
{
    public static SeuilVue De(SeuilPremierQuartile s) => new(s.Annee, s.Montant, s.Source, s.Demonstration, s.DefiniLe);
}

/// <summary>The thresholds of the EPCI, the official value of <see cref="Annee"/> (if entered) and Logis's own estimate for that year.</summary>
public sealed record SeuilsVue(int Annee, SeuilVue? Officiel, EstimationSeuil Estimation, IReadOnlyList<SeuilVue> Seuils, bool PeutDefinir);

/// <summary>An objective of the CIA as the objectives page lists it.</summary>
public sealed record ObjectifVue(Guid Id, int Annee, string Nature, string Libelle, string Perimetre, decimal Taux, string? Source);

public sealed record Choix(string Valeur, string Libelle);

/// <summary>The objectives of a year and what the form offers (bailleurs, communes, réservataires).</summary>
public sealed record ObjectifsVue(int Annee, IReadOnlyList<ObjectifVue> Objectifs, bool PeutDefinir, IReadOnlyList<Choix> Bailleurs, IReadOnlyList<Choix> Communes,
    IReadOnlyList<Choix> Reservataires);

/// <summary>An objective as entered (page, API, CLI): nature code, year, rate, optional bailleur / commune / réservataire ids, source.</summary>
public sealed record SaisieObjectif(string? Annee, string? Nature, string? Taux, string? Bailleur, string? Commune, string? Reservataire, string? Source);

/// <summary>The measure of an objective with the mutations excluded.</summary>
public sealed record MesureVue(int? Baux, decimal? TauxAtteint, int? NombreAtteint, int? NombreManquant, bool Alerte);

/// <summary>
/// One objective measured (<c>GET /api/v1/mixite/indicateurs</c>): its target (<see cref="Cible"/>, %), the rate achieved, the count achieved and
/// the count still needed on the leases signed so far (mutations included, the legal measure), the same without mutations, the monthly trajectory.
/// Null figures are masked (fewer than 5 households) or not measurable (threshold of the year missing).
/// </summary>
public sealed record IndicateurObjectif(string Nature, string Libelle, string Perimetre, string? Bailleur, string? CommuneInsee, string? Commune, string? Reservataire,
    bool Legal, decimal Cible, int? Baux, decimal? TauxAtteint, int? NombreAtteint, int? NombreManquant, bool Alerte, bool SeuilManquant, MesureVue SansMutations,
    IReadOnlyList<PointTrajectoire> Trajectoire);

/// <summary>The threshold the quartiles of the year were computed with.</summary>
public sealed record SeuilAnnee(int Annee, decimal? Montant, string? Source, bool Demonstration, string? Avertissement);

public sealed record Repartition(string Dimension, string Titre, IReadOnlyList<LigneRepartition> Lignes);

/// <summary>The quartile mix of the leases in or outside QPV, and the households rehoused by an urban-renewal operation or an ORCOD (any quartile).</summary>
public sealed record MelangeVue(string Situation, int? Baux, int? PremierQuartile, int? AutresQuartiles, int? Inconnu, int? RelogementsRenouvellement);

public sealed record PreferenceVue(string CommuneInsee, string Commune, int? Baux, decimal? PartBauxResidents, int? Demandes, decimal? PartDemandesResidents, decimal? Ecart);

/// <summary>
/// Tension and waiting time of one commune × typology of the territory (commune null: the whole EPCI; typology null: every typology), computed by
/// the rules of the public statistics (<see cref="TableauStatistiques"/>) on the demands active on <see cref="IndicateursVue.DemandesActivesLe"/> and the
/// leases signed in the year. Null: masked (statistical secret) or not computable.
/// </summary>
public sealed record TensionVue(string? CommuneInsee, string Commune, string? Typologie, int? DemandesActives, int? Baux, decimal? Tension,
    decimal? AttenteQ1Mois, decimal? AttenteMedianeMois, decimal? AttenteQ3Mois);

/// <summary>
/// The quartile of a demand at its date (<see cref="ClassementQuartile.DateDeClassement"/>): the household's annual income per UC that day, the
/// threshold of that year and its source, and the quartile (<c>q1</c>, <c>q2-q4</c>) — null when the threshold of the year is missing or the
/// household cannot be read (<see cref="Texte"/> says which).
/// </summary>
public sealed record QuartileDemandeVue(DateOnly Date, int Annee, decimal? RevenuParUc, decimal? Seuil, string? SourceSeuil, bool SeuilDemonstration,
    string? Quartile, string Texte);

/// <summary>
/// The social-mix indicators of a year in the agent's perimeter (docs/mixite.md). <see cref="Baux"/> counts the leases signed with households,
/// the ones every indicator reads; <see cref="BauxPersonnesMorales"/> those signed with legal entities that sublet (CCH L442-8-1), counted
/// apart (<see cref="IndicateursMixite.BauxDeMenages"/>); both masked from 1 to 4.
/// </summary>
public sealed record IndicateursVue(int Annee, string Perimetre, int DernierMois, SeuilAnnee Seuil, int? Baux, IReadOnlyList<IndicateurObjectif> Objectifs,
    IReadOnlyList<MelangeVue> Quartiles, IReadOnlyList<Repartition> Repartitions, IReadOnlyList<PreferenceVue> PreferenceCommunale, string SecretStatistique,
    string Territoire, DateOnly DemandesActivesLe, IReadOnlyList<TensionVue> Tension)
{
    public int? BauxPersonnesMorales { get; init; }
}

/// <summary>
/// The social-mix instruments of the EPCI (issue 15, docs/mixite.md), shared by the pages, the API and the CLI: the first-quartile thresholds and
/// Logis's estimate, the CIA objectives as data, the indicators of a year. Perimeters: the EPCI's agents and the administrators see everything; a
/// commune's agent the whole EPCI and its commune (not the other communes' lines); a bailleur's agent its own leases and objectives; a
/// réservataire's agent those of its contingent. Only the EPCI's agent defines thresholds and objectives.
/// </summary>
public sealed class SuiviMixiteService(LogisDbContext db, TimeProvider horloge)
{
    public const string ActionSeuil = "mixite.seuil";
    public const string ActionObjectif = "mixite.objectif";
    public const string ActionSuppressionObjectif = "mixite.objectif.suppression";

    public static bool PeutDefinir(Role role) => role == Role.AgentEpci;

    private Resultat<int> Annee(string? annee, bool futurePermise)
    {
        var an = horloge.AujourdhuiEnFrance().Year;
        if (!string.IsNullOrWhiteSpace(annee) && (!int.TryParse(annee, NumberStyles.None, CultureInfo.InvariantCulture, out an) || an is < 2017 or > 2100))
            return Resultat.Invalide<int>("L'année est invalide.", new Dictionary<string, string[]> { ["annee"] = ["L'année s'écrit sur quatre chiffres, de 2017 (loi Égalité et citoyenneté) à 2100."] });
        if (!futurePermise && an > horloge.AujourdhuiEnFrance().Year)
            return Resultat.Invalide<int>("L'année est invalide.", new Dictionary<string, string[]> { ["annee"] = ["Les indicateurs portent sur l'année en cours ou une année passée."] });
        return Resultat.Ok(an);
    }

    // ---- Threshold -------------------------------------------------------------------------------------------------------------------------

    /// <summary>The thresholds, the official value of the year and Logis's estimate from the demands active on 31 December of the year before.</summary>
    public async Task<Resultat<SeuilsVue>> SeuilsAsync(Agent agent, string? annee, CancellationToken ct)
    {
        var an = Annee(annee, futurePermise: true);
        if (!an.EstReussi) return Resultat.Echec<SeuilsVue>(an.Probleme);
        var epci = agent.Perimetre.EpciSiren;
        var seuils = await new MixiteService(db, horloge).ListerAsync(epci, ct);
        return Resultat.Ok(new SeuilsVue(an.Valeur, seuils.FirstOrDefault(s => s.Annee == an.Valeur) is { } o ? SeuilVue.De(o) : null,
            await EstimerAsync(epci, an.Valeur, ct), [.. seuils.Select(SeuilVue.De)], PeutDefinir(agent.Role)));
    }

    /// <summary>Logis's estimate of the threshold of <paramref name="annee"/>: the income per UC of the demands active on 31 December before.</summary>
    public async Task<EstimationSeuil> EstimerAsync(Siren epci, int annee, CancellationToken ct)
    {
        var reference = EstimationSeuil.ReferencePour(annee);
        var contenus = await ActivesLe(epci, reference).Select(d => d.Contenu).ToListAsync(ct);
        // A legal entity's demand has no household: it is not an applicant of the quartile (not even an unreadable one).
        return EstimationSeuil.Calculer(reference, contenus.Where(c => !c.EstPersonneMorale).Select(c => RevenuParUc(c, reference)));
    }

    /// <summary>The annual income per UC of a demand's household at a date (the SNE field « revenus mensuels » × 12); null when unreadable.</summary>
    public static decimal? RevenuParUc(ContenuDemande contenu, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(contenu);
        var menage = contenu.Menage(date);
        return menage.EstReussi ? EchelleUnitesConsommation.OcdeModifiee.RevenuParUc(menage.Valeur, contenu.RessourcesMensuelles * 12m) : null;
    }

    /// <summary>The quartile of a demand the agent may read, at its date, against the official threshold of that year (never another year's).</summary>
    public async Task<QuartileDemandeVue> QuartileAsync(Siren epci, Demande demande, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(demande);
        var date = ClassementQuartile.DateDeClassement(horloge.AujourdhuiEnFrance(), demande.DateRadiation);
        var seuil = await db.SeuilsPremierQuartile.AsNoTracking().SingleOrDefaultAsync(s => s.EpciSiren == epci && s.Annee == date.Year, ct);
        var revenu = RevenuParUc(demande.Contenu, date);
        var q = ClassementQuartile.Classer(revenu, seuil?.Montant);
        var fr = CultureInfo.GetCultureInfo("fr-FR");
        string E(decimal m) => m.ToString("N0", fr) + " €";
        var texte = (seuil, revenu, q) switch
        {
            _ when demande.Contenu.EstPersonneMorale => "Sans objet : la demande est celle d'une personne morale qui sous-loue (article L442-8-1 du CCH), sans ménage ; "
                + "le quartile des sous-locataires n'est pas suivi.",
            (null, _, _) => $"Non déterminé : le seuil du premier quartile de {date.Year} n'est pas enregistré (l'intercommunalité le saisit depuis l'arrêté de l'année).",
            (_, null, _) => "Non déterminé : la composition du ménage ne permet pas de calculer son revenu par unité de consommation.",
            ({ } s, { } r, QuartileRevenu.Premier) => $"Premier quartile : {E(r)} par unité de consommation et par an, sous le seuil {s.Annee} de {E(s.Montant)} ({s.Source}).",
            ({ } s, { } r, _) => $"Autres quartiles : {E(r)} par unité de consommation et par an, au moins le seuil {s.Annee} de {E(s.Montant)} ({s.Source}).",
        };
        if (seuil is { Demonstration: true }) texte += " Seuil de démonstration, pas la valeur officielle.";
        return new QuartileDemandeVue(date, date.Year, revenu is { } x ? decimal.Round(x, 0, MidpointRounding.AwayFromZero) : null, seuil?.Montant, seuil?.Source,
            seuil?.Demonstration ?? false, q?.Code(), texte);
    }

    /// <summary>The EPCI's agent enters the official threshold of a year from the ministerial order (journalised).</summary>
    public async Task<Resultat<SeuilVue>> DefinirSeuilAsync(Agent agent, string? annee, string? montant, string? source, CancellationToken ct)
    {
        if (!PeutDefinir(agent.Role)) return Resultat.Interdit<SeuilVue>("Seul l'agent de l'intercommunalité enregistre le seuil du premier quartile.");
        var r = await new MixiteService(db, horloge).DefinirAsync(agent.Perimetre.EpciSiren, annee, montant, source, demonstration: false, ct);
        if (!r.EstReussi) return Resultat.Echec<SeuilVue>(r.Probleme);
        await JournaliserAsync(agent, ActionSeuil, $"Seuil du premier quartile {r.Valeur.Annee} : {r.Valeur.Montant.ToString("0", CultureInfo.InvariantCulture)} € par UC ({r.Valeur.Source})", ct);
        return Resultat.Ok(SeuilVue.De(r.Valeur));
    }

    private async Task JournaliserAsync(Agent agent, string action, string detail, CancellationToken ct)
    {
        var acteur = await Acteurs.DeAsync(db, agent, ct);
        db.Audit.Add(new EntreeAudit
        {
            Quand = horloge.GetUtcNow(), AuteurId = agent.Id, Auteur = agent.Nom, Organisation = acteur.Organisation, Action = action, EpciSiren = agent.Perimetre.EpciSiren,
            Detail = detail.Length > 300 ? detail[..300] : detail,
        });
        await db.SaveChangesAsync(ct);
    }

    // ---- Objectives ------------------------------------------------------------------------------------------------------------------------

    /// <summary>The CIA objectives of a year the agent sees (by default the current year).</summary>
    public async Task<Resultat<ObjectifsVue>> ObjectifsAsync(Agent agent, string? annee, CancellationToken ct)
    {
        var an = Annee(annee, futurePermise: true);
        if (!an.EstReussi) return Resultat.Echec<ObjectifsVue>(an.Probleme);
        var epci = agent.Perimetre.EpciSiren;
        var noms = await Noms.ChargerAsync(db, epci, ct);
        var objectifs = Filtrer(agent, await db.ObjectifsMixite.AsNoTracking().Where(o => o.EpciSiren == epci && o.Annee == an.Valeur).ToListAsync(ct),
            await new VacancesService(db, horloge).ReservatairesDeAsync(agent, ct));
        var vues = objectifs.OrderBy(o => o.Nature).ThenBy(o => o.BailleurId is null ? 0 : 1).ThenBy(o => Perimetre(o.Portee(), noms), StringComparer.Ordinal)
            .Select(o => new ObjectifVue(o.Id.Value, o.Annee, o.Nature.Code(), o.Nature.Libelle(), Perimetre(o.Portee(), noms), o.Taux, o.Source)).ToList();
        var peut = PeutDefinir(agent.Role);
        return Resultat.Ok(new ObjectifsVue(an.Valeur, vues, peut,
            peut ? [.. noms.Bailleurs.OrderBy(x => x.Value, StringComparer.Ordinal).Select(x => new Choix(x.Key.Value.ToString(), x.Value))] : [],
            peut ? [.. noms.Communes.OrderBy(x => x.Value, StringComparer.Ordinal).Select(x => new Choix(x.Key.Value, x.Value))] : [],
            peut ? [.. noms.Reservataires.OrderBy(x => x.Value, StringComparer.Ordinal).Select(x => new Choix(x.Key.Value.ToString(), x.Value))] : []));
    }

    /// <summary>The objectives of the agent's perimeter: all for the EPCI, its own for a bailleur or réservataire, those not of another commune for a commune.</summary>
    private static List<ObjectifMixite> Filtrer(Agent agent, List<ObjectifMixite> objectifs, IReadOnlyList<ReservataireId> siens) => agent.Role switch
    {
        Role.AgentBailleur => [.. objectifs.Where(o => agent.Perimetre.BailleurId is { } b && o.BailleurId == b)],
        Role.AgentReservataire => [.. objectifs.Where(o => o.ReservataireId is { } r && siens.Contains(r))],
        Role.AgentCommune => [.. objectifs.Where(o => o.CommuneInsee is null || o.CommuneInsee == agent.Perimetre.CommuneInsee)],
        _ => objectifs,
    };

    internal static string Perimetre(PorteeObjectif o, Noms noms)
    {
        var parties = new List<string>();
        if (o.Bailleur is { } b) parties.Add(noms.Bailleur(b));
        if (o.Commune is { } c) parties.Add(noms.Commune(c));
        if (o.Reservataire is { } r) parties.Add("contingent " + noms.Reservataire(r));
        return parties.Count == 0 ? "Toute l'intercommunalité" : string.Join(", ", parties);
    }

    /// <summary>Defines (or replaces, same year × nature × perimeter) an objective of the CIA; the EPCI's agent only (journalised).</summary>
    public async Task<Resultat<ObjectifVue>> DefinirObjectifAsync(Agent agent, SaisieObjectif? saisie, CancellationToken ct)
    {
        if (!PeutDefinir(agent.Role)) return Resultat.Interdit<ObjectifVue>("Seul l'agent de l'intercommunalité enregistre les objectifs de la convention intercommunale d'attribution.");
        if (saisie is null) return Resultat.Invalide<ObjectifVue>("Le corps de la requête est vide.");
        var epci = agent.Perimetre.EpciSiren;
        var erreurs = new Dictionary<string, string[]>();
        var an = 0;
        if (!int.TryParse(saisie.Annee, NumberStyles.None, CultureInfo.InvariantCulture, out an)) erreurs["annee"] = ["L'année est un nombre à quatre chiffres (par exemple 2026)."];
        var nature = NaturesObjectif.DeCode(saisie.Nature);
        if (nature is null) erreurs["nature"] = ["Choisissez l'objectif : q1-hors-qpv, hors-q1-en-qpv ou prioritaires."];
        if (!decimal.TryParse(saisie.Taux?.Trim().Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var taux))
            erreurs["taux"] = ["Le taux visé est un pourcentage (par exemple 25 ou 27,5)."];
        else if (taux is <= 0 or > 100) erreurs["taux"] = ["Le taux visé est un pourcentage supérieur à 0 et d'au plus 100."];
        var noms = await Noms.ChargerAsync(db, epci, ct);
        BailleurId? bailleur = null;
        if (!string.IsNullOrWhiteSpace(saisie.Bailleur))
        {
            if (Guid.TryParse(saisie.Bailleur, out var g) && noms.Bailleurs.ContainsKey(new BailleurId(g))) bailleur = new BailleurId(g);
            else erreurs["bailleur"] = ["Ce bailleur n'a pas de patrimoine sur le territoire."];
        }
        CodeInsee? commune = null;
        if (!string.IsNullOrWhiteSpace(saisie.Commune))
        {
            if (CodeInsee.TryCreate(saisie.Commune.Trim(), out var c) && noms.Communes.ContainsKey(c)) commune = c;
            else erreurs["commune"] = ["Cette commune n'est pas membre de l'intercommunalité (code INSEE à 5 caractères)."];
        }
        ReservataireId? reservataire = null;
        if (!string.IsNullOrWhiteSpace(saisie.Reservataire))
        {
            if (Guid.TryParse(saisie.Reservataire, out var g) && noms.Reservataires.ContainsKey(new ReservataireId(g))) reservataire = new ReservataireId(g);
            else erreurs["reservataire"] = ["Ce réservataire n'est pas un réservataire du territoire."];
        }
        if (erreurs.Count > 0) return Resultat.Invalide<ObjectifVue>("L'objectif de mixité comporte des erreurs.", erreurs);
        var objectif = ObjectifMixite.Definir(new ObjectifMixiteId(Guid.NewGuid()), epci, an, nature!.Value, bailleur, commune, reservataire, taux, saisie.Source, horloge.GetUtcNow());
        if (!objectif.EstReussi) return Resultat.Echec<ObjectifVue>(objectif.Probleme);
        var memeAnnee = await db.ObjectifsMixite.Where(o => o.EpciSiren == epci && o.Annee == an).ToListAsync(ct);
        var existant = memeAnnee.FirstOrDefault(o => o.MemePortee(objectif.Valeur));
        if (existant is null) db.ObjectifsMixite.Add(objectif.Valeur);
        else existant.Remplacer(objectif.Valeur);
        var o = existant ?? objectif.Valeur;
        var perimetre = Perimetre(o.Portee(), noms);
        await JournaliserAsync(agent, ActionObjectif, $"Objectif {o.Annee} {o.Nature.Code()} ({perimetre}) : {o.Taux.ToString("0.#", CultureInfo.InvariantCulture)} %", ct);
        return Resultat.Ok(new ObjectifVue(o.Id.Value, o.Annee, o.Nature.Code(), o.Nature.Libelle(), perimetre, o.Taux, o.Source));
    }

    /// <summary>Removes an objective of the CIA (the legal rate applies again where no other objective of its nature remains).</summary>
    public async Task<Resultat> SupprimerObjectifAsync(Agent agent, string id, CancellationToken ct)
    {
        if (!PeutDefinir(agent.Role)) return Resultat.Echec(Echec.Interdit("Seul l'agent de l'intercommunalité modifie les objectifs de la convention intercommunale d'attribution."));
        var epci = agent.Perimetre.EpciSiren;
        var o = Guid.TryParse(id, out var g) ? await db.ObjectifsMixite.SingleOrDefaultAsync(x => x.Id == new ObjectifMixiteId(g) && x.EpciSiren == epci, ct) : null;
        if (o is null) return Resultat.Echec(Echec.NonTrouve($"Aucun objectif d'identifiant {id}."));
        db.ObjectifsMixite.Remove(o);
        await JournaliserAsync(agent, ActionSuppressionObjectif, $"Objectif {o.Annee} {o.Nature.Code()} supprimé", ct);
        return Resultat.Ok();
    }

    // ---- Indicators ------------------------------------------------------------------------------------------------------------------------

    /// <summary>The leases of a year in the agent's perimeter, as the monitoring reads them.</summary>
    private async Task<List<LigneSuivi>> LignesAsync(Agent agent, int annee, IReadOnlyList<ReservataireId> siens, CancellationToken ct)
    {
        var q = db.Attributions.AsNoTracking().Where(a => a.EpciSiren == agent.Perimetre.EpciSiren && a.Annee == annee);
        if (agent.Role == Role.AgentBailleur) q = agent.Perimetre.BailleurId is { } b ? q.Where(a => a.BailleurId == b) : q.Where(_ => false);
        else if (agent.Role == Role.AgentReservataire)
        {
            var r = siens.Select(x => (ReservataireId?)x).ToList();
            q = q.Where(a => r.Contains(a.ReservataireId));
        }
        return await q.Select(a => new LigneSuivi(a.DateSignature, a.BailleurId, a.ReservataireId, a.CommuneInsee, a.QpvCode != null, a.RevenuParUc, a.Prioritaire,
            a.Dalo, a.Mutation, a.CommuneResidenceAvant, a.HorsFlux == MotifHorsFlux.RenouvellementUrbain || a.HorsFlux == MotifHorsFlux.Orcod, a.PersonneMorale)).ToListAsync(ct);
    }

    /// <summary>The indicators of a year (by default the current one) in the agent's perimeter (<c>GET /api/v1/mixite/indicateurs?annee=</c>).</summary>
    public async Task<Resultat<IndicateursVue>> IndicateursAsync(Agent agent, string? annee, CancellationToken ct)
    {
        var an = Annee(annee, futurePermise: false);
        if (!an.EstReussi) return Resultat.Echec<IndicateursVue>(an.Probleme);
        var a = an.Valeur;
        var epci = agent.Perimetre.EpciSiren;
        var aujourdhui = horloge.AujourdhuiEnFrance();
        var dernierMois = a < aujourdhui.Year ? 12 : aujourdhui.Month;
        var siens = await new VacancesService(db, horloge).ReservatairesDeAsync(agent, ct);
        var (lignes, personnesMorales) = IndicateursMixite.BauxDeMenages(await LignesAsync(agent, a, siens, ct));
        var seuil = await db.SeuilsPremierQuartile.AsNoTracking().SingleOrDefaultAsync(s => s.EpciSiren == epci && s.Annee == a, ct);
        var montant = seuil?.Montant;
        var cia = Filtrer(agent, await db.ObjectifsMixite.AsNoTracking().Where(o => o.EpciSiren == epci && o.Annee == a).ToListAsync(ct), siens);
        var noms = await Noms.ChargerAsync(db, epci, ct);

        var objectifs = IndicateursMixite.Objectifs(cia, lignes)
            .Select(o => IndicateursMixite.Mesurer(o, lignes, montant, dernierMois))
            .Select(r => new IndicateurObjectif(r.Objectif.Nature.Code(), r.Objectif.Nature.Libelle(), Perimetre(r.Objectif, noms),
                r.Objectif.Bailleur is { } b ? noms.Bailleur(b) : null, r.Objectif.Commune?.Value, r.Objectif.Commune is { } c ? noms.Commune(c) : null,
                r.Objectif.Reservataire is { } x ? noms.Reservataire(x) : null, r.Objectif.Legal, r.Objectif.Taux, r.AvecMutations.Baux, r.AvecMutations.TauxAtteint,
                r.AvecMutations.Atteint, r.AvecMutations.Manquant, r.AvecMutations.Alerte, r.SeuilManquant,
                new MesureVue(r.SansMutations.Baux, r.SansMutations.TauxAtteint, r.SansMutations.Atteint, r.SansMutations.Manquant, r.SansMutations.Alerte),
                r.Trajectoire))
            .ToList();

        // A commune's agent sees the EPCI and its commune: the lines of the other communes are left out of the by-commune tables.
        var communeSeule = agent.Role == Role.AgentCommune ? agent.Perimetre.CommuneInsee : null;
        var repartitions = new List<Repartition>
        {
            new("bailleur", "Par bailleur", IndicateursMixite.Repartir(lignes, l => noms.Bailleur(l.Bailleur), montant)),
            new("reservataire", "Par réservataire", IndicateursMixite.Repartir(lignes, l => l.Reservataire is { } r ? noms.Reservataire(r) : "Sans réservataire", montant)),
            new("commune", "Par commune", IndicateursMixite.Repartir(lignes.Where(l => communeSeule is null || l.Commune == communeSeule), l => noms.Commune(l.Commune), montant)),
            new("qpv", "En QPV et hors QPV", IndicateursMixite.Repartir(lignes, l => l.EnQpv ? "En QPV" : "Hors QPV", montant)),
            new("mois", "Par mois de signature", IndicateursMixite.Repartir(lignes, l => l.Date.ToString("yyyy-MM", CultureInfo.InvariantCulture), montant)),
        };
        var melange = IndicateursMixite.Melange(lignes, montant)
            .Select(m => new MelangeVue(m.EnQpv ? "En QPV" : "Hors QPV", m.Baux, m.PremierQuartile, m.AutresQuartiles, m.Inconnu, m.RelogementsRenouvellement)).ToList();

        // The communal preference and the tension read the same demands: those active on the reference day (31 December of a past year, today
        // for the current one), counted once by the database.
        var activesLe = a < aujourdhui.Year ? new DateOnly(a, 12, 31) : aujourdhui;
        var actives = await ActivesGroupeesAsync(epci, activesLe, ct);
        var communes = noms.Communes.Keys.Where(c => communeSeule is null || c == communeSeule).OrderBy(c => noms.Commune(c), StringComparer.Ordinal).ToList();
        var preference = IndicateursMixite.Preference(communes, lignes, DemandesLocales(actives))
            .Select(p => new PreferenceVue(p.Commune.Value, noms.Commune(p.Commune), p.Baux, p.PartBauxResidents, p.Demandes, p.PartDemandesResidents, p.Ecart)).ToList();
        var tension = await TensionAsync(epci, a, actives, noms, communeSeule, ct);

        var avertissement = seuil is null
            ? $"Le seuil du premier quartile de {a} n'est pas enregistré : les objectifs de quartile ne sont pas mesurés (l'intercommunalité le saisit depuis l'arrêté de l'année)."
            : seuil.Demonstration ? "Seuil de démonstration, pas la valeur officielle." : null;
        return Resultat.Ok(new IndicateursVue(a, PerimetreAgent(agent, noms), dernierMois, new SeuilAnnee(a, montant, seuil?.Source, seuil?.Demonstration ?? false, avertissement),
            Domain.Statistiques.SecretStatistique.Compte(lignes.Count), objectifs, melange, repartitions, preference,
            "Aucun groupe de 1 à 4 ménages n'est montré : ses effectifs et ses taux sont masqués (null).",
            await db.Epcis.AsNoTracking().Where(e => e.Siren == epci).Select(e => e.Nom).SingleOrDefaultAsync(ct) ?? epci.Value, activesLe, tension)
        {
            BauxPersonnesMorales = Domain.Statistiques.SecretStatistique.Compte(personnesMorales),
        });
    }

    /// <summary>
    /// Where each objective of the current year stands in the agent's perimeter, unmasked, for the matching of a batch of vacancies
    /// (<c>AppariementService</c>): the objectives measured as <see cref="IndicateursAsync"/> measures them (those of the CIA, else the legal
    /// ones; mutations included, the legal measure), each with the leases of its perimeter and those serving it. A quartile objective is left
    /// out when the threshold of the year is not recorded (it is not measured). The figures stay with the agent: they set how many leases the
    /// batch should give, never shown as counts of the year.
    /// </summary>
    internal async Task<(int Annee, IReadOnlyList<(PorteeObjectif Objectif, int Baux, int Atteint)> Objectifs)> EtatAnneeAsync(Agent agent, CancellationToken ct)
    {
        var a = horloge.AujourdhuiEnFrance().Year;
        var epci = agent.Perimetre.EpciSiren;
        var siens = await new VacancesService(db, horloge).ReservatairesDeAsync(agent, ct);
        var (lignes, _) = IndicateursMixite.BauxDeMenages(await LignesAsync(agent, a, siens, ct));
        var montant = (await db.SeuilsPremierQuartile.AsNoTracking().SingleOrDefaultAsync(s => s.EpciSiren == epci && s.Annee == a, ct))?.Montant;
        var cia = Filtrer(agent, await db.ObjectifsMixite.AsNoTracking().Where(o => o.EpciSiren == epci && o.Annee == a).ToListAsync(ct), siens);
        var etat = new List<(PorteeObjectif, int, int)>();
        foreach (var o in IndicateursMixite.Objectifs(cia, lignes))
        {
            if (montant is null && o.Nature != NatureObjectif.PrioritairesEtDalo) continue;
            var perimetre = lignes.Where(l => IndicateursMixite.DansPerimetre(o, l)).ToList();
            etat.Add((o, perimetre.Count, perimetre.Count(l => IndicateursMixite.Sert(o.Nature, l, montant))));
        }
        return (a, etat);
    }

    /// <summary>
    /// Tension and waiting time by commune and typology for the year: the territory's figures (every agent sees the whole EPCI; a commune's agent
    /// also its commune, not the others), by the one rule of the public statistics (<see cref="TableauStatistiques"/>: a demand counts in every
    /// commune and typology it wishes, the leases in the dwelling's commune and typology, secondary masking of the lease table) over the civil
    /// year instead of the rolling twelve months, with the active demands of the reference day (<paramref name="actives"/>).
    /// </summary>
    private async Task<List<TensionVue>> TensionAsync(Siren epci, int annee, IReadOnlyList<GroupeActives> actives, Noms noms, CodeInsee? communeSeule, CancellationToken ct)
    {
        var groupes = actives.GroupBy(g => (g.Typologies, g.Communes, g.ToutEpci))
            .Select(g => new GroupeDemandes([.. Enum.GetValues<Typologie>().Where(x => g.Key.Typologies.Contains($"|{x}|", StringComparison.Ordinal))],
                [.. g.Key.Communes.Split('|', StringSplitOptions.RemoveEmptyEntries)], g.Key.ToutEpci, g.Sum(x => x.Nombre)));
        var baux = (await db.Attributions.AsNoTracking().Where(x => x.EpciSiren == epci && x.Annee == annee)
                .Select(x => new { x.CommuneInsee, x.Typologie, x.DateDepot, x.DateSignature, x.Prioritaire, x.PersonneMorale }).ToListAsync(ct))
            .Select(x => new BailObserve(x.CommuneInsee.Value, x.Typologie, x.DateDepot, x.DateSignature, x.Prioritaire, x.PersonneMorale));
        var communes = noms.Communes.Keys.OrderBy(c => noms.Commune(c), StringComparer.Ordinal).ToList();
        var cellules = TableauStatistiques.Calculer([.. communes.Select(c => c.Value)], groupes, baux);
        var lignes = new List<TensionVue>();
        foreach (var c in communes.Where(c => communeSeule is null || c == communeSeule).Select(c => (CodeInsee?)c).Prepend(null))
            foreach (var t in Enum.GetValues<Typologie>().Select(t => (Typologie?)t).Prepend(null))
            {
                var x = cellules[(c?.Value, t)];
                lignes.Add(new TensionVue(c?.Value, c is { } k ? noms.Commune(k) : "Toute l'intercommunalité", t?.Libelle(), x.DemandesActives, x.Attributions, x.Tension,
                    x.Delai.Q1Mois, x.Delai.MedianeMois, x.Delai.Q3Mois));
            }
        return lignes;
    }

    /// <summary>The demands of the EPCI active on <paramref name="le"/>: deposited by then, not radiated then, not merged.</summary>
    private IQueryable<Demande> ActivesLe(Siren epci, DateOnly le) => db.Demandes.AsNoTracking()
        .Where(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == epci && d.DateDepot <= le && (d.DateRadiation == null || d.DateRadiation > le) && d.FusionneeDans == null);

    /// <summary>
    /// The demands of the EPCI active on <paramref name="le"/> counted by the database by wished typologies × wished communes × whole territory ×
    /// commune of the current housing — the search columns of <see cref="ColonnesDemande"/>, kept in step with the content: the JSON content is not
    /// read. On PostgreSQL an index-only scan of the covering index of the active demands (BENCHMARKS.md, indicateurs de mixité).
    /// </summary>
    private async Task<List<GroupeActives>> ActivesGroupeesAsync(Siren epci, DateOnly le, CancellationToken ct) =>
        [.. (await ActivesLe(epci, le)
                .GroupBy(d => new
                {
                    T = EF.Property<string>(d, ColonnesDemande.Typologies),
                    C = EF.Property<string>(d, ColonnesDemande.Communes),
                    E = EF.Property<bool>(d, ColonnesDemande.ToutEpci),
                    R = EF.Property<string?>(d, ColonnesDemande.CommuneActuelle),
                })
                .Select(g => new { g.Key.T, g.Key.C, g.Key.E, g.Key.R, N = g.Count() }).ToListAsync(ct))
            .Select(g => new GroupeActives(g.T, g.C, g.E, g.R, g.N))];

    /// <summary>Active demands sharing their wished typologies and communes (search-column form), whole territory or not, and current commune.</summary>
    private sealed record GroupeActives(string Typologies, string Communes, bool ToutEpci, string? CommuneActuelle, int Nombre);

    private static string PerimetreAgent(Agent agent, Noms noms) => agent.Role switch
    {
        Role.AgentBailleur when agent.Perimetre.BailleurId is { } b => "Baux de " + noms.Bailleur(b),
        Role.AgentReservataire when agent.Perimetre.ReservataireId is { } r => "Baux du contingent de " + noms.Reservataire(r),
        Role.AgentCommune when agent.Perimetre.CommuneInsee is { } c => "Toute l'intercommunalité et la commune de " + noms.Commune(c),
        _ => "Toute l'intercommunalité",
    };

    /// <summary>The active demands as the communal-preference indicator reads them: by current commune × wished communes.</summary>
    private static List<DemandeLocale> DemandesLocales(IReadOnlyList<GroupeActives> actives) =>
        [.. actives.GroupBy(g => (g.CommuneActuelle, g.Communes)).Select(g => new DemandeLocale(g.Key.CommuneActuelle is { } r ? CodeInsee.Create(r) : null,
            [.. g.Key.Communes.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(CodeInsee.Create)], g.Sum(x => x.Nombre)))];
}
