using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Logis.Web.Tests;

/// <summary>
/// Issue 13, item 4: a seeded fuzz test of generated inputs over every API route and every form of the site, as the identities of
/// the demo, on an application of its own (it may radiate, orient, import: nothing it does reaches the other tests). Whatever
/// arrives — a garbage number, a number beyond Int32, a string for a list, a JSON that does not parse, 100,000 characters, a
/// form field mutated — the answer is never a server error. The seed is fixed: a failure replays exactly.
/// </summary>
public sealed class FuzzTests
{
    private const int Graine = 20261206;
    private const int RequetesApi = 8_000;
    private const int EnvoisFormulaires = 2_000;

    [Fact]
    public async Task Dix_mille_entrees_generees_ne_donnent_jamais_d_erreur_serveur()
    {
        await using var app = new LogisFactory(await BasesDeTest.CreerAsync(BasesDeTest.Sqlite, "fuzz"));
        var alea = new Random(Graine);
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true || e.RoutePattern.RawText?.StartsWith("api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (Methode: m, Modele: "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Distinct().OrderBy(r => r.Modele, StringComparer.Ordinal).ThenBy(r => r.Methode, StringComparer.Ordinal).ToList();
        Assert.True(routes.Count > 30, $"{routes.Count} routes d'API seulement");

        var clients = new List<HttpClient> { app.ClientApi("epci"), app.ClientApi("bailleur"), app.Client() };
        var comptes = new[] { "epci", "bailleur", "reservataire", "commune", "admin" };
        async Task<HttpClient> ConnecterAsync(string compte)
        {
            var c = await app.ConnecterAsync(compte);
            c.DefaultRequestHeaders.Add("Origin", "http://localhost");
            return c;
        }
        foreach (var compte in comptes.Skip(2)) clients.Add(await ConnecterAsync(compte));
        var numeros = await NumerosAsync(clients[0]);
        var erreurs = new List<string>();

        for (var i = 0; i < RequetesApi; i++)
        {
            var (methode, modele) = routes[alea.Next(routes.Count)];
            var chemin = Regex.Replace(modele, @"\{(\*?)([a-zA-Z]+)(:[^}]*)?\??\}", m => Uri.EscapeDataString(ValeurRoute(alea, m.Groups[2].Value, numeros)));
            var requete = new HttpRequestMessage(new HttpMethod(methode), chemin + Requete(alea));
            if (methode is "POST" or "PUT" or "PATCH") requete.Content = Corps(alea);
            var client = clients[alea.Next(clients.Count)];
            await EnvoyerAsync(client, requete, $"#{i} {methode} {requete.RequestUri}", erreurs);
        }

        // The forms: each page's form as the site serves it, its token kept, one field mutated at a time.
        // Every page of the site, its parameters filled with real demands and vacancies; not the pages that end or change the
        // session (sign-in, sign-out, password), whose effect would only blind the following posts.
        var vacances = JsonNode.Parse(await clients[0].GetStringAsync("/api/v1/vacances?taillePage=5"))!["elements"]!.AsArray()
            .Select(v => v!["id"]!.GetValue<string>()).ToList();
        var pages = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(r => r is not ("/connexion" or "/deconnexion" or "/compte/mot-de-passe") && !r.Contains("{doublon}", StringComparison.Ordinal)
                // The applicant space's pages behind its own sign-in only redirect an agent (EspaceDemandeurTests covers them).
                && !(r.StartsWith("/espace", StringComparison.Ordinal) && r is not ("/espace/connexion" or "/espace/creer-compte" or "/espace/confirmer"))
                && !r.Contains("{code}", StringComparison.Ordinal) && !r.Contains("/bailleurs/", StringComparison.Ordinal) && !r.Contains("/messages/", StringComparison.Ordinal)
                && !r.Contains("/pieces/{", StringComparison.Ordinal) && !r.Contains("/bilan", StringComparison.Ordinal))
            .SelectMany(r => r.Contains("{numero}", StringComparison.Ordinal) ? numeros.Take(4).Select(n => r.Replace("{numero}", n, StringComparison.Ordinal))
                : r.Contains("{id:guid}", StringComparison.Ordinal) ? vacances.Select(v => r.Replace("{id:guid}", v, StringComparison.Ordinal))
                : [r])
            .Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.True(pages.Length > 25, string.Join(", ", pages));
        // Forms whose post reached its handler (the antiforgery check passed): the mutations were heard, not refused at the door.
        var entendus = 0;
        var envoyes = 0;
        var gets = new Dictionary<string, int>();
        var sessions = new HttpClient?[comptes.Length];
        var refuses = new List<string>();
        for (var i = 0; i < EnvoisFormulaires; i++)
        {
            // Signed in by cookie as each demo identity; a session the fuzz ended (a mutated act may sign out) is opened again.
            var k = alea.Next(comptes.Length);
            var client = sessions[k] ??= await ConnecterAsync(comptes[k]);
            var page = pages[alea.Next(pages.Length)];
            var get = await client.GetAsync(page);
            if (get.StatusCode == HttpStatusCode.Redirect && get.Headers.Location?.OriginalString.Contains("/connexion", StringComparison.Ordinal) == true)
            {
                get.Dispose();
                client = sessions[k] = await ConnecterAsync(comptes[k]);
                get = await client.GetAsync(page);
            }
            using var _ = get;
            var cleGet = $"{(int)get.StatusCode} {get.Headers.Location}";
            gets[cleGet] = gets.GetValueOrDefault(cleGet) + 1;
            if ((int)get.StatusCode >= 500) { erreurs.Add($"GET {page} : {(int)get.StatusCode}"); continue; }
            if (!get.IsSuccessStatusCode) continue;
            var document = await LogisFactory.DocumentAsync(get);
            var formulaires = document.QuerySelectorAll("form[method=post], form[method=POST]").ToList();
            if (formulaires.Count == 0) continue;
            var formulaire = formulaires[alea.Next(formulaires.Count)];
            var champs = formulaire.QuerySelectorAll("input[name], select[name], textarea[name]")
                .Select(e => new KeyValuePair<string, string>(e.GetAttribute("name")!, e.GetAttribute("value") ?? e.QuerySelector("option")?.GetAttribute("value") ?? e.TextContent))
                .ToList();
            var bouton = formulaire.QuerySelectorAll("button[formaction], button[name]").Select(b => b.GetAttribute("formaction")).FirstOrDefault(a => a is not null);
            var cible = bouton ?? formulaire.GetAttribute("action");
            if (string.IsNullOrEmpty(cible)) cible = page;
            for (var m = 0; m < 1 + alea.Next(3) && champs.Count > 0; m++)
            {
                var j = alea.Next(champs.Count);
                if (champs[j].Key == "__RequestVerificationToken") continue;
                champs[j] = new(champs[j].Key, Texte(alea));
            }
            if (alea.Next(4) == 0) champs.Add(new(Nom(alea), Texte(alea)));
            envoyes++;
            using var post = new HttpRequestMessage(HttpMethod.Post, cible) { Content = new FormUrlEncodedContent(champs) };
            post.Headers.Add("Origin", "http://localhost");
            if (await EnvoyerAsync(client, post, $"formulaire #{i} {page} → {cible}", erreurs)) entendus++;
            else if (refuses.Count < 10) refuses.Add($"{page} → {cible} [{string.Join(", ", champs.Select(c => c.Key))}]");
        }

        Assert.True(envoyes > EnvoisFormulaires / 2, $"{envoyes} formulaires envoyés seulement : " + string.Join(", ", gets.OrderByDescending(g => g.Value).Take(12).Select(g => $"{g.Key} ×{g.Value}")));
        Assert.True(entendus > envoyes / 2, $"{entendus} formulaires seulement ont passé le contrôle antiforgery :\n" + string.Join('\n', refuses));
        Assert.True(erreurs.Count == 0, $"{erreurs.Count} erreurs serveur :\n" + string.Join('\n', erreurs.Take(40)));
    }

    /// <summary>Sends, records a server error; true when the request reached its page or endpoint (answered by a page of the site, not refused at the door with an empty 400).</summary>
    private static async Task<bool> EnvoyerAsync(HttpClient client, HttpRequestMessage requete, string quoi, List<string> erreurs)
    {
        using (requete)
        {
            using var r = await client.SendAsync(requete);
            var corps = await r.Content.ReadAsStringAsync();
            if ((int)r.StatusCode >= 500 && r.StatusCode != HttpStatusCode.ServiceUnavailable)
                erreurs.Add($"{quoi} : {(int)r.StatusCode} {Tronquer(corps)}");
            // A 503 must say when to come back (a busy base, issue 13 item 5).
            else if (r.StatusCode == HttpStatusCode.ServiceUnavailable && r.Headers.RetryAfter is null)
                erreurs.Add($"{quoi} : 503 sans Retry-After");
            return r.StatusCode != HttpStatusCode.BadRequest || corps.Contains("<html", StringComparison.Ordinal);
        }
    }

    private static string Tronquer(string s) => s.Length <= 300 ? s : s[..300];

    private static async Task<List<string>> NumerosAsync(HttpClient client)
    {
        var liste = JsonNode.Parse(await client.GetStringAsync("/api/v1/demandes?taillePage=20"))!;
        return [.. liste["elements"]!.AsArray().Select(e => e!["numero"]!.GetValue<string>())];
    }

    private static readonly string[] Pathologiques =
    [
        "", " ", "0", "-1", "2147483648", "-2147483649", "99999999999999999999999999999999", "1e400", "NaN", "null", "true", "[]", "{}",
        "../../etc/passwd", "%00", "<script>alert(1)</script>", "=HYPERLINK(\"http://x\")", "' OR 1=1 --", "é\u0301", "\u202e", "\ud83c\udfe0",
        "00000000-0000-0000-0000-000000000000", "31/12/9999", "0001-01-01", "9999-12-31", "2026-02-30", "T9", "83137", "A".PadRight(5000, 'A'),
        "line\r\nBcc: x@y.z", "\t", "0831126000018G0001",
    ];

    private static string Texte(Random alea) => alea.Next(10) switch
    {
        0 => new string((char)alea.Next(32, 0x2FFF), alea.Next(1, 200)),
        1 => alea.Next().ToString(CultureInfo.InvariantCulture),
        2 => new string('x', 100_000),
        _ => Pathologiques[alea.Next(Pathologiques.Length)],
    };

    private static string Nom(Random alea) =>
        new[] { "page", "taillePage", "statut", "annee", "commune", "nom", "tri", "du", "au", "essai", "typologie", "limite", "q", "Saisie.X" }[alea.Next(14)];

    private static string ValeurRoute(Random alea, string parametre, List<string> numeros) => alea.Next(3) switch
    {
        0 when parametre.Equals("numero", StringComparison.OrdinalIgnoreCase) && numeros.Count > 0 => numeros[alea.Next(numeros.Count)],
        1 => Guid.NewGuid().ToString(),
        _ => Texte(alea) is { Length: > 0 } t ? (t.Length > 300 ? t[..300] : t) : "x",
    };

    private static string Requete(Random alea)
    {
        if (alea.Next(2) == 0) return "";
        var sb = new StringBuilder("?");
        for (var k = 0; k < 1 + alea.Next(3); k++)
            sb.Append(Uri.EscapeDataString(Nom(alea))).Append('=').Append(Uri.EscapeDataString(Tronquer(Texte(alea)))).Append('&');
        return sb.ToString().TrimEnd('&');
    }

    private static HttpContent Corps(Random alea)
    {
        switch (alea.Next(6))
        {
            case 0: return new StringContent(Texte(alea), Encoding.UTF8, "application/json");
            case 1: return new StringContent(Texte(alea), Encoding.UTF8, "text/csv");
            case 2: return new StringContent(Json(alea, 0)?.ToJsonString() ?? "null", Encoding.UTF8, "application/json");
            default:
                var saisie = System.Text.Json.JsonSerializer.SerializeToNode(DemandesApiTests.Saisie("Fuzz"))!;
                Muter(alea, saisie);
                return new StringContent(saisie.ToJsonString(), Encoding.UTF8, "application/json");
        }
    }

    /// <summary>Replaces one value somewhere in the tree by a generated one.</summary>
    private static void Muter(Random alea, JsonNode noeud)
    {
        for (var profondeur = 0; profondeur < 6; profondeur++)
        {
            switch (noeud)
            {
                case JsonObject o when o.Count > 0:
                    var cle = o.ElementAt(alea.Next(o.Count)).Key;
                    if (o[cle] is JsonObject or JsonArray && alea.Next(3) > 0) { noeud = o[cle]!; continue; }
                    o[cle] = Json(alea, 3);
                    return;
                case JsonArray a when a.Count > 0:
                    var i = alea.Next(a.Count);
                    if (a[i] is JsonObject or JsonArray && alea.Next(3) > 0) { noeud = a[i]!; continue; }
                    a[i] = Json(alea, 3);
                    return;
                default:
                    return;
            }
        }
    }

    /// <summary>A generated JSON value; containers are small near the root, only the deepest may be long (at most a few thousand nodes).</summary>
    private static JsonNode? Json(Random alea, int profondeur) => (profondeur >= 4 ? alea.Next(5) : alea.Next(8)) switch
    {
        0 => null,
        1 => JsonValue.Create(alea.Next(3) == 0 ? decimal.MaxValue : alea.Next(3) == 0 ? 1e12m : -alea.Next()),
        2 => JsonValue.Create(alea.Next(2) == 0),
        3 => JsonValue.Create(Tronquer(Texte(alea))),
        4 => JsonValue.Create(alea.NextDouble() * 1e300),
        5 => new JsonArray([.. Enumerable.Range(0, alea.Next(profondeur == 3 ? 300 : 5)).Select(_ => Json(alea, profondeur + 1))]),
        _ => new JsonObject(Enumerable.Range(0, alea.Next(6)).Select(k => new KeyValuePair<string, JsonNode?>(Nom(alea) + k, Json(alea, profondeur + 1)))),
    };
}
