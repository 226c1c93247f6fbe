using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;

namespace Logis.Domain.Attributions;

/// <summary>Identifier of a dossier: one vacancy examined at one CALEOL session.</summary>
public readonly record struct DossierCaleolId(Guid Value)
{
    public override string ToString() => Value.ToString();
}

/// <summary>Why fewer than three demands are examined for a dwelling (CCH R441-3, second paragraph).</summary>
public enum ExceptionTroisCandidats
{
    /// <summary>Not enough candidates.</summary>
    CandidatsInsuffisants = 1,
    /// <summary>A DALO candidate designated by the préfet (L441-2-3 II, seventh paragraph).</summary>
    DaloDesignePrefet = 2,
    /// <summary>A dwelling that received the subsidy of D331-25-1 (PLAI adapté).</summary>
    PlaiAdapte = 3,
}

/// <summary>A demand presented to the commission: proposed for the vacancy, or added by the landlord; whether it holds a DALO priority.</summary>
public sealed record CandidatPresente(DemandeId Demande, string Numero, bool Dalo, bool AjouteParBailleur);

/// <summary>One candidate of a dossier, its decision and the reasons (R441-3, L441-2-2, R441-2-17).</summary>
public sealed class CandidatCaleol
{
    private readonly List<MotifDecisionCaleol> _motifs = [];

    private CandidatCaleol() { Numero = ""; }

    internal CandidatCaleol(int rang, CandidatPresente c)
    {
        Rang = rang;
        DemandeId = c.Demande;
        Numero = c.Numero;
        AjouteParBailleur = c.AjouteParBailleur;
    }

    /// <summary>Order of presentation in the dossier, from 1 (the proposal's rank when it came from a proposal).</summary>
    public int Rang { get; private set; }
    public DemandeId DemandeId { get; private set; }
    /// <summary>The demand's national number, as presented.</summary>
    public string Numero { get; private set; }
    public bool AjouteParBailleur { get; private set; }
    public DecisionCaleol? Decision { get; private set; }
    /// <summary>For an attribution by order of priority: the rank.</summary>
    public int? RangAttribution { get; private set; }
    public IReadOnlyList<MotifDecisionCaleol> Motifs => _motifs;
    /// <summary>The commission's short text (for « autre motif »): in the minutes and the letter, never in the timeline.</summary>
    public string? Precision { get; private set; }
    public TypePiece? PieceManquante { get; private set; }
    public DateOnly? PieceAttendueAvant { get; private set; }
    public DateTimeOffset? DecideLe { get; private set; }

    public MotivationCaleol Motivation => new(_motifs, PieceManquante, PieceAttendueAvant);

    /// <summary>The demand was deleted at the end of its retention: its number, its id and the commission's free text about it go; the decision stays.</summary>
    internal void Oublier(DossierCaleolId dossier)
    {
        Numero = Demandes.Demande.NumeroSupprime;
        Precision = null;
        DemandeId = new DemandeId(DeterministicGuid.From($"candidat-supprime:{dossier}:{Rang}"));
    }

    internal void Decider(DecisionCaleol decision, int? rang, MotivationCaleol motivation, string? precision, DateTimeOffset quand)
    {
        Decision = decision;
        RangAttribution = rang;
        _motifs.Clear();
        _motifs.AddRange(motivation.Motifs);
        PieceManquante = motivation.PieceManquante;
        PieceAttendueAvant = motivation.PieceAttendueAvant;
        Precision = precision;
        DecideLe = quand;
    }
}

/// <summary>One deliberative member's vote on the decision for one candidate; a new vote of the same member replaces the previous one.</summary>
public sealed class VoteCaleol
{
    private VoteCaleol() { }

    internal VoteCaleol(int candidat, int membre, DecisionCaleol decision, DateTimeOffset quand)
    {
        Candidat = candidat;
        Membre = membre;
        Decision = decision;
        Quand = quand;
    }

    public int Candidat { get; private set; }
    public int Membre { get; private set; }
    public DecisionCaleol Decision { get; private set; }
    public DateTimeOffset Quand { get; private set; }
}

/// <summary>
/// The count of the votes on one candidate: the decision with the most votes; on a tie, the one the mayor of the dwelling's commune voted
/// for (casting vote, L441-2); none when the tie stands (the mayor absent, or voting outside the tie).
/// </summary>
public sealed record Depouillement(DecisionCaleol? Retenue, IReadOnlyDictionary<DecisionCaleol, int> Voix, bool VoixPreponderante, string Explication);

/// <summary>
/// One vacancy examined at a CALEOL session (R441-3): its candidates (at least three, or one of the legal exceptions recorded), the members'
/// votes, and one decision per candidate with its reasons. Built by <see cref="Ouvrir"/>; the decisions by <see cref="Decider"/>.
/// </summary>
public sealed class DossierCaleol
{
    public const int CandidatsMax = 20;
    public const int LongueurPrecisionMax = 300;

