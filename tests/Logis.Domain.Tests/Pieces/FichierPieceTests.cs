using System.Security.Cryptography;
using System.Text;
using Logis.Domain.Acces;
using Logis.Domain.Demandes;
using Logis.Domain.Pieces;
using Logis.Domain.Tests.Demandes;

namespace Logis.Domain.Tests.Pieces;

public class FichierPieceTests
{
    public static readonly byte[] Pdf = [.. "%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n"u8];
    public static readonly byte[] Jpeg = Logis.Tests.Infrastructure.ImagesDeTest.Jpeg(2, 2);
    public static readonly byte[] Png = Logis.Tests.Infrastructure.ImagesDeTest.Png(2, 2);

    [Theory]
    [InlineData("avis-imposition-2024.pdf", "pdf", "application/pdf")]
    [InlineData("Carte d'identité recto.JPG", "jpeg", "image/jpeg")]
    [InlineData("quittance.jpeg", "jpeg", "image/jpeg")]
    [InlineData("bail.png", "png", "image/png")]
    public void Un_pdf_une_image_jpeg_ou_png_sont_acceptes_avec_leur_empreinte(string nom, string format, string typeMedia)
    {
        var contenu = format switch { "pdf" => Pdf, "jpeg" => Jpeg, _ => Png };
        var r = FichierPiece.Verifier(nom, contenu, ReglesDepot.ParDefaut);
        Assert.True(r.EstReussi, string.Join(" ; ", r.Erreurs));
        Assert.Equal(typeMedia, r.Valeur.TypeMedia);
        Assert.Equal(contenu.Length, r.Valeur.Taille);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(contenu)), r.Valeur.Sha256);
        Assert.Equal(nom, r.Valeur.Nom);
    }

    [Fact]
    public void Le_format_est_lu_dans_le_contenu_jamais_dans_l_extension()
    {
        // A web page or a program renamed .pdf is refused: the first bytes decide.
        var html = Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>");
        var refus = FichierPiece.Verifier("facture.pdf", html, ReglesDepot.ParDefaut);
        Assert.False(refus.EstReussi);
        Assert.Contains("ni un PDF, ni une image JPEG ou PNG", refus.Erreurs.Single(), StringComparison.Ordinal);
        var exe = FichierPiece.Verifier("scan.png", [(byte)'M', (byte)'Z', 0x90, 0x00], ReglesDepot.ParDefaut);
        Assert.False(exe.EstReussi);

        // A real PNG under a .pdf name: the extension lies, the agent is told how to rename it.
        var forge = FichierPiece.Verifier("avis.pdf", Png, ReglesDepot.ParDefaut);
        Assert.False(forge.EstReussi);
        Assert.Contains("ne correspond pas à son contenu (image PNG)", forge.Erreurs.Single(), StringComparison.Ordinal);
        Assert.Null(FichierPiece.Detecter("%PD"u8));
        Assert.Equal(FormatPiece.Pdf, FichierPiece.Detecter(Pdf));
    }

    [Fact]
    public void Un_fichier_vide_ou_trop_gros_est_refuse_avec_la_limite_en_clair()
    {
        Assert.Equal("Le fichier est vide.", FichierPiece.Verifier("vide.pdf", [], ReglesDepot.ParDefaut).Erreurs.Single());
        var regles = ReglesDepot.Creer(2048).Valeur!;
        var gros = new byte[2049];
        Pdf.CopyTo(gros, 0);
        var refus = FichierPiece.Verifier("gros.pdf", gros, regles);
        Assert.Contains("trop volumineux", refus.Erreurs.Single(), StringComparison.Ordinal);
        Assert.Contains("2 Ko", refus.Erreurs.Single(), StringComparison.Ordinal);
        Assert.True(FichierPiece.Verifier("juste.pdf", gros.AsSpan(0, 2048), regles).EstReussi);
        Assert.Equal("10 Mo", ReglesDepot.ParDefaut.TailleMaxLisible);
        Assert.False(ReglesDepot.Creer(0).EstReussi);
    }

    [Fact]
    public void Le_quota_d_une_demande_compte_ses_pieces_et_leur_volume_une_piece_remplacee_partant()
    {
        var regles = ReglesDepot.Creer(2048, nombreMaxParDemande: 3, volumeMaxParDemandeOctets: 5000).Valeur!;
        Assert.Null(FichierPiece.ErreurQuota(2, 3000, 2000, null, regles));
        Assert.Contains("déjà 3 pièces", FichierPiece.ErreurQuota(3, 3000, 100, null, regles), StringComparison.Ordinal);
        // Replacing one of the three: the count stays, the replaced size leaves the volume.
        Assert.Null(FichierPiece.ErreurQuota(3, 4900, 2000, 1900, regles));
        Assert.Contains("au-delà des 4,9 Ko permis", FichierPiece.ErreurQuota(2, 4000, 2000, null, regles), StringComparison.Ordinal);
        Assert.False(ReglesDepot.Creer(2048, nombreMaxParDemande: 0).EstReussi);
        Assert.False(ReglesDepot.Creer(4096, volumeMaxParDemandeOctets: 2048).EstReussi);
        Assert.Equal((40, 100L * 1024 * 1024), (ReglesDepot.ParDefaut.NombreMaxParDemande, ReglesDepot.ParDefaut.VolumeMaxParDemandeOctets));
    }

    [Theory]
    [InlineData("../../etc/passwd.pdf", "chemin")]
    [InlineData("dossier/avis.pdf", "chemin")]
    [InlineData("C:\\Users\\avis.pdf", "chemin")]
    [InlineData("..\\avis.pdf", "chemin")]
    [InlineData("avis\u0000.pdf", "caractères interdits")]
    [InlineData("avis\n.pdf", "caractères interdits")]
    [InlineData("avis\u202Efdp.png", "caractères interdits")]
    [InlineData("a|b.pdf", "caractères interdits")]
    [InlineData(".pdf", "point")]
    [InlineData("   ", "manque")]
    public void Un_nom_de_fichier_dangereux_est_refuse(string nom, string motif)
    {
        var r = FichierPiece.Verifier(nom, Pdf, ReglesDepot.ParDefaut);
        Assert.False(r.EstReussi);
        Assert.Contains(motif, string.Join(" ", r.Erreurs), StringComparison.Ordinal);
    }

    [Fact]
    public void Un_nom_trop_long_est_refuse()
    {
        var r = FichierPiece.Verifier(new string('a', 200) + ".pdf", Pdf, ReglesDepot.ParDefaut);
        Assert.Contains("trop long (204 caractères, 120 au plus)", r.Erreurs.Single(), StringComparison.Ordinal);
    }
}

