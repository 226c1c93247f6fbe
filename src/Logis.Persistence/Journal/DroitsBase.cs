using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;

namespace Logis.Persistence.Journal;

/// <summary>
/// The PostgreSQL privileges that make the audit journal append-only for the application (ADR 0011,
/// docs/protection-des-donnees.md §2 item 17): run by the owner of the schema (<c>logis droits</c>), after every
/// <c>logis migrate</c> (a new table needs its grants).
/// <list type="bullet">
/// <item>the application's role reads and writes every table, but on <c>audit</c> it may only read and insert: no
/// <c>UPDATE</c>, <c>DELETE</c> nor <c>TRUNCATE</c> — an attacker holding its connection cannot rewrite the journal;</item>
/// <item>the purge role reads the hosted territories and may read, insert (the purge records itself) and delete rows of
/// <c>audit</c>, nothing else;</item>
/// <item>neither may own the tables (an owner grants itself anything back) nor be a superuser (privileges do not bind it).</item>
/// </list>
/// </summary>
public static partial class DroitsBase
{
    [GeneratedRegex("^[a-z_][a-z0-9_$]{0,62}$")]
    private static partial Regex NomRole();

    /// <summary>Why these roles cannot be given the privileges, or null.</summary>
    public static async Task<string?> ErreurAsync(LogisDbContext db, string roleApplication, string rolePurge, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql()) return "Les droits des rôles ne concernent que PostgreSQL (la base SQLite de démonstration n'a pas de rôles).";
        foreach (var role in new[] { roleApplication, rolePurge })
        {
            if (!NomRole().IsMatch(role))
                return $"Nom de rôle invalide « {role} » : lettres minuscules non accentuées, chiffres et « _ », 63 caractères au plus.";
        }
        if (roleApplication == rolePurge) return "Le rôle de purge doit être distinct du rôle de l'application.";
        foreach (var role in new[] { roleApplication, rolePurge })
        {
            var super = await db.Database.SqlQuery<bool>($"""SELECT rolsuper AS "Value" FROM pg_roles WHERE rolname = {role}""").ToListAsync(ct);
            if (super.Count == 0) return $"Le rôle « {role} » n'existe pas : créez-le d'abord (CREATE ROLE {role} LOGIN PASSWORD '…').";
            if (super[0]) return $"Le rôle « {role} » est superutilisateur : les droits ne le limitent pas ; donnez à Logis un rôle ordinaire.";
            var proprietaire = await db.Database.SqlQuery<int>(
                $"""SELECT COUNT(*)::int AS "Value" FROM pg_tables WHERE schemaname = current_schema() AND tableowner = {role}""").SingleAsync(ct);
            if (proprietaire > 0)
                return $"Le rôle « {role} » possède des tables de Logis : il pourrait se rendre les droits retirés ; les migrations doivent tourner sous un autre rôle (le propriétaire du schéma).";
        }
        return null;
    }

    /// <summary>Grants and revokes (idempotent); call <see cref="ErreurAsync"/> first.</summary>
    public static async Task AppliquerAsync(LogisDbContext db, string roleApplication, string rolePurge, CancellationToken ct)
    {
        if (await ErreurAsync(db, roleApplication, rolePurge, ct) is { } erreur) throw new InvalidOperationException(erreur);
        var schema = await db.Database.SqlQuery<string>($"""SELECT current_schema() AS "Value" """).SingleAsync(ct);
        string Q(string nom) => "\"" + nom.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        string app = Q(roleApplication), purge = Q(rolePurge), s = Q(schema);
        string[] ordres =
        [
            $"GRANT USAGE ON SCHEMA {s} TO {app}, {purge}",
            $"REVOKE ALL ON ALL TABLES IN SCHEMA {s} FROM {app}, {purge}",
            $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {app}",
            $"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA {s} TO {app}",
            // The journal: append-only for the application, for every role that is not named here.
            $"REVOKE ALL ON {s}.audit FROM PUBLIC",
            $"REVOKE UPDATE, DELETE, TRUNCATE ON {s}.audit FROM {app}",
            $"GRANT SELECT, INSERT, DELETE ON {s}.audit TO {purge}",
            $"GRANT SELECT ON {s}.territoire_heberge, {s}.\"__ef_migrations\" TO {purge}",
        ];
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var ordre in ordres) await db.Database.ExecuteSqlRawAsync(ordre, ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>Whether a role may run an operation on the audit table (has_table_privilege), for the command's report and the tests.</summary>
    public static async Task<bool> PeutAsync(LogisDbContext db, string role, string operation, CancellationToken ct) =>
        await db.Database.SqlQuery<bool>($"""SELECT has_table_privilege({role}, 'audit', {operation}) AS "Value" """).SingleAsync(ct);
}
