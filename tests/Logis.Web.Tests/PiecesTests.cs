using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Logis.Application.Pieces;
using Logis.Domain.Territoire;
using Logis.Persistence.Pieces;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Logis.Web.Tests;

/// <summary>Supporting documents: API and pages, both stores, both databases, role by role, audit and purge at radiation.</summary>
[Collection(CollectionApplications.Nom)]
public class PiecesTests(ApplicationsFixture fx)
{
    /// <summary>Both stores, each on both databases (<see cref="DeuxBasesAttribute"/>).</summary>
    public static TheoryData<string> Stockages => ["Base", "Dossier"];

    public static readonly byte[] Pdf = [.. "%PDF-1.7\n% piece de test\n1 0 obj << >> endobj\n%%EOF\n"u8];
    public static readonly byte[] Png = Logis.Tests.Infrastructure.ImagesDeTest.Png(2, 2);

    public static MultipartFormDataContent Formulaire(string type, byte[] contenu, string nom, string typeDeclare = "application/octet-stream",
        string? remplace = null, string? jeton = null)
    {
        var f = new MultipartFormDataContent { { new StringContent(type), "type" } };
        var fichier = new ByteArrayContent(contenu);
        fichier.Headers.ContentType = new MediaTypeHeaderValue(typeDeclare);
        f.Add(fichier, "fichier", nom);
        if (remplace is not null) f.Add(new StringContent(remplace), "remplace");
        if (jeton is not null) f.Add(new StringContent(jeton), "__RequestVerificationToken");
        return f;
    }

    public static async Task<JsonElement> DeposerAsync(HttpClient client, string numero, string type, byte[] contenu, string nom, string? remplace = null)
    {
        var r = await client.PostAsync($"/api/v1/demandes/{numero}/pieces", Formulaire(type, contenu, nom, remplace: remplace));
        Assert.True(r.StatusCode == HttpStatusCode.Created, await r.Content.ReadAsStringAsync());
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> ProblemeAsync(HttpResponseMessage r, HttpStatusCode attendu)
    {
        Assert.True(attendu == r.StatusCode, $"attendu {(int)attendu}, obtenu {(int)r.StatusCode} : {await r.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>The app of the fixture (database store) or the same app with the folder store in a fresh folder.</summary>
    private (WebApplicationFactory<Program> App, string? Dossier) Application(string f, string stockage)
    {
        if (stockage == "Base") return (fx.App(f), null);
        // The fixture's app first: it seeds the demo (and deposits the demo's proofs) once, in its own store, never in this folder.
        _ = fx.App(f).Services;
        var dossier = Path.Combine(Path.GetTempPath(), "logis-tests", $"pieces-web-{Guid.NewGuid():N}");
        return (fx.App(f).WithWebHostBuilder(b => b.UseSetting("Logis:Pieces:Stockage", "Dossier").UseSetting("Logis:Pieces:Dossier", dossier)), dossier);
    }

    private static HttpClient ClientApi(WebApplicationFactory<Program> app, string compte = "epci")
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add("X-Api-Key", ComptesDemo.CleApi(compte, Siren.Create(TerritoireSeeder.SirenTpm)));
        return client;
    }

    private async Task<List<string>> ActionsAsync(string f, string numero)
    {
        await using var db = fx.Base(f);
        Assert.True(Domain.Demandes.NumeroUnique.TryParse(numero, out var n));
        var id = (await db.Demandes.AsNoTracking().SingleAsync(d => d.Numero == n)).Id;
        return await db.Audit.AsNoTracking().Where(a => a.DemandeId == id).Select(a => a.Action).ToListAsync();
    }

    [Theory, DeuxBases(nameof(Stockages))]
    public async Task Deposer_lister_telecharger_remplacer_et_retirer_une_piece(string f, string stockage)
    {
        var (app, dossier) = Application(f, stockage);
        try
        {
            var client = ClientApi(app);
            var numero = await DemandesApiTests.CreerAsync(client, DemandesApiTests.Saisie("Piecesaller"));

            // The declared content type (octet-stream) is ignored: the first bytes say PDF.
            var piece = await DeposerAsync(client, numero, "avis_imposition", Pdf, "avis 2024.pdf");
            var id = piece.GetProperty("id").GetString()!;
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf)), piece.GetProperty("sha256").GetString());
            Assert.Equal("application/pdf", piece.GetProperty("typeMedia").GetString());
            Assert.Equal(Pdf.Length, piece.GetProperty("taille").GetInt64());

            var liste = await client.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}/pieces");
            Assert.Equal(id, liste.GetProperty("pieces").EnumerateArray().Single().GetProperty("id").GetString());
            Assert.Equal(0, liste.GetProperty("piecesRestreintes").GetInt32());

