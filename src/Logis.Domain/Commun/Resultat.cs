using System.Diagnostics.CodeAnalysis;

namespace Logis.Domain.Commun;

/// <summary>
/// Outcome of an operation that can fail for an expected reason (invalid input, missing reference
/// data): either a value, or every reason it could not be produced, in French, ready to be shown.
/// Exceptions stay for bugs (docs/adr, ARCHITECTURE.md §3).
/// </summary>
public sealed class Resultat<T>
{
    internal Resultat(T? valeur, IReadOnlyList<string> erreurs)
    {
        Valeur = valeur;
        Erreurs = erreurs;
    }

    public T? Valeur { get; }

    public IReadOnlyList<string> Erreurs { get; }

    [MemberNotNullWhen(true, nameof(Valeur))]
    public bool EstSucces => Erreurs.Count == 0;
}

public static class Resultat
{
    public static Resultat<T> Succes<T>(T valeur) => new(valeur, []);

    /// <summary>A failure needs at least one reason: an empty list would read as a success.</summary>
    public static Resultat<T> Echec<T>(IEnumerable<string> erreurs)
    {
        var liste = erreurs.ToArray();
        if (liste.Length == 0) throw new ArgumentException("Un échec doit porter au moins une raison.", nameof(erreurs));
        return new(default, liste);
    }

    /// <summary>Success when <paramref name="erreurs"/> is empty, otherwise a failure carrying them all.</summary>
    public static Resultat<T> SiAucuneErreur<T>(IReadOnlyCollection<string> erreurs, Func<T> valeur) =>
        erreurs.Count == 0 ? Succes(valeur()) : Echec<T>(erreurs);
}
