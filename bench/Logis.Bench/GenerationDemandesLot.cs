using System.Diagnostics;
using Logis.Domain.Demandes;
using Logis.Domain.Territoire;
using Logis.Persistence;
using Logis.Persistence.Seed;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Logis.Bench;

/// <summary>
/// Bench setup for « Cotation en lot (PostgreSQL) »: seeds the TPM synthetic demand file (EF, 16 000 demands), then
/// multiplies it up to <c>nombre</c> demands in SQL: each copy gets a new id and a new valid unique number (computed
/// here, Damm key), the same content, timeline, priority situations and row of <c>cotation_demande</c> (its scoring
/// elements; no score: the context has no scorer). Raw SQL and COPY: setup only, not product code.
/// Usage: <c>dotnet run -c Release --project bench/Logis.Bench -- demandes-lot "CONNEXION" 1000000</c>
/// </summary>
public static class GenerationDemandesLot
{
    public static async Task<int> ExecuterAsync(string connexion, int nombre)
    {
        var chrono = Stopwatch.StartNew();
        var b = new DbContextOptionsBuilder<LogisDbContext>();
        LogisDatabase.Configurer(b, new OptionsBase { Fournisseur = FournisseurBase.PostgreSql, ConnectionString = connexion });
        await using (var db = new LogisDbContext(b.Options))
        {
            var r = await new DemandesSeeder(db, HorlogeBanc.Reelle).SemerAsync(Siren.Create(TerritoireSeeder.SirenTpm), 2026, 16_000);
            Console.WriteLine($"Modèles : {r.Nombre} demandes ({chrono.Elapsed.TotalSeconds:N1} s)");
        }
        await using var c = new NpgsqlConnection(connexion);
        await c.OpenAsync();
        async Task Sql(string sql)
        {
            await using var cmd = new NpgsqlCommand(sql, c) { CommandTimeout = 0 };
            await cmd.ExecuteNonQueryAsync();
        }
        var modeles = new List<Guid>();
        await using (var cmd = new NpgsqlCommand("SELECT \"Id\" FROM demande ORDER BY \"Numero\"", c))
        await using (var lecteur = await cmd.ExecuteReaderAsync())
            while (await lecteur.ReadAsync()) modeles.Add(lecteur.GetGuid(0));
        var manquantes = nombre - modeles.Count;
        if (manquantes <= 0) return 0;
        await Sql("CREATE UNLOGGED TABLE bench_copie (modele uuid, id uuid, numero varchar(18))");
        await using (var copie = await c.BeginBinaryImportAsync("COPY bench_copie (modele, id, numero) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < manquantes; i++)
            {
                await copie.StartRowAsync();
                await copie.WriteAsync(modeles[i % modeles.Count], NpgsqlDbType.Uuid);
                await copie.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                // Numbers of a fictitious territory, year and service (ZZZ, 2099, BENCH) that the seed never uses.
                var depot = new DateOnly(2099, 1 + (i / NumeroUnique.SequenceMaximum % 12), 1);
                await copie.WriteAsync(NumeroUnique.Creer("ZZZ", depot, 1 + (i % NumeroUnique.SequenceMaximum), "BENCH").Valeur.Valeur, NpgsqlDbType.Varchar);
            }
            await copie.CompleteAsync();
        }
        await Sql("CREATE INDEX ON bench_copie (modele)");
        foreach (var (table, cle) in new[] { ("demande", "Id"), ("demande_evenement", "DemandeId"), ("demande_situation_prioritaire", "DemandeId"), ("demande_avertissement", "DemandeId"), ("cotation_demande", "DemandeId"), ("preselection_demande", "DemandeId") })
        {
            var colonnes = new List<string>();
            await using (var cmd = new NpgsqlCommand($"SELECT column_name FROM information_schema.columns WHERE table_name = '{table}' ORDER BY ordinal_position", c))
            await using (var lecteur = await cmd.ExecuteReaderAsync())
                while (await lecteur.ReadAsync()) colonnes.Add(lecteur.GetString(0));
            var cibles = string.Join(", ", colonnes.Select(x => $"\"{x}\""));
            var sources = string.Join(", ", colonnes.Select(x => x == cle ? "b.id" : x == "Numero" && table is "demande" or "preselection_demande" ? "b.numero" : $"t.\"{x}\""));
            await Sql($"INSERT INTO {table} ({cibles}) SELECT {sources} FROM bench_copie b JOIN {table} t ON t.\"{cle}\" = b.modele");
            Console.WriteLine($"{table} : copié ({chrono.Elapsed.TotalSeconds:N1} s)");
        }
        await Sql("DROP TABLE bench_copie");
        await Sql("VACUUM ANALYZE");
        Console.WriteLine($"{nombre:N0} demandes en {chrono.Elapsed.TotalSeconds:N1} s");
        return 0;
    }
}
