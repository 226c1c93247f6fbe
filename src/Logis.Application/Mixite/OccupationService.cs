using Logis.Application.Acces;
using Logis.Domain.Acces;
using Logis.Domain.Attributions;
using Logis.Domain.Commun;
using Logis.Domain.Mixite;
using Logis.Domain.Statistiques;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Demandes;
using Logis.Persistence.Demandes.Fichier;
using Logis.Persistence.Reference;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Mixite;

/// <summary>The report of an occupancy import (docs/occupation.md): lines read, valid, written (0 for a trial or a refused file), broken fields.</summary>
public sealed record ResultatImportOccupation(bool Essai, int Lignes, int Valides, int Importees, IReadOnlyList<ErreurLigne> Erreurs)
{
    public bool EstValide => Erreurs.Count == 0;
    public int LignesEnErreur => Erreurs.Select(e => e.Ligne).Distinct().Count();
}

/// <summary>The profile of one group (a résidence, a QPV, a commune) against the EPCI's, and what exceeds it by the criteria.</summary>
public sealed record ProfilGroupeVue(string Cle, string Nom, string? Commune, string? Bailleur, bool EnQpv, ProfilOccupation Profil, IReadOnlyList<string> Depassements, bool AEnjeu);

/// <summary>The occupancy diagnostics in the agent's perimeter (<c>GET /api/v1/mixite/occupation</c>, <c>/mixite/occupation</c>).</summary>
public sealed record OccupationVue(string Perimetre, DateOnly? ObserveDu, DateOnly? ObserveAu, PeriodeObservation Periode, ProfilOccupation Epci,
    IReadOnlyList<ProfilGroupeVue> Communes, IReadOnlyList<ProfilGroupeVue> Qpv, IReadOnlyList<ProfilGroupeVue> Residences, CriteresEnjeu Criteres,
    bool PeutImporter, string SecretStatistique);

/// <summary>
/// The occupancy data of the landlords (issue 15, point 4; docs/occupation.md): the import of the OPS-like file — dry run, all or nothing, the
/// same kind of report as the demand import — and the occupancy profiles per résidence, QPV and commune against the EPCI average, with the
/// résidences à enjeu prioritaire de mixité sociale the configured criteria suggest. A bailleur's agent imports and sees its own stock only;
/// a commune's agent sees the EPCI and its commune; the EPCI's agents, the administrators and the réservataires the whole territory.
/// </summary>
public sealed class OccupationService(LogisDbContext db, TimeProvider horloge, CriteresEnjeu? criteres = null)
{
    public const string ActionImport = "occupation.import";

    private CriteresEnjeu Criteres => criteres ?? CriteresEnjeu.Defaut;

    public static bool PeutImporter(Role role) => role is Role.AgentBailleur or Role.AgentEpci;

    private sealed record LogementConnu(LogementId Id, ResidenceId Residence, BailleurId Bailleur, CodeInsee Commune, string? Qpv);

    public Task<Resultat<ResultatImportOccupation>> ImporterAsync(Agent agent, string texte, bool essai, CancellationToken ct) =>
        ImporterAsync(agent, new StringReader(texte), essai, ct);