public class CataloguePiecesTests
{
    private static Commun.Resultat<TypePieceJustificative> Type(string code = "avis", string categorie = "AvisImposition", string sensibilite = "ordinaire",
        string nir = "non", string etiquette = "M") =>
        TypePieceJustificative.Creer(code, "Avis d'imposition", categorie, sensibilite, nir, "instruction", "arrêté", etiquette);

    [Fact]
    public void Une_piece_qui_porte_le_nir_est_forcement_sensible()
    {
        Assert.Contains("porte le NIR est forcément sensible", string.Join(" ", Type(nir: "oui").Erreurs), StringComparison.Ordinal);
        var t = Type(nir: "oui", sensibilite: "sensible").Valeur!;
        Assert.True(t.EstSensible);
        Assert.True(t.ContientNir);
        Assert.False(Type(categorie: "PieceSensible").EstReussi);
    }

    [Fact]
    public void La_chronologie_ne_dit_jamais_le_type_d_une_piece_sensible()
    {
        Assert.Equal(TypePiece.AvisImposition, Type().Valeur!.CategorieChronologie);
        Assert.Equal(TypePiece.PieceSensible, Type(sensibilite: "sensible").Valeur!.CategorieChronologie);
    }

    [Fact]
    public void Une_ligne_mal_formee_ou_un_code_en_double_sont_refuses()
    {
        var r = TypePieceJustificative.Creer("Code Invalide", "", "Inconnue", "secret", "peut-etre", "jamais", "", "X");
        Assert.Equal(8, r.Erreurs.Count);
        var doublon = CataloguePieces.Creer([Type().Valeur!, Type().Valeur!]);
        Assert.Contains("« avis » figure 2 fois", doublon.Erreurs.Single(), StringComparison.Ordinal);
        var catalogue = CataloguePieces.Creer([Type().Valeur!, Type("autre").Valeur!]).Valeur!;
        Assert.Equal("autre", catalogue.Trouver("autre")!.Code);
        Assert.Null(catalogue.Trouver("inconnu"));
    }

