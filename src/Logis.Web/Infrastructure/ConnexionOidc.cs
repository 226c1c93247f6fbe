using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Logis.Web.Infrastructure;

/// <summary>What the State's two identity federations (ProConnect for agents, FranceConnect for applicants) share in their settings.</summary>
public abstract class OptionsOidc
{
    /// <summary>The issuer (its discovery document is read from <c>/.well-known/openid-configuration</c>).</summary>
    public string? Autorite { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>HTTPS required for the discovery document and keys (always in production; a local test provider may be plain HTTP).</summary>
    public bool ExigerHttps { get; set; } = true;

    public bool Actif => !string.IsNullOrWhiteSpace(Autorite);

    /// <summary>Address and client: thrown at start-up, with the section named, when the provider is set but incomplete.</summary>
    protected void ValiderClient(string section)
    {
        if (!Uri.TryCreate(Autorite, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && (ExigerHttps || uri.Scheme != Uri.UriSchemeHttp)))
            throw new InvalidOperationException($"{section}:Autorite doit être une adresse absolue en https (reçu « {Autorite} »).");
        if (string.IsNullOrWhiteSpace(ClientId) || string.IsNullOrWhiteSpace(ClientSecret))
            throw new InvalidOperationException($"{section}:ClientId et {section}:ClientSecret sont requis quand {section}:Autorite est renseigné.");
    }
}

/// <summary>One sign-in route through an identity federation: its schemes, cookie, paths and what a refusal shows.</summary>
/// <param name="Schema">The OpenID Connect scheme.</param>
/// <param name="Nom">The provider's name, in logs.</param>
/// <param name="SchemaExterne">Short-lived cookie holding the identity the provider returned, until Logis finds the account.</param>
/// <param name="CookieExterne">That cookie's name.</param>
/// <param name="CheminCookie">That cookie's path (null: the whole site).</param>
/// <param name="SchemaSession">The session cookie scheme the sign-out closes.</param>
/// <param name="CheminRetour">The callback (redirect_uri).</param>
/// <param name="CheminRetourDeconnexion">The signed-out callback (post_logout_redirect_uri).</param>
/// <param name="ApresDeconnexion">Where the browser lands after the provider's sign-out.</param>
/// <param name="AdresseEchec">Where a refused return lands (the failure is logged).</param>
/// <param name="ClaimsUserinfo">Claims read from the signed userinfo JWT and added to the identity.</param>
public sealed record ParcoursOidc(string Schema, string Nom, string SchemaExterne, string CookieExterne, string? CheminCookie,
    string SchemaSession, string CheminRetour, string CheminRetourDeconnexion, string ApresDeconnexion, string AdresseEchec,
    IReadOnlyList<string> ClaimsUserinfo);

/// <summary>
/// The OpenID Connect plumbing shared by ProConnect and FranceConnect (ADR 0013, ADR 0014): authorisation code with PKCE, state and
/// nonce checked by the handler, no parameter beyond the standard ones and those the caller adds, token lifetimes checked at Logis's
/// clock, the userinfo answer read as a JWT whose signature, issuer, audience and subject Logis checks itself, the sign-out carried
/// to the provider with the identity token (<c>id_token_hint</c>), and a refused return logged then sent to a page that says so.
/// </summary>
public static class ConnexionOidc
{
    /// <param name="demande">Parameters the provider needs on the authorisation request (ProConnect's <c>claims</c>, FranceConnect's <c>acr_values</c>).</param>
    /// <param name="refus">A check of the validated identity token before userinfo is read: the reason to refuse it, or null.</param>
    public static void Ajouter(AuthenticationBuilder builder, OptionsOidc options, IEnumerable<string> portees, ParcoursOidc parcours,
        Action<OpenIdConnectMessage> demande, Func<System.Security.Claims.ClaimsPrincipal, string?>? refus = null)
    {
        builder.AddCookie(parcours.SchemaExterne, o =>
        {
            o.Cookie.Name = parcours.CookieExterne;
            if (parcours.CheminCookie is not null) o.Cookie.Path = parcours.CheminCookie;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(10);
        });
        builder.AddOpenIdConnect(parcours.Schema, parcours.Nom, o =>
        {
            o.Authority = options.Autorite;
            o.ClientId = options.ClientId;
            o.ClientSecret = options.ClientSecret;
            o.ResponseType = OpenIdConnectResponseType.Code;
            // No response_mode (the default of the code flow is the query) nor library telemetry: no parameter beyond the standard ones.
            o.ResponseMode = null!;
            o.DisableTelemetry = true;
            o.UsePkce = true;
            o.Scope.Clear();
            foreach (var portee in portees) o.Scope.Add(portee);
            o.SignInScheme = parcours.SchemaExterne;
            o.SignOutScheme = parcours.SchemaSession;
            o.SaveTokens = true;
            // Read by OnTokenValidated below, which checks the signature of the userinfo JWT (the handler would only decode it).
            o.GetClaimsFromUserInfoEndpoint = false;
            o.MapInboundClaims = false;
            o.Events.OnTokenValidated = async ctx =>
            {
                if (ctx.Principal is { } p && refus?.Invoke(p) is { } raison)
                {
                    ctx.Fail(raison);
                    return;
                }
                await LireUserinfoSigneAsync(ctx, parcours.ClaimsUserinfo);
            };
            o.RequireHttpsMetadata = options.ExigerHttps;
            o.CallbackPath = parcours.CheminRetour;
            o.SignedOutCallbackPath = parcours.CheminRetourDeconnexion;
            o.SignedOutRedirectUri = parcours.ApresDeconnexion;
            // The browser comes back from the provider by a top-level GET: Lax cookies travel, Strict ones would not.
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Events.OnRedirectToIdentityProvider = ctx =>
            {
                demande(ctx.ProtocolMessage);
                return Task.CompletedTask;
            };
            o.Events.OnRedirectToIdentityProviderForSignOut = ctx =>
            {
                // The session cookie is already gone: the identity token travels in the sign-out properties.
                if (ctx.Properties.GetTokenValue(OpenIdConnectParameterNames.IdToken) is { } jeton) ctx.ProtocolMessage.IdTokenHint = jeton;
                return Task.CompletedTask;
            };
            o.Events.OnRemoteFailure = ctx =>
            {
                ctx.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConnexionOidc).FullName!)
                    .LogWarning("Connexion {Fournisseur} refusée : {Raison}", parcours.Nom, ctx.Failure?.Message);
                ctx.Response.Redirect(parcours.AdresseEchec);
                ctx.HandleResponse();
                return Task.CompletedTask;
            };
        });
        // Token lifetimes are checked against Logis's clock (never the machine's: tests fix the instant).
        builder.Services.AddOptions<OpenIdConnectOptions>(parcours.Schema).Configure<TimeProvider>((o, horloge) =>
        {
            o.TokenValidationParameters.LifetimeValidator = (avant, expiration, _, parametres) =>
            {
                var maintenant = horloge.GetUtcNow().UtcDateTime;
                var marge = parametres.ClockSkew;
                return expiration is { } fin && maintenant <= fin.ToUniversalTime() + marge
                    && (avant is not { } debut || maintenant >= debut.ToUniversalTime() - marge);
            };
        });
    }

    /// <summary>
    /// The userinfo answer is a JWT signed by the provider: its signature, issuer and audience are checked against the discovery
    /// document and its subject must be the identity token's, before its claims join the identity.
    /// </summary>
    private static async Task LireUserinfoSigneAsync(TokenValidatedContext ctx, IReadOnlyList<string> claimsUserinfo)
    {
        var ct = ctx.HttpContext.RequestAborted;
        var configuration = await ctx.Options.ConfigurationManager!.GetConfigurationAsync(ct);
        using var requete = new HttpRequestMessage(HttpMethod.Get, configuration.UserInfoEndpoint);
        requete.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ctx.TokenEndpointResponse?.AccessToken);
        using var reponse = await ctx.Options.Backchannel.SendAsync(requete, ct);
        if (!reponse.IsSuccessStatusCode || reponse.Content.Headers.ContentType?.MediaType != "application/jwt")
        {
            ctx.Fail($"réponse userinfo refusée ({(int)reponse.StatusCode}, {reponse.Content.Headers.ContentType?.MediaType})");
            return;
        }
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(await reponse.Content.ReadAsStringAsync(ct), new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = ctx.Options.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            // A userinfo answer is read at once; its lifetime, if any, is the identity token's business.
            ValidateLifetime = false,
        });
        var identite = ctx.Principal?.Identity as System.Security.Claims.ClaimsIdentity;
        if (!validation.IsValid || identite is null
            || validation.ClaimsIdentity.FindFirst("sub")?.Value is not { } sujet || sujet != identite.FindFirst("sub")?.Value)
        {
            ctx.Fail($"userinfo invalide : {validation.Exception?.Message ?? "sujet différent de celui du jeton d'identité"}");
            return;
        }
        foreach (var nom in claimsUserinfo)
            if (validation.ClaimsIdentity.FindFirst(nom) is { } claim && identite.FindFirst(nom) is null)
                identite.AddClaim(new System.Security.Claims.Claim(nom, claim.Value));
    }
}
