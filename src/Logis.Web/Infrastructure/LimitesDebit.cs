using System.Globalization;
using System.Threading.RateLimiting;
using Logis.Persistence.Acces;

namespace Logis.Web.Infrastructure;

/// <summary>One limit: so many requests per window of so many seconds (fixed window, no queue).</summary>
public sealed class Limite
{
    public int Permis { get; set; }
    public int FenetreSecondes { get; set; }

    internal FixedWindowRateLimiterOptions Options() => new()
    {
        PermitLimit = Permis, Window = TimeSpan.FromSeconds(FenetreSecondes), QueueLimit = 0, AutoReplenishment = true,
    };
}

/// <summary>
/// The rate limits (section « Logis:Limites », README « Sécurité ») : every request per client address, sign-in attempts per
/// address and per identifier, API calls per key. Beyond a limit the answer is 429 with <c>Retry-After</c>.
/// </summary>
public sealed class OptionsLimites
{
    public const string Section = "Logis:Limites";

    /// <summary>False only for a measurement on loopback (the load bench): no limit at all.</summary>
    public bool Actif { get; set; } = true;

    /// <summary>Every request (pages, API, files) from one client address.</summary>
    public Limite ParIp { get; set; } = new() { Permis = 600, FenetreSecondes = 60 };

    /// <summary>Sign-in attempts (POST /connexion) from one client address.</summary>
    public Limite ConnexionParIp { get; set; } = new() { Permis = 20, FenetreSecondes = 60 };

    /// <summary>Sign-in attempts for one identifier, known or not (the lock-out only counts known accounts).</summary>
    public Limite ConnexionParIdentifiant { get; set; } = new() { Permis = 10, FenetreSecondes = 900 };

    /// <summary>Attempts to link a demand in the applicant space (number + access code) by one account.</summary>
    public Limite LiaisonParCompte { get; set; } = new() { Permis = 5, FenetreSecondes = 900 };

    /// <summary>Attempts to link a demand in the applicant space from one client address, whatever the account.</summary>
    public Limite LiaisonParIp { get; set; } = new() { Permis = 20, FenetreSecondes = 900 };

    /// <summary>API calls carrying one key (<c>X-Api-Key</c>), valid or not.</summary>
    public Limite ParCleApi { get; set; } = new() { Permis = 600, FenetreSecondes = 60 };

    public void Valider()
    {
        foreach (var (nom, l) in new[] { ("ParIp", ParIp), ("ConnexionParIp", ConnexionParIp), ("ConnexionParIdentifiant", ConnexionParIdentifiant), ("ParCleApi", ParCleApi),
            ("LiaisonParCompte", LiaisonParCompte), ("LiaisonParIp", LiaisonParIp) })
            if (l.Permis < 1 || l.FenetreSecondes < 1)
                throw new InvalidOperationException($"Réglage « {Section}:{nom} » : Permis et FenetreSecondes doivent valoir au moins 1.");
    }
}

/// <summary>Sign-in attempts per identifier (the form is read by the page, so this limit is taken there, not in the middleware).</summary>
public sealed class LimiteurIdentifiants(OptionsLimites options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiteur = PartitionedRateLimiter.Create<string, string>(id =>
        options.Actif ? RateLimitPartition.GetFixedWindowLimiter(id, _ => options.ConnexionParIdentifiant.Options()) : RateLimitPartition.GetNoLimiter(id));

    /// <summary>Null when the attempt may go on, otherwise the seconds to wait.</summary>
    public int? Attente(string identifiant)
    {
        using var bail = _limiteur.AttemptAcquire(identifiant.Trim().ToLowerInvariant());
        return bail.IsAcquired ? null : LimitesDebit.Secondes(bail);
    }

    public void Dispose() => _limiteur.Dispose();
}

