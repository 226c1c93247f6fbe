using Logis.Application.Cotation;
using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Logis.Domain.Acces;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Demandes;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Logis.Application.Journal;
using Logis.Application.Doublons;
using Logis.Application.Demandes;
using Logis.Application.Acces;

namespace Logis.Web.Tests;

/// <summary>Duplicates screen and merge (team choice): list, comparison, merge keeping the oldest, 404/409, atomicity, access per role.</summary>
[Collection(CollectionApplications.Nom)]
public class DoublonsTests(ApplicationsFixture fx)
{
    /// <summary>A demand for one person; a NIR only when given (the shared test NIR would make every test demand a duplicate).</summary>
    public static object Saisie(string nom, string prenom, string naissance, string? nir = null, string? depot = null, string commune = "83137",
        string adresse = "12 rue des Tests") => new
    {
        personnes = new[]
        {
            new { nom, prenoms = prenom, dateNaissance = naissance, lien = "Demandeur", nir, situationProfessionnelle = "Cdi",
                ressources = new[] { new { type = "Salaire", montantMensuel = 1450m } } },
        },
        adresse = new { ligne1 = adresse, codePostal = "83000", commune = "Toulon" },
        telephone = "0639980000",
        accepteCourriel = false,
        situationFamiliale = "Celibataire",
        logementActuel = new { statut = "LocataireParcPrive", loyerMensuel = 650m, surface = 30m },
        motifs = new[] { "LogementTropCher" },
        motifPrincipal = "LogementTropCher",
        souhaits = new { typologies = new[] { "T2" }, communes = new[] { commune }, toutEpci = false, loyerMaximum = 500m },
        handicap = new { fauteuilRoulant = true, mobiliteReduite = false, autreAdaptation = false },
        dateDepot = depot,
        // A deposit more than a month back needs its reason (issue 12, point 5).
        motifDateDepot = depot is null ? null : "Dossier papier saisi en retard (test)",
    };

    private static string Unique(string prefixe) => prefixe + string.Concat(Guid.NewGuid().ToString("N")[..6].Select(c => (char)('a' + (c % 26))));

    private static string Jour(int joursAvant) => Horloges.Aujourdhui.AddDays(-joursAvant).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<(string Recente, string Ancienne)> PaireAsync(HttpClient epci, string nom, string commune = "83137")
    {
        // A first name of its own: a shared first name and birth date would pair it with the other tests' demands (score 70).
        var prenom = Unique("Alix");
        var recente = await DemandesApiTests.CreerAsync(epci, Saisie(nom, prenom, "1988-02-03", commune: commune));
        // The same household, typed in capitals at another guichet, from a paper form received 200 days ago.
        var ancienne = await DemandesApiTests.CreerAsync(epci, Saisie(nom.ToUpperInvariant(), prenom.ToUpperInvariant(), "1988-02-03", depot: Jour(200), commune: commune, adresse: "3 impasse Ancienne"));
        return (recente, ancienne);
    }

