using Logis.Domain.Commun;
using Logis.Domain.Territoire;

namespace Logis.Domain.Demandes;

/// <summary>What kind of organisation a registering service belongs to.</summary>
public enum OrganisationGuichet
{
    /// <summary>The EPCI itself (a grouping of communes that chose to register, CCH L441-2-1).</summary>
    Epci = 1,
    /// <summary>A commune that chose to register.</summary>
    Commune = 2,
    /// <summary>A social landlord: every bailleur registers the demands presented to it.</summary>
    Bailleur = 3,
    /// <summary>A réservataire (Action Logement Services, the State's designated service…) that chose to register.</summary>
    Reservataire = 4,
    /// <summary>The national public online portal (code <see cref="NumeroUnique.GuichetPortailPublic"/>): the applicant's own deposit.</summary>
    PortailPublic = 5,
}

/// <summary>
/// A registering service (guichet enregistreur, CCH L441-2-1) of a territory: the place where a demand is registered and
/// where the applicant can act on it, with its code in the national numbering (the last 5 characters of
/// <see cref="NumeroUnique"/>). The codes are created in the SNE by the territorial manager (docs/sne-cerfa.md §1); for
/// Logis they are data of the territory, as are the name, address, opening hours and the organisation it belongs to.
/// </summary>
/// <param name="Organisation">The identifier of the organisation: the EPCI's SIREN, the commune's INSEE code, the bailleur's or
/// the réservataire's identifier; empty for the public portal.</param>
public sealed record GuichetEnregistreur(
    Siren EpciSiren, string Code, string Nom, string Adresse, string Horaires, OrganisationGuichet TypeOrganisation, string Organisation, bool Actif)
{
    public const int LongueurNomMax = 200;
    public const int LongueurAdresseMax = 300;
    public const int LongueurHorairesMax = 300;

    /// <summary>Checks and normalises a registering service; a French reason for each wrong field.</summary>
    public static Resultat<GuichetEnregistreur> Creer(
        Siren epci, string? code, string? nom, string? adresse, string? horaires, OrganisationGuichet type, string? organisation, bool actif = true)
    {
        var c = code?.Trim().ToUpperInvariant() ?? "";
        if (!NumeroUnique.CodeGuichetValide(c))
            return Resultat.Echec<GuichetEnregistreur>($"Le code « {code} » est invalide : 5 chiffres ou lettres majuscules (par exemple G1104).");
        if ((type == OrganisationGuichet.PortailPublic) != (c == NumeroUnique.GuichetPortailPublic))
            return Resultat.Echec<GuichetEnregistreur>($"Le code {NumeroUnique.GuichetPortailPublic} est réservé au portail public en ligne, et le portail public porte ce code.");
        var n = nom?.Trim() ?? "";
        if (n.Length is 0 or > LongueurNomMax) return Resultat.Echec<GuichetEnregistreur>($"Le nom du guichet est obligatoire ({LongueurNomMax} caractères au plus).");
        var a = adresse?.Trim() ?? "";
        if (a.Length > LongueurAdresseMax) return Resultat.Echec<GuichetEnregistreur>($"L'adresse compte au plus {LongueurAdresseMax} caractères.");
        var h = horaires?.Trim() ?? "";
        if (h.Length > LongueurHorairesMax) return Resultat.Echec<GuichetEnregistreur>($"Les horaires comptent au plus {LongueurHorairesMax} caractères.");
        if (!Enum.IsDefined(type)) return Resultat.Echec<GuichetEnregistreur>("Le type d'organisation du guichet est inconnu.");
        var o = organisation?.Trim() ?? "";
        var erreur = type switch
        {
            OrganisationGuichet.Epci when o != epci.Value => $"Un guichet de l'intercommunalité porte son SIREN ({epci.Value}).",
            OrganisationGuichet.Commune when !CodeInsee.TryCreate(o, out _) => $"« {o} » n'est pas un code INSEE de commune.",
            OrganisationGuichet.Bailleur or OrganisationGuichet.Reservataire when !Guid.TryParse(o, out _) => $"« {o} » n'est pas l'identifiant d'une organisation.",
            OrganisationGuichet.PortailPublic when o.Length > 0 => "Le portail public n'appartient à aucune organisation du territoire.",
            _ => null,
        };
        if (erreur is not null) return Resultat.Echec<GuichetEnregistreur>(erreur);
        if (type is OrganisationGuichet.Bailleur or OrganisationGuichet.Reservataire) o = Guid.Parse(o).ToString();
        return Resultat.Ok(new GuichetEnregistreur(epci, c, n, a, h, type, o, actif));
    }

    public static string Libelle(OrganisationGuichet type) => type switch
    {
        OrganisationGuichet.Epci => "Intercommunalité",
        OrganisationGuichet.Commune => "Commune",
        OrganisationGuichet.Bailleur => "Bailleur social",
        OrganisationGuichet.Reservataire => "Réservataire",
        OrganisationGuichet.PortailPublic => "Portail public en ligne",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
