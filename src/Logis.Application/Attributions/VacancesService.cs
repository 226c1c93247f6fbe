using Logis.Application.Commun;
using System.Globalization;
using Logis.Application.Acces;
using Logis.Application.Territoire;
using Logis.Domain.Acces;
using Logis.Domain.Attributions;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Organisations;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Demandes;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Attributions;

/// <summary>A vacancy as the landlord declares it (API body, form): RPLS number of the dwelling, date available (AAAA-MM-JJ or JJ/MM/AAAA),
/// rent and charges (default: the dwelling's), and the R441-5 exclusion code when it is left out of the flux.</summary>
public sealed record DeclarationVacance(string? Logement, string? DateDisponibilite, decimal? Loyer, decimal? Charges, string? HorsFlux);

/// <summary>The landlord's orientation: the réservataire chosen (the suggestion or another), and its own words when it departs from the suggestion.</summary>
public sealed record OrientationVacance(Guid? Reservataire, string? Motif);

/// <summary>A withdrawal and its reason.</summary>
public sealed record RetraitVacance(string? Motif);

/// <summary>One line of the vacancy board or inbox.</summary>
public sealed record LigneVacance(Guid Id, string NumeroRpls, string Bailleur, string CommuneInsee, string Commune, bool EnQpv, string Typologie,
    string Financement, DateOnly DateDisponibilite, decimal Loyer, decimal Charges, string Statut, string StatutLibelle, bool CompteDansFlux,
    string? Reservataire, DateOnly? EcheanceProposition, int? JoursRestants);

public sealed record EvenementVacanceVue(DateTimeOffset Quand, string Organisation, string Resume);

/// <summary>A réservataire the landlord may orient the vacancy to, with its share where the dwelling is.</summary>
public sealed record ChoixReservataire(Guid Id, string Nom, string Type, decimal PartIci, decimal Du, int Recus, decimal Retard, bool Suggere);

/// <summary>A vacancy in full for one agent: the dwelling's features, the flux, the status, the history; for the landlord, the suggestion.</summary>
public sealed record VacanceDetail(Guid Id, string NumeroRpls, Guid LogementId, string Bailleur, string CommuneInsee, string Commune, string? Qpv,
    string Typologie, string Financement, bool AccessiblePmr, DateOnly DateDisponibilite, decimal Loyer, decimal Charges, bool CompteDansFlux,
    string? HorsFlux, string? HorsFluxLibelle, string Statut, string StatutLibelle, Guid? ReservataireId, string? Reservataire, int? AnneeFlux,
    DateOnly? EcheanceProposition, string? MotifOrientation, string? MotifRetrait, IReadOnlyList<EvenementVacanceVue> Evenements,
    bool PeutGerer, string? Suggestion, Guid? ReservataireSuggere, IReadOnlyList<ChoixReservataire> Choix);

/// <summary>
/// The use cases of vacancies and their orientation in the gestion en flux (R441-5, R441-5-2), shared by the pages, the API, the command line
/// and the demo seeding: declare a vacancy of one's stock, suggest whose turn it is and orient it, withdraw it, and the daily hand-back of the
/// vacancies whose réservataire did not propose within the delay. Each act is checked by the domain, written in the vacancy's history and the
/// audit journal, and saved once. Who may do what: <see cref="AccesVacances"/>.
/// </summary>
public sealed class VacancesService(LogisDbContext db, TimeProvider horloge)
{
    public const int TaillePageParDefaut = 50;
    public const int TaillePageMax = 200;

    public static string Introuvable(string id) => $"Aucune vacance d'identifiant {id} dans votre périmètre.";

    /// <summary>The réservataires the agent acts for: its own (réservataire agent), its commune's (commune agent); none for the others.</summary>
    public async Task<IReadOnlyList<ReservataireId>> ReservatairesDeAsync(Agent agent, CancellationToken ct)
    {
        var p = agent.Perimetre;
        if (agent.Role == Role.AgentReservataire && p.ReservataireId is { } r) return [r];
        if (agent.Role == Role.AgentCommune && p.CommuneInsee is { } c)
            return await db.Reservataires.AsNoTracking().Where(x => x.EpciSiren == p.EpciSiren && x.Type == TypeReservataire.Commune && x.CommuneInsee == c)
                .Select(x => x.Id).ToListAsync(ct);
        return [];
    }

