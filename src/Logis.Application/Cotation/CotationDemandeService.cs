using Logis.Domain.Acces;
using Logis.Domain.Cotation;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Domain.Patrimoine;
using Logis.Persistence.Demandes;
using Logis.Application.Demandes;
using Microsoft.EntityFrameworkCore;
using Logis.Application.Acces;
using Logis.Domain.Commun;
using Logis.Domain.Statistiques;

namespace Logis.Application.Cotation;

public sealed record FaitDto(string Nom, string Libelle, double Valeur, string Texte);

public sealed record LigneCotationDto(string Nature, string Critere, string Libelle, int Points, string Explication, IReadOnlyList<FaitDto> Faits, string? Remarque);

/// <summary>A fact the grid reads that was not given: no criterion fired on it.</summary>
public sealed record FaitNonRenseigneDto(string Nom, string Libelle);

/// <summary>An explained score; <c>FaitsNonRenseignes</c> lists the facts the grid reads that were not given.</summary>
public sealed record CotationDto(string GrilleId, string Version, int Total, IReadOnlyList<LigneCotationDto> Lignes,
    IReadOnlyList<FaitNonRenseigneDto> FaitsNonRenseignes)
{
    public static CotationDto Depuis(CotationExpliquee c) => new(c.GrilleId, c.Version, c.Total,
    [
        .. c.Lignes.Select(l => new LigneCotationDto(Nature(l.Nature), l.Id, l.Libelle, l.Points, l.Explication,
            [.. l.Faits.Select(f => new FaitDto(f.Nom, f.Libelle, f.Valeur, f.Texte))], l.Remarque)),
    ], NonRenseignes(c));

    public static IReadOnlyList<FaitNonRenseigneDto> NonRenseignes(CotationExpliquee c) =>
        [.. c.FaitsNonRenseignes.Select(f => new FaitNonRenseigneDto(f.Nom, f.Libelle))];

    private static string Nature(NatureLigne n) => n switch
    {
        NatureLigne.Critere => "critere",
        NatureLigne.PlafondGroupe => "plafond_groupe",
        NatureLigne.Refus => "refus",
        NatureLigne.PlafondTotal => "plafond_total",
        _ => "plancher",
    };
}

public sealed record ClasseDto(int Min, int MaxExclu, int Demandes, bool ContientLaDemande);

/// <summary>Where the demand stands among the demands for an analogous dwelling (R441-2-17).</summary>
public sealed record PositionnementDto(
    string Definition, string? Typologie, string? Commune, string? NomCommune, int DemandesAnalogues, int Rang, double? Centile,
    int LargeurClasse, IReadOnlyList<ClasseDto> Distribution, string Resume);

/// <summary>
/// Observed waiting time (R441-2-17, <see cref="DelaiAttente"/>); <c>Source</c> says what it is measured on: « menages_loges », the
/// households housed over the twelve months (<c>Du</c> to <c>Au</c>) in a dwelling of the demand's first typology and first commune.
/// <c>Demandes</c> is the number of those leases, null for a group of 1 to 4 (statistical secret, then no quartile either).
/// </summary>
public sealed record AttenteDto(string Source, string Libelle, DateOnly Du, DateOnly Au, int? Demandes, double? Q1Mois, double? MedianeMois, double? Q3Mois);

public sealed record CotationStockeeDto(int Total, string GrilleId, string Version, DateTimeOffset CalculeeLe);

/// <summary>GET /api/v1/demandes/{numero}/cotation.</summary>
public sealed record CotationDemandeDto(
    string Numero, DateOnly Date, string GrilleId, string Version, int Total, IReadOnlyList<LigneCotationDto> Lignes,
    PositionnementDto Positionnement, AttenteDto Attente, CotationStockeeDto? Stockee, IReadOnlyList<FaitNonRenseigneDto> FaitsNonRenseignes);

