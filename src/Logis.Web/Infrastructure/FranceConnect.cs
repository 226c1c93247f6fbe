using Microsoft.AspNetCore.Authentication;

namespace Logis.Web.Infrastructure;

/// <summary>
/// Section « Logis:FranceConnect »: sign-in of applicants through FranceConnect (version 2), the State's identity federation for
/// the public (OpenID Connect, authorisation code with PKCE; docs/espace-demandeur.md §2, ADR 0014). Off unless
/// <see cref="OptionsOidc.Autorite"/> is set: the button is not shown and its handlers answer 404. FranceConnect authenticates;
/// the applicant account stays Logis's (<c>ComptesDemandeurs.ConnecterParFranceConnectAsync</c>).
/// </summary>
public sealed class OptionsFranceConnect : OptionsOidc
{
    public const string Section = "Logis:FranceConnect";
    public const string Schema = "FranceConnect";

    /// <summary>Short-lived cookie (under /espace) holding the identity FranceConnect returned, until the account is found or linked.</summary>
    public const string SchemaExterne = "FranceConnect.Externe";

    public const string CheminRetour = "/espace/connexion/franceconnect/retour";
    public const string CheminRetourDeconnexion = "/espace/deconnexion/franceconnect/retour";

    /// <summary>The eIDAS levels FranceConnect may return, weakest first.</summary>
    public static readonly string[] Niveaux = ["eidas1", "eidas2", "eidas3"];

    /// <summary>Scopes asked (FranceConnect's names); the verified address (<c>email</c>) is the one the account needs.</summary>
    public string[] Portees { get; set; } = ["openid", "given_name", "family_name", "birthdate", "email"];

    /// <summary>The eIDAS level asked (<c>acr_values</c>) and required of the returned <c>acr</c>: <c>eidas1</c> for FranceConnect.</summary>
    public string NiveauEidas { get; set; } = "eidas1";

    private static readonly string[] ClaimsUserinfo = ["email", "given_name", "family_name", "birthdate"];

    public void Valider()
    {
        if (!Actif) return;
        ValiderClient(Section);
        if (!Portees.Contains("openid") || !Portees.Contains("email"))
            throw new InvalidOperationException($"{Section}:Portees doit comprendre « openid » et « email ».");
        if (!Niveaux.Contains(NiveauEidas))
            throw new InvalidOperationException($"{Section}:NiveauEidas doit valoir {string.Join(", ", Niveaux)} (reçu « {NiveauEidas} »).");
    }

    /// <summary>Whether the returned <c>acr</c> is at least the level asked.</summary>
    public bool NiveauSuffisant(string? acr) => Array.IndexOf(Niveaux, acr) >= Array.IndexOf(Niveaux, NiveauEidas) && acr is not null;

    /// <summary>Registers the two schemes when FranceConnect is configured; the options are available in every case.</summary>
    public static AuthenticationBuilder Ajouter(AuthenticationBuilder builder, IConfiguration configuration, string schemaSession)
    {
        var options = configuration.GetSection(Section).Get<OptionsFranceConnect>() ?? new OptionsFranceConnect();
        options.Valider();
        builder.Services.AddSingleton(options);
        if (!options.Actif) return builder;
        ConnexionOidc.Ajouter(builder, options, options.Portees,
            new ParcoursOidc(Schema, "FranceConnect", SchemaExterne, "logis.franceconnect", "/espace", schemaSession, CheminRetour,
                CheminRetourDeconnexion, "/espace/connexion", "/espace/connexion?franceconnect=echec", ClaimsUserinfo),
            demande => demande.AcrValues = options.NiveauEidas,
            identite => options.NiveauSuffisant(identite.FindFirst("acr")?.Value) ? null
                : $"niveau eIDAS insuffisant (acr « {identite.FindFirst("acr")?.Value} », {options.NiveauEidas} demandé)");
        return builder;
    }
}
