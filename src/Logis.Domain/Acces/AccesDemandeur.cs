using Logis.Domain.Demandes;

namespace Logis.Domain.Acces;

/// <summary>
/// What an applicant's account opens in the applicant space (issue 16, docs/espace-demandeur.md). The rule, in business words:
/// <list type="bullet">
/// <item>an account sees and acts on the demands linked to it, and on no other: a demand is linked by its number and the access
/// code printed on its latest attestation of registration;</item>
/// <item>a demand is linked only if it belongs to the territory the account was created on;</item>
/// <item>an account whose e-mail address is not confirmed links nothing.</item>
/// </list>
/// </summary>
public static class AccesDemandeur
{
    public static bool PeutVoir(IReadOnlyCollection<DemandeId> demandesLiees, DemandeId demande) => demandesLiees.Contains(demande);

    /// <summary>Whether the account may link a demand: its address confirmed, the demand of its territory, the code right.</summary>
    public static bool PeutLier(bool courrielConfirme, bool memeTerritoire, bool codeExact) => courrielConfirme && memeTerritoire && codeExact;
}
