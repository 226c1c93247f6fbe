using System.Globalization;
using Logis.Application.Acces;
using Logis.Application.Demandes;
using Logis.Application.Eligibilite;
using Logis.Application.Pieces;
using Logis.Domain.Acces;
using Logis.Domain.Attributions;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Organisations;
using Logis.Domain.Pieces;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Attributions;
using Logis.Persistence.Cotation;
using Logis.Persistence.Demandes;
using Logis.Persistence.Seed;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Attributions;

/// <summary>What the demo's year of allocation history produced (docs/demo.md).</summary>
public sealed record ResultatHistoriqueDemo(bool DejaPresent, int Cible, int Vacances, int Seances, int Dossiers, int Offres, int Refus, int SansReponse,
    int Baux, int Retraits)
{
    /// <summary>The renewals of the year played at their date (the file « of a year ago », docs/demo.md).</summary>
    public int Renouvellements { get; init; }

    /// <summary>Withdrawn vacancies by cause (no candidate in the file, every retained candidate refused).</summary>
    public IReadOnlyDictionary<string, int> RetraitsParCause { get; init; } = new Dictionary<string, int>();

    /// <summary>Leases signed each month (yyyy-MM), in time order.</summary>
    public IReadOnlyList<(string Mois, int Baux)> BauxParMois { get; init; } = [];
}

