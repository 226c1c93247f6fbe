using Logis.Application.Acces;
using Logis.Application.Demandes;

namespace Logis.Web.Features.Demandes;

/// <summary>
/// What every input page of a demand (the multi-step form of a household, the page of a legal entity) checks and loads first: whether the
/// agent may register or update demands, and the communes of its territory (code INSEE → name) for the wishes.
/// </summary>
internal static class PreparationSaisie
{
    /// <summary>
    /// The communes of the agent's territory; null when the agent may not act, the response then set to 403 for the page to say so.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>?> CommunesAsync(DemandesService service, Agent agent, HttpResponse reponse, CancellationToken ct)
    {
        if (!await service.PeutAgirAsync(agent, ct))
        {
            reponse.StatusCode = StatusCodes.Status403Forbidden;
            return null;
        }
        return await service.NomsCommunesAsync(agent, ct);
    }
}
