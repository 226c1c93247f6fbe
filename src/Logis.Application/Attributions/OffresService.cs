using Logis.Application.Commun;
using System.Globalization;
using Logis.Application.Acces;
using Logis.Application.Demandes;
using Logis.Application.Sne;
using Logis.Application.Territoire;
using Logis.Domain.Acces;
using Logis.Domain.Attributions;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Eligibilite;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Demandes;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Attributions;

/// <summary>An offer as the landlord's agent makes it: the demand's national number, the qualification « adapted », the last day to answer (default: the territory's period).</summary>
public sealed record SaisieOffre(string? Demande, bool? Adaptee, string? Echeance);

/// <summary>The applicant's answer as the landlord records it: accepted, or refused with a reason code (<see cref="LibellesOffre.MotifsDuDemandeur"/>).</summary>
public sealed record SaisieReponseOffre(bool? Acceptee, string? Motif);

/// <summary>The signed lease as the landlord records it: date of signature, date it takes effect (AAAA-MM-JJ or JJ/MM/AAAA).</summary>
public sealed record SaisieBailSigne(string? DateSignature, string? DateEffet);

/// <summary>One offer, as the board, the vacancy and the API show it.</summary>
public sealed record OffreVue(Guid Id, Guid Vacance, string NumeroRpls, string Demande, string Decision, int? Rang, bool Adaptee,
    DateTimeOffset FaiteLe, DateOnly Echeance, int? JoursRestants, string Statut, string StatutLibelle, string? MotifRefus, DateTimeOffset? RepondueLe);

/// <summary>One candidate of the order of offers of a vacancy.</summary>
public sealed record CandidatOffreVue(string Numero, string Decision, int? Rang, string? Offre, bool PeutRecevoirOffre, string Explication);

/// <summary>The offers of a vacancy: the CALEOL's order, the next candidate to offer, the offers made, the default deadline of a new offer.</summary>
public sealed record OffresVacanceVue(Guid Vacance, string NumeroRpls, string Statut, string StatutLibelle, bool PeutGerer, IReadOnlyList<CandidatOffreVue> Candidats,
    string? ProchainCandidat, DateOnly EcheanceParDefaut, DateOnly EcheanceMinimale, IReadOnlyList<OffreVue> Offres, OffreVue? OffreEnCours);

/// <summary>The effect of an answer: the offer's new status and, after a refusal, the next candidate the CALEOL placed (if any).</summary>
public sealed record ReponseOffreVue(string Statut, string? ProchainCandidat);

/// <summary>
/// One attribution as the monitoring list shows it: <see cref="Quartile"/> is <c>q1</c> or <c>q2-q4</c> against the first-quartile threshold of
/// the year of the lease (docs/mixite.md), null when that threshold is not entered or the household could not be read; <see cref="Dalo"/> is
/// included in <see cref="Prioritaire"/>; <see cref="RelogementRenouvellement"/>: the household was rehoused by an urban-renewal operation or an
/// ORCOD (counted with the first quartile outside QPV, L441-1); <see cref="PersonneMorale"/>: the lease is signed with a legal entity that sublets
/// (CCH L442-8-1), without household nor quartile, out of the social-mix indicators.
/// </summary>
public sealed record LigneAttribution(Guid Id, DateOnly Date, DateOnly DateEffet, string Bailleur, string? Reservataire, string CommuneInsee, string Commune,
    bool Qpv, bool Prioritaire, bool Mutation, string Typologie, string Financement, string? Quartile = null, bool Dalo = false, bool RelogementRenouvellement = false,
    bool PersonneMorale = false);

/// <summary>
/// The use cases of offers and leases (R441-10, R441-2-17, R441-2-8 a), shared by the pages, the API and the daily run: make the written offer of a
/// vacant dwelling to the candidate whose turn it is in the CALEOL's order, record the answer (or its absence at the deadline), record the signed
/// lease (the demand is radiated for reason a, the vacancy attributed, the attribution recorded for the monitoring). Each act writes the demand's
/// timeline, the vacancy's history and the audit journal, and is saved once; two agents acting at once cannot both succeed (the second gets a
/// conflict and nothing changes: vacancy <see cref="Vacance.Version"/>, offer <see cref="Offre.Version"/>, unique indexes).
/// </summary>
public sealed class OffresService(LogisDbContext db, TimeProvider horloge, DemandesService demandes, DelaiReponseOffre delai, ISystemeNational? sne = null)
{
    public const int TaillePageParDefaut = 50;
    public const int TaillePageMax = 200;

