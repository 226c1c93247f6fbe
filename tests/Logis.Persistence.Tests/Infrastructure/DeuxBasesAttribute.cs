using System.Collections;
using System.Reflection;
using Xunit.Sdk;

namespace Logis.Tests.Infrastructure;

/// <summary>
/// The one way to say « this theory runs on SQLite and on PostgreSQL »: each case is run once per provider of
/// <see cref="BasesDeTest.Toutes"/>, the provider given as the first argument (« (f: "sqlite") », « (f: "postgresql") »).
/// PostgreSQL is never skipped: without <see cref="BasesDeTest.VariablePostgres"/> its cases fail in <see cref="BasesDeTest.CreerAsync"/>.
/// <code>
/// [Theory, DeuxBases]
/// public async Task Quelque_chose(string f) { … }
///
/// public static TheoryData&lt;string&gt; Foyers => ["paris", "toulon"];
///
/// [Theory, DeuxBases(nameof(Foyers))]            // each row of Foyers on each provider: (f, foyer)
/// public async Task Autre_chose(string f, string foyer) { … }
/// </code>
/// The member named by <see cref="Avec"/> is a static property, field or parameterless method of the test class: a
/// <c>TheoryData</c> or any sequence of rows (<c>object?[]</c>) or of single values. Its rows follow the provider, provider by provider.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class DeuxBasesAttribute : DataAttribute
{
    /// <summary>One case per provider: the theory takes only the provider.</summary>
    public DeuxBasesAttribute()
    {
    }

    /// <summary>Every row of the static member <paramref name="avec"/> of the test class, on each provider.</summary>
    public DeuxBasesAttribute(string avec) => Avec = avec;

    /// <summary>The static member whose rows are crossed with the providers, or null.</summary>
    public string? Avec { get; }

    public override IEnumerable<object?[]> GetData(MethodInfo testMethod)
    {
        ArgumentNullException.ThrowIfNull(testMethod);
        List<object?[]> lignes = Avec is null ? [[]] : Lignes(testMethod.ReflectedType ?? testMethod.DeclaringType!, Avec);
        foreach (var fournisseur in BasesDeTest.Toutes)
        {
            foreach (var ligne in lignes) yield return [fournisseur, .. ligne];
        }
    }

    private static List<object?[]> Lignes(Type type, string membre)
    {
        const BindingFlags Statique = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.FlattenHierarchy;
        var valeur = type.GetProperty(membre, Statique) is { } p ? p.GetValue(null)
            : type.GetField(membre, Statique) is { } c ? c.GetValue(null)
            : type.GetMethod(membre, Statique, Type.EmptyTypes) is { } m ? m.Invoke(null, null)
            : throw new ArgumentException($"[DeuxBases(\"{membre}\")] : {type.Name} n'a pas de propriété, de champ ni de méthode statique sans paramètre « {membre} ».");
        if (valeur is not IEnumerable sequence || valeur is string)
            throw new ArgumentException($"[DeuxBases(\"{membre}\")] : {type.Name}.{membre} n'est pas une suite de lignes.");
        var lignes = sequence.Cast<object?>().Select(x => x as object?[] ?? [x]).ToList();
        if (lignes.Count == 0) throw new ArgumentException($"[DeuxBases(\"{membre}\")] : {type.Name}.{membre} est vide.");
        return lignes;
    }
}
