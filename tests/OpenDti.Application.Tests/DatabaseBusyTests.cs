using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using OpenDti.Data.Storage;
using Xunit;

namespace OpenDti.Application.Tests;

/// <summary>Which provider errors mean "too busy, try again" (503) rather than a failure (500) or a full or read-only disk.</summary>
public sealed class DatabaseBusyTests
{
    [Fact]
    public void SqliteBusyAndLocked_AndNpgsqlTimeouts_AreBusy_WhereverTheyAreWrapped()
    {
        Assert.True(DatabaseBusy.Is(new SqliteException("database is locked", 5)));
        Assert.True(DatabaseBusy.Is(new SqliteException("database table is locked", 6)));
        Assert.True(DatabaseBusy.Is(new DbUpdateException("save", new SqliteException("database is locked", 5))));
        Assert.True(DatabaseBusy.Is(new NpgsqlException("Exception while reading from stream", new TimeoutException("Timeout during reading attempt"))));
        Assert.True(DatabaseBusy.Is(new InvalidOperationException("query", new NpgsqlException("The connection pool has been exhausted", new TimeoutException()))));
        foreach (var state in new[] { "57014", "55P03", "40P01", "53300" })
        {
            Assert.True(DatabaseBusy.Is(new DbUpdateException("save", new PostgresException("busy", "ERROR", "ERROR", state))), state);
        }
    }

    [Fact]
    public void OtherErrors_AreNotBusy_NorAreFullOrReadOnlyDisks()
    {
        Assert.False(DatabaseBusy.Is(null));
        Assert.False(DatabaseBusy.Is(new InvalidOperationException("a bug")));
        Assert.False(DatabaseBusy.Is(new SqliteException("UNIQUE constraint failed", 19)));
        Assert.False(DatabaseBusy.Is(new SqliteException("database or disk is full", StorageFailure.SqliteFull)));
        Assert.False(DatabaseBusy.Is(new NpgsqlException("connection refused")));
        Assert.False(DatabaseBusy.Is(new PostgresException("duplicate key", "ERROR", "ERROR", "23505")));
        Assert.False(StorageFailure.Is(new SqliteException("database is locked", 5)));
    }
}
