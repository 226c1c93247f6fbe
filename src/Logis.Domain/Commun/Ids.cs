namespace Logis.Domain.Commun;

/// <summary>Strongly typed identifiers: a bailleur id can never be passed where a logement id is expected.</summary>
public readonly record struct BailleurId(Guid Value)
{
    public override string ToString() => Value.ToString();
}

public readonly record struct ReservataireId(Guid Value)
{
    public override string ToString() => Value.ToString();
}

public readonly record struct ResidenceId(Guid Value)
{
    public override string ToString() => Value.ToString();
}

public readonly record struct LogementId(Guid Value)
{
    public override string ToString() => Value.ToString();
}
