using Microsoft.Data.Sqlite;
using Npgsql;

namespace OpenDti.Data.Storage;

/// <summary>Why the database cannot store anything now.</summary>
public enum StorageProblem
{
    /// <summary>The disk (or the database's allowed size) is full: SQLite SQLITE_FULL, PostgreSQL 53100 disk_full.</summary>
    Full,

    /// <summary>The database or its folder is read-only: SQLite SQLITE_READONLY or SQLITE_CANTOPEN, PostgreSQL 25006 read_only_sql_transaction.</summary>
    ReadOnly,
}

/// <summary>
/// Recognises, in an exception from either provider, a database that cannot store anything now (a full
/// disk, a read-only file or folder), so that the request answers 503 with a clear message instead of
/// 500, and a save is never mistaken for a concurrent change.
/// </summary>
public static class StorageFailure
{
    /// <summary>The SQLite result code of a full database (SQLITE_FULL).</summary>
    public const int SqliteFull = 13;

    /// <summary>The SQLite result code of a read-only database (SQLITE_READONLY), whatever its extended code.</summary>
    public const int SqliteReadOnly = 8;

    /// <summary>
    /// The SQLite result code of a database file that cannot be opened (SQLITE_CANTOPEN): on a data
    /// folder mounted read-only, a write-ahead-log database cannot open its -shm and -wal files.
    /// </summary>
    public const int SqliteCannotOpen = 14;

    /// <summary>PostgreSQL's disk_full.</summary>
    public const string PostgresDiskFull = "53100";

    /// <summary>PostgreSQL's read_only_sql_transaction (a standby, or default_transaction_read_only).</summary>
    public const string PostgresReadOnly = "25006";

    /// <summary>The storage problem <paramref name="exception"/> or one of its inner exceptions reports, or null.</summary>
    public static StorageProblem? Of(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var problem = e switch
            {
                SqliteException sqlite => OfSqlite(sqlite.SqliteErrorCode),
                PostgresException postgres => OfPostgres(postgres.SqlState),
                _ => null,
            };
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="exception"/> is a storage problem rather than, say, a concurrent change.</summary>
    public static bool Is(Exception? exception) => Of(exception) is not null;

    /// <summary>The problem of a SQLite result code (primary or extended: SQLITE_READONLY_DIRECTORY is 8 too).</summary>
    public static StorageProblem? OfSqlite(int code) => (code & 0xFF) switch
    {
        SqliteFull => StorageProblem.Full,
        SqliteReadOnly or SqliteCannotOpen => StorageProblem.ReadOnly,
        _ => null,
    };

    /// <summary>The problem of a PostgreSQL SQLSTATE.</summary>
    public static StorageProblem? OfPostgres(string? sqlState) => sqlState switch
    {
        PostgresDiskFull => StorageProblem.Full,
        PostgresReadOnly => StorageProblem.ReadOnly,
        _ => null,
    };
}
