using System.Globalization;
using Logis.Domain.Acces;
using Logis.Domain.Demandes;
using Logis.Persistence;
using Logis.Persistence.Demandes;
using Logis.Application.Demandes;
using Logis.Application.Journal;
using Microsoft.EntityFrameworkCore;
using Logis.Application.Acces;
using Logis.Domain.Commun;

namespace Logis.Application.Doublons;

/// <summary>One side of a potential duplicate pair, as listed (no sensitive field).</summary>
public sealed record DemandePaireVue(string Numero, DateOnly DateDepot, string Demandeur);

/// <summary>A potential duplicate pair: the older demand (kept by a merge) first, the score and the reasons.</summary>
public sealed record PaireDoublonVue(DemandePaireVue PlusAncienne, DemandePaireVue PlusRecente, int Score, IReadOnlyList<string> Raisons);

/// <summary>One row of the side-by-side comparison.</summary>
public sealed record LigneComparaison(string Rubrique, string Conservee, string Absorbee)
{
    public bool Differe => !string.Equals(Conservee, Absorbee, StringComparison.Ordinal);
}

/// <summary>The comparison of two demands of the perimeter, the older (kept by a merge) first.</summary>
public sealed record ComparaisonVue(
    DemandeVue Conservee, DemandeVue Absorbee, int Score, IReadOnlyList<string> Raisons, IReadOnlyList<LigneComparaison> Lignes,
    bool PeutFusionner, string? ObstacleFusion);

public sealed record FusionSaisie(string? Doublon);

/// <summary>
/// Duplicate demands (one household, one demand; merging them is a team choice, not R441-2-8 f): detection over the active demands of the agent's perimeter
/// (<see cref="Domain.Demandes.Doublons"/>), side-by-side comparison, and the merge
/// (<see cref="Demande.Fusionner"/>): the older demand keeps its number and the oldest deposit date, the other is radiated
/// for merger; both timelines and the journal record it, in one transaction.
/// </summary>
public sealed class DoublonsService(LogisDbContext db, DemandesService demandes, JournalService journal)
{
    public async Task<IReadOnlyList<PaireDoublonVue>> ListerAsync(Agent agent, CancellationToken ct)
    {
        var q = await demandes.VisiblesAsync(agent, ct);
        var candidats = await q.AsNoTracking().Where(d => d.Statut == StatutDemande.Active)
            .Select(d => new { d.Id, d.Numero, d.DateDepot, d.Contenu }).ToListAsync(ct);
        var paires = Domain.Demandes.Doublons.Detecter(candidats.Select(c => new CandidatDoublon(c.Id, c.Numero, c.DateDepot, c.Contenu)));
        await demandes.AuditerListeAsync(agent, $"doublons possibles : {paires.Count.ToString(CultureInfo.InvariantCulture)} paire(s) affichée(s)", ct);
        return [.. paires.Select(p => new PaireDoublonVue(Vue(p.PlusAncienne), Vue(p.PlusRecente), p.Score, p.Raisons))];
    }

    /// <summary>Both demands side by side; sensitive fields only for the roles that see them (each read is recorded).</summary>
    public async Task<Resultat<ComparaisonVue>> ComparerAsync(Agent agent, string numeroA, string numeroB, CancellationToken ct)
    {
        var a = await demandes.ChargerPourAttestationAsync(agent, numeroA, ct);
        if (!a.EstReussi) return a.Relayer<ComparaisonVue>();
        var b = await demandes.ChargerPourAttestationAsync(agent, numeroB, ct);
        if (!b.EstReussi) return b.Relayer<ComparaisonVue>();
        var (conservee, absorbee) = Ordonner(a.Valeur!, b.Valeur!);
        var (score, raisons) = Domain.Demandes.Doublons.Evaluer(conservee.Contenu, absorbee.Contenu);
        var vueC = (await demandes.LireAsync(agent, conservee.Numero.Valeur, ct)).Valeur!;
        var vueA = (await demandes.LireAsync(agent, absorbee.Numero.Valeur, ct)).Valeur!;
        return Resultat.Ok(new ComparaisonVue(vueC, vueA, score, raisons, Lignes(vueC, vueA),
            AccesDemandes.PeutFusionner(agent.Role), Obstacle(conservee, absorbee, score)));
    }

