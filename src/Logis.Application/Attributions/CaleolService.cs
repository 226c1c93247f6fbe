using Logis.Application.Commun;
using System.Globalization;
using Logis.Application.Acces;
using Logis.Domain.Acces;
using Logis.Domain.Attributions;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Demandes;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Attributions;

/// <summary>A member as the form or the API writes it: name, quality code, president or not, the commune of a mayor (code INSEE).</summary>
public sealed record MembreSaisi(string? Nom, string? Qualite, bool? President, string? Commune);

/// <summary>A new session: date (AAAA-MM-JJ or JJ/MM/AAAA), modality (presentielle, dematerialisee), the vote deadline of a remote one, the members.</summary>
public sealed record NouvelleSeance(string? Date, string? Modalite, string? ClotureVotes, IReadOnlyList<MembreSaisi>? Membres);

/// <summary>A dossier to put on the agenda: the vacancy, the candidates' demand numbers in order, the R441-3 exception when fewer than three.</summary>
public sealed record NouveauDossier(Guid? Vacance, IReadOnlyList<string>? Candidats, string? Exception);

/// <summary>One member's vote on a candidate: the member's number in the session and the decision code.</summary>
public sealed record VoteSaisi(int? Membre, string? Decision);

/// <summary>The votes on one candidate (its number in the dossier).</summary>
public sealed record SaisieVotes(int? Candidat, IReadOnlyList<VoteSaisi>? Votes);

/// <summary>The decision on a candidate: decision code, rank, motive codes, short text, missing piece code and its last day.</summary>
public sealed record SaisieDecision(int? Candidat, string? Decision, int? Rang, IReadOnlyList<string>? Motifs, string? Precision, string? Piece, string? PieceAvant);

public sealed record LigneSeance(Guid Id, string Bailleur, DateOnly Date, string Modalite, string ModaliteLibelle, DateTimeOffset? ClotureVotes, bool Close, int Dossiers);

public sealed record MembreVue(int Numero, string Nom, string Qualite, string QualiteLibelle, bool President, bool VoixDeliberative, string? Commune);

public sealed record CandidatVue(int Numero, string Demande, bool AjouteParBailleur, PropositionVue? Proposition, IReadOnlyDictionary<string, int> Voix, string? DecisionVotee, string Depouillement,
    string? Decision, string? DecisionLibelle, int? Rang, IReadOnlyList<string> Motifs, IReadOnlyList<string> MotifsLibelles, string? Precision, string? Piece,
    string? PieceLibelle, DateOnly? PieceAvant);

/// <summary>How a candidate came before the commission: proposed by whom, at which rank, and the pre-selection's reasons then.</summary>
public sealed record PropositionVue(string Organisation, int Rang, DateTimeOffset Le, string Motifs);

public sealed record DossierVue(Guid Id, int Ordre, Guid Vacance, string NumeroRpls, string CommuneInsee, string Commune, string Typologie, string Financement,
    string? Reservataire, string? Exception, string? ExceptionLibelle, bool Decide, IReadOnlyList<CandidatVue> Candidats);

public sealed record SeanceDetail(Guid Id, Guid BailleurId, string Bailleur, DateOnly Date, string Modalite, string ModaliteLibelle, DateTimeOffset? ClotureVotes,
    bool Close, bool PeutGerer, bool PeutLireDocuments, IReadOnlyList<MembreVue> Membres, IReadOnlyList<DossierVue> Dossiers);

/// <summary>A PDF document produced for an agent.</summary>
public sealed record DocumentProduit(string NomFichier, byte[] Contenu);

/// <summary>
/// The use cases of the CALEOL (CCH L441-2, R441-3), shared by the pages, the API and the command line: a landlord's agent creates a session
/// of its commission with its members, puts vacancies on the agenda with their candidates, records the members' votes and each decision with its
/// reasons, closes the session; the minutes and the letters are PDF documents. Each decision goes in the demand's timeline and the journal.
/// Who sees what: <see cref="AccesCaleol"/>.
/// </summary>
public sealed class CaleolService(LogisDbContext db, TimeProvider horloge, VacancesService vacances)
{
    public static string SeanceIntrouvable(string id) => $"Aucune séance de commission d'identifiant {id} dans votre périmètre.";
    public static string DossierIntrouvable(string id) => $"Aucun dossier de commission d'identifiant {id} dans votre périmètre.";

