using System.Text.Encodings.Web;
using System.Text.Unicode;
using Logis.Application.Attributions;
using Logis.Application.Demandes;
using Logis.Application.Mixite;
using Logis.Domain.Commun;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Seed;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Logis.Web.Infrastructure;

/// <summary>
/// Where the preparation of the demo territory stands. The first start of the embedded demo plays a year of attributions through the
/// use cases (several minutes): the site listens from the start and says where the preparation is (<see cref="PreparationDemo"/>)
/// instead of staying silent. Ready at once when nothing is to be seeded, or when it is seeded before the site listens.
/// </summary>
public sealed class EtatPreparation
{
    /// <summary>What a visitor and the health check are told: the step (numero of etapes) and its own progress (fait of total).</summary>
    public sealed record Instantane(bool EnCours, string? Etape, int Numero, int Etapes, int Fait, int Total, string? Echec)
    {
        /// <summary>The progress of the current step in percent, when it has a count.</summary>
        public int? Pourcentage => Total > 0 ? (int)Math.Clamp(100L * Fait / Total, 0, 100) : null;

        public string Libelle => Echec is { } e ? $"La préparation de la démonstration a échoué : {e}"
            : Numero == 0 ? "Démarrage de la préparation"
            : $"Étape {Numero} sur {Etapes} : {Etape}" + (Pourcentage is { } p ? $" ({p} %)" : "");
    }

    private static readonly Instantane Pret = new(false, null, 0, 0, 0, 0, null);
    private readonly TaskCompletionSource _terminee = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile Instantane _etat = Pret;

    public EtatPreparation() => _terminee.SetResult();

    private EtatPreparation(int etapes) => _etat = new Instantane(true, "démarrage", 0, etapes, 0, 0, null);

    /// <summary>A preparation of <paramref name="etapes"/> steps, not finished until <see cref="Terminer"/>.</summary>
    public static EtatPreparation EnCours(int etapes) => new(etapes);

    public Instantane Etat => _etat;

    /// <summary>True while the site must not be used: the preparation runs, or it failed.</summary>
    public bool Bloque => _etat.EnCours || _etat.Echec is not null;

    /// <summary>Completes when the preparation has succeeded (the scheduled tasks wait for it; never after a failure).</summary>
    public Task Terminee => _terminee.Task;

    public void Avancer(int numero, string etape, int fait = 0, int total = 0) => _etat = new Instantane(true, etape, numero, _etat.Etapes, fait, total, null);

    public void Terminer()
    {
        _etat = Pret;
        _terminee.TrySetResult();
    }

    public void Echouer(string message) => _etat = _etat with { EnCours = false, Echec = message };
}

/// <summary>
/// The seeding of the demo territory on first start (section « Logis:Demo »): territory, demands, priority situations, first-quartile
/// threshold, occupancy, then the gestion en flux and its year of history — everything through the seeders and use cases, in one scope.
/// Run before the site listens (<see cref="OptionsDemo.EnArrierePlan"/> false: the tests) or in the background while the site shows the
/// progress (the default: <see cref="UsePreparationDemo"/>).
/// </summary>
public static class PreparationDemo
{
    /// <summary>The steps <see cref="ExecuterAsync"/> reports.</summary>
    public const int Etapes = 5;

