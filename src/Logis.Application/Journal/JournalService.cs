using Logis.Domain.Commun;
using System.Globalization;
using Logis.Domain.Acces;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Demandes;
using Logis.Application.Demandes;
using Logis.Application.Territoire;
using Microsoft.EntityFrameworkCore;
using Logis.Application.Acces;

namespace Logis.Application.Journal;

/// <summary>Filters of the journal; the period is in French civil dates, both ends included.</summary>
public sealed record FiltreJournal(DateOnly? Du, DateOnly? Au, string? Auteur, string? Organisation, string? Action, Demandes.DemandesService.CleDemande? Numero)
{
    /// <summary>The filters in words, for the audit row of an export (no content, only what was asked).</summary>
    public string Decrire()
    {
        var parties = new List<string>();
        if (Du is { } du) parties.Add("du " + du.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        if (Au is { } au) parties.Add("au " + au.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        if (!string.IsNullOrWhiteSpace(Auteur)) parties.Add($"auteur « {Auteur} »");
        if (!string.IsNullOrWhiteSpace(Organisation)) parties.Add($"organisation « {Organisation} »");
        if (Action is not null) parties.Add($"action {Action}");
        if (Numero is { } n) parties.Add($"demande {n.Texte}");
        var texte = parties.Count == 0 ? "Export sans filtre" : "Export filtré : " + string.Join(", ", parties);
        return texte.Length <= 300 ? texte : texte[..300];
    }
}

/// <summary>One row of the journal as the EPCI reads it: never any content of the demand, only who, when, what, which.</summary>
public sealed record LigneJournal(DateTimeOffset Quand, string Auteur, string Organisation, string Action, string Libelle, string? Numero, string? Detail);

/// <summary>
/// The audit journal of the EPCI (docs/protection-des-donnees.md §2 items 17–18): query by period, author, organisation, action and
/// demand, paged; CSV export of the filtered rows, itself recorded. Only <see cref="AccesJournal.PeutConsulter"/> roles,
/// and only the rows of their EPCI. Also the one place where the feature slices write a read or an act in the journal
/// (<see cref="EcrireAsync"/>).
/// </summary>
public sealed class JournalService(LogisDbContext db, TimeProvider horloge, DemandesService demandes)
{
    public const int TaillePageParDefaut = 50;
    public const int TaillePageMax = 200;
    private const int TailleLotExport = 1_000;
    private const int LongueurTexteMax = 100;

    /// <summary>
    /// The dates a filter accepts (a team choice: no journal row predates the product, and the ends of the calendar, such as
    /// 01/01/0001 or 31/12/9999, have no French civil day boundary that an instant can hold).
    /// </summary>
    public static readonly DateOnly PremierJour = new(2000, 1, 1);
    public static readonly DateOnly DernierJour = new(2100, 12, 31);

    /// <summary>Every action the application writes, with its French label, in the order of the filter list.</summary>
    public static readonly IReadOnlyDictionary<string, string> Libelles = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ActionsAudit.LectureDonneesSensibles] = "Lecture des données à accès restreint d'une demande",
        [ActionsAudit.LectureDemande] = "Lecture d'une demande (sans les données à accès restreint)",
        [ActionsAudit.LectureChronologie] = "Lecture de la chronologie d'une demande",
        [ActionsAudit.LectureListe] = "Affichage d'une liste de demandes (recherche, doublons)",
        [ActionsAudit.LectureAttestation] = "Lecture de l'attestation d'enregistrement",
        [ActionsAudit.LectureCotation] = "Lecture du détail de la cotation",
        [ActionsAudit.Enregistrement] = "Enregistrement d'une demande",
        [ActionsAudit.MiseAJour] = "Mise à jour d'une demande",
        [ActionsAudit.Renouvellement] = "Renouvellement d'une demande",
        [ActionsAudit.Radiation] = "Radiation d'une demande",
        [Logis.Application.Relances.ActionsAuditRelances.Rappel] = "Rappel de renouvellement (traitement quotidien)",
        [Logis.Application.Relances.ActionsAuditRelances.Avertissement] = "Avertissement avant radiation (traitement quotidien)",
        [Logis.Application.Relances.ActionsAuditRelances.MessageRepris] = "Message au demandeur remis en file d'envoi",
        [ActionsAudit.Fusion] = "Fusion de deux demandes",
        [ActionsAudit.Import] = "Import d'un fichier de demandes",
        [ActionsAudit.ExportMasse] = "Export du fichier des demandes",
        [ActionsAudit.ExportJournal] = "Export du journal",
        [ActionsAuditConnexion.Reussie] = "Connexion réussie",
        [ActionsAuditConnexion.Echec] = "Connexion refusée",
        [ActionsAuditConnexion.Verrouillage] = "Compte verrouillé après des essais infructueux",
        [ActionsAuditConnexion.EchecSecondFacteur] = "Second facteur refusé",
        [ActionsAuditConnexion.ProConnect] = "Connexion par ProConnect",
        [ActionsAuditConnexion.FranceConnect] = "Connexion par FranceConnect",
        [ActionsAuditConnexion.Deconnexion] = "Déconnexion",
        [ActionsAuditConnexion.MotDePasseDefini] = "Mot de passe défini (compte ouvert par FranceConnect)",
        [ActionsAudit.PurgeJournal] = "Purge du journal (durée de conservation)",
        [ActionsAudit.PurgeDemandes] = "Purge des demandes radiées (durée de conservation)",
        [Logis.Persistence.Pieces.ActionsAuditPieces.Depot] = "Dépôt d'une pièce justificative",
        [Logis.Persistence.Pieces.ActionsAuditPieces.Remplacement] = "Remplacement d'une pièce justificative",
        [Logis.Persistence.Pieces.ActionsAuditPieces.Retrait] = "Retrait d'une pièce justificative",
        [Logis.Persistence.Pieces.ActionsAuditPieces.Telechargement] = "Téléchargement d'une pièce justificative",
        [Logis.Persistence.Pieces.ActionsAuditPieces.LectureSensible] = "Lecture d'une pièce justificative à accès restreint",
        [Logis.Persistence.Pieces.ActionsAuditPieces.ListeSensible] = "Affichage des titres des pièces à accès restreint",
        [Logis.Persistence.Pieces.ActionsAuditPieces.Liste] = "Affichage de la liste des pièces d'une demande",
        [Logis.Application.Demandes.ActionsAuditSituations.Declaration] = "Saisie d'une situation prioritaire ou d'une décision DALO",
        [Logis.Application.Demandes.ActionsAuditSituations.Validation] = "Validation d'une situation prioritaire sur pièce",
        [Logis.Application.Demandes.ActionsAuditSituations.Refus] = "Refus d'une situation prioritaire",
        [Logis.Application.Demandes.ActionsAuditSituations.Expiration] = "Expiration d'une situation prioritaire (traitement quotidien)",
        [Logis.Application.Attributions.ActionsAuditVacances.Declaration] = "Déclaration d'une vacance",
        [Logis.Application.Attributions.ActionsAuditVacances.Orientation] = "Orientation d'une vacance vers un réservataire",
        [Logis.Application.Attributions.ActionsAuditVacances.Restitution] = "Vacance rendue au bailleur, délai de proposition échu (traitement quotidien)",
        [Logis.Application.Attributions.ActionsAuditVacances.Retrait] = "Retrait d'une vacance",
        [Logis.Application.Attributions.ActionsAuditVacances.Convention] = "Enregistrement d'une convention de réservation",
        [Logis.Application.Attributions.ActionsAuditVacances.Preselection] = "Lecture de la présélection des candidats d'une vacance",
        [Logis.Application.Attributions.ActionsAuditVacances.Appariement] = "Lecture de l'appariement suggéré des vacances ouvertes",
        [Logis.Application.Attributions.ActionsAuditVacances.Proposition] = "Proposition d'un candidat pour une vacance",
        [Logis.Application.Attributions.ActionsAuditCaleol.Seance] = "Création d'une séance de la commission d'attribution (CALEOL)",
        [Logis.Application.Attributions.ActionsAuditCaleol.Dossier] = "Inscription d'un logement et de ses candidats à une séance de la CALEOL",
        [Logis.Application.Attributions.ActionsAuditCaleol.Vote] = "Enregistrement des votes de la CALEOL sur un candidat",
        [Logis.Application.Attributions.ActionsAuditCaleol.Decision] = "Décision de la CALEOL sur un candidat",
        [Logis.Application.Attributions.ActionsAuditCaleol.Cloture] = "Clôture d'une séance de la CALEOL",
        [Logis.Application.Attributions.ActionsAuditCaleol.ProcesVerbal] = "Lecture du procès-verbal d'une séance de la CALEOL",
        [Logis.Application.Attributions.ActionsAuditCaleol.Courrier] = "Lecture du courrier de notification d'une décision de la CALEOL",
        [Logis.Application.Espace.ActionsAuditEspace.Liaison] = "Demande liée à un compte de l'espace demandeur",
        [Logis.Application.Espace.ActionsAuditEspace.LiaisonRefusee] = "Essai refusé de lier une demande à un compte de l'espace demandeur (numéro ou code faux)",
        [Logis.Application.Espace.ActionsAuditEspace.Lecture] = "Lecture de sa demande par le demandeur (espace demandeur)",
        [Logis.Application.Espace.ActionsAuditEspace.Renouvellement] = "Renouvellement de sa demande par le demandeur (espace demandeur)",
        [Logis.Application.Espace.ActionsAuditEspace.Coordonnees] = "Correction de ses coordonnées par le demandeur (espace demandeur)",
        [Logis.Application.Espace.ActionsAuditEspace.Declaration] = "Déclaration d'un changement de situation par le demandeur (espace demandeur)",
        [Logis.Application.Espace.ActionsAuditEspace.TraitementDeclaration] = "Examen par un agent d'un changement de situation déclaré par le demandeur",
    };

