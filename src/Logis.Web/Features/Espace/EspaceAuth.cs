using System.Globalization;
using System.Security.Claims;
using Logis.Application.Espace;
using Logis.Domain.Commun;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Logis.Web.Features.Espace;

/// <summary>Section « Logis:Espace » (docs/espace-demandeur.md).</summary>
public sealed class OptionsEspace
{
    public const string Section = "Logis:Espace";

    /// <summary>
    /// The public address of the site written in the links sent by e-mail (« https://logement.exemple.fr »). Set it in production: empty,
    /// the address of the request is used, which a forged <c>Host</c> header could change (acceptable for the demo on loopback only).
    /// </summary>
    public string AdresseSite { get; set; } = "";
}

/// <summary>The applicant space's cookie scheme and policy, and what its pages share.</summary>
public static class EspaceAuth
{
    public const string Schema = "Espace";
    public const string Politique = "Demandeur";

    /// <param name="jetonFranceConnect">The identity token of a session opened through FranceConnect, kept for the sign-out there (<c>id_token_hint</c>).</param>
    public static Task OuvrirAsync(HttpContext http, SessionDemandeur session, string? jetonFranceConnect = null)
    {
        var claims = session.Claims();
        var proprietes = new AuthenticationProperties();
        if (jetonFranceConnect is not null)
        {
            claims = claims.Append(new Claim(Logis.Web.Infrastructure.OptionsProConnect.ClaimFournisseur, Logis.Web.Infrastructure.OptionsFranceConnect.Schema));
            proprietes.StoreTokens([new AuthenticationToken { Name = "id_token", Value = jetonFranceConnect }]);
        }
        return http.SignInAsync(Schema, new ClaimsPrincipal(new ClaimsIdentity(claims, Schema)), proprietes);
    }

    public static string AdresseSite(HttpContext http, OptionsEspace options) =>
        options.AdresseSite is { Length: > 0 } a ? a.TrimEnd('/') : $"{http.Request.Scheme}://{http.Request.Host}";

    /// <summary>The signed-in applicant (pages behind <see cref="Politique"/>).</summary>
    public static SessionDemandeur Requis(ClaimsPrincipal user) =>
        SessionDemandeur.Depuis(user) ?? throw new InvalidOperationException("Demandeur authentifié sans session valide.");

    /// <summary>The errors of a failure by the fields of the page (camelCase key → property).</summary>
    public static void Reporter(ModelStateDictionary etat, Echec probleme, Func<string, string> propriete)
    {
        foreach (var (champ, messages) in probleme.Champs)
            foreach (var m in messages) etat.AddModelError(propriete(champ), m);
        if (probleme.Champs.Count == 0) etat.AddModelError("", probleme.Motif);
    }

    public static string Date(DateOnly d) => d.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("fr-FR"));
}
