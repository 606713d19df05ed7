using Microsoft.Extensions.Options;
using OpenDti.Application;
using OpenDti.Application.Access;
using OpenDti.Application.Accounts;
using OpenDti.Application.Demo;
using OpenDti.Data.Identity;

namespace OpenDti.Web.Startup;

/// <summary>
/// What happens at start-up: migrations (never <c>EnsureCreated</c>), the roles and the built-in
/// frameworks (<see cref="DatabasePreparation"/>, shared with the command line), the first administrator from
/// configuration, and the demo province when asked for.
/// </summary>
public static class Initialization
{
    /// <summary>
    /// Brings the database up to date and fills what a first run needs; null when done. Otherwise the exit code, with
    /// one clear line in the log and no stack trace: 74 (EX_IOERR) when the database cannot be written (a full disk, a
    /// read-only data folder), 69 (EX_UNAVAILABLE) when it cannot be reached or refuses the connection (a wrong
    /// password, no such database, PostgreSQL not running): the application then stops.
    /// </summary>
    public static async Task<int?> InitializeOpenDtiAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var settings = services.GetRequiredService<IOptions<OpenDtiSettings>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("OpenDti");

        try
        {
            // The first administrator and the demo are made under the start-up lock too: two instances
            // starting together on a new database would otherwise both create them.
            await DatabasePreparation.PrepareAsync(services, async () =>
            {
                if (!string.IsNullOrWhiteSpace(settings.Admin.UserName) && !string.IsNullOrWhiteSpace(settings.Admin.Password))
                {
                    await EnsureAdministratorAsync(services.GetRequiredService<AccountService>(), settings.Admin.UserName, settings.Admin.Password, logger);
                }

                if (settings.Demo)
                {
                    await SeedDemoAsync(services, logger);
                }
            });
        }
        catch (Exception exception) when (Data.Storage.StorageFailure.Of(exception) is { } problem)
        {
            var key = problem == Data.Storage.StorageProblem.Full ? "StorageFull" : "StorageReadOnly";
            var (reason, reasonInEnglish) = (Api.BadRequests.Text(Core.Text.Language.Vietnamese, key), Api.BadRequests.Text(Core.Text.Language.English, key));
            Log.StorageUnavailableAtStart(logger, reason, reasonInEnglish, settings.DataDirectory);
            return 74;
        }
        catch (System.Data.Common.DbException exception)
        {
            // Not the disk: the server cannot be reached or refuses the connection. Its message names the cause (never the password).
            var database = app.Configuration.GetSection(Data.DatabaseOptions.Section).Get<Data.DatabaseOptions>() ?? new Data.DatabaseOptions();
            var provider = database.Provider.ToString();
            Log.DatabaseUnavailableAtStart(logger, provider, exception.Message);
            return 69;
        }

        return null;
    }

    /// <summary>
    /// Seeds the demo province into an empty database, and says on the console which demo accounts
    /// exist, whether they were created now or on an earlier run.
    /// </summary>
    private static async Task SeedDemoAsync(IServiceProvider services, ILogger logger)
    {
        var demo = await DemoProvince.SeedAsync(services);
        if (demo.Seeded)
        {
            Log.DemoSeeded(logger, demo.Units, demo.Periods, demo.Values);
        }

        if (demo.Accounts.Count > 0)
        {
            var accounts = demo.DescribeAccounts();
            Log.DemoAccounts(logger, DemoProvince.Password, accounts);
        }
    }

    /// <summary>Creates <c>OpenDti:Admin</c> unless the account exists; a refused password stops the start with the reason.</summary>
    private static async Task EnsureAdministratorAsync(AccountService accounts, string userName, string password, ILogger logger)
    {
        var created = await accounts.CreateAsync(Actor.System("OpenDti:Admin"), userName, password, Roles.Administrator, null);
        if (created.Succeeded)
        {
            Log.AdministratorCreated(logger, userName);
        }
        else if (created.Status != OutcomeStatus.Conflict)
        {
            throw new InvalidOperationException(
                "OpenDti:Admin: " + created.Message + ": " + string.Join("; ", created.Problems.Select(p => p.Message.ToString())));
        }
    }
}