    /// <summary>Reads the whole file, reports every broken field, and writes nothing unless every line is valid and it is not a trial.</summary>
    public async Task<Resultat<ResultatImportOccupation>> ImporterAsync(Agent agent, TextReader fichier, bool essai, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(agent);
        ArgumentNullException.ThrowIfNull(fichier);
        if (!PeutImporter(agent.Role))
            return Resultat.Interdit<ResultatImportOccupation>("Seuls les bailleurs (pour leur parc) et l'intercommunalité importent les données d'occupation.");
        if (agent.Role == Role.AgentBailleur && agent.Perimetre.BailleurId is null)
            return Resultat.Interdit<ResultatImportOccupation>("Votre compte n'est rattaché à aucun bailleur.");
        var epci = agent.Perimetre.EpciSiren;
        var aujourdhui = horloge.AujourdhuiEnFrance();
        var erreurs = new List<ErreurLigne>();
        CsvLecteur lecteur;
        try
        {
            lecteur = new CsvLecteur(fichier);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            erreurs.Add(new ErreurLigne(1, "(en-tête)", e is ArgumentException ? "L'en-tête contient deux fois la même colonne." : e.Message));
            return Resultat.Ok(new ResultatImportOccupation(essai, 0, 0, 0, erreurs));
        }
        foreach (var c in lecteur.Colonnes.Where(c => !FormatOccupation.Colonnes.Contains(c)))
            erreurs.Add(new ErreurLigne(1, c, "Colonne inconnue du format des données d'occupation (docs/occupation.md)."));
        foreach (var c in FormatOccupation.Obligatoires.Where(c => !lecteur.Colonnes.Contains(c)))
            erreurs.Add(new ErreurLigne(1, c, "Colonne obligatoire absente de l'en-tête."));
        if (erreurs.Count > 0) return Resultat.Ok(new ResultatImportOccupation(essai, 0, 0, 0, erreurs));

        var parc = (await (from l in db.Logements.AsNoTracking()
                           join c in db.Communes.AsNoTracking() on l.CommuneInsee equals c.CodeInsee
                           where c.EpciSiren == epci
                           select new { l.NumeroRpls, l.Id, l.ResidenceId, l.BailleurId, l.CommuneInsee, l.QpvCode }).ToListAsync(ct))
            .ToDictionary(x => x.NumeroRpls, x => new LogementConnu(x.Id, x.ResidenceId, x.BailleurId, x.CommuneInsee, x.QpvCode), StringComparer.Ordinal);
        var lues = new List<OccupationLogement>();
        var vus = new Dictionary<string, int>(StringComparer.Ordinal);
        var lignes = 0;
        while (true)
        {
            bool suite;
            try
            {
                suite = lecteur.Lire();
            }
            catch (FormatException e)
            {
                erreurs.Add(new ErreurLigne(lecteur.Ligne, "(ligne)", $"Ligne CSV mal formée : {e.Message}."));
                lignes++;
                continue;
            }
            if (!suite) break;
            var ligne = lecteur.Ligne;
            if (lecteur.Champs.All(string.IsNullOrWhiteSpace)) continue;
            lignes++;
            string? Champ(string col) => lecteur.Position(col) >= 0 ? lecteur[col] : null;
            var rpls = Champ(FormatOccupation.Rpls)?.Trim() ?? "";
            LogementConnu? logement = null;
            if (rpls.Length == 0) erreurs.Add(new ErreurLigne(ligne, FormatOccupation.Rpls, "Le numéro RPLS du logement est obligatoire."));
            else if (vus.TryGetValue(rpls, out var premiere)) erreurs.Add(new ErreurLigne(ligne, FormatOccupation.Rpls, $"Ce logement figure déjà ligne {premiere} : une ligne par logement occupé."));
            else if (!parc.TryGetValue(rpls, out logement)) erreurs.Add(new ErreurLigne(ligne, FormatOccupation.Rpls, "Aucun logement de ce numéro RPLS dans le parc social de l'intercommunalité."));
            else if (agent.Role == Role.AgentBailleur && logement.Bailleur != agent.Perimetre.BailleurId)
            {
                erreurs.Add(new ErreurLigne(ligne, FormatOccupation.Rpls, "Ce logement n'est pas dans le parc de votre organisme : un bailleur n'importe que l'occupation de son propre parc."));
                logement = null;
            }
            if (rpls.Length > 0) vus.TryAdd(rpls, ligne);
            var menage = MenageOccupant.Lire(Champ, aujourdhui);
            if (!menage.EstReussi)
                foreach (var (col, messages) in menage.Probleme.Champs) foreach (var m in messages) erreurs.Add(new ErreurLigne(ligne, col, m));
            if (menage.EstReussi && logement is not null)
                lues.Add(OccupationLogement.Creer(new OccupationLogementId(Guid.NewGuid()), epci, logement.Bailleur, logement.Id, logement.Residence, logement.Commune, logement.Qpv,
                    menage.Valeur));
        }
        if (lignes == 0) erreurs.Add(new ErreurLigne(1, "(fichier)", "Le fichier ne contient aucune ligne d'occupation."));
        var valides = lignes - erreurs.Select(e => e.Ligne).Where(l => l > 1).Distinct().Count();
        if (erreurs.Count > 0 || essai) return Resultat.Ok(new ResultatImportOccupation(essai, lignes, Math.Max(0, valides), 0, erreurs));

        // All or nothing: the previous rows of the dwellings of the file are replaced in one transaction, with one audit row.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ids = lues.Select(l => l.LogementId).ToList();
        foreach (var bloc in ids.Chunk(1000))
        {
            var b = bloc.ToList();
            await db.Occupations.Where(o => b.Contains(o.LogementId)).ExecuteDeleteAsync(ct);
        }
        db.Occupations.AddRange(lues);
        var acteur = await Acteurs.DeAsync(db, agent, ct);
        db.Audit.Add(new EntreeAudit
        {
            Quand = horloge.GetUtcNow(), AuteurId = agent.Id, Auteur = agent.Nom, Organisation = acteur.Organisation, Action = ActionImport, EpciSiren = epci,
            Detail = $"{lues.Count} logement(s) occupé(s) importé(s)",
        });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return Resultat.Ok(new ResultatImportOccupation(false, lignes, lues.Count, lues.Count, []));
    }

