using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace OpenDti.Data.Storage;

/// <summary>
/// How OpenDti uses a SQLite file so that people saving at once do not wait in 150 ms steps (issue 16): the
/// write-ahead log and SQLite's own busy wait, each commit still on disk before it is confirmed. Measured in
/// docs/performance.md ("SQLite's writers").
/// </summary>
/// <remarks>
/// <para>
/// <b>Write-ahead log</b> (<c>journal_mode = WAL</c>, set once on the file at start, <see cref="UseWriteAheadLogAsync"/>):
/// readers no longer stop a writer from committing, nor a writer the readers; writers still go one at a time.
/// The file keeps the mode; <c>opendti.db-wal</c> and <c>opendti.db-shm</c> sit beside it while it is open
/// (a backup takes <c>sqlite3 … ".backup …"</c>, which reads through them, never a copy of the file alone).
/// </para>
/// <para>
/// <b>Busy wait</b> (<c>busy_timeout</c>, on every connection): a writer that finds another writing waits inside
/// SQLite, which tries again after 1, 2, 5, 10… ms. Without it Microsoft.Data.Sqlite retries a busy statement
/// itself after sleeping 150 ms each time, so every collision of two saves cost a whole step. The wait ends
/// inside the command timeout (30 s), after which the request is answered 503 (<see cref="DatabaseBusy"/>).
/// </para>
/// <para>
/// <b>Synchronous FULL</b> (on every connection, SQLite's default said out loud): each commit waits until the log
/// is on disk, so a save OpenDti confirmed survives a power cut. NORMAL would skip that wait (about 40% more saves
/// a second with nobody pausing, the same p95 with people's pauses) at the price of the last commits before a
/// power cut: not a price for reported values, which are audited.
/// </para>
/// </remarks>
public sealed class SqliteTuning : DbConnectionInterceptor
{

    /// <summary>The one instance: it holds no state.</summary>
    public static SqliteTuning Instance { get; } = new();

    /// <summary>Puts <paramref name="db"/>'s SQLite file in write-ahead-log mode (kept in the file); nothing on PostgreSQL.</summary>
    public static async Task UseWriteAheadLogAsync(OpenDtiDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL", cancellationToken);
        }
    }

    /// <inheritdoc />
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = PerConnection(connection);
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = PerConnection(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The settings of one connection. SQLite's busy wait ends half a second inside the connection's command timeout
    /// (<c>Default Timeout</c>, 30 s unless the connection string says otherwise), so that the command's own
    /// timeout, not the wait, decides when the request is answered 503.
    /// </summary>
    private static string PerConnection(DbConnection connection)
    {
        var seconds = connection is SqliteConnection sqlite ? sqlite.DefaultTimeout : 30;
        var wait = Math.Max(0, (seconds * 1000) - 500);
        return string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {wait}; PRAGMA synchronous = FULL;");
    }
}
