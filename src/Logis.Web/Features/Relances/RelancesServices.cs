using Logis.Application.Relances;

namespace Logis.Web.Features.Relances;

public static class RelancesServices
{
    /// <summary>Settings « Logis:Relances » checked at startup, the use cases of /relances, the scheduler.</summary>
    public static IServiceCollection AddRelances(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(OptionsRelances.Section).Get<OptionsRelances>() ?? new OptionsRelances();
        options.Valider();
        services.AddSingleton(options);
        services.AddSingleton<VerrouRelances>();
        services.AddScoped<RelancesService>();
        services.AddScoped<AvisService>();
        services.AddScoped<TachesQuotidiennes>();
        services.AddHostedService<ServiceRelancesPlanifiees>();
        return services;
    }
}
