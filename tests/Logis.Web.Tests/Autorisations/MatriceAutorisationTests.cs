using System.Net.Http.Json;
using System.Text;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Logis.Web.Tests.Autorisations;

/// <summary>
/// The authorization matrix (docs/protection-des-donnees.md §2 items 9 and 10): <c>matrice-autorisation.csv</c> gives, for every
/// page and API endpoint of the application, the expected answer for every role — anonymous, each demo agent
/// signed in by cookie, and the two demo API keys. One test enumerates the endpoints of the running application
/// so that a new page or endpoint without a row fails the suite; one test per role plays every row.
/// </summary>
[Collection(CollectionApplications.Nom)]
public class MatriceAutorisationTests(ApplicationsFixture fx)
{
    /// <summary>The only routes an anonymous visitor may reach (public information, sign-in, health, API description).</summary>
    private static readonly HashSet<string> Publiques =
    [
        "/", "/accessibilite", "/donnees-personnelles", "/eligibilite", "/cotation", "/connexion", "/deconnexion",
        "/guichets", "/health", "/openapi/{documentName}.json", "/api/v1/eligibilite",
        "/demander", "/ou-deposer", "/bailleurs", "/statistiques", "/api/v1/statistiques", "/api/v1/lieux-accueil",
        "/espace/connexion", "/espace/creer-compte", "/espace/confirmer",
    ];

    public static TheoryData<string> Roles => new([.. MatriceAutorisation.Roles]);