    public static string Libelle(string action) => Libelles.GetValueOrDefault(action, action);

    public static (FiltreJournal? Filtre, int Page, int TaillePage, Dictionary<string, string[]> Erreurs) LireFiltre(
        string? du, string? au, string? auteur, string? organisation, string? action, string? numero, string? page, string? taillePage)
    {
        var erreurs = new Dictionary<string, string[]>();
        var debut = LireDate(du, "du", "de début", erreurs);
        var fin = LireDate(au, "au", "de fin", erreurs);
        if (debut is { } d && fin is { } f && f < d)
            erreurs["au"] = ["La date de fin doit être égale ou postérieure à la date de début."];
        if (auteur is { Length: > LongueurTexteMax }) erreurs["auteur"] = [$"L'auteur compte au plus {LongueurTexteMax} caractères."];
        if (organisation is { Length: > LongueurTexteMax }) erreurs["organisation"] = [$"L'organisation compte au plus {LongueurTexteMax} caractères."];
        string? a = null;
        if (!string.IsNullOrWhiteSpace(action))
        {
            if (Libelles.ContainsKey(action.Trim())) a = action.Trim();
            else erreurs["action"] = ["Ce type d'action n'existe pas : choisissez-le dans la liste."];
        }
        Demandes.DemandesService.CleDemande? n = null;
        if (!string.IsNullOrWhiteSpace(numero))
        {
            if (Demandes.DemandesService.Lire(numero.Trim(), out var x)) n = x;
            else erreurs["numero"] = [Demandes.DemandesService.FormatAttendu];
        }
        var numeroPage = 1;
        if (!string.IsNullOrWhiteSpace(page) && (!int.TryParse(page, NumberStyles.None, CultureInfo.InvariantCulture, out numeroPage) || numeroPage < 1))
            erreurs["page"] = ["Le numéro de page est un entier à partir de 1."];
        var taille = TaillePageParDefaut;
        if (!string.IsNullOrWhiteSpace(taillePage)
            && (!int.TryParse(taillePage, NumberStyles.None, CultureInfo.InvariantCulture, out taille) || taille is < 1 or > TaillePageMax))
            erreurs["taillePage"] = [$"La taille de page est comprise entre 1 et {TaillePageMax}."];
        var filtre = erreurs.Count == 0
            ? new FiltreJournal(debut, fin, Vide(auteur), Vide(organisation), a, n)
            : null;
        return (filtre, numeroPage, taille, erreurs);
    }

