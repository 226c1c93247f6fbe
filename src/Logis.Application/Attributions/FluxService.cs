using System.Globalization;
using Logis.Application.Acces;
using Logis.Domain.Acces;
using Logis.Domain.Attributions;
using Logis.Domain.Commun;
using Logis.Domain.Organisations;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Demandes;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Attributions;

/// <summary>A convention as saved (API body, form): the bailleur (for an EPCI agent; a bailleur agent saves its own), the réservataire, the
/// share of the annual flux in percent, the proposal delay in days, and the sub-targets as text (<c>T3:40; hors-qpv:30; 83137:10</c>).</summary>
public sealed record SaisieConvention(Guid? Bailleur, Guid? Reservataire, decimal? Part, int? DelaiPropositionJours, string? SousObjectifs);

public sealed record LigneConvention(Guid Id, Guid BailleurId, string Bailleur, Guid ReservataireId, string Reservataire, string TypeReservataire,
    string? CommuneCouverte, decimal Part, int DelaiPropositionJours, string SousObjectifs);

public sealed record OrganisationChoix(Guid Id, string Nom, string Type);

/// <summary>The conventions the agent sees, and what a form needs to save one (the agent's bailleurs and the territory's réservataires).</summary>
public sealed record ConventionsVue(IReadOnlyList<LigneConvention> Conventions, bool PeutEnregistrer, IReadOnlyList<OrganisationChoix> Bailleurs,
    IReadOnlyList<OrganisationChoix> Reservataires);

public sealed record CibleBilan(string Cible, decimal Part, int Recus, decimal Attendus);

public sealed record RepartitionBilan(string Categorie, int Orientes);

/// <summary>
/// The yearly bilan of one convention (the bailleur sends it to the réservataire, R441-5): vacancies oriented to the réservataire in the year and
/// due by its share, those for which it proposed candidates, those handed back, those attributed (leases), by typology and QPV, and its sub-targets.
/// </summary>
public sealed record BilanConvention(Guid Convention, string Bailleur, string Reservataire, int Annee, decimal Part, int FluxAnnee, decimal Dus,
    int Orientes, int Proposes, int Rendus, int Attribues, IReadOnlyList<RepartitionBilan> ParTypologie, IReadOnlyList<RepartitionBilan> ParQpv,
    IReadOnlyList<CibleBilan> Cibles);

/// <summary>
/// The reservation conventions of the gestion en flux (R441-5, R441-5-2) and their yearly bilan: saved as data per bailleur × réservataire,
/// checked by the domain (<see cref="ConventionReservation.Verifier"/>: préfet's share at most 30 % with 30 % of it outside QPV) and
/// together (the shares where a dwelling is never exceed 100 %), audited.
/// </summary>
public sealed class FluxService(LogisDbContext db, TimeProvider horloge)
{
    /// <summary>The réservataires in a bailleur's flux on the territory: those with a convention, and the bailleur's own contingent.</summary>
    public static async Task<IReadOnlyList<ParticipantFlux>> ParticipantsAsync(LogisDbContext db, Siren epci, BailleurId bailleur, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var conventions = await db.Conventions.AsNoTracking().Where(c => c.EpciSiren == epci && c.BailleurId == bailleur).ToListAsync(ct);
        var ids = conventions.Select(c => c.ReservataireId).ToList();
        var reservataires = await db.Reservataires.AsNoTracking()
            .Where(r => r.EpciSiren == epci && (ids.Contains(r.Id) || (r.Type == TypeReservataire.Bailleur && r.BailleurId == bailleur))).ToListAsync(ct);
        var liste = conventions.Select(c => reservataires.Single(r => r.Id == c.ReservataireId) is var r ? new ParticipantFlux(r.Id, r.Nom, r.Type, c) : null!).ToList();
        var propre = reservataires.SingleOrDefault(r => r.Type == TypeReservataire.Bailleur && r.BailleurId == bailleur)
            ?? throw new InvalidOperationException($"Le bailleur {bailleur} n'a pas de contingent propre sur le territoire {epci}.");
        liste.Add(new ParticipantFlux(propre.Id, propre.Nom, propre.Type, null));
        return [.. liste.OrderBy(p => p.Nom, StringComparer.Ordinal)];
    }

