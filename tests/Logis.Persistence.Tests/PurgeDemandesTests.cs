using Logis.Domain.Relances;
using Logis.Domain.Territoire;
using Logis.Persistence.Demandes;
using Logis.Persistence.Relances;
using Logis.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Logis.Application.Relances;
using Logis.Application.Demandes;

namespace Logis.Persistence.Tests;

/// <summary>
/// Retention of radiated demands (docs/protection-des-donnees.md §2 item 14), with a fake clock on both databases: kept until 12 months
/// after the radiation, then not one row left in any table that names the demand, save the audit journal (no content, its
/// own retention); other demands untouched; dry run writes nothing; idempotent; audited.
/// </summary>
public class PurgeDemandesTests
{
    private static readonly Siren Tpm = Siren.Create("248300543");

    [Theory, DeuxBases]
    public async Task Une_demande_radiee_est_supprimee_douze_mois_et_un_jour_apres_sa_radiation_et_rien_d_autre(string f)
    {
        var radiee = RelancesTests.Nouvelle(new DateOnly(2025, 3, 15), 1); // valid until 14/03/2026: reminder 14/02, radiation 15/03/2026
        var active = RelancesTests.Nouvelle(new DateOnly(2026, 12, 1), 2, nom: "Durand");
        var options = await BasesDeTest.CreerAsync(f, "purge");
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            foreach (var d in new[] { radiee, active }) db.AjouterDemande(d, Tpm);
            await db.SaveChangesAsync();
        }
        var horloge = Horloges.ARegler();
        foreach (var jour in new[] { new DateOnly(2026, 2, 14), new DateOnly(2026, 3, 15) })
        {
            horloge.Le(jour);
            await using var db = BasesDeTest.Ouvrir(options);
            await new TraitementRelances(db, horloge, ParametresRelances.ParDefaut).ExecuterAsync(Tpm, null, false, OrigineExecution.LigneDeCommande, "test");
        }
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            Assert.Equal(new DateOnly(2026, 3, 15), (await db.Demandes.AsNoTracking().SingleAsync(d => d.Id == radiee.Id)).DateRadiation);
            var avant = await LignesDemande.CompterAsync(db, radiee.Id);
            // The demand has rows in several tables: its own, its timeline, its scoring row, its letters and text messages.
            Assert.True(avant.Count(t => t.Value > 0) >= 4, string.Join(", ", avant));
        }

        async Task<ResultatPurgeDemandes> PurgerAsync(DateOnly jour, bool essai = false)
        {
            await using var db = BasesDeTest.Ouvrir(options);
            return await new PurgeDemandes(db).PurgerAsync(jour, 12, essai, new DateTimeOffset(jour.ToDateTime(new TimeOnly(3, 0)), TimeSpan.Zero));
        }

        Assert.Equal(0, (await PurgerAsync(new DateOnly(2027, 3, 15))).Total); // exactly 12 months: kept
        var essai = await PurgerAsync(new DateOnly(2027, 3, 16), essai: true);
        Assert.Equal(1, essai.Total);
        await using (var db = BasesDeTest.Ouvrir(options)) Assert.True(await db.Demandes.AnyAsync(d => d.Id == radiee.Id));

        var purge = await PurgerAsync(new DateOnly(2027, 3, 16));
        Assert.Equal(new Dictionary<Siren, int> { [Tpm] = 1 }, purge.ParEpci);
        Assert.Equal(new DateOnly(2026, 3, 16), purge.RadieesAvant);
        await using (var db = BasesDeTest.Ouvrir(options))
        {
            Assert.All(await LignesDemande.CompterAsync(db, radiee.Id), t => Assert.True(t.Value == 0, $"{t.Key} : {t.Value} ligne(s)"));
            Assert.Contains((await LignesDemande.CompterAsync(db, active.Id)).Values, n => n > 0);
            Assert.True(await db.Demandes.AnyAsync(d => d.Id == active.Id));
            var audit = await db.Audit.AsNoTracking().SingleAsync(a => a.Action == ActionsAudit.PurgeDemandes);
            Assert.Equal((Tpm, PurgeDemandes.AuteurId), (audit.EpciSiren!.Value, audit.AuteurId));
            Assert.StartsWith("1 demande(s) radiée(s) avant le 16/03/2026", audit.Detail, StringComparison.Ordinal);
        }

        // Idempotent: nothing more, nothing written.
        Assert.Equal(0, (await PurgerAsync(new DateOnly(2027, 3, 17))).Total);
        await using (var db = BasesDeTest.Ouvrir(options)) Assert.Equal(1, await db.Audit.CountAsync(a => a.Action == ActionsAudit.PurgeDemandes));
    }

    [Fact]
    public void La_conservation_va_de_un_a_douze_mois()
    {
        Assert.Null(PurgeDemandes.Erreur(12));
        Assert.Null(PurgeDemandes.Erreur(1));
        Assert.Contains("de 1 à 12 mois", PurgeDemandes.Erreur(13), StringComparison.Ordinal);
        Assert.NotNull(PurgeDemandes.Erreur(0));
    }
}
