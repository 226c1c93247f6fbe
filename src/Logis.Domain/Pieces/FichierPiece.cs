using System.Globalization;
using System.Security.Cryptography;
using Logis.Domain.Commun;

namespace Logis.Domain.Pieces;

/// <summary>The formats a piece may have (docs/protection-des-donnees.md §2 item 31: allow-list checked on the content).</summary>
public enum FormatPiece
{
    Pdf = 1,
    Jpeg = 2,
    Png = 3,
}

/// <summary>Upload limits, set by configuration (<c>Logis:Pieces</c>): per file, and per demand (docs/protection-des-donnees.md §2 item 31).</summary>
public sealed record ReglesDepot
{
    public const long TailleMaxParDefaut = 10L * 1024 * 1024;
    public const int LongueurNomMaxParDefaut = 120;
    public const int NombreMaxParDefaut = 40;
    public const long VolumeMaxParDefaut = 100L * 1024 * 1024;

    private ReglesDepot(long tailleMaxOctets, int longueurNomMax, int nombreMaxParDemande, long volumeMaxParDemandeOctets)
    {
        TailleMaxOctets = tailleMaxOctets;
        LongueurNomMax = longueurNomMax;
        NombreMaxParDemande = nombreMaxParDemande;
        VolumeMaxParDemandeOctets = volumeMaxParDemandeOctets;
    }

    public long TailleMaxOctets { get; }
    public int LongueurNomMax { get; }

    /// <summary>Available pieces a demand may hold at once (a replacement does not count twice).</summary>
    public int NombreMaxParDemande { get; }

    /// <summary>Total size of the available pieces of a demand.</summary>
    public long VolumeMaxParDemandeOctets { get; }

    public static ReglesDepot ParDefaut { get; } = new(TailleMaxParDefaut, LongueurNomMaxParDefaut, NombreMaxParDefaut, VolumeMaxParDefaut);

    public static Resultat<ReglesDepot> Creer(long tailleMaxOctets, int longueurNomMax = LongueurNomMaxParDefaut, int nombreMaxParDemande = NombreMaxParDefaut,
        long volumeMaxParDemandeOctets = VolumeMaxParDefaut)
    {
        var erreurs = new List<string>();
        if (tailleMaxOctets is < 1024 or > 100L * 1024 * 1024) erreurs.Add("La taille maximale d'une pièce est comprise entre 1 Ko et 100 Mo.");
        if (longueurNomMax is < 20 or > 255) erreurs.Add("La longueur maximale du nom de fichier est comprise entre 20 et 255 caractères.");
        if (nombreMaxParDemande is < 1 or > 500) erreurs.Add("Le nombre maximal de pièces d'une demande est compris entre 1 et 500.");
        if (volumeMaxParDemandeOctets < tailleMaxOctets || volumeMaxParDemandeOctets > 2L * 1024 * 1024 * 1024)
            erreurs.Add("Le volume maximal des pièces d'une demande est compris entre la taille maximale d'une pièce et 2 Go.");
        return Resultat.SiAucuneErreur(erreurs, () => new ReglesDepot(tailleMaxOctets, longueurNomMax, nombreMaxParDemande, volumeMaxParDemandeOctets));
    }

    /// <summary>The size limit in French words (« 10 Mo »).</summary>
    public string TailleMaxLisible => FichierPiece.TailleLisible(TailleMaxOctets);
}