    public const string Concurrence = "Un autre agent vient d'agir sur ce logement ou cette demande : rien n'a été enregistré. Rechargez la page et recommencez.";

    public static string OffreIntrouvable(string id) => $"Aucune offre d'identifiant {id} dans votre périmètre.";

    /// <summary>The offers of a vacancy and the CALEOL's order: for the landlord (who acts) and the EPCI (who reads).</summary>
    public async Task<Resultat<OffresVacanceVue>> OffresVacanceAsync(Agent agent, string id, CancellationToken ct)
    {
        var vacance = await VacanceAsync(agent, id, suivre: false, ct);
        if (vacance is null) return Resultat.NonTrouve<OffresVacanceVue>(VacancesService.Introuvable(id));
        var (places, offres) = await OrdreAsync(vacance, suivre: false, ct);
        var noms = await Noms.ChargerAsync(db, vacance.EpciSiren, ct);
        var aujourdhui = horloge.AujourdhuiEnFrance();
        var vues = offres.OrderByDescending(o => o.FaiteLe).ThenBy(o => o.VautRefus).Select(o => Vue(o, aujourdhui)).ToList();
        return Resultat.Ok(new OffresVacanceVue(vacance.Id.Value, vacance.NumeroRpls, vacance.Statut.Code(), vacance.Statut.Libelle(),
            AccesVacances.PeutGerer(agent.Role, agent.Perimetre, vacance.BailleurId) && vacance.EstOuverte,
            [.. places.Select(p => new CandidatOffreVue(p.Candidat.Numero, p.Candidat.Decision.Libelle(), p.Candidat.Rang, p.Offre?.Statut.Libelle(), p.PeutRecevoirOffre && vacance.PeutEtreOfferte, p.Explication))],
            vacance.PeutEtreOfferte ? OrdreOffres.Suivant(places)?.Candidat.Numero : null, delai.EcheanceParDefaut(aujourdhui), DelaiReponseOffre.EcheanceMinimale(aujourdhui),
            vues, vues.FirstOrDefault(o => o.Statut is "en-attente" or "acceptee")));
    }

    /// <summary>
    /// The landlord's agent makes the written offer of the vacancy to the demand whose turn it is in the CALEOL's order, qualifying the dwelling as
    /// adapted or not to the household's needs and capacities (R441-2-17), with the last day to answer (at least ten days, R441-10).
    /// </summary>
    public async Task<Resultat<Offre>> FaireAsync(Agent agent, string id, SaisieOffre? saisie, CancellationToken ct)
    {
        var vacance = await VacanceAsync(agent, id, suivre: true, ct);
        if (vacance is null) return Resultat.NonTrouve<Offre>(VacancesService.Introuvable(id));
        if (!AccesVacances.PeutGerer(agent.Role, agent.Perimetre, vacance.BailleurId))
            return Abandonner<Offre>(Echec.Interdit("Seul le bailleur du logement fait l'offre écrite."));
        var quand = horloge.MaintenantEnFrance();
        var jour = HeureFrance.Jour(quand);
        var erreurs = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(saisie?.Demande)) erreurs["demande"] = ["Indiquez le numéro de la demande à qui le logement est offert."];
        else if (!DemandesService.Lire(saisie.Demande, out _)) erreurs["demande"] = [DemandesService.FormatAttendu];
        if (saisie?.Adaptee is null) erreurs["adaptee"] = ["Indiquez si le logement est adapté aux besoins et aux capacités du ménage (article R441-2-17 du CCH)."];
        var echeance = delai.EcheanceParDefaut(jour);
        if (!string.IsNullOrWhiteSpace(saisie?.Echeance) && !DateSaisie.Lire(saisie.Echeance, out echeance))
            erreurs["echeance"] = ["La date limite de réponse n'est pas une date valide : écrivez-la au format JJ/MM/AAAA."];
        if (erreurs.Count > 0) return Abandonner<Offre>(Echec.Invalide("L'offre comporte des erreurs.", erreurs));
        DemandesService.Lire(saisie!.Demande, out var cle);

