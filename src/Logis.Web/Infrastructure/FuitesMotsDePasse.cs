using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Logis.Application.Acces;

namespace Logis.Web.Infrastructure;

/// <summary>
/// Section « Logis:MotsDePasse »: the optional breach list asked by k-anonymity (docs/protection-des-donnees.md §2 point 27). Off by
/// default: the bundled list of common passwords is then the only check, and Logis makes no outside call.
/// </summary>
public sealed class OptionsMotsDePasse
{
    public const string Section = "Logis:MotsDePasse";

    /// <summary>
    /// Address of a « range » service: Logis asks <c>{ApiFuites}/{5 first hex digits of the SHA-1}</c> and receives the suffixes
    /// (35 hex digits) of the breached passwords sharing them, one <c>SUFFIXE:NOMBRE</c> a line (the format of Pwned Passwords).
    /// </summary>
    public string? ApiFuites { get; set; }

    /// <summary>How long a password change waits for the service before going on with the bundled list alone.</summary>
    public int DelaiSecondes { get; set; } = 3;

    public bool Actif => !string.IsNullOrWhiteSpace(ApiFuites);

    public static void Ajouter(IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<OptionsMotsDePasse>() ?? new OptionsMotsDePasse();
        if (options.Actif && (!Uri.TryCreate(options.ApiFuites, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps))
            throw new InvalidOperationException($"{Section}:ApiFuites doit être une adresse absolue en https (reçu « {options.ApiFuites} »).");
        if (options.DelaiSecondes is < 1 or > 30)
            throw new InvalidOperationException($"{Section}:DelaiSecondes doit être compris entre 1 et 30.");
        services.AddSingleton(options);
        services.AddScoped<RegleMotsDePasse>();
        if (!options.Actif) return;
        services.AddHttpClient(SourceFuitesApi.Client, c => c.Timeout = TimeSpan.FromSeconds(options.DelaiSecondes));
        services.AddScoped<ISourceFuites, SourceFuitesApi>();
    }
}

/// <summary>
/// The breach list asked by k-anonymity: only the first 5 hex digits of the password's SHA-1 leave Logis (never the password nor its
/// whole hash), with the padding header so the answer's size tells nothing either. A service that does not answer in time is logged
/// and the change goes on with the bundled list: a password change must not depend on an outside service.
/// </summary>
public sealed class SourceFuitesApi(IHttpClientFactory clients, OptionsMotsDePasse options, ILogger<SourceFuitesApi> logger) : ISourceFuites
{
    public const string Client = "logis.fuites";

    public async Task<bool?> CompromisAsync(string motDePasse, CancellationToken ct)
    {
        // SHA-1 is the range API's key, not a protection of the password: only its first 5 digits leave Logis.
#pragma warning disable CA5350
        var empreinte = Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(motDePasse)));
#pragma warning restore CA5350
        var (prefixe, suffixe) = (empreinte[..5], empreinte[5..]);
        try
        {
            using var requete = new HttpRequestMessage(HttpMethod.Get, options.ApiFuites!.TrimEnd('/') + "/" + prefixe);
            requete.Headers.Add("Add-Padding", "true");
            using var reponse = await clients.CreateClient(Client).SendAsync(requete, ct);
            if (!reponse.IsSuccessStatusCode)
            {
                logger.LogWarning("Liste de fuites de mots de passe indisponible ({Statut}) : seule la liste intégrée est consultée", (int)reponse.StatusCode);
                return null;
            }
            using var lecteur = new StringReader(await reponse.Content.ReadAsStringAsync(ct));
            while (lecteur.ReadLine() is { } ligne)
            {
                var parties = ligne.Trim().Split(':');
                if (parties.Length == 2 && string.Equals(parties[0], suffixe, StringComparison.OrdinalIgnoreCase)
                    && long.TryParse(parties[1], NumberStyles.None, CultureInfo.InvariantCulture, out var nombre))
                    return nombre > 0;
            }
            return false;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Liste de fuites de mots de passe injoignable ({Raison}) : seule la liste intégrée est consultée", e.Message);
            return null;
        }
    }
}
