using Logis.Persistence;
using Logis.Persistence.Reference;
using Logis.Persistence.Seed;
using Logis.Application.Eligibilite;
using Logis.Web.Features.Eligibilite;
using Logis.Web.Features.Cotation;
using Logis.Web.Features.Demandes;
using Logis.Web.Features.Pieces;
using Logis.Web.Features.Relances;
using Logis.Web.Features.Territoire;
using Logis.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Logis.Application.Territoire;
using Logis.Application.Demandes;
using Logis.Application.Cotation;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);

var optionsBase = builder.Configuration.GetSection(OptionsBase.Section).Get<OptionsBase>() ?? new OptionsBase();
var optionsDemo = builder.Configuration.GetSection(OptionsDemo.Section).Get<OptionsDemo>() ?? new OptionsDemo();
optionsDemo.Valider();

// The real clock: read here only (composition root); every service takes the registered TimeProvider (tests replace it;
// « Logis:Horloge:Depart » shifts it to a chosen instant for an acceptance session or the browser tests).
builder.Services.AddSingleton(Logis.Application.Commun.HorlogeDecalee.Depuis(builder.Configuration[Logis.Application.Commun.HorlogeDecalee.Reglage], TimeProvider.System));
builder.Services.AddLogisPersistence(optionsBase);
builder.Services.AddSingleton(_ => ReferenceData.Trouver());
builder.Services.AddScoped<TerritoireQueries>();
builder.Services.AddEligibilite(ReferenceData.Trouver());
// Grids are checked at startup: a malformed grid file stops the start with its file and line.
builder.Services.AddSingleton(sp => GrillesCotation.Charger(
    builder.Configuration[GrillesCotation.Section] is { Length: > 0 } dossierGrilles ? dossierGrilles : GrillesCotation.TrouverDossier(),
    Logis.Domain.Territoire.Siren.Create(optionsDemo.Epci), sp.GetRequiredService<TimeProvider>()));
builder.Services.AddScoped<TerritoireSeeder>();
builder.Services.AddScoped<DemandesSeeder>();
builder.Services.AddScoped<DemandesService>();
builder.Services.AddScoped<GuichetsService>();
// Public information (issue 16): reception places, landlords, statistics (aggregate cached per territory, see the service).
builder.Services.AddScoped<Logis.Application.Statistiques.LieuxAccueilService>();
builder.Services.AddScoped<Logis.Application.Statistiques.BailleursTerritoireService>();
builder.Services.AddSingleton<Logis.Application.Statistiques.CacheStatistiquesPubliques>();
builder.Services.AddSingleton<Logis.Application.Cotation.CacheAnalogues>();
builder.Services.AddSingleton<Logis.Application.Espace.CacheAccueils>();
builder.Services.AddScoped<Logis.Application.Statistiques.StatistiquesPubliquesService>();
// The exchanges with the national registration system, as files for the daily transfer (docs/sne.md §2); none when not configured.
if (builder.Configuration["Logis:Sne:Dossier"] is { Length: > 0 } dossierSne)
    builder.Services.AddSingleton<Logis.Application.Sne.ISystemeNational>(sp => new Logis.Application.Sne.SneFichiers(dossierSne, sp.GetRequiredService<TimeProvider>()));
builder.Services.AddScoped<SituationsPrioritairesService>();
// Registration settings (issue 12, point 5): the bound on the deposit date without a reason, the alert notice; a wrong value stops the start.
var reglesEnregistrement = Logis.Domain.Demandes.ReglesEnregistrement.Creer(
    builder.Configuration.GetValue("Logis:Enregistrement:AnterioriteMaxMois", Logis.Domain.Demandes.ReglesEnregistrement.Defaut.AnterioriteMaxMois),
    builder.Configuration.GetValue("Logis:Enregistrement:JoursAlerte", Logis.Domain.Demandes.ReglesEnregistrement.Defaut.JoursAlerte));
