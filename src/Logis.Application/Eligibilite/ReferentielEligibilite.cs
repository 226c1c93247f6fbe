using Logis.Domain.Eligibilite;
using Logis.Persistence.Reference;
using Microsoft.Extensions.DependencyInjection;

namespace Logis.Application.Eligibilite;

/// <summary>
/// The ceiling tables and the eligibility engine, built once at start-up from the dated reference
/// data (data/reference/plafonds_…csv): an invalid file stops the application with its French errors.
/// </summary>
public sealed class ReferentielEligibilite
{
    private ReferentielEligibilite(BaremePlafonds bareme, MoteurEligibilite moteur)
    {
        Bareme = bareme;
        Moteur = moteur;
    }

    public BaremePlafonds Bareme { get; }

    public MoteurEligibilite Moteur { get; }

    public static ReferentielEligibilite Charger(ReferenceData reference)
    {
        var bareme = reference.LireBaremePlafonds();
        if (!bareme.EstReussi)
            throw new InvalidOperationException(
                $"Les plafonds de ressources de {reference.Dossier} sont invalides :{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", bareme.Erreurs)}");
        return new ReferentielEligibilite(bareme.Valeur, new MoteurEligibilite(bareme.Valeur, ParametresEligibilite.Defaut));
    }
}

public static class EligibiliteServices
{
    /// <summary>Loads the ceilings now (fail fast) and registers the engine and the use case.</summary>
    public static IServiceCollection AddEligibilite(this IServiceCollection services, ReferenceData reference)
    {
        services.AddSingleton(ReferentielEligibilite.Charger(reference));
        services.AddScoped<VerificationEligibilite>();
        services.AddScoped<EligibiliteDemande>();
        return services;
    }
}
