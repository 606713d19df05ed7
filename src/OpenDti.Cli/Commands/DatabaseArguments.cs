using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application;
using OpenDti.Application.Accounts;
using OpenDti.Data;
using OpenDti.Data.Identity;

namespace OpenDti.Cli.Commands;

/// <summary>
/// The options of commands that open the web application's database: <c>--data-directory</c> (SQLite,
/// the default) or <c>--database postgres --connection-string "…"</c>, and the services they run with.
/// </summary>
internal sealed class DatabaseArguments
{
    private readonly Text _text;

    public DatabaseArguments(Text text)
    {
        _text = text;
        DataDirectory = new Option<string>("--data-directory") { Description = text["DataDirectoryOption"], DefaultValueFactory = _ => "./data" };
        Database = new Option<string>("--database") { Description = text["DatabaseOption"], DefaultValueFactory = _ => "sqlite" };
        Database.AcceptOnlyFromAmong("sqlite", "postgres");
        ConnectionString = new Option<string?>("--connection-string") { Description = text["ConnectionStringOption"] };
    }

    public Option<string> DataDirectory { get; }

    public Option<string> Database { get; }

    public Option<string?> ConnectionString { get; }

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(DataDirectory);
        command.Options.Add(Database);
        command.Options.Add(ConnectionString);
    }

    /// <summary>
    /// The services of the database the options name. With <paramref name="create"/> a missing SQLite data
    /// directory is created; without it, a missing database is an error (a check must not make one).
    /// </summary>
    public ServiceProvider Services(ParseResult parse, bool create)
    {
        var provider = parse.GetValue(Database) == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
        var connection = parse.GetValue(ConnectionString);
        if (provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(connection))
        {
            var directory = Path.GetFullPath(parse.GetValue(DataDirectory)!);
            if (create)
            {
                Directory.CreateDirectory(directory);
            }
            else if (!File.Exists(Path.Combine(directory, "opendti.db")))
            {
                throw new CliException(_text.Get("DatabaseNotFound", Path.Combine(directory, "opendti.db")));
            }

            connection = DatabaseRegistration.SqliteConnectionString(directory);
        }

        if (string.IsNullOrWhiteSpace(connection))
        {
            throw new CliException(_text["ConnectionStringRequired"], 2);
        }

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOpenDtiDatabase(provider, connection);
        services.AddOpenDtiApplication();
        services.AddIdentityCore<AppUser>(IdentityRules.Apply)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<OpenDtiDbContext>()
            .AddOpenDtiPasswordPolicy();
        return services.BuildServiceProvider();
    }
}
