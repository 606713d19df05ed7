using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenDti.Application.Demo;
using OpenDti.Application.Frameworks;
using OpenDti.Data;
using OpenDti.Data.Identity;

namespace OpenDti.Web.Startup;

/// <summary>
/// What happens at start-up: migrations (never <c>EnsureCreated</c>), the roles, the built-in
/// frameworks, the first administrator from configuration, and the demo province when asked for.
/// </summary>
public static class Initialization
{
    /// <summary>Brings the database up to date and fills what a first run needs.</summary>
    public static async Task InitializeOpenDtiAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var services = scope.ServiceProvider;
        var settings = services.GetRequiredService<IOptions<OpenDtiSettings>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("OpenDti");

        await services.GetRequiredService<OpenDtiDbContext>().Database.MigrateAsync();
        await EnsureRolesAsync(services.GetRequiredService<RoleManager<IdentityRole>>());
        await services.GetRequiredService<FrameworkCatalog>().ImportBuiltInAsync();

        if (!string.IsNullOrWhiteSpace(settings.Admin.UserName) && !string.IsNullOrWhiteSpace(settings.Admin.Password))
        {
            await EnsureAdministratorAsync(services.GetRequiredService<UserManager<AppUser>>(), settings.Admin.UserName, settings.Admin.Password, logger);
        }

        if (settings.Demo)
        {
            await SeedDemoAsync(services, logger);
        }
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

    private static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    private static async Task EnsureAdministratorAsync(UserManager<AppUser> users, string userName, string password, ILogger logger)
    {
        if (await users.FindByNameAsync(userName) is not null)
        {
            return;
        }

        var user = new AppUser { UserName = userName, DisplayName = userName };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(
                "OpenDti:Admin could not be created: " + string.Join("; ", created.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, Roles.Administrator);
        Log.AdministratorCreated(logger, userName);
    }
}
