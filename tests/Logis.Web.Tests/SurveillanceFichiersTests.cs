using System.Net;
using Logis.Tests.Infrastructure;
using Logis.Web.Tests.Infrastructure;

namespace Logis.Web.Tests;

/// <summary>The test apps open no inotify instance, whatever their number (<see cref="SansSurveillanceDeFichiers"/>).</summary>
[Collection(CollectionApplications.Nom)]
public sealed class SurveillanceFichiersTests(ApplicationsFixture fx)
{
    [Fact]
    public async Task Une_application_de_test_de_plus_ne_prend_aucune_instance_inotify()
    {
        if (!OperatingSystem.IsLinux()) return;
        // A derived app of its own (the configuration read, the layout's static files versioned), like the tests that change a setting.
        await using var app = fx.App(BasesDeTest.Sqlite).WithWebHostBuilder(b => b.UseSetting("Logis:Pieces:NombreMaxParDemande", "3"));
        var reponse = await app.CreateClient().GetAsync("/connexion");
        Assert.Equal(HttpStatusCode.OK, reponse.StatusCode);
        Assert.Matches("site\\.css\\?v=", await reponse.Content.ReadAsStringAsync());
        Assert.Equal(0, SansSurveillanceDeFichiers.InstancesInotify());
    }
}
