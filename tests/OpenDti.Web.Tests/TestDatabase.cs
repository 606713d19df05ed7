using Npgsql;
using Xunit;

namespace OpenDti.Web.Tests;

/// <summary>
/// A fresh database for a test: a SQLite file in a temporary folder, or a new PostgreSQL database on the
/// server named by the environment variable <c>OPENDTI_TEST_POSTGRES</c> (an admin connection string;
/// <c>.ci/run</c> sets it). PostgreSQL tests are skipped, with the reason, when it is not set.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>The environment variable naming the PostgreSQL server.</summary>
    public const string PostgresVariable = "OPENDTI_TEST_POSTGRES";

    private readonly string? _adminConnection;

    private TestDatabase(string provider, string connectionString, string dataDirectory, string? adminConnection, string? name)
    {
        Provider = provider;
        ConnectionString = connectionString;
        DataDirectory = dataDirectory;
        _adminConnection = adminConnection;
        Name = name;
    }

    /// <summary>"Sqlite" or "Postgres".</summary>
    public string Provider { get; }

    /// <summary>The connection string for the application.</summary>
    public string ConnectionString { get; }

    /// <summary>A temporary data directory.</summary>
    public string DataDirectory { get; }

    private string? Name { get; }

    /// <summary>A new SQLite database in a new temporary folder.</summary>
    public static TestDatabase Sqlite()
    {
        var directory = Directory.CreateTempSubdirectory("opendti-test").FullName;
        return new TestDatabase("Sqlite", "Data Source=" + Path.Combine(directory, "opendti.db"), directory, null, null);
    }

    /// <summary>
    /// Makes this (SQLite, not yet opened) database a copy of the one in <paramref name="template"/>'s folder:
    /// a database migrated and seeded once serves every test that starts from the same state.
    /// </summary>
    public void CopyFrom(TestDatabase template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (Provider != "Sqlite" || template.Provider != "Sqlite")
        {
            throw new InvalidOperationException("Only a SQLite database is copied.");
        }

        // Every connection to the template is closed: SQLite has written its journal back into the file.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            var from = Path.Combine(template.DataDirectory, "opendti.db" + suffix);
            if (File.Exists(from))
            {
                File.Copy(from, Path.Combine(DataDirectory, "opendti.db" + suffix), overwrite: true);
            }
        }
    }

    /// <summary>A new PostgreSQL database, or a skip saying how to enable PostgreSQL tests.</summary>
    public static async Task<TestDatabase> PostgresAsync()
    {
        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(admin))
        {
            Assert.Skip($"PostgreSQL tests skipped: set {PostgresVariable} to an admin connection string (.ci/run does).");
        }

        var name = "opendti_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        var directory = Directory.CreateTempSubdirectory("opendti-test").FullName;
        return new TestDatabase("Postgres", builder.ConnectionString, directory, admin, name);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_adminConnection is not null && Name is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_adminConnection);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temporary folder is cleaned by the system.
        }
    }
}