    /// <summary>The vacancies of the agent's perimeter (<see cref="AccesVacances.Voit"/> as a query).</summary>
    private IQueryable<Vacance> Visibles(Agent agent, IReadOnlyList<ReservataireId> siens)
    {
        var p = agent.Perimetre;
        var q = db.Vacances.AsNoTracking().Where(v => v.EpciSiren == p.EpciSiren);
        if (AccesVacances.VoitTout(agent.Role)) return q;
        if (agent.Role == Role.AgentBailleur) return p.BailleurId is { } b ? q.Where(v => v.BailleurId == b) : q.Where(_ => false);
        var ids = siens.Select(s => (ReservataireId?)s).ToList();
        return q.Where(v => ids.Contains(v.ReservataireId));
    }

    /// <summary>
    /// The open vacancies of the agent's perimeter awaiting candidates: oriented to a réservataire or handed back to the landlord, none proposed yet
    /// (the batch of the matching, <see cref="AppariementService"/>).
    /// </summary>
    internal IQueryable<Vacance> OuvertesSansCandidat(Agent agent, IReadOnlyList<ReservataireId> siens) =>
        Visibles(agent, siens).Where(v => (v.Statut == StatutVacance.Orientee || v.Statut == StatutVacance.Rendue) && !db.Candidatures.Any(c => c.VacanceId == v.Id));