            var contenu = await client.GetAsync($"/api/v1/demandes/{numero}/pieces/{id}");
            Assert.Equal(HttpStatusCode.OK, contenu.StatusCode);
            var octets = await contenu.Content.ReadAsByteArrayAsync();
            Assert.Equal(Pdf, octets);
            Assert.Equal(piece.GetProperty("sha256").GetString(), Convert.ToHexStringLower(SHA256.HashData(octets)));
            Assert.Equal("application/pdf", contenu.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", contenu.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("avis 2024.pdf", contenu.Content.Headers.ContentDisposition?.FileNameStar);
            Assert.Equal("nosniff", contenu.Headers.GetValues("X-Content-Type-Options").Single());
            if (dossier is not null)
            {
                var fichier = Assert.Single(Directory.GetFiles(dossier, "*", SearchOption.AllDirectories));
                Assert.Equal(Pdf, await File.ReadAllBytesAsync(fichier));
                Assert.DoesNotContain("avis", fichier, StringComparison.Ordinal); // stored under a random name
            }

            // Replacement: the new version is served, the old one is gone (file included).
            var remplacante = await DeposerAsync(client, numero, "avis_imposition", Png, "avis.png", remplace: id);
            var nouvelId = remplacante.GetProperty("id").GetString()!;
            await ProblemeAsync(await client.GetAsync($"/api/v1/demandes/{numero}/pieces/{id}"), HttpStatusCode.NotFound);
            Assert.Equal(Png, await client.GetByteArrayAsync($"/api/v1/demandes/{numero}/pieces/{nouvelId}"));
            if (dossier is not null) Assert.Equal(Png, await File.ReadAllBytesAsync(Assert.Single(Directory.GetFiles(dossier, "*", SearchOption.AllDirectories))));

            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/demandes/{numero}/pieces/{nouvelId}")).StatusCode);
            liste = await client.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}/pieces");
            Assert.Empty(liste.GetProperty("pieces").EnumerateArray());
            if (dossier is not null) Assert.Empty(Directory.GetFiles(dossier, "*", SearchOption.AllDirectories));