if (!reglesEnregistrement.EstReussi) throw new InvalidOperationException($"Logis:Enregistrement : {string.Join(" ; ", reglesEnregistrement.Erreurs)}");
builder.Services.AddSingleton(reglesEnregistrement.Valeur);
builder.Services.AddScoped<EnregistrementService>();
builder.Services.AddScoped<AttestationsService>();
builder.Services.AddScoped<Logis.Application.Attributions.VacancesService>();
builder.Services.AddScoped<Logis.Application.Attributions.FluxService>();
builder.Services.AddScoped<Logis.Application.Attributions.VacancesDemo>();
builder.Services.AddScoped<Logis.Application.Attributions.PreselectionService>();
builder.Services.AddScoped<Logis.Application.Attributions.AppariementService>();
builder.Services.AddScoped<Logis.Application.Attributions.PropositionService>();
builder.Services.AddScoped<Logis.Application.Mixite.MixiteService>();
builder.Services.AddScoped<Logis.Application.Mixite.SuiviMixiteService>();
// The criteria of the résidences à enjeu the occupancy page suggests (docs/occupation.md), set by the EPCI; defaults otherwise.
builder.Services.AddSingleton(builder.Configuration.GetSection("Logis:Mixite:Enjeu").Get<Logis.Domain.Mixite.CriteresEnjeu>() ?? Logis.Domain.Mixite.CriteresEnjeu.Defaut);
builder.Services.AddScoped<Logis.Application.Mixite.OccupationService>();
builder.Services.AddScoped<Logis.Application.Attributions.CaleolService>();
builder.Services.AddScoped<Logis.Application.Attributions.DocumentsCaleol>();
// The default response period of a written offer (R441-10: at least ten days); a wrong value stops the start.
var delaiOffres = Logis.Domain.Attributions.DelaiReponseOffre.Creer(
    builder.Configuration.GetValue("Logis:Offres:DelaiReponseJours", Logis.Domain.Attributions.DelaiReponseOffre.Defaut.DelaiJours));
if (!delaiOffres.EstReussi) throw new InvalidOperationException($"Logis:Offres:DelaiReponseJours : {delaiOffres.Motif}");
builder.Services.AddSingleton(delaiOffres.Valeur);
builder.Services.AddScoped<Logis.Application.Attributions.OffresService>();
// The demo replays its acts on clocks stopped at their instants (the priority situations' instruction, the year of history): the services
// they use are built per act on that clock.
DemandesService DemandesSur(IServiceProvider sp, TimeProvider h) => new(sp.GetRequiredService<LogisDbContext>(), h,
    sp.GetRequiredService<Logis.Persistence.Cotation.ICoteurDemandes>(), sp.GetRequiredService<Logis.Persistence.Pieces.IStockagePieces>(), reglesEnregistrement.Valeur);
Logis.Application.Pieces.PiecesService PiecesSur(IServiceProvider sp, TimeProvider h) => new(sp.GetRequiredService<LogisDbContext>(), DemandesSur(sp, h),
    sp.GetRequiredService<Logis.Domain.Pieces.CataloguePieces>(), sp.GetRequiredService<Logis.Domain.Pieces.ReglesDepot>(),
    sp.GetRequiredService<Logis.Persistence.Pieces.DepotPieces>(), sp.GetRequiredService<Logis.Persistence.Pieces.IStockagePieces>(), h,
    sp.GetRequiredService<ILogger<Logis.Application.Pieces.PiecesService>>(), sp.GetRequiredService<Logis.Application.Pieces.IAntivirus>());
builder.Services.AddScoped(sp => new SituationsPrioritairesDemo(sp.GetRequiredService<LogisDbContext>(), sp.GetRequiredService<Logis.Application.Pieces.PiecesService>(),
    sp.GetRequiredService<SituationsPrioritairesService>(), sp.GetRequiredService<Logis.Domain.Pieces.CataloguePieces>(), sp.GetRequiredService<TimeProvider>(),
    h => (PiecesSur(sp, h), new SituationsPrioritairesService(sp.GetRequiredService<LogisDbContext>(), DemandesSur(sp, h), sp.GetRequiredService<Logis.Domain.Pieces.CataloguePieces>(), h))));
builder.Services.AddScoped(sp => new Logis.Application.Attributions.HistoriqueDemo(sp.GetRequiredService<LogisDbContext>(), sp.GetRequiredService<TimeProvider>(),
    sp.GetRequiredService<Logis.Persistence.Cotation.ICoteurDemandes>(), sp.GetRequiredService<ReferentielEligibilite>(),
    sp.GetRequiredService<Logis.Domain.Attributions.DelaiReponseOffre>(), h => DemandesSur(sp, h), h => PiecesSur(sp, h),
    sp.GetRequiredService<Logis.Domain.Pieces.CataloguePieces>()));
