using Logis.Application.Pieces;
using Logis.Domain.Commun;
using Logis.Domain.Demandes;
using Logis.Persistence;
using Logis.Persistence.Pieces;
using Microsoft.EntityFrameworkCore;

namespace Logis.Application.Espace;

/// <summary>One piece of the applicant's demand, as they see it: never the name of the agent who received it.</summary>
public sealed record PieceDemandeurVue(Guid Id, string Libelle, string Statut, DateTimeOffset DeposeeLe, string Par, string? NomFichier, long Taille, bool Remplacable);

/// <summary>The pieces of a linked demand, the types the applicant may send and the size limit.</summary>
public sealed record PiecesDemandeurVue(string Numero, string NumeroLisible, bool Active, IReadOnlyList<PieceDemandeurVue> Pieces, IReadOnlyList<TypePieceVue> Types,
    string TailleMax);

/// <summary>
/// The applicant's pieces in their space (docs/espace-demandeur.md §5): the list of the pieces of a demand linked to their account, and
/// the deposit or replacement of a piece through the very rules of a deposit at a counter (<see cref="PiecesService"/>: legal list, file
/// checks, antivirus, quota, timeline, journal), with the account as author. A demand that is not linked is « not found », like an unknown one.
/// </summary>
public sealed class PiecesDemandeurService(LogisDbContext db, EspaceDemandeurService espace, PiecesService pieces)
{
    public const string Recue = "reçue";
    public const string Effacee = "effacée à la radiation de la demande";

    /// <summary>The pieces of a linked demand; the read is journalled.</summary>
    public async Task<Resultat<PiecesDemandeurVue>> ListerAsync(SessionDemandeur session, string? numero, CancellationToken ct)
    {
        var demande = await espace.LieeAsync(session, numero, ct);
        if (demande is null) return Resultat.NonTrouve<PiecesDemandeurVue>(EspaceDemandeurService.Introuvable);
        // SQLite cannot order by DateTimeOffset: a demand has a handful of pieces, sorted here.
        var liste = (await db.Pieces.AsNoTracking().Where(p => p.DemandeId == demande.Id).ToListAsync(ct)).OrderBy(p => p.DeposeeLe).ToList();
        var active = demande.Statut == StatutDemande.Active;
        espace.Auditer(session, ActionsAuditEspace.Lecture, demande.Id, "pièces");
        await db.SaveChangesAsync(ct);
        return Resultat.Ok(new PiecesDemandeurVue(demande.Numero.Valeur, demande.Numero.Lisible, active, [.. liste.Select(p => new PieceDemandeurVue(p.Id,
                pieces.Libelle(p.TypeCode), p.Statut == StatutPiece.Purgee ? Effacee : Recue, HeureFrance.EnFrance(p.DeposeeLe),
                p.DeposeeParId == session.Compte ? "vous" : p.Organisation, p.Statut == StatutPiece.Purgee ? null : p.NomFichier, p.Taille,
                active && p.Statut == StatutPiece.Disponible))],
            pieces.Types(), pieces.Regles.TailleMaxLisible));
    }

    /// <summary>
    /// The applicant deposits a piece on a linked demand, or replaces <paramref name="remplace"/> (any available piece of that demand: the
    /// documents are theirs, sensitive ones included). The previous version stays until the new one is committed.
    /// </summary>
    public async Task<Resultat<PieceVue>> DeposerAsync(SessionDemandeur session, string? numero, string? type, FichierRecu? fichier, Guid? remplace,
        CancellationToken ct)
    {
        var demande = await espace.LieeAsync(session, numero, ct);
        if (demande is null) return Resultat.NonTrouve<PieceVue>(EspaceDemandeurService.Introuvable);
        var auteur = new Deposant(session.Compte, ActionsAuditEspace.Auteur, new Acteur(new AuteurId(session.Compte), ActionsAuditEspace.Organisation),
            session.Epci, ParDemandeur: true, _ => null);
        return await pieces.DeposerSurAsync(demande.Id, auteur, type, fichier, remplace, ct);
    }
}
