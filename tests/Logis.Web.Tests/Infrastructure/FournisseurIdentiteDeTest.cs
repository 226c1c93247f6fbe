using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Logis.Web.Tests.Infrastructure;

/// <summary>How the test provider misbehaves, to prove Logis refuses it.</summary>
public enum AlterationJeton
{
    Aucune,
    AutreNonce,
    AutreCle,
    AutreEmetteur,
    AutreAudience,
    Expire,
    UserinfoAutreCle,
    UserinfoAutreSujet,
}

/// <summary>The person the provider authenticates at its next authorisation request.</summary>
public sealed record PersonneProConnect(string Sujet, string Courriel, params string[] Amr)
{
    /// <summary>The organisation chosen at ProConnect; by default the demo intercommunality (TPM).</summary>
    public string? Siret { get; init; } = "24830054300011";
}

/// <summary>
/// A local OpenID Connect provider shaped like ProConnect and FranceConnect v2 (discovery, authorisation code with PKCE, token, userinfo as a signed JWT,
/// end of session), served by Kestrel on the loopback: no external call. Written for the tests, it checks what a real provider
/// checks (client, redirect address, code once, PKCE verifier) and can sign wrongly on purpose (<see cref="Alteration"/>).
/// </summary>
public sealed class FournisseurIdentiteDeTest : IAsyncDisposable
{
    public const string ClientId = "logis-test";
    public const string ClientSecret = "secret-du-fournisseur-de-test";

    private readonly WebApplication _app;
    private readonly RsaSecurityKey _cle = new(RSA.Create(2048)) { KeyId = "cle-test-1" };
    // Same key id, another key: a token signed with it must be refused.
    private readonly RsaSecurityKey _fausseCle = new(RSA.Create(2048)) { KeyId = "cle-test-1" };
    private readonly ConcurrentDictionary<string, Autorisation> _codes = new();
    private readonly ConcurrentDictionary<string, PersonneProConnect> _jetonsAcces = new();
    private readonly Func<DateTimeOffset> _maintenant;

    private sealed record Autorisation(string RedirectUri, string? Nonce, string Defi, PersonneProConnect Personne);

    private FournisseurIdentiteDeTest(WebApplication app, Func<DateTimeOffset> maintenant)
    {
        _app = app;
        _maintenant = maintenant;
    }

    public string Adresse { get; private set; } = "";

    public PersonneProConnect Personne { get; set; } = new("sujet-0", "personne@exemple.gouv.fr");

    public AlterationJeton Alteration { get; set; }

    /// <summary>The eIDAS level written in the identity token's <c>acr</c> (FranceConnect's; null: none).</summary>
    public string? Acr { get; set; } = "eidas1";

    /// <summary>Warnings of the Logis app under test (give it to its logging).</summary>
    public JournalMemoire Journal { get; } = new();

    /// <summary>The authorisation requests received (query strings), to check what Logis asked.</summary>
    public ConcurrentQueue<IQueryCollection> Autorisations { get; } = new();

    /// <summary>The end-of-session requests received, with their <c>id_token_hint</c> already checked.</summary>
    public ConcurrentQueue<IQueryCollection> FinsDeSession { get; } = new();