    /// <summary>The bailleur's vacancies that count in the flux of <paramref name="annee"/>: oriented that year, in the flux, not withdrawn.</summary>
    public static async Task<IReadOnlyList<VacanceFlux>> OrienteesAsync(LogisDbContext db, Siren epci, BailleurId bailleur, int annee, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        var lignes = await db.Vacances.AsNoTracking()
            .Where(v => v.EpciSiren == epci && v.BailleurId == bailleur && v.AnneeFlux == annee && v.HorsFlux == null && v.ReservataireId != null && v.Statut != StatutVacance.Retiree)
            .Select(v => new { v.CommuneInsee, v.Typologie, v.QpvCode, v.ReservataireId }).ToListAsync(ct);
        return [.. lignes.Select(v => new VacanceFlux(v.CommuneInsee, v.Typologie, v.QpvCode != null, v.ReservataireId))];
    }

    public async Task<ConventionsVue> ListerAsync(Agent agent, CancellationToken ct)
    {
        var epci = agent.Perimetre.EpciSiren;
        var siens = await new VacancesService(db, horloge).ReservatairesDeAsync(agent, ct);
        var noms = await Noms.ChargerAsync(db, epci, ct);
        var conventions = (await db.Conventions.AsNoTracking().Where(c => c.EpciSiren == epci).ToListAsync(ct))
            .Where(c => AccesVacances.VoitConvention(agent.Role, agent.Perimetre, c.BailleurId, c.ReservataireId, siens))
            .Select(c => Ligne(c, noms)).OrderBy(c => c.Bailleur, StringComparer.Ordinal).ThenBy(c => c.Reservataire, StringComparer.Ordinal).ToList();
        var bailleurs = await db.BailleursTerritoires.AsNoTracking().Where(x => x.EpciSiren == epci)
            .Join(db.Bailleurs.AsNoTracking(), x => x.BailleurId, x => x.Id, (_, x) => x).ToListAsync(ct);
        var permis = bailleurs.Where(b => AccesVacances.PeutEnregistrerConvention(agent.Role, agent.Perimetre, b.Id))
            .OrderBy(b => b.Nom, StringComparer.Ordinal).Select(b => new OrganisationChoix(b.Id.Value, b.Nom, Bailleur.LibelleForme(b.Forme))).ToList();
        var reservataires = permis.Count == 0 ? []
            : (await db.Reservataires.AsNoTracking().Where(r => r.EpciSiren == epci && r.Type != TypeReservataire.Bailleur).ToListAsync(ct))
                .OrderBy(r => r.Type).ThenBy(r => r.Nom, StringComparer.Ordinal).Select(r => new OrganisationChoix(r.Id.Value, r.Nom, Reservataire.LibelleType(r.Type))).ToList();
        return new ConventionsVue(conventions, permis.Count > 0, permis, reservataires);
    }

