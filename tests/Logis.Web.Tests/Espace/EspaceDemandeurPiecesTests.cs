using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Application.Espace;
using Logis.Application.Pieces;
using Logis.Persistence.Pieces;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Logis.Web.Tests.Espace;

/// <summary>
/// The applicant's pieces in their space (docs/espace-demandeur.md §5): the list, a deposit and a replacement through the rules of a deposit
/// at a counter (legal list, active content, antivirus), the timeline and the journal — and the isolation (another applicant's demand, a forged
/// piece id): not found, nothing changed.
/// </summary>
public partial class EspaceDemandeurTests
{
    private static byte[] PdfAvecEicar() => [.. "%PDF-1.7\n% "u8, .. System.Text.Encoding.ASCII.GetBytes(Eicar.Texte), .. "\n1 0 obj << >> endobj\n%%EOF\n"u8];

    private static async Task<HttpResponseMessage> EnvoyerPieceAsync(HttpClient client, string numero, string type, byte[] contenu, string nom, string? remplace = null)
    {
        var jeton = await JetonAsync(client, $"/espace/demandes/{numero}/pieces");
        return await client.PostAsync($"/espace/demandes/{numero}/pieces", PiecesTests.Formulaire(type, contenu, nom, remplace: remplace, jeton: jeton));
    }

    private async Task<int> NombrePiecesAsync(string f, string numero)
    {
        await using var db = fx.Base(f);
        var id = await IdAsync(db, numero);
        return await db.Pieces.AsNoTracking().CountAsync(p => p.DemandeId == id);
    }

