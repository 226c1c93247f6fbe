using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace Logis.E2E;

/// <summary>
/// Starts the real Logis web app (Kestrel, embedded SQLite, demo territory seeded at first start)
/// on a free loopback port, and a headless Chromium from the machine's packages.
/// </summary>
public sealed class ServeurLogis : IAsyncLifetime
{
    private Process? _app;
    private IPlaywright? _playwright;
    private string _dossier = "";
    private readonly Stopwatch _depuisLancement = new();

    /// <summary>The instant the server starts at: Friday 27 November 2026, 10:00 in Paris.</summary>
    public static readonly DateTimeOffset Depart = new(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(1));

    public string UrlDeBase { get; private set; } = "";
    public IBrowser Navigateur { get; private set; } = null!;

    public static string DossierCaptures => Path.Combine(RacineDepot, "artifacts", "screenshots");

    private static string RacineDepot
    {
        get
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            {
                if (File.Exists(Path.Combine(d.FullName, "Logis.slnx"))) return d.FullName;
            }
            throw new DirectoryNotFoundException("Racine du dépôt (Logis.slnx) introuvable.");
        }
    }

    public async Task InitializeAsync()
    {
        _dossier = Directory.CreateTempSubdirectory("logis-e2e").FullName;
        var port = PortLibre();
        UrlDeBase = $"http://127.0.0.1:{port}";
        var dll = Path.Combine(AppContext.BaseDirectory, "Logis.Web.dll");
        // Content root = the web project, as with `dotnet run`, so that wwwroot is served.
        var projet = Path.Combine(RacineDepot, "src", "Logis.Web");
        var info = new ProcessStartInfo("dotnet", [dll, "--urls", UrlDeBase, "--contentRoot", projet])
        {
            WorkingDirectory = projet,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["Logis__Database__ConnectionString"] = $"Data Source={Path.Combine(_dossier, "e2e.db")}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // Keys of its own: the cookie keys of the repository's var/ are those of the developer's demo.
        info.Environment["Logis__Cles__Dossier"] = Path.Combine(_dossier, "cles");
        // The platform lives at the suite's instant, whatever the machine's date (then runs at real speed).
        info.Environment["Logis__Horloge__Depart"] = Depart.ToString("o", System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["Logis__Demo__Demandes"] = "300"; // small synthetic file: these tests check pages, not volume
        // The daily run is launched by the tests (« Lancer maintenant »), its messages written in the temporary folder.
        info.Environment["Logis__Relances__Actif"] = "false";
        // One browser on loopback loads many pages a minute: the rate limits are not what these tests check (LimitesTests).
        info.Environment["Logis__Limites__ParIp__Permis"] = "1000000";
        info.Environment["Logis__Limites__ConnexionParIp__Permis"] = "1000000";
        // The demo accounts sign in once per test and more: their per-identifier budget (10 per 15 min) is not what these tests check either.
        info.Environment["Logis__Limites__ConnexionParIdentifiant__Permis"] = "1000000";
        info.Environment["Logis__Relances__Dossier"] = Path.Combine(_dossier, "courriers");
        _depuisLancement.Start();
        _app = Process.Start(info) ?? throw new InvalidOperationException("Logis.Web n'a pas démarré.");
        _app.OutputDataReceived += (_, _) => { };
        _app.ErrorDataReceived += (_, _) => { };
        _app.BeginOutputReadLine();
        _app.BeginErrorReadLine();
        await AttendreAsync();

        _playwright = await Playwright.CreateAsync();
        Navigateur = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(DossierCaptures);
        // Web-first assertions (Expect) retry for up to this long before failing.
        Assertions.SetDefaultExpectTimeout(DelaiMs);
    }

    private async Task AttendreAsync()
    {
        using var http = new HttpClient();
        // Up to ten minutes: on a loaded two-core machine the first start seeds the demo territory and its demands.
        for (var i = 0; i < 1200; i++)
        {
            if (_app!.HasExited) throw new InvalidOperationException($"Logis.Web s'est arrêté (code {_app.ExitCode}).");
            try
            {
                if ((await http.GetAsync($"{UrlDeBase}/health")).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(500);
        }
        throw new TimeoutException("Logis.Web n'a pas répondu sur /health.");
    }

    private static int PortLibre()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>Longest wait for one action or one navigation: the machine running the tests may have two shared, busy cores.</summary>
    public const float DelaiMs = 90_000;

    public async Task<IPage> NouvellePageAsync()
    {
        var contexte = await Navigateur.NewContextAsync(new BrowserNewContextOptions { Locale = "fr-FR", ViewportSize = new ViewportSize { Width = 1280, Height = ControlePage.Hauteur } });
        contexte.SetDefaultTimeout(DelaiMs);
        contexte.SetDefaultNavigationTimeout(DelaiMs);
        return await contexte.NewPageAsync();
    }

    /// <summary>
    /// Signs in with a demo account and waits for the territory page: its URL, then its heading, with a long timeout. It does
    /// not wait for the network to be idle, which may come late on a loaded machine.
    /// </summary>
    /// <summary>
    /// The server's instant, a little ahead: its clock starts at <see cref="Depart"/> a few seconds after the process does (well within
    /// the one step of 30 s a TOTP code is accepted either side).
    /// </summary>
    public DateTimeOffset MaintenantServeurEstime => Depart + _depuisLancement.Elapsed;

    /// <summary>The server's database (SQLite file of this run), for what a test reads behind the pages (the outbox, the demo history).</summary>
    public Logis.Persistence.LogisDbContext Base()
    {
        var b = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<Logis.Persistence.LogisDbContext>();
        Logis.Persistence.LogisDatabase.Configurer(b, new Logis.Persistence.OptionsBase
        {
            Fournisseur = Logis.Persistence.FournisseurBase.Sqlite, ConnectionString = $"Data Source={Path.Combine(_dossier, "e2e.db")}",
        });
        return new Logis.Persistence.LogisDbContext(b.Options);
    }

    /// <summary>A fresh account in the server's database, with the demo password and no exemption from the second factor.</summary>
    public async Task<string> CreerCompteAsync(Logis.Domain.Acces.Role role)
    {
        var identifiant = $"e2e-{Guid.NewGuid():N}@tpm.demo";
        var b = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<Logis.Persistence.LogisDbContext>();
        Logis.Persistence.LogisDatabase.Configurer(b, new Logis.Persistence.OptionsBase
        {
            Fournisseur = Logis.Persistence.FournisseurBase.Sqlite, ConnectionString = $"Data Source={Path.Combine(_dossier, "e2e.db")}",
        });
        await using var db = new Logis.Persistence.LogisDbContext(b.Options);
        db.Utilisateurs.Add(new Logis.Persistence.Acces.Utilisateur
        {
            Id = Guid.NewGuid(), Identifiant = identifiant, NomComplet = "Compte de test", Role = role,
            EpciSiren = Logis.Domain.Territoire.Siren.Create(Logis.Persistence.Seed.TerritoireSeeder.SirenTpm),
            MotDePasseHache = Logis.Persistence.Acces.Secrets.HacherMotDePasse(Logis.Persistence.Seed.TerritoireSeeder.MotDePasseDemo),
        });
        await db.SaveChangesAsync();
        return identifiant;
    }

    /// <summary>
    /// Writes a CALEOL decision for the dwelling of a vacancy in a demand's timeline, in the server's database, as the commission's use case
    /// writes it (the domain act), dated at the latest of the vacancy's declaration and the demand's last event (never after the server's now).
    /// </summary>
    public async Task NoterDecisionCaleolAsync(string numero, Guid vacance, Logis.Domain.Demandes.DecisionCaleol decision, int? rang)
    {
        var b = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<Logis.Persistence.LogisDbContext>();
        Logis.Persistence.LogisDatabase.Configurer(b, new Logis.Persistence.OptionsBase
        {
            Fournisseur = Logis.Persistence.FournisseurBase.Sqlite, ConnectionString = $"Data Source={Path.Combine(_dossier, "e2e.db")}",
        });
        await using var db = new Logis.Persistence.LogisDbContext(b.Options);
        Assert.True(Logis.Domain.Demandes.NumeroUnique.TryParse(numero, out var n));
        var v = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Vacances, x => x.Id == new Logis.Domain.Attributions.VacanceId(vacance));
        var d = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Demandes, x => x.Numero == n);
        var quand = d.Evenements[^1].Quand > v.DeclareeLe ? d.Evenements[^1].Quand : v.DeclareeLe;
        var caleol = new Logis.Domain.Demandes.Acteur(new Logis.Domain.Demandes.AuteurId(Guid.NewGuid()), "Commission d'attribution (test)");
        Assert.True(d.NoterDecisionCaleol(v.LogementId, decision, rang, Logis.Domain.Commun.HeureFrance.EnFrance(quand), caleol).EstReussi);
        // The vacancy goes through the commission with the domain acts, as the commission's use case does: decided, the offer comes next.
        if (v.Statut is Logis.Domain.Attributions.StatutVacance.Orientee or Logis.Domain.Attributions.StatutVacance.Rendue)
        {
            Assert.True(v.MettreEnCommission(Logis.Domain.Commun.HeureFrance.Jour(quand), 2, Logis.Domain.Commun.HeureFrance.EnFrance(quand), caleol).EstReussi);
            Assert.True(v.NoterDecisionCommission(1, Logis.Domain.Commun.HeureFrance.EnFrance(quand), caleol).EstReussi);
        }
        await db.SaveChangesAsync();
    }

    public async Task ConnecterAsync(IPage page, string compte)
    {
        await page.GotoAsync($"{UrlDeBase}/connexion");
        await page.GetByLabel("Identifiant").FillAsync($"{compte}@tpm.demo");
        await page.GetByLabel("Mot de passe").FillAsync("Logis-demo-2026!");
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        // A web-first assertion, retried until the address is the territory page (a wait for the "load" event of that
        // navigation could miss an event already fired on a loaded machine); the pages checked later load on their own.
        await Assertions.Expect(page).ToHaveURLAsync($"{UrlDeBase}/territoire", new() { Timeout = DelaiMs });
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync(new() { Timeout = DelaiMs });
    }

    public async Task DisposeAsync()
    {
        if (Navigateur is not null) await Navigateur.DisposeAsync();
        _playwright?.Dispose();
        if (_app is { HasExited: false })
        {
            _app.Kill(entireProcessTree: true);
            await _app.WaitForExitAsync();
        }
        _app?.Dispose();
        try { Directory.Delete(_dossier, recursive: true); } catch (IOException) { }
    }
}

[CollectionDefinition(Nom)]
public class CollectionServeur : ICollectionFixture<ServeurLogis>
{
    public const string Nom = "Serveur Logis";
}