builder.Services.AddScoped<Logis.Application.Journal.JournalService>();
builder.Services.AddScoped<Logis.Application.Doublons.DoublonsService>();
builder.Services.AddPieces(builder.Configuration, ReferenceData.Trouver());
builder.Services.AddSingleton<Logis.Persistence.Cotation.ICoteurDemandes>(sp => sp.GetRequiredService<GrillesCotation>());
builder.Services.AddScoped<CotationDemandeService>();
builder.Services.AddSingleton<RecalculsCotation>();
builder.Services.AddScoped<RecalculerCotations>();
builder.Services.AddHostedService<ServiceRecalculCotation>();
builder.Services.AddRelances(builder.Configuration);
builder.Services.AddSingleton<Logis.Application.Acces.IMotsDePasse, Logis.Application.Acces.MotsDePassePbkdf2>();
builder.Services.AddSingleton<Logis.Application.Acces.IProtectionSecrets, ProtectionSecrets>();
builder.Services.AddScoped<Logis.Application.Acces.ComptesAgents>();
// The one password rule of agents and applicants, with its common and breached passwords (docs/protection-des-donnees.md §2 point 27).
OptionsMotsDePasse.Ajouter(builder.Services, builder.Configuration);
// The sign-in journal: the IP address and the browser of the request (docs/protection-des-donnees.md §2 item 17).
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<Logis.Application.Acces.IOrigineConnexion, Logis.Web.Infrastructure.OrigineConnexionHttp>();
builder.Services.AddScoped<Logis.Application.Acces.JournalConnexions>();
// The applicant space (issue 16, docs/espace-demandeur.md): applicants' accounts, links to demands, their acts.
builder.Services.AddScoped<Logis.Application.Espace.ComptesDemandeurs>();
builder.Services.AddScoped<Logis.Application.Espace.EspaceDemandeurService>();
builder.Services.AddScoped<Logis.Application.Espace.DeclarationsService>();
builder.Services.AddSingleton(builder.Configuration.GetSection(Logis.Web.Features.Espace.OptionsEspace.Section).Get<Logis.Web.Features.Espace.OptionsEspace>()
    ?? new Logis.Web.Features.Espace.OptionsEspace());
builder.Services.AddProblemDetails();
builder.Services.AddCorpsIllisible();
builder.Services.AddLimitesDebit(builder.Configuration);
builder.Services.AddOpenApi();
// Ready at once unless the demo is seeded in the background (PreparationDemo): then the site says where the preparation stands.
var etatPreparation = optionsDemo is { SemerAuDemarrage: true, EnArrierePlan: true } ? EtatPreparation.EnCours(PreparationDemo.Etapes) : new EtatPreparation();
builder.Services.AddSingleton(etatPreparation);
builder.Services.AddHealthChecks().AddCheck<BaseSanteCheck>("base").AddCheck<PreparationSanteCheck>("demonstration");

const string SchemaLogis = "Logis";
var authentification = builder.Services.AddAuthentication(SchemaLogis);
OptionsProConnect.Ajouter(authentification, builder.Configuration);
OptionsFranceConnect.Ajouter(authentification, builder.Configuration, Logis.Web.Features.Espace.EspaceAuth.Schema);
authentification
    .AddPolicyScheme(SchemaLogis, "Agent ou système partenaire", o =>
        o.ForwardDefaultSelector = ctx => ctx.Request.Headers.ContainsKey(CleApiHandler.Entete)
            ? CleApiHandler.Schema : CookieAuthenticationDefaults.AuthenticationScheme)
    .AddCookie(o =>
    {
        // The session ends as soon as the account's security stamp changes (sign-out, lock-out, new password) or it is locked.
        CookieSession(o, CookieAuthenticationDefaults.AuthenticationScheme, "logis.session", null, TimeSpan.FromHours(8), "/connexion", "/deconnexion",
            "/acces-refuse", (services, principal, ct) => services.GetRequiredService<Logis.Application.Acces.ComptesAgents>().SessionValideAsync(principal, ct));
        o.Events.OnRedirectToLogin = ctx => RejeterApi(ctx, StatusCodes.Status401Unauthorized);
        o.Events.OnRedirectToAccessDenied = ctx => RejeterApi(ctx, StatusCodes.Status403Forbidden);
    })
    .AddScheme<AuthenticationSchemeOptions, CleApiHandler>(CleApiHandler.Schema, null)
    // The applicant space has its own cookie, sent under /espace only, and its own accounts: an agent's session never opens it, nor the reverse.
    .AddCookie(Logis.Web.Features.Espace.EspaceAuth.Schema, o =>
        CookieSession(o, Logis.Web.Features.Espace.EspaceAuth.Schema, "logis.espace", "/espace", TimeSpan.FromHours(1), "/espace/connexion",
            "/espace/deconnexion", "/espace/connexion",
            (services, principal, ct) => services.GetRequiredService<Logis.Application.Espace.ComptesDemandeurs>().SessionValideAsync(principal, ct)));
builder.Services.AddAuthorization(o =>
{
    o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    o.AddPolicy(Logis.Web.Features.Espace.EspaceAuth.Politique, p => p.AddAuthenticationSchemes(Logis.Web.Features.Espace.EspaceAuth.Schema)
        .RequireAuthenticatedUser().RequireClaim(Logis.Application.Espace.SessionDemandeur.ClaimDemandeur));
});
builder.Services.AddRazorPages(o =>
{
    o.RootDirectory = "/Features";
    // A method a page does not handle: 405, not the page rendered without its handler.
    o.Conventions.ConfigureFilter(new MethodesPages());
});
builder.Services.AddAntiforgery(o =>
{
    o.Cookie.Name = "logis.af";
    // Secure over HTTPS, including behind a declared TLS proxy (the default policy would never mark it).
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
});
// Keys that protect session and antiforgery cookies survive restarts (section « Logis:Cles:Dossier »).
builder.Services.AddDataProtection().SetApplicationName("Logis")
    .PersistKeysToFileSystem(Directory.CreateDirectory(Path.Combine(OptionsBase.Racine(), builder.Configuration["Logis:Cles:Dossier"] ?? Path.Combine("var", "cles"))));