    public static async Task ExecuterAsync(IServiceProvider services, OptionsDemo options, EtatPreparation etat, ILogger journal, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var horloge = sp.GetRequiredService<TimeProvider>();
        // A step begins (shown at once) and reports its own progress.
        IProgress<Avancement> Etape(int numero, string libelle)
        {
            etat.Avancer(numero, libelle);
            return new ProgressionDirecte(a => etat.Avancer(numero, libelle, a.Fait, a.Total));
        }

        var resultat = await sp.GetRequiredService<TerritoireSeeder>().SemerAsync(Siren.Create(options.Epci), options.Graine, comptesDemo: true,
            Etape(1, "territoire, communes, logements et comptes"), ct);
        journal.LogInformation("Territoire de démonstration {Epci} : {Etat}, {Logements} logements", resultat.Epci,
            resultat.DejaPresent ? "déjà présent" : "créé", resultat.Logements);
        if (options.Demandes > 0)
        {
            // With the year of history, the file « of a year ago »: renewed until the year starts (the history plays the renewals of
            // the year at their date) and with the households the year will house (docs/demo.md).
            var annee = options.Historique ? HistoriqueDemo.AnneeJouee(horloge.AujourdhuiEnFrance(), options.Demandes) : null;
            var demandes = await sp.GetRequiredService<DemandesSeeder>().SemerAsync(resultat.Epci, options.Graine, options.Demandes,
                Etape(2, "demandes de logement"), annee: annee, ct: ct);
            journal.LogInformation("Demandes de démonstration : {Nombre} ({Etat})", demandes.Nombre, demandes.DejaPresent ? "déjà présentes" : "créées");
            if (!demandes.DejaPresent)
            {
                etat.Avancer(3, "situations prioritaires instruites sur pièce");
                // The situations the guichets entered are instructed through the use cases: proof deposited, validated or refused.
                var instruction = await sp.GetRequiredService<SituationsPrioritairesDemo>().InstruireAsync(resultat.Epci, ct);
                journal.LogInformation("Situations prioritaires de démonstration : {Validees} validées sur pièce, {Refusees} refusées, {EnAttente} à justifier",
                    instruction.Validees, instruction.Refusees, instruction.EnAttente);
            }
        }
        etat.Avancer(4, "seuil du premier quartile et occupation du parc");
        // The first-quartile threshold the pre-selection shows the social-mix objective with (before the history, whose
        // proposals take first-quartile households outside QPV): a demonstration value, said so.
        if (await sp.GetRequiredService<MixiteService>().SemerDemoAsync(resultat.Epci, ct))
            journal.LogInformation("Seuil du premier quartile de démonstration : {Seuil} € par UC et par an", MixiteService.SeuilDemo);
        // The landlords' occupancy data of the synthetic stock (docs/occupation.md).
        var occupations = await new OccupationDemo(sp.GetRequiredService<LogisDbContext>()).SemerAsync(resultat.Epci, options.Graine, horloge.AujourdhuiEnFrance(), ct);
        if (occupations > 0) journal.LogInformation("Données d'occupation de démonstration : {Nombre} logements occupés", occupations);

        // Gestion en flux: conventions of every bailleur, then a year of allocation history (vacancies, CALEOL, offers, leases) and a few dozen
        // current vacancies, all through the use cases.
        var historique = sp.GetRequiredService<HistoriqueDemo>();
        async Task HistoriqueAsync(CancellationToken c)
        {
            var chrono = System.Diagnostics.Stopwatch.StartNew();
            var h = await historique.SemerAsync(resultat.Epci, options.Graine, Etape(5, "une année d'attributions jouée jour après jour"), c);
            if (h.DejaPresent) return;
            journal.LogInformation("Historique de démonstration ({Secondes} s) : {Baux} baux signés sur {Cible} visés, {Vacances} vacances, {Seances} séances de CALEOL, "
                + "{Dossiers} dossiers, {Offres} offres dont {Refus} refusées et {SansReponse} sans réponse, {Retraits} vacances retirées",
                (int)chrono.Elapsed.TotalSeconds, h.Baux, h.Cible, h.Vacances, h.Seances, h.Dossiers, h.Offres, h.Refus, h.SansReponse, h.Retraits);
            journal.LogInformation("Historique de démonstration : {Renouvellements} renouvellements joués ; retraits par cause : {Retraits} ; baux par mois : {Mois}",
                h.Renouvellements, string.Join(", ", h.RetraitsParCause.Select(r => $"{r.Key} {r.Value}")),
                string.Join(", ", h.BauxParMois.Select(m => $"{m.Mois} {m.Baux}")));
        }
        etat.Avancer(5, "conventions de réservation et vacances en cours");
        var flux = await sp.GetRequiredService<VacancesDemo>().SemerAsync(resultat.Epci, options.Graine, options.Historique ? HistoriqueAsync : null, ct);
        if (!flux.DejaPresentes)
            journal.LogInformation("Gestion en flux de démonstration : {Conventions} conventions, {Vacances} vacances dont {Orientees} orientées et {Rendues} rendues",
                flux.Conventions, flux.Vacances, flux.Orientees, flux.Rendues);
        // A base seeded before the history existed gets it on its next start (once: the history checks it is not there yet).
        else if (options.Historique) await HistoriqueAsync(ct);
    }

