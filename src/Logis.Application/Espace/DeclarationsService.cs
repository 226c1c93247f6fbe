using Logis.Application.Acces;
using Logis.Application.Demandes;
using Logis.Domain.Acces;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Persistence;
using Logis.Persistence.Espace;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Espace;

public sealed record DeclarationVue(Guid Id, DateTimeOffset DeclareeLe, string? Texte, int? PersonnesAuFoyer, decimal? RessourcesMensuelles, string? NouvelleAdresse,
    StatutDeclaration Statut, DateTimeOffset? TraiteeLe);

/// <summary>
/// The agents' side of the changes of situation declared from the applicant space (docs/espace-demandeur.md §4): read on the demand's page,
/// validated or rejected by an agent who may update the demand (the competence of <see cref="ActeDemande.MettreAJour"/>), through the path of
/// every act (<see cref="DemandesService.AgirAsync"/>: perimeter, competence, timeline, journal). A validated change is then entered by updating
/// the demand as usual. The free text may hold personal details: only the roles that see restricted fields read it.
/// </summary>
public sealed class DeclarationsService(LogisDbContext db, DemandesService demandes, TimeProvider horloge)
{
    public const string Introuvable = "Cette déclaration n'existe pas ou a déjà été examinée.";

    /// <summary>The declarations of a demand the agent sees (the page's read of the demand is recorded by the page).</summary>
    public async Task<Resultat<IReadOnlyList<DeclarationVue>>> ListerAsync(Agent agent, string numero, CancellationToken ct)
    {
        var lu = await demandes.ChargerPourAttestationAsync(agent, numero, ct);
        if (!lu.EstReussi) return lu.Relayer<IReadOnlyList<DeclarationVue>>();
        var id = lu.Valeur!.Id;
        var texte = AccesDemandes.VoitDonneesSensibles(agent.Role);
        var liste = await db.DeclarationsChangement.AsNoTracking().Where(d => d.DemandeId == id).ToListAsync(ct);
        return Resultat.Ok<IReadOnlyList<DeclarationVue>>([.. liste.OrderByDescending(d => d.DeclareeLe).Select(d => new DeclarationVue(d.Id, HeureFrance.EnFrance(d.DeclareeLe),
            texte ? d.Texte : null, d.PersonnesAuFoyer, d.RessourcesMensuelles, texte ? d.NouvelleAdresse : null, d.Statut,
            d.TraiteeLe is { } t ? HeureFrance.EnFrance(t) : null))]);
    }

    /// <summary>Validates or rejects a pending declaration of the demand; the applicant's timeline and the agents' say it.</summary>
    public async Task<Resultat<Demande>> TraiterAsync(Agent agent, string numero, Guid declaration, bool valider, CancellationToken ct)
    {
        var d = await db.DeclarationsChangement.SingleOrDefaultAsync(x => x.Id == declaration && x.Statut == StatutDeclaration.EnAttente, ct);
        return await demandes.AgirAsync(agent, numero, ActeDemande.MettreAJour, ActionsAuditEspace.TraitementDeclaration, (demande, quand, acteur) =>
        {
            if (d is null || d.DemandeId != demande.Id) return Resultat.Echec(Introuvable);
            d.Statut = valider ? StatutDeclaration.Validee : StatutDeclaration.Refusee;
            d.TraiteeLe = horloge.GetUtcNow();
            d.TraiteePar = agent.Id;
            return demande.NoterChangementTraite(valider, quand, acteur);
        }, ct);
    }
}
