using System.Diagnostics.CodeAnalysis;

namespace Logis.Domain.Commun;

/// <summary>The closed set of the ways an act or a check can fail, each told to the person in French.</summary>
public enum NatureEchec
{
    /// <summary>The input is wrong: a field, a value, a file (an API answers 400, a page shows the message by the field).</summary>
    Invalide,

    /// <summary>What is asked for does not exist, or not in the caller's perimeter (404: nothing said about the others).</summary>
    NonTrouve,

    /// <summary>The caller's role does not allow the act (403).</summary>
    Interdit,

    /// <summary>The act is illegal in the present state: a rule of the law or of the file refuses it (409, with the reason).</summary>
    Conflit,

    /// <summary>A resource the act needs is unavailable for now (the piece store): nothing changed, try again later (503).</summary>
    Indisponible,
}

/// <summary>
/// Why an act or a check failed: its nature, the French reason shown to the agent or the applicant (CRPA L311-3-1: decisions
/// are explained) and, for invalid input, the messages by field name (<c>personnes[1].dateNaissance</c>, <c>souhaits.communes</c>),
/// so that the API and the form attach each message to its field without reading sentences.
/// </summary>
public sealed record Echec(NatureEchec Nature, string Motif, IReadOnlyDictionary<string, string[]> Champs)
{
    private static readonly IReadOnlyDictionary<string, string[]> Aucun = new Dictionary<string, string[]>();

    public static Echec Invalide(string motif, IReadOnlyDictionary<string, string[]>? champs = null) => new(NatureEchec.Invalide, motif, champs ?? Aucun);

    public static Echec NonTrouve(string motif) => new(NatureEchec.NonTrouve, motif, Aucun);

    public static Echec Interdit(string motif) => new(NatureEchec.Interdit, motif, Aucun);

    public static Echec Conflit(string motif, IReadOnlyDictionary<string, string[]>? champs = null) => new(NatureEchec.Conflit, motif, champs ?? Aucun);

    public static Echec Indisponible(string motif) => new(NatureEchec.Indisponible, motif, Aucun);

    /// <summary>Every message: those by field, or the reason alone.</summary>
    public IReadOnlyList<string> Messages => Champs.Count == 0 ? [Motif] : [.. Champs.Values.SelectMany(m => m)];
}

/// <summary>
/// The one outcome of an act or a check (ADR 0010): success, or an <see cref="Commun.Echec"/> of the closed set. An expected failure is
/// never an exception; exceptions stay for bugs (ARCHITECTURE.md §3). The web maps it to ProblemDetails in one place.
/// </summary>
public sealed class Resultat
{
    private static readonly Resultat Reussi = new(null);

    private Resultat(Echec? probleme) => Probleme = probleme;

    /// <summary>Why it failed; null on success.</summary>
    public Echec? Probleme { get; }

    [MemberNotNullWhen(false, nameof(Probleme), nameof(Motif))]
    public bool EstReussi => Probleme is null;

    /// <summary>The French reason of the failure; null on success.</summary>
    public string? Motif => Probleme?.Motif;

    public static Resultat Ok() => Reussi;

    /// <summary>An act the rules refuse in the present state (<see cref="NatureEchec.Conflit"/>).</summary>
    public static Resultat Echec(string motif) => new(Commun.Echec.Conflit(motif));

    public static Resultat Echec(Echec probleme) => new(probleme);

    public static Resultat<T> Ok<T>(T valeur) => new(valeur, null);

    /// <summary>An act the rules refuse in the present state (<see cref="NatureEchec.Conflit"/>).</summary>
    public static Resultat<T> Echec<T>(string motif) => new(default, Commun.Echec.Conflit(motif));

    /// <summary>Invalid input not tied to a field: at least one reason (an empty list would read as a success), kept under the key "".</summary>
    public static Resultat<T> Echec<T>(IEnumerable<string> erreurs)
    {
        var liste = erreurs.ToArray();
        if (liste.Length == 0) throw new ArgumentException("Un échec doit porter au moins une raison.", nameof(erreurs));
        return new(default, Commun.Echec.Invalide(string.Join(" ", liste), new Dictionary<string, string[]> { [""] = liste }));
    }

    public static Resultat<T> Echec<T>(Echec probleme) => new(default, probleme);

    public static Resultat<T> Invalide<T>(string motif, IReadOnlyDictionary<string, string[]>? champs = null) => new(default, Commun.Echec.Invalide(motif, champs));

    public static Resultat<T> NonTrouve<T>(string motif) => new(default, Commun.Echec.NonTrouve(motif));

    public static Resultat<T> Interdit<T>(string motif) => new(default, Commun.Echec.Interdit(motif));

    public static Resultat<T> Conflit<T>(string motif, IReadOnlyDictionary<string, string[]>? champs = null) => new(default, Commun.Echec.Conflit(motif, champs));

    public static Resultat<T> Indisponible<T>(string motif) => new(default, Commun.Echec.Indisponible(motif));

    /// <summary>Success when <paramref name="erreurs"/> is empty, otherwise an invalid-input failure carrying them all.</summary>
    public static Resultat<T> SiAucuneErreur<T>(IReadOnlyCollection<string> erreurs, Func<T> valeur) =>
        erreurs.Count == 0 ? Ok(valeur()) : Echec<T>(erreurs);

    public override string ToString() => Motif ?? "Réussi";
}

/// <summary>The outcome carrying a value on success (a built value, a new demand, a page of results).</summary>
public sealed class Resultat<T>
{
    private readonly T? _valeur;

    internal Resultat(T? valeur, Echec? probleme)
    {
        _valeur = valeur;
        Probleme = probleme;
    }

    /// <summary>Why it failed; null on success.</summary>
    public Echec? Probleme { get; }

    [MemberNotNullWhen(false, nameof(Probleme), nameof(Motif))]
    public bool EstReussi => Probleme is null;

    /// <summary>The French reason of the failure; null on success.</summary>
    public string? Motif => Probleme?.Motif;

    /// <summary>The messages of the failure (by field, or the reason); empty on success.</summary>
    public IReadOnlyList<string> Erreurs => Probleme?.Messages ?? [];

    /// <summary>The value, or the default of <typeparamref name="T"/> on failure.</summary>
    public T? ValeurOuNull => _valeur;

    /// <summary>The value; reading it on a failure is a programming error.</summary>
    public T Valeur => EstReussi ? _valeur! : throw new InvalidOperationException($"Aucune valeur : {Motif}");

    /// <summary>The same failure for an outcome of another type (an act relaying the failure of a read).</summary>
    public Resultat<TAutre> Relayer<TAutre>() => EstReussi ? throw new InvalidOperationException("Un succès ne se relaie pas.") : new(default, Probleme);

    public override string ToString() => Motif ?? "Réussi";
}