    [Fact]
    public async Task Chaque_page_et_point_d_api_a_sa_ligne_dans_la_matrice()
    {
        var matrice = MatriceAutorisation.Charger();
        var services = fx.App(BasesDeTest.Sqlite).Services;
        var pages = services.GetRequiredService<PageLoader>();
        var points = new HashSet<(string Methode, string Route, string? Gestionnaire)>();
        foreach (var e in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var route = "/" + e.RoutePattern.RawText!.TrimStart('/');
            if (e.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                // A Razor page answers through its handlers (OnGet, OnPost, OnPostRadier…): each needs its row.
                var compilee = await pages.LoadAsync(page, e.Metadata);
                if (compilee.HandlerMethods.Count == 0) points.Add(("GET", route, null));
                foreach (var h in compilee.HandlerMethods) points.Add((h.HttpMethod.ToUpperInvariant(), route, h.Name));
            }
            else
                foreach (var m in e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]) points.Add((m, route, null));
        }
        var lignes = matrice.Select(l => (l.Methode, l.Route, l.Gestionnaire)).ToHashSet();
        var manquants = points.Except(lignes).Select(Texte).ToList();
        var perimees = lignes.Except(points).Select(Texte).ToList();
        Assert.True(manquants.Count == 0, "Sans ligne dans matrice-autorisation.csv : " + string.Join(", ", manquants));
        Assert.True(perimees.Count == 0, "Lignes de la matrice sans point d'accès : " + string.Join(", ", perimees));
        static string Texte((string M, string R, string? G) p) => $"{p.M} {p.R}{(p.G is null ? "" : "?handler=" + p.G)}";
    }

    [Fact]
    public void Seules_les_routes_publiques_repondent_a_un_anonyme()
    {
        var ouvertes = MatriceAutorisation.Charger()
            .Where(l => l.Attendus["anonyme"] is not (401 or 302) && !Publiques.Contains(l.Route))
            .Select(l => $"{l.Methode} {l.Route}{l.Suffixe} → {l.Attendus["anonyme"]}").ToList();
        Assert.True(ouvertes.Count == 0, "Ouvert à un anonyme hors de la liste publique : " + string.Join(", ", ouvertes));
    }

    [Theory, MemberData(nameof(Roles))]
    public async Task Chaque_ligne_de_la_matrice_repond_comme_prevu(string role)
    {
        var app = fx.App(BasesDeTest.Sqlite);
        var valeurs = await ValeursAsync(fx, app);
        var client = await ClientAsync(app, role);
        var jeton = await LogisFactory.JetonAsync(client, "/connexion");
        var ecarts = new List<string>();
        foreach (var ligne in MatriceAutorisation.Charger())
        {
            var attendu = ligne.Attendus[role];
            var url = ligne.Url(valeurs);
            using var requete = new HttpRequestMessage(new HttpMethod(ligne.Methode), url) { Content = ligne.Corps(jeton) };
            using var reponse = await client.SendAsync(requete);
            var texte = await reponse.Content.ReadAsStringAsync();
            if (texte.Contains(DemandesApiTests.NirComplet, StringComparison.Ordinal)) ecarts.Add($"{ligne.Methode} {url} : NIR complet dans la réponse");
            if ((int)reponse.StatusCode != attendu)
            {
                ecarts.Add($"{ligne.Methode} {url} : attendu {attendu}, obtenu {(int)reponse.StatusCode}");
                continue;
            }
            if (attendu == 302 && role == "anonyme" && !Publiques.Contains(ligne.Route))
            {
                var cible = reponse.Headers.Location?.OriginalString ?? "";
                if (!cible.Contains("/connexion", StringComparison.Ordinal)) ecarts.Add($"{ligne.Methode} {url} : redirigé vers {cible}, pas vers /connexion");
            }
            if (attendu == 401 && reponse.Content.Headers.ContentType?.MediaType != "application/problem+json")
                ecarts.Add($"{ligne.Methode} {url} : 401 sans ProblemDetails");
        }
        Assert.True(ecarts.Count == 0, $"{role} : " + string.Join(" ; ", ecarts));

        // Nothing the matrix sent changed the demand it aims at (invalid bodies, renewal too early).
        var lue = await app.ClientApi("epci").GetStringAsync($"/api/v1/demandes/{valeurs["numero"]}");
        Assert.Contains("\"statut\":\"Active\"", lue, StringComparison.Ordinal);
    }

    internal static async Task<HttpClient> ClientAsync(LogisFactory app, string role) => role switch
    {
        "anonyme" => app.Client(),
        "cle-epci" => app.ClientApi("epci"),
        "cle-bailleur" => app.ClientApi("bailleur"),
        _ => await app.ConnecterAsync(role),
    };

    /// <summary>
    /// Values of the route parameters: a demand wishing a commune where the first demo bailleur has stock and
    /// the second has none, so that both answers of the bailleur perimeter are exercised. <paramref name="saisie"/> builds the
    /// demand's body from the wished commune (the content matrix starts from a demand without restricted data).
    /// </summary>
    internal static async Task<IReadOnlyDictionary<string, string>> ValeursAsync(ApplicationsFixture fx, LogisFactory app, Func<string, object>? saisie = null)
    {
        await using var db = fx.Base(BasesDeTest.Sqlite);
        var epci = db.Epcis.Single(e => e.Siren == Domain.Territoire.Siren.Create(TerritoireSeeder.SirenTpm));
        var bailleurs = BailleursSynthetiques.Pour(epci);
        async Task<HashSet<string>> Parc(int i)
        {
            var id = bailleurs[i].Bailleur.Id;
            return [.. await db.Logements.AsNoTracking().Where(l => l.BailleurId == id).Select(l => l.CommuneInsee.Value).Distinct().ToListAsync()];
        }
        var (parc1, parc2) = (await Parc(0), await Parc(1));
        var commune = parc1.Order(StringComparer.Ordinal).First(c => !parc2.Contains(c));
        var numero = await DemandesApiTests.CreerAsync(app.ClientApi("epci"), saisie?.Invoke(commune) ?? DemandesApiTests.Saisie("Matrice", commune));
        // A vacancy of the first bailleur oriented to Action Logement (the réservataire account), not to the commune account's commune.
        var (vacance, convention) = await VacancesTests.VacanceOrienteeAsync(app, db, bailleurs[0].Bailleur.Id, commune);
        // A CALEOL session of the first bailleur examining another vacancy oriented to Action Logement: one candidate decided, one to decide.
        var (seance, dossier) = await CaleolTests.SeanceEnCoursAsync(app, db, bailleurs[0].Bailleur.Id, commune, numero);
        // Another vacancy of the first bailleur, oriented to Action Logement: the CALEOL attributed its dwelling to the demand and the landlord
        // made the offer (an offer awaiting its answer). Its own vacancy: the rows of the other steps keep theirs oriented.
        var (offerte, _) = await VacancesTests.VacanceOrienteeAsync(app, db, bailleurs[0].Bailleur.Id, commune);
        var logement = (await db.Vacances.AsNoTracking().SingleAsync(v => v.Id == new Domain.Attributions.VacanceId(Guid.Parse(offerte)))).LogementId;
        await OffresTests.DeciderAsync(app, db, numero, logement, Domain.Demandes.DecisionCaleol.Attribution, null);
        await OffresTests.DecideeAsync(app, db, offerte);
        var offre = await app.ClientApi("bailleur").PostAsJsonAsync($"/api/v1/vacances/{offerte}/offres", new { demande = numero, adaptee = true });
        Assert.True(offre.StatusCode == System.Net.HttpStatusCode.Created, await offre.Content.ReadAsStringAsync());
        var idOffre = (await offre.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
        return new Dictionary<string, string>
        {
            ["numero"] = numero, ["doublon"] = numero, ["code"] = commune, ["codeInsee"] = commune,
            ["id"] = bailleurs[0].Bailleur.Id.Value.ToString(), ["documentName"] = "v1", ["critere"] = "j",
            ["vacance"] = vacance, ["convention"] = convention, ["seance"] = seance, ["dossier"] = dossier, ["candidat:int"] = "1", ["offre"] = idOffre, ["vacance-offerte"] = offerte,
        };
    }
}