    /// <summary>Runs the preparation in the background once the site listens; <paramref name="etat"/> says where it is, then that it ended.</summary>
    public static void LancerEnArrierePlan(WebApplication app, OptionsDemo options, EtatPreparation etat) =>
        app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
        {
            var arret = app.Lifetime.ApplicationStopping;
            try
            {
                await ExecuterAsync(app.Services, options, etat, app.Logger, arret);
                etat.Terminer();
                app.Logger.LogInformation("Démonstration prête");
            }
            catch (OperationCanceledException) when (arret.IsCancellationRequested)
            {
                app.Logger.LogWarning("Préparation de la démonstration interrompue par l'arrêt du site : supprimez var/logis.db avant de relancer");
            }
            catch (Exception e)
            {
                app.Logger.LogError(e, "Préparation de la démonstration en échec");
                etat.Echouer($"{e.GetType().Name} : {e.Message}. Supprimez le dossier var/ puis relancez Logis ; le détail est dans le journal.");
            }
        }));

    /// <summary>
    /// While the demo is being prepared (or after it failed), every address but the health check and the static files answers 503 with
    /// <c>Retry-After</c>: a plain French page that refreshes itself and shows the step and its progress bar, or ProblemDetails for the API.
    /// </summary>
    public static IApplicationBuilder UsePreparationDemo(this IApplicationBuilder app) => app.Use(async (ctx, suite) =>
    {
        var etat = ctx.RequestServices.GetRequiredService<EtatPreparation>();
        if (!etat.Bloque || ctx.Request.Path.StartsWithSegments("/health"))
        {
            await suite(ctx);
            return;
        }
        var e = etat.Etat;
        ctx.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        ctx.Response.Headers.RetryAfter = "10";
        ctx.Response.Headers.CacheControl = "no-store";
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            await Results.Problem(title: "Logis se prépare", detail: e.Libelle, statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(ctx);
            return;
        }
        ctx.Response.ContentType = "text/html; charset=utf-8";
        await ctx.Response.WriteAsync(Page(e));
    });

    private static readonly HtmlEncoder Encodeur = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The waiting page: refreshed every 10 seconds while the preparation runs, not after a failure.</summary>
    public static string Page(EtatPreparation.Instantane e)
    {
        static string h(string texte) => Encodeur.Encode(texte);
        var barre = e.Echec is null && e.Pourcentage is { } p
            ? $"""<p><label for="avancement">Avancement de l'étape</label><br><progress id="avancement" max="100" value="{p}">{p} %</progress> {p} %</p>"""
            : "";
        var corps = e.Echec is { } echec
            ? $"<h1>La démonstration n'a pas pu être préparée</h1><p role=\"alert\">{h(echec)}</p>"
            : $"""
              <h1>Logis prépare le territoire de démonstration</h1>
              <p>Au premier démarrage, Logis crée le territoire, ses demandes de logement, puis joue une année d'attributions comme l'auraient
              fait les agents : vacances, commissions, propositions et baux. Cela prend plusieurs minutes ; les démarrages suivants sont immédiats.</p>
              <div role="status" aria-live="polite"><p><strong>{h(e.Libelle)}</strong></p>{barre}</div>
              <p>Cette page se met à jour toute seule toutes les 10 secondes.</p>
              """;
        var rafraichir = e.Echec is null ? """<meta http-equiv="refresh" content="10">""" : "";
        return $"""
            <!DOCTYPE html>
            <html lang="fr">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            {rafraichir}
            <title>Préparation de la démonstration – Logis</title>
            <link rel="stylesheet" href="/css/site.css">
            </head>
            <body>
            <header class="entete" role="banner"><div class="conteneur entete-ligne"><span class="marque">Logis <span class="marque-sous-titre">logement social partagé</span></span></div></header>
            <main id="contenu" class="conteneur">
            {corps}
            </main>
            </body>
            </html>
            """;
    }
}

/// <summary>The health check says the site is not ready while the demo is being prepared (the benches and scripts wait for it).</summary>
public sealed class PreparationSanteCheck(EtatPreparation etat) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(etat.Bloque ? HealthCheckResult.Unhealthy(etat.Etat.Libelle) : HealthCheckResult.Healthy("Démonstration prête ou sans objet."));
}
