using Logis.Application.Acces;

namespace Logis.Web.Infrastructure;

/// <summary>
/// The origin of a sign-in for the journal (<see cref="JournalConnexions"/>): the client's address as the forwarded headers give it when
/// a trusted proxy is configured (<see cref="MemeOrigine"/>), and the browser's user agent.
/// </summary>
public sealed class OrigineConnexionHttp(IHttpContextAccessor acces) : IOrigineConnexion
{
    public string? Ip => acces.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public string? Navigateur => acces.HttpContext?.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null;
}
