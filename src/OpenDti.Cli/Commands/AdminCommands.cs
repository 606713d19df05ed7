using System.CommandLine;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application;
using OpenDti.Application.Access;
using OpenDti.Application.Accounts;
using OpenDti.Data;
using OpenDti.Data.Identity;

namespace OpenDti.Cli.Commands;

/// <summary>
/// <c>opendti admin create --user NAME [--email ADDRESS]</c>: the first administrator of a database, outside demo mode.
/// The password comes from standard input (<c>--password-stdin</c>) or <c>OPENDTI_ADMIN_PASSWORD</c>,
/// never from the command line, which shells keep in their history.
/// </summary>
internal static class AdminCommands
{
    /// <summary>The environment variable holding the new administrator's password.</summary>
    public const string PasswordVariable = "OPENDTI_ADMIN_PASSWORD";

    public static Command Build(CliContext context)
    {
        var text = context.Text;
        var user = new Option<string>("--user") { Description = text["AdminUser"], Required = true };
        var email = new Option<string?>("--email") { Description = text["AdminEmail"] };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = text["AdminPasswordStdin"] };
        var dataDirectory = new Option<string>("--data-directory") { Description = text["DataDirectoryOption"], DefaultValueFactory = _ => "./data" };
        var database = new Option<string>("--database") { Description = text["DatabaseOption"], DefaultValueFactory = _ => "sqlite" };
        database.AcceptOnlyFromAmong("sqlite", "postgres");
        var connectionString = new Option<string?>("--connection-string") { Description = text["ConnectionStringOption"] };

        var create = new Command("create", text["AdminCreate"]) { user, email, passwordStdin, dataDirectory, database, connectionString };
        create.SetAction(async (parse, cancellationToken) =>
        {
            var password = parse.GetValue(passwordStdin) ? Console.In.ReadLine() : Environment.GetEnvironmentVariable(PasswordVariable);
            if (string.IsNullOrEmpty(password))
            {
                throw new CliException(text.Get("AdminNoPassword", PasswordVariable));
            }

            var provider = parse.GetValue(database) == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;
            var connection = parse.GetValue(connectionString);
            if (provider == DatabaseProvider.Sqlite && string.IsNullOrWhiteSpace(connection))
            {
                var directory = Path.GetFullPath(parse.GetValue(dataDirectory)!);
                Directory.CreateDirectory(directory);
                connection = DatabaseRegistration.SqliteConnectionString(directory);
            }

            if (string.IsNullOrWhiteSpace(connection))
            {
                throw new CliException(text["ConnectionStringRequired"], 2);
            }

            await using var services = Services(provider, connection);
            await using var scope = services.CreateAsyncScope();
            await DatabasePreparation.PrepareAsync(scope.ServiceProvider, cancellationToken);
            var created = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync(
                Actor.System("opendti admin create"), parse.GetValue(user)!, password, Roles.Administrator, null, email: parse.GetValue(email), cancellationToken: cancellationToken);
            if (!created.Succeeded)
            {
                foreach (var problem in created.Problems)
                {
                    context.Error.WriteLine($"{text["ErrorPrefix"]}: {problem.Message.ToString(text.Language)}");
                }

                throw new CliException(created.Message!.ToString(text.Language));
            }

            context.Output.WriteLine(text.Get("AdminCreated", created.Value!.UserName));
            return 0;
        });

        var admin = new Command("admin", text["AdminCommand"]);
        admin.Subcommands.Add(create);
        return admin;
    }

    private static ServiceProvider Services(DatabaseProvider provider, string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddOpenDtiDatabase(provider, connectionString);
        services.AddOpenDtiApplication();
        services.AddIdentityCore<AppUser>(IdentityRules.Apply)
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<OpenDtiDbContext>()
            .AddOpenDtiPasswordPolicy();
        return services.BuildServiceProvider();
    }
}
