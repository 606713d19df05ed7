using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenDti.Core.Text;
using OpenDti.Data;
using OpenDti.Data.Storage;
using OpenDti.Web.Api;

namespace OpenDti.Web.Startup;

/// <summary>
/// <c>/health</c>'s <c>storage</c> check: Unhealthy, with the cause, when the database cannot store
/// anything. It reports the last save refused for a full or read-only disk until a save succeeds
/// (<see cref="StorageWatch"/>), tries a write that it rolls back (SQLite: the header's user_version;
/// PostgreSQL: whether transactions are read-only), and for SQLite checks the free space of the data
/// folder's disk. It never changes anything.
/// </summary>
internal sealed class StorageHealthCheck(OpenDtiDbContext db, StorageWatch watch) : IHealthCheck
{
    /// <summary>Below this much free space on the SQLite data disk, saves are about to fail.</summary>
    public const long MinimumFreeBytes = 32L * 1024 * 1024;

    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (watch.Last is { } last)
        {
            return Unhealthy(last.Problem, string.Create(CultureInfo.InvariantCulture, $" (UTC {last.At:yyyy-MM-dd HH:mm:ss})"));
        }

        if (await ProbeAsync(cancellationToken) is { } problem)
        {
            return Unhealthy(problem, string.Empty);
        }

        if (db.Database.IsSqlite() && FreeBytes() is { } free && free < MinimumFreeBytes)
        {
            return HealthCheckResult.Unhealthy(string.Format(
                CultureInfo.InvariantCulture,
                "{0} / {1}",
                BadRequests.Text(Language.Vietnamese, "StorageAlmostFull", free / (1024 * 1024)),
                BadRequests.Text(Language.English, "StorageAlmostFull", free / (1024 * 1024))));
        }

        return HealthCheckResult.Healthy();
    }

    private static HealthCheckResult Unhealthy(StorageProblem problem, string when)
    {
        var key = problem == StorageProblem.Full ? "StorageFull" : "StorageReadOnly";
        return HealthCheckResult.Unhealthy(BadRequests.Text(Language.Vietnamese, key) + " / " + BadRequests.Text(Language.English, key) + when);
    }

    /// <summary>A write the database refuses, rolled back: why it cannot store anything, or null.</summary>
    private async Task<StorageProblem?> ProbeAsync(CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            if (db.Database.IsSqlite())
            {
                var version = Convert.ToInt64(await ScalarAsync(connection, transaction, "PRAGMA user_version", cancellationToken), CultureInfo.InvariantCulture);
                await ScalarAsync(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {version}"), cancellationToken);
            }
            else if (await ScalarAsync(connection, transaction, "SHOW transaction_read_only", cancellationToken) is "on")
            {
                return StorageProblem.ReadOnly;
            }

            await transaction.RollbackAsync(cancellationToken);
            return null;
        }
        catch (DbException exception) when (StorageFailure.Of(exception) is { } problem)
        {
            return problem;
        }
        catch (SqliteException busy) when (busy.SqliteErrorCode is 5 or 6)
        {
            // Another request holds the write lock: the database is writing, so it can.
            return null;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>The free space of the disk holding the SQLite file, when it can be known.</summary>
    private long? FreeBytes()
    {
        var source = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (string.IsNullOrEmpty(source) || source == ":memory:")
        {
            return null;
        }

        try
        {
            return new DriveInfo(Path.GetDirectoryName(Path.GetFullPath(source)) ?? source).AvailableFreeSpace;
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
