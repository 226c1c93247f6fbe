using System.Security.Cryptography;
using Logis.Application.Acces;
using Microsoft.AspNetCore.DataProtection;

namespace Logis.Web.Infrastructure;

/// <summary>The TOTP secrets protected by ASP.NET Core Data Protection (the keys of <c>Logis:Cles:Dossier</c>).</summary>
public sealed class ProtectionSecrets(IDataProtectionProvider fournisseur) : IProtectionSecrets
{
    private const string Prefixe = "dp1:";
    private readonly IDataProtector _protecteur = fournisseur.CreateProtector("Logis.Acces.SecretTotp");

    public string Proteger(string secret) => Prefixe + _protecteur.Protect(secret);

    public string? Deproteger(string protege)
    {
        if (!protege.StartsWith(Prefixe, StringComparison.Ordinal)) return null;
        try
        {
            return _protecteur.Unprotect(protege[Prefixe.Length..]);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
