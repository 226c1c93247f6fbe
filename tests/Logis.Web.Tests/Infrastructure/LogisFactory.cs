using System.Net;
using System.Text.RegularExpressions;
using AngleSharp;
using AngleSharp.Html.Dom;
using Logis.Persistence;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Logis.Web.Tests.Infrastructure;

/// <summary>The web app over one of the seeded test databases.</summary>
public sealed class LogisFactory(OptionsBase options) : WebApplicationFactory<Program>
{
    /// <summary>The app's clock: stopped at <see cref="Horloges.Reference"/>, moved only by a test.</summary>
    public FakeTimeProvider Horloge { get; } = Horloges.Fixe();

    /// <summary>The errors of every app of the test run, shown when a page answers an unexpected error.</summary>
    public static JournalMemoire Erreurs { get; } = new(LogLevel.Error);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureLogging(l => l.AddProvider(Erreurs));
        builder.ConfigureServices(s =>
        {
            s.AddSingleton<TimeProvider>(Horloge);
            // The antivirus double: EICAR is a virus (the clamd adapter is tested against a stand-in daemon, PiecesTests).
            s.AddSingleton<Logis.Application.Pieces.IAntivirus, AntivirusDeTest>();
        });
        builder.UseSetting("Logis:Database:Fournisseur", options.Fournisseur.ToString());
        builder.UseSetting("Logis:Database:ConnectionString", options.ConnectionString);
        // Cookie keys of its own, never those of the developer's demo in the repository's var/.
        builder.UseSetting("Logis:Cles:Dossier", Path.Combine(Path.GetTempPath(), "logis-tests", "cles"));
        builder.UseSetting("Logis:Demo:SemerAuDemarrage", "true");
        // Seeded before the app answers: the tests read the territory as soon as the app is built (PreparationDemoTests tests the background).
        builder.UseSetting("Logis:Demo:EnArrierePlan", "false");
        // A small synthetic file keeps the suite fast; the full TPM volume is seeded by the demo.
        builder.UseSetting("Logis:Demo:Demandes", "300");
        // No scheduled run during the tests (they launch it themselves); messages are only logged, never written to disk.
        builder.UseSetting("Logis:Relances:Actif", "false");
        builder.UseSetting("Logis:Relances:Expediteur", "Journal");
        // The whole suite comes from one address: limits far above what it sends (LimitesTests lowers them on an app of its own).
        foreach (var limite in new[] { "ParIp", "ConnexionParIp", "ConnexionParIdentifiant", "ParCleApi", "LiaisonParIp" })
            builder.UseSetting($"Logis:Limites:{limite}:Permis", "1000000");
    }

    public HttpClient Client() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public HttpClient ClientApi(string compte) => ClientApiCle(ComptesDemo.CleApi(compte, Domain.Territoire.Siren.Create(TerritoireSeeder.SirenTpm)));

    public HttpClient ClientApiCle(string cle)
    {
        var client = Client();
        client.DefaultRequestHeaders.Add("X-Api-Key", cle);
        return client;
    }

    /// <summary>A browser-like client signed in with a demo account (tpm.demo).</summary>
    public async Task<HttpClient> ConnecterAsync(string compte)
    {
        var client = Client();
        var reponse = await Connexion(client, $"{compte}@tpm.demo", TerritoireSeeder.MotDePasseDemo);
        Assert.Equal(HttpStatusCode.Redirect, reponse.StatusCode);
        return client;
    }

    public static async Task<HttpResponseMessage> Connexion(HttpClient client, string identifiant, string motDePasse)
    {
        var jeton = await JetonAsync(client, "/connexion");
        return await client.PostAsync("/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Identifiant"] = identifiant, ["MotDePasse"] = motDePasse, ["__RequestVerificationToken"] = jeton,
        }));
    }

    public static async Task<string> JetonAsync(HttpClient client, string page)
    {
        var reponse = await client.GetAsync(page);
        if (!reponse.IsSuccessStatusCode)
            Assert.Fail($"GET {page} : {(int)reponse.StatusCode}. Dernières erreurs des applications de test :\n{string.Join('\n', Erreurs.Messages.TakeLast(3))}");
        var html = await reponse.Content.ReadAsStringAsync();
        return Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
    }

    public static async Task<IHtmlDocument> DocumentAsync(HttpResponseMessage reponse)
    {
        var html = await reponse.Content.ReadAsStringAsync();
        return (IHtmlDocument)await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
    }
}

/// <summary>One app per provider over the TPM database seeded once.</summary>
public sealed class ApplicationsFixture : IAsyncLifetime
{
    private readonly TerritoireSemeFixture _bases = new();
    private readonly Dictionary<string, LogisFactory> _apps = [];

    public async Task InitializeAsync()
    {
        await _bases.InitializeAsync();
        foreach (var f in BasesDeTest.Toutes) _apps[f] = new LogisFactory(_bases.Options(f));
    }

    public LogisFactory App(string fournisseur) => _apps[fournisseur];

    public LogisDbContext Base(string fournisseur) => _bases.Ouvrir(fournisseur);

    /// <summary>The connection of the seeded database, for the command line run against it.</summary>
    public OptionsBase Options(string fournisseur) => _bases.Options(fournisseur);

    public async Task DisposeAsync()
    {
        foreach (var app in _apps.Values) await app.DisposeAsync();
    }
}

[CollectionDefinition(Nom)]
public class CollectionApplications : ICollectionFixture<ApplicationsFixture>
{
    public const string Nom = "Applications";
}
