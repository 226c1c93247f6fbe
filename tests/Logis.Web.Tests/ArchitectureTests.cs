using System.Reflection;

namespace Logis.Web.Tests;

/// <summary>The dependency rule of docs/adr/0001: Domain → nothing; Persistence → Domain; Web, Cli → Domain, Persistence.</summary>
public class ArchitectureTests
{
    private static readonly Assembly Domain = typeof(Logis.Domain.Territoire.CodeInsee).Assembly;
    private static readonly Assembly Persistence = typeof(Logis.Persistence.LogisDbContext).Assembly;
    private static readonly Assembly Web = typeof(Program).Assembly;
    private static readonly Assembly Cli = Assembly.Load("logis");

    private static HashSet<string> LogisReferences(Assembly a) =>
        a.GetReferencedAssemblies().Select(r => r.Name!).Where(n => n.StartsWith("Logis", StringComparison.Ordinal) || n == "logis").ToHashSet();

    [Fact]
    public void Le_domaine_ne_reference_que_la_bibliotheque_de_base()
    {
        var refs = Domain.GetReferencedAssemblies().Select(r => r.Name!).ToList();
        Assert.All(refs, r => Assert.True(r.StartsWith("System", StringComparison.Ordinal) || r == "netstandard", $"Logis.Domain référence {r}"));
    }

    [Fact]
    public void La_persistance_ne_reference_que_le_domaine() =>
        Assert.Equal(new HashSet<string> { "Logis.Domain" }, LogisReferences(Persistence));

    [Fact]
    public void Web_et_cli_ne_referencent_que_domaine_et_persistance()
    {
        Assert.Subset(new HashSet<string> { "Logis.Domain", "Logis.Persistence" }, LogisReferences(Web));
        Assert.Subset(new HashSet<string> { "Logis.Domain", "Logis.Persistence" }, LogisReferences(Cli));
    }
}
