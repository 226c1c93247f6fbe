using Logis.Domain.Demandes;
using Logis.Persistence;
using Logis.Persistence.Demandes;
using Microsoft.EntityFrameworkCore;

namespace Logis.Tests.Infrastructure;

/// <summary>What still names a demand in a base: the retention tests (the purge of radiated demands, of what outlives a lease).</summary>
public static class LignesDemande
{
    /// <summary>Rows naming the demand in every table with a DemandeId column (read from the model), the audit journal aside.</summary>
    public static async Task<Dictionary<string, int>> CompterAsync(LogisDbContext db, DemandeId id)
    {
        var lignes = new Dictionary<string, int>();
        foreach (var table in db.Model.GetEntityTypes().Where(t => t.ClrType != typeof(EntreeAudit))
                     .Select(t => (Table: t.GetTableName(), Colonne: t.FindProperty("DemandeId")?.GetColumnName() ?? (t.ClrType == typeof(Demande) ? "Id" : null)))
                     .Where(t => t.Table is not null && t.Colonne is not null).Distinct())
        {
            var sql = $"SELECT COUNT(*) AS \"Value\" FROM \"{table.Table}\" WHERE \"{table.Colonne}\" = {{0}}";
            lignes[table.Table!] = await db.Database.SqlQueryRaw<int>(sql, id.Value).SingleAsync();
        }
        return lignes;
    }
}