/// <summary>
/// A year of allocation history for the demo territory, played through the same use cases as the pages (issue 14, point 6): vacancies declared by
/// each bailleur in proportion to its stock where the demand can fill it (<see cref="TirablesAsync"/>), oriented on Logis's suggestion,
/// candidates proposed by the réservataire from the pre-selection (or by
/// the bailleur after a hand-back), weekly CALEOL sessions per bailleur (in person, one in four remote with a vote deadline) deciding a to e with
/// reasons and ranks, written offers, acceptances, refusals with a reason and offers left unanswered (the daily run records them), the next ranked
/// candidate, and the lease that radiates the demand and records the attribution. Each act runs at its own instant on a stopped clock, in time order,
/// on working days; an act whose instant is after now is not played, so today's board shows vacancies at every stage. Volume: the lesser of the
/// stock's yearly turnover and the file's capacity (<see cref="Cible"/>). Over the file « of a year ago » (<see cref="AnneeJouee"/>) the demands'
/// renewals of the year are played too, each at its date, through the renewal use case. Deterministic for a seed; a second run adds nothing.
/// </summary>
/// <param name="demandes">The demands' use cases on a given clock (offers, answers and leases write the demand's timeline, the lease radiates it).</param>
/// <param name="pieces">The piece service on a given clock (the piece that lifts a suspensive condition); none: no decision under suspensive condition.</param>
public sealed class HistoriqueDemo(LogisDbContext db, TimeProvider horloge, ICoteurDemandes coteur, ReferentielEligibilite referentiel, DelaiReponseOffre delai,
    Func<TimeProvider, DemandesService> demandes, Func<TimeProvider, PiecesService>? pieces = null, CataloguePieces? catalogue = null)
{
    /// <summary>Yearly mobility of TPM's social stock: 6.85 % (RPLS at 1 January 2019, « taux de mobilité », ensemble du parc).</summary>
    public const decimal Mobilite = 0.0685m;

    /// <summary>Leases a year at most, as a share of the active demands: TPM counts 7 to 8 active demands per attribution (docs/demo.md).</summary>
    public const decimal PartDemandes = 0.12m;

    /// <summary>Months of history before today in which leases are signed; vacancies start being declared earlier so that the first month has leases.</summary>
    public const int Mois = 12;

    private const int JoursAmorce = 35;

    /// <summary>Vacancies declared per lease aimed at (refusals to the end, withdrawals, the last weeks still in progress): measured, docs/demo.md.</summary>
    private const decimal SurplusVacances = 1.1m;

    /// <summary>Leases the year aims at: the stock's turnover, capped by what the demand file can supply.</summary>
    public static int Cible(int logements, int demandesActives) =>
        (int)Math.Round(Math.Min(logements * Mobilite, demandesActives * PartDemandes), MidpointRounding.AwayFromZero);

    /// <summary>The first day vacancies are declared: two and a half months before the year of leases, so that its first month has some.</summary>
    public static DateOnly Debut(DateOnly aujourdhui) => aujourdhui.AddMonths(-Mois).AddDays(-JoursAmorce);

    /// <summary>
    /// The file « of a year ago » the demand seeding generates for a file of <paramref name="demandes"/> today: renewed until <see cref="Debut"/>
    /// (the history renews it at each demand's date, through the use case), with <see cref="PartDemandes"/> more households, deposited before,
    /// standing for those the year houses (docs/demo.md).
    /// </summary>
    public static Domain.Demandes.Synthese.AnneeJouee AnneeJouee(DateOnly aujourdhui, int demandes) =>
        new(Debut(aujourdhui), (int)Math.Round(demandes * PartDemandes, MidpointRounding.AwayFromZero));

    private readonly Dictionary<string, DateTimeOffset> _derniers = new(StringComparer.Ordinal);
    /// <summary>The demands proposed and not yet out of their vacancy's path, with that vacancy: a demand is a candidate for one vacancy at a time.</summary>
    private readonly Dictionary<string, Suivi> _engagees = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateOnly> _repos = new(StringComparer.Ordinal);
    private readonly Dictionary<(BailleurId, DateOnly), string> _seances = [];
    private readonly PriorityQueue<Func<Task>, (long, long)> _file = new();
    private long _sequence;
    private DateTimeOffset _fin;
    private Random _hasard = new(0);
    private Agent _systeme = null!;
    private readonly Dictionary<BailleurId, Agent> _agentsBailleurs = [];
    private readonly Dictionary<ReservataireId, (Agent Agent, TypeReservataire Type)> _agentsReservataires = [];
    private readonly Dictionary<BailleurId, (int Indice, List<SaisieMembreDemo> Membres)> _commissions = [];
    private int _vacances, _seancesCreees, _dossiers, _offres, _refus, _sansReponse, _baux, _retraits, _renouvellements;
    private readonly SortedDictionary<string, int> _retraitsParCause = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _bauxParMois = new(StringComparer.Ordinal);
    private Random _hasardRenouvellements = new(0);
    private Agent _guichet = null!;
    private DateOnly _aujourdhui;

    private sealed record SaisieMembreDemo(string Nom, string Qualite, bool President, string? Commune);

    /// <summary>One vacancy followed through the simulation.</summary>
    private sealed class Suivi(Bailleur bailleur, string rpls)
    {
        public Bailleur Bailleur { get; } = bailleur;
        public string Rpls { get; } = rpls;
        public string Id { get; set; } = "";
        public bool EnQpv { get; set; }
        public string Commune { get; set; } = "";
        public TypeReservataire? Type { get; set; }
        public List<string> Candidats { get; } = [];
        public int Redeclarations { get; set; }
        public int Recherches { get; set; }

        /// <summary>Out of the flux for this reason whatever the draw (the urban-renewal rehousings the demo guarantees).</summary>
        public MotifHorsFlux? HorsFlux { get; init; }
    }

    public async Task<ResultatHistoriqueDemo> SemerAsync(Siren epci, int graine, IProgress<Avancement>? progression = null, CancellationToken ct = default)
    {
        if (await db.SeancesCaleol.AnyAsync(s => s.EpciSiren == epci, ct) || await db.Attributions.AnyAsync(a => a.EpciSiren == epci, ct))
            return new ResultatHistoriqueDemo(true, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        _hasard = new Random(graine + 1414);
        _hasardRenouvellements = new Random(graine + 1415);
        _fin = horloge.GetUtcNow();
        var aujourdhui = horloge.AujourdhuiEnFrance();
        _aujourdhui = aujourdhui;
        _systeme = new Agent(Relances.TraitementRelances.Systeme.Value, Relances.TraitementRelances.NomSysteme, Role.AgentEpci, new Perimetre(epci));
        _guichet = await AgentEpciAsync(epci, ct);

        var communes = await db.Communes.AsNoTracking().Where(c => c.EpciSiren == epci).OrderBy(c => c.CodeInsee).Select(c => new { c.CodeInsee, c.Nom, c.Zone }).ToListAsync(ct);
        var codes = communes.Select(c => c.CodeInsee).ToList();
        var bailleurs = (await db.BailleursTerritoires.AsNoTracking().Where(x => x.EpciSiren == epci)
            .Join(db.Bailleurs.AsNoTracking(), x => x.BailleurId, x => x.Id, (_, x) => x).ToListAsync(ct)).OrderBy(b => b.Nom, StringComparer.Ordinal).ToList();
        var reservataires = await db.Reservataires.AsNoTracking().Where(r => r.EpciSiren == epci).OrderBy(r => r.Id).ToListAsync(ct);
        foreach (var r in reservataires) _agentsReservataires[r.Id] = (await AgentReservataireAsync(epci, r, ct), r.Type);

        // The stock by bailleur and commune.
        var zones = communes.ToDictionary(c => c.CodeInsee, c => (c.Nom, c.Zone));
        var stock = (await db.Logements.AsNoTracking().Where(l => codes.Contains(l.CommuneInsee)).ToListAsync(ct))
            .OrderBy(l => l.NumeroRpls, StringComparer.Ordinal).ToList();
        var parc = stock.GroupBy(l => (l.BailleurId, l.CommuneInsee))
            .ToDictionary(g => g.Key, g => g.Select(x => x.NumeroRpls).ToList());
        var logements = stock.Count;

        // No act may be dated before a demand's last event: each demand becomes a possible candidate after it. Read in the numbers' order
        // (the renewals' draws follow it: never the database's order).
        var actives = (await db.Demandes.AsNoTracking().Where(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == epci && d.Statut == StatutDemande.Active)
                .Select(d => new { d.Numero, d.DateDepot, d.DateDernierRenouvellement, d.Canal, d.ServiceEnLigneUtilise, Quands = d.Evenements.Select(e => e.Quand).ToList() })
                .ToListAsync(ct)).OrderBy(d => d.Numero.Valeur, StringComparer.Ordinal).ToList();
        foreach (var d in actives) _derniers[d.Numero.Valeur] = d.Quands.Count == 0 ? DateTimeOffset.MinValue : d.Quands.Max();
        // The file « of a year ago » (AnneeJouee): demands whose validity ends before today are renewed by the history at their date, and
        // the file holds the households the year houses in addition to today's (PartDemandes more): the target is that of today's file.
        var aRenouveler = actives.Select(d => (d.Numero, Fin: Demande.FinValidite(d.DateDernierRenouvellement ?? d.DateDepot), EnLigne: d.Canal == CanalDepot.EnLigne || d.ServiceEnLigneUtilise))
            .Where(d => d.Fin < aujourdhui).ToList();
        var fichier = aRenouveler.Count > 0 ? (int)Math.Round(actives.Count / (1 + PartDemandes), MidpointRounding.AwayFromZero) : actives.Count;
        var cible = Cible(logements, fichier);
        var tirables = await TirablesAsync(epci, stock, zones, ct);
        if (cible == 0 || bailleurs.Count == 0 || tirables.Count == 0) return new ResultatHistoriqueDemo(false, cible, 0, 0, 0, 0, 0, 0, 0, 0);
        var cumulTirables = new double[tirables.Count];
        for (var k = 0; k < tirables.Count; k++) cumulTirables[k] = (k == 0 ? 0 : cumulTirables[k - 1]) + tirables[k].Poids;
        foreach (var d in aRenouveler)
            PlanifierRenouvellement(d.Numero.Valeur, d.Fin, d.EnLigne, ct);

        var indice = 0;
        foreach (var b in bailleurs)
        {
            _agentsBailleurs[b.Id] = await AgentBailleurAsync(epci, b, ct);
            var siennes = parc.Keys.Where(k => k.BailleurId == b.Id).Select(k => k.CommuneInsee).ToList();
            _commissions[b.Id] = (indice++, Membres(communes.Where(c => siennes.Contains(c.CodeInsee)).Select(c => (c.CodeInsee.Value, c.Nom)).ToList()));
        }

        // Vacancies: a tenth more than the leases aimed at (SurplusVacances), declared on working days from five weeks before the year so that its
        // first month already has leases.
        var debut = Debut(aujourdhui);
        var jours = Enumerable.Range(0, aujourdhui.DayNumber - debut.DayNumber).Select(debut.AddDays).Where(JoursFeries.EstOuvrable).ToList();
        var cellules = parc.OrderBy(p => p.Key.BailleurId.Value).ThenBy(p => p.Key.CommuneInsee.Value, StringComparer.Ordinal).ToList();
        var nombre = (int)Math.Ceiling(cible * SurplusVacances * (Mois * 30 + JoursAmorce) / (Mois * 30m));
        var prises = new HashSet<string>(StringComparer.Ordinal);
        var parNom = bailleurs.ToDictionary(b => b.Id);
        // No act is dated before a demand's last event: a demand can be a candidate only after it. The declarations follow the share of the file
        // free at each date (full pace once a fifth of it is), so that the vacancies find candidates. With the file « of a year ago », most of it is
        // free from the start (its renewals are played in the year); a base seeded without it has fewer leases in the first months.
        var liberes = _derniers.Values.Select(HeureFrance.Jour).Order().ToArray();
        var poids = jours.Select(j => Math.Min(1.0, Libres(liberes, j) / Math.Max(1.0, actives.Count * 0.2))).ToArray();
        var cumul = new double[poids.Length];
        for (var k = 0; k < poids.Length; k++) cumul[k] = (k == 0 ? 0 : cumul[k - 1]) + poids[k];
        if (cumul[^1] <= 0) return new ResultatHistoriqueDemo(false, cible, 0, 0, 0, 0, 0, 0, 0, 0);
        // The urban-renewal rehousings (out of the flux, R441-5) the demo guarantees: the first vacancy of the year of each bailleur holding stock in
        // a QPV (the others are drawn, 3 %).
        var renouvellementUrbain = stock.Where(l => l.QpvCode is not null).Select(l => l.BailleurId).ToHashSet();
        for (var i = 0; i < nombre; i++)
        {
            // A dwelling drawn by its weight (see TirablesAsync), not drawn yet.
            var k = Array.BinarySearch(cumulTirables, _hasard.NextDouble() * cumulTirables[^1]);
            var tire = tirables[Math.Min(tirables.Count - 1, k < 0 ? ~k : k + 1)];
            var rpls = tire.Rpls;
            if (!prises.Add(rpls)) continue;
            var quantile = (i + 0.5) / nombre * cumul[^1];
            var jour = jours[Math.Min(jours.Count - 1, Array.FindIndex(cumul, c => c >= quantile))];
            var suivi = new Suivi(parNom[tire.Bailleur], rpls) { HorsFlux = renouvellementUrbain.Remove(tire.Bailleur) ? MotifHorsFlux.RenouvellementUrbain : null };
            Planifier(HeureFrance.A(jour, new TimeOnly(9, _hasard.Next(0, 60))), q => DeclarerAsync(suivi, q, ct));
        }

        // A wave of vacancies in the last five weeks, three per bailleur, so that today's board shows every stage even over a small demand file.
        var recents = jours.Where(j => j > aujourdhui.AddDays(-36)).ToList();
        for (var i = 0; i < bailleurs.Count * 3; i++)
        {
            var b = bailleurs[i % bailleurs.Count];
            var siens = cellules.Where(c => c.Key.BailleurId == b.Id).SelectMany(c => c.Value).ToList();
            if (siens.Count == 0 || recents.Count == 0) continue;
            var rpls = siens[_hasard.Next(siens.Count)];
            if (!prises.Add(rpls)) continue;
            var suivi = new Suivi(b, rpls);
            Planifier(HeureFrance.A(recents[_hasard.Next(recents.Count)], new TimeOnly(9, _hasard.Next(0, 60))), q => DeclarerAsync(suivi, q, ct));
        }

        // Progress: the days of the period played so far (reported once a day of acts begins).
        var joursJoues = -1;
        var totalJours = aujourdhui.DayNumber - debut.DayNumber;
        while (_file.TryDequeue(out var acte, out var quand))
        {
            var joue = Math.Clamp(HeureFrance.Jour(new DateTimeOffset(quand.Item1, TimeSpan.Zero)).DayNumber - debut.DayNumber, 0, totalJours);
            if (joue != joursJoues) progression?.Report(new Avancement("Historique", joursJoues = joue, totalJours));
            await acte();
            db.ChangeTracker.Clear();
        }
        return new ResultatHistoriqueDemo(false, cible, _vacances, _seancesCreees, _dossiers, _offres, _refus, _sansReponse, _baux, _retraits)
        {
            Renouvellements = _renouvellements,
            RetraitsParCause = new Dictionary<string, int>(_retraitsParCause),
            BauxParMois = [.. _bauxParMois.Select(m => (m.Key, m.Value))],
        };
    }

    /// <summary>
    /// The yearly renewal of a demand of the file « of a year ago », a few days before the end of its validity (0 to 20, as the seeding draws
    /// them), at a counter on a working day or online, through the renewal use case; never before the demand's last event.
    /// </summary>
    private void PlanifierRenouvellement(string numero, DateOnly finValidite, bool enLigne, CancellationToken ct)
    {
        var jour = finValidite.AddDays(-_hasardRenouvellements.Next(0, 21));
        if (!enLigne)
            while (!JoursFeries.EstOuvrable(jour)) jour = jour.AddDays(-1);
        var quand = HeureFrance.A(jour, new TimeOnly(_hasardRenouvellements.Next(9, 17), _hasardRenouvellements.Next(0, 60)));
        if (_derniers.TryGetValue(numero, out var dernier) && quand <= dernier) quand = dernier.AddMinutes(30);
        if (HeureFrance.Jour(quand) > finValidite) return;
        Planifier(quand, q => RenouvelerAsync(numero, enLigne, q, ct));
    }

    private async Task RenouvelerAsync(string numero, bool enLigne, DateTimeOffset quand, CancellationToken ct)
    {
        // A demand radiated by its lease meanwhile is not renewed (the use case refuses it).
        var fait = await demandes(new HorlogeArretee(quand)).RenouvelerAsync(_guichet, numero, enLigne ? "en_ligne" : "guichet", ct);
        if (!fait.EstReussi) return;
        _renouvellements++;
        _derniers[numero] = quand;
        if (fait.Valeur.DateFinValidite < _aujourdhui) PlanifierRenouvellement(numero, fait.Valeur.DateFinValidite, enLigne, ct);
    }

    /// <summary>
    /// The dwellings the vacancies are drawn from, each with its weight: the share of its commune and typology's yearly turnover (their stock ×
    /// <see cref="Mobilite"/>) that the demand can fill, at most 1; the demand being the active demands wishing that commune (or the whole EPCI)
    /// and that typology whose size and maximum rent do not exclude this dwelling (<see cref="Preselection.ExclueParSonResume"/>) and whose
    /// household meets the income ceiling of its financing (PLAI, PLUS, PLS) in its commune's zone (<see cref="Domain.Eligibilite.MoteurEligibilite"/>, the check
    /// of the pre-selection), × <see cref="PartDemandes"/>. A dwelling nobody can take is never drawn; where the demand is short, fewer
    /// vacancies fall (docs/demo.md). The demand is read from the pre-selection index (<see cref="EntreePreselection"/>), each demand's
    /// household once from its content; dwellings alike are judged once.
    /// </summary>
    private async Task<List<(BailleurId Bailleur, string Rpls, double Poids)>> TirablesAsync(Siren epci, List<Domain.Patrimoine.Logement> stock,
        Dictionary<CodeInsee, (string Nom, ZonePlafond Zone)> communes, CancellationToken ct)
    {
        var jour = horloge.AujourdhuiEnFrance();
        var parametres = new ParametresPreselection(referentiel.Moteur, referentiel.Bareme.AnneeApplicable(jour.Year), Domain.Eligibilite.NormesOccupation.Defaut,
            Domain.Eligibilite.EchelleUnitesConsommation.OcdeModifiee, null, null);
        // The (zone, financing) pairs of the stock, and for each active demand the set of those whose ceiling its household meets (a bit each).
        var paires = stock.Select(l => (communes[l.CommuneInsee].Zone, l.Financement)).Distinct().Order().ToList();
        if (paires.Count > 64) throw new InvalidOperationException("Démonstration : plus de 64 couples zone × financement dans le parc.");
        var admises = new Dictionary<DemandeId, ulong>();
        foreach (var d in await db.Demandes.AsNoTracking().Where(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == epci && d.Statut == StatutDemande.Active)
                     .Select(d => new { d.Id, d.Contenu }).ToListAsync(ct))
        {
            var menage = d.Contenu.Menage(jour);
            var masque = 0UL;
            for (var k = 0; menage.EstReussi && k < paires.Count; k++)
                if (parametres.Moteur.VerifierEligibilite(parametres.AnneePlafonds, paires[k].Zone, paires[k].Financement, menage.Valeur).Statut == Domain.Eligibilite.StatutEligibilite.Eligible)
                    masque |= 1UL << k;
            admises[d.Id] = masque;
        }
        var resumes = (await db.Set<EntreePreselection>().AsNoTracking().Where(e => e.EpciSiren == epci)
                .Select(e => new { e.DemandeId, e.Commune, e.Typologie, e.NombrePersonnes, e.LoyerMaximumCentimes }).ToListAsync(ct))
            .GroupBy(e => (e.Commune, e.Typologie, e.NombrePersonnes, e.LoyerMaximumCentimes, Admises: admises.GetValueOrDefault(e.DemandeId)))
            .GroupBy(g => (g.Key.Commune, g.Key.Typologie))
            .ToDictionary(g => g.Key, g => g.Select(x => (x.Key.NombrePersonnes, LoyerMaximum: x.Key.LoyerMaximumCentimes / 100m, x.Key.Admises, Nombre: x.Count())).ToList());
        var parCommuneTypologie = stock.GroupBy(l => (l.CommuneInsee.Value, l.Typologie.ToString())).ToDictionary(g => g.Key, g => g.Count());
        // Dwellings alike (commune, typology, financing, rooms, surface, rent and charges) are judged once.
        var possibles = new Dictionary<(string, string, Domain.Patrimoine.Financement, int, decimal, decimal), int>();
        var tirables = new List<(BailleurId, string, double)>();
        foreach (var l in stock)
        {
            var cle = (l.CommuneInsee.Value, l.Typologie.ToString());
            var semblables = (cle.Item1, cle.Item2, l.Financement, l.NombrePieces, l.SurfaceHabitable, l.LoyerPrincipal + l.Charges);
            if (!possibles.TryGetValue(semblables, out var demandes))
            {
                var (nom, zone) = communes[l.CommuneInsee];
                var logement = new LogementAPourvoir(l.CommuneInsee, nom, l.QpvCode is not null, zone, l.Financement, l.Typologie, l.NombrePieces,
                    l.SurfaceHabitable, l.LoyerPrincipal, l.Charges);
                var bit = 1UL << paires.IndexOf((zone, l.Financement));
                demandes = 0;
                foreach (var commune in new[] { cle.Item1, EntreePreselection.ToutEpci })
                    foreach (var (personnes, loyerMaximum, admisesPar, nombre) in resumes.GetValueOrDefault((commune, cle.Item2)) ?? [])
                        if ((admisesPar & bit) != 0 && !Preselection.ExclueParSonResume(logement, parametres, personnes, loyerMaximum)) demandes += nombre;
                possibles[semblables] = demandes;
            }
            var part = Math.Min(1.0, demandes * (double)PartDemandes / (parCommuneTypologie[cle] * (double)Mobilite));
            if (part > 0) tirables.Add((l.BailleurId, l.NumeroRpls, part));
        }
        return tirables;
    }

    // ---- The acts, each at its instant ----

    private async Task DeclarerAsync(Suivi s, DateTimeOffset quand, CancellationToken ct)
    {
        var disponible = HeureFrance.Jour(quand).AddDays(_hasard.Next(10, 40));
        var tirage = _hasard.NextDouble();
        string? horsFlux = s.HorsFlux is { } impose ? impose.Code()
            : tirage < 0.06 ? MotifHorsFlux.MutationInterne.Code() : tirage < 0.09 ? MotifHorsFlux.RenouvellementUrbain.Code() : null;
        var v = await new VacancesService(db, new HorlogeArretee(quand))
            .DeclarerAsync(_agentsBailleurs[s.Bailleur.Id], new DeclarationVacance(s.Rpls, Date(disponible), null, null, horsFlux), ct);
        if (!v.EstReussi) return;
        _vacances++;
        s.Id = v.Valeur.Id.ToString();
        s.EnQpv = v.Valeur.EnQpv;
        s.Commune = v.Valeur.CommuneInsee.Value;
        Planifier(HeureFrance.A(Ouvre(HeureFrance.Jour(quand), 1), new TimeOnly(10, _hasard.Next(0, 60))), q => OrienterAsync(s, q, ct));
    }

    private async Task OrienterAsync(Suivi s, DateTimeOffset quand, CancellationToken ct)
    {
        var service = new VacancesService(db, new HorlogeArretee(quand));
        var agent = _agentsBailleurs[s.Bailleur.Id];
        var suggestion = await service.SuggererAsync(agent, s.Id, ct);
        if (!suggestion.EstReussi) return;
        var orientee = await service.OrienterAsync(agent, s.Id, new OrientationVacance(suggestion.Valeur.Reservataire.Value, null), ct);
        if (!orientee.EstReussi) return;
        var jour = HeureFrance.Jour(quand);
        var reservataire = orientee.Valeur.ReservataireId!.Value;
        s.Type = _agentsReservataires.TryGetValue(reservataire, out var r) ? r.Type : null;
        if (orientee.Valeur.EcheanceProposition is not { } echeance)
        {
            // The landlord's own contingent: it proposes itself within a week or so.
            Planifier(HeureFrance.A(Ouvre(jour, _hasard.Next(3, 8)), new TimeOnly(11, _hasard.Next(0, 60))), q => ProposerAsync(s, q, agent, true, ct));
            return;
        }
        // One réservataire in eight lets the delay pass: the daily run hands the vacancy back the day after the deadline.
        if (_hasard.NextDouble() < 0.125)
        {
            PlanifierRestitution(echeance, s, ct);
            return;
        }
        var delaiOuvre = Math.Max(2, (echeance.DayNumber - jour.DayNumber) * 5 / 7 - 2);
        var jourProposition = Ouvre(jour, _hasard.Next(2, Math.Min(delaiOuvre, 12) + 1));
        if (jourProposition > echeance) jourProposition = echeance;
        Planifier(HeureFrance.A(jourProposition, new TimeOnly(14, _hasard.Next(0, 60))), q => ProposerAsync(s, q, _agentsReservataires[reservataire].Agent, false, ct));
        // If it finds nobody, the hand-back follows the deadline.
        PlanifierRestitution(echeance, s, ct);
    }

    private void PlanifierRestitution(DateOnly echeance, Suivi s, CancellationToken ct)
    {
        var lendemain = echeance.AddDays(1);
        var id = s.Id;
        Planifier(HeureFrance.A(lendemain, new TimeOnly(6, 0)), async q =>
        {
            await new VacancesService(db, new HorlogeArretee(q)).RendreEchuesAsync(_systeme, lendemain, ct);
            db.ChangeTracker.Clear();
            var v = await db.Vacances.AsNoTracking().Where(x => x.Id == new VacanceId(Guid.Parse(id))).Select(x => x.Statut).SingleAsync(ct);
            if (v == StatutVacance.Rendue && s.Id == id)
                Planifier(HeureFrance.A(Ouvre(lendemain, _hasard.Next(1, 4)), new TimeOnly(10, _hasard.Next(0, 60))),
                    q2 => ProposerAsync(s, q2, _agentsBailleurs[s.Bailleur.Id], true, ct));
        });
    }

    private async Task ProposerAsync(Suivi s, DateTimeOffset quand, Agent agent, bool parBailleur, CancellationToken ct)
    {
        var h = new HorlogeArretee(quand);
        var vacances = new VacancesService(db, h);
        var preselection = new PreselectionService(db, h, referentiel, vacances);
        // As many lines as the pre-selection gives: most demands of today's file have a later event (deposit or renewal within the year)
        // and are not yet free at this date, so the first lines alone often hold nobody who can be proposed.
        var vue = await preselection.CalculerAsync(agent, s.Id, PreselectionService.LimiteMax.ToString(CultureInfo.InvariantCulture), ct);
        if (!vue.EstReussi || !vue.Valeur.PeutProposer) return;
        var choix = Choisir(vue.Valeur.Candidats, s, quand);
        if (choix.Count == 0)
        {
            // Nobody in the file fits: the réservataire lets the delay pass (the hand-back follows); the landlord looks again two weeks
            // later, twice, then withdraws the vacancy.
            if (!parBailleur) return;
            if (s.Recherches++ < 2)
                Planifier(HeureFrance.A(Ouvre(HeureFrance.Jour(quand), 10), new TimeOnly(10, _hasard.Next(0, 60))), q => ProposerAsync(s, q, agent, true, ct));
            else await RetirerAsync(s, quand, "Aucune demande active du fichier partagé ne correspond à ce logement (commune, typologie, plafonds).", "aucun candidat", ct);
            return;
        }
        var fait = await new PropositionService(db, h, vacances, preselection, coteur).ProposerAsync(agent, s.Id, new PropositionCandidats(choix), ct);
        if (!fait.EstReussi) return;
        foreach (var n in choix) _engagees[n] = s;
        s.Candidats.Clear();
        s.Candidats.AddRange(choix);
        // The landlord puts the dossier on the agenda of its next weekly commission when the agenda is sent to the members, a week before it.
        var seance = ProchaineSeance(s.Bailleur.Id, Ouvre(HeureFrance.Jour(quand), 6));
        var inscription = HeureFrance.A(Ouvre(seance, -5), new TimeOnly(11, _hasard.Next(0, 60)));
        if (inscription < quand) inscription = quand.AddMinutes(30);
        Planifier(inscription, q => InscrireAsync(s, seance, q, ct));
    }

    /// <summary>
    /// The candidates the proposer retains among the pre-selection's lines: three (sometimes four or five) in rank order, the préfet's contingent
    /// taking priority households first, a dwelling outside QPV including a first-quartile household when one is in the list (L441-1: a quarter of
    /// the attributions outside QPV). Only demands free at that instant: deposited, without a later event, not proposed elsewhere.
    /// </summary>
    private List<string> Choisir(IReadOnlyList<LigneCandidat> lignes, Suivi s, DateTimeOffset quand)
    {
        var jour = HeureFrance.Jour(quand);
        var libres = lignes.Where(l => l.DateDepot <= jour && !_engagees.ContainsKey(l.Numero)
            && (!_repos.TryGetValue(l.Numero, out var repos) || repos <= jour)
            && _derniers.TryGetValue(l.Numero, out var dernier) && dernier < quand).ToList();
        var nombre = _hasard.NextDouble() switch { < 0.7 => 3, < 0.9 => 4, _ => 5 };
        var choix = new List<LigneCandidat>();
        if (s.Type == TypeReservataire.Prefet) choix.AddRange(libres.Where(l => l.Prioritaire).Take(nombre));
        if (!s.EnQpv && libres.FirstOrDefault(l => l.ObjectifMixite is not null && !choix.Contains(l)) is { } q1 && choix.Count < nombre) choix.Add(q1);
        choix.AddRange(libres.Where(l => !choix.Contains(l)).Take(nombre - choix.Count));
        return [.. choix.OrderBy(l => l.Rang).Select(l => l.Numero)];
    }

    private async Task InscrireAsync(Suivi s, DateOnly date, DateTimeOffset quand, CancellationToken ct)
    {
        var h = new HorlogeArretee(quand);
        var caleol = new CaleolService(db, h, new VacancesService(db, h));
        var agent = _agentsBailleurs[s.Bailleur.Id];
        var (indice, membres) = _commissions[s.Bailleur.Id];
        // One session in four is held remotely, its votes open until two working days after its date.
        var distance = (date.DayNumber / 7 + indice) % 4 == 3;
        var cloture = HeureFrance.A(Ouvre(date, 2), new TimeOnly(12, 0));
        if (!_seances.TryGetValue((s.Bailleur.Id, date), out var seanceId))
        {
            var creee = await caleol.CreerAsync(agent, new NouvelleSeance(Date(date), distance ? "dematerialisee" : "presentielle",
                distance ? HeureFrance.EnFrance(cloture).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : null,
                [.. membres.Select(m => new MembreSaisi(m.Nom, m.Qualite, m.President, m.Commune))]), ct);
            if (!creee.EstReussi) throw new InvalidOperationException($"Démonstration : séance refusée : {creee.Motif} {string.Join(" ", creee.Erreurs)}");
            seanceId = creee.Valeur.Id.ToString();
            _seances[(s.Bailleur.Id, date)] = seanceId;
            _seancesCreees++;
            var fin = distance ? HeureFrance.A(Ouvre(date, 2), new TimeOnly(18, 0)) : HeureFrance.A(date, new TimeOnly(18, 0));
            Planifier(fin, async q => await new CaleolService(db, new HorlogeArretee(q), new VacancesService(db, new HorlogeArretee(q))).CloreAsync(agent, seanceId, ct));
        }
        var exception = s.Candidats.Count < 3 ? ExceptionTroisCandidats.CandidatsInsuffisants.Code() : null;
        var dossier = await caleol.InscrireAsync(agent, seanceId, new NouveauDossier(Guid.Parse(s.Id), s.Candidats, exception), ct);
        if (!dossier.EstReussi)
        {
            Liberer(s, s.Candidats);
            return;
        }
        _dossiers++;
        var dossierId = dossier.Valeur.Id.ToString();
        var votes = distance ? HeureFrance.A(Ouvre(date, 1), new TimeOnly(9, _hasard.Next(0, 60))) : HeureFrance.A(date, new TimeOnly(14, _hasard.Next(0, 60)));
        var decisions = distance ? cloture.AddHours(2) : votes.AddMinutes(45);
        var plan = Decisions(s.Candidats.Count, date);
        Planifier(votes, q => VoterAsync(s, dossierId, plan, q, ct));
        Planifier(decisions, q => DeciderAsync(s, dossierId, plan, q, ct));
    }

    /// <summary>
    /// The commission's decisions on a dossier's candidates, in their order: about one in eleven not retained (non-attribution with its reason, or
    /// rarely irrecevabilité), the first retained gets the dwelling (one in eight under suspensive condition when pieces can be deposited), the
    /// others are ranked 2, 3…
    /// </summary>
    private List<(DecisionCaleol Decision, int? Rang, SaisieDecision Saisie)> Decisions(int candidats, DateOnly seance)
    {
        var plan = new List<(DecisionCaleol, int?, SaisieDecision)>();
        var retenus = 0;
        for (var i = 1; i <= candidats; i++)
        {
            var tirage = _hasard.NextDouble();
            var dernier = i == candidats && retenus == 0;
            if (!dernier && tirage < 0.07)
            {
                var motif = new[] { MotifDecisionCaleol.TauxEffort, MotifDecisionCaleol.InadapteComposition, MotifDecisionCaleol.InadapteBesoins }[_hasard.Next(3)];
                plan.Add((DecisionCaleol.NonAttribution, null, new SaisieDecision(i, DecisionCaleol.NonAttribution.Code(), null, [motif.Code()], null, null, null)));
                continue;
            }
            if (!dernier && tirage < 0.09)
            {
                plan.Add((DecisionCaleol.Irrecevabilite, null, new SaisieDecision(i, DecisionCaleol.Irrecevabilite.Code(), null,
                    [MotifDecisionCaleol.AutreConditionLegale.Code()], "Titre de séjour du cotitulaire expiré à la date de la commission.", null, null)));
                continue;
            }
            retenus++;
            if (retenus > 1)
                plan.Add((DecisionCaleol.AttributionAvecRang, retenus, new SaisieDecision(i, DecisionCaleol.AttributionAvecRang.Code(), retenus, null, null, null, null)));
            else if (pieces is not null && catalogue is not null && _hasard.NextDouble() < 0.125)
                plan.Add((DecisionCaleol.AttributionSousConditionSuspensive, null, new SaisieDecision(i, DecisionCaleol.AttributionSousConditionSuspensive.Code(), null,
                    null, null, TypePiece.AvisImposition.Code(), Date(seance.AddDays(21)))));
            else plan.Add((DecisionCaleol.Attribution, null, new SaisieDecision(i, DecisionCaleol.Attribution.Code(), null, null, null, null, null)));
        }
        return plan;
    }

    private async Task VoterAsync(Suivi s, string dossierId, List<(DecisionCaleol Decision, int? Rang, SaisieDecision Saisie)> plan, DateTimeOffset quand, CancellationToken ct)
    {
        var h = new HorlogeArretee(quand);
        var caleol = new CaleolService(db, h, new VacancesService(db, h));
        var agent = _agentsBailleurs[s.Bailleur.Id];
        var votants = _commissions[s.Bailleur.Id].Membres.Select((m, i) => (m, Rang: i + 1))
            .Where(x => x.m.Qualite is not ("isft" or "reservataire") && (x.m.Qualite != "maire" || x.m.Commune == s.Commune)).Select(x => x.Rang).ToList();
        foreach (var (decision, _, saisie) in plan)
        {
            // Mostly unanimous; now and then the tenants' representative votes otherwise, without changing the majority.
            var votes = votants.Select(m => new VoteSaisi(m, decision.Code())).ToList();
            if (votes.Count >= 5 && _hasard.NextDouble() < 0.1)
                votes[1] = new VoteSaisi(votes[1].Membre, (decision == DecisionCaleol.NonAttribution ? DecisionCaleol.AttributionAvecRang : DecisionCaleol.NonAttribution).Code());
            await caleol.VoterAsync(agent, dossierId, new SaisieVotes(saisie.Candidat, votes), ct);
            db.ChangeTracker.Clear();
        }
    }

    private async Task DeciderAsync(Suivi s, string dossierId, List<(DecisionCaleol Decision, int? Rang, SaisieDecision Saisie)> plan, DateTimeOffset quand, CancellationToken ct)
    {
        var h = new HorlogeArretee(quand);
        var caleol = new CaleolService(db, h, new VacancesService(db, h));
        var agent = _agentsBailleurs[s.Bailleur.Id];
        var retenus = 0;
        for (var i = 0; i < plan.Count; i++)
        {
            var (decision, _, saisie) = plan[i];
            var fait = await caleol.DeciderAsync(agent, dossierId, saisie, ct);
            db.ChangeTracker.Clear();
            if (!fait.EstReussi) throw new InvalidOperationException($"Démonstration : décision refusée ({decision}) : {fait.Motif} {string.Join(" ", fait.Erreurs)}");
            if (decision.EstPositive()) retenus++;
            else Liberer(s, [s.Candidats[i]]);
        }
        if (retenus == 0)
        {
            Liberer(s, s.Candidats);
            return;
        }
        var jour = HeureFrance.Jour(quand);
        var premier = plan.First(p => p.Decision.EstPositive());
        if (premier.Decision == DecisionCaleol.AttributionSousConditionSuspensive)
        {
            // The applicant brings the missing piece a few days later; the offer follows.
            var numero = s.Candidats[premier.Saisie.Candidat!.Value - 1];
            var depot = HeureFrance.A(Ouvre(jour, _hasard.Next(3, 10)), new TimeOnly(10, _hasard.Next(0, 60)));
            Planifier(depot, async q =>
            {
                var type = catalogue!.Types.FirstOrDefault(t => t.CategorieChronologie == TypePiece.AvisImposition && !t.ContientNir);
                if (type is null) return;
                var fait = await pieces!(new HorlogeArretee(q)).DeposerAsync(_agentsBailleurs[s.Bailleur.Id], numero, type.Code,
                    new FichierRecu("avis-imposition.pdf", Justificatif.Length, Justificatif), null, ct);
                db.ChangeTracker.Clear();
                if (fait.EstReussi) Planifier(HeureFrance.A(Ouvre(HeureFrance.Jour(q), 1), new TimeOnly(10, _hasard.Next(0, 60))), q2 => OffrirAsync(s, q2, ct));
            });
            return;
        }
        Planifier(HeureFrance.A(Ouvre(jour, _hasard.Next(1, 4)), new TimeOnly(10, _hasard.Next(0, 60))), q => OffrirAsync(s, q, ct));
    }

    /// <summary>A minimal PDF standing for the scanned piece.</summary>
    private static readonly byte[] Justificatif = [.. "%PDF-1.7\n% Piece de demonstration (Logis)\n1 0 obj << >> endobj\n%%EOF\n"u8];

    private async Task OffrirAsync(Suivi s, DateTimeOffset quand, CancellationToken ct)
    {
        var h = new HorlogeArretee(quand);
        var offres = new OffresService(db, h, demandes(h), delai);
        var agent = _agentsBailleurs[s.Bailleur.Id];
        var etat = await offres.OffresVacanceAsync(agent, s.Id, ct);
        if (!etat.EstReussi) return;
        if (etat.Valeur.ProchainCandidat is not { } numero)
        {
            // Every candidate the commission retained refused: the landlord withdraws the vacancy and declares it again, for new candidates.
            await RetirerAsync(s, quand, "Tous les candidats retenus par la commission ont refusé l'offre : le logement est déclaré à nouveau.", "refus de tous les retenus", ct);
            if (s.Redeclarations++ < 1)
                Planifier(HeureFrance.A(Ouvre(HeureFrance.Jour(quand), 1), new TimeOnly(9, _hasard.Next(0, 60))), q => DeclarerAsync(s, q, ct));
            return;
        }
        var faite = await offres.FaireAsync(agent, s.Id, new SaisieOffre(numero, _hasard.NextDouble() < 0.96, null), ct);
        if (!faite.EstReussi) return;
        _offres++;
        var offre = faite.Valeur;
        var jour = HeureFrance.Jour(quand);
        var tirage = _hasard.NextDouble();
        if (tirage < 0.08)
        {
            // No answer by the deadline: the daily run of the next day records it as a refusal (R441-10), then the next ranked candidate.
            var lendemain = offre.Echeance.AddDays(1);
            Planifier(HeureFrance.A(lendemain, new TimeOnly(6, 30)), async q =>
            {
                var n = await new OffresService(db, new HorlogeArretee(q), demandes(new HorlogeArretee(q)), delai).ConstaterSansReponseAsync(_systeme, lendemain, ct);
                _sansReponse += n;
                _repos[numero] = lendemain.AddDays(60);
                Liberer(s, [numero]);
                Planifier(HeureFrance.A(Ouvre(lendemain, _hasard.Next(1, 3)), new TimeOnly(10, _hasard.Next(0, 60))), q2 => OffrirAsync(s, q2, ct));
            });
            return;
        }
        var reponse = Ouvre(jour, _hasard.Next(2, 8));
        if (reponse > offre.Echeance) reponse = offre.Echeance;
        var acceptee = tirage >= 0.08 + 0.3;
        Planifier(HeureFrance.A(reponse, new TimeOnly(16, _hasard.Next(0, 60))), q => RepondreAsync(s, offre.Id.ToString(), numero, acceptee, q, ct));
    }

    private static readonly (MotifRefus Motif, int Poids)[] MotifsRefus =
    [
        (MotifRefus.Localisation, 25), (MotifRefus.Environnement, 20), (MotifRefus.TypologieOuSurface, 15), (MotifRefus.EtageOuAccessibilite, 10),
        (MotifRefus.LoyerOuCharges, 10), (MotifRefus.EtatDuLogement, 10), (MotifRefus.SituationChangee, 5), (MotifRefus.Autre, 5),
    ];

    private async Task RepondreAsync(Suivi s, string offreId, string numero, bool acceptee, DateTimeOffset quand, CancellationToken ct)
    {
        var h = new HorlogeArretee(quand);
        var offres = new OffresService(db, h, demandes(h), delai);
        var agent = _agentsBailleurs[s.Bailleur.Id];
        string? motif = null;
        if (!acceptee)
        {
            var tirage = _hasard.Next(100);
            motif = MotifsRefus.First(m => (tirage -= m.Poids) < 0).Motif.Code();
        }
        var fait = await offres.RepondreAsync(agent, offreId, new SaisieReponseOffre(acceptee, motif), ct);
        if (!fait.EstReussi) return;
        var jour = HeureFrance.Jour(quand);
        if (!acceptee)
        {
            _refus++;
            _repos[numero] = jour.AddDays(60);
            Liberer(s, [numero]);
            Planifier(HeureFrance.A(Ouvre(jour, _hasard.Next(2, 6)), new TimeOnly(10, _hasard.Next(0, 60))), q => OffrirAsync(s, q, ct));
            return;
        }
        var signature = Ouvre(jour, _hasard.Next(3, 13));
        // The year's leases are signed in its twelve months: a household that accepted during the first weeks of declarations signs on its first working day.
        var premierJour = _aujourdhui.AddMonths(-Mois);
        while (!JoursFeries.EstOuvrable(premierJour)) premierJour = premierJour.AddDays(1);
        if (signature < premierJour) signature = premierJour;
        Planifier(HeureFrance.A(signature, new TimeOnly(15, _hasard.Next(0, 60))), q => SignerAsync(s, offreId, q, ct));
    }

    private async Task SignerAsync(Suivi s, string offreId, DateTimeOffset quand, CancellationToken ct)
    {
        var h = new HorlogeArretee(quand);
        var offres = new OffresService(db, h, demandes(h), delai);
        var jour = HeureFrance.Jour(quand);
        var effet = jour.AddDays(_hasard.Next(0, 15));
        var fait = await offres.SignerBailAsync(_agentsBailleurs[s.Bailleur.Id], offreId, new SaisieBailSigne(Date(jour), Date(effet)), ct);
        if (!fait.EstReussi) throw new InvalidOperationException($"Démonstration : bail refusé sur {s.Rpls} : {fait.Motif} {string.Join(" ", fait.Erreurs)}");
        _baux++;
        var mois = jour.ToString("yyyy-MM", CultureInfo.InvariantCulture);
        _bauxParMois[mois] = _bauxParMois.GetValueOrDefault(mois) + 1;
        Liberer(s, s.Candidats);
    }

    private async Task RetirerAsync(Suivi s, DateTimeOffset quand, string motif, string cause, CancellationToken ct)
    {
        var fait = await new VacancesService(db, new HorlogeArretee(quand)).RetirerAsync(_agentsBailleurs[s.Bailleur.Id], s.Id, new RetraitVacance(motif), ct);
        if (fait.EstReussi)
        {
            _retraits++;
            _retraitsParCause[cause] = _retraitsParCause.GetValueOrDefault(cause) + 1;
        }
        Liberer(s, s.Candidats);
    }

    /// <summary>Frees the demands still engaged for this vacancy (one that refused it may be engaged for another by now).</summary>
    private void Liberer(Suivi s, IEnumerable<string> numeros)
    {
        foreach (var n in numeros)
            if (_engagees.TryGetValue(n, out var suivi) && ReferenceEquals(suivi, s)) _engagees.Remove(n);
    }

    // ---- Time ----

    /// <summary>Plays <paramref name="acte"/> at <paramref name="quand"/>, unless that is now or later (the vacancy then stays where it is today).</summary>
    private void Planifier(DateTimeOffset quand, Func<DateTimeOffset, Task> acte)
    {
        if (quand >= _fin) return;
        _file.Enqueue(() => acte(quand), (quand.UtcTicks, _sequence++));
    }

    /// <summary>The <paramref name="n"/>-th working day after (or before, when negative) <paramref name="jour"/>.</summary>
    private static DateOnly Ouvre(DateOnly jour, int n)
    {
        var pas = n < 0 ? -1 : 1;
        for (var i = 0; i < Math.Abs(n); i++)
        {
            do jour = jour.AddDays(pas);
            while (!JoursFeries.EstOuvrable(jour));
        }
        return jour;
    }

    /// <summary>The bailleur's weekly session on or after <paramref name="auPlusTot"/>: Tuesdays for one bailleur in two, Thursdays for the others (a holiday moves it to the next working day).</summary>
    private DateOnly ProchaineSeance(BailleurId bailleur, DateOnly auPlusTot)
    {
        var jourSemaine = _commissions[bailleur].Indice % 2 == 0 ? DayOfWeek.Tuesday : DayOfWeek.Thursday;
        var jour = auPlusTot;
        while (jour.DayOfWeek != jourSemaine) jour = jour.AddDays(1);
        while (!JoursFeries.EstOuvrable(jour)) jour = jour.AddDays(1);
        return jour;
    }

    /// <summary>How many of the sorted days <paramref name="liberes"/> fall before <paramref name="jour"/>.</summary>
    private static int Libres(DateOnly[] liberes, DateOnly jour)
    {
        var i = Array.BinarySearch(liberes, jour);
        if (i < 0) return ~i;
        while (i > 0 && liberes[i - 1] == jour) i--;
        return i;
    }

    private static string Date(DateOnly jour) => jour.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    // ---- Who acts ----

    /// <summary>
    /// The commission of a bailleur (L441-2): six members it designates, one of them representing the tenants, the président elected among them;
    /// the préfet's and the EPCI president's representatives; the mayor (or representative) of each commune of its stock, with a casting vote; a
    /// réservataire with a consultative voice. Members are named by their function, never by a person's name.
    /// </summary>
    private static List<SaisieMembreDemo> Membres(List<(string Code, string Nom)> communes)
    {
        var membres = new List<SaisieMembreDemo>
        {
            new("Présidence de la commission (administrateur désigné)", "bailleur", true, null),
            new("Administrateur désigné n° 2", "bailleur", false, null),
            new("Administrateur désigné n° 3", "bailleur", false, null),
            new("Administrateur désigné n° 4", "bailleur", false, null),
            new("Administrateur désigné n° 5", "bailleur", false, null),
            new("Administrateur représentant les locataires", "locataires", false, null),
            new("Représentant du préfet (DDETS du Var)", "prefet", false, null),
            new("Représentant du président de l'intercommunalité", "epci", false, null),
        };
        foreach (var (code, nom) in communes)
        {
            var libelle = $"Représentant du maire de {nom}";
            membres.Add(new(libelle.Length <= SeanceCaleol.LongueurNomMax ? libelle : libelle[..SeanceCaleol.LongueurNomMax], "maire", false, code));
        }
        membres.Add(new("Représentant des réservataires (voix consultative)", "reservataire", false, null));
        return membres;
    }

    /// <summary>The EPCI's demo agent (the counter that renews the demands of the year), otherwise the operator of its file.</summary>
    private async Task<Agent> AgentEpciAsync(Siren epci, CancellationToken ct)
    {
        var u = await db.Utilisateurs.AsNoTracking().Where(x => x.EpciSiren == epci && x.Role == Role.AgentEpci).OrderBy(x => x.Identifiant).FirstOrDefaultAsync(ct);
        return u is null ? Agent.Exploitant(epci) : new Agent(u.Id, u.NomComplet, Role.AgentEpci, new Perimetre(epci));
    }

    private async Task<Agent> AgentBailleurAsync(Siren epci, Bailleur b, CancellationToken ct)
    {
        var u = await db.Utilisateurs.AsNoTracking().Where(x => x.EpciSiren == epci && x.Role == Role.AgentBailleur && x.BailleurId == b.Id)
            .OrderBy(x => x.Identifiant).FirstOrDefaultAsync(ct);
        return u is null
            ? new Agent(DeterministicGuid.From($"agent-demo:{epci}:{b.Id}"), $"Service gestion locative ({b.Nom})", Role.AgentBailleur, new Perimetre(epci, BailleurId: b.Id))
            : new Agent(u.Id, u.NomComplet, Role.AgentBailleur, new Perimetre(epci, BailleurId: b.Id));
    }

    /// <summary>The réservataire's demo account when it has one, otherwise an agent of its attributions service.</summary>
    private async Task<Agent> AgentReservataireAsync(Siren epci, Reservataire r, CancellationToken ct)
    {
        var u = await db.Utilisateurs.AsNoTracking().Where(x => x.EpciSiren == epci && x.Role == Role.AgentReservataire && x.ReservataireId == r.Id)
            .OrderBy(x => x.Identifiant).FirstOrDefaultAsync(ct);
        return u is null
            ? new Agent(DeterministicGuid.From($"agent-demo:{epci}:{r.Id}"), $"Service des attributions ({r.Nom})", Role.AgentReservataire, new Perimetre(epci, ReservataireId: r.Id))
            : new Agent(u.Id, u.NomComplet, Role.AgentReservataire, new Perimetre(epci, ReservataireId: r.Id));
    }
}

/// <summary>A clock stopped at one instant: the demo replays each act at its own date.</summary>
internal sealed class HorlogeArretee(DateTimeOffset instant) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => instant.ToUniversalTime();
}
