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
    private readonly string _directory;

    private TestDatabase(string directory, ServiceProvider services)
    {
        _directory = directory;
        Services = services;
    }

    /// <summary>The root provider.</summary>
    public ServiceProvider Services { get; }

    /// <summary>Creates, migrates and fills the roles of a fresh database.</summary>
    public static async Task<TestDatabase> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "opendti-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOpenDtiDatabase(DatabaseProvider.Sqlite, "Data Source=" + Path.Combine(directory, "opendti.db"));
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
            await scope.ServiceProvider.GetRequiredService<OpenDtiDbContext>().Database.MigrateAsync();
            var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
            foreach (var role in Roles.All)
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        return new TestDatabase(directory, provider);
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
