using Logis.Application.Acces;
using Logis.Application.Pieces;
using Logis.Domain.Acces;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Domain.Pieces;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Demandes;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Demandes;

/// <summary>What the demo's instruction did with the situations entered by the generator.</summary>
public sealed record ResultatSituationsDemo(int Examinees, int Validees, int Refusees, int EnAttente);

/// <summary>
/// The instruction of the demo's priority situations, through the same use cases as an agent (never by writing fields): the generator
/// entered the situations at the guichet (<see cref="Domain.Demandes.Synthese.GenerateurDemandes"/>); here an EPCI agent deposits the
/// proof and validates it (<see cref="PiecesService.DeposerAsync"/>, <see cref="SituationsPrioritairesService.ValiderAsync"/>) or
/// refuses it. Proportions (team choice for the demo, docs/demo.md): every DALO decision is validated (the COMED's notification is the
/// proof); of the other situations, six in ten are validated, one in ten refused, the rest still waits for its proof. The choice is a
/// stable function of the number and the criterion: the same seed gives the same file. Given a clock and services on a given clock
/// (<paramref name="surHorloge"/>), each demand is instructed at its own instant: 3 to 20 days after its last event, at the latest now — so that
/// the demo's year of history (<see cref="Attributions.HistoriqueDemo"/>) may propose priority households after their instruction.
/// </summary>
public sealed class SituationsPrioritairesDemo(LogisDbContext db, PiecesService pieces, SituationsPrioritairesService situations, CataloguePieces catalogue,
    TimeProvider? horloge = null, Func<TimeProvider, (PiecesService Pieces, SituationsPrioritairesService Situations)>? surHorloge = null)
{
    /// <summary>A minimal PDF standing for the scanned proof.</summary>
    private static readonly byte[] Justificatif = [.. "%PDF-1.7\n% Justificatif de démonstration (Logis)\n1 0 obj << >> endobj\n%%EOF\n"u8];

    public async Task<ResultatSituationsDemo> InstruireAsync(Siren epci, CancellationToken ct = default)
    {
        var agent = await AgentAsync(epci, ct);
        var aInstruire = await db.Demandes.AsNoTracking()
            .Where(d => EF.Property<Siren>(d, ColonnesDemande.Epci) == epci && d.Statut == StatutDemande.Active
                && d.SituationsPrioritaires.Any(s => s.Statut == StatutJustification.Declaree))
            .Select(d => new
            {
                d.Numero, Criteres = d.SituationsPrioritaires.Where(s => s.Statut == StatutJustification.Declaree).Select(s => s.Critere).ToList(),
                Quands = d.Evenements.Select(e => e.Quand).ToList(),
            })
            .ToListAsync(ct);
        int examinees = 0, validees = 0, refusees = 0;
        foreach (var d in aInstruire.OrderBy(x => x.Numero.Valeur, StringComparer.Ordinal))
        {
            // The instant of the instruction: a few days after the demand's last event, never after now.
            var (depots, instruction) = (pieces, situations);
            if (horloge is not null && surHorloge is not null && d.Quands.Count > 0)
            {
                var dernier = d.Quands.Max();
                var instant = HeureFrance.A(HeureFrance.Jour(dernier).AddDays(3 + Tirage(d.Numero.Valeur, CriterePrioritaire.ReconnuDalo) * 2), new TimeOnly(10, 0));
                if (instant <= dernier) instant = dernier.AddHours(1);
                var maintenant = horloge.GetUtcNow();
                if (instant > maintenant) instant = maintenant;
                (depots, instruction) = surHorloge(new Attributions.HorlogeArretee(instant));
            }
            foreach (var critere in d.Criteres.Order())
            {
                examinees++;
                var tirage = Tirage(d.Numero.Valeur, critere);
                if (critere == CriterePrioritaire.ReconnuDalo || tirage < 6)
                {
                    var type = TypePour(critere);
                    var depot = await depots.DeposerAsync(agent, d.Numero.Valeur, type.Code,
                        new FichierRecu($"justificatif-{critere.Code()}.pdf", Justificatif.Length, Justificatif), null, ct);
                    db.ChangeTracker.Clear();
                    if (!depot.EstReussi) throw new InvalidOperationException($"Démonstration : dépôt refusé sur {d.Numero} : {depot.Motif}");
                    Exiger(await instruction.ValiderAsync(agent, d.Numero.Valeur, critere.Code(), new ValidationSaisie(depot.Valeur!.Id.ToString(), null), ct), d.Numero);
                    validees++;
                }
                else if (tirage == 6)
                {
                    Exiger(await instruction.RefuserAsync(agent, d.Numero.Valeur, critere.Code(), ct), d.Numero);
                    refusees++;
                }
                db.ChangeTracker.Clear();
            }
        }
        return new ResultatSituationsDemo(examinees, validees, refusees, examinees - validees - refusees);
    }

    /// <summary>A piece type of the catalogue in the category that usually proves the criterion, of the same sensitivity; else the first one that exists.</summary>
    private TypePieceJustificative TypePour(CriterePrioritaire critere) =>
        catalogue.Types.FirstOrDefault(t => t.Categorie == critere.CategoriePreuve() && t.EstSensible == critere.EstSensible() && !t.ContientNir)
        ?? catalogue.Types.FirstOrDefault(t => t.EstSensible == critere.EstSensible() && !t.ContientNir)
        ?? catalogue.Types[0];

    /// <summary>The EPCI's demo agent (the first EPCI account), or the operator when the territory has no account.</summary>
    private async Task<Agent> AgentAsync(Siren epci, CancellationToken ct)
    {
        var u = await db.Utilisateurs.AsNoTracking().Where(x => x.EpciSiren == epci && x.Role == Role.AgentEpci).OrderBy(x => x.Identifiant).FirstOrDefaultAsync(ct);
        return u is null ? Agent.Exploitant(epci) : new Agent(u.Id, u.NomComplet, Role.AgentEpci, new Perimetre(epci));
    }

    /// <summary>0 to 9, stable for a number and a criterion (FNV-1a: the same on every run and platform).</summary>
    private static int Tirage(string numero, CriterePrioritaire critere)
    {
        var h = 2166136261u;
        foreach (var c in numero + "|" + critere.Code()) h = (h ^ c) * 16777619u;
        return (int)(h % 10);
    }

    private static void Exiger(Domain.Commun.Resultat<Demande> r, NumeroUnique numero)
    {
        if (!r.EstReussi) throw new InvalidOperationException($"Démonstration : acte refusé sur la demande {numero} : {r.Motif}");
    }
}