    /// <summary>The sessions of the last two years the agent sees: its landlord's, those examining its candidates (réservataire), all of the territory (EPCI); the latest first.</summary>
    public async Task<IReadOnlyList<LigneSeance>> ListerAsync(Agent agent, CancellationToken ct)
    {
        var q = await SeancesVisiblesAsync(agent, ct);
        // Ordered in memory: SQLite does not order instants (DateTimeOffset); a territory holds a few sessions a month.
        var seances = (await q.Where(s => s.Date >= horloge.AujourdhuiEnFrance().AddYears(-2)).ToListAsync(ct))
            .OrderByDescending(s => s.Date).ThenBy(s => s.CreeeLe).Take(200).ToList();
        var ids = seances.Select(s => s.Id).ToList();
        var compte = (await (await DossiersVisiblesAsync(agent, ct)).Where(d => ids.Contains(d.SeanceId)).Select(d => d.SeanceId).ToListAsync(ct))
            .GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        var noms = await vacances.NomsAsync(agent.Perimetre.EpciSiren, ct);
        return [.. seances.Select(s => new LigneSeance(s.Id.Value, noms.Bailleur(s.BailleurId), s.Date, s.Modalite.Code(), s.Modalite.Libelle(),
            s.ClotureVotes is { } c ? HeureFrance.EnFrance(c) : null, s.EstClose, compte.GetValueOrDefault(s.Id)))];
    }

    /// <summary>The landlord's vacancies that may go before the commission (oriented, handed back, candidates proposed), for the form.</summary>
    public async Task<IReadOnlyList<(Guid Id, string Libelle)>> VacancesAInscrireAsync(Agent agent, CancellationToken ct)
    {
        if (agent.Role != Role.AgentBailleur || agent.Perimetre.BailleurId is not { } b) return [];
        var liste = await db.Vacances.AsNoTracking().Where(v => v.EpciSiren == agent.Perimetre.EpciSiren && v.BailleurId == b
                && (v.Statut == StatutVacance.Orientee || v.Statut == StatutVacance.Rendue || v.Statut == StatutVacance.CandidatsProposes))
            .OrderBy(v => v.NumeroRpls).Take(500).ToListAsync(ct);
        var noms = await vacances.NomsAsync(agent.Perimetre.EpciSiren, ct);
        var ids = liste.Select(v => v.Id).ToList();
        var proposes = (await db.Candidatures.AsNoTracking().Where(c => ids.Contains(c.VacanceId)).Select(c => c.VacanceId).ToListAsync(ct))
            .GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        return [.. liste.Select(v => (v.Id.Value, $"{v.NumeroRpls} — {v.Typologie.Libelle()}, {noms.Commune(v.CommuneInsee)} ({v.Statut.Libelle()}"
            + (proposes.GetValueOrDefault(v.Id) is var n and > 0 ? $", {n} candidat{(n > 1 ? "s" : "")} proposé{(n > 1 ? "s" : "")})" : ")")))];
    }

    /// <summary>The communes of the territory (code INSEE, name), for the mayor's commune in the form.</summary>
    public async Task<IReadOnlyList<(string Code, string Nom)>> CommunesAsync(Agent agent, CancellationToken ct) =>
        [.. (await db.Communes.AsNoTracking().Where(c => c.EpciSiren == agent.Perimetre.EpciSiren).OrderBy(c => c.Nom).Select(c => new { c.CodeInsee, c.Nom }).ToListAsync(ct))
            .Select(c => (c.CodeInsee.Value, c.Nom))];