    /// <summary>Saves the convention of a bailleur with a réservataire (a new one, or new terms for the existing one).</summary>
    public async Task<Resultat<LigneConvention>> EnregistrerAsync(Agent agent, SaisieConvention? saisie, CancellationToken ct)
    {
        var epci = agent.Perimetre.EpciSiren;
        if (agent.Role is not (Role.AgentEpci or Role.AgentBailleur))
            return Resultat.Interdit<LigneConvention>("Les conventions de réservation sont enregistrées par le bailleur ou par l'intercommunalité.");
        saisie ??= new SaisieConvention(null, null, null, null, null);
        var erreurs = new Dictionary<string, string[]>();
        // A bailleur agent saves its own conventions (the field may be left out); naming another bailleur is refused below.
        var bailleurId = saisie.Bailleur is { } b ? new BailleurId(b) : agent.Role == Role.AgentBailleur ? agent.Perimetre.BailleurId : null;
        if (bailleurId is null) erreurs["bailleur"] = ["Choisissez le bailleur."];
        else if (!await db.BailleursTerritoires.AnyAsync(x => x.EpciSiren == epci && x.BailleurId == bailleurId, ct))
            erreurs["bailleur"] = ["Ce bailleur n'a pas de parc sur le territoire."];
        else if (!AccesVacances.PeutEnregistrerConvention(agent.Role, agent.Perimetre, bailleurId.Value))
            return Resultat.Interdit<LigneConvention>("Un bailleur n'enregistre que ses propres conventions.");
        Reservataire? reservataire = null;
        if (saisie.Reservataire is not { } r) erreurs["reservataire"] = ["Choisissez le réservataire."];
        else
        {
            var rid = new ReservataireId(r);
            reservataire = await db.Reservataires.AsNoTracking().SingleOrDefaultAsync(x => x.Id == rid && x.EpciSiren == epci, ct);
            if (reservataire is null) erreurs["reservataire"] = ["Ce réservataire n'existe pas sur le territoire."];
        }
        if (saisie.Part is null) erreurs["part"] = ["Indiquez la part du flux annuel, en pourcentage."];
        if (saisie.DelaiPropositionJours is null) erreurs["delaiPropositionJours"] = ["Indiquez le délai de proposition des candidats, en jours."];
        var (cibles, erreursCibles) = SousObjectif.LireTexte(saisie.SousObjectifs);
        var communes = await db.Communes.AsNoTracking().Where(c => c.EpciSiren == epci).ToDictionaryAsync(c => c.CodeInsee, c => c.Nom, ct);
        foreach (var c in cibles.Where(c => c.Nature == NatureSousObjectif.Commune && (!CodeInsee.TryCreate(c.Valeur, out var code) || !communes.ContainsKey(code))))
            erreursCibles.Add($"La commune {c.Valeur} n'est pas sur le territoire de l'intercommunalité.");
        if (erreursCibles.Count > 0) erreurs["sousObjectifs"] = [.. erreursCibles];
        if (erreurs.Count > 0 || reservataire is null) return Resultat.Invalide<LigneConvention>("La convention de réservation comporte des erreurs.", erreurs);

        var termes = new TermesConvention(saisie.Part!.Value, saisie.DelaiPropositionJours!.Value, cibles);
        var regles = ConventionReservation.Verifier(reservataire, termes);
        if (regles.Count > 0) return Resultat.Invalide<LigneConvention>("La convention de réservation comporte des erreurs.", regles);
        var autres = await db.Conventions.AsNoTracking().Where(c => c.EpciSiren == epci && c.BailleurId == bailleurId).ToListAsync(ct);
        var ensemble = ConventionReservation.VerifierEnsemble(autres, reservataire, termes.Part, communes.Keys, c => communes.GetValueOrDefault(c, c.Value));
        if (ensemble.Count > 0) return Resultat.Invalide<LigneConvention>("La convention de réservation comporte des erreurs.", ensemble);

        var quand = horloge.GetUtcNow();
        var existante = await db.Conventions.SingleOrDefaultAsync(c => c.BailleurId == bailleurId && c.ReservataireId == reservataire.Id, ct);
        if (existante is null)
        {
            existante = ConventionReservation.Creer(new ConventionId(Guid.NewGuid()), epci, bailleurId!.Value, reservataire, termes, quand).Valeur;
            db.Conventions.Add(existante);
        }
        else
        {
            var fait = existante.Modifier(reservataire, termes, quand);
            if (!fait.EstReussi) return Resultat.Echec<LigneConvention>(fait.Probleme);
            // The sub-targets are one column: tell the tracker the list was replaced.
            db.Entry(existante).Property("_sousObjectifs").IsModified = true;
        }
        var acteur = await Acteurs.DeAsync(db, agent, ct);
        var noms = await Noms.ChargerAsync(db, epci, ct);
        db.Audit.Add(new EntreeAudit
        {
            Quand = quand, AuteurId = agent.Id, Auteur = agent.Nom, Organisation = acteur.Organisation, Action = ActionsAuditVacances.Convention, EpciSiren = epci,
            Detail = $"Convention {noms.Bailleur(existante.BailleurId)} × {reservataire.Nom} : {termes.Part.ToString("0.##", CultureInfo.InvariantCulture)} %, {termes.DelaiPropositionJours} jours" is var d && d.Length > 300 ? d[..300] : d,
        });
        await db.SaveChangesAsync(ct);
        return Resultat.Ok(Ligne(existante, noms));
    }