    private readonly List<CandidatCaleol> _candidats = [];
    private readonly List<VoteCaleol> _votes = [];

    private DossierCaleol() { NumeroRpls = ""; }

    public DossierCaleolId Id { get; private set; }
    public SeanceCaleolId SeanceId { get; private set; }
    public Siren EpciSiren { get; private set; }
    public BailleurId BailleurId { get; private set; }
    /// <summary>Order of examination in the session, from 1.</summary>
    public int Ordre { get; private set; }
    public VacanceId VacanceId { get; private set; }
    public LogementId LogementId { get; private set; }
    public string NumeroRpls { get; private set; }
    public CodeInsee CommuneInsee { get; private set; }
    public Typologie Typologie { get; private set; }
    public Financement Financement { get; private set; }
    /// <summary>The réservataire the vacancy was oriented to: it reads the decisions on its candidates.</summary>
    public ReservataireId? ReservataireId { get; private set; }
    public ExceptionTroisCandidats? Exception { get; private set; }
    public DateTimeOffset InscritLe { get; private set; }
    /// <summary>Every candidate has its decision.</summary>
    public DateTimeOffset? DecideLe { get; private set; }
    public int Version { get; private set; }

    /// <summary>
    /// The demands were deleted at the end of their retention (docs/protection-des-donnees.md §2 item 14): their candidates keep the rank and the
    /// decision (the minutes stay true) but lose the number, the demand's id and the free text. True when a candidate was concerned.
    /// </summary>
    public bool OublierDemandes(IReadOnlySet<DemandeId> demandes)
    {
        ArgumentNullException.ThrowIfNull(demandes);
        var oublies = _candidats.Where(c => demandes.Contains(c.DemandeId)).ToList();
        foreach (var c in oublies) c.Oublier(Id);
        return oublies.Count > 0;
    }

    public IReadOnlyList<CandidatCaleol> Candidats => _candidats;
    public IReadOnlyList<VoteCaleol> Votes => _votes;

    public bool EstDecide => DecideLe is not null;

    /// <summary>
    /// Puts the vacancy on the session's agenda with its candidates: at least three, or fewer with one of the exceptions of R441-3 (not enough
    /// candidates; a DALO candidate designated by the préfet, who must hold a DALO priority; a PLAI dwelling for the PLAI adapté subsidy).
    /// The vacancy passes « en commission ».
    /// </summary>
    public static Resultat<DossierCaleol> Ouvrir(DossierCaleolId id, SeanceCaleol seance, int ordre, Vacance vacance, IReadOnlyList<CandidatPresente> candidats,
        ExceptionTroisCandidats? exception, DateTimeOffset quand, Acteur par)
    {
        ArgumentNullException.ThrowIfNull(seance);
        ArgumentNullException.ThrowIfNull(vacance);
        ArgumentNullException.ThrowIfNull(candidats);
        if (seance.EstClose) return Resultat.Echec<DossierCaleol>("La séance est close : aucun dossier ne s'y ajoute.");
        if (vacance.BailleurId != seance.BailleurId)
            return Resultat.Echec<DossierCaleol>("Le logement n'appartient pas au bailleur de cette commission : il est examiné par la commission de son bailleur.");
        var erreurs = new Dictionary<string, string[]>();
        if (candidats.Count == 0) erreurs["candidats"] = ["Présentez au moins un candidat."];
        else if (candidats.Count > CandidatsMax) erreurs["candidats"] = [$"Un dossier présente {CandidatsMax} candidats au plus."];
        else if (candidats.GroupBy(c => c.Demande).Any(g => g.Count() > 1)) erreurs["candidats"] = ["Un même candidat est présenté deux fois."];
        if (candidats.Count is > 0 and < 3)
        {
            switch (exception)
            {
                case null:
                    erreurs["exception"] = ["Au moins trois demandes sont examinées pour chaque logement (article R441-3 du CCH) : présentez trois candidats, ou indiquez l'exception qui s'applique ("
                        + string.Join(", ", Enum.GetValues<ExceptionTroisCandidats>().Select(e => $"{e.Code()} : {e.Libelle()}")) + ")."];
                    break;
                case ExceptionTroisCandidats.DaloDesignePrefet when !candidats.Any(c => c.Dalo):
                    erreurs["exception"] = ["Aucun candidat présenté n'est reconnu prioritaire au titre du DALO : l'exception du candidat désigné par le préfet ne s'applique pas."];
                    break;
                case ExceptionTroisCandidats.PlaiAdapte when vacance.Financement != Financement.Plai:
                    erreurs["exception"] = [$"Le logement est financé en {vacance.Financement.Libelle()} : l'exception des PLAI adaptés (D331-25-1) ne s'applique qu'à un logement PLAI."];
                    break;
            }
        }
        else if (exception is not null && candidats.Count >= 3)
            erreurs["exception"] = ["Trois candidats au moins sont présentés : aucune exception n'est à indiquer."];
        if (erreurs.Count > 0) return Resultat.Invalide<DossierCaleol>("Le dossier de la commission comporte des erreurs.", erreurs);

        var fait = vacance.MettreEnCommission(seance.Date, candidats.Count, quand, par);
        if (!fait.EstReussi) return Resultat.Echec<DossierCaleol>(fait.Probleme);
        var d = new DossierCaleol
        {
            Id = id, SeanceId = seance.Id, EpciSiren = seance.EpciSiren, BailleurId = seance.BailleurId, Ordre = ordre, VacanceId = vacance.Id,
            LogementId = vacance.LogementId, NumeroRpls = vacance.NumeroRpls, CommuneInsee = vacance.CommuneInsee, Typologie = vacance.Typologie,
            Financement = vacance.Financement, ReservataireId = vacance.ReservataireId, Exception = candidats.Count < 3 ? exception : null, InscritLe = quand,
        };
        for (var i = 0; i < candidats.Count; i++) d._candidats.Add(new CandidatCaleol(i + 1, candidats[i]));
        return Resultat.Ok(d);
    }

