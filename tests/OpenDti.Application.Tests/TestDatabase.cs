using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Accounts;
using OpenDti.Data;
using OpenDti.Data.Identity;

namespace OpenDti.Application.Tests;

/// <summary>
/// A SQLite database in a temporary folder with the migrations applied, the roles created and the
/// services the web application registers (database, use cases, Identity core).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    /// <summary>The environment variable naming a PostgreSQL server (an admin connection string), as the web tests read it.</summary>
    public const string PostgresVariable = "OPENDTI_TEST_POSTGRES";

    /// <summary>The providers a test runs on: SQLite always, PostgreSQL when <see cref="PostgresVariable"/> is set (skipped otherwise).</summary>
    public static Xunit.TheoryData<string> Providers => new("Sqlite", "Postgres");

    private readonly string _directory;

    private readonly (string Admin, string Name)? _postgres;

    private TestDatabase(string directory, ServiceProvider services, (string Admin, string Name)? postgres = null)
    {
        _directory = directory;
        Services = services;
        _postgres = postgres;
    }

    /// <summary>The root provider.</summary>
    public ServiceProvider Services { get; }

    /// <summary>Creates, migrates and fills the roles of a fresh database.</summary>
    public static Task<TestDatabase> CreateAsync() => CreateAsync("Sqlite");

    /// <summary>
    /// Creates, migrates and fills the roles of a fresh database of <paramref name="databaseProvider"/> ("Sqlite" or "Postgres":
    /// a new database on the server of <see cref="PostgresVariable"/>, the test skipped, with the reason, when it is not set).
    /// </summary>
    public static async Task<TestDatabase> CreateAsync(string databaseProvider)
    {
        var directory = Path.Combine(Path.GetTempPath(), "opendti-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var services = new ServiceCollection();
        services.AddLogging();
        (string Admin, string Name)? postgres = null;
        if (databaseProvider == "Postgres")
        {
            var admin = Environment.GetEnvironmentVariable(PostgresVariable);
            if (string.IsNullOrWhiteSpace(admin))
            {
                Directory.Delete(directory);
                Xunit.Assert.Skip($"PostgreSQL tests skipped: set {PostgresVariable} to an admin connection string (.ci/run does).");
            }

            var name = "opendti_app_test_" + Guid.NewGuid().ToString("N")[..12];
            await using (var connection = new Npgsql.NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var command = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await command.ExecuteNonQueryAsync();
            }

            postgres = (admin, name);
            services.AddOpenDtiDatabase(DatabaseProvider.Postgres, new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString);
        }
        else
        {
            services.AddOpenDtiDatabase(DatabaseProvider.Sqlite, "Data Source=" + Path.Combine(directory, "opendti.db"));
        }

        services.AddOpenDtiApplication();
        var clock = new TestClock();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton(clock);
        services.AddIdentityCore<AppUser>(IdentityRules.Apply)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<OpenDtiDbContext>()
            .AddOpenDtiPasswordPolicy();
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });

        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>();
            await Data.Storage.SqliteTuning.UseWriteAheadLogAsync(db); // as DatabasePreparation does at every start
            await db.Database.MigrateAsync();
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var role in Roles.All)
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        return new TestDatabase(directory, provider, postgres);
    }

    /// <summary>Runs <paramref name="action"/> in a scope of its own.</summary>
    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_postgres is { } postgres)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await using var connection = new Npgsql.NpgsqlConnection(postgres.Admin);
            await connection.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {postgres.Name} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }

        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on some platform: the temporary folder is cleaned up later.
        }
    }
}
