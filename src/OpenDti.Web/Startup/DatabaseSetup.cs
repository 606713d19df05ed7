using OpenDti.Application;
using OpenDti.Data;

namespace OpenDti.Web.Startup;

/// <summary>The database (SQLite in the data directory by default, PostgreSQL by configuration) and the use cases.</summary>
public static class DatabaseSetup
{
    /// <summary>Registers the database, its health check and the application layer.</summary>
    public static WebApplicationBuilder AddOpenDtiDatabase(this WebApplicationBuilder builder)
    {
        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = database.ConnectionString;
        if (database.Provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(connectionString))
        {
            var directory = builder.Settings().DataDirectory;
            Directory.CreateDirectory(directory);
            connectionString = DatabaseRegistration.SqliteConnectionString(directory);
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException("OpenDti:Database:ConnectionString is required for PostgreSQL.");
        }

        builder.Services.AddOpenDtiDatabase(database.Provider, connectionString);
        builder.Services.AddOpenDtiApplication();
        builder.Services.AddSingleton<AuditHealthCheck>();
        builder.Services.AddHealthChecks()
            .AddDbContextCheck<OpenDtiDbContext>("database")
            .AddCheck<StorageHealthCheck>("storage")
            .AddCheck<AuditHealthCheck>("audit");
        return builder;
    }
}
