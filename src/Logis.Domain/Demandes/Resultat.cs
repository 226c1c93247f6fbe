namespace Logis.Domain.Demandes;

/// <summary>
/// Outcome of a business act on a demand. An illegal act is not an exception: it is a failure
/// carrying the French reason shown to the agent or the applicant (CRPA L311-3-1: decisions are explained).
/// </summary>
public sealed class Resultat
{
    private static readonly Resultat Succes = new(null);

    private Resultat(string? motif) => Motif = motif;

    /// <summary>The French reason of the failure; null on success.</summary>
    public string? Motif { get; }

    public bool EstReussi => Motif is null;

    public static Resultat Ok() => Succes;

    public static Resultat Echec(string motif) => new(motif);

    public static Resultat<T> Ok<T>(T valeur)
        where T : class => new(valeur, null);

    public static Resultat<T> Echec<T>(string motif)
        where T : class => new(null, motif);

    public override string ToString() => Motif ?? "Réussi";
}

/// <summary>Outcome carrying a value on success (a built value, a new demand, an attestation); built by <see cref="Resultat.Ok{T}"/> and <see cref="Resultat.Echec{T}"/>.</summary>
public sealed class Resultat<T>
    where T : class
{
    internal Resultat(T? valeur, string? motif)
    {
        ValeurOuNull = valeur;
        Motif = motif;
    }

    public string? Motif { get; }

    public bool EstReussi => Motif is null;

    public T? ValeurOuNull { get; }

    /// <summary>The value; reading it on a failure is a programming error.</summary>
    public T Valeur => ValeurOuNull ?? throw new InvalidOperationException($"Aucune valeur : {Motif}");

    public override string ToString() => Motif ?? "Réussi";
}