    /// <summary>The occupancy profiles in the agent's perimeter, each against the EPCI's, and the résidences the criteria suggest.</summary>
    public async Task<OccupationVue> ProfilsAsync(Agent agent, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var epci = agent.Perimetre.EpciSiren;
        var aujourdhui = horloge.AujourdhuiEnFrance();
        var periode = PeriodeObservation.DouzeMoisJusquA(aujourdhui);
        var occupations = await db.Occupations.AsNoTracking().Where(o => o.EpciSiren == epci).ToListAsync(ct);
        var logements = await (from l in db.Logements.AsNoTracking()
                               join c in db.Communes.AsNoTracking() on l.CommuneInsee equals c.CodeInsee
                               where c.EpciSiren == epci
                               select new { l.Id, l.ResidenceId, l.CommuneInsee, l.QpvCode, l.BailleurId }).ToListAsync(ct);
        var baux = await db.Attributions.AsNoTracking().Where(a => a.EpciSiren == epci && a.DateSignature >= periode.Du && a.DateSignature <= periode.Au)
            .Select(a => a.LogementId).ToListAsync(ct);
        var vacants = await db.Vacances.AsNoTracking().Where(v => v.EpciSiren == epci && v.Statut != StatutVacance.Attribuee && v.Statut != StatutVacance.Retiree)
            .Select(v => v.LogementId).Distinct().ToListAsync(ct);
        var noms = await Attributions.Noms.ChargerAsync(db, epci, ct);
        var codes = noms.Communes.Keys.ToList();
        var residences = await db.Residences.AsNoTracking().Where(r => codes.Contains(r.CommuneInsee)).ToListAsync(ct);
        var qpvs = await db.Qpvs.AsNoTracking().Select(q => new { q.Code, q.Nom }).ToListAsync(ct);

        var bauxPar = baux.GroupBy(x => x).ToDictionary(g => g.Key, g => g.Count());
        var vacantsSet = vacants.ToHashSet();
        ProfilOccupation Profil(Func<LogementId, bool> dans, IEnumerable<OccupationLogement> menages)
        {
            var ls = logements.Where(l => dans(l.Id)).Select(l => l.Id).ToList();
            return ProfilOccupation.Calculer([.. menages], ls.Count, ls.Sum(l => bauxPar.GetValueOrDefault(l)), ls.Count(vacantsSet.Contains));
        }
        var moyenne = Profil(_ => true, occupations);
        var criteres = Criteres;
        ProfilGroupeVue Groupe(string cle, string nom, string? commune, string? bailleur, bool enQpv, ProfilOccupation p)
        {
            var d = criteres.Depassements(p, moyenne);
            return new ProfilGroupeVue(cle, nom, commune, bailleur, enQpv, p, d, d.Count >= criteres.IndicateursMinimum);
        }

        var communeSeule = agent.Role == Role.AgentCommune ? agent.Perimetre.CommuneInsee : null;
        var bailleurSeul = agent.Role == Role.AgentBailleur ? agent.Perimetre.BailleurId : null;
        var logementsPar = logements.ToDictionary(l => l.Id);
        bool Visible(CodeInsee commune, BailleurId bailleur) =>
            (communeSeule is null || commune == communeSeule) && (agent.Role != Role.AgentBailleur || bailleur == bailleurSeul);

        var parResidence = occupations.ToLookup(o => o.ResidenceId);
        var lignesResidences = residences.Where(r => Visible(r.CommuneInsee, r.BailleurId))
            .Select(r => Groupe(r.Id.Value.ToString(), r.Nom, noms.Commune(r.CommuneInsee), noms.Bailleur(r.BailleurId), r.EnQpv,
                Profil(l => logementsPar[l].ResidenceId == r.Id, parResidence[r.Id])))
            .OrderByDescending(g => g.Depassements.Count).ThenBy(g => g.Commune, StringComparer.Ordinal).ThenBy(g => g.Nom, StringComparer.Ordinal).ToList();

        // QPV and communes: a bailleur's agent sees its own stock there.
        bool DuBailleur(OccupationLogement o) => bailleurSeul is null || o.BailleurId == bailleurSeul;
        bool LogementDuBailleur(LogementId l) => bailleurSeul is null || logementsPar[l].BailleurId == bailleurSeul;
        var lignesQpv = logements.Where(l => l.QpvCode is not null && (communeSeule is null || l.CommuneInsee == communeSeule)).Select(l => l.QpvCode!).Distinct()
            .Select(q => Groupe(q, qpvs.FirstOrDefault(x => x.Code == q)?.Nom ?? q, null, null, true,
                Profil(l => logementsPar[l].QpvCode == q && LogementDuBailleur(l), occupations.Where(o => o.QpvCode == q && DuBailleur(o)))))
            .OrderBy(g => g.Nom, StringComparer.Ordinal).ToList();
        var lignesCommunes = noms.Communes.Keys.Where(k => communeSeule is null || k == communeSeule)
            .Select(k => Groupe(k.Value, noms.Commune(k), noms.Commune(k), null, false,
                Profil(l => logementsPar[l].CommuneInsee == k && LogementDuBailleur(l), occupations.Where(o => o.CommuneInsee == k && DuBailleur(o)))))
            .OrderBy(g => g.Nom, StringComparer.Ordinal).ToList();

        var perimetre = agent.Role switch
        {
            Role.AgentBailleur when bailleurSeul is { } b => "Parc de " + noms.Bailleur(b) + ", comparé à toute l'intercommunalité",
            Role.AgentCommune when communeSeule is { } k => "Toute l'intercommunalité et la commune de " + noms.Commune(k),
            _ => "Toute l'intercommunalité",
        };
        return new OccupationVue(perimetre, occupations.Count == 0 ? null : occupations.Min(o => o.DateObservation),
            occupations.Count == 0 ? null : occupations.Max(o => o.DateObservation), periode, moyenne, lignesCommunes, lignesQpv, lignesResidences, criteres,
            PeutImporter(agent.Role), "Aucun groupe de 1 à 4 ménages n'est montré : ses effectifs et ses parts sont masqués (null).");
    }
}

