using System.Reflection;

namespace Logis.Web.Tests;

/// <summary>
/// The dependency rule (docs/adr/0001, docs/adr/0010): Domain → nothing; Persistence → Domain; Application (the use cases) →
/// Domain, Persistence; Web, Cli → Application (and Domain); nothing → Web or Cli. Web and Cli open the database only to compose
/// (Program.cs, BaseCli): their pages, endpoints and commands hold no DbContext of their own, they call the use cases.
/// </summary>
public class ArchitectureTests
{
    private static readonly Assembly Domain = typeof(Logis.Domain.Territoire.CodeInsee).Assembly;
    private static readonly Assembly Persistence = typeof(Logis.Persistence.LogisDbContext).Assembly;
    private static readonly Assembly Application = typeof(Logis.Application.Demandes.DemandesService).Assembly;
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
    public void Les_cas_d_usage_ne_referencent_que_domaine_et_persistance() =>
        Assert.Equal(new HashSet<string> { "Logis.Domain", "Logis.Persistence" }, LogisReferences(Application));

    [Fact]
    public void Web_et_cli_passent_par_les_cas_d_usage()
    {
        Assert.Contains("Logis.Application", LogisReferences(Web));
        Assert.Contains("Logis.Application", LogisReferences(Cli));
        Assert.DoesNotContain("logis", LogisReferences(Web));
        Assert.DoesNotContain("Logis.Web", LogisReferences(Cli));
    }

    /// <summary>
    /// No page model, endpoint or hosted service of the web app takes the DbContext: each act has one implementation, in
    /// Logis.Application (sign-in included: Logis.Application.Acces.ComptesAgents).
    /// </summary>
    [Fact]
    public void Les_pages_et_points_d_api_n_ouvrent_pas_la_base()
    {
        var contexte = typeof(Logis.Persistence.LogisDbContext);
        var fautifs = Web.GetTypes()
            .Where(t => t.Namespace?.StartsWith("Logis.Web.Features", StringComparison.Ordinal) == true)
            .Where(t => t.GetConstructors().SelectMany(c => c.GetParameters()).Any(p => p.ParameterType == contexte)
                        || t.GetFields(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public).Any(f => f.FieldType == contexte))
            .Select(t => t.FullName).ToList();
        Assert.Empty(fautifs);
    }
}