/// <summary>
/// The explained score of a stored demand and its positioning. Same perimeter rule as reading the demand
/// (<see cref="DemandesService.ChargerPourAttestationAsync"/>): outside it, 404.
/// <para>
/// <b>Analogous demands</b> (R441-2-17 « demandes analogues ») are the other <i>active</i> demands of the same EPCI that
/// wish the demand's first typology AND its first wished commune (or the whole EPCI). A demand that wishes the whole
/// EPCI without naming a commune is compared with every active demand wishing its typology. Their scores are the stored
/// ones (<c>cotation_demande</c>, kept by each change and by the rescoring); the demand's own score is computed now.
/// </para>
/// </summary>
public sealed class CotationDemandeService(LogisDbContext db, DemandesService demandes, GrillesCotation grilles, Journal.JournalService journal,
    CacheAnalogues cache, TimeProvider horloge)
{
    public const int LargeurClasse = 10;

    /// <summary>Why a legal entity's demand has no score (team reading of CCH L442-8-1 and R441-2-2: docs/contenu-demande.md).</summary>
    public const string SansCotation = "Une demande de personne morale (CCH L442-8-1) n'est pas cotée : la grille cote les ménages, et les ménages qu'elle logera ne sont pas encore connus.";

    public const string DefinitionAnalogues =
        "Demandes actives de l'intercommunalité qui souhaitent la même typologie (la première souhaitée) et la même commune "
        + "(la première souhaitée) ou toute l'intercommunalité.";

    public async Task<Resultat<CotationDemandeDto>> LireAsync(Agent agent, string numero, CancellationToken ct)
    {
        var issue = await demandes.ChargerPourAttestationAsync(agent, numero, ct);
        if (!issue.EstReussi) return issue.Relayer<CotationDemandeDto>();
        var demande = issue.Valeur!;
        var calcul = await CalculerAsync(demande, agent.Perimetre.EpciSiren, AccesDemandes.VoitDonneesSensibles(agent.Role), ct);
        // The explained lines reveal priority situations and disability: a recorded read (docs/protection-des-donnees.md §2 item 18).
        if (calcul.EstReussi) await journal.EcrireAsync(agent, ActionsAudit.LectureCotation, demande.Id, null, ct);
        return calcul;
    }

    /// <summary>
    /// The computation on a loaded demand of <paramref name="epci"/>, shared by the agents' page and API and the applicant space
    /// (who reads it records the read). <paramref name="sensibles"/>: whether the lines triggered by sensitive facts are shown;
    /// <paramref name="nomsCommunes"/>: the names of the EPCI's communes when the caller has them already.
    /// </summary>
    public async Task<Resultat<CotationDemandeDto>> CalculerAsync(Demande demande, Siren epci, bool sensibles, CancellationToken ct,
        IReadOnlyDictionary<string, string>? nomsCommunes = null)
    {
        ArgumentNullException.ThrowIfNull(demande);
        if (demande.Contenu.EstPersonneMorale) return Resultat.Conflit<CotationDemandeDto>(SansCotation);
        var jeu = grilles.JeuEnVigueur(epci);
        if (jeu is null) return Resultat.NonTrouve<CotationDemandeDto>("Aucune grille de cotation n'est en vigueur sur votre territoire.");
        var date = grilles.Aujourdhui;
        var faits = FaitsDepuisDemande.Construire(demande, date);
        var explication = jeu.Expliquer(in faits);

        var souhaits = demande.Contenu.Souhaits;
        Typologie? premiereTypologie = souhaits.Typologies.Count > 0 ? souhaits.Typologies[0] : null;
        CodeInsee? premiereCommune = souhaits.Communes.Count > 0 ? souhaits.Communes[0] : null;
        var typologie = premiereTypologie?.ToString();
        var commune = premiereCommune?.Value;
        var groupe = await AnaloguesAsync(epci, premiereTypologie, premiereCommune, date, ct);
        var scores = new List<int>(groupe.Scores.Count);
        foreach (var (id, total) in groupe.Scores)
            if (id != demande.Id) scores.Add(total);
        var positionnement = Positionnement.Calculer(explication.Total, scores, LargeurClasse);
        var periode = PeriodeObservation.DouzeMoisJusquA(date);
        var attente = groupe.Attente;
        var noms = commune is null ? null : nomsCommunes ?? await demandes.NomsCommunesAsync(epci, ct);
        var stockee = await db.CotationsDemandes.AsNoTracking().Where(c => c.DemandeId == demande.Id && c.Total != null)
            .Select(c => new CotationStockeeDto(c.Total!.Value, c.GrilleId!, c.Version!, c.CalculeeLe!.Value)).SingleOrDefaultAsync(ct);

        return Resultat.Ok(new CotationDemandeDto(
            demande.Numero.Valeur, date, explication.GrilleId, explication.Version, explication.Total,
            sensibles ? CotationDto.Depuis(explication).Lignes : Masquer(CotationDto.Depuis(explication).Lignes),
            new PositionnementDto(DefinitionAnalogues, typologie, commune, commune is null ? null : noms!.GetValueOrDefault(commune, commune),
                positionnement.DemandesAnalogues, positionnement.Rang, positionnement.Centile, LargeurClasse,
                [.. positionnement.Distribution.Select(c => new ClasseDto(c.Min, c.MaxExclu, c.Effectif, c.ContientLeDemandeur))],
                positionnement.Resume),
            new AttenteDto("menages_loges", LibelleAttente(typologie, commune is null ? null : noms!.GetValueOrDefault(commune, commune), attente),
                periode.Du, periode.Au, attente.MenagesDiffuses, (double?)attente.Q1Mois, (double?)attente.MedianeMois, (double?)attente.Q3Mois),
            stockee, CotationDto.NonRenseignes(explication)));
    }

    /// <summary>
    /// The analogous demands of a group and its observed waiting time (<see cref="CacheAnalogues"/>): from memory when nothing was written
    /// since they were read, read again otherwise. Every active demand of the group is kept, the one shown included (left out by the caller).
    /// </summary>
    private async Task<GroupeAnalogues> AnaloguesAsync(Siren epci, Typologie? typologie, CodeInsee? commune, DateOnly date, CancellationToken ct)
    {
        // Read before the rows: a write committed meanwhile moves it, and the group read now is read again at the next view.
        var generation = GenerationDonnees.Valeur(db);
        var maintenant = horloge.GetUtcNow();
        var cle = (epci, typologie, commune);
        if (cache.Groupes.TryGetValue(cle, out var g) && g.Jour == date && g.Generation == generation && maintenant - g.CalculeLe < CacheAnalogues.DureeMaximale
            && maintenant >= g.CalculeLe)
            return g;
        cache.Compter();
        var q = db.Demandes.AsNoTracking()
            .Where(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == epci && d.Statut == StatutDemande.Active);
        if (typologie is { } t)
        {
            var motif = $"|{t}|";
            q = q.Where(d => EF.Property<string>(d, ColonnesDemande.Typologies).Contains(motif));
        }
        if (commune is { } c)
        {
            var motif = $"|{c.Value}|";
            q = q.Where(d => EF.Property<bool>(d, ColonnesDemande.ToutEpci) || EF.Property<string>(d, ColonnesDemande.Communes).Contains(motif));
        }
        var scores = (await q.Join(db.CotationsDemandes.Where(x => x.Total != null), d => d.Id, x => x.DemandeId, (d, x) => new { x.DemandeId, Total = x.Total!.Value })
            .ToListAsync(ct)).Select(x => (x.DemandeId, x.Total)).ToList();
        var periode = PeriodeObservation.DouzeMoisJusquA(date);
        // The households housed: a lease signed with a legal entity houses none the file knows (TableauStatistiques, the same choice).
        var baux = db.Attributions.AsNoTracking().Where(a => a.EpciSiren == epci && !a.PersonneMorale && a.DateSignature >= periode.Du && a.DateSignature <= periode.Au);
        if (typologie is { } tb) baux = baux.Where(a => a.Typologie == tb);
        if (commune is { } cb) baux = baux.Where(a => a.CommuneInsee == cb);
        var attente = DelaiAttente.DesMenagesLoges((await baux.Select(a => new { a.DateDepot, a.DateSignature }).ToListAsync(ct))
            .Select(a => (a.DateDepot, a.DateSignature)));
        var nouveau = new GroupeAnalogues(date, generation, maintenant, scores, attente);
        cache.Groupes[cle] = nouveau;
        return nouveau;
    }

    /// <summary>What the observed waiting time is measured on, in plain French, and why it may be missing.</summary>
    public static string LibelleAttente(string? typologie, string? nomCommune, DelaiAttente attente)
    {
        var logement = (typologie, nomCommune) switch
        {
            (null, null) => "un logement de l'intercommunalité",
            (null, { } c) => $"un logement à {c}",
            ({ } t, null) => $"un {t} de l'intercommunalité",
            ({ } t, { } c) => $"un {t} à {c}",
        };
        var mesure = $"Délai d'attente constaté des ménages qui ont signé le bail d'{logement} au cours des douze derniers mois : "
            + "nombre de mois entiers entre le dépôt de leur demande et la signature du bail.";
        return attente.Menages switch
        {
            0 => $"{mesure} Aucun ménage n'a été logé dans ce type de logement sur la période : aucun délai ne peut être constaté.",
            < SecretStatistique.Seuil => $"{mesure} Moins de 5 ménages ont été logés : le délai n'est pas publié, pour qu'aucun ménage ne puisse être reconnu.",
            _ => mesure,
        };
    }

    /// <summary>
    /// For the roles that do not see sensitive data, a line triggered by a sensitive fact keeps its points (the total
    /// stays explained) but not its label, facts or explanation: they would tell which situation the household declared.
    /// </summary>
    private static IReadOnlyList<LigneCotationDto> Masquer(IReadOnlyList<LigneCotationDto> lignes) =>
    [
        .. lignes.Select(l => l.Faits.Any(f => CatalogueFaits.EstSensible(f.Nom))
            ? new LigneCotationDto(l.Nature, "restreint", "Critère à accès restreint", l.Points,
                $"{l.Points} point(s) au titre d'une situation dont le détail est réservé aux agents de l'intercommunalité et des bailleurs.", [], null)
            : l),
    ];
}
