using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace OpenDti.Data;

/// <summary>Provider errors the application answers as outcomes rather than as failures.</summary>
public static class DatabaseErrors
{
    /// <summary>The SQLite result code of a constraint violation.</summary>
    private const int SqliteConstraint = 19;

    /// <summary>SQLite's extended code for a UNIQUE constraint (or unique index) violation.</summary>
    private const int SqliteConstraintUnique = 2067;

    /// <summary>Whether <paramref name="exception"/> is a unique index refusing a second row, on either provider.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception.InnerException switch
        {
            PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
            SqliteException sqlite => sqlite.SqliteErrorCode == SqliteConstraint && sqlite.SqliteExtendedErrorCode == SqliteConstraintUnique,
            _ => false,
        };
    }
}
