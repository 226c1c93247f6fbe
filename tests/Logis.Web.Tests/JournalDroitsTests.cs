using System.CommandLine;
using Logis.Cli;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Demandes;
using Logis.Persistence.Journal;
using Logis.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Logis.Web.Tests;

/// <summary>
/// The journal cannot be rewritten (ADR 0011): on the throwaway PostgreSQL, after <c>logis journal droits</c>, the application's role
/// inserts and reads audit rows but every UPDATE, DELETE or TRUNCATE fails, even in raw SQL; the retention purge works under the purge
/// role's connection, and is refused (code 3, nothing deleted) under the application's.
/// </summary>
public class JournalDroitsTests
{
    private static readonly Siren Tpm = Siren.Create("248300543");

    private static async Task<int> LogisAsync(string connexion, params string[] args)
    {
        BaseCli.Horloge = Horloges.Fixe();
        var racine = new RootCommand { BaseCli.OptionFournisseur, BaseCli.OptionConnexion };
        racine.Subcommands.Add(CommandesJournal.Journal());
        return await racine.Parse([.. args, "--base", "postgresql", "--connexion", connexion]).InvokeAsync();
    }

    private static async Task ExecuterAsync(string connexion, string sql)
    {
        await using var c = new NpgsqlConnection(connexion);
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, c);
        await cmd.ExecuteNonQueryAsync();
    }

    private static OptionsBase Sous(OptionsBase options, string role) => new()
    {
        Fournisseur = FournisseurBase.PostgreSql,
        ConnectionString = new NpgsqlConnectionStringBuilder(options.ConnectionString) { Username = role, Password = null, Pooling = false }.ConnectionString,
    };

    [Fact]
    public async Task Le_role_de_l_application_ne_peut_ni_modifier_ni_supprimer_le_journal_et_la_purge_passe_par_son_role()
    {
        var options = await BasesDeTest.CreerAsync(BasesDeTest.Postgres, "droits");
        var suffixe = Guid.NewGuid().ToString("N")[..8];
        string app = $"logis_app_{suffixe}", purge = $"logis_purge_{suffixe}";
        await ExecuterAsync(options.ConnectionString!, $"CREATE ROLE {app} LOGIN; CREATE ROLE {purge} LOGIN;");
        try
        {
            // Refusals first: the same role twice, an unknown role, a superuser.
            Assert.Equal(2, await LogisAsync(options.ConnectionString!, "journal", "droits", "--role-application", app, "--role-purge", app));
            Assert.Equal(2, await LogisAsync(options.ConnectionString!, "journal", "droits", "--role-application", app, "--role-purge", "inconnu_" + suffixe));
            Assert.Equal(2, await LogisAsync(options.ConnectionString!, "journal", "droits", "--role-application", "postgres", "--role-purge", purge));
            Assert.Equal(0, await LogisAsync(options.ConnectionString!, "journal", "droits", "--role-application", app, "--role-purge", purge));

            var sousApp = Sous(options, app);
            var maintenant = Horloges.Fixe().GetUtcNow();
            await using (var db = BasesDeTest.Ouvrir(sousApp))
            {
                Assert.False(await DroitsBase.PeutAsync(db, app, "UPDATE", CancellationToken.None));
                Assert.False(await DroitsBase.PeutAsync(db, app, "DELETE", CancellationToken.None));
                Assert.True(await DroitsBase.PeutAsync(db, purge, "DELETE", CancellationToken.None));
                // The application writes the journal and the other tables as before.
                db.Audit.Add(new EntreeAudit { Quand = maintenant.AddMonths(-14), AuteurId = Guid.NewGuid(), Auteur = "Ancien", Organisation = "TPM", Action = ActionsAudit.Import, EpciSiren = Tpm });
                db.Audit.Add(new EntreeAudit { Quand = maintenant.AddDays(-1), AuteurId = Guid.NewGuid(), Auteur = "Recent", Organisation = "TPM", Action = ActionsAudit.Import, EpciSiren = Tpm });
                await db.SaveChangesAsync();
                await db.Database.ExecuteSqlRawAsync("INSERT INTO sequence_numero (\"Territoire\", \"Annee\", \"Mois\", \"Dernier\") VALUES ('083', 2026, 1, 1)");
                await db.Database.ExecuteSqlRawAsync("UPDATE sequence_numero SET \"Dernier\" = 2");
            }
            foreach (var sql in new[] { "UPDATE audit SET \"Detail\" = 'réécrit'", "DELETE FROM audit", "TRUNCATE audit" })
            {
                var refus = await Assert.ThrowsAsync<PostgresException>(() => ExecuterAsync(sousApp.ConnectionString!, sql));
                Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refus.SqlState);
            }
            await using (var db = BasesDeTest.Ouvrir(sousApp))
            {
                var e = await Assert.ThrowsAnyAsync<Exception>(() => db.Audit.Where(a => a.Auteur == "Ancien").ExecuteDeleteAsync());
                Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (e as PostgresException ?? e.InnerException as PostgresException)?.SqlState);
                Assert.Equal(2, await db.Audit.CountAsync());
            }

            // The purge under the application's role is refused, nothing deleted; under the purge role it removes the old row and records itself.
            Assert.Equal(3, await LogisAsync(sousApp.ConnectionString!, "journal", "purger", "--mois", "12"));
            Assert.Equal(0, await LogisAsync(sousApp.ConnectionString!, "journal", "purger", "--mois", "12", "--connexion-purge", Sous(options, purge).ConnectionString!));
            await using (var db = BasesDeTest.Ouvrir(sousApp))
            {
                var restantes = await db.Audit.AsNoTracking().Select(a => a.Auteur).ToListAsync();
                Assert.DoesNotContain("Ancien", restantes);
                Assert.Contains("Recent", restantes);
                Assert.Single(await db.Audit.AsNoTracking().Where(a => a.Action == ActionsAudit.PurgeJournal).ToListAsync());
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuterAsync(options.ConnectionString!, $"DROP OWNED BY {app}, {purge}; DROP ROLE {app}; DROP ROLE {purge};");
        }
    }
}
