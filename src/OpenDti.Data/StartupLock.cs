using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace OpenDti.Data;

/// <summary>
/// One instance at a time prepares the database: several web instances (or the command line) starting
/// at once on one new PostgreSQL database would otherwise each run the migrations and create the roles
/// and built-in frameworks, and all but one would fail (<c>42P07 relation … already exists</c>).
/// </summary>
/// <remarks>
/// On PostgreSQL a session-level advisory lock held on a connection of its own, released when the
/// returned handle is disposed (or when the process dies and the connection closes). SQLite is one file
/// for one application instance; its migrations already take EF Core's own lock, so nothing is held.
/// </remarks>
public static class StartupLock
{
    private const long PostgresKey = 0x4F445449_53544152; // "ODTISTAR"

    /// <summary>Waits until no other instance is preparing <paramref name="db"/>'s database, then holds the lock until disposed.</summary>
    public static async Task<IAsyncDisposable> AcquireAsync(OpenDtiDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsNpgsql())
        {
            return NoLock.Instance;
        }

        var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", PostgresKey);
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new Held(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private sealed class Held(NpgsqlConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // Closing the session releases its advisory locks; the unlock only makes that explicit.
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", PostgresKey);
                await command.ExecuteNonQueryAsync();
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