    public static async Task<FournisseurIdentiteDeTest> DemarrerAsync(Func<DateTimeOffset> maintenant)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fournisseur = new FournisseurIdentiteDeTest(app, maintenant);
        fournisseur.Routes();
        await app.StartAsync();
        fournisseur.Adresse = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return fournisseur;
    }

    private void Routes()
    {
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Adresse,
            ["authorization_endpoint"] = Adresse + "/authorize",
            ["token_endpoint"] = Adresse + "/token",
            ["userinfo_endpoint"] = Adresse + "/userinfo",
            ["jwks_uri"] = Adresse + "/jwks",
            ["end_session_endpoint"] = Adresse + "/session/end",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["userinfo_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
            ["claims_parameter_supported"] = true,
        }));
        _app.MapGet("/jwks", () =>
        {
            var p = _cle.Rsa.ExportParameters(false);
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = _cle.KeyId,
                n = Base64UrlEncoder.Encode(p.Modulus), e = Base64UrlEncoder.Encode(p.Exponent) } } });
        });
        _app.MapGet("/authorize", (HttpRequest r) =>
        {
            Autorisations.Enqueue(r.Query);
            var q = r.Query;
            if (q["client_id"] != ClientId || q["response_type"] != "code" || q["code_challenge_method"] != "S256"
                || string.IsNullOrEmpty(q["code_challenge"]) || string.IsNullOrEmpty(q["redirect_uri"]))
                return Results.BadRequest("requête d'autorisation invalide");
            var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
            _codes[code] = new Autorisation(q["redirect_uri"]!, q["nonce"], q["code_challenge"]!, Personne);
            return Results.Redirect($"{q["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(q["state"].ToString())}");
        });
        _app.MapPost("/token", async (HttpRequest r) =>
        {
            var f = await r.ReadFormAsync();
            var (client, secret) = Client(r, f);
            if (client != ClientId || secret != ClientSecret) return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            if (f["grant_type"] != "authorization_code" || !_codes.TryRemove(f["code"].ToString(), out var a) || a.RedirectUri != f["redirect_uri"])
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            var defi = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(f["code_verifier"].ToString())));
            if (defi != a.Defi) return Results.Json(new { error = "invalid_grant", error_description = "PKCE" }, statusCode: 400);
            var acces = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
            _jetonsAcces[acces] = a.Personne;
            return Results.Json(new Dictionary<string, object>
            {
                ["access_token"] = acces, ["token_type"] = "Bearer", ["expires_in"] = 60, ["id_token"] = JetonIdentite(a),
            });
        });
        _app.MapGet("/userinfo", (HttpRequest r) =>
        {
            var entete = r.Headers.Authorization.ToString();
            if (!entete.StartsWith("Bearer ", StringComparison.Ordinal) || !_jetonsAcces.TryGetValue(entete[7..], out var p))
                return Results.Unauthorized();
            var claims = new Dictionary<string, object>
            {
                ["iss"] = Adresse, ["aud"] = ClientId, ["email"] = p.Courriel, ["given_name"] = "Camille", ["usual_name"] = "Agent", ["family_name"] = "Martin", ["birthdate"] = "1990-01-01", ["uid"] = p.Sujet,
                ["sub"] = Alteration == AlterationJeton.UserinfoAutreSujet ? "sujet-d-une-autre-personne" : p.Sujet,
            };
            if (p.Siret is not null) claims["siret"] = p.Siret;
            var jeton = Signer(claims, Alteration == AlterationJeton.UserinfoAutreCle ? _fausseCle : _cle, _maintenant());
            return Results.Text(jeton, "application/jwt");
        });
        _app.MapGet("/session/end", (HttpRequest r) =>
        {
            var validation = new JsonWebTokenHandler().ValidateTokenAsync(r.Query["id_token_hint"].ToString(), new TokenValidationParameters
            {
                ValidIssuer = Adresse, ValidAudience = ClientId, IssuerSigningKey = _cle, ValidateLifetime = false,
            }).GetAwaiter().GetResult();
            if (!validation.IsValid) return Results.BadRequest("id_token_hint invalide");
            FinsDeSession.Enqueue(r.Query);
            return Results.Redirect($"{r.Query["post_logout_redirect_uri"]}?state={Uri.EscapeDataString(r.Query["state"].ToString())}");
        });
    }

    private static (string? Client, string? Secret) Client(HttpRequest r, IFormCollection f)
    {
        var entete = r.Headers.Authorization.ToString();
        if (entete.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var parties = Encoding.UTF8.GetString(Convert.FromBase64String(entete[6..])).Split(':', 2);
            return (Uri.UnescapeDataString(parties[0]), parties.Length > 1 ? Uri.UnescapeDataString(parties[1]) : null);
        }
        return (f["client_id"], f["client_secret"]);
    }

    private string JetonIdentite(Autorisation a)
    {
        var maintenant = _maintenant();
        var claims = new Dictionary<string, object>
        {
            ["iss"] = Alteration == AlterationJeton.AutreEmetteur ? "https://usurpateur.exemple" : Adresse,
            ["aud"] = Alteration == AlterationJeton.AutreAudience ? "autre-client" : ClientId,
            ["sub"] = a.Personne.Sujet,
            ["nonce"] = Alteration == AlterationJeton.AutreNonce ? "nonce-d-une-autre-connexion" : a.Nonce ?? "",
            ["amr"] = a.Personne.Amr.Length == 0 ? new[] { "pwd" } : a.Personne.Amr,
            ["auth_time"] = maintenant.ToUnixTimeSeconds(),
        };
        if (Acr is not null) claims["acr"] = Acr;
        var instant = Alteration == AlterationJeton.Expire ? maintenant.AddHours(-2) : maintenant;
        return Signer(claims, Alteration == AlterationJeton.AutreCle ? _fausseCle : _cle, instant);
    }

    private static string Signer(Dictionary<string, object> claims, RsaSecurityKey cle, DateTimeOffset instant) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Claims = claims,
            IssuedAt = instant.UtcDateTime,
            NotBefore = instant.UtcDateTime,
            Expires = instant.AddMinutes(5).UtcDateTime,
            SigningCredentials = new SigningCredentials(cle, SecurityAlgorithms.RsaSha256),
        });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>Keeps the app's messages from <paramref name="niveau"/> up (warnings by default) in memory, for tests that check what a refusal logs.</summary>
public sealed class JournalMemoire(LogLevel niveau = LogLevel.Warning) : ILoggerProvider
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Enregistreur(Messages, niveau);

    public void Dispose()
    {
    }

    private sealed class Enregistreur(ConcurrentQueue<string> messages, LogLevel niveau) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= niveau;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            // Bounded: the journal shared by a whole run (LogisFactory.Erreurs) keeps only the last messages.
            while (messages.Count >= 100) messages.TryDequeue(out _);
            messages.Enqueue(formatter(state, exception) + (exception is null ? "" : " | " + exception));
        }
    }
}

/// <summary>
/// The cookies of a test browser, by name, whatever their expiry: the app under test lives at the suite's fixed instant, so its
/// short-lived cookies (OpenID Connect correlation and nonce) carry dates the machine's clock already passed. A deletion
/// (empty value) removes the cookie.
/// </summary>
public sealed class CookiesNavigateur : DelegatingHandler
{
    private readonly ConcurrentDictionary<string, string> _cookies = new(StringComparer.Ordinal);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!_cookies.IsEmpty) request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}")));
        var reponse = await base.SendAsync(request, cancellationToken);
        if (reponse.Headers.TryGetValues("Set-Cookie", out var valeurs))
            foreach (var valeur in valeurs)
            {
                var paire = valeur.Split(';', 2)[0];
                var egal = paire.IndexOf('=', StringComparison.Ordinal);
                if (egal <= 0) continue;
                var (nom, contenu) = (paire[..egal].Trim(), paire[(egal + 1)..].Trim());
                if (contenu.Length == 0) _cookies.TryRemove(nom, out _);
                else _cookies[nom] = contenu;
            }
        return reponse;
    }
}