var app = builder.Build();
app.Services.GetRequiredService<GrillesCotation>();

await using (var scope = app.Services.CreateAsyncScope())
    await LogisDatabase.PreparerAsync(scope.ServiceProvider.GetRequiredService<LogisDbContext>(), appliquerMigrations: false);
// The demo territory: seeded before the site listens, or in the background while the site shows where it stands (the default).
if (optionsDemo.SemerAuDemarrage)
{
    if (optionsDemo.EnArrierePlan) PreparationDemo.LancerEnArrierePlan(app, optionsDemo, etatPreparation);
    else
    {
        await PreparationDemo.ExecuterAsync(app.Services, optionsDemo, etatPreparation, app.Logger, default);
        etatPreparation.Terminer();
    }
}

// First: behind a known TLS proxy, the client's address and scheme (rate limits, Secure cookies).
OptionsMandataires.UseMandataires(app, app.Configuration);
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler();
    app.UseHsts();
}
app.UseStatusCodePages();
app.UseEnTetesSecurite();
// Plain static files from wwwroot, served before authentication (public stylesheet).
app.UseStaticFiles();
app.UsePreparationDemo();
app.UseRouting();
app.UseCorpsIllisible();
app.UseEcrituresPerdues();
app.UseLimitesDebit();
app.UseAuthentication();
app.UseMemeOrigine();
app.UseAuthorization();

app.MapOpenApi().AllowAnonymous();
app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = SanteReponse.EcrireAsync }).AllowAnonymous();
var api = app.MapGroup("/api/v1").WithTags("Logis");
api.MapTerritoireApi();
api.MapEligibiliteApi();
api.MapCotationApi();
api.MapDemandesApi();
Logis.Web.Features.Journal.JournalEndpoints.MapJournalApi(api);
Logis.Web.Features.Doublons.DoublonsEndpoints.MapDoublonsApi(api);
api.MapRelancesApi();
api.MapPiecesApi();
api.MapSituationsPrioritairesApi();
Logis.Web.Features.Vacances.VacancesEndpoints.MapVacancesApi(api);
Logis.Web.Features.Caleol.CaleolEndpoints.MapCaleolApi(api);
Logis.Web.Features.Vacances.OffresEndpoints.MapOffresApi(api);
Logis.Web.Features.Public.PublicEndpoints.MapPublicApi(api);
Logis.Web.Features.Mixite.MixiteEndpoints.MapMixiteApi(api);
app.MapRazorPages();

app.Run();

// The two session cookies (agents, applicants) are made alike: HttpOnly, SameSite=Strict, Secure over HTTPS, sliding, and checked
// at every request against the account (its security stamp changes at sign-out, lock-out and password change).
static void CookieSession(CookieAuthenticationOptions o, string schema, string nom, string? chemin, TimeSpan duree, string connexion,
    string deconnexion, string refus, Func<IServiceProvider, System.Security.Claims.ClaimsPrincipal, CancellationToken, Task<bool>> sessionValide)
{
    o.LoginPath = connexion;
    o.LogoutPath = deconnexion;
    o.AccessDeniedPath = refus;
    o.Cookie.Name = nom;
    o.Cookie.Path = chemin;
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Strict;
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    o.ExpireTimeSpan = duree;
    o.SlidingExpiration = true;
    o.Events.OnValidatePrincipal = async ctx =>
    {
        if (ctx.Principal is null || !await sessionValide(ctx.HttpContext.RequestServices, ctx.Principal, ctx.HttpContext.RequestAborted))
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(schema);
        }
    };
}

static Task RejeterApi(RedirectContext<CookieAuthenticationOptions> ctx, int statut)
{
    if (ctx.Request.Path.StartsWithSegments("/api"))
    {
        ctx.Response.StatusCode = statut;
        return Results.Problem(statusCode: statut,
            title: statut == 401 ? "Authentification requise" : "Accès refusé",
            detail: statut == 401 ? "Présentez une clé d'API (en-tête X-Api-Key) ou connectez-vous." : "Votre organisation n'a pas accès à cette ressource.")
            .ExecuteAsync(ctx.HttpContext);
    }
    ctx.Response.Redirect(ctx.RedirectUri);
    return Task.CompletedTask;
}

public partial class Program;
