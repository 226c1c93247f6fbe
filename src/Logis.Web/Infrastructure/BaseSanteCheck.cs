using Logis.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Logis.Web.Infrastructure;

/// <summary>Health of the database: can we open a connection and run a query.</summary>
public sealed class BaseSanteCheck(LogisDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        await db.Database.CanConnectAsync(cancellationToken)
            ? HealthCheckResult.Healthy("Base de données joignable.")
            : HealthCheckResult.Unhealthy("Base de données injoignable.");
}
