using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Logis.Web.Infrastructure;

/// <summary>
/// Section « Logis:ProConnect »: sign-in of agents through ProConnect, the State's identity federation for public agents
/// (OpenID Connect, authorisation code with PKCE). Off unless <see cref="Autorite"/> is set. ProConnect authenticates; the account
/// and its role stay Logis's (declared by the intercommunality): see <c>ComptesAgents.ConnecterParProConnectAsync</c>.
/// </summary>
public sealed class OptionsProConnect
{
    public const string Section = "Logis:ProConnect";
    public const string Schema = "ProConnect";

    /// <summary>Short-lived cookie holding the identity ProConnect returned, until the account is found and the second factor given.</summary>
    public const string SchemaExterne = "ProConnect.Externe";

    /// <summary>Claim of the session cookie telling it was opened through ProConnect (sign-out then goes through ProConnect too).</summary>
    public const string ClaimFournisseur = "logis:fournisseur";

    public const string CheminRetour = "/connexion/proconnect/retour";
    public const string CheminRetourDeconnexion = "/deconnexion/proconnect/retour";

    /// <summary>The issuer: <c>https://PROCONNECT_DOMAIN/api/v2</c> (its discovery document is read from <c>/.well-known/openid-configuration</c>).</summary>
    public string? Autorite { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>Scopes asked (ProConnect's names); the address (<c>email</c>) is the one Logis needs to find the account.</summary>
    public string[] Portees { get; set; } = ["openid", "email", "given_name", "usual_name", "uid", "siret"];

    /// <summary>
    /// Values of the <c>amr</c> claim that count as a second factor already given at ProConnect (docs/protection-des-donnees.md §2
    /// point 26: « mfa », « totp », « pop »).
    /// </summary>
    public string[] AmrSecondFacteur { get; set; } = ["mfa", "totp", "pop"];

    /// <summary>
    /// SIREN of the organisations whose agents may come through ProConnect besides the intercommunality and the landlords of the file
    /// (communes, préfecture, Action Logement…): Logis does not hold their SIREN.
    /// </summary>
    public string[] SirenOrganismes { get; set; } = [];

    public IReadOnlySet<string> OrganismesDeclares => SirenOrganismes.ToHashSet(StringComparer.Ordinal);

    /// <summary>Claims read from the signed userinfo JWT and added to the identity.</summary>
    private static readonly string[] ClaimsUserinfo = ["email", "given_name", "usual_name", "uid", "siret"];

    /// <summary>HTTPS required for the discovery document and keys (always in production; a local test provider may be plain HTTP).</summary>
    public bool ExigerHttps { get; set; } = true;

    public bool Actif => !string.IsNullOrWhiteSpace(Autorite);

    public void Valider()
    {
        if (!Actif) return;
        if (!Uri.TryCreate(Autorite, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && (ExigerHttps || uri.Scheme != Uri.UriSchemeHttp)))
            throw new InvalidOperationException($"{Section}:Autorite doit être une adresse absolue en https (reçu « {Autorite} »).");
        if (string.IsNullOrWhiteSpace(ClientId) || string.IsNullOrWhiteSpace(ClientSecret))
            throw new InvalidOperationException($"{Section}:ClientId et {Section}:ClientSecret sont requis quand {Section}:Autorite est renseigné.");
        if (!Portees.Contains("openid") || !Portees.Contains("email") || !Portees.Contains("siret"))
            throw new InvalidOperationException($"{Section}:Portees doit comprendre « openid », « email » et « siret ».");
        if (SirenOrganismes.Any(x => x.Length != 9 || !x.All(char.IsAsciiDigit)))
            throw new InvalidOperationException($"{Section}:SirenOrganismes ne contient que des SIREN de 9 chiffres.");
    }

    /// <summary>Registers the two schemes when ProConnect is configured; the options are available in every case.</summary>
    public static AuthenticationBuilder Ajouter(AuthenticationBuilder builder, IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<OptionsProConnect>() ?? new OptionsProConnect();
        options.Valider();
        builder.Services.AddSingleton(options);
        if (!options.Actif) return builder;
        builder.AddCookie(SchemaExterne, o =>
        {
            o.Cookie.Name = "logis.proconnect";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(10);
        });
        builder.AddOpenIdConnect(Schema, "ProConnect", o =>
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
            foreach (var portee in options.Portees) o.Scope.Add(portee);
            o.SignInScheme = SchemaExterne;
            o.SignOutScheme = CookieAuthenticationDefaults.AuthenticationScheme;
            o.SaveTokens = true;
            // Read by OnTokenValidated below, which checks the signature of the userinfo JWT (the handler would only decode it).
            o.GetClaimsFromUserInfoEndpoint = false;
            o.MapInboundClaims = false;
            o.Events.OnTokenValidated = LireUserinfoSigneAsync;
            o.RequireHttpsMetadata = options.ExigerHttps;
            o.CallbackPath = CheminRetour;
            o.SignedOutCallbackPath = CheminRetourDeconnexion;
            o.SignedOutRedirectUri = "/";
            // The browser comes back from ProConnect by a top-level GET: Lax cookies travel, Strict ones would not.
            o.CorrelationCookie.SameSite = SameSiteMode.Lax;
            o.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.NonceCookie.SameSite = SameSiteMode.Lax;
            o.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Events.OnRedirectToIdentityProvider = ctx =>
            {
                // ProConnect returns the authentication methods (amr) only when asked.
                ctx.ProtocolMessage.SetParameter("claims", """{"id_token":{"amr":{"essential":true}}}""");
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
                ctx.HttpContext.RequestServices.GetRequiredService<ILogger<OptionsProConnect>>()
                    .LogWarning("Connexion ProConnect refusée : {Raison}", ctx.Failure?.Message);
                ctx.Response.Redirect("/connexion?proconnect=echec");
                ctx.HandleResponse();
                return Task.CompletedTask;
            };
        });
        // Token lifetimes are checked against Logis's clock (never the machine's: tests fix the instant).
        builder.Services.AddOptions<OpenIdConnectOptions>(Schema).Configure<TimeProvider>((o, horloge) =>
        {
            o.TokenValidationParameters.LifetimeValidator = (avant, expiration, _, parametres) =>
            {
                var maintenant = horloge.GetUtcNow().UtcDateTime;
                var marge = parametres.ClockSkew;
                return expiration is { } fin && maintenant <= fin.ToUniversalTime() + marge
                    && (avant is not { } debut || maintenant >= debut.ToUniversalTime() - marge);
            };
        });
        return builder;
    }

    /// <summary>
    /// ProConnect's userinfo answer is a JWT signed by the provider: its signature, issuer and audience are checked against the
    /// discovery document and its subject must be the identity token's, before its claims join the identity.
    /// </summary>
    private static async Task LireUserinfoSigneAsync(TokenValidatedContext ctx)
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
        foreach (var nom in ClaimsUserinfo)
            if (validation.ClaimsIdentity.FindFirst(nom) is { } claim && identite.FindFirst(nom) is null)
                identite.AddClaim(new System.Security.Claims.Claim(nom, claim.Value));
    }

    /// <summary>Whether the identity ProConnect returned attests a multi-factor authentication.</summary>
    public bool SecondFacteurAtteste(System.Security.Claims.ClaimsPrincipal identite) =>
        identite.FindAll("amr").Any(c => AmrSecondFacteur.Contains(c.Value, StringComparer.Ordinal));
}