    /// <summary>
    /// Merges two demands of the perimeter: 404 if one is outside it, 403 for a role that may not merge, 409 when they are
    /// the same demand, one is radiated or they do not look like one household. On success, the kept demand as read.
    /// </summary>
    public async Task<Resultat<DemandeVue>> FusionnerAsync(Agent agent, string numero, string? doublon, CancellationToken ct)
    {
        // Access first (perimeter 404, role 403), then the body (400): a refused caller learns nothing from its body.
        if (!DemandesService.Lire(numero, out var n1)) return MalForme("numero", numero);
        var visibles = await demandes.VisiblesAsync(agent, ct);
        var premiere = await DemandesService.Designees(visibles, n1).SingleOrDefaultAsync(ct);
        if (premiere is null) return Resultat.NonTrouve<DemandeVue>(DemandesService.Introuvable(n1.Texte));
        if (Competences.Verifier(ActeDemande.ConfirmerFusion, agent.Role, agent.Perimetre, FaitsCompetence.Aucun) is { EstReussi: false } refus)
        {
            db.ChangeTracker.Clear();
            return Resultat.Echec<DemandeVue>(refus.Probleme!);
        }
        if (string.IsNullOrWhiteSpace(doublon))
        {
            db.ChangeTracker.Clear();
            return Resultat.Invalide<DemandeVue>("Indiquez le numéro de la demande en doublon.", new Dictionary<string, string[]> { ["doublon"] = ["Le numéro de la demande en doublon est obligatoire."] });
        }
        if (!DemandesService.Lire(doublon.Trim(), out var n2)) { db.ChangeTracker.Clear(); return MalForme("doublon", doublon); }
        var seconde = n1 == n2 ? premiere : await DemandesService.Designees(visibles, n2).SingleOrDefaultAsync(ct);
        if (seconde is null) { db.ChangeTracker.Clear(); return Resultat.NonTrouve<DemandeVue>(DemandesService.Introuvable(n2.Texte)); }
        var (conservee, absorbee) = Ordonner(premiere, seconde);
        var (score, _) = ReferenceEquals(conservee, absorbee) ? (0, []) : Domain.Demandes.Doublons.Evaluer(conservee.Contenu, absorbee.Contenu);
        if (Obstacle(conservee, absorbee, score) is { } obstacle) { db.ChangeTracker.Clear(); return Resultat.Conflit<DemandeVue>(obstacle); }

        var acteur = await demandes.ActeurAsync(agent, ct);
        var fusion = Demande.Fusionner(conservee, absorbee, demandes.Maintenant(), acteur);
        if (!fusion.EstReussi) { db.ChangeTracker.Clear(); return Resultat.Conflit<DemandeVue>(fusion.Motif!); }
        // The household's pieces follow it to the kept demand (the radiation of the other would purge them).
        var pieces = await db.Pieces.Where(p => p.DemandeId == absorbee.Id && p.Statut == Logis.Persistence.Pieces.StatutPiece.Disponible).ToListAsync(ct);
        foreach (var piece in pieces) piece.Rattacher(conservee.Id);
        var detail = $"Demande {absorbee.Numero.Valeur} fusionnée dans la demande {conservee.Numero.Valeur} (score {score.ToString(CultureInfo.InvariantCulture)}"
            + (pieces.Count > 0 ? $", {pieces.Count} pièce(s) rattachée(s))" : ")");
        journal.Ajouter(agent, acteur.Organisation, ActionsAudit.Fusion, conservee.Id, detail);
        journal.Ajouter(agent, acteur.Organisation, ActionsAudit.Fusion, absorbee.Id, detail);
        try
        {
            // Both demands, both timelines and both audit rows in one transaction: a failure changes nothing.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await demandes.SauverAsync(ct);
            await tx.CommitAsync(ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
        return await demandes.LireAsync(agent, conservee.Numero.Valeur, ct);
    }

    /// <summary>Why the two demands cannot be merged, or null.</summary>
    private static string? Obstacle(Demande conservee, Demande absorbee, int score)
    {
        if (conservee.Id == absorbee.Id) return "Une demande ne peut pas être fusionnée avec elle-même.";
        foreach (var d in new[] { conservee, absorbee })
        {
            if (d.Statut == StatutDemande.Radiee)
                return $"La demande {d.Numero.Valeur} est radiée ({d.MotifRadiation!.Value.Libelle()}) : elle ne peut plus être fusionnée.";
        }
        if (score < Domain.Demandes.Doublons.SeuilParDefaut)
            return $"Les demandes {conservee.Numero.Valeur} et {absorbee.Numero.Valeur} ne semblent pas concerner le même ménage "
                   + $"(score {score.ToString(CultureInfo.InvariantCulture)} sur 100, seuil {Domain.Demandes.Doublons.SeuilParDefaut.ToString(CultureInfo.InvariantCulture)}) : la fusion est refusée.";
        return null;
    }

    private static (Demande Conservee, Demande Absorbee) Ordonner(Demande a, Demande b) =>
        Domain.Demandes.Doublons.EstPlusAncienne(a.DateDepot, a.Numero.Valeur, b.DateDepot, b.Numero.Valeur) || a.Id == b.Id ? (a, b) : (b, a);

    private static DemandePaireVue Vue(CandidatDoublon c) =>
        new(c.Numero.Valeur, c.DateDepot, $"{c.Contenu.Demandeur.Nom} {c.Contenu.Demandeur.Prenoms}");

    private static IReadOnlyList<LigneComparaison> Lignes(DemandeVue c, DemandeVue a)
    {
        static string F(DateOnly? d) => d?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "—";
        static string Personnes(DemandeVue v) => string.Join(" ; ", v.Personnes.Select(p => $"{p.Nom} {p.Prenoms}, {p.Lien}, né(e) le {F(p.DateNaissance)}"));
        static string Euros(decimal? m) => m is { } x ? x.ToString("N2", CultureInfo.GetCultureInfo("fr-FR")) + " €" : "—";
        var lignes = new List<LigneComparaison>
        {
            new("Statut", c.Statut + (c.MotifRadiation is { } m1 ? $" — {m1}" : ""), a.Statut + (a.MotifRadiation is { } m2 ? $" — {m2}" : "")),
            new("Date de dépôt", F(c.DateDepot), F(a.DateDepot)),
            new("Fin de validité", F(c.DateFinValidite), F(a.DateFinValidite)),
            new("Canal de dépôt", c.Canal, a.Canal),
            new("Demandeur", c.Demandeur, a.Demandeur),
            new("Personnes à loger", Personnes(c), Personnes(a)),
            new("Adresse", c.Adresse, a.Adresse),
            new("Situation familiale", c.SituationFamiliale ?? "—", a.SituationFamiliale ?? "—"),
            new("Ressources mensuelles", Euros(c.RessourcesMensuelles), Euros(a.RessourcesMensuelles)),
            new("Demande de mutation", c.Mutation ? "Oui" : "Non", a.Mutation ? "Oui" : "Non"),
            new("Typologies souhaitées", string.Join(", ", c.Typologies), string.Join(", ", a.Typologies)),
            new("Communes souhaitées", c.ToutEpci ? "Toute l'intercommunalité" : string.Join(", ", c.Communes), a.ToutEpci ? "Toute l'intercommunalité" : string.Join(", ", a.Communes)),
            new("Loyer maximum", Euros(c.LoyerMaximum), Euros(a.LoyerMaximum)),
            new("Situation prioritaire", c.Prioritaire ? "Oui" : "Non", a.Prioritaire ? "Oui" : "Non"),
        };
        if (c.DonneesSensiblesVisibles && a.DonneesSensiblesVisibles)
        {
            static string Nirs(DemandeVue v) => string.Join(" ; ", v.Personnes.Select(p => p.Nir ?? "non renseigné"));
            static string Situations(DemandeVue v) => v.SituationsPrioritaires is { Count: > 0 } s ? string.Join(", ", s.Select(x => $"{x.Reference} ({x.Statut})")) : "aucune";
            lignes.Add(new("NIR (masqués)", Nirs(c), Nirs(a)));
            lignes.Add(new("Situations prioritaires", Situations(c), Situations(a)));
            lignes.Add(new("Besoins liés au handicap", c.Handicap is { Length: > 0 } h1 ? h1 : "aucun", a.Handicap is { Length: > 0 } h2 ? h2 : "aucun"));
        }
        return lignes;
    }

    private static Resultat<DemandeVue> MalForme(string champ, string numero) =>
        Resultat.Invalide<DemandeVue>($"« {numero} » n'est pas un numéro unique national valide.",
            new Dictionary<string, string[]> { [champ] = [DemandesService.FormatAttendu] });
}
