using Logis.Domain.Commun;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Logis.Persistence;

/// <summary>
/// What a failed write means to the user, whichever database: the loser of two concurrent acts (a unique rank of a timeline, a
/// unique index, an optimistic version) is a conflict — nothing was written, the act may be tried again on fresh data; a lock
/// held too long (SQLite busy, PostgreSQL lock timeout) is a temporary unavailability. Anything else is not a user's failure
/// (null). The one place that reads provider error codes; the web maps the result to 409 / 503 (issue 13, items 4 and 5).
/// </summary>
public static class ErreursEcriture
{
    public const string MessageConflit =
        "Un autre agent a modifié ce dossier au même moment : rien n'a été enregistré. Rechargez la page et recommencez.";

    public const string MessageIndisponible =
        "La base est occupée par un traitement long (recalcul, import) : rien n'a été enregistré. Réessayez dans quelques secondes.";

    public static Echec? EnEchec(Exception? e)
    {
        for (var x = e; x is not null; x = x.InnerException)
        {
            switch (x)
            {
                case DbUpdateConcurrencyException:
                    return Echec.Conflit(MessageConflit);
                // SQLITE_CONSTRAINT_UNIQUE (2067), SQLITE_CONSTRAINT_PRIMARYKEY (1555).
                case SqliteException { SqliteExtendedErrorCode: 2067 or 1555 }:
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }:
                    return Echec.Conflit(MessageConflit);
                // SQLITE_BUSY, SQLITE_LOCKED; PostgreSQL: lock not available, deadlock, statement or lock timeout.
                case SqliteException { SqliteErrorCode: 5 or 6 }:
                case PostgresException { SqlState: PostgresErrorCodes.LockNotAvailable or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.QueryCanceled }:
                    return Echec.Indisponible(MessageIndisponible);
            }
        }
        return null;
    }
}
