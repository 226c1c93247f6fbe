using Logis.Domain.Commun;
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

/// <summary>The notices about missing ceiling years for today (French civil day), shown to agents and administrators.</summary>
public sealed class VeilleDesPlafonds(ReferentielEligibilite referentiel, TimeProvider horloge)
{
    public IReadOnlyList<AvisPlafonds> Avis() => VeillePlafonds.Verifier(referentiel.Bareme, horloge.AujourdhuiEnFrance());
}

public static class EligibiliteServices
{
    /// <summary>Loads the ceilings now (fail fast) and registers the engine and the use case.</summary>
    public static IServiceCollection AddEligibilite(this IServiceCollection services, ReferenceData reference)
    {
        services.AddSingleton(ReferentielEligibilite.Charger(reference));
        services.AddScoped<VerificationEligibilite>();
        services.AddScoped<EligibiliteDemande>();
        services.AddSingleton<VeilleDesPlafonds>();
        return services;
    }
}
