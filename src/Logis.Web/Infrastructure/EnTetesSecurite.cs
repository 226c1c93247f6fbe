namespace Logis.Web.Infrastructure;

/// <summary>
/// Security headers on every response (docs/protection-des-donnees.md §2 item 29): a CSP without inline scripts,
/// no framing, no MIME sniffing, no referrer; pages with personal data are never cached.
/// </summary>
public static class EnTetesSecurite
{
    public const string Csp = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; " +
                              "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'; object-src 'none'";

    public static IApplicationBuilder UseEnTetesSecurite(this IApplicationBuilder app) => app.Use(async (ctx, next) =>
    {
        ctx.Response.OnStarting(() =>
        {
            var h = ctx.Response.Headers;
            h.ContentSecurityPolicy = Csp;
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Referrer-Policy"] = "no-referrer";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            if (ctx.User.Identity?.IsAuthenticated == true || ctx.Request.Path.StartsWithSegments("/api"))
            {
                h.CacheControl = "no-store";
            }
            return Task.CompletedTask;
        });
        await next();
    });
}
