using System.Security.Cryptography;
using Logis.Domain.Demandes;
using Logis.Domain.Menages;
using Logis.Domain.Patrimoine;
using Logis.Domain.Pieces;
using Logis.Domain.Territoire;
using Logis.Persistence.Demandes;
using Logis.Persistence.Pieces;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Logis.Persistence.Tests;

/// <summary>
/// The two stores of the pieces, on both databases: a replacement that fails (store error, database error) leaves the previous
/// version readable and no orphan; a radiation purges the contents.
/// </summary>
public class PiecesStockageTests(PiecesStockageTests.Bases fixture) : IClassFixture<PiecesStockageTests.Bases>
{
    /// <summary>Empty databases of their own (the territory fixture's demand count is checked by other tests).</summary>
    public sealed class Bases : IAsyncLifetime
    {
        private readonly Dictionary<string, OptionsBase> _options = [];

        public async Task InitializeAsync()
        {
            foreach (var f in BasesDeTest.Toutes) _options[f] = await BasesDeTest.CreerAsync(f, "pieces");
        }

        public OptionsBase Options(string fournisseur) => _options[fournisseur];

        public Task DisposeAsync() => Task.CompletedTask;
    }

    /// <summary>Both stores, each on both databases (<see cref="DeuxBasesAttribute"/>).</summary>
    public static TheoryData<ModeStockage> Stockages => [ModeStockage.Base, ModeStockage.Dossier];

    private static readonly Acteur Agent = new(new AuteurId(Guid.NewGuid()), "Guichet de test");
    private static readonly CataloguePieces Catalogue = CataloguePiecesCsv.Lire(TerritoireSemeFixture.Reference.Dossier);

    private static byte[] Pdf(string texte) => [.. "%PDF-1.4\n"u8, .. System.Text.Encoding.UTF8.GetBytes(texte)];

    private static IStockagePieces Stockage(ModeStockage mode) => mode == ModeStockage.Base
        ? new StockageBase()
        : new StockageDossier(Path.Combine(Path.GetTempPath(), "logis-tests", $"pieces-{Guid.NewGuid():N}"));

