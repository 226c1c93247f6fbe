using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Reference;
using Logis.Persistence.Seed;

namespace Logis.Tests.Infrastructure;

/// <summary>One database per provider with the demo territory (TPM) seeded once, shared by the read-only tests.</summary>
public sealed class TerritoireSemeFixture : IAsyncLifetime
{
    private readonly Dictionary<string, OptionsBase> _bases = [];

    public static readonly ReferenceData Reference = ReferenceData.Trouver();

    public async Task InitializeAsync()
    {
        foreach (var f in BasesDeTest.Toutes)
        {
            var options = await BasesDeTest.CreerAsync(f, "tpm");
            await using var db = BasesDeTest.Ouvrir(options);
            await new TerritoireSeeder(db, Reference, Horloges.Fixe()).SemerAsync(Siren.Create(TerritoireSeeder.SirenTpm), 2026, comptesDemo: true);
            _bases[f] = options;
        }
    }

    public OptionsBase Options(string fournisseur) => _bases[fournisseur];

    public LogisDbContext Ouvrir(string fournisseur) => BasesDeTest.Ouvrir(_bases[fournisseur]);

    public Task DisposeAsync() => Task.CompletedTask;
}