    public static (StatutVacance? Statut, int Page, int Taille, Dictionary<string, string[]> Erreurs) LireFiltre(string? statut, string? page, string? taillePage)
    {
        var erreurs = new Dictionary<string, string[]>();
        StatutVacance? s = null;
        if (!string.IsNullOrWhiteSpace(statut))
        {
            s = LibellesVacance.LireStatut(statut);
            if (s is null) erreurs["statut"] = ["Statut inconnu : " + string.Join(", ", Enum.GetValues<StatutVacance>().Select(x => x.Code())) + "."];
        }
        var numero = 1;
        if (!string.IsNullOrWhiteSpace(page) && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out numero) || numero < 1))
            erreurs["page"] = ["Le numéro de page est un entier à partir de 1."];
        var taille = TaillePageParDefaut;
        if (!string.IsNullOrWhiteSpace(taillePage) && (!int.TryParse(taillePage, NumberStyles.None, CultureInfo.InvariantCulture, out taille) || taille is < 1 or > TaillePageMax))
            erreurs["taillePage"] = [$"La taille de page est comprise entre 1 et {TaillePageMax}."];
        return (s, numero, taille, erreurs);
    }

    /// <summary>
    /// The vacancies the agent sees, paged: the landlord's board (its stock), the réservataire's inbox (those oriented to it, the nearest
    /// deadline first), every vacancy for the EPCI. Those awaiting candidates first by deadline, then by date available, then RPLS number.
    /// </summary>
    public async Task<Resultat<PageResultats<LigneVacance>>> ListerAsync(Agent agent, string? statut, string? page, string? taillePage, CancellationToken ct)
    {
        var (s, numero, taille, erreurs) = LireFiltre(statut, page, taillePage);
        if (erreurs.Count > 0) return Resultat.Invalide<PageResultats<LigneVacance>>("Un ou plusieurs paramètres sont invalides.", erreurs);
        var q = Visibles(agent, await ReservatairesDeAsync(agent, ct));
        if (s is { } x) q = q.Where(v => v.Statut == x);
        var total = await q.CountAsync(ct);
        var vacances = await q.OrderBy(v => v.Statut != StatutVacance.Orientee).ThenBy(v => v.EcheanceProposition).ThenBy(v => v.DateDisponibilite).ThenBy(v => v.NumeroRpls)
            .Skip((numero - 1) * taille).Take(taille).ToListAsync(ct);
        var noms = await NomsAsync(agent.Perimetre.EpciSiren, ct);
        var aujourdhui = horloge.AujourdhuiEnFrance();
        var lignes = vacances.Select(v => new LigneVacance(v.Id.Value, v.NumeroRpls, noms.Bailleur(v.BailleurId), v.CommuneInsee.Value, noms.Commune(v.CommuneInsee),
            v.EnQpv, v.Typologie.Libelle(), v.Financement.Libelle(), v.DateDisponibilite, v.Loyer, v.Charges, v.Statut.Code(), v.Statut.Libelle(), v.CompteDansFlux,
            v.ReservataireId is { } r ? noms.Reservataire(r) : null, v.Statut == StatutVacance.Orientee ? v.EcheanceProposition : null,
            v.Statut == StatutVacance.Orientee && v.EcheanceProposition is { } e ? e.DayNumber - aujourdhui.DayNumber : null)).ToList();
        return Resultat.Ok(new PageResultats<LigneVacance>(lignes, numero, taille, total));
    }

    public async Task<Resultat<VacanceDetail>> LireAsync(Agent agent, string id, CancellationToken ct)
    {
        var vacance = await TrouverAsync(agent, id, suivre: false, ct);
        if (vacance is null) return Resultat.NonTrouve<VacanceDetail>(Introuvable(id));
        var noms = await NomsAsync(agent.Perimetre.EpciSiren, ct);
        var gere = AccesVacances.PeutGerer(agent.Role, agent.Perimetre, vacance.BailleurId);
        SuggestionOrientation? suggestion = null;
        if (gere && vacance.Statut == StatutVacance.Declaree) suggestion = await SuggererAsync(vacance, noms, ct);
        var qpv = vacance.QpvCode is { } code ? await db.Qpvs.AsNoTracking().Where(x => x.Code == code).Select(x => x.Nom + " (" + x.Code + ")").FirstOrDefaultAsync(ct) ?? code : null;
        var choix = suggestion is null ? [] : suggestion.Soldes.Where(s => s.PartIci > 0 || s.Reservataire == suggestion.Reservataire)
            .Where(s => vacance.CompteDansFlux || s.ContingentDuBailleur)
            .Select(s => new ChoixReservataire(s.Reservataire.Value, s.Nom, Reservataire.LibelleType(s.Type), s.PartIci, decimal.Round(s.Du, 2), s.Recus,
                decimal.Round(s.Retard, 2), s.Reservataire == suggestion.Reservataire)).ToList();
        return Resultat.Ok(new VacanceDetail(vacance.Id.Value, vacance.NumeroRpls, vacance.LogementId.Value, noms.Bailleur(vacance.BailleurId), vacance.CommuneInsee.Value,
            noms.Commune(vacance.CommuneInsee), qpv, vacance.Typologie.Libelle(), vacance.Financement.Libelle(), vacance.AccessiblePmr, vacance.DateDisponibilite,
            vacance.Loyer, vacance.Charges, vacance.CompteDansFlux, vacance.HorsFlux?.Code(), vacance.HorsFlux?.Libelle(), vacance.Statut.Code(), vacance.Statut.Libelle(),
            vacance.ReservataireId?.Value, vacance.ReservataireId is { } r ? noms.Reservataire(r) : null, vacance.AnneeFlux,
            vacance.EcheanceProposition, vacance.MotifOrientation, vacance.MotifRetrait,
            [.. vacance.Evenements.OrderBy(e => e.Rang).Select(e => new EvenementVacanceVue(HeureFrance.EnFrance(e.Quand), e.Organisation, e.Resume))],
            gere && vacance.EstOuverte, suggestion?.Explication, suggestion?.Reservataire.Value, choix));
    }

    /// <summary>Declares a vacancy of one of the landlord's dwellings. A dwelling has at most one open vacancy.</summary>
    public async Task<Resultat<Vacance>> DeclarerAsync(Agent agent, DeclarationVacance? saisie, CancellationToken ct)
    {
        if (agent.Role != Role.AgentBailleur || agent.Perimetre.BailleurId is not { } bailleur)
            return Resultat.Interdit<Vacance>("Seuls les agents d'un bailleur déclarent les vacances de leur parc.");
        saisie ??= new DeclarationVacance(null, null, null, null, null);
        var erreurs = new Dictionary<string, string[]>();
        Logement? logement = null;
        var rpls = saisie.Logement?.Trim();
        if (string.IsNullOrEmpty(rpls)) erreurs["logement"] = ["Indiquez le numéro RPLS du logement (10 caractères au plus)."];
        else
        {
            var communes = await db.Communes.AsNoTracking().Where(c => c.EpciSiren == agent.Perimetre.EpciSiren).Select(c => c.CodeInsee).ToListAsync(ct);
            logement = await db.Logements.AsNoTracking().SingleOrDefaultAsync(l => l.NumeroRpls == rpls && l.BailleurId == bailleur && communes.Contains(l.CommuneInsee), ct);
            if (logement is null) erreurs["logement"] = [$"Aucun logement de votre parc sur le territoire ne porte le numéro RPLS « {rpls} »."];
        }
        DateOnly date = default;
        if (string.IsNullOrWhiteSpace(saisie.DateDisponibilite)) erreurs["dateDisponibilite"] = ["Indiquez la date à laquelle le logement est disponible (JJ/MM/AAAA)."];
        else if (!DateSaisie.Lire(saisie.DateDisponibilite, out date))
            erreurs["dateDisponibilite"] = ["La date de disponibilité n'est pas une date valide : écrivez-la au format JJ/MM/AAAA (par exemple 15/01/2027)."];
        MotifHorsFlux? horsFlux = null;
        if (!string.IsNullOrWhiteSpace(saisie.HorsFlux))
        {
            horsFlux = LibellesVacance.LireMotif(saisie.HorsFlux);
            if (horsFlux is null) erreurs["horsFlux"] = ["Motif hors flux inconnu : " + string.Join(", ", Enum.GetValues<MotifHorsFlux>().Select(m => m.Code())) + " (article R441-5 du CCH)."];
        }
        if (erreurs.Count > 0) return Resultat.Invalide<Vacance>("La déclaration de vacance comporte des erreurs.", erreurs);
        var l = logement!;
        if (await db.Vacances.AnyAsync(v => v.LogementId == l.Id && v.Statut != StatutVacance.Attribuee && v.Statut != StatutVacance.Retiree, ct))
            return Resultat.Conflit<Vacance>($"Le logement {l.NumeroRpls} a déjà une vacance en cours : complétez-la ou retirez-la avant d'en déclarer une autre.");
        var acteur = await Acteurs.DeAsync(db, agent, ct);
        var quand = horloge.MaintenantEnFrance();
        var vacance = Vacance.Declarer(new VacanceId(Guid.NewGuid()), agent.Perimetre.EpciSiren, l,
            new SaisieVacance(date, saisie.Loyer ?? l.LoyerPrincipal, saisie.Charges ?? l.Charges, horsFlux), quand, acteur);
        if (!vacance.EstReussi) return vacance;
        db.Vacances.Add(vacance.Valeur);
        Auditer(agent, acteur, ActionsAuditVacances.Declaration, vacance.Valeur, null);
        await db.SaveChangesAsync(ct);
        return vacance;
    }

    /// <summary>Whose turn it is for a declared vacancy of the landlord's stock, and why.</summary>
    public async Task<Resultat<SuggestionOrientation>> SuggererAsync(Agent agent, string id, CancellationToken ct)
    {
        var vacance = await TrouverAsync(agent, id, suivre: false, ct);
        if (vacance is null) return Resultat.NonTrouve<SuggestionOrientation>(Introuvable(id));
        if (!AccesVacances.PeutGerer(agent.Role, agent.Perimetre, vacance.BailleurId))
            return Resultat.Interdit<SuggestionOrientation>("Seul le bailleur du logement oriente la vacance.");
        if (vacance.Statut != StatutVacance.Declaree)
            return Resultat.Conflit<SuggestionOrientation>($"La vacance est {vacance.Statut.Libelle()} : elle a déjà été orientée.");
        return Resultat.Ok(await SuggererAsync(vacance, await NomsAsync(agent.Perimetre.EpciSiren, ct), ct));
    }

    /// <summary>
    /// Orients a declared vacancy to a réservataire that may receive it here (a convention covering its commune, or the landlord's own
    /// contingent). The reason recorded is the suggestion's explanation when it is followed, the landlord's words otherwise.
    /// </summary>
    public async Task<Resultat<Vacance>> OrienterAsync(Agent agent, string id, OrientationVacance? saisie, CancellationToken ct)
    {
        var vacance = await TrouverAsync(agent, id, suivre: true, ct);
        if (vacance is null) return Resultat.NonTrouve<Vacance>(Introuvable(id));
        if (!AccesVacances.PeutGerer(agent.Role, agent.Perimetre, vacance.BailleurId))
            return Abandonner(Echec.Interdit("Seul le bailleur du logement oriente la vacance."));
        if (vacance.Statut != StatutVacance.Declaree)
            return Abandonner(Echec.Conflit($"La vacance est {vacance.Statut.Libelle()} : elle a déjà été orientée."));
        if (saisie?.Reservataire is not { } choisi)
            return Abandonner(Echec.Invalide("Choisissez le réservataire.", new Dictionary<string, string[]> { ["reservataire"] = ["Choisissez le réservataire vers lequel orienter la vacance."] }));
        var noms = await NomsAsync(agent.Perimetre.EpciSiren, ct);
        var suggestion = await SuggererAsync(vacance, noms, ct);
        var ligne = suggestion.Soldes.FirstOrDefault(s => s.Reservataire.Value == choisi);
        if (ligne is null || (ligne.PartIci <= 0 && ligne.Reservataire != suggestion.Reservataire))
            return Abandonner(Echec.Invalide("Ce réservataire ne peut pas recevoir ce logement.", new Dictionary<string, string[]>
            {
                ["reservataire"] = ["Choisissez un réservataire dont la convention avec le bailleur couvre la commune du logement, ou le contingent propre du bailleur."],
            }));
        var motif = ligne.Reservataire == suggestion.Reservataire
            ? "Suggestion suivie. " + suggestion.Explication
            : $"Choix du bailleur, différent de la suggestion ({suggestion.Nom})" + (string.IsNullOrWhiteSpace(saisie.Motif) ? "." : " : " + saisie.Motif.Trim());
        int? delai = ligne.ContingentDuBailleur ? null
            : await db.Conventions.AsNoTracking().Where(c => c.BailleurId == vacance.BailleurId && c.ReservataireId == ligne.Reservataire).Select(c => (int?)c.DelaiPropositionJours).SingleOrDefaultAsync(ct);
        var acteur = await Acteurs.DeAsync(db, agent, ct);
        var fait = vacance.Orienter(ligne.Reservataire, ligne.ContingentDuBailleur, ligne.Nom, delai, motif, horloge.MaintenantEnFrance(), acteur);
        if (!fait.EstReussi) return Abandonner(fait.Probleme);
        Auditer(agent, acteur, ActionsAuditVacances.Orientation, vacance, ligne.Nom);
        return await SauverAsync(vacance, ct);
    }

    /// <summary>The landlord withdraws an open vacancy, with its reason.</summary>
    public async Task<Resultat<Vacance>> RetirerAsync(Agent agent, string id, RetraitVacance? saisie, CancellationToken ct)
    {
        var vacance = await TrouverAsync(agent, id, suivre: true, ct);
        if (vacance is null) return Resultat.NonTrouve<Vacance>(Introuvable(id));
        if (!AccesVacances.PeutGerer(agent.Role, agent.Perimetre, vacance.BailleurId))
            return Abandonner(Echec.Interdit("Seul le bailleur du logement retire la vacance."));
        var acteur = await Acteurs.DeAsync(db, agent, ct);
        var fait = vacance.Retirer(saisie?.Motif, horloge.MaintenantEnFrance(), acteur);
        if (!fait.EstReussi) return Abandonner(fait.Probleme);
        Auditer(agent, acteur, ActionsAuditVacances.Retrait, vacance, null);
        return await SauverAsync(vacance, ct);
    }

    /// <summary>
    /// The daily hand-back of one EPCI: every vacancy still oriented whose proposal deadline ended before <paramref name="jour"/> goes back
    /// to its landlord (history, audit), one save per vacancy. Returns how many were handed back.
    /// </summary>
    public async Task<int> RendreEchuesAsync(Agent systeme, DateOnly jour, CancellationToken ct)
    {
        var epci = systeme.Perimetre.EpciSiren;
        var ids = await db.Vacances.AsNoTracking()
            .Where(v => v.EpciSiren == epci && v.Statut == StatutVacance.Orientee && v.EcheanceProposition != null && v.EcheanceProposition < jour)
            .Select(v => v.Id).ToListAsync(ct);
        var acteur = await Acteurs.DeAsync(db, systeme, ct);
        // Today: now; another day (catching up, tests): noon of that French day, as the daily run of the reminders.
        var quand = jour == horloge.AujourdhuiEnFrance() ? horloge.MaintenantEnFrance() : HeureFrance.A(jour, new TimeOnly(12, 0));
        var total = 0;
        foreach (var id in ids)
        {
            var vacance = await db.Vacances.SingleAsync(v => v.Id == id, ct);
            if (!vacance.Rendre(jour, quand, acteur).EstReussi)
            {
                db.ChangeTracker.Clear();
                continue;
            }
            Auditer(systeme, acteur, ActionsAuditVacances.Restitution, vacance, null);
            if ((await SauverAsync(vacance, ct)).EstReussi) total++;
            db.ChangeTracker.Clear();
        }
        return total;
    }

    private async Task<SuggestionOrientation> SuggererAsync(Vacance vacance, Noms noms, CancellationToken ct)
    {
        var annee = horloge.AujourdhuiEnFrance().Year;
        var participants = await FluxService.ParticipantsAsync(db, vacance.EpciSiren, vacance.BailleurId, ct);
        var orientees = await FluxService.OrienteesAsync(db, vacance.EpciSiren, vacance.BailleurId, annee, ct);
        return SoldeFlux.Suggerer(participants, orientees, new VacanceFlux(vacance.CommuneInsee, vacance.Typologie, vacance.EnQpv, null),
            vacance.HorsFlux, annee, c => CodeInsee.TryCreate(c, out var x) ? noms.Commune(x) : c);
    }

    internal async Task<Vacance?> TrouverAsync(Agent agent, string id, bool suivre, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var g)) return null;
        var vid = new VacanceId(g);
        var siens = await ReservatairesDeAsync(agent, ct);
        if (!await Visibles(agent, siens).AnyAsync(v => v.Id == vid, ct)) return null;
        var q = suivre ? db.Vacances : db.Vacances.AsNoTracking();
        return await q.SingleAsync(v => v.Id == vid, ct);
    }

    private async Task<Resultat<Vacance>> SauverAsync(Vacance vacance, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Resultat.Ok(vacance);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Abandonner(Echec.Conflit("La vacance vient d'être modifiée par un autre agent : rechargez-la et recommencez."));
        }
    }

    private Resultat<Vacance> Abandonner(Echec probleme)
    {
        db.ChangeTracker.Clear();
        return Resultat.Echec<Vacance>(probleme);
    }

    private void Auditer(Agent agent, Acteur acteur, string action, Vacance vacance, string? vers) =>
        db.Audit.Add(new EntreeAudit
        {
            Quand = horloge.GetUtcNow(), AuteurId = agent.Id, Auteur = agent.Nom, Organisation = acteur.Organisation, Action = action,
            EpciSiren = agent.Perimetre.EpciSiren,
            Detail = Tronquer($"Vacance {vacance.Id} (logement {vacance.NumeroRpls})" + (vers is null ? "" : $" vers {vers}")),
        });

    private static string Tronquer(string s) => s.Length <= 300 ? s : s[..300];

    internal async Task<Noms> NomsAsync(Siren epci, CancellationToken ct) => await Noms.ChargerAsync(db, epci, ct);
}