/// <summary>
/// An uploaded file that passed every check: not empty, not too big, PDF, JPEG or PNG recognised by its first bytes (never by its
/// extension nor by the declared content type), a plain file name whose extension matches the content. Its SHA-256 fingerprint is
/// computed once here.
/// </summary>
public sealed class FichierPiece
{
    private static readonly byte[] SignaturePdf = "%PDF-"u8.ToArray();
    private static readonly byte[] SignatureJpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] SignaturePng = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private FichierPiece(string nom, FormatPiece format, long taille, string sha256)
    {
        Nom = nom;
        Format = format;
        Taille = taille;
        Sha256 = sha256;
    }

    public string Nom { get; }
    public FormatPiece Format { get; }
    public long Taille { get; }
    /// <summary>Lower-case hexadecimal SHA-256 of the content.</summary>
    public string Sha256 { get; }
    public string TypeMedia => TypeMediaDe(Format);

    public static string TypeMediaDe(FormatPiece format) => format switch
    {
        FormatPiece.Pdf => "application/pdf",
        FormatPiece.Jpeg => "image/jpeg",
        FormatPiece.Png => "image/png",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>The format recognised from the first bytes, or null.</summary>
    public static FormatPiece? Detecter(ReadOnlySpan<byte> contenu) =>
        contenu.StartsWith(SignaturePdf) ? FormatPiece.Pdf
        : contenu.StartsWith(SignaturePng) ? FormatPiece.Png
        : contenu.StartsWith(SignatureJpeg) ? FormatPiece.Jpeg
        : null;

    /// <summary>
    /// Checks a size announced before reading the content (a multipart part, a request header): a too-big upload is refused
    /// without being read.
    /// </summary>
    public static string? ErreurTaille(long taille, ReglesDepot regles) =>
        taille > regles.TailleMaxOctets
            ? $"Le fichier est trop volumineux ({TailleLisible(taille)}) : une pièce ne doit pas dépasser {regles.TailleMaxLisible}."
            : null;

    /// <summary>
    /// Checks the quota of a demand that holds <paramref name="nombre"/> available pieces of <paramref name="volume"/> bytes in all,
    /// before adding one of <paramref name="taille"/> bytes, or replacing one of <paramref name="tailleRemplacee"/> bytes (which leaves).
    /// </summary>
    public static string? ErreurQuota(int nombre, long volume, long taille, long? tailleRemplacee, ReglesDepot regles)
    {
        if (tailleRemplacee is null && nombre >= regles.NombreMaxParDemande)
            return $"La demande compte déjà {nombre} pièces, le maximum : remplacez ou retirez une pièce avant d'en déposer une autre.";
        var apres = volume - (tailleRemplacee ?? 0) + taille;
        return apres > regles.VolumeMaxParDemandeOctets
            ? $"Les pièces de la demande occuperaient {TailleLisible(apres)}, au-delà des {TailleLisible(regles.VolumeMaxParDemandeOctets)} permis : remplacez ou retirez une pièce."
            : null;
    }

    public static Resultat<FichierPiece> Verifier(string? nomFichier, ReadOnlySpan<byte> contenu, ReglesDepot regles)
    {
        var erreurs = new List<string>();
        var nom = ErreurNom(nomFichier, regles, erreurs);
        FormatPiece? format = null;
        if (contenu.Length == 0) erreurs.Add("Le fichier est vide.");
        else if (ErreurTaille(contenu.Length, regles) is { } trop) erreurs.Add(trop);
        else
        {
            format = Detecter(contenu);
            if (format is null) erreurs.Add("Le fichier n'est ni un PDF, ni une image JPEG ou PNG : seuls ces formats sont acceptés.");
            else if (format == FormatPiece.Pdf && GardePdf.Erreur(contenu) is { } piege) erreurs.Add(piege);
            else if (format != FormatPiece.Pdf && GardeImage.Erreur(format.Value, contenu) is { } bombe) erreurs.Add(bombe);
            else if (nom is not null && !ExtensionConvient(nom, format.Value))
                erreurs.Add($"L'extension du fichier « {nom} » ne correspond pas à son contenu ({Libelle(format.Value)}) : renommez-le en {Extensions(format.Value)[0]}.");
        }
        if (erreurs.Count > 0) return Resultat.Echec<FichierPiece>(erreurs);
        var empreinte = Convert.ToHexStringLower(SHA256.HashData(contenu));
        return Resultat.Ok(new FichierPiece(nom!, format!.Value, contenu.Length, empreinte));
    }

    public static string Libelle(FormatPiece format) => format switch
    {
        FormatPiece.Pdf => "document PDF",
        FormatPiece.Jpeg => "image JPEG",
        FormatPiece.Png => "image PNG",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static string TailleLisible(long octets) => octets switch
    {
        < 1024 => $"{octets} octets",
        < 1024 * 1024 => string.Create(CultureInfo.GetCultureInfo("fr-FR"), $"{octets / 1024.0:0.#} Ko"),
        _ => string.Create(CultureInfo.GetCultureInfo("fr-FR"), $"{octets / (1024.0 * 1024):0.#} Mo"),
    };

    private static string[] Extensions(FormatPiece format) => format switch
    {
        FormatPiece.Pdf => [".pdf"],
        FormatPiece.Jpeg => [".jpg", ".jpeg"],
        FormatPiece.Png => [".png"],
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    private static bool ExtensionConvient(string nom, FormatPiece format) =>
        Extensions(format).Any(e => nom.EndsWith(e, StringComparison.OrdinalIgnoreCase));

    /// <summary>A plain name: no folder, no control or reserved character, no leading dot, a bounded length.</summary>
    private static string? ErreurNom(string? nomFichier, ReglesDepot regles, List<string> erreurs)
    {
        var nom = nomFichier?.Normalize(System.Text.NormalizationForm.FormC).Trim() ?? "";
        if (nom.Length == 0) { erreurs.Add("Le nom du fichier manque."); return null; }
        if (nom.IndexOfAny(['/', '\\']) >= 0 || nom.Contains("..", StringComparison.Ordinal) || (nom.Length > 1 && nom[1] == ':'))
        {
            erreurs.Add("Le nom du fichier ne doit pas contenir de chemin (« / », « \\ », « .. » ou lecteur).");
            return null;
        }
        if (nom.Any(c => char.IsControl(c) || c is '<' or '>' or '"' or '|' or '?' or '*' or ':' || char.GetUnicodeCategory(c) is UnicodeCategory.Format))
        {
            erreurs.Add("Le nom du fichier contient des caractères interdits (caractères de contrôle ou < > \" | ? * :).");
            return null;
        }
        if (nom.StartsWith('.')) { erreurs.Add("Le nom du fichier ne peut pas commencer par un point."); return null; }
        if (nom.Length > regles.LongueurNomMax)
        {
            erreurs.Add($"Le nom du fichier est trop long ({nom.Length} caractères, {regles.LongueurNomMax} au plus).");
            return null;
        }
        return nom;
    }
}