    private static async Task<Demande> CreerDemandeAsync(LogisDbContext db)
    {
        var quand = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.FromHours(1));
        var contenu = ContenuDemande.Creer(
            [new PersonneALoger("Piecetest", "Léa", new DateOnly(1990, 4, 12), LienPersonne.Demandeur, Sexe.Feminin, Nationalite.Francaise, null,
                SituationProfessionnelle.Cdi, [new Ressource(TypeRessource.Salaire, 1400m)])],
            new Coordonnees(new AdressePostale("12 rue Picot", null, "83000", "Toulon"), "0639980000", null, false),
            SituationFamiliale.Celibataire, 16800m, new LogementActuel(StatutLogementActuel.LocataireParcPrive, CodeInsee.Create("83137"), 720m, 38m),
            [MotifDemande.LogementTropCher], MotifDemande.LogementTropCher,
            new Souhaits([Typologie.T2], [CodeInsee.Create("83137")], false, 600m, null, false, false), null).Valeur;
        var numero = NumeroUnique.Creer("083", new DateOnly(2026, 1, 1), Random.Shared.Next(500_000, 900_000), "G0001").Valeur;
        var demande = Demande.Enregistrer(new DemandeId(Guid.NewGuid()), numero, contenu, CanalDepot.Guichet, DateOnly.FromDateTime(quand.DateTime), quand, Agent).Valeur;
        db.AjouterDemande(demande, Siren.Create(TerritoireSeeder.SirenTpm));
        await db.SaveChangesAsync();
        return demande;
    }

    private static PieceJustificative Piece(Demande demande, string code, byte[] contenu, string nom = "avis.pdf") =>
        PieceJustificative.Creer(demande.Id, Catalogue.Trouver(code)!, FichierPiece.Verifier(nom, contenu, ReglesDepot.ParDefaut).Valeur!,
            Horloges.Reference, Agent.Id.Value, "Agent de test", Agent.Organisation);

    private LogisDbContext Ouvrir(string f, params IInterceptor[] intercepteurs)
    {
        var b = new DbContextOptionsBuilder<LogisDbContext>();
        LogisDatabase.Configurer(b, fixture.Options(f));
        if (intercepteurs.Length > 0) b.AddInterceptors(intercepteurs);
        return new LogisDbContext(b.Options);
    }

    /// <summary>A piece deposited and committed: its id and content.</summary>
    private async Task<(Demande Demande, PieceJustificative Piece, byte[] Contenu)> DeposerAsync(string f, IStockagePieces stockage)
    {
        await using var db = Ouvrir(f);
        var demande = await CreerDemandeAsync(db);
        var contenu = Pdf("version 1");
        var piece = Piece(demande, "avis_imposition", contenu);
        await new DepotPieces(db, stockage).EnregistrerAsync(piece, contenu, null, default);
        return (demande, piece, contenu);
    }

    [Theory, DeuxBases(nameof(Stockages))]
    public async Task Un_depot_puis_un_remplacement_reussis_gardent_seulement_la_nouvelle_version(string f, ModeStockage mode)
    {
        var stockage = Stockage(mode);
        var (demande, ancienne, v1) = await DeposerAsync(f, stockage);
        await using (var db = Ouvrir(f))
        {
            Assert.Equal(v1, await stockage.LireAsync(db, ancienne.Id, default));
            var lue = await db.Pieces.AsNoTracking().SingleAsync(p => p.Id == ancienne.Id);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(v1)), lue.Sha256);
            Assert.Equal("application/pdf", lue.TypeMedia);
        }
        var v2 = Pdf("version 2");
        Guid nouvelle;
        await using (var db = Ouvrir(f))
        {
            var remplacee = await db.Pieces.SingleAsync(p => p.Id == ancienne.Id);
            var piece = Piece(demande, "avis_imposition", v2);
            nouvelle = piece.Id;
            await new DepotPieces(db, stockage).EnregistrerAsync(piece, v2, remplacee, default);
        }
        await using (var db = Ouvrir(f))
        {
            Assert.Equal(new[] { nouvelle }, await db.Pieces.AsNoTracking().Where(p => p.DemandeId == demande.Id).Select(p => p.Id).ToListAsync());
            Assert.Equal(v2, await stockage.LireAsync(db, nouvelle, default));
            Assert.Null(await stockage.LireAsync(db, ancienne.Id, default));
            Assert.False(await db.ContenusPieces.AnyAsync(c => c.PieceId == ancienne.Id));
        }
        if (stockage is StockageDossier d) Assert.Empty(Directory.GetFiles(Path.Combine(d.Racine, "tmp")));
    }

    [Theory, DeuxBases(nameof(Stockages))]
    public async Task Un_remplacement_qui_echoue_dans_le_stockage_garde_la_version_precedente(string f, ModeStockage mode)
    {
        var stockage = Stockage(mode);
        var (demande, ancienne, v1) = await DeposerAsync(f, stockage);
        await using (var db = Ouvrir(f))
        {
            var remplacee = await db.Pieces.SingleAsync(p => p.Id == ancienne.Id);
            var v2 = Pdf("version 2");
            var piece = Piece(demande, "avis_imposition", v2);
            await Assert.ThrowsAsync<IOException>(() => new DepotPieces(db, new StockageEnPanne(stockage)).EnregistrerAsync(piece, v2, remplacee, default));
            Assert.Empty(db.ChangeTracker.Entries());
        }
        await VerifierIntacteAsync(f, stockage, demande, ancienne, v1);
    }

    [Theory, DeuxBases(nameof(Stockages))]
    public async Task Un_remplacement_qui_echoue_en_base_garde_la_version_precedente_sans_orphelin(string f, ModeStockage mode)
    {
        var stockage = Stockage(mode);
        var (demande, ancienne, v1) = await DeposerAsync(f, stockage);
        Guid essai;
        await using (var db = Ouvrir(f, new BaseEnPanne()))
        {
            var remplacee = await db.Pieces.SingleAsync(p => p.Id == ancienne.Id);
            var v2 = Pdf("version 2");
            var piece = Piece(demande, "avis_imposition", v2);
            essai = piece.Id;
            await Assert.ThrowsAsync<DbUpdateException>(() => new DepotPieces(db, stockage).EnregistrerAsync(piece, v2, remplacee, default));
        }
        await VerifierIntacteAsync(f, stockage, demande, ancienne, v1);
        await using (var db = Ouvrir(f)) Assert.Null(await stockage.LireAsync(db, essai, default));
        if (stockage is StockageDossier d)
        {
            Assert.False(File.Exists(d.Chemin(essai)));
            Assert.Empty(Directory.GetFiles(Path.Combine(d.Racine, "tmp")));
        }
    }

    [Theory, DeuxBases(nameof(Stockages))]
    public async Task La_radiation_purge_le_contenu_des_pieces_et_la_chronologie_le_garde(string f, ModeStockage mode)
    {
        var stockage = Stockage(mode);
        var (demande, piece, _) = await DeposerAsync(f, stockage);
        await using (var db = Ouvrir(f))
        {
            var d = await db.Demandes.SingleAsync(x => x.Id == demande.Id);
            Assert.True(d.Radier(MotifRadiation.Renonciation, new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.FromHours(1)), Agent).EstReussi);
            // The acts' explicit side effect (DemandesService.SauverAsync, TraitementRelances): purge, save, then the files.
            var fichiers = await PurgePiecesRadiation.PreparerAsync(db, default);
            await db.SaveChangesAsync();
            PurgePiecesRadiation.EffacerFichiers(stockage, fichiers);
        }
        await using (var db = Ouvrir(f))
        {
            var lue = await db.Pieces.AsNoTracking().SingleAsync(p => p.Id == piece.Id);
            Assert.Equal(StatutPiece.Purgee, lue.Statut);
            Assert.Equal("", lue.NomFichier);
            Assert.NotNull(lue.PurgeeLe);
            Assert.False(await db.ContenusPieces.AnyAsync(c => c.PieceId == piece.Id));
            // The content is gone from either store: the database row in the transaction, the folder's file after the commit.
            Assert.Null(await stockage.LireAsync(db, piece.Id, default));
            if (stockage is StockageDossier dossier) Assert.False(File.Exists(dossier.Chemin(piece.Id)));
            var d = await db.Demandes.AsNoTracking().SingleAsync(x => x.Id == demande.Id);
            Assert.Equal(new[] { TypeEvenementDemande.Enregistrement, TypeEvenementDemande.Radiation, TypeEvenementDemande.PiecesPurgees },
                d.Evenements.OrderBy(e => e.Rang).Select(e => e.Type).ToArray());
        }
    }

    [Fact]
    public void La_liste_livree_des_pieces_se_lit_et_marque_les_pieces_sensibles()
    {
        Assert.True(Catalogue.Types.Count >= 10);
        Assert.All(Catalogue.Types.Where(t => t.ContientNir), t => Assert.True(t.EstSensible));
        foreach (var code in new[] { "certificat_medical", "violences", "handicap", "grossesse", "jugement_expulsion" })
            Assert.True(Catalogue.Trouver(code)!.EstSensible, code);
        Assert.False(Catalogue.Trouver("avis_imposition")!.EstSensible);
        // Registration needs identity and residence proof only (annex I-A); the tax notice comes at instruction (I-B).
        Assert.Equal(["identite", "titre_sejour"], Catalogue.Types.Where(t => t.Exigence == ExigencePiece.Enregistrement).Select(t => t.Code).ToArray());
        Assert.Equal(ExigencePiece.Instruction, Catalogue.Trouver("avis_imposition")!.Exigence);
        // Every piece says which annex heading it comes from and since when; none carries the NIR any more.
        Assert.All(Catalogue.Types, t => Assert.False(string.IsNullOrWhiteSpace(t.Rubrique), t.Code));
        Assert.All(Catalogue.Types, t => Assert.Equal(new DateOnly(2021, 2, 1), t.EnVigueurDu));
        Assert.DoesNotContain(Catalogue.Types, t => t.ContientNir);
        // The entries that are not on the legal list are withdrawn, each with its reason.
        foreach (var code in new[] { "attestation_securite_sociale", "condamnation", "autre" })
        {
            Assert.Null(Catalogue.Trouver(code));
            Assert.False(string.IsNullOrWhiteSpace(Catalogue.TrouverRetire(code)!.Motif), code);
        }
    }

    private async Task VerifierIntacteAsync(string f, IStockagePieces stockage, Demande demande, PieceJustificative ancienne, byte[] v1)
    {
        await using var db = Ouvrir(f);
        Assert.Equal(new[] { ancienne.Id }, await db.Pieces.AsNoTracking().Where(p => p.DemandeId == demande.Id).Select(p => p.Id).ToListAsync());
        Assert.Equal(v1, await stockage.LireAsync(db, ancienne.Id, default));
        if (stockage.Mode == ModeStockage.Base) Assert.Equal(1, await db.ContenusPieces.CountAsync(c => c.PieceId == ancienne.Id));
    }

    /// <summary>A store whose writes fail (full disk, lost network share).</summary>
    private sealed class StockageEnPanne(IStockagePieces interne) : IStockagePieces
    {
        public ModeStockage Mode => interne.Mode;
        public Task EcrireAsync(LogisDbContext db, Guid pieceId, byte[] contenu, CancellationToken ct) => throw new IOException("Disque plein (test).");
        public Task<byte[]?> LireAsync(LogisDbContext db, Guid pieceId, CancellationToken ct) => interne.LireAsync(db, pieceId, ct);
        public void AnnulerEcriture(Guid pieceId) => interne.AnnulerEcriture(pieceId);
        public void EffacerApresValidation(Guid pieceId) => interne.EffacerApresValidation(pieceId);
    }

    /// <summary>A database that fails when the change is written (lost connection, constraint).</summary>
    private sealed class BaseEnPanne : SaveChangesInterceptor
    {
        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default) =>
            throw new DbUpdateException("Connexion perdue (test).");
    }
}