/// <summary>The names of the territory's bailleurs, réservataires and communes, loaded once per request.</summary>
internal sealed class Noms(Dictionary<BailleurId, string> bailleurs, Dictionary<ReservataireId, string> reservataires, Dictionary<CodeInsee, string> communes)
{
    public IReadOnlyDictionary<BailleurId, string> Bailleurs => bailleurs;
    public IReadOnlyDictionary<ReservataireId, string> Reservataires => reservataires;
    public IReadOnlyDictionary<CodeInsee, string> Communes => communes;

    public string Bailleur(BailleurId id) => bailleurs.GetValueOrDefault(id, id.ToString());
    public string Reservataire(ReservataireId id) => reservataires.GetValueOrDefault(id, id.ToString());
    public string Commune(CodeInsee c) => communes.GetValueOrDefault(c, c.Value);

    public static async Task<Noms> ChargerAsync(LogisDbContext db, Siren epci, CancellationToken ct)
    {
        var b = await db.BailleursTerritoires.AsNoTracking().Where(x => x.EpciSiren == epci)
            .Join(db.Bailleurs.AsNoTracking(), x => x.BailleurId, x => x.Id, (_, x) => new { x.Id, x.Nom }).ToListAsync(ct);
        var r = await db.Reservataires.AsNoTracking().Where(x => x.EpciSiren == epci).Select(x => new { x.Id, x.Nom }).ToListAsync(ct);
        var c = await db.Communes.AsNoTracking().Where(x => x.EpciSiren == epci).Select(x => new { x.CodeInsee, x.Nom }).ToListAsync(ct);
        return new Noms(b.ToDictionary(x => x.Id, x => x.Nom), r.ToDictionary(x => x.Id, x => x.Nom), c.ToDictionary(x => x.CodeInsee, x => x.Nom));
    }
}

/// <summary>Audit actions of the gestion en flux (docs/protection-des-donnees.md §2 item 18).</summary>
public static class ActionsAuditVacances
{
    public const string Declaration = "vacance.declaration";
    public const string Orientation = "vacance.orientation";
    public const string Restitution = "vacance.restitution";
    public const string Retrait = "vacance.retrait";
    public const string Convention = "convention.enregistrement";
    public const string Proposition = "vacance.proposition";
    public const string Preselection = "vacance.preselection";
    public const string Appariement = "vacance.appariement";
}