        var (places, _) = await OrdreAsync(vacance, suivre: true, ct);
        var place = places.FirstOrDefault(p => p.Candidat.Numero == cle.National?.Valeur
            || (cle.AncienneReference is { } a && db.Demandes.Local.Any(d => d.Id == p.Candidat.Demande && d.AncienneReference == a)));
        if (place is null)
            return Abandonner<Offre>(Echec.Conflit($"La CALEOL n'a pas décidé d'attribuer ce logement à la demande {cle.Texte} (attribution, attribution par ordre de priorité ou sous condition suspensive, R441-3) depuis la déclaration de la vacance."));
        if (!vacance.PeutEtreOfferte)
            return Abandonner<Offre>(Echec.Conflit(vacance.NoterOffre(place.Candidat.Numero, echeance, quand, default).Motif!));
        if (!place.PeutRecevoirOffre) return Abandonner<Offre>(Echec.Conflit(place.Explication));
        var demande = db.Demandes.Local.Single(d => d.Id == place.Candidat.Demande);
        if (await db.Offres.AsNoTracking().FirstOrDefaultAsync(o => o.DemandeId == demande.Id && (o.Statut == StatutOffre.EnAttente || o.Statut == StatutOffre.Acceptee), ct) is { } autre)
            return Abandonner<Offre>(Echec.Conflit($"La demande {demande.Numero} a déjà une offre {autre.Statut.Libelle()} (logement {autre.NumeroRpls}) : un demandeur n'a qu'une offre en cours à la fois."));