    [Fact]
    public void Seules_les_pieces_de_la_liste_sont_acceptees_et_le_refus_dit_pourquoi()
    {
        var retire = new TypePieceRetire("attestation", "Attestation de droits", new DateOnly(2026, 12, 6), "elle ne figure pas dans la liste");
        var catalogue = CataloguePieces.Creer([Type().Valeur!], [retire]).Valeur!;
        Assert.Equal("avis", catalogue.Verifier(" avis ").Valeur!.Code);
        Assert.Equal("Choisissez le type de la pièce dans la liste des pièces justificatives.", catalogue.Verifier(null).Erreurs.Single());
        Assert.Equal("« Attestation de droits » ne peut plus être demandée ni déposée : elle ne figure pas dans la liste.", catalogue.Verifier("attestation").Erreurs.Single());
        Assert.StartsWith("« casier » n'est pas une pièce de la liste limitative annexée à l'arrêté du 22 décembre 2020 (CCH R441-2-4)",
            catalogue.Verifier("casier").Erreurs.Single(), StringComparison.Ordinal);
        Assert.Equal("Attestation de droits (hors de la liste légale depuis le 06/12/2026)", catalogue.LibelleStocke("attestation"));
        Assert.Equal("Avis d'imposition", catalogue.LibelleStocke("avis"));
        Assert.Equal("inconnu", catalogue.LibelleStocke("inconnu"));
        // A code both listed and withdrawn is a data error.
        Assert.False(CataloguePieces.Creer([Type().Valeur!], [retire with { Code = "avis" }]).EstReussi);
    }

    [Theory]
    [InlineData(Role.AgentEpci, true, true)]
    [InlineData(Role.AgentBailleur, true, true)]
    [InlineData(Role.AgentReservataire, false, true)]
    [InlineData(Role.AgentCommune, false, true)]
    [InlineData(Role.Administrateur, false, false)]
    public void Seuls_les_roles_habilites_voient_les_pieces_sensibles(Role role, bool sensible, bool depose)
    {
        Assert.True(AccesPieces.Voit(role, Sensibilite.Ordinaire));
        Assert.Equal(sensible, AccesPieces.Voit(role, Sensibilite.Sensible));
        Assert.Equal(depose, AccesPieces.PeutDeposer(role));
        Assert.Equal(sensible && depose, AccesPieces.PeutRemplacerOuRetirer(role, Sensibilite.Sensible));
    }

    [Fact]
    public void La_purge_des_pieces_n_est_notee_qu_a_la_radiation()
    {
        var demande = Fabrique.NouvelleDemande(Fabrique.J(2025, 3, 1));
        Assert.True(demande.NoterPieceRecue(TypePiece.PieceSensible, Fabrique.Le(Fabrique.J(2025, 3, 2)), Fabrique.Agent).EstReussi);
        Assert.Equal("Pièce reçue : pièce à accès restreint", demande.Evenements[^1].Resume);
        Assert.False(demande.NoterPiecesPurgees(1).EstReussi);
        Assert.True(demande.Radier(MotifRadiation.Renonciation, Fabrique.Le(Fabrique.J(2025, 4, 1)), Fabrique.AgentHabilite).EstReussi);
        Assert.False(demande.NoterPieceRecue(TypePiece.AvisImposition, Fabrique.Le(Fabrique.J(2025, 4, 2)), Fabrique.Agent).EstReussi);
        Assert.True(demande.NoterPiecesPurgees(2).EstReussi);
        var purge = demande.Evenements[^1];
        Assert.Equal(TypeEvenementDemande.PiecesPurgees, purge.Type);
        Assert.Equal("2 pièces justificatives supprimées à la radiation", purge.Resume);
        Assert.Equal(demande.Evenements[^2].Quand, purge.Quand);
        Assert.Equal(Fabrique.AgentHabilite.Organisation, purge.Organisation);
    }
}
