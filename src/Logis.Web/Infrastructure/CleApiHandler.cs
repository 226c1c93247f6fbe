using System.Security.Claims;
using System.Text.Encodings.Web;
using Logis.Persistence;
using Logis.Persistence.Acces;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Logis.Application.Acces;

namespace Logis.Web.Infrastructure;

/// <summary>
/// Authenticates partner systems by the <c>X-Api-Key</c> header: one key per organisation, only its
/// SHA-256 fingerprint is stored. The client acts with the role and perimeter of its organisation.
/// </summary>
public sealed class CleApiHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, LogisDbContext db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Schema = "CleApi";
    public const string Entete = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Entete, out var valeurs)) return AuthenticateResult.NoResult();
        var cle = valeurs.ToString();
        if (string.IsNullOrWhiteSpace(cle) || cle.Length > 200) return AuthenticateResult.Fail("Clé d'API invalide.");
        var empreinte = Secrets.EmpreinteCleApi(cle);
        var client = await db.ClientsApi.AsNoTracking().SingleOrDefaultAsync(c => c.EmpreinteCle == empreinte && c.Actif, Context.RequestAborted);
        if (client is null)
        {
            Logger.LogWarning("Clé d'API refusée depuis {Ip}", Context.Connection.RemoteIpAddress);
            return AuthenticateResult.Fail("Clé d'API inconnue ou révoquée.");
        }
        var identite = new ClaimsIdentity(Agent.Claims(client.Id, client.Nom, client.Role, client.Perimetre), Schema);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identite), Schema));
    }
}