            var evenements = await client.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}/evenements");
            Assert.Equal(new[] { "Enregistrement", "PieceRecue", "PieceRecue", "PieceRetiree" }, evenements.EnumerateArray().Select(e => e.GetProperty("type").GetString()!).ToArray());
            Assert.Equal("Pièce remplacée : avis d'imposition", evenements[2].GetProperty("resume").GetString());
            var actions = await ActionsAsync(f, numero);
            foreach (var a in new[] { ActionsAuditPieces.Depot, ActionsAuditPieces.Telechargement, ActionsAuditPieces.Remplacement, ActionsAuditPieces.Retrait })
                Assert.Contains(a, actions);
        }
        finally
        {
            if (dossier is not null) await app.DisposeAsync();
        }
    }

    [Theory, DeuxBases]
    public async Task Au_dela_du_quota_de_la_demande_le_depot_est_refuse_en_409_mais_un_remplacement_passe(string f)
    {
        var app = fx.App(f).WithWebHostBuilder(b => b.UseSetting("Logis:Pieces:NombreMaxParDemande", "2"));
        var client = ClientApi(app);
        var numero = await DemandesApiTests.CreerAsync(client, DemandesApiTests.Saisie("Piecesquota"));
        var premiere = await DeposerAsync(client, numero, "avis_imposition", Pdf, "avis.pdf");
        await DeposerAsync(client, numero, "avis_imposition", Png, "avis.png");
        var url = $"/api/v1/demandes/{numero}/pieces";
        var refus = await ProblemeAsync(await client.PostAsync(url, Formulaire("avis_imposition", Pdf, "encore.pdf")), HttpStatusCode.Conflict);
        Assert.Contains("déjà 2 pièces", refus.GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonElement>(url)).GetProperty("pieces").GetArrayLength());
        await DeposerAsync(client, numero, "avis_imposition", Pdf, "avis-corrige.pdf", remplace: premiere.GetProperty("id").GetString());
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonElement>(url)).GetProperty("pieces").GetArrayLength());
    }

    [Theory, DeuxBases]
    public async Task Une_piece_hors_de_la_liste_legale_est_refusee_et_une_piece_deja_stockee_d_un_type_retire_reste_lisible(string f)
    {
        var client = fx.App(f).ClientApi("epci");
        var numero = await DemandesApiTests.CreerAsync(client, DemandesApiTests.Saisie("Pieceshorsliste"));
        var url = $"/api/v1/demandes/{numero}/pieces";

        // A withdrawn type says why; an unknown one names the legal list; neither writes anything.
        var retiree = await ProblemeAsync(await client.PostAsync(url, Formulaire("attestation_securite_sociale", Pdf, "carte.pdf")), HttpStatusCode.BadRequest);
        var message = retiree.GetProperty("errors").GetProperty("type")[0].GetString()!;
        Assert.Contains("ne peut plus être demandée ni déposée", message, StringComparison.Ordinal);
        Assert.Contains("numéro de sécurité sociale", message, StringComparison.Ordinal);
        var inconnue = await ProblemeAsync(await client.PostAsync(url, Formulaire("casier_judiciaire", Pdf, "casier.pdf")), HttpStatusCode.BadRequest);
        Assert.Contains("« casier_judiciaire » n'est pas une pièce de la liste limitative annexée à l'arrêté du 22 décembre 2020",
            inconnue.GetProperty("errors").GetProperty("type")[0].GetString()!, StringComparison.Ordinal);
        var condamnation = await ProblemeAsync(await client.PostAsync(url, Formulaire("condamnation", Pdf, "jugement.pdf")), HttpStatusCode.BadRequest);
        Assert.Contains("aucune décision pénale générique", condamnation.GetProperty("errors").GetProperty("type")[0].GetString()!, StringComparison.Ordinal);
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>(url)).GetProperty("pieces").GetArrayLength());

        // The offered types are the list's, with their annex heading; the withdrawn ones are not offered.
        var types = (await client.GetFromJsonAsync<JsonElement>(url)).GetProperty("types").EnumerateArray().ToList();
        Assert.DoesNotContain(types, t => t.GetProperty("code").GetString() is "attestation_securite_sociale" or "condamnation" or "autre");
        Assert.All(types, t => Assert.False(string.IsNullOrWhiteSpace(t.GetProperty("rubrique").GetString())));
        Assert.Contains(types, t => t.GetProperty("code").GetString() == "identite" && t.GetProperty("exigence").GetString() == "obligatoire à l'enregistrement");

        // A piece stored before the type was withdrawn (as it was possible until now) stays listed and downloadable, marked « hors liste ».
        var id = Guid.NewGuid();
        await using (var db = fx.Base(f))
        {
            Assert.True(Domain.Demandes.NumeroUnique.TryParse(numero, out var n));
            var demande = await db.Demandes.AsNoTracking().SingleAsync(d => d.Numero == n);
            var ancien = Domain.Pieces.TypePieceJustificative.Creer("attestation_securite_sociale", "Attestation de droits", "JustificatifRessources", "sensible",
                "oui", "complementaire", "ancienne liste", "M").Valeur!;
            var fichier = Domain.Pieces.FichierPiece.Verifier("carte.pdf", Pdf, Domain.Pieces.ReglesDepot.ParDefaut).Valeur!;
            var piece = PieceJustificative.Creer(demande.Id, ancien, fichier, DateTimeOffset.Parse("2026-01-15T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture),
                Guid.NewGuid(), "Agent d'avant", "Toulouse Métropole");
            id = piece.Id;
            db.Pieces.Add(piece);
            await new StockageBase().EcrireAsync(db, piece.Id, Pdf, default);
            await db.SaveChangesAsync();
        }
        var stockee = (await client.GetFromJsonAsync<JsonElement>(url)).GetProperty("pieces").EnumerateArray().Single();
        Assert.True(stockee.GetProperty("horsListe").GetBoolean());
        Assert.StartsWith("Attestation de droits à l'assurance maladie (porte le numéro de sécurité sociale) (hors de la liste légale depuis le",
            stockee.GetProperty("libelle").GetString()!, StringComparison.Ordinal);
        Assert.Equal(Pdf, await client.GetByteArrayAsync($"{url}/{id}"));
    }

    private static byte[] PdfAvecEicar() => [.. "%PDF-1.7\n% "u8, .. System.Text.Encoding.ASCII.GetBytes(Eicar.Texte), .. "\n1 0 obj << >> endobj\n%%EOF\n"u8];

    /// <summary>
    /// Every piece goes through the antivirus port before it is stored: the suite's double refuses EICAR (400, nothing stored);
    /// a PNG bomb and a PDF with JavaScript behind ASCIIHex are refused by the checks of the format, with their French message.
    /// </summary>
    [Theory, DeuxBases]
    public async Task Un_virus_une_bombe_ou_un_pdf_piege_sont_refuses_sans_rien_stocker(string f)
    {
        var client = fx.App(f).ClientApi("epci");
        var numero = await DemandesApiTests.CreerAsync(client, DemandesApiTests.Saisie("Piecesvirus"));
        async Task<string> RefusAsync(byte[] contenu, string nom)
        {
            var r = await client.PostAsync($"/api/v1/demandes/{numero}/pieces", Formulaire("avis_imposition", contenu, nom));
            return (await ProblemeAsync(r, HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("fichier")[0].GetString()!;
        }
        Assert.Equal(PiecesService.MotifInfecte(AntivirusDeTest.Signature), await RefusAsync(PdfAvecEicar(), "avis.pdf"));
        Assert.Equal(Domain.Pieces.GardeImage.MotifDimensions(20_000, 20_000), await RefusAsync(ImagesDeTest.Png(20_000, 20_000, new byte[4096]), "scan.png"));
        var piege = "%PDF-1.7\n1 0 obj << /Length 80 /Filter /ASCIIHexDecode >>\nstream\n"
                    + Convert.ToHexString("2 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj"u8) + ">\nendstream\nendobj\n%%EOF\n";
        Assert.Equal(Domain.Pieces.GardePdf.MotifContenuActif, await RefusAsync(System.Text.Encoding.ASCII.GetBytes(piege), "piege.pdf"));
        var liste = await client.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}/pieces");
        Assert.Empty(liste.GetProperty("pieces").EnumerateArray());
    }

    /// <summary>
    /// The clamd adapter against a stand-in daemon on the loopback (INSTREAM protocol): a clean piece is stored, EICAR is refused
    /// with the daemon's signature, and a daemon that does not answer refuses the piece (503), never stores it unchecked.
    /// </summary>
    [Fact]
    public async Task L_adaptateur_clamd_analyse_chaque_piece_et_refuse_si_le_demon_ne_repond_pas()
    {
        var clamd = new ClamdFactice();
        var adresse = clamd.Adresse;
        var app = fx.App(BasesDeTest.Sqlite).WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IAntivirus>(new AntivirusClamd(adresse, TimeSpan.FromSeconds(5)))));
        var client = ClientApi(app);
        var numero = await DemandesApiTests.CreerAsync(client, DemandesApiTests.Saisie("Piecesclamd"));
        try
        {
            await DeposerAsync(client, numero, "avis_imposition", Pdf, "avis.pdf");
            var r = await client.PostAsync($"/api/v1/demandes/{numero}/pieces", Formulaire("avis_imposition", PdfAvecEicar(), "avis.pdf"));
            var probleme = await ProblemeAsync(r, HttpStatusCode.BadRequest);
            Assert.Equal(PiecesService.MotifInfecte(ClamdFactice.Signature), probleme.GetProperty("errors").GetProperty("fichier")[0].GetString());
            Assert.Equal(["zINSTREAM", "zINSTREAM"], clamd.Commandes);
        }
        finally
        {
            await clamd.DisposeAsync();
        }
        var sansDemon = await client.PostAsync($"/api/v1/demandes/{numero}/pieces", Formulaire("avis_imposition", Pdf, "avis.pdf"));
        Assert.Equal(PiecesService.AntivirusIndisponible, (await ProblemeAsync(sansDemon, HttpStatusCode.ServiceUnavailable)).GetProperty("detail").GetString());
        Assert.Single((await client.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}/pieces")).GetProperty("pieces").EnumerateArray());

        Assert.Equal(VerdictAntivirus.Infecte, AntivirusClamd.Lire("stream: Win.Test.EICAR_HDB-1 FOUND").Verdict);
        Assert.Equal("Win.Test.EICAR_HDB-1", AntivirusClamd.Lire("stream: Win.Test.EICAR_HDB-1 FOUND").Signature);
        Assert.Equal(VerdictAntivirus.Sain, AntivirusClamd.Lire("stream: OK").Verdict);
        Assert.Equal(VerdictAntivirus.Indisponible, AntivirusClamd.Lire("INSTREAM size limit exceeded. ERROR").Verdict);
        Assert.NotNull(AntivirusClamd.Adresse("unix:///run/clamav/clamd.ctl"));
        Assert.Null(AntivirusClamd.Adresse("clamd:3310"));
    }

    [Theory, DeuxBases]
    public async Task Les_erreurs_sont_des_problemdetails_400_401_404_413(string f)
    {
        var client = fx.App(f).ClientApi("epci");
        var numero = await DemandesApiTests.CreerAsync(client, DemandesApiTests.Saisie("Pieceserreurs"));
        var url = $"/api/v1/demandes/{numero}/pieces";

        var forge = await ProblemeAsync(await client.PostAsync(url, Formulaire("avis_imposition", "<html><script>alert(1)</script></html>"u8.ToArray(), "avis.pdf", "application/pdf")), HttpStatusCode.BadRequest);
        Assert.Contains("ni un PDF", forge.GetProperty("errors").GetProperty("fichier")[0].GetString()!, StringComparison.Ordinal);
        var chemin = await ProblemeAsync(await client.PostAsync(url, Formulaire("avis_imposition", Pdf, "../../etc/avis.pdf")), HttpStatusCode.BadRequest);
        Assert.Contains("chemin", chemin.GetProperty("errors").GetProperty("fichier")[0].GetString()!, StringComparison.Ordinal);
        var type = await ProblemeAsync(await client.PostAsync(url, Formulaire("inconnu", Pdf, "a.pdf")), HttpStatusCode.BadRequest);
        Assert.True(type.GetProperty("errors").TryGetProperty("type", out _));
        await ProblemeAsync(await client.PostAsync(url, Formulaire("avis_imposition", [], "vide.pdf")), HttpStatusCode.BadRequest);
        await ProblemeAsync(await client.PostAsync(url, new MultipartFormDataContent { { new StringContent("avis_imposition"), "type" } }), HttpStatusCode.BadRequest);
        await ProblemeAsync(await client.PostAsJsonAsync(url, new { type = "avis_imposition" }), HttpStatusCode.BadRequest);
        var gros = new byte[11 * 1024 * 1024];
        Pdf.CopyTo(gros, 0);
        var trop = await ProblemeAsync(await client.PostAsync(url, Formulaire("avis_imposition", gros, "gros.pdf")), HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("10 Mo", trop.GetProperty("detail").GetString()!, StringComparison.Ordinal);

        var inconnu = Domain.Demandes.NumeroUnique.Creer("083", new DateOnly(2026, 1, 1), 999_997, "G0001").Valeur.Valeur;
        await ProblemeAsync(await client.GetAsync($"/api/v1/demandes/{inconnu}/pieces"), HttpStatusCode.NotFound);
        await ProblemeAsync(await client.PostAsync($"/api/v1/demandes/{inconnu}/pieces", Formulaire("avis_imposition", Pdf, "a.pdf")), HttpStatusCode.NotFound);
        await ProblemeAsync(await client.GetAsync($"/api/v1/demandes/abc/pieces"), HttpStatusCode.BadRequest);
        await ProblemeAsync(await client.GetAsync($"{url}/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await ProblemeAsync(await client.DeleteAsync($"{url}/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        var anonyme = fx.App(f).Client();
        await ProblemeAsync(await anonyme.GetAsync(url), HttpStatusCode.Unauthorized);
        await ProblemeAsync(await anonyme.PostAsync(url, Formulaire("avis_imposition", Pdf, "a.pdf")), HttpStatusCode.Unauthorized);
        Assert.Empty((await client.GetFromJsonAsync<JsonElement>(url)).GetProperty("pieces").EnumerateArray());
    }

    [Theory, DeuxBases(nameof(Stockages))]
    public async Task La_radiation_supprime_le_contenu_des_pieces(string f, string stockage)
    {
        var (app, dossier) = Application(f, stockage);
        try
        {
            var client = ClientApi(app);
            var numero = await DemandesApiTests.CreerAsync(client, DemandesApiTests.Saisie("Piecespurge"));
            var ordinaire = (await DeposerAsync(client, numero, "avis_imposition", Pdf, "avis.pdf")).GetProperty("id").GetString();
            var sensible = (await DeposerAsync(client, numero, "certificat_medical", Png, "certificat.png")).GetProperty("id").GetString();
            if (dossier is not null) Assert.Equal(2, Directory.GetFiles(dossier, "*", SearchOption.AllDirectories).Length);

            Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync($"/api/v1/demandes/{numero}/radiation", new { motif = "b" })).StatusCode);

            foreach (var id in new[] { ordinaire, sensible })
            {
                var p = await ProblemeAsync(await client.GetAsync($"/api/v1/demandes/{numero}/pieces/{id}"), HttpStatusCode.NotFound);
                Assert.Contains("supprimé à la radiation", p.GetProperty("detail").GetString()!, StringComparison.Ordinal);
            }
            var liste = await client.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}/pieces");
            Assert.All(liste.GetProperty("pieces").EnumerateArray(), p =>
            {
                Assert.True(p.GetProperty("purgee").GetBoolean());
                Assert.Equal(JsonValueKind.Null, p.GetProperty("nomFichier").ValueKind);
            });
            var evenements = await client.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}/evenements");
            Assert.Equal("2 pièces justificatives supprimées à la radiation", evenements.EnumerateArray().Last().GetProperty("resume").GetString());
            await using (var db = fx.Base(f))
            {
                var ids = new[] { Guid.Parse(ordinaire!), Guid.Parse(sensible!) };
                Assert.False(await db.ContenusPieces.AnyAsync(c => ids.Contains(c.PieceId)));
            }
            if (dossier is not null) Assert.Empty(Directory.GetFiles(dossier, "*", SearchOption.AllDirectories));
            // A radiated demand takes no new piece (409 with the domain's reason).
            await ProblemeAsync(await client.PostAsync($"/api/v1/demandes/{numero}/pieces", Formulaire("avis_imposition", Pdf, "a.pdf")), HttpStatusCode.Conflict);
        }
        finally
        {
            if (dossier is not null) await app.DisposeAsync();
        }
    }

    public static TheoryData<string> Roles => new() { "epci", "bailleur", "bailleur2", "reservataire", "commune", "admin", "anonyme" };

    [Theory, MemberData(nameof(Roles))]
    public async Task Chaque_role_voit_et_telecharge_selon_la_sensibilite_de_la_piece(string compte)
    {
        var app = fx.App(BasesDeTest.Sqlite);
        await using var db = fx.Base(BasesDeTest.Sqlite);
        var epci = db.Epcis.Single(e => e.Siren == Siren.Create(TerritoireSeeder.SirenTpm));
        var bailleurs = BailleursSynthetiques.Pour(epci);
        async Task<HashSet<string>> Parc(int i)
        {
            var id = bailleurs[i].Bailleur.Id;
            return [.. await db.Logements.AsNoTracking().Where(l => l.BailleurId == id).Select(l => l.CommuneInsee.Value).Distinct().ToListAsync()];
        }
        var (parc1, parc2) = (await Parc(0), await Parc(1));
        var communes = await db.Communes.AsNoTracking().Where(c => c.EpciSiren == epci.Siren).Select(c => c.CodeInsee.Value).ToListAsync();
        var commune = communes.FirstOrDefault(c => parc1.Contains(c) && !parc2.Contains(c)) ?? "83137";
        var epciApi = app.ClientApi("epci");
        var numero = await DemandesApiTests.CreerAsync(epciApi, DemandesApiTests.Saisie("Piecesroles", commune));
        var ordinaire = (await DeposerAsync(epciApi, numero, "avis_imposition", Pdf, "avis.pdf")).GetProperty("id").GetString();
        var sensible = (await DeposerAsync(epciApi, numero, "certificat_medical", Png, "certificat-medical.png")).GetProperty("id").GetString();
        var voit = compte switch { "bailleur" => parc1.Contains(commune), "bailleur2" => parc2.Contains(commune), "anonyme" => false, _ => true };
        var habilite = voit && compte is "epci" or "bailleur";
        var lecturesAvant = (await ActionsAsync(BasesDeTest.Sqlite, numero)).Count(a => a == ActionsAuditPieces.LectureSensible);

        var client = compte == "anonyme" ? app.Client() : await app.ConnecterAsync(compte);
        var ecarts = new List<string>();
        void Verifier(string quoi, HttpResponseMessage r, HttpStatusCode attendu)
        {
            if (r.StatusCode != attendu) ecarts.Add($"{quoi} : attendu {(int)attendu}, obtenu {(int)r.StatusCode}");
        }
        HttpStatusCode Api(bool autorise) => compte == "anonyme" ? HttpStatusCode.Unauthorized : !voit ? HttpStatusCode.NotFound : autorise ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
        HttpStatusCode Page(bool autorise) => compte == "anonyme" ? HttpStatusCode.Redirect : !voit ? HttpStatusCode.NotFound : autorise ? HttpStatusCode.OK : HttpStatusCode.Forbidden;

        // API (cookie session for agents): list, ordinary content, sensitive content, upload.
        var liste = await client.GetAsync($"/api/v1/demandes/{numero}/pieces");
        Verifier("GET liste", liste, Api(true));
        if (liste.StatusCode == HttpStatusCode.OK)
        {
            var json = await liste.Content.ReadAsStringAsync();
            var vue = JsonDocument.Parse(json).RootElement;
            var titres = vue.GetProperty("pieces").EnumerateArray().Select(p => p.GetProperty("type").GetString()).ToList();
            Assert.Contains("avis_imposition", titres);
            Assert.Equal(habilite, titres.Contains("certificat_medical"));
            Assert.Equal(habilite ? 0 : 1, vue.GetProperty("piecesRestreintes").GetInt32());
            if (!habilite)
            {
                // The list of types (for the upload form) names every type; the pieces themselves never name a restricted one.
                Assert.DoesNotContain("certificat", vue.GetProperty("pieces").GetRawText(), StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(sensible!, json, StringComparison.Ordinal);
            }
        }
        Verifier("GET pièce ordinaire", await client.GetAsync($"/api/v1/demandes/{numero}/pieces/{ordinaire}"), Api(true));
        Verifier("GET pièce sensible", await client.GetAsync($"/api/v1/demandes/{numero}/pieces/{sensible}"), Api(habilite));
        var depot = await client.PostAsync($"/api/v1/demandes/{numero}/pieces", Formulaire("justificatif_ressources", Pdf, "bulletin.pdf"));
        var depotAttendu = compte == "anonyme" ? HttpStatusCode.Unauthorized : !voit ? HttpStatusCode.NotFound : compte == "admin" ? HttpStatusCode.Forbidden : HttpStatusCode.Created;
        Verifier("POST pièce", depot, depotAttendu);
        if (depot.StatusCode == HttpStatusCode.Created)
        {
            var id = (await depot.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            Verifier("DELETE pièce déposée", await client.DeleteAsync($"/api/v1/demandes/{numero}/pieces/{id}"), HttpStatusCode.NoContent);
        }
        var retrait = await client.DeleteAsync($"/api/v1/demandes/{numero}/pieces/{sensible}");
        Verifier("DELETE pièce sensible", retrait, compte == "anonyme" ? HttpStatusCode.Unauthorized : !voit ? HttpStatusCode.NotFound : habilite ? HttpStatusCode.NoContent : HttpStatusCode.Forbidden);

        // Pages: the demand page section, the download link, the upload form.
        var fiche = await client.GetAsync($"/demandes/{numero}");
        Verifier("GET fiche", fiche, Page(true));
        if (fiche.StatusCode == HttpStatusCode.OK)
        {
            var doc = await LogisFactory.DocumentAsync(fiche);
            var section = doc.GetElementById("pieces")!;
            Assert.Contains("Avis d'imposition", section.TextContent, StringComparison.Ordinal);
            Assert.Contains(section.QuerySelectorAll("a"), a => a.GetAttribute("href") == $"/demandes/{numero}/pieces/{ordinaire}");
            if (!habilite)
            {
                Assert.Contains("1 pièce à accès restreint", section.TextContent, StringComparison.Ordinal);
                // The upload form lists every type of the legal list; the table of pieces never names a restricted one.
                Assert.DoesNotContain("Certificat médical", section.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
            }
            Assert.Equal(compte != "admin", doc.GetElementById("piece-fichier") is not null);
        }
        Verifier("GET page pièce ordinaire", await client.GetAsync($"/demandes/{numero}/pieces/{ordinaire}"), Page(true));
        if (!habilite) Verifier("GET page pièce sensible", await client.GetAsync($"/demandes/{numero}/pieces/{sensible}"), Page(false));
        var jeton = compte == "anonyme" ? "" : await LogisFactory.JetonAsync(client, "/demandes");
        var post = await client.PostAsync($"/demandes/{numero}/pieces?handler=Deposer",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = jeton, ["type"] = "avis_imposition" }));
        Verifier("POST page dépôt sans fichier", post, compte == "admin" ? HttpStatusCode.Forbidden : Page(true));
        Assert.True(ecarts.Count == 0, $"{compte} : " + string.Join(" ; ", ecarts));

        var lectures = (await ActionsAsync(BasesDeTest.Sqlite, numero)).Count(a => a == ActionsAuditPieces.LectureSensible) - lecturesAvant;
        Assert.Equal(habilite ? 1 : 0, lectures);
    }

    [Theory, DeuxBases]
    public async Task Un_agent_depose_une_piece_par_la_fiche_avec_des_erreurs_claires(string f)
    {
        var app = fx.App(f);
        var numero = await DemandesApiTests.CreerAsync(app.ClientApi("epci"), DemandesApiTests.Saisie("Piecespage"));
        var agent = await app.ConnecterAsync("epci");
        var fiche = await LogisFactory.DocumentAsync(await agent.GetAsync($"/demandes/{numero}"));
        var formulaire = fiche.QuerySelector("form.formulaire-pieces")!;
        Assert.Equal("multipart/form-data", formulaire.GetAttribute("enctype"));
        Assert.NotNull(formulaire.QuerySelector("input[name=__RequestVerificationToken]"));
        Assert.Equal("piece-fichier", fiche.QuerySelector("label[for=piece-fichier]")!.GetAttribute("for"));
        var jeton = formulaire.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        // A renamed web page: the page says why, the summary links to the file field, the chosen type is kept.
        var refus = await agent.PostAsync($"/demandes/{numero}/pieces?handler=Deposer",
            Formulaire("avis_imposition", "<html></html>"u8.ToArray(), "avis.pdf", "application/pdf", jeton: jeton));
        Assert.Equal(HttpStatusCode.OK, refus.StatusCode);
        var doc = await LogisFactory.DocumentAsync(refus);
        var alerte = doc.QuerySelector(".resume-erreurs[role=alert]")!;
        Assert.Contains("ni un PDF", alerte.TextContent, StringComparison.Ordinal);
        Assert.Equal("#piece-fichier", alerte.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("true", doc.GetElementById("piece-fichier")!.GetAttribute("aria-invalid"));
        Assert.NotNull(doc.QuerySelector("#piece-type option[value=avis_imposition][selected]"));

        // Without the antiforgery token: refused.
        var sansJeton = await agent.PostAsync($"/demandes/{numero}/pieces?handler=Deposer", Formulaire("avis_imposition", Pdf, "avis.pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, sansJeton.StatusCode);

        var depot = await agent.PostAsync($"/demandes/{numero}/pieces?handler=Deposer", Formulaire("avis_imposition", Pdf, "avis.pdf", jeton: jeton));
        Assert.Equal(HttpStatusCode.Redirect, depot.StatusCode);
        Assert.Equal($"/demandes/{numero}#pieces", depot.Headers.Location!.OriginalString);
        doc = await LogisFactory.DocumentAsync(await agent.GetAsync($"/demandes/{numero}"));
        Assert.Contains("La pièce a été déposée.", doc.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var lien = doc.GetElementById("pieces")!.QuerySelectorAll("a").Single(a => a.GetAttribute("href")!.StartsWith($"/demandes/{numero}/pieces/", StringComparison.Ordinal));
        var telechargement = await agent.GetAsync(lien.GetAttribute("href"));
        Assert.Equal(Pdf, await telechargement.Content.ReadAsByteArrayAsync());
        Assert.Equal("attachment", telechargement.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Contains("Pièce reçue : avis d'imposition", doc.Body!.TextContent, StringComparison.Ordinal);

        var id = lien.GetAttribute("href")![($"/demandes/{numero}/pieces/").Length..];
        var retrait = await agent.PostAsync($"/demandes/{numero}/pieces?handler=Retirer",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = jeton, ["id"] = id }));
        Assert.Equal(HttpStatusCode.Redirect, retrait.StatusCode);
        doc = await LogisFactory.DocumentAsync(await agent.GetAsync($"/demandes/{numero}/pieces"));
        Assert.Contains("Aucune pièce déposée.", doc.GetElementById("pieces")!.TextContent, StringComparison.Ordinal);
    }
}
