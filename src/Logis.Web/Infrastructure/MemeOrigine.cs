using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;

namespace Logis.Web.Infrastructure;

/// <summary>
/// API writes carried by the browser's session cookie come from Logis's own pages only. A browser sends <c>Sec-Fetch-Site</c>
/// and <c>Origin</c> with every cross-origin POST, PUT, PATCH or DELETE: when either names another site, the request is refused
/// (403 ProblemDetails) before the endpoint runs. A call with an API key carries no ambient credential and is not concerned;
/// the pages' forms have their antiforgery token.
/// </summary>
public static class MemeOrigine
{
    public const string Motif = "Requête refusée : une écriture par l'API avec la session du navigateur doit venir des pages de Logis (même origine).";

    public static IApplicationBuilder UseMemeOrigine(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        if (ctx.Request.Path.StartsWithSegments("/api") && !EstSure(ctx.Request.Method)
            && ctx.User.Identity?.AuthenticationType == CookieAuthenticationDefaults.AuthenticationScheme && !MemeSite(ctx.Request))
        {
            await Problemes.Interdit(Motif).ExecuteAsync(ctx);
            return;
        }
        await next();
    });

    private static bool EstSure(string methode) => HttpMethods.IsGet(methode) || HttpMethods.IsHead(methode) || HttpMethods.IsOptions(methode);

    /// <summary>No browser header says otherwise: same-origin (or not a browser, which carries no foreign page's cookie).</summary>
    internal static bool MemeSite(HttpRequest requete)
    {
        var site = requete.Headers["Sec-Fetch-Site"].ToString();
        if (site.Length > 0 && site is not ("same-origin" or "none")) return false;
        var origine = requete.Headers.Origin.ToString();
        if (origine.Length == 0) return true;
        return Uri.TryCreate(origine, UriKind.Absolute, out var uri)
            && string.Equals(uri.Scheme, requete.Scheme, StringComparison.OrdinalIgnoreCase)
            && string.Equals(uri.Authority, requete.Host.Value, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>
/// The reverse proxies Logis trusts (section « Logis:Mandataires », README « Sécurité »): from them only, <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c> give the client's address (rate limits, logs) and the scheme — behind a TLS proxy the request is
/// HTTPS and the session and antiforgery cookies are marked <c>Secure</c>. None configured: the headers are ignored.
/// </summary>
public sealed class OptionsMandataires
{
    public const string Section = "Logis:Mandataires";

    /// <summary>Addresses of the proxies (« 10.0.0.5 », « ::1 »).</summary>
    public string[] Adresses { get; set; } = [];

    /// <summary>Networks of the proxies, CIDR (« 10.0.0.0/24 »).</summary>
    public string[] Reseaux { get; set; } = [];

    public bool Configure => Adresses.Length > 0 || Reseaux.Length > 0;

    public ForwardedHeadersOptions Options()
    {
        var o = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        // Only the configured proxies: the loopback defaults are dropped.
        o.KnownProxies.Clear();
        o.KnownIPNetworks.Clear();
        foreach (var a in Adresses)
            o.KnownProxies.Add(IPAddress.TryParse(a, out var ip) ? ip
                : throw new InvalidOperationException($"Réglage « {Section}:Adresses » : « {a} » n'est pas une adresse IP."));
        foreach (var r in Reseaux)
            o.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(r, out var reseau) ? reseau
                : throw new InvalidOperationException($"Réglage « {Section}:Reseaux » : « {r} » n'est pas un réseau (forme 10.0.0.0/24)."));
        return o;
    }

    public static IApplicationBuilder UseMandataires(IApplicationBuilder app, IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<OptionsMandataires>() ?? new OptionsMandataires();
        return options.Configure ? app.UseForwardedHeaders(options.Options()) : app;
    }
}
