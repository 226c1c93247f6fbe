using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Logis.Domain.Acces;
using Logis.Domain.Demandes;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace Logis.Web.Tests.Autorisations;

/// <summary>
/// The authorization matrix by content (docs/protection-des-donnees.md §2 items 4–5): beyond the status codes of
/// <see cref="MatriceAutorisationTests"/>, what each identity <em>receives</em> and <em>changes</em>. The demand the matrix aims at
/// starts without restricted data; every GET row of the matrix is fetched by every identity, then the EPCI plants canary values in
/// that demand (a NIR, the three restricted reasons, disability needs, a disability card) and every row is fetched again. For an
/// identity whose role does not see sensitive data (<see cref="AccesDemandes.VoitDonneesSensibles"/>), no canary may appear more
/// often after than before — in HTML pages, JSON, CSV, XLSX and PDF alike; the identities with the right must find them
/// (so that the test can fail). Then each restricted identity the matrix lets update the demand sends it without, and with emptied,
/// restricted fields: the stored ones do not change.
/// </summary>
[Collection(CollectionApplications.Nom)]
public class MatriceContenuTests(ApplicationsFixture fx)
{
    /// <summary>A valid NIR (key computed below) used only by this test: its masked form is a canary.</summary>
    private const string CorpsNir = "2920683063045";

