using Logis.Domain.Demandes;
using Logis.Domain.Pieces;

namespace Logis.Persistence.Pieces;

public enum StatutPiece
{
    Disponible = 1,
    /// <summary>Content deleted at radiation (docs/protection-des-donnees.md §2 item 14); the row keeps the fact, without the file name.</summary>
    Purgee = 2,
}

/// <summary>
/// Metadata of one supporting document of a demand: its type in the legal list, sensitivity, file name, media type, size, SHA-256,
/// who deposited it for which organisation and when. The content lives in the configured store (<see cref="IStockagePieces"/>).
/// </summary>
public sealed class PieceJustificative
{
    private PieceJustificative()
    {
        TypeCode = NomFichier = TypeMedia = Sha256 = DeposeePar = Organisation = "";
    }

    public Guid Id { get; private set; }
    public DemandeId DemandeId { get; private set; }
    /// <summary>Code of the type in <c>data/reference/pieces-justificatives.csv</c>.</summary>
    public string TypeCode { get; private set; }
    public TypePiece Categorie { get; private set; }
    public Sensibilite Sensibilite { get; private set; }
    public bool ContientNir { get; private set; }
    public string NomFichier { get; private set; }
    public string TypeMedia { get; private set; }
    public long Taille { get; private set; }
    public string Sha256 { get; private set; }
    public DateTimeOffset DeposeeLe { get; private set; }
    public Guid DeposeeParId { get; private set; }
    public string DeposeePar { get; private set; }
    public string Organisation { get; private set; }
    public StatutPiece Statut { get; private set; }
    public DateTimeOffset? PurgeeLe { get; private set; }

    public static PieceJustificative Creer(DemandeId demande, TypePieceJustificative type, FichierPiece fichier, DateTimeOffset quand,
        Guid auteurId, string auteur, string organisation) => new()
    {
        Id = Guid.NewGuid(),
        DemandeId = demande,
        TypeCode = type.Code,
        Categorie = type.Categorie,
        Sensibilite = type.Sensibilite,
        ContientNir = type.ContientNir,
        NomFichier = fichier.Nom,
        TypeMedia = fichier.TypeMedia,
        Taille = fichier.Taille,
        Sha256 = fichier.Sha256,
        DeposeeLe = quand,
        DeposeeParId = auteurId,
        DeposeePar = auteur,
        Organisation = organisation,
        Statut = StatutPiece.Disponible,
    };

    /// <summary>
    /// A merge of duplicates moves the available pieces of the absorbed demand to the kept one: a piece is uploaded
    /// once for the household, and the radiation of the absorbed demand must not purge it.
    /// </summary>
    public void Rattacher(DemandeId demande)
    {
        if (Statut == StatutPiece.Disponible) DemandeId = demande;
    }

    /// <summary>The content is deleted; the file name goes too (it may name the person), the type and dates stay.</summary>
    public void Purger(DateTimeOffset quand)
    {
        if (Statut == StatutPiece.Purgee) return;
        Statut = StatutPiece.Purgee;
        PurgeeLe = quand;
        NomFichier = "";
    }
}

/// <summary>The content of a piece, for the database store (<c>Logis:Pieces:Stockage = Base</c>).</summary>
public sealed class ContenuPiece
{
    private ContenuPiece() => Octets = [];

    public ContenuPiece(Guid pieceId, byte[] octets)
    {
        PieceId = pieceId;
        Octets = octets;
    }

    public Guid PieceId { get; private set; }
    public byte[] Octets { get; private set; }
}

/// <summary>Audit action names of the pieces (no content, no file name: the action and the demand say what was done).</summary>
public static class ActionsAuditPieces
{
    public const string Depot = "piece.depot";
    public const string Remplacement = "piece.remplacement";
    public const string Retrait = "piece.retrait";
    /// <summary>Download of an ordinary piece.</summary>
    public const string Telechargement = "piece.telechargement";
    /// <summary>Download of a sensitive piece (docs/protection-des-donnees.md §2 item 18).</summary>
    public const string LectureSensible = "piece.lecture-sensible";
    /// <summary>The titles of sensitive pieces were shown (list of a demand's pieces).</summary>
    public const string ListeSensible = "piece.liste-sensible";
    /// <summary>The list of a demand's pieces was shown without sensitive titles.</summary>
    public const string Liste = "piece.liste";
}