/// <summary>One row of the matrix: a request and the expected status per role.</summary>
public sealed record LigneMatrice(string Methode, string Route, string Suffixe, string CorpsSpec, IReadOnlyDictionary<string, int> Attendus)
{
    /// <summary>The Razor page handler the row calls (<c>?handler=Radier</c>), null for the default one.</summary>
    public string? Gestionnaire => System.Text.RegularExpressions.Regex.Match(Suffixe, "handler=([A-Za-z]+)") is { Success: true } m ? m.Groups[1].Value : null;

    public string Url(IReadOnlyDictionary<string, string> valeurs)
    {
        // The suffix may name values too (a page handler's query: ?handler=Voter&dossier={dossier}).
        var url = new StringBuilder(Route + Suffixe);
        // {id} names a bailleur under /territoire, a vacancy under /vacances, a convention under /vacances/conventions and /api/v1/conventions,
        // an offer under /api/v1/offres.
        var ressource = System.Text.RegularExpressions.Regex.Match(Route, "^/(?:api/v1/)?(vacances/conventions|conventions|vacances|offres)/").Groups[1].Value;
        var cle = ressource switch { "" => null, "vacances" => "vacance", "offres" => "offre", _ => "convention" };
        // The offer's steps are played on a vacancy of their own (decided, then offered).
        if (cle == "vacance" && Route.EndsWith("/offres", StringComparison.Ordinal)) cle = "vacance-offerte";
        if (cle is not null && valeurs.TryGetValue(cle, out var propre))
        {
            url.Replace("{id}", propre);
            url.Replace("{id:guid}", propre);
        }
        foreach (var (nom, valeur) in valeurs)
        {
            url.Replace("{" + nom + "}", valeur);
            url.Replace("{" + nom + ":guid}", valeur);
        }
        return url.ToString();
    }

    /// <summary><c>json:…</c>, <c>csv:…</c> or <c>form:a=1&amp;b=2</c> (the antiforgery token is added to forms).</summary>
    public HttpContent? Corps(string jeton)
    {
        if (CorpsSpec.Length == 0) return null;
        var (type, contenu) = (CorpsSpec[..CorpsSpec.IndexOf(':', StringComparison.Ordinal)], CorpsSpec[(CorpsSpec.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        return type switch
        {
            "json" => new StringContent(contenu, Encoding.UTF8, "application/json"),
            "csv" => new StringContent(contenu.Replace("\\n", "\n", StringComparison.Ordinal), Encoding.UTF8, "text/csv"),
            "form" => new FormUrlEncodedContent(contenu.Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2)).Select(p => new KeyValuePair<string, string>(p[0], Uri.UnescapeDataString(p[1])))
                .Append(new("__RequestVerificationToken", jeton))),
            _ => throw new InvalidDataException($"Corps inconnu : {CorpsSpec}"),
        };
    }
}

public static class MatriceAutorisation
{
    public static readonly string[] Roles = ["anonyme", "epci", "bailleur", "bailleur2", "reservataire", "commune", "admin", "cle-epci", "cle-bailleur"];

    public static IReadOnlyList<LigneMatrice> Charger()
    {
        var chemin = Path.Combine(AppContext.BaseDirectory, "Autorisations", "matrice-autorisation.csv");
        var lignes = File.ReadAllLines(chemin).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var entete = lignes[0].Split(';');
        if (!entete.Skip(4).SequenceEqual(Roles)) throw new InvalidDataException("En-tête de la matrice : méthode;route;suffixe;corps;" + string.Join(';', Roles));
        return lignes.Skip(1).Select((l, i) =>
        {
            var c = l.Split(';');
            if (c.Length != entete.Length) throw new InvalidDataException($"Ligne {i + 2} de la matrice : {c.Length} colonnes au lieu de {entete.Length}.");
            var attendus = Roles.Select((r, j) => (r, int.Parse(c[4 + j], System.Globalization.CultureInfo.InvariantCulture))).ToDictionary(x => x.r, x => x.Item2);
            return new LigneMatrice(c[0], c[1], c[2], c[3], attendus);
        }).ToList();
    }
}