/// <summary>
/// Attempts to link a demand in the applicant space (docs/espace-demandeur.md §2), per account and per client address: a wrong code
/// cannot be tried over and over. Taken by the page, which knows the account.
/// </summary>
public sealed class LimiteurLiaisons(OptionsLimites options) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiteur = PartitionedRateLimiter.Create<string, string>(cle =>
        !options.Actif ? RateLimitPartition.GetNoLimiter(cle)
        : RateLimitPartition.GetFixedWindowLimiter(cle, _ => (cle.StartsWith("compte:", StringComparison.Ordinal) ? options.LiaisonParCompte : options.LiaisonParIp).Options()));

    /// <summary>Null when the attempt may go on, otherwise the seconds to wait.</summary>
    public int? Attente(Guid compte, string adresse)
    {
        using var parCompte = _limiteur.AttemptAcquire("compte:" + compte.ToString("N"));
        if (!parCompte.IsAcquired) return LimitesDebit.Secondes(parCompte);
        using var parIp = _limiteur.AttemptAcquire("ip:" + adresse);
        return parIp.IsAcquired ? null : LimitesDebit.Secondes(parIp);
    }

    public void Dispose() => _limiteur.Dispose();
}

public static class LimitesDebit
{
    public static IServiceCollection AddLimitesDebit(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(OptionsLimites.Section).Get<OptionsLimites>() ?? new OptionsLimites();
        options.Valider();
        services.AddSingleton(options);
        services.AddSingleton<LimiteurIdentifiants>();
        services.AddSingleton<LimiteurLiaisons>();
        services.AddRateLimiter(r =>
        {
            r.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(ctx => Fenetre("ip:" + Adresse(ctx), options.ParIp)),
                PartitionedRateLimiter.Create<HttpContext, string>(ctx => EstConnexion(ctx)
                    ? Fenetre("connexion:" + Adresse(ctx), options.ConnexionParIp) : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(ctx => ctx.Request.Headers.TryGetValue(CleApiHandler.Entete, out var cle)
                    ? Fenetre("cle:" + (cle.ToString() is { Length: <= 200 } c ? Secrets.EmpreinteCleApi(c) : "trop-longue"), options.ParCleApi) : RateLimitPartition.GetNoLimiter("")));
            r.OnRejected = (contexte, ct) => RefuserAsync(contexte.HttpContext, Secondes(contexte.Lease), ct);
        });
        return services;
    }

    /// <summary>Placed after routing and before authentication: a refused request costs no database read and no password check.</summary>
    public static IApplicationBuilder UseLimitesDebit(this IApplicationBuilder app)
    {
        var options = app.ApplicationServices.GetRequiredService<OptionsLimites>();
        return options.Actif ? app.UseRateLimiter() : app;
    }

    internal static int Secondes(RateLimitLease bail) =>
        bail.TryGetMetadata(MetadataName.RetryAfter, out var attente) ? Math.Max(1, (int)Math.Ceiling(attente.TotalSeconds)) : 60;

    /// <summary>429 with Retry-After: ProblemDetails in French for the API, a plain French page for people.</summary>
    public static async ValueTask RefuserAsync(HttpContext ctx, int secondes, CancellationToken ct)
    {
        ctx.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        ctx.Response.Headers.RetryAfter = secondes.ToString(CultureInfo.InvariantCulture);
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            await Problemes.TropDeRequetes(secondes).ExecuteAsync(ctx);
            return;
        }
        await Problemes.EcrirePageAsync(ctx, "Trop de requêtes", Problemes.MessageTropDeRequetes(secondes), ct);
    }

    private static RateLimitPartition<string> Fenetre(string cle, Limite limite) =>
        RateLimitPartition.GetFixedWindowLimiter(cle, _ => limite.Options());

    private static string Adresse(HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString() ?? "inconnue";

    /// <summary>A sign-in attempt: agents' (/connexion), applicants' (/espace/connexion) and applicants' sign-up (/espace/creer-compte).</summary>
    private static bool EstConnexion(HttpContext ctx) =>
        HttpMethods.IsPost(ctx.Request.Method) && (ctx.Request.Path.Equals("/connexion", StringComparison.OrdinalIgnoreCase)
            || ctx.Request.Path.Equals("/espace/connexion", StringComparison.OrdinalIgnoreCase)
            || ctx.Request.Path.Equals("/espace/creer-compte", StringComparison.OrdinalIgnoreCase));
}