/// <summary>The tables of the occupancy page to CSV and XLSX (docs/occupation.md), masked as on the page.</summary>
public static class ExportsOccupation
{
    public static readonly IReadOnlyList<string> Tables = ["residences", "qpv", "communes", "enjeu"];

    private static object Part(decimal? t) => t is { } x ? x : "non diffusé";
    private static object Compte(int? n) => n is { } x ? x : SecretStatistique.Libelle;

    public static TableauExport? Tableau(OccupationVue v, string? nom)
    {
        ArgumentNullException.ThrowIfNull(v);
        IReadOnlyList<ProfilGroupeVue>? lignes = nom switch
        {
            "residences" => v.Residences,
            "qpv" => v.Qpv,
            "communes" => v.Communes,
            "enjeu" => [.. v.Residences.Where(r => r.AEnjeu)],
            _ => null,
        };
        if (lignes is null) return null;
        var titre = nom switch
        {
            "residences" => "Profil d'occupation par résidence",
            "qpv" => "Profil d'occupation par quartier prioritaire",
            "communes" => "Profil d'occupation par commune",
            _ => "Résidences à enjeu prioritaire de mixité sociale suggérées",
        };
        var e = v.Epci;
        return new TableauExport(nom!, $"{titre} ({v.Perimetre})",
            ["Groupe", "Commune", "Bailleur", "En QPV", "Logements", "Ménages", "Sous 20 % des plafonds (%)", "Sous 40 % (%)", "Sous 60 % (%)", "Monoparentales (%)",
                "Familles nombreuses (%)", "Sans adulte en emploi (%)", "Aide au logement (%)", "Rotation sur 12 mois (%)", "Vacance (%)", "Au-dessus de la moyenne"],
            [.. lignes.Prepend(new ProfilGroupeVue("", "Moyenne de l'intercommunalité", null, null, false, e, [], false)).Select(g => (IReadOnlyList<object?>)[
                g.Nom, g.Commune ?? "", g.Bailleur ?? "", g.EnQpv ? "oui" : "non", g.Profil.Logements, Compte(g.Profil.Menages), Part(g.Profil.Moins20), Part(g.Profil.Moins40),
                Part(g.Profil.Moins60), Part(g.Profil.Monoparentales), Part(g.Profil.FamillesNombreuses), Part(g.Profil.SansAdulteEnEmploi), Part(g.Profil.AideLogement),
                Part(g.Profil.Rotation), Part(g.Profil.Vacance), string.Join(", ", g.Depassements)])]);
    }
}
