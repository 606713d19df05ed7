using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application;
using OpenDti.Application.Access;
using OpenDti.Application.Accounts;
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
        var databaseArguments = new DatabaseArguments(text);

        var create = new Command("create", text["AdminCreate"]) { user, email, passwordStdin };
        databaseArguments.AddTo(create);
        create.SetAction(async (parse, cancellationToken) =>
        {
            var password = parse.GetValue(passwordStdin) ? Console.In.ReadLine() : Environment.GetEnvironmentVariable(PasswordVariable);
            if (string.IsNullOrEmpty(password))
            {
                throw new CliException(text.Get("AdminNoPassword", PasswordVariable));
            }

            await using var services = databaseArguments.Services(parse, create: true);
            await using var scope = services.CreateAsyncScope();
            await DatabasePreparation.PrepareAsync(scope.ServiceProvider, cancellationToken: cancellationToken);
            var created = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync(
                Actor.System("opendti admin create", Data.Audit.AuditChannel.Cli), parse.GetValue(user)!, password, Roles.Administrator, null, email: parse.GetValue(email), cancellationToken: cancellationToken);
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
}
