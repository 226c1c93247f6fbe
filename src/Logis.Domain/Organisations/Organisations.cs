using Logis.Domain.Commun;
using Logis.Domain.Territoire;

namespace Logis.Domain.Organisations;

/// <summary>Legal form of a social landlord (CCH L411-2).</summary>
public enum FormeBailleur
{
    /// <summary>Office public de l'habitat.</summary>
    Oph = 1,
    /// <summary>Entreprise sociale pour l'habitat (SA d'HLM).</summary>
    Esh = 2,
    /// <summary>Société d'économie mixte agréée.</summary>
    Sem = 3,
    /// <summary>Coopérative d'HLM.</summary>
    Cooperative = 4,
}

/// <summary>A social landlord (bailleur social) operating on one or several EPCI.</summary>
public sealed record Bailleur(BailleurId Id, string Nom, FormeBailleur Forme, Siren? Siren)
{
    public static string LibelleForme(FormeBailleur forme) => forme switch
    {
        FormeBailleur.Oph => "Office public de l'habitat",
        FormeBailleur.Esh => "Entreprise sociale pour l'habitat",
        FormeBailleur.Sem => "Société d'économie mixte",
        FormeBailleur.Cooperative => "Coopérative d'HLM",
        _ => throw new ArgumentOutOfRangeException(nameof(forme)),
    };
}

/// <summary>Kinds of reservation holders (réservataires), CCH L441-1 and R441-5.</summary>
public enum TypeReservataire
{
    /// <summary>The State: the préfet's contingent (R441-5-2), at most 30 % of each bailleur's flux.</summary>
    Prefet = 1,
    Commune = 2,
    Epci = 3,
    ActionLogement = 4,
    /// <summary>The bailleur's own, non-reserved dwellings.</summary>
    Bailleur = 5,
    Departement = 6,
}

/// <summary>A reservation holder. A commune réservataire carries its INSEE code; a bailleur its id.</summary>
public sealed record Reservataire(
    ReservataireId Id,
    string Nom,
    TypeReservataire Type,
    Siren EpciSiren,
    CodeInsee? CommuneInsee,
    BailleurId? BailleurId)
{
    public static string LibelleType(TypeReservataire type) => type switch
    {
        TypeReservataire.Prefet => "État (contingent préfectoral)",
        TypeReservataire.Commune => "Commune",
        TypeReservataire.Epci => "Intercommunalité",
        TypeReservataire.ActionLogement => "Action Logement",
        TypeReservataire.Bailleur => "Bailleur (logements non réservés)",
        TypeReservataire.Departement => "Département",
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };
}
