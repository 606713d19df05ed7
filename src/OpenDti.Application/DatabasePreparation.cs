using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Frameworks;
using OpenDti.Data;
using OpenDti.Data.Identity;

namespace OpenDti.Application;

/// <summary>
/// What every start needs, for the web application and the command line alike: the migrations of
/// the configured provider (never <c>EnsureCreated</c>), the roles and the built-in frameworks.
/// </summary>
public static class DatabasePreparation
{
    /// <summary>Brings the database up to date.</summary>
    public static async Task PrepareAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await services.GetRequiredService<OpenDtiDbContext>().Database.MigrateAsync(cancellationToken);
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        await services.GetRequiredService<FrameworkCatalog>().ImportBuiltInAsync(cancellationToken);
    }
}