        var acteur = await Acteurs.DeAsync(db, agent, ct);
        var offre = Offre.Faire(new OffreId(Guid.NewGuid()), vacance, demande.Id, demande.Numero.Valeur, place.Candidat, saisie.Adaptee!.Value, echeance, quand, acteur);
        if (!offre.EstReussi) return Abandonner<Offre>(offre.Probleme);
        if (vacance.NoterOffre(demande.Numero.Valeur, echeance, quand, acteur) is { EstReussi: false } refusVacance) return Abandonner<Offre>(refusVacance.Probleme);
        if (demande.NoterOffre(vacance.LogementId, echeance, saisie.Adaptee.Value, quand, acteur) is { EstReussi: false } refusDemande) return Abandonner<Offre>(refusDemande.Probleme);
        db.Offres.Add(offre.Valeur);
        Auditer(agent, acteur, ActionsAuditOffres.Offre, demande.Id, $"Offre {offre.Valeur.Id} du logement {vacance.NumeroRpls} (vacance {vacance.Id}), réponse au plus tard le {Offre.F(echeance)}");
        return await SauverAsync(offre.Valeur, ct);
    }

    /// <summary>The landlord records the applicant's answer, on or before the deadline: accepted, or refused with its reason.</summary>
    public async Task<Resultat<ReponseOffreVue>> RepondreAsync(Agent agent, string id, SaisieReponseOffre? saisie, CancellationToken ct)
    {
        var charge = await ChargerAsync(agent, id, ct);
        if (!charge.EstReussi) return Resultat.Echec<ReponseOffreVue>(charge.Probleme);
        var (offre, vacance, demande) = charge.Valeur;
        MotifRefus? motif = null;
        if (saisie?.Acceptee is null)
            return Abandonner<ReponseOffreVue>(Echec.Invalide("Indiquez la réponse du demandeur.", new Dictionary<string, string[]> { ["acceptee"] = ["Indiquez si le demandeur accepte l'offre (true) ou la refuse (false)."] }));
        if (saisie.Acceptee == false)
        {
            motif = LibellesOffre.LireMotif(saisie.Motif);
            if (motif is null)
                return Abandonner<ReponseOffreVue>(Echec.Invalide("Indiquez le motif du refus.", new Dictionary<string, string[]>
                {
                    ["motif"] = ["Le motif du refus vaut : " + string.Join(", ", LibellesOffre.MotifsDuDemandeur.Select(m => $"{m.Code()} ({m.Libelle()})")) + "."],
                }));
        }
        var quand = horloge.MaintenantEnFrance();
        var acteur = await Acteurs.DeAsync(db, agent, ct);
        var fait = motif is { } m ? offre.Refuser(m, quand) : offre.Accepter(quand);
        if (!fait.EstReussi) return Abandonner<ReponseOffreVue>(fait.Probleme);
        var resume = motif is { } mr ? $"offre refusée ({mr.Libelle()})." : "offre acceptée, bail à signer.";
        if (vacance.NoterReponseOffre(offre.NumeroDemande, motif is null, resume, quand, acteur) is { EstReussi: false } refusVacance)
            return Abandonner<ReponseOffreVue>(refusVacance.Probleme);
        var acte = motif is { } mo ? demande.NoterRefus(vacance.LogementId, mo, quand, acteur) : demande.NoterAcceptation(vacance.LogementId, quand, acteur);
        if (!acte.EstReussi) return Abandonner<ReponseOffreVue>(acte.Probleme);
        Auditer(agent, acteur, motif is null ? ActionsAuditOffres.Acceptation : ActionsAuditOffres.Refus, demande.Id, $"Offre {offre.Id} du logement {vacance.NumeroRpls} : {resume}");
        var sauve = await SauverAsync(offre, ct);
        if (!sauve.EstReussi) return Resultat.Echec<ReponseOffreVue>(sauve.Probleme);
        return Resultat.Ok(new ReponseOffreVue(offre.Statut.Code(), motif is null ? null : await ProchainAsync(vacance.Id, ct)));
    }

    /// <summary>
    /// The landlord records the signed lease of an accepted offer: the demand is radiated for reason a) by its landlord (R441-2-8, with the side
    /// effects of every radiation: pieces purged, score row, national system), the vacancy becomes attributed and the attribution is recorded.
    /// </summary>
    public async Task<Resultat<Attribution>> SignerBailAsync(Agent agent, string id, SaisieBailSigne? saisie, CancellationToken ct)
    {
        var charge = await ChargerAsync(agent, id, ct);
        if (!charge.EstReussi) return Resultat.Echec<Attribution>(charge.Probleme);
        var (offre, vacance, demande) = charge.Valeur;
        // The competence table: radiation a) is the act of the landlord that attributed the dwelling, at the signature.
        if (Competences.Verifier(ActeDemande.RadierAttribution, agent.Role, agent.Perimetre, new FaitsCompetence(BailleurAttributaire: vacance.BailleurId)) is { EstReussi: false } incompetent)
            return Abandonner<Attribution>(incompetent.Probleme!);
        var erreurs = new Dictionary<string, string[]>();
        DateOnly signature = default, effet = default;
        if (string.IsNullOrWhiteSpace(saisie?.DateSignature)) erreurs["dateSignature"] = ["Indiquez la date de signature du bail (JJ/MM/AAAA)."];
        else if (!DateSaisie.Lire(saisie.DateSignature, out signature)) erreurs["dateSignature"] = ["La date de signature n'est pas une date valide : écrivez-la au format JJ/MM/AAAA."];
        if (string.IsNullOrWhiteSpace(saisie?.DateEffet)) erreurs["dateEffet"] = ["Indiquez la date de prise d'effet du bail (JJ/MM/AAAA)."];
        else if (!DateSaisie.Lire(saisie.DateEffet, out effet)) erreurs["dateEffet"] = ["La date de prise d'effet n'est pas une date valide : écrivez-la au format JJ/MM/AAAA."];
        if (erreurs.Count > 0) return Abandonner<Attribution>(Echec.Invalide("Le bail comporte des erreurs.", erreurs));
        if (offre.Statut != StatutOffre.Acceptee)
            return Abandonner<Attribution>(Echec.Conflit(offre.NoterBail().Motif!));
        var quand = horloge.MaintenantEnFrance();
        var bail = new SaisieBail(signature, effet);
        erreurs = Attribution.Verifier(bail, HeureFrance.Jour(offre.RepondueLe!.Value), HeureFrance.Jour(quand));
        if (erreurs.Count > 0) return Abandonner<Attribution>(Echec.Invalide("Le bail comporte des erreurs.", erreurs));

        var acteur = await Acteurs.DeAsync(db, agent, ct);
        ConventionId? convention = vacance.ReservataireId is { } r
            ? await db.Conventions.AsNoTracking().Where(c => c.BailleurId == vacance.BailleurId && c.ReservataireId == r).Select(c => (ConventionId?)c.Id).SingleOrDefaultAsync(ct)
            : null;
        // The attribution is read from the demand as it stands at the signature, before its radiation.
        var attribution = Attribution.Enregistrer(new AttributionId(Guid.NewGuid()), vacance, offre, demande, convention, bail, quand,
            EchelleUnitesConsommation.OcdeModifiee, ParametresEligibilite.Defaut);
        if (offre.NoterBail() is { EstReussi: false } refusOffre) return Abandonner<Attribution>(refusOffre.Probleme);
        if (vacance.Attribuer(offre.NumeroDemande, signature, effet, quand, acteur) is { EstReussi: false } refusVacance) return Abandonner<Attribution>(refusVacance.Probleme);
        if (demande.ConstaterBailSigne(vacance.LogementId, quand, acteur) is { EstReussi: false } refusDemande) return Abandonner<Attribution>(refusDemande.Probleme);
        db.Attributions.Add(attribution);
        Auditer(agent, acteur, ActionsAuditOffres.Bail, demande.Id, $"Bail signé le {Offre.F(signature)} : logement {vacance.NumeroRpls} (vacance {vacance.Id}) attribué, demande radiée (R441-2-8 a)");
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await demandes.SauverAsync(ct);
            if (sne is not null && await sne.AttribuerAsync(demande, new AttributionSne(vacance.NumeroRpls, null, attribution.Dalo, null), ct) is { EstReussi: false } refusSne)
                return Abandonner<Attribution>(refusSne.Probleme);
            await tx.CommitAsync(ct);
            return Resultat.Ok(attribution);
        }
        catch (DbUpdateException e) when (ErreursEcriture.EnEchec(e) is { Nature: NatureEchec.Conflit })
        {
            return Abandonner<Attribution>(Echec.Conflit(Concurrence));
        }
    }

    /// <summary>
    /// The daily run of one EPCI: each offer still pending whose deadline ended before <paramref name="jour"/> is recorded as refused for « absence de
    /// réponse » (R441-10: no answer within the period is a refusal), in the demand's timeline, the vacancy's history and the journal; one save each.
    /// </summary>
    public async Task<int> ConstaterSansReponseAsync(Agent systeme, DateOnly jour, CancellationToken ct)
    {
        var epci = systeme.Perimetre.EpciSiren;
        var ids = await db.Offres.AsNoTracking().Where(o => o.EpciSiren == epci && o.Statut == StatutOffre.EnAttente && o.Echeance < jour)
            .OrderBy(o => o.Echeance).Select(o => o.Id).ToListAsync(ct);
        var acteur = await Acteurs.DeAsync(db, systeme, ct);
        var quand = jour == horloge.AujourdhuiEnFrance() ? horloge.MaintenantEnFrance() : HeureFrance.A(jour, new TimeOnly(12, 0));
        var total = 0;
        foreach (var id in ids)
        {
            db.ChangeTracker.Clear();
            var offre = await db.Offres.SingleAsync(o => o.Id == id, ct);
            var vacance = await db.Vacances.SingleAsync(v => v.Id == offre.VacanceId, ct);
            var demande = await db.Demandes.SingleAsync(d => d.Id == offre.DemandeId, ct);
            if (!offre.ConstaterSansReponse(quand).EstReussi) continue;
            var resume = $"offre restée sans réponse au {Offre.F(offre.Echeance)} : elle vaut refus (R441-10).";
            if (!vacance.NoterReponseOffre(offre.NumeroDemande, false, resume, quand, acteur).EstReussi) continue;
            // A demand radiated meanwhile records nothing more; the offer and the vacancy still move on.
            if (demande.Statut == StatutDemande.Active && !demande.NoterRefus(vacance.LogementId, MotifRefus.AbsenceDeReponse, quand, acteur).EstReussi) continue;
            Auditer(systeme, acteur, ActionsAuditOffres.SansReponse, demande.Id, $"Offre {offre.Id} du logement {vacance.NumeroRpls} : {resume}");
            if ((await SauverAsync(offre, ct)).EstReussi) total++;
        }
        db.ChangeTracker.Clear();
        return total;
    }

    /// <summary>The offers the agent sees, pending first by nearest deadline (the landlord's board), filter <paramref name="statut"/>.</summary>
    public async Task<Resultat<PageResultats<OffreVue>>> ListerAsync(Agent agent, string? statut, string? page, string? taillePage, CancellationToken ct)
    {
        var erreurs = new Dictionary<string, string[]>();
        StatutOffre? s = null;
        if (!string.IsNullOrWhiteSpace(statut) && (s = LibellesOffre.LireStatut(statut)) is null)
            erreurs["statut"] = ["Statut inconnu : " + string.Join(", ", Enum.GetValues<StatutOffre>().Select(x => x.Code())) + "."];
        var (numero, taille) = Pagination(page, taillePage, erreurs);
        if (erreurs.Count > 0) return Resultat.Invalide<PageResultats<OffreVue>>("Un ou plusieurs paramètres sont invalides.", erreurs);
        var q = db.Offres.AsNoTracking().Where(o => o.EpciSiren == agent.Perimetre.EpciSiren);
        if (!AccesVacances.VoitTout(agent.Role))
            q = agent.Role == Role.AgentBailleur && agent.Perimetre.BailleurId is { } b ? q.Where(o => o.BailleurId == b) : q.Where(_ => false);
        if (s is { } x) q = q.Where(o => o.Statut == x);
        var total = await q.CountAsync(ct);
        var offres = await q.OrderBy(o => o.Statut).ThenBy(o => o.Echeance).ThenBy(o => o.NumeroRpls).Skip((numero - 1) * taille).Take(taille).ToListAsync(ct);
        var noms = await Noms.ChargerAsync(db, agent.Perimetre.EpciSiren, ct);
        var aujourdhui = horloge.AujourdhuiEnFrance();
        return Resultat.Ok(new PageResultats<OffreVue>([.. offres.Select(o => Vue(o, aujourdhui))], numero, taille, total));
    }

    /// <summary>One offer.</summary>
    public async Task<Resultat<OffreVue>> LireAsync(Agent agent, string id, CancellationToken ct)
    {
        var offre = await OffreVisibleAsync(agent, id, ct);
        if (offre is null) return Resultat.NonTrouve<OffreVue>(OffreIntrouvable(id));
        return Resultat.Ok(Vue(offre, horloge.AujourdhuiEnFrance()));
    }

    /// <summary>
    /// The attributions of a year the agent sees (the EPCI: all; a landlord: its own; a réservataire: those of its contingent), by date of lease —
    /// the list the monitoring of attributions starts from (<c>GET /api/v1/attributions</c>).
    /// </summary>
    public async Task<Resultat<PageResultats<LigneAttribution>>> AttributionsAsync(Agent agent, string? annee, string? page, string? taillePage, CancellationToken ct)
    {
        var erreurs = new Dictionary<string, string[]>();
        var an = horloge.AujourdhuiEnFrance().Year;
        if (!string.IsNullOrWhiteSpace(annee) && (!int.TryParse(annee, NumberStyles.None, CultureInfo.InvariantCulture, out an) || an is < 2000 or > 2100))
            erreurs["annee"] = ["L'année est un nombre à quatre chiffres (par exemple 2026)."];
        var (numero, taille) = Pagination(page, taillePage, erreurs);
        if (erreurs.Count > 0) return Resultat.Invalide<PageResultats<LigneAttribution>>("Un ou plusieurs paramètres sont invalides.", erreurs);
        var q = db.Attributions.AsNoTracking().Where(a => a.EpciSiren == agent.Perimetre.EpciSiren && a.Annee == an);
        if (!AccesVacances.VoitTout(agent.Role))
        {
            if (agent.Role == Role.AgentBailleur) q = agent.Perimetre.BailleurId is { } b ? q.Where(a => a.BailleurId == b) : q.Where(_ => false);
            else
            {
                var siens = (await new VacancesService(db, horloge).ReservatairesDeAsync(agent, ct)).Select(x => (ReservataireId?)x).ToList();
                q = q.Where(a => siens.Contains(a.ReservataireId));
            }
        }
        var total = await q.CountAsync(ct);
        var lignes = await q.OrderBy(a => a.DateSignature).ThenBy(a => a.NumeroRpls).Skip((numero - 1) * taille).Take(taille).ToListAsync(ct);
        var noms = await Noms.ChargerAsync(db, agent.Perimetre.EpciSiren, ct);
        // The quartile at the lease: against the threshold of its year only (never a previous year's).
        var seuil = (await db.SeuilsPremierQuartile.AsNoTracking().SingleOrDefaultAsync(s => s.EpciSiren == agent.Perimetre.EpciSiren && s.Annee == an, ct))?.Montant;
        return Resultat.Ok(new PageResultats<LigneAttribution>([.. lignes.Select(a => new LigneAttribution(a.Id.Value, a.DateSignature, a.DateEffet,
            noms.Bailleur(a.BailleurId), a.ReservataireId is { } r ? noms.Reservataire(r) : null, a.CommuneInsee.Value, noms.Commune(a.CommuneInsee), a.EnQpv,
            a.Prioritaire || a.Dalo, a.Mutation, a.Typologie.Libelle(), a.Financement.Libelle(),
            Domain.Mixite.ClassementQuartile.Classer(a.RevenuParUc, seuil) is { } q ? Domain.Mixite.ClassementQuartile.Code(q) : null, a.Dalo, a.RelogementRenouvellement,
            a.PersonneMorale))], numero, taille, total));
    }

    /// <summary>The next candidate the CALEOL placed for the vacancy, once the last offer was refused.</summary>
    private async Task<string?> ProchainAsync(VacanceId id, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        var vacance = await db.Vacances.AsNoTracking().SingleAsync(v => v.Id == id, ct);
        var (places, _) = await OrdreAsync(vacance, suivre: false, ct);
        return vacance.PeutEtreOfferte ? OrdreOffres.Suivant(places)?.Candidat.Numero : null;
    }

    /// <summary>The candidates of the vacancy's dwelling (CALEOL decisions since its declaration) in the commission's order, and its offers.</summary>
    private async Task<(IReadOnlyList<PlaceCandidat> Places, List<Offre> Offres)> OrdreAsync(Vacance vacance, bool suivre, CancellationToken ct)
    {
        var logement = vacance.LogementId;
        var depuis = vacance.DeclareeLe;
        var q = suivre ? db.Demandes : db.Demandes.AsNoTracking();
        // (the decisions since the declaration are kept in memory by OrdreOffres.Candidat: SQLite does not compare instants)
        var candidats = await q.Where(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == vacance.EpciSiren
                && d.Evenements.Any(e => e.LogementId == logement && e.Type == TypeEvenementDemande.DecisionCaleol))
            .ToListAsync(ct);
        var offres = await (suivre ? db.Offres : db.Offres.AsNoTracking()).Where(o => o.VacanceId == vacance.Id).ToListAsync(ct);
        return (OrdreOffres.Ordonner(candidats.Select(d => OrdreOffres.Candidat(d, logement, depuis)).OfType<DecisionCandidat>(), offres), offres);
    }

    /// <summary>An offer of the agent's landlord (tracked), its vacancy and its demand, for an answer or a lease.</summary>
    private async Task<Resultat<(Offre, Vacance, Demande)>> ChargerAsync(Agent agent, string id, CancellationToken ct)
    {
        var vue = await OffreVisibleAsync(agent, id, ct);
        if (vue is null) return Resultat.NonTrouve<(Offre, Vacance, Demande)>(OffreIntrouvable(id));
        if (!AccesVacances.PeutGerer(agent.Role, agent.Perimetre, vue.BailleurId))
            return Resultat.Interdit<(Offre, Vacance, Demande)>("Seul le bailleur du logement enregistre la réponse à l'offre et le bail.");
        var offre = await db.Offres.SingleAsync(o => o.Id == vue.Id, ct);
        var vacance = await db.Vacances.SingleAsync(v => v.Id == offre.VacanceId, ct);
        var demande = await db.Demandes.SingleAsync(d => d.Id == offre.DemandeId, ct);
        return Resultat.Ok((offre, vacance, demande));
    }

    private async Task<Offre?> OffreVisibleAsync(Agent agent, string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var g)) return null;
        var offre = await db.Offres.AsNoTracking().SingleOrDefaultAsync(o => o.Id == new OffreId(g) && o.EpciSiren == agent.Perimetre.EpciSiren, ct);
        if (offre is null) return null;
        return AccesVacances.VoitTout(agent.Role) || AccesVacances.PeutGerer(agent.Role, agent.Perimetre, offre.BailleurId) ? offre : null;
    }

    /// <summary>A vacancy of the agent's landlord, or any of the territory for the EPCI; null otherwise (nothing said of the others).</summary>
    private async Task<Vacance?> VacanceAsync(Agent agent, string id, bool suivre, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var g)) return null;
        var q = suivre ? db.Vacances : db.Vacances.AsNoTracking();
        var vacance = await q.SingleOrDefaultAsync(v => v.Id == new VacanceId(g) && v.EpciSiren == agent.Perimetre.EpciSiren, ct);
        if (vacance is null) return null;
        if (AccesVacances.VoitTout(agent.Role) || AccesVacances.PeutGerer(agent.Role, agent.Perimetre, vacance.BailleurId)) return vacance;
        db.ChangeTracker.Clear();
        return null;
    }

    private async Task<Resultat<T>> SauverAsync<T>(T valeur, CancellationToken ct)
    {
        try
        {
            await demandes.SauverAsync(ct);
            return Resultat.Ok(valeur);
        }
        catch (DbUpdateException e) when (ErreursEcriture.EnEchec(e) is { Nature: NatureEchec.Conflit })
        {
            // A concurrency token that moved, or a unique index (one pending offer per vacancy and per demand, one lease): nothing was written.
            return Abandonner<T>(Echec.Conflit(Concurrence));
        }
    }

    private Resultat<T> Abandonner<T>(Echec probleme)
    {
        db.ChangeTracker.Clear();
        return Resultat.Echec<T>(probleme);
    }

    private void Auditer(Agent agent, Acteur acteur, string action, DemandeId demande, string detail) =>
        db.Audit.Add(new EntreeAudit
        {
            Quand = horloge.GetUtcNow(), AuteurId = agent.Id, Auteur = agent.Nom, Organisation = acteur.Organisation, Action = action, DemandeId = demande,
            EpciSiren = agent.Perimetre.EpciSiren, Detail = detail.Length <= 300 ? detail : detail[..300],
        });

    private static OffreVue Vue(Offre o, DateOnly aujourdhui) => new(o.Id.Value, o.VacanceId.Value, o.NumeroRpls, o.NumeroDemande,
        o.Decision.Libelle(), o.RangCaleol, o.Adaptee, HeureFrance.EnFrance(o.FaiteLe), o.Echeance,
        o.EstEnAttente ? o.Echeance.DayNumber - aujourdhui.DayNumber : null, o.Statut.Code(), o.Statut.Libelle(), o.MotifRefus?.Libelle(),
        o.RepondueLe is { } r ? HeureFrance.EnFrance(r) : null);


    private static (int Page, int Taille) Pagination(string? page, string? taillePage, Dictionary<string, string[]> erreurs)
    {
        var numero = 1;
        if (!string.IsNullOrWhiteSpace(page) && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out numero) || numero < 1))
            erreurs["page"] = ["Le numéro de page est un entier à partir de 1."];
        var taille = TaillePageParDefaut;
        if (!string.IsNullOrWhiteSpace(taillePage) && (!int.TryParse(taillePage, NumberStyles.None, CultureInfo.InvariantCulture, out taille) || taille is < 1 or > TaillePageMax))
            erreurs["taillePage"] = [$"La taille de page est comprise entre 1 et {TaillePageMax}."];
        return (numero, taille);
    }
}

/// <summary>Audit actions of offers and leases (docs/protection-des-donnees.md §2 item 18).</summary>
public static class ActionsAuditOffres
{
    public const string Offre = "offre.proposition";
    public const string Acceptation = "offre.acceptation";
    public const string Refus = "offre.refus";
    public const string SansReponse = "offre.sans-reponse";
    public const string Bail = "bail.signature";
}