    [Theory, DeuxBases]
    public async Task La_fusion_garde_la_date_et_le_numero_les_plus_anciens_et_trace_tout(string f)
    {
        var epci = fx.App(f).ClientApi("epci");
        var nom = Unique("Fusion");
        var (recente, ancienne) = await PaireAsync(epci, nom);

        var liste = await epci.GetFromJsonAsync<JsonElement>("/api/v1/demandes/doublons");
        var paire = liste.EnumerateArray().Single(p => p.GetProperty("plusRecente").GetProperty("numero").GetString() == recente);
        Assert.Equal(ancienne, paire.GetProperty("plusAncienne").GetProperty("numero").GetString());
        Assert.Equal(90, paire.GetProperty("score").GetInt32());
        Assert.Contains("demandeur de la demande la plus ancienne", paire.GetProperty("raisons")[0].GetString()!, StringComparison.Ordinal);
        Assert.Contains("mêmes nom, premier prénom et date de naissance", paire.GetProperty("raisons")[0].GetString()!, StringComparison.Ordinal);

        // A piece uploaded on the demand that will be absorbed.
        var piece = (await PiecesTests.DeposerAsync(epci, recente, "avis_imposition", PiecesTests.Pdf, "avis.pdf")).GetProperty("id").GetString();

        // Asked from the recent one: the older demand is kept, with its number and its deposit date.
        var r = await epci.PostAsJsonAsync($"/api/v1/demandes/{recente}/fusion", new { doublon = ancienne });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var gardee = await r.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(ancienne, gardee.GetProperty("numero").GetString());
        Assert.Equal(Jour(200), gardee.GetProperty("dateDepot").GetString());
        Assert.Equal("Active", gardee.GetProperty("statut").GetString());

        var radiee = await epci.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{recente}");
        Assert.Equal("Radiée", radiee.GetProperty("statut").GetString());
        Assert.Contains("fusion", radiee.GetProperty("motifRadiation").GetString()!, StringComparison.Ordinal);
        var evRadiee = (await epci.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{recente}/evenements")).EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["Enregistrement", "PieceRecue", "Fusion", "Radiation"], evRadiee); // no purge: the piece moved
        var evGardee = (await epci.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{ancienne}/evenements")).EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["Enregistrement", "Fusion"], evGardee);

        // The piece moved with the household: listed and readable on the kept demand, not purged with the other.
        var pieces = await epci.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{ancienne}/pieces");
        Assert.Equal(piece, pieces.GetProperty("pieces").EnumerateArray().Single().GetProperty("id").GetString());
        Assert.Equal(PiecesTests.Pdf, await epci.GetByteArrayAsync($"/api/v1/demandes/{ancienne}/pieces/{piece}"));

        await using var db = fx.Base(f);
        Assert.True(NumeroUnique.TryParse(recente, out var nR));
        Assert.True(NumeroUnique.TryParse(ancienne, out var nA));
        var dR = await db.Demandes.AsNoTracking().SingleAsync(d => d.Numero == nR);
        var dA = await db.Demandes.AsNoTracking().SingleAsync(d => d.Numero == nA);
        Assert.Equal(dA.Id, dR.FusionneeDans);
        var audit = await db.Audit.AsNoTracking().Where(a => a.Action == ActionsAudit.Fusion && (a.DemandeId == dR.Id || a.DemandeId == dA.Id)).ToListAsync();
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal(Siren.Create(TerritoireSeeder.SirenTpm), a.EpciSiren));
        Assert.All(audit, a => Assert.Contains(recente, a.Detail!, StringComparison.Ordinal));

        // The pair is no longer listed; merging again is a conflict.
        liste = await epci.GetFromJsonAsync<JsonElement>("/api/v1/demandes/doublons");
        Assert.DoesNotContain(liste.EnumerateArray(), p => p.GetProperty("plusRecente").GetProperty("numero").GetString() == recente);
        var encore = await epci.PostAsJsonAsync($"/api/v1/demandes/{ancienne}/fusion", new { doublon = recente });
        Assert.Equal(HttpStatusCode.Conflict, encore.StatusCode);
        Assert.Contains("radiée", (await encore.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }

    [Theory, DeuxBases]
    public async Task Fusion_refusee_409_404_et_400(string f)
    {
        var epci = fx.App(f).ClientApi("epci");
        var a = await DemandesApiTests.CreerAsync(epci, Saisie(Unique("Distinct"), "Paul", "1970-01-01"));
        var b = await DemandesApiTests.CreerAsync(epci, Saisie(Unique("Autre"), "Jeanne", "1991-07-14"));
        async Task<JsonElement> Probleme(string numero, object corps, HttpStatusCode attendu)
        {
            var r = await epci.PostAsJsonAsync($"/api/v1/demandes/{numero}/fusion", corps);
            Assert.Equal(attendu, r.StatusCode);
            Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
            return await r.Content.ReadFromJsonAsync<JsonElement>();
        }
        Assert.Contains("ne semblent pas", (await Probleme(a, new { doublon = b }, HttpStatusCode.Conflict)).GetProperty("detail").GetString()!, StringComparison.Ordinal);
        Assert.Contains("elle-même", (await Probleme(a, new { doublon = a }, HttpStatusCode.Conflict)).GetProperty("detail").GetString()!, StringComparison.Ordinal);
        var inconnu = NumeroUnique.Creer("083", new DateOnly(2026, 1, 1), 999_998, "G0001").Valeur.Valeur;
        await Probleme(a, new { doublon = inconnu }, HttpStatusCode.NotFound);
        await Probleme(inconnu, new { doublon = a }, HttpStatusCode.NotFound);
        Assert.True((await Probleme(a, new { doublon = "123" }, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("doublon", out _));
        Assert.True((await Probleme(a, new { }, HttpStatusCode.BadRequest)).GetProperty("errors").TryGetProperty("doublon", out _));

        // Nothing changed.
        foreach (var n in new[] { a, b })
            Assert.Equal("Active", (await epci.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{n}")).GetProperty("statut").GetString());
    }

    [Theory, DeuxBases]
    public async Task Hors_perimetre_du_bailleur_404(string f)
    {
        var app = fx.App(f);
        await using var db = fx.Base(f);
        var epciTpm = db.Epcis.Single(e => e.Siren == Siren.Create(TerritoireSeeder.SirenTpm));
        var b2 = BailleursSynthetiques.Pour(epciTpm)[1].Bailleur.Id;
        var parc2 = await db.Logements.AsNoTracking().Where(l => l.BailleurId == b2).Select(l => l.CommuneInsee.Value).Distinct().ToListAsync();
        var communes = await db.Communes.AsNoTracking().Where(c => c.EpciSiren == epciTpm.Siren).Select(c => c.CodeInsee.Value).ToListAsync();
        var hors = communes.FirstOrDefault(c => !parc2.Contains(c));
        Assert.NotNull(hors); // Azur Habitat Social does not hold stock in every commune of TPM
        var (recente, ancienne) = await PaireAsync(app.ClientApi("epci"), Unique("Horsperimetre"), hors);

        var bailleur2 = await app.ConnecterAsync("bailleur2");
        var r = await bailleur2.PostAsJsonAsync($"/api/v1/demandes/{recente}/fusion", new { doublon = ancienne });
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await bailleur2.GetAsync($"/demandes/doublons/{ancienne}/{recente}")).StatusCode);
        var liste = await bailleur2.GetFromJsonAsync<JsonElement>("/api/v1/demandes/doublons");
        Assert.DoesNotContain(liste.EnumerateArray(), p => p.GetProperty("plusRecente").GetProperty("numero").GetString() == recente);
        Assert.Equal("Active", (await app.ClientApi("epci").GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{recente}")).GetProperty("statut").GetString());
    }

    /// <summary>Fails the merge after its writes went to the database, inside the transaction.</summary>
    private sealed class PanneApresEcriture : DbCommandInterceptor
    {
        public bool Declenchee { get; private set; }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default) =>
            Panne(command) ? throw new InvalidOperationException("Panne simulée pendant l'enregistrement de la fusion.") : ValueTask.FromResult(result);

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default) =>
            Panne(command) ? throw new InvalidOperationException("Panne simulée pendant l'enregistrement de la fusion.") : ValueTask.FromResult(result);

        private bool Panne(DbCommand command)
        {
            if (Declenchee || !command.CommandText.Contains("audit", StringComparison.Ordinal) || !command.CommandText.Contains("INSERT", StringComparison.Ordinal)) return false;
            Declenchee = true;
            return true;
        }
    }

    [Theory, DeuxBases]
    public async Task Une_panne_pendant_la_fusion_laisse_les_deux_demandes_intactes(string f)
    {
        var (recente, ancienne) = await PaireAsync(fx.App(f).ClientApi("epci"), Unique("Panne"));
        var options = new DbContextOptionsBuilder<LogisDbContext>();
        await using (var source = fx.Base(f))
        {
            if (source.Database.IsSqlite()) options.UseSqlite(source.Database.GetConnectionString());
            else options.UseNpgsql(source.Database.GetConnectionString(), o => o.MigrationsHistoryTable("__ef_migrations"));
        }
        var panne = new PanneApresEcriture();
        options.AddInterceptors(Persistence.Journal.ProtectionJournal.Instance, panne);

        await using (var db = new LogisDbContext(options.Options))
        {
            // The app's clock: other tests of the collection move it forward, and a merge dated before the demands' events is refused.
            var horloge = fx.App(f).Horloge;
            var demandes = new DemandesService(db, horloge, fx.App(f).Services.GetRequiredService<GrillesCotation>());
            var journal = new JournalService(db, horloge, demandes);
            var service = new DoublonsService(db, demandes, journal);
            var epci = await db.Utilisateurs.AsNoTracking().SingleAsync(u => u.Identifiant == "epci@tpm.demo");
            var agent = new Agent(epci.Id, epci.NomComplet, Role.AgentEpci, new Perimetre(Siren.Create(TerritoireSeeder.SirenTpm)));
            var panneLevee = await Assert.ThrowsAsync<DbUpdateException>(() => service.FusionnerAsync(agent, recente, ancienne, CancellationToken.None));
            Assert.Contains("Panne simulée", panneLevee.InnerException!.Message, StringComparison.Ordinal);
            Assert.True(panne.Declenchee);
        }

        var api = fx.App(f).ClientApi("epci");
        foreach (var n in new[] { recente, ancienne })
        {
            Assert.Equal("Active", (await api.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{n}")).GetProperty("statut").GetString());
            var types = (await api.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{n}/evenements")).EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
            Assert.Equal(["Enregistrement"], types);
        }
        Assert.Equal(Jour(0), (await api.GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{recente}")).GetProperty("dateDepot").GetString());
        await using var verif = fx.Base(f);
        Assert.True(NumeroUnique.TryParse(recente, out var n1));
        var id = (await verif.Demandes.AsNoTracking().SingleAsync(d => d.Numero == n1)).Id;
        Assert.False(await verif.Audit.AnyAsync(a => a.DemandeId == id && a.Action == ActionsAudit.Fusion));
        // After the failure, the same merge goes through.
        var r = await api.PostAsJsonAsync($"/api/v1/demandes/{recente}/fusion", new { doublon = ancienne });
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
    }

    [Theory, DeuxBases]
    public async Task Les_pages_comparent_puis_fusionnent_apres_confirmation(string f)
    {
        var app = fx.App(f);
        var nom = Unique("Pagefusion");
        var recente = await DemandesApiTests.CreerAsync(app.ClientApi("epci"), Saisie(nom, "Alix", "1988-02-03", nir: DemandesApiTests.NirComplet));
        var ancienne = await DemandesApiTests.CreerAsync(app.ClientApi("epci"), Saisie(Unique("Nomdusage"), "Alix", "1988-02-03", nir: DemandesApiTests.NirComplet, depot: Jour(30), adresse: "3 impasse Ancienne"));
        var client = await app.ConnecterAsync("epci");

        var html = await client.GetStringAsync("/demandes/doublons");
        Assert.DoesNotContain(DemandesApiTests.NirComplet, html, StringComparison.Ordinal);
        var liste = await LogisFactory.DocumentAsync(new HttpResponseMessage { Content = new StringContent(html) });
        var lien = liste.QuerySelectorAll("a").Single(a => a.GetAttribute("href") == $"/demandes/doublons/{ancienne}/{recente}");
        Assert.Contains("même NIR", lien.Closest("tr")!.TextContent, StringComparison.Ordinal);

        var r = await client.GetAsync($"/demandes/doublons/{ancienne}/{recente}");
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var texte = await r.Content.ReadAsStringAsync();
        Assert.DoesNotContain(DemandesApiTests.NirComplet, texte, StringComparison.Ordinal);
        var doc = await LogisFactory.DocumentAsync(new HttpResponseMessage { Content = new StringContent(texte) });
        string Ligne(string rubrique) => doc.QuerySelectorAll("tbody tr").Single(t => t.QuerySelector("th")!.TextContent == rubrique).ClassName ?? "";
        Assert.Equal("difference", Ligne("Adresse"));
        Assert.Equal("difference", Ligne("Demandeur"));
        Assert.Equal("", Ligne("Typologies souhaitées"));
        Assert.Contains("*************91", doc.QuerySelectorAll("tbody tr").Single(t => t.QuerySelector("th")!.TextContent == "NIR (masqués)").TextContent, StringComparison.Ordinal);

        // Step 1: ask; step 2: confirm.
        var jeton = await LogisFactory.JetonAsync(client, $"/demandes/doublons/{ancienne}/{recente}");
        var demande = await client.PostAsync($"/demandes/doublons/{ancienne}/{recente}?handler=Fusionner", Formulaire(("__RequestVerificationToken", jeton)));
        Assert.Equal(HttpStatusCode.OK, demande.StatusCode);
        var confirmation = await LogisFactory.DocumentAsync(demande);
        Assert.Contains("ne peut pas être annulée", confirmation.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Active", (await app.ClientApi("epci").GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{recente}")).GetProperty("statut").GetString());

        var fusion = await client.PostAsync($"/demandes/doublons/{ancienne}/{recente}?handler=Fusionner",
            Formulaire(("__RequestVerificationToken", jeton), ("confirmation", "oui")));
        Assert.Equal(HttpStatusCode.Redirect, fusion.StatusCode);
        Assert.Equal($"/demandes/{ancienne}", fusion.Headers.Location!.OriginalString);
        var fiche = await LogisFactory.DocumentAsync(await client.GetAsync($"/demandes/{ancienne}"));
        Assert.Contains("fusionnées", fiche.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Radiée", (await app.ClientApi("epci").GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{recente}")).GetProperty("statut").GetString());
    }

    public static TheoryData<string> Roles => new() { "epci", "bailleur", "bailleur2", "reservataire", "commune", "admin", "anonyme" };

    [Theory, MemberData(nameof(Roles))]
    public async Task Chaque_ecran_des_doublons_repond_selon_le_role(string compte)
    {
        var app = fx.App(BasesDeTest.Sqlite);
        await using var db = fx.Base(BasesDeTest.Sqlite);
        var epciTpm = db.Epcis.Single(e => e.Siren == Siren.Create(TerritoireSeeder.SirenTpm));
        var bailleurs = BailleursSynthetiques.Pour(epciTpm);
        async Task<HashSet<string>> Parc(int i)
        {
            var id = bailleurs[i].Bailleur.Id;
            return [.. await db.Logements.AsNoTracking().Where(l => l.BailleurId == id).Select(l => l.CommuneInsee.Value).Distinct().ToListAsync()];
        }
        var (parc1, parc2) = (await Parc(0), await Parc(1));
        var communes = await db.Communes.AsNoTracking().Where(c => c.EpciSiren == epciTpm.Siren).Select(c => c.CodeInsee.Value).ToListAsync();
        var commune = communes.FirstOrDefault(c => parc1.Contains(c) && !parc2.Contains(c)) ?? "83137";
        var (recente, ancienne) = await PaireAsync(app.ClientApi("epci"), Unique("Roledoublon"), commune);
        var voit = compte switch { "bailleur" => parc1.Contains(commune), "bailleur2" => parc2.Contains(commune), _ => true };
        // The merge belongs to the manager of the file (Competences: ConfirmerFusion).
        var fusionne = compte is "epci";

        var client = compte == "anonyme" ? app.Client() : await app.ConnecterAsync(compte);
        var jeton = compte == "anonyme" ? "" : await LogisFactory.JetonAsync(client, "/demandes");
        HttpStatusCode? Attendu(bool fusionner) => compte switch
        {
            "anonyme" => null,
            _ when !voit => HttpStatusCode.NotFound,
            _ when fusionner && !fusionne => HttpStatusCode.Forbidden,
            _ => HttpStatusCode.OK,
        };
        var cas = new (string Methode, string Url, HttpStatusCode? Attendu)[]
        {
            ("GET", "/demandes/doublons", compte == "anonyme" ? null : HttpStatusCode.OK),
            ("GET", $"/demandes/doublons/{ancienne}/{recente}", Attendu(false)),
            // Without the confirmation, a permitted role gets the confirmation step (200), nothing is merged.
            ("POST", $"/demandes/doublons/{ancienne}/{recente}?handler=Fusionner", Attendu(true)),
            ("GET", "/api/v1/demandes/doublons", compte == "anonyme" ? HttpStatusCode.Unauthorized : HttpStatusCode.OK),
            // The demand with itself: 409 for a permitted role, 403 otherwise, 404 outside the perimeter.
            ("POST", $"/api/v1/demandes/{recente}/fusion", compte switch
            {
                "anonyme" => HttpStatusCode.Unauthorized,
                _ when !voit => HttpStatusCode.NotFound,
                _ when !fusionne => HttpStatusCode.Forbidden,
                _ => HttpStatusCode.Conflict,
            }),
        };
        var ecarts = new List<string>();
        foreach (var (methode, url, attendu) in cas)
        {
            var reponse = methode == "GET" ? await client.GetAsync(url)
                : url.StartsWith("/api", StringComparison.Ordinal) ? await client.PostAsJsonAsync(url, new { doublon = recente })
                : await client.PostAsync(url, Formulaire(("__RequestVerificationToken", jeton)));
            var html = await reponse.Content.ReadAsStringAsync();
            if (html.Contains(DemandesApiTests.NirComplet, StringComparison.Ordinal)) ecarts.Add($"{methode} {url} : NIR complet");
            if (attendu is null)
            {
                var cible = reponse.Headers.Location is { } l ? (l.IsAbsoluteUri ? l.PathAndQuery : l.OriginalString) : "";
                if (reponse.StatusCode != HttpStatusCode.Redirect || !cible.StartsWith("/connexion", StringComparison.Ordinal))
                    ecarts.Add($"{methode} {url} : attendu 302 vers /connexion, obtenu {(int)reponse.StatusCode}");
            }
            else if (reponse.StatusCode != attendu) ecarts.Add($"{methode} {url} : attendu {(int)attendu}, obtenu {(int)reponse.StatusCode}");
        }
        Assert.True(ecarts.Count == 0, $"{compte} : " + string.Join(" ; ", ecarts));
        foreach (var n in new[] { recente, ancienne })
            Assert.Equal("Active", (await app.ClientApi("epci").GetFromJsonAsync<JsonElement>($"/api/v1/demandes/{n}")).GetProperty("statut").GetString());
    }

    private static FormUrlEncodedContent Formulaire(params (string Nom, string Valeur)[] champs) =>
        new(champs.Select(c => new KeyValuePair<string, string>(c.Nom, c.Valeur)));
}