    public CandidatCaleol? Candidat(int rang) => _candidats.FirstOrDefault(c => c.Rang == rang);

    /// <summary>Records a member's vote on a candidate: a deliberative member (the mayor only for his commune), while the session accepts votes.</summary>
    public Resultat Voter(SeanceCaleol seance, int membre, int candidat, DecisionCaleol decision, DateTimeOffset quand)
    {
        ArgumentNullException.ThrowIfNull(seance);
        if (seance.Id != SeanceId) throw new ArgumentException("Autre séance.", nameof(seance));
        if (seance.PeutVoter(quand) is { EstReussi: false } refus) return refus;
        var m = seance.Membres.FirstOrDefault(x => x.Rang == membre);
        if (m is null) return Resultat.Echec(Echec.Invalide("Membre inconnu.", new Dictionary<string, string[]> { ["membre"] = [$"La séance n'a pas de membre n° {membre}."] }));
        if (!m.VotePour(CommuneInsee))
            return Resultat.Echec(m.VoixDeliberative
                ? $"{m.Nom} siège pour une autre commune : il ne vote pas sur le logement {NumeroRpls}."
                : $"{m.Nom} siège avec voix consultative ({m.Qualite.Libelle()}) : il ne vote pas.");
        var c = Candidat(candidat);
        if (c is null) return Resultat.Echec(Echec.Invalide("Candidat inconnu.", new Dictionary<string, string[]> { ["candidat"] = [$"Le dossier n'a pas de candidat n° {candidat}."] }));
        if (c.Decision is not null) return Resultat.Echec($"La décision sur la demande {c.Numero} est déjà enregistrée : les votes sont clos.");
        _votes.RemoveAll(v => v.Candidat == candidat && v.Membre == membre);
        _votes.Add(new VoteCaleol(candidat, membre, decision, quand));
        Version++;
        return Resultat.Ok();
    }

    /// <summary>Counts the votes on a candidate (the mayor's casting vote on a tie).</summary>
    public Depouillement Depouiller(SeanceCaleol seance, int candidat)
    {
        ArgumentNullException.ThrowIfNull(seance);
        var votants = seance.Membres.Where(m => m.VotePour(CommuneInsee)).ToDictionary(m => m.Rang);
        var votes = _votes.Where(v => v.Candidat == candidat && votants.ContainsKey(v.Membre)).ToList();
        var voix = votes.GroupBy(v => v.Decision).ToDictionary(g => g.Key, g => g.Count());
        if (voix.Count == 0) return new(null, voix, false, "Aucun vote enregistré.");
        var max = voix.Values.Max();
        var entete = voix.Where(x => x.Value == max).Select(x => x.Key).ToList();
        if (entete.Count == 1) return new(entete[0], voix, false, $"{entete[0].Libelle()} : {max} voix sur {votes.Count}.");
        var maire = votes.FirstOrDefault(v => votants[v.Membre].Qualite == QualiteMembre.Maire);
        if (maire is not null && entete.Contains(maire.Decision))
            return new(maire.Decision, voix, true, $"Partage des voix ({max} voix chacune) : la voix du maire est prépondérante, {maire.Decision.Libelle()}.");
        return new(null, voix, false, $"Partage des voix ({max} voix chacune) sans voix prépondérante du maire : votez à nouveau.");
    }

    /// <summary>Every member who votes on this dossier voted on the candidate.</summary>
    public bool TousOntVote(SeanceCaleol seance, int candidat)
    {
        ArgumentNullException.ThrowIfNull(seance);
        var votants = seance.Membres.Where(m => m.VotePour(CommuneInsee)).Select(m => m.Rang).ToList();
        return votants.Count > 0 && votants.All(m => _votes.Any(v => v.Candidat == candidat && v.Membre == m));
    }