    private static string NirCanari => CorpsNir + (97 - long.Parse(CorpsNir, System.Globalization.CultureInfo.InvariantCulture) % 97).ToString("00", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What a restricted role must never receive about the canary demand (compared without spaces nor case).</summary>
    private static readonly string[] Canaris =
    [
        new string('*', 13) + NirCanari[13..], NirCanari, "Violences familiales", "Raisons de santé", "Handicap", "fauteuil roulant", "mobilité réduite",
        "autre adaptation", "carte d'invalidité", TexteDeclaration, AdresseDeclaration,
    ];

    /// <summary>The free text and the new address of a declaration made from the applicant space: shown to the roles with the right only.</summary>
    private const string TexteDeclaration = "Texte-témoin-Zorglub de la déclaration";
    private const string AdresseDeclaration = "Adresse-témoin-Zorglub";

    /// <summary>An applicant's declaration of change on the demand (as the applicant space records it), carrying the two canaries above.</summary>
    private async Task DeclarationAsync(string numero)
    {
        await using var db = fx.Base(BasesDeTest.Sqlite);
        Assert.True(NumeroUnique.TryParse(numero, out var n));
        var demande = await db.Demandes.AsNoTracking().SingleAsync(d => d.Numero == n);
        var compte = new Persistence.Espace.CompteDemandeur
        {
            Id = Guid.NewGuid(), EpciSiren = Domain.Territoire.Siren.Create(Persistence.Seed.TerritoireSeeder.SirenTpm),
            Courriel = $"canari-{Guid.NewGuid():N}@exemple.fr", MotDePasseHache = "-", CreeLe = DateTimeOffset.UnixEpoch,
        };
        db.ComptesDemandeurs.Add(compte);
        db.DeclarationsChangement.Add(new Persistence.Espace.DeclarationChangement
        {
            DemandeId = demande.Id, CompteId = compte.Id, DeclareeLe = DateTimeOffset.UnixEpoch, Texte = TexteDeclaration, NouvelleAdresse = AdresseDeclaration,
        });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Aucune_donnee_restreinte_ne_parvient_aux_roles_sans_habilitation_et_leurs_mises_a_jour_ne_la_changent_pas()
    {
        var app = fx.App(BasesDeTest.Sqlite);
        var valeurs = await MatriceAutorisationTests.ValeursAsync(fx, app, commune => Saisie("Canari", commune, sensible: false));
        var numero = valeurs["numero"];
        var matrice = MatriceAutorisation.Charger();
        var lectures = matrice.Where(l => l.Methode == "GET" && l.Route != "/deconnexion").ToList();
        var clients = new Dictionary<string, HttpClient>();
        foreach (var identite in MatriceAutorisation.Roles) clients[identite] = await MatriceAutorisationTests.ClientAsync(app, identite);
        var habilites = await HabilitesAsync();

        async Task<Dictionary<(string, string), Dictionary<string, int>>> ReleverAsync()
        {
            var releve = new Dictionary<(string, string), Dictionary<string, int>>();
            foreach (var identite in MatriceAutorisation.Roles)
                foreach (var ligne in lectures.Where(l => l.Attendus[identite] == 200))
                {
                    var url = ligne.Url(valeurs);
                    using var reponse = await clients[identite].GetAsync(url);
                    var texte = Normaliser(await TexteAsync(reponse));
                    releve[(identite, url)] = Canaris.ToDictionary(c => c, c => Occurrences(texte, Normaliser(c)));
                }
            return releve;
        }

        var avant = await ReleverAsync();
        var plantee = await app.ClientApi("epci").PutAsJsonAsync($"/api/v1/demandes/{numero}", Saisie("Canari", valeurs["code"], sensible: true));
        Assert.True(plantee.StatusCode == HttpStatusCode.NoContent, await plantee.Content.ReadAsStringAsync());
        await DeclarationAsync(numero);
        var apres = await ReleverAsync();

        var fuites = new List<string>();
        var vus = MatriceAutorisation.Roles.Where(habilites.Contains).ToDictionary(i => i, _ => new HashSet<string>());
        foreach (var ((identite, url), comptes) in apres)
            foreach (var (canari, n) in comptes)
            {
                if (n <= avant[(identite, url)][canari]) continue;
                if (habilites.Contains(identite)) vus[identite].Add(canari);
                else fuites.Add($"{identite} GET {url} : « {canari} »");
            }
        Assert.True(fuites.Count == 0, "Données restreintes reçues sans habilitation : " + string.Join(" ; ", fuites));
        // The identities with the right find the canaries the demand's reading shows (page for the agents, API for the keys): the NIR's end,
        // the card, the disability needs; the agents also the applicant's declaration on the page. The reasons' labels are shown only on
        // some pages (form, score), which the restricted roles' check above covers all the same.
        string[] lus = [Canaris[0], "carte d'invalidité", "fauteuil roulant", "mobilité réduite", "autre adaptation"];
        foreach (var identite in new[] { "epci", "bailleur", "cle-epci", "cle-bailleur" })
        {
            var attendus = identite.StartsWith("cle-", StringComparison.Ordinal) ? lus : [.. lus, TexteDeclaration, AdresseDeclaration];
            var manquants = attendus.Where(c => !vus[identite].Contains(c)).ToList();
            Assert.True(manquants.Count == 0, $"{identite} ne reçoit nulle part : " + string.Join(", ", manquants));
        }
        var page = $"/demandes/{numero}";
        Assert.True(apres[("epci", page)][Canaris[0]] > avant[("epci", page)][Canaris[0]], "La page de la demande ne montre pas la fin du NIR à l'intercommunalité.");
        Assert.Empty(vus["bailleur2"]);

        // Changes: every restricted identity the matrix lets update the demand (an invalid body answers 400, not 403 or 404).
        var miseAJour = matrice.Single(l => l.Methode == "PUT" && l.Route == "/api/v1/demandes/{numero}");
        var auteurs = MatriceAutorisation.Roles.Where(i => i != "anonyme" && !habilites.Contains(i) && miseAJour.Attendus[i] == 400).ToList();
        Assert.NotEmpty(auteurs);
        var envoi = 0;
        foreach (var identite in auteurs)
            foreach (var vide in new[] { false, true })
            {
                var telephone = $"06399800{++envoi:00}";
                var corps = JsonSerializer.SerializeToNode(Saisie("Canari", valeurs["code"], sensible: false, telephone))!.AsObject();
                var personne = corps["personnes"]![0]!.AsObject();
                if (vide)
                {
                    personne["nir"] = "";
                    personne["carteInvalidite"] = false;
                }
                else
                {
                    personne.Remove("nir");
                    corps.Remove("handicap");
                }
                var r = await clients[identite].PutAsJsonAsync($"/api/v1/demandes/{numero}", corps);
                Assert.True(r.StatusCode == HttpStatusCode.NoContent, $"{identite} : {(int)r.StatusCode} {await r.Content.ReadAsStringAsync()}");
                var c = await ContenuAsync(numero);
                // The update took effect on what the identity sees…
                Assert.Equal(telephone, c.Contact.Telephone);
                // …and the restricted fields are those the EPCI planted.
                Assert.Equal(NirCanari, c.Personnes[0].Nir?.ValeurComplete);
                Assert.True(c.Personnes[0].CarteInvalidite, $"{identite} : carte d'invalidité effacée");
                Assert.Equal(new BesoinsHandicap(true, true, true), c.Handicap);
                Assert.Equal(MotifDemande.ViolencesFamiliales, c.MotifPrincipal);
                Assert.Subset(c.Motifs.ToHashSet(), new HashSet<MotifDemande> { MotifDemande.ViolencesFamiliales, MotifDemande.RaisonsDeSante, MotifDemande.Handicap });
            }
    }

    private static object Saisie(string nom, string commune, bool sensible, string telephone = "0639980000") => new
    {
        personnes = new[]
        {
            new
            {
                nom, prenoms = "Alice", dateNaissance = "1992-06-12", lien = "Demandeur", nir = sensible ? NirCanari : null, carteInvalidite = sensible,
                situationProfessionnelle = "Cdi", ressources = new[] { new { type = "Salaire", montantMensuel = 1450m } },
            },
        },
        adresse = new { ligne1 = "12 rue des Tests", codePostal = "83000", commune = "Toulon" },
        telephone,
        accepteCourriel = false,
        situationFamiliale = "Celibataire",
        logementActuel = new { statut = "LocataireParcPrive", loyerMensuel = 650m, surface = 30m },
        motifs = sensible ? new[] { "LogementTropCher", "ViolencesFamiliales", "RaisonsDeSante", "Handicap" } : ["LogementTropCher"],
        motifPrincipal = sensible ? "ViolencesFamiliales" : "LogementTropCher",
        souhaits = new { typologies = new[] { "T2" }, communes = new[] { commune }, toutEpci = false, loyerMaximum = 500m },
        handicap = new { fauteuilRoulant = sensible, mobiliteReduite = sensible, autreAdaptation = sensible },
    };

    /// <summary>The identities whose role sees sensitive data: each demo account's role, an API key having the role of its account.</summary>
    private async Task<HashSet<string>> HabilitesAsync()
    {
        await using var db = fx.Base(BasesDeTest.Sqlite);
        var roles = await db.Utilisateurs.AsNoTracking().Where(u => u.Identifiant.EndsWith("@tpm.demo")).ToDictionaryAsync(u => u.Identifiant, u => u.Role);
        return [.. MatriceAutorisation.Roles.Where(i => i != "anonyme"
            && AccesDemandes.VoitDonneesSensibles(roles[(i.StartsWith("cle-", StringComparison.Ordinal) ? i[4..] : i) + "@tpm.demo"]))];
    }

    private async Task<ContenuDemande> ContenuAsync(string numero)
    {
        await using var db = fx.Base(BasesDeTest.Sqlite);
        Assert.True(NumeroUnique.TryParse(numero, out var n));
        return (await db.Demandes.AsNoTracking().SingleAsync(d => d.Numero == n)).Contenu;
    }

    /// <summary>The text a person reads in the answer: HTML decoded, JSON strings, the cells of a workbook, the text of a PDF.</summary>
    private static async Task<string> TexteAsync(HttpResponseMessage reponse)
    {
        var type = reponse.Content.Headers.ContentType?.MediaType ?? "";
        var octets = await reponse.Content.ReadAsByteArrayAsync();
        if (type == "application/pdf")
        {
            using var pdf = PdfDocument.Open(octets);
            return string.Join('\n', pdf.GetPages().Select(p => p.Text));
        }
        if (type.Contains("spreadsheetml", StringComparison.Ordinal))
        {
            using var zip = new ZipArchive(new MemoryStream(octets));
            var xml = new StringBuilder();
            foreach (var e in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
            {
                using var lecteur = new StreamReader(e.Open());
                xml.Append(await lecteur.ReadToEndAsync()).Append('\n');
            }
            return WebUtility.HtmlDecode(xml.ToString());
        }
        var texte = Encoding.UTF8.GetString(octets);
        if (type.Contains("json", StringComparison.Ordinal))
        {
            try
            {
                var chaines = new StringBuilder();
                Collecter(JsonDocument.Parse(texte).RootElement, chaines);
                return chaines.ToString();
            }
            catch (JsonException) { return texte; }
        }
        return WebUtility.HtmlDecode(texte);

        static void Collecter(JsonElement e, StringBuilder sortie)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var p in e.EnumerateObject()) Collecter(p.Value, sortie);
                    break;
                case JsonValueKind.Array:
                    foreach (var x in e.EnumerateArray()) Collecter(x, sortie);
                    break;
                default:
                    sortie.Append(e.ToString()).Append('\n');
                    break;
            }
        }
    }

    private static string Normaliser(string texte) =>
        string.Concat(texte.Where(c => !char.IsWhiteSpace(c))).Replace('’', '\'').ToLowerInvariant();

    private static int Occurrences(string texte, string motif)
    {
        var n = 0;
        for (var i = texte.IndexOf(motif, StringComparison.Ordinal); i >= 0; i = texte.IndexOf(motif, i + motif.Length, StringComparison.Ordinal)) n++;
        return n;
    }
}
