using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Logis.Web.Infrastructure;

/// <summary>
/// Section « Logis:ProConnect »: sign-in of agents through ProConnect, the State's identity federation for public agents
/// (OpenID Connect, authorisation code with PKCE). Off unless <see cref="OptionsOidc.Autorite"/> is set. ProConnect authenticates; the account
/// and its role stay Logis's (declared by the intercommunality): see <c>ComptesAgents.ConnecterParProConnectAsync</c>.
/// </summary>
public sealed class OptionsProConnect : OptionsOidc
{
    public const string Section = "Logis:ProConnect";
    public const string Schema = "ProConnect";

    /// <summary>Short-lived cookie holding the identity ProConnect returned, until the account is found and the second factor given.</summary>
    public const string SchemaExterne = "ProConnect.Externe";

    /// <summary>Claim of the session cookie telling it was opened through ProConnect (sign-out then goes through ProConnect too).</summary>
    public const string ClaimFournisseur = "logis:fournisseur";

    public const string CheminRetour = "/connexion/proconnect/retour";
    public const string CheminRetourDeconnexion = "/deconnexion/proconnect/retour";

    /// <summary>Scopes asked (ProConnect's names); the address (<c>email</c>) is the one Logis needs to find the account.</summary>
    public string[] Portees { get; set; } = ["openid", "email", "given_name", "usual_name", "uid", "siret"];

    /// <summary>
    /// Values of the <c>amr</c> claim that count as a second factor already given at ProConnect (docs/protection-des-donnees.md §2
    /// point 26: « mfa », « totp », « pop »).
    /// </summary>
    public string[] AmrSecondFacteur { get; set; } = ["mfa", "totp", "pop"];

    /// <summary>
    /// SIREN of the organisations whose agents may come through ProConnect besides the intercommunality and the landlords of the file
    /// (communes, préfecture, Action Logement…): Logis does not hold their SIREN.
    /// </summary>
    public string[] SirenOrganismes { get; set; } = [];

    public IReadOnlySet<string> OrganismesDeclares => SirenOrganismes.ToHashSet(StringComparer.Ordinal);

    /// <summary>Claims read from the signed userinfo JWT and added to the identity.</summary>
    private static readonly string[] ClaimsUserinfo = ["email", "given_name", "usual_name", "uid", "siret"];

    public void Valider()
    {
        if (!Actif) return;
        // The issuer: https://PROCONNECT_DOMAIN/api/v2.
        ValiderClient(Section);
        if (!Portees.Contains("openid") || !Portees.Contains("email") || !Portees.Contains("siret"))
            throw new InvalidOperationException($"{Section}:Portees doit comprendre « openid », « email » et « siret ».");
        if (SirenOrganismes.Any(x => x.Length != 9 || !x.All(char.IsAsciiDigit)))
            throw new InvalidOperationException($"{Section}:SirenOrganismes ne contient que des SIREN de 9 chiffres.");
    }

    /// <summary>Registers the two schemes when ProConnect is configured; the options are available in every case.</summary>
    public static AuthenticationBuilder Ajouter(AuthenticationBuilder builder, IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<OptionsProConnect>() ?? new OptionsProConnect();
        options.Valider();
        builder.Services.AddSingleton(options);
        if (!options.Actif) return builder;
        ConnexionOidc.Ajouter(builder, options, options.Portees,
            new ParcoursOidc(Schema, "ProConnect", SchemaExterne, "logis.proconnect", null, CookieAuthenticationDefaults.AuthenticationScheme,
                CheminRetour, CheminRetourDeconnexion, "/", "/connexion?proconnect=echec", ClaimsUserinfo),
            // ProConnect returns the authentication methods (amr) only when asked.
            demande => demande.SetParameter("claims", """{"id_token":{"amr":{"essential":true}}}"""));
        return builder;
    }

    /// <summary>Whether the identity ProConnect returned attests a multi-factor authentication.</summary>
    public bool SecondFacteurAtteste(System.Security.Claims.ClaimsPrincipal identite) =>
        identite.FindAll("amr").Any(c => AmrSecondFacteur.Contains(c.Value, StringComparer.Ordinal));
}