    public async Task<Resultat<PageResultats<LigneJournal>>> RechercherAsync(Agent agent, FiltreJournal f, int page, int taille, CancellationToken ct)
    {
        if (!AccesJournal.PeutConsulter(agent.Role)) return Refus<PageResultats<LigneJournal>>();
        var q = await RequeteAsync(agent, f, ct);
        var total = await q.CountAsync(ct);
        var lignes = await LignesAsync(q, (page - 1) * taille, taille, ct);
        return Resultat.Ok(new PageResultats<LigneJournal>(lignes, page, taille, total));
    }

    /// <summary>
    /// CSV export of the filtered journal (comma, RFC 4180 quoting, UTF-8, formulas neutralised: <see cref="CelluleCsv"/>). The
    /// export is recorded in the journal, with its filters, once the request is valid and before the file is written.
    /// </summary>
    public async Task<Resultat<Func<TextWriter, CancellationToken, Task<int>>>> ExporterAsync(Agent agent, FiltreJournal f, CancellationToken ct)
    {
        if (!AccesJournal.PeutConsulter(agent.Role)) return Refus<Func<TextWriter, CancellationToken, Task<int>>>();
        // The query first: the export is recorded only once the request is known to be valid.
        var q = await RequeteAsync(agent, f, ct);
        await EcrireAsync(agent, ActionsAudit.ExportJournal, null, f.Decrire(), ct);
        return Resultat.Ok<Func<TextWriter, CancellationToken, Task<int>>>(async (w, c) =>
        {
            await w.WriteAsync("quand,auteur,organisation,action,libelle,numero_demande,detail\n");
            var n = 0;
            while (true)
            {
                var lot = await LignesAsync(q, n, TailleLotExport, c);
                foreach (var l in lot)
                {
                    await w.WriteAsync(CelluleCsv.Ligne([l.Quand.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture), l.Auteur, l.Organisation,
                        l.Action, l.Libelle, l.Numero, l.Detail]).Append('\n'), c);
                }
                n += lot.Count;
                if (lot.Count < TailleLotExport) break;
            }
            await w.FlushAsync(c);
            return n;
        });
    }

    /// <summary>Writes one audit row for the agent (read of sensitive data, act, export), in the EPCI of the agent, and saves.</summary>
    public async Task EcrireAsync(Agent agent, string action, DemandeId? demande, string? detail, CancellationToken ct)
    {
        Ajouter(agent, (await demandes.ActeurAsync(agent, ct)).Organisation, action, demande, detail);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Adds an audit row to the unit of work without saving (the caller saves it with the change it records).</summary>
    public void Ajouter(Agent agent, string organisation, string action, DemandeId? demande, string? detail) =>
        db.Audit.Add(new EntreeAudit
        {
            Quand = horloge.GetUtcNow(), AuteurId = agent.Id, Auteur = agent.Nom, Organisation = organisation, Action = action,
            DemandeId = demande, EpciSiren = agent.Perimetre.EpciSiren, Detail = detail,
        });

    private async Task<IQueryable<EntreeAudit>> RequeteAsync(Agent agent, FiltreJournal f, CancellationToken ct)
    {
        Siren? epci = agent.Perimetre.EpciSiren;
        var q = db.Audit.AsNoTracking().Where(a => a.EpciSiren == epci);
        if (f.Du is { } du) { var debut = HeureFrance.DebutJour(du); q = q.Where(a => a.Quand >= debut); }
        if (f.Au is { } au) { var fin = HeureFrance.FinJour(au); q = q.Where(a => a.Quand < fin); }
        // Case-insensitive « contains » that both providers translate (upper(…) LIKE); the StringComparison overload is not translated.
#pragma warning disable CA1862
        if (f.Auteur is { } auteur) { var x = auteur.ToUpperInvariant(); q = q.Where(a => a.Auteur.ToUpper().Contains(x)); }
        if (f.Organisation is { } org) { var x = org.ToUpperInvariant(); q = q.Where(a => a.Organisation.ToUpper().Contains(x)); }
#pragma warning restore CA1862
        if (f.Action is { } action) q = q.Where(a => a.Action == action);
        if (f.Numero is { } numero)
        {
            var id = await Demandes.DemandesService.Designees(db.Demandes.AsNoTracking(), numero).Select(d => (DemandeId?)d.Id).FirstOrDefaultAsync(ct);
            q = id is { } x ? q.Where(a => a.DemandeId == x) : q.Where(_ => false);
        }
        return q;
    }

    private async Task<List<LigneJournal>> LignesAsync(IQueryable<EntreeAudit> q, int sauter, int prendre, CancellationToken ct)
    {
        var lignes = await q.OrderByDescending(a => a.Quand).ThenBy(a => a.Id).Skip(sauter).Take(prendre)
            .Select(a => new { a.Quand, a.Auteur, a.Organisation, a.Action, a.DemandeId, a.Detail }).ToListAsync(ct);
        var ids = lignes.Where(l => l.DemandeId is not null).Select(l => l.DemandeId!.Value).Distinct().ToList();
        var numeros = ids.Count == 0 ? []
            : await db.Demandes.AsNoTracking().Where(d => ids.Contains(d.Id)).Select(d => new { d.Id, d.Numero }).ToDictionaryAsync(d => d.Id, d => d.Numero.Valeur, ct);
        return [.. lignes.Select(l => new LigneJournal(HeureFrance.EnFrance(l.Quand), l.Auteur, l.Organisation, l.Action, Libelle(l.Action),
            l.DemandeId is { } id ? numeros.GetValueOrDefault(id) : null, l.Detail))];
    }


    private static DateOnly? LireDate(string? texte, string champ, string quelle, Dictionary<string, string[]> erreurs)
    {
        if (string.IsNullOrWhiteSpace(texte)) return null;
        if (!DateOnly.TryParseExact(texte.Trim(), ["dd/MM/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            erreurs[champ] = [$"La date {quelle} n'est pas une date valide : écrivez-la au format JJ/MM/AAAA (par exemple 01/09/2026)."];
        else if (d < PremierJour || d > DernierJour)
            erreurs[champ] = [$"La date {quelle} doit être comprise entre le {PremierJour.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)} et le {DernierJour.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}."];
        else return d;
        return null;
    }

    private static string? Vide(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();

    private static Resultat<T> Refus<T>() => Resultat.Interdit<T>("Le journal d'audit est réservé aux agents de l'intercommunalité, responsable du traitement.");
}
