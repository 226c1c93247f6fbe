namespace Logis.Domain.Demandes;

/// <summary>Identifier of a demand (the aggregate), distinct from its registration number.</summary>
public readonly record struct DemandeId(Guid Value)
{
    public override string ToString() => Value.ToString();
}

/// <summary>Identifier of whoever performs an act on a demand: an agent account or the applicant's own account.</summary>
public readonly record struct AuteurId(Guid Value)
{
    public override string ToString() => Value.ToString();
}

/// <summary>Who performs an act: the author's id and the organisation they act for (guichet, bailleur, EPCI…).</summary>
public readonly record struct Acteur(AuteurId Id, string Organisation);
