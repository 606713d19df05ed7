using Microsoft.Data.Sqlite;
using Npgsql;

namespace OpenDti.Data.Storage;

/// <summary>
/// Recognises, in an exception from either provider, a database too busy to answer in time: a request that waited
/// past the command timeout (behind other writers' locks, for a connection from a full pool), or that the server
/// cancelled or found in a deadlock. Nothing was saved (the transaction rolled back), and the same request may
/// succeed a moment later, so it is answered 503 with <c>Retry-After</c> rather than 500.
/// </summary>
public static class DatabaseBusy
{
    /// <summary>SQLite's SQLITE_BUSY: another connection held the write lock past the command timeout.</summary>
    public const int SqliteBusy = 5;

    /// <summary>SQLite's SQLITE_LOCKED: a table locked by the same connection's other statement.</summary>
    public const int SqliteLocked = 6;

    /// <summary>The PostgreSQL SQLSTATEs of a busy server: query_canceled (a statement timeout), lock_not_available, deadlock_detected, too_many_connections.</summary>
    private static readonly string[] PostgresBusy = ["57014", "55P03", "40P01", "53300"];

    /// <summary>Whether <paramref name="exception"/> or one of its inner exceptions says the database was too busy to answer in time.</summary>
    public static bool Is(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var busy = e switch
            {
                SqliteException sqlite => (sqlite.SqliteErrorCode & 0xFF) is SqliteBusy or SqliteLocked,
                PostgresException postgres => PostgresBusy.Contains(postgres.SqlState, StringComparer.Ordinal),
                // Npgsql's command timeout, and a connection pool that stayed exhausted for the timeout: a TimeoutException inside.
                NpgsqlException npgsql => npgsql.InnerException is TimeoutException,
                _ => false,
            };
            if (busy)
            {
                return true;
            }
        }

        return false;
    }
}