    /// <summary>
    /// Records the commission's decision on a candidate: the one the votes carried, with its reasons (<see cref="MotivationCaleol"/>); « autre
    /// motif » is told in a short text. One attribution (or attribution under suspensive condition) per dwelling; the ranks of the attributions by
    /// order of priority are distinct and follow it.
    /// </summary>
    public Resultat Decider(SeanceCaleol seance, int candidat, DecisionCaleol decision, int? rang, MotivationCaleol motivation, string? precision, DateTimeOffset quand)
    {
        ArgumentNullException.ThrowIfNull(seance);
        ArgumentNullException.ThrowIfNull(motivation);
        var c = Candidat(candidat);
        if (c is null) return Resultat.Echec(Echec.Invalide("Candidat inconnu.", new Dictionary<string, string[]> { ["candidat"] = [$"Le dossier n'a pas de candidat n° {candidat}."] }));
        if (c.Decision is { } deja) return Resultat.Echec($"La décision sur la demande {c.Numero} est déjà enregistrée ({deja.Libelle()}).");
        if (seance.PeutDecider(quand, TousOntVote(seance, candidat)) is { EstReussi: false } refus) return refus;
        var compte = Depouiller(seance, candidat);
        if (compte.Retenue is not { } retenue)
            return Resultat.Echec($"Les votes sur la demande {c.Numero} ne désignent pas de décision : {compte.Explication}");
        if (retenue != decision)
            return Resultat.Echec($"Les votes ont retenu « {retenue.Libelle()} » pour la demande {c.Numero} : la décision enregistrée est celle des votes.");

        var erreurs = new Dictionary<string, string[]>();
        if (decision == DecisionCaleol.AttributionAvecRang ? rang is null or < 1 or > CandidatsMax : rang is not null)
            erreurs["rang"] = ["Un rang (de 1 à 20) accompagne une attribution par ordre de priorité, et elle seule."];
        if (motivation.Erreur(decision, HeureFrance.Jour(quand)) is { } erreur) erreurs[decision == DecisionCaleol.AttributionSousConditionSuspensive ? "piece" : "motifs"] = [erreur];
        var texte = precision?.Trim();
        if (string.IsNullOrEmpty(texte)) texte = null;
        if (texte is { Length: > LongueurPrecisionMax }) erreurs["precision"] = [$"La précision compte au plus {LongueurPrecisionMax} caractères."];
        else if (texte is not null && texte.Any(char.IsControl)) erreurs["precision"] = ["La précision tient sur une ligne, sans caractère de contrôle."];
        if (texte is null && motivation.Motifs.Any(m => m is MotifDecisionCaleol.Autre or MotifDecisionCaleol.AutreConditionLegale))
            erreurs["precision"] = ["Précisez en quelques mots l'autre motif retenu : il figure dans le courrier au demandeur."];
        if (erreurs.Count > 0) return Resultat.Echec(Echec.Invalide("La décision comporte des erreurs.", erreurs));

        var autres = _candidats.Where(x => x.Rang != candidat && x.Decision is not null).ToList();
        var premier = autres.FirstOrDefault(x => x.Decision is DecisionCaleol.Attribution or DecisionCaleol.AttributionSousConditionSuspensive);
        if (decision is DecisionCaleol.Attribution or DecisionCaleol.AttributionSousConditionSuspensive)
        {
            if (premier is not null) return Resultat.Echec($"Le logement est déjà attribué à la demande {premier.Numero} : les autres candidats retenus le sont par ordre de priorité (rang 2 et suivants).");
            if (autres.FirstOrDefault(x => x.RangAttribution == 1) is { } rang1)
                return Resultat.Echec($"La demande {rang1.Numero} est déjà classée au rang 1 : les autres candidats retenus le sont aux rangs suivants.");
        }
        if (decision == DecisionCaleol.AttributionAvecRang)
        {
            if (autres.FirstOrDefault(x => x.RangAttribution == rang) is { } meme) return Resultat.Echec($"Le rang {rang} est déjà donné à la demande {meme.Numero}.");
            if (rang == 1 && premier is not null) return Resultat.Echec($"Le logement est déjà attribué à la demande {premier.Numero} : le rang 1 est pris.");
        }
        c.Decider(decision, rang, motivation, texte, quand);
        if (_candidats.All(x => x.Decision is not null)) DecideLe = quand;
        Version++;
        return Resultat.Ok();
    }

    /// <summary>How many candidates the commission retained (attribution, by rank, under suspensive condition).</summary>
    public int Attributions => _candidats.Count(c => c.Decision is { } d && d.EstPositive());
}
