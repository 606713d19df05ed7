using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using OpenDti.Application.Frameworks;
using OpenDti.Data;
using OpenDti.Data.Identity;

namespace OpenDti.Application;

/// <summary>
/// What every start needs, for the web application and the command line alike: the migrations of
/// the configured provider (never <c>EnsureCreated</c>), audit entries of an earlier version sealed into
/// the chain, the roles and the built-in frameworks; one instance at a time (<see cref="StartupLock"/>).
/// </summary>
public static class DatabasePreparation
{
    /// <summary>
    /// Brings the database up to date, then runs <paramref name="andThen"/> (the first administrator, the
    /// demo) while still holding the start-up lock, so that instances starting together do not race.
    /// </summary>
    public static async Task PrepareAsync(IServiceProvider services, Func<Task>? andThen = null, CancellationToken cancellationToken = default)
    {
        var db = services.GetRequiredService<OpenDtiDbContext>();
        await using var exclusive = await StartupLock.AcquireAsync(db, cancellationToken);
        // EF reads the migrations history before it creates the table, and logs that read as a failed
        // command on an empty PostgreSQL database: creating the table first (if it is not there) keeps a
        // normal first start free of an alarming "fail:" line.
        await Data.Storage.SqliteTuning.UseWriteAheadLogAsync(db, cancellationToken);
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        await Data.Audit.AuditChain.SealEarlierEntriesAsync(db, cancellationToken);
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        await services.GetRequiredService<FrameworkCatalog>().ImportBuiltInAsync(cancellationToken);
        if (andThen is not null)
        {
            await andThen();
        }
    }
}