    [Theory, DeuxBases]
    public async Task Le_demandeur_voit_ses_pieces_en_depose_une_et_en_remplace_une(string f)
    {
        var app = fx.App(f);
        var (numero, code) = await DemandeAvecAttestationAsync(f, "Espacepieces");
        var demandeur = await CompteConfirmeAsync(f);
        Assert.Equal(HttpStatusCode.Redirect, (await LierAsync(demandeur, numero, code)).StatusCode);

        var vide = await LogisFactory.DocumentAsync(await demandeur.GetAsync($"/espace/demandes/{numero}/pieces"));
        Assert.NotNull(vide.GetElementById("aucune-piece"));
        // The demand's page leads there.
        var accueil = await LogisFactory.DocumentAsync(await demandeur.GetAsync($"/espace/demandes/{numero}"));
        Assert.Equal($"/espace/demandes/{numero}/pieces", accueil.GetElementById("lien-pieces")!.GetAttribute("href"));

        // A piece the counter received: the applicant sees its kind, its state and the organisation, never the agent's name.
        var guichet = (await PiecesTests.DeposerAsync(app.ClientApi("epci"), numero, "avis_imposition", PiecesTests.Pdf, "avis.pdf")).GetProperty("id").GetString()!;

        // Without the antiforgery token: refused, nothing stored.
        var sansJeton = await demandeur.PostAsync($"/espace/demandes/{numero}/pieces", PiecesTests.Formulaire("justificatif_ressources", PiecesTests.Pdf, "paie.pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, sansJeton.StatusCode);

        // Refused files: each with its French message on the field, nothing stored.
        async Task<string> RefusAsync(string type, byte[] contenu, string nom, string champ)
        {
            var r = await EnvoyerPieceAsync(demandeur, numero, type, contenu, nom);
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            var doc = await LogisFactory.DocumentAsync(r);
            Assert.StartsWith("Erreur : ", doc.Title, StringComparison.Ordinal);
            Assert.NotNull(doc.QuerySelector(".resume-erreurs[role=alert]"));
            return doc.GetElementById($"piece-{champ}-erreur")!.TextContent.Replace("Erreur : ", "", StringComparison.Ordinal).Trim();
        }
        Assert.Equal(PiecesService.MotifInfecteDemandeur(AntivirusDeTest.Signature), await RefusAsync("justificatif_ressources", PdfAvecEicar(), "paie.pdf", "fichier"));
        var piege = "%PDF-1.7\n1 0 obj << /Length 80 /Filter /ASCIIHexDecode >>\nstream\n"
                    + Convert.ToHexString("2 0 obj << /S /JavaScript /JS (app.alert(1)) >> endobj"u8) + ">\nendstream\nendobj\n%%EOF\n";
        Assert.Equal(Domain.Pieces.GardePdf.MotifContenuActif, await RefusAsync("justificatif_ressources", System.Text.Encoding.ASCII.GetBytes(piege), "paie.pdf", "fichier"));
        Assert.Contains("ni un PDF", await RefusAsync("justificatif_ressources", "bonjour"u8.ToArray(), "paie.pdf", "fichier"), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(await RefusAsync("casier_judiciaire", PiecesTests.Pdf, "casier.pdf", "type")));
        Assert.Equal(1, await NombrePiecesAsync(f, numero));

        // A deposit: back to the list with a confirmation; the piece is the applicant's.
        var depot = await EnvoyerPieceAsync(demandeur, numero, "justificatif_ressources", PiecesTests.Pdf, "paie.pdf");
        Assert.Equal(HttpStatusCode.Redirect, depot.StatusCode);
        Assert.Equal($"/espace/demandes/{numero}/pieces?fait=depot", depot.Headers.Location!.OriginalString);
        var liste = await LogisFactory.DocumentAsync(await demandeur.GetAsync(depot.Headers.Location.OriginalString));
        Assert.Contains("Votre pièce est déposée", liste.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var lignes = liste.QuerySelectorAll("#pieces tbody tr").Select(l => l.TextContent).ToList();
        Assert.Equal(2, lignes.Count);
        Assert.Contains("reçue", lignes[0], StringComparison.Ordinal);
        Assert.DoesNotContain("vous", lignes[0], StringComparison.Ordinal);
        Assert.Contains("vous", lignes[1], StringComparison.Ordinal);

        // A replacement of the counter's piece (the « Remplacer » link preselects it): the former version leaves.
        var lien = liste.QuerySelectorAll("#pieces a")[0].GetAttribute("href")!;
        Assert.Equal($"/espace/demandes/{numero}/pieces?remplace={guichet}#depot", lien);
        var preselection = await LogisFactory.DocumentAsync(await demandeur.GetAsync(lien.Split('#')[0]));
        Assert.NotNull(preselection.QuerySelector($"#piece-remplace option[value='{guichet}'][selected]"));
        var remplacement = await EnvoyerPieceAsync(demandeur, numero, "avis_imposition", PiecesTests.Png, "avis-2025.png", remplace: guichet);
        Assert.Equal(HttpStatusCode.Redirect, remplacement.StatusCode);
        Assert.EndsWith("?fait=remplacement", remplacement.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(2, await NombrePiecesAsync(f, numero));

        // The agents see the pieces (from « Espace demandeur ») and read who brought them in the timeline.
        var vue = await app.ClientApi("epci").GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{numero}/pieces");
        Assert.All(vue.GetProperty("pieces").EnumerateArray(), p => Assert.Equal(ActionsAuditEspace.Organisation, p.GetProperty("organisation").GetString()));
        Assert.DoesNotContain(vue.GetProperty("pieces").EnumerateArray(), p => p.GetProperty("id").GetString() == guichet);
        var evenements = await app.ClientApi("epci").GetStringAsync($"/api/v1/demandes/{numero}/evenements");
        Assert.Contains("Pièce déposée par le demandeur", evenements, StringComparison.Ordinal);
        Assert.Contains("Pièce remplacée par le demandeur", evenements, StringComparison.Ordinal);
        // The applicant reads « Vous avez déposé… » in theirs.
        var chronologie = (await LogisFactory.DocumentAsync(await demandeur.GetAsync($"/espace/demandes/{numero}"))).GetElementById("chronologie")!.TextContent;
        Assert.Contains("Vous avez déposé une pièce justificative (par vous)", chronologie, StringComparison.Ordinal);
        Assert.Contains("Vous avez remplacé une pièce justificative (par vous)", chronologie, StringComparison.Ordinal);

        // The journal: the account as author of the deposit and the replacement, and the reads of the list.
        await using var db = fx.Base(f);
        var id = await IdAsync(db, numero);
        var journal = await db.Audit.AsNoTracking().Where(a => a.DemandeId == id && a.Auteur == ActionsAuditEspace.Auteur).Select(a => new { a.Action, a.Detail }).ToListAsync();
        Assert.Contains(journal, a => a.Action == ActionsAuditPieces.Depot);
        Assert.Contains(journal, a => a.Action == ActionsAuditPieces.Remplacement);
        Assert.Contains(journal, a => a.Action == ActionsAuditEspace.Lecture && a.Detail == "pièces");
    }

    [Theory, DeuxBases]
    public async Task Un_demandeur_ne_touche_jamais_aux_pieces_d_une_autre_demande(string f)
    {
        var app = fx.App(f);
        var (numeroA, codeA) = await DemandeAvecAttestationAsync(f, "Espacepiecesa");
        var (numeroB, _) = await DemandeAvecAttestationAsync(f, "Espacepiecesb");
        var pieceB = (await PiecesTests.DeposerAsync(app.ClientApi("epci"), numeroB, "avis_imposition", PiecesTests.Pdf, "avis.pdf")).GetProperty("id").GetString()!;
        var a = await CompteConfirmeAsync(f);
        var b = await CompteConfirmeAsync(f);
        Assert.Equal(HttpStatusCode.Redirect, (await LierAsync(a, numeroA, codeA)).StatusCode);

        // B, linked to nothing, and A on B's demand: not found, on reading and on sending.
        var jetonA = await JetonAsync(a, $"/espace/demandes/{numeroA}/pieces");
        var jetonB = await JetonAsync(b, "/espace?liste=1");
        foreach (var (client, jeton, n) in new[] { (b, jetonB, numeroA), (b, jetonB, numeroB), (a, jetonA, numeroB), (a, jetonA, "inconnu") })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/espace/demandes/{n}/pieces")).StatusCode);
            var r = await client.PostAsync($"/espace/demandes/{n}/pieces", PiecesTests.Formulaire("avis_imposition", PiecesTests.Pdf, "a.pdf", jeton: jeton));
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        }
        // A forged piece id: B's piece, replaced from A's own demand, or an unknown id.
        foreach (var forgee in new[] { pieceB, Guid.NewGuid().ToString() })
        {
            var r = await a.PostAsync($"/espace/demandes/{numeroA}/pieces", PiecesTests.Formulaire("avis_imposition", PiecesTests.Pdf, "a.pdf", remplace: forgee, jeton: jetonA));
            Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        }
        // Nothing changed: B keeps its piece, A has none, no timeline got a piece from the space.
        Assert.Equal(1, await NombrePiecesAsync(f, numeroB));
        Assert.Equal(0, await NombrePiecesAsync(f, numeroA));
        foreach (var n in new[] { numeroA, numeroB })
            Assert.DoesNotContain("par le demandeur", await app.ClientApi("epci").GetStringAsync($"/api/v1/demandes/{n}/evenements"), StringComparison.Ordinal);
    }
}
