using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace OpenDti.Data;

/// <summary>Registers the database with the chosen provider and its migrations.</summary>
public static class DatabaseRegistration
{
    /// <summary>The assembly holding the SQLite migrations.</summary>
    public const string SqliteMigrationsAssembly = "OpenDti.Data.Sqlite";

    /// <summary>The assembly holding the PostgreSQL migrations.</summary>
    public const string PostgresMigrationsAssembly = "OpenDti.Data.Postgres";

    /// <summary>Configures <paramref name="builder"/> for <paramref name="provider"/> and <paramref name="connectionString"/>.</summary>
    public static TBuilder UseOpenDtiDatabase<TBuilder>(this TBuilder builder, DatabaseProvider provider, string connectionString)
        where TBuilder : DbContextOptionsBuilder
    {
        if (provider == DatabaseProvider.Postgres)
        {
            builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));
        }
        else
        {
            builder.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));

            // SQLite changes a column by rebuilding its table, with foreign keys off outside the migration's
            // transaction, and EF warns about it on every new database as if something had gone wrong. The
            // migrations are tested from empty and from each earlier version on both providers, and the start-up
            // lock keeps other instances out while they run: the warnings only alarm whoever starts OpenDti.
            builder.ConfigureWarnings(warnings => warnings.Ignore(
                RelationalEventId.NonTransactionalMigrationOperationWarning,
                SqliteEventId.TableRebuildPendingWarning));
            builder.AddInterceptors(Storage.SqliteTuning.Instance);
        }

        builder.AddInterceptors(Storage.TextLimits.Instance);
        return builder;
    }

    /// <summary>The SQLite connection string for a data directory.</summary>
    public static string SqliteConnectionString(string dataDirectory) =>
        "Data Source=" + Path.Combine(dataDirectory, "opendti.db");

    /// <summary>Adds <see cref="OpenDtiDbContext"/> to <paramref name="services"/>.</summary>
    public static IServiceCollection AddOpenDtiDatabase(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        // One watch per process: /health reports the last save the disk refused until one succeeds.
        services.TryAddSingleton(sp => new Storage.StorageWatch(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services.AddDbContext<OpenDtiDbContext>((sp, options) =>
            options.UseOpenDtiDatabase(provider, connectionString).AddInterceptors(sp.GetRequiredService<Storage.StorageWatch>()));
    }
}