    /// <summary>Creates a session of the agent's landlord's commission, its composition checked (L441-2).</summary>
    public async Task<Resultat<SeanceCaleol>> CreerAsync(Agent agent, NouvelleSeance? saisie, CancellationToken ct)
    {
        if (agent.Role != Role.AgentBailleur || agent.Perimetre.BailleurId is not { } bailleur)
            return Resultat.Interdit<SeanceCaleol>("Seuls les agents d'un bailleur organisent les séances de sa commission d'attribution.");
        saisie ??= new NouvelleSeance(null, null, null, null);
        var erreurs = new Dictionary<string, string[]>();
        DateOnly date = default;
        if (string.IsNullOrWhiteSpace(saisie.Date)) erreurs["date"] = ["Indiquez la date de la séance (JJ/MM/AAAA)."];
        else if (!DateSaisie.Lire(saisie.Date, out date)) erreurs["date"] = ["La date de la séance n'est pas une date valide : écrivez-la au format JJ/MM/AAAA."];
        var modalite = string.IsNullOrWhiteSpace(saisie.Modalite) ? ModaliteSeance.Presentielle : LibellesCaleol.LireModalite(saisie.Modalite);
        if (modalite is null) erreurs["modalite"] = ["Modalité inconnue : presentielle ou dematerialisee."];
        DateTimeOffset? cloture = null;
        if (!string.IsNullOrWhiteSpace(saisie.ClotureVotes))
        {
            if (DateTime.TryParseExact(saisie.ClotureVotes.Trim(), ["yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm", "dd/MM/yyyy HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var dt))
                cloture = HeureFrance.A(DateOnly.FromDateTime(dt), TimeOnly.FromDateTime(dt));
            else erreurs["clotureVotes"] = ["La clôture des votes s'écrit JJ/MM/AAAA HH:MM (heure de Paris)."];
        }
        var communes = await db.Communes.AsNoTracking().Where(c => c.EpciSiren == agent.Perimetre.EpciSiren).Select(c => c.CodeInsee).ToListAsync(ct);
        var membres = new List<SaisieMembre>();
        var lus = saisie.Membres ?? [];
        for (var i = 0; i < lus.Count; i++)
        {
            var m = lus[i] ?? new MembreSaisi(null, null, null, null);
            QualiteMembre? q = null;
            if (!string.IsNullOrWhiteSpace(m.Qualite))
            {
                q = LibellesCaleol.LireQualite(m.Qualite);
                if (q is null) erreurs[$"membres[{i}].qualite"] = ["Qualité inconnue : " + string.Join(", ", Enum.GetValues<QualiteMembre>().Select(x => x.Code())) + "."];
            }
            CodeInsee? commune = null;
            if (!string.IsNullOrWhiteSpace(m.Commune))
            {
                if (CodeInsee.TryCreate(m.Commune.Trim(), out var c) && communes.Contains(c)) commune = c;
                else erreurs[$"membres[{i}].commune"] = [$"La commune « {m.Commune.Trim()} » n'est pas une commune du territoire (code INSEE)."];
            }
            membres.Add(new SaisieMembre(m.Nom, q, m.President == true, commune));
        }
        var quand = horloge.MaintenantEnFrance();
        if (erreurs.Count == 0 && modalite is { } mod)
        {
            foreach (var (k, v) in SeanceCaleol.Verifier(new SaisieSeance(date, mod, cloture, membres), HeureFrance.Jour(quand))) erreurs[k] = v;
        }
        if (erreurs.Count > 0) return Resultat.Invalide<SeanceCaleol>("La séance de la commission comporte des erreurs.", erreurs);
        var seance = SeanceCaleol.Creer(new SeanceCaleolId(Guid.NewGuid()), agent.Perimetre.EpciSiren, bailleur, new SaisieSeance(date, modalite!.Value, cloture, membres), quand);
        if (!seance.EstReussi) return seance;
        db.SeancesCaleol.Add(seance.Valeur);
        var acteur = await Acteurs.DeAsync(db, agent, ct);
        Auditer(agent, acteur, ActionsAuditCaleol.Seance, null, $"Séance {seance.Valeur.Id} du {date:dd/MM/yyyy}");
        await db.SaveChangesAsync(ct);
        return seance;
    }

    /// <summary>A session for one agent: its members and the dossiers it sees (a réservataire sees only those of the vacancies oriented to it).</summary>
    public async Task<Resultat<SeanceDetail>> LireAsync(Agent agent, string id, CancellationToken ct)
    {
        var seance = await TrouverSeanceAsync(agent, id, false, ct);
        if (seance is null) return Resultat.NonTrouve<SeanceDetail>(SeanceIntrouvable(id));
        var dossiers = await (await DossiersVisiblesAsync(agent, ct)).Where(d => d.SeanceId == seance.Id).OrderBy(d => d.Ordre).ToListAsync(ct);
        var noms = await vacances.NomsAsync(agent.Perimetre.EpciSiren, ct);
        var ids = dossiers.Select(d => d.VacanceId).Distinct().ToList();
        var propositions = (await db.Candidatures.AsNoTracking().Where(c => ids.Contains(c.VacanceId)).ToListAsync(ct))
            .ToDictionary(c => (c.VacanceId, c.DemandeId));
        return Resultat.Ok(Vue(agent, seance, dossiers, noms, propositions));
    }

    private static SeanceDetail Vue(Agent agent, SeanceCaleol seance, IReadOnlyList<DossierCaleol> dossiers, Noms noms,
        IReadOnlyDictionary<(VacanceId, DemandeId), Candidature> propositions) =>
        new(seance.Id.Value, seance.BailleurId.Value, noms.Bailleur(seance.BailleurId), seance.Date, seance.Modalite.Code(), seance.Modalite.Libelle(),
            seance.ClotureVotes is { } c ? HeureFrance.EnFrance(c) : null, seance.EstClose,
            AccesCaleol.PeutGerer(agent.Role, agent.Perimetre, seance.BailleurId), AccesCaleol.LitDocuments(agent.Role, agent.Perimetre, seance.BailleurId),
            [.. seance.Membres.Select(m => new MembreVue(m.Rang, m.Nom, m.Qualite.Code(), m.Qualite.Libelle(), m.President, m.VoixDeliberative,
                m.CommuneInsee is { } ci ? noms.Commune(ci) : null))],
            [.. dossiers.Select(d => new DossierVue(d.Id.Value, d.Ordre, d.VacanceId.Value, d.NumeroRpls, d.CommuneInsee.Value, noms.Commune(d.CommuneInsee),
                d.Typologie.Libelle(), d.Financement.Libelle(), d.ReservataireId is { } r ? noms.Reservataire(r) : null, d.Exception?.Code(), d.Exception?.Libelle(),
                d.EstDecide, [.. d.Candidats.Select(x =>
                {
                    var compte = d.Depouiller(seance, x.Rang);
                    var p = propositions.GetValueOrDefault((d.VacanceId, x.DemandeId));
                    return new CandidatVue(x.Rang, x.Numero, x.AjouteParBailleur,
                        p is null ? null : new PropositionVue(p.Organisation, p.RangProposition, HeureFrance.EnFrance(p.ProposeeLe), p.Motifs), compte.Voix.ToDictionary(v => v.Key.Code(), v => v.Value), compte.Retenue?.Code(),
                        compte.Explication, x.Decision?.Code(), x.Decision?.Libelle(), x.RangAttribution, [.. x.Motifs.Select(m => m.Code())],
                        [.. x.Motifs.Select(m => m.Libelle())], x.Precision, x.PieceManquante?.Code(), x.PieceManquante?.Libelle(), x.PieceAttendueAvant);
                })]))]);

    /// <summary>
    /// Puts a vacancy of the landlord on the session's agenda with its candidates (active demands of the territory, in the order given), or fewer
    /// than three with the exception that applies (R441-3). The vacancy passes « en commission ».
    /// </summary>
    public async Task<Resultat<DossierCaleol>> InscrireAsync(Agent agent, string seanceId, NouveauDossier? saisie, CancellationToken ct)
    {
        var seance = await TrouverSeanceAsync(agent, seanceId, false, ct);
        if (seance is null) return Resultat.NonTrouve<DossierCaleol>(SeanceIntrouvable(seanceId));
        if (!AccesCaleol.PeutGerer(agent.Role, agent.Perimetre, seance.BailleurId))
            return Resultat.Interdit<DossierCaleol>("Seuls les agents du bailleur de la commission inscrivent ses dossiers.");
        saisie ??= new NouveauDossier(null, null, null);
        var erreurs = new Dictionary<string, string[]>();
        Vacance? vacance = null;
        if (saisie.Vacance is not { } vid) erreurs["vacance"] = ["Choisissez la vacance à examiner."];
        else
        {
            vacance = await db.Vacances.SingleOrDefaultAsync(v => v.Id == new VacanceId(vid) && v.EpciSiren == agent.Perimetre.EpciSiren && v.BailleurId == seance.BailleurId, ct);
            if (vacance is null) erreurs["vacance"] = ["Aucune vacance de votre parc sur le territoire ne porte cet identifiant."];
        }
        ExceptionTroisCandidats? exception = null;
        if (!string.IsNullOrWhiteSpace(saisie.Exception))
        {
            exception = LibellesCaleol.LireException(saisie.Exception);
            if (exception is null) erreurs["exception"] = ["Exception inconnue : " + string.Join(", ", Enum.GetValues<ExceptionTroisCandidats>().Select(e => e.Code())) + " (article R441-3 du CCH)."];
        }
        var candidats = new List<CandidatPresente>();
        var numeros = (saisie.Candidats ?? []).Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n.Trim()).ToList();
        // The candidates proposed for the vacancy (réservataire, or landlord after a hand-back) come first by default, in the order proposed;
        // a number the landlord adds that was not proposed is marked as added by the landlord.
        var proposes = vacance is null ? []
            : await db.Candidatures.AsNoTracking().Where(c => c.VacanceId == vacance.Id).OrderBy(c => c.RangProposition).Select(c => new { c.DemandeId, c.Numero }).ToListAsync(ct);
        if (numeros.Count == 0 && vacance is not null)
        {
            if (proposes.Count == 0 && !erreurs.ContainsKey("vacance"))
                erreurs["candidats"] = [$"Aucun candidat n'a été proposé pour le logement {vacance.NumeroRpls} : indiquez les numéros des demandes présentées."];
            numeros = [.. proposes.Select(c => c.Numero)];
        }
        var epci = agent.Perimetre.EpciSiren;
        for (var i = 0; i < numeros.Count && i < DossierCaleol.CandidatsMax + 1; i++)
        {
            if (!Demandes.DemandesService.Lire(numeros[i], out var cle))
            {
                erreurs[$"candidats[{i}]"] = [$"« {numeros[i]} » n'est pas un numéro de demande."];
                continue;
            }
            var d = await Demandes.DemandesService.Designees(db.Demandes.AsNoTracking().Where(x => EF.Property<Siren>(x, ColonnesDemande.Epci) == epci), cle).SingleOrDefaultAsync(ct);
            if (d is null) erreurs[$"candidats[{i}]"] = [$"Aucune demande du territoire ne porte le numéro {cle.Texte}."];
            else if (d.Statut != StatutDemande.Active) erreurs[$"candidats[{i}]"] = [$"La demande {d.Numero.Valeur} est radiée : elle ne peut pas être examinée (article L441-2-1 du CCH)."];
            else if (vacance is not null && Candidature.RefusPersonneMorale(vacance, d) is { } refus) erreurs[$"candidats[{i}]"] = [refus];
            else
            {
                var dalo = d.SituationsPrioritaires.Any(s => s.Critere == CriterePrioritaire.ReconnuDalo && s.EstEnCours);
                candidats.Add(new CandidatPresente(d.Id, d.Numero.Valeur, dalo, AjouteParBailleur: !proposes.Any(c => c.DemandeId == d.Id)));
            }
        }
        if (erreurs.Count > 0) return Resultat.Invalide<DossierCaleol>("Le dossier de la commission comporte des erreurs.", erreurs);
        if (await db.DossiersCaleol.AnyAsync(d => d.VacanceId == vacance!.Id && d.DecideLe == null, ct))
            return Abandonner<DossierCaleol>(Echec.Conflit($"Le logement {vacance!.NumeroRpls} est déjà inscrit à une séance et attend ses décisions."));
        var ordre = await db.DossiersCaleol.CountAsync(d => d.SeanceId == seance.Id, ct) + 1;
        var acteur = await Acteurs.DeAsync(db, agent, ct);
        var quand = horloge.MaintenantEnFrance();
        var dossier = DossierCaleol.Ouvrir(new DossierCaleolId(Guid.NewGuid()), seance, ordre, vacance!, candidats, exception, quand, acteur);
        if (!dossier.EstReussi) return Abandonner<DossierCaleol>(dossier.Probleme);
        db.DossiersCaleol.Add(dossier.Valeur);
        Auditer(agent, acteur, ActionsAuditCaleol.Dossier, null, $"Dossier {dossier.Valeur.Id} (logement {vacance!.NumeroRpls}), séance {seance.Id}, {candidats.Count} candidat(s)");
        return await SauverAsync(dossier.Valeur, ct);
    }

    /// <summary>Records the votes of deliberative members on one candidate (a member voting again replaces its vote).</summary>
    public async Task<Resultat<DossierCaleol>> VoterAsync(Agent agent, string dossierId, SaisieVotes? saisie, CancellationToken ct)
    {
        var (dossier, seance, refus) = await ChargerPourGererAsync(agent, dossierId, ct);
        if (refus is not null) return Resultat.Echec<DossierCaleol>(refus);
        if (saisie?.Candidat is not { } candidat)
            return Abandonner<DossierCaleol>(Echec.Invalide("Indiquez le candidat.", new Dictionary<string, string[]> { ["candidat"] = ["Indiquez le numéro du candidat dans le dossier."] }));
        var votes = saisie.Votes ?? [];
        if (votes.Count == 0)
            return Abandonner<DossierCaleol>(Echec.Invalide("Aucun vote.", new Dictionary<string, string[]> { ["votes"] = ["Indiquez au moins un vote (membre et décision)."] }));
        var quand = horloge.MaintenantEnFrance();
        for (var i = 0; i < votes.Count; i++)
        {
            var v = votes[i];
            var decision = LibellesDemande.LireDecision(v?.Decision);
            if (v?.Membre is not { } membre || decision is null)
                return Abandonner<DossierCaleol>(Echec.Invalide("Un vote est incomplet.", new Dictionary<string, string[]>
                {
                    [$"votes[{i}]"] = ["Chaque vote indique le numéro du membre et la décision : " + string.Join(", ", Enum.GetValues<DecisionCaleol>().Select(d => d.Code())) + "."],
                }));
            var fait = dossier!.Voter(seance!, membre, candidat, decision.Value, quand);
            if (!fait.EstReussi) return Abandonner<DossierCaleol>(fait.Probleme);
        }
        var acteur = await Acteurs.DeAsync(db, agent, ct);
        var c = dossier!.Candidat(candidat)!;
        Auditer(agent, acteur, ActionsAuditCaleol.Vote, c.DemandeId, $"Dossier {dossier.Id}, candidat {candidat}, {votes.Count} vote(s)");
        return await SauverAsync(dossier, ct);
    }

    /// <summary>
    /// Records the decision on a candidate, the one the votes carried, with its reasons; writes it in the demand's timeline (an irrecevabilité opens
    /// warning d); when every candidate is decided, the vacancy is decided (or goes back to the proposals when none is retained).
    /// </summary>
    public async Task<Resultat<DossierCaleol>> DeciderAsync(Agent agent, string dossierId, SaisieDecision? saisie, CancellationToken ct)
    {
        var (dossier, seance, refus) = await ChargerPourGererAsync(agent, dossierId, ct);
        if (refus is not null) return Resultat.Echec<DossierCaleol>(refus);
        saisie ??= new SaisieDecision(null, null, null, null, null, null, null);
        var erreurs = new Dictionary<string, string[]>();
        if (saisie.Candidat is null) erreurs["candidat"] = ["Indiquez le numéro du candidat dans le dossier."];
        var decision = LibellesDemande.LireDecision(saisie.Decision);
        if (decision is null) erreurs["decision"] = ["Choisissez la décision : " + string.Join(", ", Enum.GetValues<DecisionCaleol>().Select(d => d.Code())) + " (article R441-3 du CCH)."];
        var motifs = new List<MotifDecisionCaleol>();
        foreach (var code in (saisie.Motifs ?? []).Where(m => !string.IsNullOrWhiteSpace(m)))
        {
            if (LibellesDemande.LireMotifDecision(code) is { } m) motifs.Add(m);
            else erreurs["motifs"] = ["Motif inconnu : « " + code.Trim() + " »."];
        }
        TypePiece? piece = null;
        if (!string.IsNullOrWhiteSpace(saisie.Piece))
        {
            piece = LibellesDemande.LirePiece(saisie.Piece);
            if (piece is null) erreurs["piece"] = ["Pièce inconnue : " + string.Join(", ", MotivationCaleol.PiecesAdmises.Select(p => p.Code())) + "."];
        }
        DateOnly? avant = null;
        if (!string.IsNullOrWhiteSpace(saisie.PieceAvant))
        {
            if (DateSaisie.Lire(saisie.PieceAvant, out var a)) avant = a;
            else erreurs["pieceAvant"] = ["La date limite pour fournir la pièce s'écrit JJ/MM/AAAA."];
        }
        if (erreurs.Count > 0) return Abandonner<DossierCaleol>(Echec.Invalide("La décision comporte des erreurs.", erreurs));
        var quand = horloge.MaintenantEnFrance();
        var motivation = new MotivationCaleol(motifs, piece, avant);
        var candidat = saisie.Candidat!.Value;
        var fait = dossier!.Decider(seance!, candidat, decision!.Value, saisie.Rang, motivation, saisie.Precision, quand);
        if (!fait.EstReussi) return Abandonner<DossierCaleol>(fait.Probleme);
        var c = dossier.Candidat(candidat)!;
        var acteur = await Acteurs.DeAsync(db, agent, ct);
        var demande = await db.Demandes.SingleAsync(d => d.Id == c.DemandeId, ct);
        var note = demande.NoterDecisionCaleol(dossier.LogementId, decision.Value, saisie.Rang, quand, acteur, motivation);
        if (!note.EstReussi) return Abandonner<DossierCaleol>(Echec.Conflit($"La demande {c.Numero} : {note.Motif}"));
        Auditer(agent, acteur, ActionsAuditCaleol.Decision, c.DemandeId, $"Dossier {dossier.Id} (logement {dossier.NumeroRpls}) : {decision.Value.Libelle()}");
        if (dossier.EstDecide)
        {
            var vacance = await db.Vacances.SingleAsync(v => v.Id == dossier.VacanceId, ct);
            var v = vacance.NoterDecisionCommission(dossier.Attributions, quand, acteur);
            if (!v.EstReussi) return Abandonner<DossierCaleol>(v.Probleme);
        }
        return await SauverAsync(dossier, ct);
    }

    /// <summary>Closes a session whose dossiers are all decided.</summary>
    public async Task<Resultat<SeanceCaleol>> CloreAsync(Agent agent, string seanceId, CancellationToken ct)
    {
        var seance = await TrouverSeanceAsync(agent, seanceId, true, ct);
        if (seance is null) return Resultat.NonTrouve<SeanceCaleol>(SeanceIntrouvable(seanceId));
        if (!AccesCaleol.PeutGerer(agent.Role, agent.Perimetre, seance.BailleurId))
            return Abandonner<SeanceCaleol>(Echec.Interdit("Seuls les agents du bailleur de la commission closent ses séances."));
        var dossiers = await db.DossiersCaleol.AsNoTracking().Where(d => d.SeanceId == seance.Id).ToListAsync(ct);
        var fait = seance.Clore(dossiers, horloge.MaintenantEnFrance());
        if (!fait.EstReussi) return Abandonner<SeanceCaleol>(fait.Probleme);
        Auditer(agent, await Acteurs.DeAsync(db, agent, ct), ActionsAuditCaleol.Cloture, null, $"Séance {seance.Id} du {seance.Date:dd/MM/yyyy}");
        try
        {
            await db.SaveChangesAsync(ct);
            return Resultat.Ok(seance);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Abandonner<SeanceCaleol>(Echec.Conflit("La séance vient d'être modifiée par un autre agent : rechargez-la et recommencez."));
        }
    }

    /// <summary>The session and its dossiers, for a document: the landlord's agents and the EPCI.</summary>
    internal async Task<Resultat<(SeanceCaleol Seance, List<DossierCaleol> Dossiers, Noms Noms)>> PourDocumentAsync(Agent agent, string seanceId, CancellationToken ct)
    {
        var seance = await TrouverSeanceAsync(agent, seanceId, false, ct);
        if (seance is null) return Resultat.NonTrouve<(SeanceCaleol, List<DossierCaleol>, Noms)>(SeanceIntrouvable(seanceId));
        if (!AccesCaleol.LitDocuments(agent.Role, agent.Perimetre, seance.BailleurId))
            return Resultat.Interdit<(SeanceCaleol, List<DossierCaleol>, Noms)>("Le procès-verbal et les courriers sont lus par le bailleur de la commission et l'intercommunalité.");
        var dossiers = await db.DossiersCaleol.AsNoTracking().Where(d => d.SeanceId == seance.Id).OrderBy(d => d.Ordre).ToListAsync(ct);
        return Resultat.Ok((seance, dossiers, await vacances.NomsAsync(agent.Perimetre.EpciSiren, ct)));
    }

    internal async Task<(DossierCaleol? Dossier, SeanceCaleol? Seance)> DossierPourDocumentAsync(Agent agent, string dossierId, CancellationToken ct)
    {
        if (!Guid.TryParse(dossierId, out var g)) return (null, null);
        var dossier = await (await DossiersVisiblesAsync(agent, ct)).SingleOrDefaultAsync(d => d.Id == new DossierCaleolId(g), ct);
        if (dossier is null) return (null, null);
        return (dossier, await db.SeancesCaleol.AsNoTracking().SingleAsync(s => s.Id == dossier.SeanceId, ct));
    }

    internal void Auditer(Agent agent, Acteur acteur, string action, DemandeId? demande, string detail) =>
        db.Audit.Add(new EntreeAudit
        {
            Quand = horloge.GetUtcNow(), AuteurId = agent.Id, Auteur = agent.Nom, Organisation = acteur.Organisation, Action = action, DemandeId = demande,
            EpciSiren = agent.Perimetre.EpciSiren, Detail = detail.Length <= 300 ? detail : detail[..300],
        });

    internal LogisDbContext Db => db;
    internal TimeProvider Horloge => horloge;

    private async Task<(DossierCaleol? Dossier, SeanceCaleol? Seance, Echec? Refus)> ChargerPourGererAsync(Agent agent, string dossierId, CancellationToken ct)
    {
        if (!Guid.TryParse(dossierId, out var g) || !await (await DossiersVisiblesAsync(agent, ct)).AnyAsync(d => d.Id == new DossierCaleolId(g), ct))
            return (null, null, Echec.NonTrouve(DossierIntrouvable(dossierId)));
        var dossier = await db.DossiersCaleol.SingleAsync(d => d.Id == new DossierCaleolId(g), ct);
        var seance = await db.SeancesCaleol.AsNoTracking().SingleAsync(s => s.Id == dossier.SeanceId, ct);
        if (!AccesCaleol.PeutGerer(agent.Role, agent.Perimetre, seance.BailleurId))
        {
            db.ChangeTracker.Clear();
            return (null, null, Echec.Interdit("Seuls les agents du bailleur de la commission enregistrent ses votes et ses décisions."));
        }
        return (dossier, seance, null);
    }

    private async Task<IQueryable<SeanceCaleol>> SeancesVisiblesAsync(Agent agent, CancellationToken ct)
    {
        var p = agent.Perimetre;
        var q = db.SeancesCaleol.AsNoTracking().Where(s => s.EpciSiren == p.EpciSiren);
        if (AccesCaleol.VoitTout(agent.Role)) return q;
        if (agent.Role == Role.AgentBailleur) return p.BailleurId is { } b ? q.Where(s => s.BailleurId == b) : q.Where(_ => false);
        var seances = (await DossiersVisiblesAsync(agent, ct)).Select(d => d.SeanceId);
        return q.Where(s => seances.Contains(s.Id));
    }

    private async Task<IQueryable<DossierCaleol>> DossiersVisiblesAsync(Agent agent, CancellationToken ct)
    {
        var p = agent.Perimetre;
        var q = db.DossiersCaleol.AsNoTracking().Where(d => d.EpciSiren == p.EpciSiren);
        if (AccesCaleol.VoitTout(agent.Role)) return q;
        if (agent.Role == Role.AgentBailleur) return p.BailleurId is { } b ? q.Where(d => d.BailleurId == b) : q.Where(_ => false);
        var siens = (await vacances.ReservatairesDeAsync(agent, ct)).Select(r => (ReservataireId?)r).ToList();
        return q.Where(d => siens.Contains(d.ReservataireId));
    }

    private async Task<SeanceCaleol?> TrouverSeanceAsync(Agent agent, string id, bool suivre, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var g)) return null;
        var sid = new SeanceCaleolId(g);
        if (!await (await SeancesVisiblesAsync(agent, ct)).AnyAsync(s => s.Id == sid, ct)) return null;
        var q = suivre ? db.SeancesCaleol : db.SeancesCaleol.AsNoTracking();
        return await q.SingleAsync(s => s.Id == sid, ct);
    }

    private async Task<Resultat<DossierCaleol>> SauverAsync(DossierCaleol dossier, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Resultat.Ok(dossier);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Abandonner<DossierCaleol>(Echec.Conflit("Le dossier vient d'être modifié par un autre agent : rechargez-le et recommencez."));
        }
    }

    private Resultat<T> Abandonner<T>(Echec probleme)
    {
        db.ChangeTracker.Clear();
        return Resultat.Echec<T>(probleme);
    }

}

/// <summary>Audit actions of the CALEOL (docs/protection-des-donnees.md §2 item 18).</summary>
public static class ActionsAuditCaleol
{
    public const string Seance = "caleol.seance";
    public const string Dossier = "caleol.dossier";
    public const string Vote = "caleol.vote";
    public const string Decision = "caleol.decision";
    public const string Cloture = "caleol.cloture";
    public const string ProcesVerbal = "caleol.proces-verbal";
    public const string Courrier = "caleol.courrier";
}
