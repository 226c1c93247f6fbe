using Logis.Domain.Patrimoine;
using Logis.Domain.Territoire;
using Logis.Persistence.Seed;
using Logis.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Logis.Persistence.Tests;

[CollectionDefinition(Nom)]
public class CollectionTerritoire : ICollectionFixture<TerritoireSemeFixture>
{
    public const string Nom = "Territoire TPM semé";
}

[Collection(CollectionTerritoire.Nom)]
public class TerritoireSeederTests(TerritoireSemeFixture fixture)
{
    private static readonly Siren Tpm = Siren.Create(TerritoireSeeder.SirenTpm);

    [Theory, DeuxBases]
    public async Task Le_parc_de_tpm_reproduit_le_rpls_2019(string fournisseur)
    {
        await using var db = fixture.Ouvrir(fournisseur);
        Assert.Equal(12, await db.Communes.CountAsync(c => c.EpciSiren == Tpm));
        Assert.Equal(29_411, await db.Logements.CountAsync());
        Assert.Equal(9_577, await db.Logements.CountAsync(l => l.QpvCode != null));

        // Every commune: exact total and exact room distribution (T5 and T6+ together, as RPLS publishes them).
        var rpls = TerritoireSemeFixture.Reference.ParcRpls2019();
        var parCommune = await db.Logements.GroupBy(l => new { l.CommuneInsee, l.Typologie }).Select(g => new { g.Key.CommuneInsee, g.Key.Typologie, N = g.Count() }).ToListAsync();
        foreach (var commune in parCommune.Select(x => x.CommuneInsee).Distinct())
        {
            var attendu = rpls[commune];
            int N(params Typologie[] t) => parCommune.Where(x => x.CommuneInsee == commune && t.Contains(x.Typologie)).Sum(x => x.N);
            Assert.Equal(attendu.Total, N(Enum.GetValues<Typologie>()));
            Assert.Equal(attendu.ParPieces[0], N(Typologie.T1));
            Assert.Equal(attendu.ParPieces[1], N(Typologie.T2));
            Assert.Equal(attendu.ParPieces[3], N(Typologie.T4));
            Assert.Equal(attendu.ParPieces[4], N(Typologie.T5, Typologie.T6));
        }

        // Rent calibrated on the RPLS mean of TPM (5.66 €/m²), within the documented spread.
        var loyers = await db.Logements.Select(l => new { l.LoyerPrincipal, l.SurfaceHabitable }).ToListAsync();
        var loyerM2 = loyers.Sum(l => l.LoyerPrincipal) / loyers.Sum(l => l.SurfaceHabitable);
        Assert.InRange(loyerM2, 5.3m, 6.6m);
        Assert.InRange(await db.BailleursTerritoires.CountAsync(b => b.EpciSiren == Tpm), 6, 8);
    }

    [Theory, DeuxBases]
    public async Task Semer_une_seconde_fois_ne_duplique_rien(string fournisseur)
    {
        await using var db = fixture.Ouvrir(fournisseur);
        var avant = (await db.Logements.CountAsync(), await db.Reservataires.CountAsync(), await db.Utilisateurs.CountAsync(), await db.Communes.CountAsync());
        var resultat = await new TerritoireSeeder(db, TerritoireSemeFixture.Reference, Horloges.Fixe()).SemerAsync(Tpm, 2026, comptesDemo: true);
        Assert.True(resultat.DejaPresent);
        Assert.Equal(avant, (await db.Logements.CountAsync(), await db.Reservataires.CountAsync(), await db.Utilisateurs.CountAsync(), await db.Communes.CountAsync()));
    }

    [Theory, DeuxBases]
    public async Task Les_reservataires_couvrent_etat_communes_epci_action_logement_et_bailleurs(string fournisseur)
    {
        await using var db = fixture.Ouvrir(fournisseur);
        var types = await db.Reservataires.Where(r => r.EpciSiren == Tpm).GroupBy(r => r.Type).Select(g => new { g.Key, N = g.Count() }).ToListAsync();
        Assert.Equal(1, types.Single(t => t.Key == Domain.Organisations.TypeReservataire.Prefet).N);
        Assert.Equal(12, types.Single(t => t.Key == Domain.Organisations.TypeReservataire.Commune).N);
        Assert.Equal(1, types.Single(t => t.Key == Domain.Organisations.TypeReservataire.ActionLogement).N);
        Assert.Equal(await db.BailleursTerritoires.CountAsync(b => b.EpciSiren == Tpm), types.Single(t => t.Key == Domain.Organisations.TypeReservataire.Bailleur).N);
    }
}

public class TerritoireSeederEchecTests
{
    [Theory, DeuxBases]
    public async Task Un_epci_inconnu_est_refuse_sans_rien_ecrire_du_territoire(string fournisseur)
    {
        var options = await BasesDeTest.CreerAsync(fournisseur, "inconnu");
        await using var db = BasesDeTest.Ouvrir(options);
        var seeder = new TerritoireSeeder(db, TerritoireSemeFixture.Reference, Horloges.Fixe());
        var e = await Assert.ThrowsAsync<ArgumentException>(() => seeder.SemerAsync(Siren.Create("999999999"), 1, comptesDemo: true));
        Assert.Contains("999999999", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, await db.Logements.CountAsync());
        Assert.Equal(0, await db.TerritoiresHeberges.CountAsync());
    }

    [Fact]
    public async Task Le_modele_n_a_pas_de_changement_sans_migration()
    {
        var options = await BasesDeTest.CreerAsync(BasesDeTest.Postgres, "migrations");
        await using var db = BasesDeTest.Ouvrir(options);
        Assert.False(db.Database.HasPendingModelChanges(), "Le modèle EF a changé : ajoutez une migration (dotnet ef migrations add …).");
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }
}