    /// <summary>The bilan of a convention for a year (by default the current one), for both parties, the EPCI and the administrators.</summary>
    public async Task<Resultat<BilanConvention>> BilanAsync(Agent agent, string id, string? annee, CancellationToken ct)
    {
        var an = horloge.AujourdhuiEnFrance().Year;
        if (!string.IsNullOrWhiteSpace(annee) && (!int.TryParse(annee, NumberStyles.None, CultureInfo.InvariantCulture, out an) || an is < 2020 or > 2100))
            return Resultat.Invalide<BilanConvention>("L'année est invalide.", new Dictionary<string, string[]> { ["annee"] = ["L'année du bilan s'écrit sur quatre chiffres, 2020 au plus tôt (décret 2020-145)."] });
        var introuvable = $"Aucune convention d'identifiant {id} dans votre périmètre.";
        if (!Guid.TryParse(id, out var g)) return Resultat.NonTrouve<BilanConvention>(introuvable);
        var cid = new ConventionId(g);
        var epci = agent.Perimetre.EpciSiren;
        var convention = await db.Conventions.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cid && c.EpciSiren == epci, ct);
        var siens = await new VacancesService(db, horloge).ReservatairesDeAsync(agent, ct);
        if (convention is null || !AccesVacances.VoitConvention(agent.Role, agent.Perimetre, convention.BailleurId, convention.ReservataireId, siens))
            return Resultat.NonTrouve<BilanConvention>(introuvable);
        var noms = await Noms.ChargerAsync(db, epci, ct);
        var participants = await ParticipantsAsync(db, epci, convention.BailleurId, ct);
        var orientees = await OrienteesAsync(db, epci, convention.BailleurId, an, ct);
        var solde = SoldeFlux.Soldes(participants, orientees, null).Single(s => s.Reservataire == convention.ReservataireId);
        var recues = await db.Vacances.AsNoTracking()
            .Where(v => v.EpciSiren == epci && v.BailleurId == convention.BailleurId && v.AnneeFlux == an && v.HorsFlux == null && v.ReservataireId == convention.ReservataireId && v.Statut != StatutVacance.Retiree)
            .Select(v => new { v.Typologie, v.QpvCode, v.Statut, v.RendueLe, v.CandidatsProposesLe }).ToListAsync(ct);
        return Resultat.Ok(new BilanConvention(convention.Id.Value, noms.Bailleur(convention.BailleurId), noms.Reservataire(convention.ReservataireId), an, convention.Part,
            orientees.Count, decimal.Round(solde.Du, 2), recues.Count,
            recues.Count(v => v.CandidatsProposesLe != null && v.RendueLe == null), recues.Count(v => v.RendueLe != null), recues.Count(v => v.Statut == StatutVacance.Attribuee),
            [.. recues.GroupBy(v => v.Typologie).OrderBy(x => x.Key).Select(x => new RepartitionBilan(x.Key.Libelle(), x.Count()))],
            [.. new[] { ("hors QPV", recues.Count(v => v.QpvCode == null)), ("en QPV", recues.Count(v => v.QpvCode != null)) }.Select(x => new RepartitionBilan(x.Item1, x.Item2))],
            [.. solde.SousObjectifs.Select(s => new CibleBilan(s.Cible.Libelle(c => CodeInsee.TryCreate(c, out var x) ? noms.Commune(x) : c), s.Cible.Part, s.Recus, decimal.Round(s.Attendus, 2)))]));
    }

    private static LigneConvention Ligne(ConventionReservation c, Noms noms) =>
        new(c.Id.Value, c.BailleurId.Value, noms.Bailleur(c.BailleurId), c.ReservataireId.Value, noms.Reservataire(c.ReservataireId), Reservataire.LibelleType(c.TypeReservataire),
            c.CommuneCouverte is { } k ? noms.Commune(k) : null, c.Part, c.DelaiPropositionJours, string.Join("; ", c.SousObjectifs.Select(s => s.Texte())));
}
