using Microsoft.AspNetCore.Mvc.RazorPages;
using Logis.Application.Demandes;
using Logis.Application.Acces;

namespace Logis.Web.Features.Demandes;

/// <summary>/demandes/enregistrements: the alert list of incomplete registrations and their one-month deadline (L441-2-1).</summary>
public sealed class EnregistrementsModel(EnregistrementService service) : PageModel
{
    public AlertesEnregistrementVue Alertes { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Alertes = (await service.AlertesAsync(Agent.Requis(User), ct)).Valeur!;
}
